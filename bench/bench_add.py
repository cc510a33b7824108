"""Whole-process time of `bulletin add` against a plain script doing parse, append, rename.

Run:  python bench/bench_add.py [ROUNDS]
Each round copies the example issue to a fresh folder and runs the two commands back to back
(paired runs, order alternating); the medians and their ratio are printed.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BULLETIN = [sys.executable, "-m", "bulletin_cli"]
PLAIN = """
import os, sys, tomllib, tomli_w
path = sys.argv[1]
with open(path, "rb") as handle:
    doc = tomllib.load(handle)
doc.setdefault("articles", []).append(
    {"section": "工作动态", "title": "基准稿件", "sources": ["研究室"], "body": "正文。\\n"}
)
temp = path + ".tmp"
with open(temp, "wb") as handle:
    tomli_w.dump(doc, handle, multiline_strings=True)
os.replace(temp, path)
"""
ADD_ARGS = ["-s", "工作动态", "-t", "基准稿件", "-u", "研究室", "-b", "正文。"]


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(rounds: int) -> None:
    ours: list[float] = []
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(REPO / "bulletin.toml", work / "bulletin.toml")
        for index in range(rounds):
            issue = work / "issue.toml"
            shutil.copy(REPO / "issues" / "2012-01.toml", issue)
            runs = [
                (ours, [*BULLETIN, "add", str(issue), *ADD_ARGS]),
                (plain, [sys.executable, "-c", PLAIN, str(issue)]),
            ]
            for times, command in runs if index % 2 == 0 else reversed(runs):
                times.append(_timed(command))
    ours_ms = statistics.median(ours) * 1000
    plain_ms = statistics.median(plain) * 1000
    print(f"bulletin add (whole process): median {ours_ms:.1f} ms over {rounds} runs")
    print(f"plain parse-append-rename:    median {plain_ms:.1f} ms over {rounds} runs")
    print(f"ratio: {ours_ms / plain_ms:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

"""What a Chinese word segmenter would cost ``bulletin export``, against the title heuristic.

    .venv/bin/python bench/bench_segmenter.py [--rounds R]

Each measurement runs in a fresh process (R rounds, median): importing jieba and loading its
dictionary (``jieba.initialize()``, which reads or builds its cache), importing rjieba (the
dictionary is built at import), and importing ``bulletin_cli.export.titles`` (the heuristic,
after the package it belongs to) and breaking a long title 20 times. A segmenter not installed is reported as such. Not a test:
nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBES = {
    "jieba: import + dictionary": (
        "import time; t = time.perf_counter(); import jieba; jieba.setLogLevel(60); "
        "jieba.initialize(); print((time.perf_counter() - t) * 1000)"
    ),
    "rjieba: import (dictionary built)": (
        "import time; t = time.perf_counter(); import rjieba; rjieba.cut('预热'); "
        "print((time.perf_counter() - t) * 1000)"
    ),
    "titles heuristic: import + 20 titles": (
        "import time, bulletin_cli.export; t = time.perf_counter(); "
        "from bulletin_cli.export.titles import break_title; "
        "[break_title('2012年春节“送温暖”活动在市工人文化宫启动', 20.0) for _ in range(20)]; "
        "print((time.perf_counter() - t) * 1000)"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    for label, code in PROBES.items():
        times: list[float] = []
        for _ in range(args.rounds):
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                break
            times.append(float(done.stdout.strip().splitlines()[-1]))
        shown = f"{statistics.median(times):8.1f} ms" if times else "  not installed"
        print(f"{label:40s}{shown}")


if __name__ == "__main__":
    main()

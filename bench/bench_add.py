"""Whole-process time of `bulletin add` against a plain script doing parse, append, rename.

    python bench/bench_add.py [--bulletin EXECUTABLE] [--rounds N]

Measure an ordinary (non-editable) install: an editable install adds its import finder to
every start. For example::

    python3 -m venv /tmp/bv && /tmp/bv/bin/pip install .
    python3 bench/bench_add.py --bulletin /tmp/bv/bin/bulletin

The plain script, and the floors, run with the Python beside EXECUTABLE (the same venv: the
script needs tomli-w). Each round copies the example issue afresh before every command and
runs the commands back to back, the order alternating (paired runs). Printed: the medians
(wall and CPU time), the target ratio (bulletin add / plain script, at most 2.5), and floors
that show where the time goes: Python starting, a one-command Typer app, and the same append
through bulletin's Python API without Typer. The processes run in a temporary folder (run from
the repository, ``python -c`` would import the package from its source tree instead). Not a
test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import load_note, paired, paired_ratio, report

REPO = Path(__file__).resolve().parent.parent
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
ONE_COMMAND_TYPER = """
import typer
app = typer.Typer()
@app.command()
def add(path: str, title: str = "") -> None:
    pass
app()
"""
API = """
import sys
from bulletin_cli import add_article
add_article(sys.argv[1], section="工作动态", title="基准稿件", sources=["研究室"], body="正文。")
"""
ADD_ARGS = ["-s", "工作动态", "-t", "基准稿件", "-u", "研究室", "-b", "正文。"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletin", help="the bulletin executable (default: beside python)")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--no-floors", action="store_true", help="only the two target runs")
    args = parser.parse_args()
    bulletin = Path(args.bulletin or Path(sys.executable).parent / "bulletin")
    python = bulletin.parent / "python"
    if not python.exists():
        python = Path(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(REPO / "bulletin.toml", work / "bulletin.toml")
        issue = work / "issue.toml"
        commands = {
            "bulletin add": [str(bulletin), "add", str(issue), *ADD_ARGS],
            "plain tomllib + tomli-w script": [str(python), "-c", PLAIN, str(issue)],
        }
        if not args.no_floors:
            commands |= {
                "floor: python -c pass": [str(python), "-c", "pass"],
                "floor: one-command Typer app": [str(python), "-c", ONE_COMMAND_TYPER, "x"],
                "floor: add_article() via the API": [str(python), "-c", API, str(issue)],
            }

        def fresh(_name: str) -> None:
            shutil.copy(REPO / "issues" / "2012-01.toml", issue)

        results = paired(commands, args.rounds, before_each=fresh, cwd=folder)
    print(f"measured {bulletin} ({load_note()})")
    report(results, args.rounds)
    ours, plain = results[0], results[1]
    print(
        f"bulletin add / plain: {ours.wall_ms / plain.wall_ms:.2f} (medians), "
        f"{paired_ratio(ours, plain):.2f} (median of paired ratios), "
        f"CPU {ours.cpu_ms / plain.cpu_ms:.2f}; target at most 2.5"
    )
    for floor in results[2:]:
        print(f"{floor.name} / plain: {floor.wall_ms / plain.wall_ms:.2f}")


if __name__ == "__main__":
    main()

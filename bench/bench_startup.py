"""Whole-process start-up of `bulletin add` and `bulletin export` against a do-nothing Typer app.

    python bench/bench_startup.py [--bulletin EXECUTABLE] [--rounds N]

Measure an ordinary (non-editable) install, as in bench_add.py. Each round runs, back to back
and in alternating order (paired runs): `bulletin add` of one article to a fresh copy of the
example issue, `bulletin export` of the example (its DOCX written into a temporary folder), and
a one-command Typer app that parses its argument and does nothing. Printed: the medians (wall
and CPU) and, for each command, the median of its per-round ratios to the Typer app, beside
the targets (add at most 1.5, export at most 1.6). ``--baseline EXECUTABLE`` adds the same two
commands of another install (e.g. before a change) to the same paired rounds. Not a test:
nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import load_note, paired, paired_ratio, report

REPO = Path(__file__).resolve().parent.parent
DO_NOTHING_TYPER = """
import typer
app = typer.Typer()
@app.command()
def run(path: str) -> None:
    pass
app()
"""
ADD_ARGS = ["-s", "工作动态", "-t", "基准稿件", "-u", "研究室", "-b", "正文。"]
TARGETS = {"add": 1.5, "export": 1.6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletin", help="the bulletin executable (default: beside python)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--baseline", help="another bulletin executable, timed alongside")
    args = parser.parse_args()
    bulletin = Path(args.bulletin or Path(sys.executable).parent / "bulletin")
    python = bulletin.parent / "python"
    if not python.exists():
        python = Path(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(REPO / "bulletin.toml", work / "bulletin.toml")
        (work / "issues").mkdir()
        example = work / "issues" / "2012-01.toml"
        shutil.copy(REPO / "issues" / "2012-01.toml", example)
        scratch = work / "scratch.toml"
        programs = {"bulletin": bulletin}
        if args.baseline:
            programs["baseline"] = Path(args.baseline)
        commands: dict[str, list[str]] = {}
        for label, program in programs.items():
            commands[f"{label} add"] = [str(program), "add", str(scratch), *ADD_ARGS]
            out = str(work / "x.docx")
            commands[f"{label} export"] = [str(program), "export", str(example), "-o", out]
        commands["do-nothing Typer app"] = [str(python), "-c", DO_NOTHING_TYPER, "x"]

        def fresh(name: str) -> None:
            if name.endswith(" add"):
                shutil.copy(example, scratch)

        results = paired(commands, args.rounds, before_each=fresh, cwd=folder)
    print(f"measured {bulletin} ({load_note()})")
    report(results, args.rounds)
    floor = results[-1]
    for ours in results[:-1]:
        print(
            f"{ours.name} / Typer app: {paired_ratio(ours, floor):.2f} (median of paired "
            f"ratios), CPU {ours.cpu_ms / floor.cpu_ms:.2f}; "
            f"target at most {TARGETS[ours.name.split()[-1]]}"
        )


if __name__ == "__main__":
    main()

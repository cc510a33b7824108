"""Where the start-up of `bulletin add` and `bulletin export` goes: our modules' import time.

    python bench/bench_startup_costs.py [--bulletin EXECUTABLE] [--runs N]

Runs each command N times under ``python -X importtime`` (in a temporary copy of the example
folder) and prints, per module of bulletin_cli, the smallest self time seen (the least
disturbed by other work on the machine), the total for bulletin_cli, Typer and the rest, and
how many dataclasses, records and regular expressions the command builds while it starts.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "add": [
        "add",
        "issues/2012-01.toml",
        "-s",
        "工作动态",
        "-t",
        "甲",
        "-u",
        "研究室",
        "-b",
        "乙。",
    ],
    "export": ["export", "issues/2012-01.toml", "-o", "x.docx"],
}
PROBE = """
import dataclasses, re, sys
counts = [0, 0, 0]
process_class, compile_ = dataclasses._process_class, re._compile
def counted_class(*args, **kwargs):
    counts[0] += 1
    return process_class(*args, **kwargs)
def counted_compile(pattern, flags):
    if not isinstance(pattern, re.Pattern) and (type(pattern), pattern, flags) not in re._cache:
        counts[1] += 1
    return compile_(pattern, flags)
dataclasses._process_class, re._compile = counted_class, counted_compile
sys.argv = ["bulletin", *sys.argv[1:]]
import bulletin_cli.records as records
build = records._build
def counted_record(*args, **kwargs):
    counts[2] += 1
    return build(*args, **kwargs)
records._build = counted_record
from bulletin_cli.cli import main
try:
    main()
finally:
    print(f"COUNTS {counts[0]} {counts[1]} {counts[2]}", file=sys.stderr)
"""
LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletin", help="the bulletin executable (default: beside python)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bulletin = Path(args.bulletin or Path(sys.executable).parent / "bulletin")
    python = bulletin.parent / "python"
    for name, command in COMMANDS.items():
        least: dict[str, int] = defaultdict(lambda: 1 << 60)
        counts = ""
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                shutil.copy(REPO / "bulletin.toml", folder)
                shutil.copytree(REPO / "issues", Path(folder) / "issues")
                done = subprocess.run(
                    [str(python), "-X", "importtime", "-c", PROBE, *command],
                    cwd=folder,
                    capture_output=True,
                    text=True,
                    check=False,
                )
            for match in LINE.finditer(done.stderr):
                least[match[2]] = min(least[match[2]], int(match[1]))
            counts = next(
                (line for line in done.stderr.splitlines() if line.startswith("COUNTS")), ""
            )
        groups: dict[str, int] = defaultdict(int)
        for module, micros in least.items():
            groups[
                module.split(".")[0]
                if module.split(".")[0] in ("bulletin_cli", "typer")
                else "other"
            ] += micros
        _, classes, patterns, made = counts.split() if counts else ("", "?", "?", "?")
        print(f"bulletin {name}: import self time, least of {args.runs} runs (ms):")
        print("  " + ", ".join(f"{group} {micros / 1000:.1f}" for group, micros in groups.items()))
        print(
            f"  dataclasses built: {classes}; records defined: {made}; "
            f"regular expressions compiled: {patterns}"
        )
        ours = sorted(
            ((m, v) for m, v in least.items() if m.startswith("bulletin_cli")),
            key=lambda item: -item[1],
        )
        for module, micros in ours[:12]:
            print(f"  {micros / 1000:6.2f}  {module}")


if __name__ == "__main__":
    main()

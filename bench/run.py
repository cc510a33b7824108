"""Run every measurement of docs/performance.md, one after the other.

    python3 -m venv /tmp/bv && /tmp/bv/bin/pip install .
    /tmp/bv/bin/python bench/run.py [--quick] [ONLY ...]

Run it with the Python of an ordinary (non-editable) install: the whole-process benches
time the ``bulletin`` beside that Python. ONLY names some of: add, startup, startup-costs,
pandoc, batch, check, export, stats, preview. ``--quick`` takes fewer rounds (a smoke run, not
figures to record). Each bench prints its medians; none asserts anything.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {
    "add": ("bench_add.py", ["--rounds", "60"], ["--rounds", "5"]),
    "startup": ("bench_startup.py", ["--rounds", "40"], ["--rounds", "3"]),
    "startup-costs": ("bench_startup_costs.py", ["--runs", "10"], ["--runs", "2"]),
    "pandoc": ("bench_pandoc.py", ["--rounds", "40"], ["--rounds", "3"]),
    "batch": ("bench_batch.py", ["--rounds", "15"], ["--rounds", "2"]),
    "check": ("bench_check.py", [], []),
    "export": ("bench_export.py", [], []),
    "stats": ("bench_stats.py", ["--rounds", "7"], ["--rounds", "1"]),
    "import": ("bench_import.py", ["--rounds", "30"], ["--rounds", "3"]),
    "preview": ("bench_preview.py", ["--rounds", "5"], ["--rounds", "1"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", choices=[*BENCHES, []], metavar="ONLY")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} at {sys.executable}")
    for name in args.only or BENCHES:
        script, full, quick = BENCHES[name]
        print(f"\n== {name}: bench/{script}", flush=True)
        command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()

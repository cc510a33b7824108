"""Batch export inside one process: milliseconds per issue for copies of the example issue.

    python bench/bench_batch.py [--issues N] [--rounds R]   (N defaults to 100)

N copies of the example issue (distinct 期号 and 总第N期, so no rule objects) in one folder are
exported R times with ``bulletin_cli.api.export_issues``, what ``bulletin export issues -o out``
runs: per issue, read and parse, every check rule (siblings included), the GB2312 scan, the DOCX and its
atomic write. Printed: the median per issue of the whole batch, and of its parts measured
separately on the same issues (load, check, build_docx, and within build_docx the zip alone:
``package_bytes`` of the document's XML, already generated). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bulletin_cli.api import export_issues
from bulletin_cli.check.engine import check_loaded
from bulletin_cli.check.rules.issue import sibling_snapshot
from bulletin_cli.export.package import FIXED_DATE, core_xml, package_bytes
from bulletin_cli.export.writer import build_docx, document_chunks, layout_of
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.profile import profile_for

REPO = Path(__file__).resolve().parent.parent


def _copies(folder: Path, count: int) -> list[Path]:
    shutil.copy(REPO / "bulletin.toml", folder / "bulletin.toml")
    (folder / "issues").mkdir()
    text = (REPO / "issues" / "2012-01.toml").read_text(encoding="utf-8")
    paths = []
    for n in range(1, count + 1):
        copy = re.sub(r"(?m)^number = \d+", f"number = {n}", text, count=1)
        copy = re.sub(r"(?m)^total = \d+", f"total = {1000 + n}", copy, count=1)
        path = folder / "issues" / f"2012-{n:03d}.toml"
        path.write_text(copy, encoding="utf-8")
        paths.append(path)
    return paths


CPU: list[tuple[str, float]] = []
"""The median CPU time per issue (``time.process_time``) of each part, beside its wall time."""


def _per_issue(action: object, count: int, rounds: int) -> float:
    assert callable(action)
    times, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        times.append((time.perf_counter() - started) / count * 1000)
        cpu.append((time.process_time() - started_cpu) / count * 1000)
    CPU.append(("", statistics.median(cpu)))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        paths = _copies(folder, args.issues)
        out = folder / "out"
        outcomes = export_issues(paths, out).outcomes  # warm-up, and a check that all are written
        assert all(o.written and not o.errors for o in outcomes), "the copies should export"
        whole = _per_issue(lambda: export_issues(paths, out), args.issues, args.rounds)
        profile = profile_for(paths[0])
        loaded = [load_issue(path) for path in paths]

        def check_all() -> None:
            with sibling_snapshot():
                for item in loaded:
                    check_loaded(item, profile)

        load = _per_issue(lambda: [load_issue(p) for p in paths], args.issues, args.rounds)
        check = _per_issue(check_all, args.issues, args.rounds)
        build = _per_issue(
            lambda: [build_docx(item.issue, profile) for item in loaded], args.issues, args.rounds
        )
        layout = layout_of(profile)
        core = core_xml(title="bench", creator="bench", when=FIXED_DATE)
        documents = [list(document_chunks(item.issue, profile, layout)) for item in loaded]
        zip_only = _per_issue(
            lambda: [package_bytes(layout, chunks, core) for chunks in documents],
            args.issues,
            args.rounds,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    cpu = [value for _name, value in CPU]
    rest = whole - load - check - build
    rest_cpu = cpu[0] - cpu[1] - cpu[2] - cpu[3]
    print(f"batch of {args.issues} copies of the example, medians of {args.rounds} rounds:")
    print("                                 wall ms   CPU ms   (per issue)")
    print(f"  export_issues (whole batch)   {whole:6.2f}   {cpu[0]:6.2f}")
    print(f"    of which load (parse)       {load:6.2f}   {cpu[1]:6.2f}")
    print(f"    of which check              {check:6.2f}   {cpu[2]:6.2f}")
    print(f"    of which build_docx         {build:6.2f}   {cpu[3]:6.2f}")
    print(f"      of which the zip          {zip_only:6.2f}   {cpu[4]:6.2f}")
    print(f"    the rest (GB2312 scan, write with fsync) {rest:6.2f}   {rest_cpu:6.2f}")
    print("target: at most 3.5 ms per issue")


if __name__ == "__main__":
    main()

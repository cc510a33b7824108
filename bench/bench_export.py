"""Export as the number of articles grows: time of ``build_docx`` and peak memory.

    .venv/bin/python bench/bench_export.py [--bulletin EXECUTABLE]

Printed: the median time of ``build_docx`` for the example issue (a batch export's cost per
issue for the DOCX itself), then for issues of 10, 100 and 1000 articles (the example's
articles repeated, distinct titles) with the time per article, the peak of Python allocations
during one build (tracemalloc) and the DOCX size; then the peak resident memory (ru_maxrss) of
whole ``bulletin export --force`` processes of those issues (and of one without articles,
for the start-up), check included. Not a test: nothing is
asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bulletin_cli.export import build_docx
from bulletin_cli.issuefile.store import load_issue, save_issue
from bulletin_cli.model import Issue
from bulletin_cli.profile import load_profile

REPO = Path(__file__).resolve().parent.parent
SIZES = (10, 100, 1000)


def grown(count: int) -> Issue:
    """The example issue with ``count`` articles (its own repeated, numbered titles)."""
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    articles = [
        dataclasses.replace(
            example.articles[n % len(example.articles)],
            title=f"{example.articles[n % len(example.articles)].title}（{n + 1}）",
        )
        for n in range(count)
    ]
    return dataclasses.replace(example, articles=articles)


def _median_ms(issue: Issue, runs: int) -> float:
    profile = load_profile(REPO / "bulletin.toml")
    build_docx(issue, profile)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_docx(issue, profile)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _peak_rss_mib(command: list[str], cwd: Path) -> tuple[float, float]:
    """(peak resident MiB, wall ms) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - started) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return usage.ru_maxrss / 1024, elapsed  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletin", help="the bulletin executable (default: beside python)")
    args = parser.parse_args()
    bulletin = Path(args.bulletin or Path(sys.executable).parent / "bulletin")
    profile = load_profile(REPO / "bulletin.toml")
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    print(f"example issue ({len(example.articles)} articles): {_median_ms(example, 200):.2f} ms")
    print(f"{'articles':>8} {'build ms':>9} {'ms/article':>10} {'peak MiB':>9} {'DOCX KiB':>9}")
    for count in SIZES:
        issue = grown(count)
        median = _median_ms(issue, {10: 100, 100: 21, 1000: 7}[count])
        tracemalloc.start()
        data = build_docx(issue, profile)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{count:8d} {median:9.2f} {median / count:10.3f} {peak / 2**20:9.2f} "
            f"{len(data) / 2**10:9.1f}"
        )
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        shutil.copy(REPO / "bulletin.toml", folder / "bulletin.toml")
        print(f"whole `{bulletin.name} export` processes (check included):")
        print(f"{'articles':>8} {'wall ms':>9} {'peak RSS MiB':>13}")
        for count in (0, *SIZES):
            path = folder / f"2012-{count:04d}.toml"
            issue = grown(count) if count else dataclasses.replace(example, articles=[])
            save_issue(path, issue, overwrite=True)
            runs = [
                _peak_rss_mib(
                    [str(bulletin), "export", path.name, "-o", "o.docx", "--force"], folder
                )
                for _ in range(5)
            ]
            rss = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            print(f"{count:8d} {wall:9.1f} {rss:13.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("target: export of 1000 articles peaks under 100 MB")


if __name__ == "__main__":
    main()

"""How long building the DOCX takes inside one process, and its peak memory.

    .venv/bin/python bench/bench_export.py

Printed: the median time of ``build_docx`` for the example issue (a batch export's cost per
issue once the lean package is prepared), then for issues of 100 and 1000 articles (the
example's articles repeated), with the peak memory of one build (tracemalloc) and the size of
the DOCX. Not a test: no timing is asserted here (tests/test_export_docx.py keeps loose
bounds).
"""

from __future__ import annotations

import dataclasses
import statistics
import time
import tracemalloc
from pathlib import Path

from bulletin_cli.export import build_docx
from bulletin_cli.model import Issue
from bulletin_cli.profile import load_profile
from bulletin_cli.store import load_issue

REPO = Path(__file__).resolve().parent.parent


def _issue(count: int) -> Issue:
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


def main() -> None:
    profile = load_profile(REPO / "bulletin.toml")
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    print(f"example issue: {_median_ms(example, 200):.2f} ms per DOCX")
    for count in (100, 1000):
        issue = _issue(count)
        median = _median_ms(issue, 7 if count < 1000 else 3)
        tracemalloc.start()
        data = build_docx(issue, profile)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{count:5d} articles: {median:8.1f} ms, peak {peak / 2**20:5.1f} MiB, "
            f"DOCX {len(data) / 2**10:7.1f} KiB"
        )


if __name__ == "__main__":
    main()

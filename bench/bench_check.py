"""How long ``check`` takes beyond start-up: medians for issues of 10, 100 and 1000 articles.

    .venv/bin/python bench/bench_check.py

The issues repeat the example's articles (with distinct titles) under the example's profile,
with a few mistakes sprinkled in so the rules that report have work to do. Printed: the median
of load (read + parse + positions) and of the rules, in milliseconds, their sum per article
(flat when the growth is linear), and the findings count.
Not a test: no timing is asserted anywhere.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bulletin_cli.check.engine import check_loaded
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.issuefile.tomlwrite import issue_toml
from bulletin_cli.model import Issue
from bulletin_cli.profile import profile_for

REPO = Path(__file__).resolve().parent.parent
RUNS = 7


def _issue(count: int) -> Issue:
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    articles = []
    for number in range(count):
        base = example.articles[number % len(example.articles)]
        article = type(base)(
            section=base.section,
            title=f"{base.title}（{number + 1}）",
            body=base.body,
            sources=list(base.sources),
            subtitle=base.subtitle,
        )
        if number % 50 == 7:
            article.sources = ["市总办公室、研究室"]
        if number % 50 == 19:
            article.body = article.body.replace("，", ",", 3)
        articles.append(article)
    return Issue(
        number=1,
        total=215,
        date=example.date,
        name=example.name,
        editor=example.editor,
        articles=articles,
        distribution=example.distribution,
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        shutil.copy(REPO / "bulletin.toml", folder / "bulletin.toml")
        (folder / "issues").mkdir()
        print(
            f"{'articles':>8} {'load ms':>9} {'rules ms':>9} {'total ms':>9} {'ms/article':>10} "
            f"{'findings':>9}"
        )
        for count in (10, 100, 1000):
            path = folder / "issues" / f"2012-{count:04d}.toml"
            path.write_text(issue_toml(_issue(count)), encoding="utf-8")
            profile = profile_for(path)
            loads, checks = [], []
            findings = 0
            for _ in range(RUNS):
                start = time.perf_counter()
                loaded = load_issue(path)
                middle = time.perf_counter()
                report = check_loaded(loaded, profile, siblings=False)
                end = time.perf_counter()
                loads.append((middle - start) * 1000)
                checks.append((end - middle) * 1000)
                findings = len(report.findings)
            load_ms = statistics.median(loads)
            check_ms = statistics.median(checks)
            total = load_ms + check_ms
            print(
                f"{count:>8} {load_ms:>9.1f} {check_ms:>9.1f} {total:>9.1f} "
                f"{total / count:>10.3f} {findings:>9}"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

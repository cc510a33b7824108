"""How long ``check`` takes beyond start-up: medians for issues of 10, 100 and 1000 articles,
then one article with 1,000 and 10,000 sources and with a 1 MB and a 10 MB body.

    .venv/bin/python bench/bench_check.py

The issues repeat the example's articles (with distinct titles) under the example's profile,
with a few mistakes sprinkled in so the rules that report have work to do. Printed: the median
of load (read + parse + positions) and of the rules, in milliseconds, their sum per article
(flat when the growth is linear), and the findings count. For the large articles: the rules'
time per source and per MB (flat when linear; A004 was once quadratic in the sources).
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
from bulletin_cli.model import Article, Issue
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


def _large(sources: int, body_mb: float) -> Issue:
    """One article with ``sources`` entries (half of them repeats) and a body of about
    ``body_mb`` MB with a half-width comma and a control character every 100 characters."""
    units = [f"第{number}分会" for number in range(max(1, sources // 2))] * 2
    paragraph = "会议在市工人文化宫召开" * 8 + "各区总工会,主席参加\u0007会议。"
    count = max(1, int(body_mb * 1024 * 1024) // len((paragraph + "\n\n").encode()))
    body = "\n\n".join([paragraph] * count)
    article = Article(section="工作动态", title="大稿件", body=body, sources=units[:sources])
    return Issue(number=1, date=None, articles=[article])


def _rules_ms(path: Path, runs: int) -> tuple[float, int]:
    profile = profile_for(path)
    loaded = load_issue(path)
    times, findings = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        findings = len(check_loaded(loaded, profile, siblings=False).findings)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), findings


def large(folder: Path) -> None:
    print(f"\n{'sources':>8} {'body MB':>8} {'rules ms':>9} {'ms/1000 src':>11} {'ms/MB':>8}")
    for sources, body_mb in ((1_000, 0.0), (10_000, 0.0), (1, 1.0), (1, 10.0)):
        path = folder / "issues" / f"large-{sources}-{body_mb}.toml"
        path.write_text(issue_toml(_large(sources, body_mb)), encoding="utf-8")
        rules_ms, _findings = _rules_ms(path, 3)
        per_source = f"{rules_ms / sources * 1000:>11.1f}" if sources > 1 else f"{'':>11}"
        per_mb = f"{rules_ms / body_mb:>8.0f}" if body_mb else f"{'':>8}"
        print(f"{sources:>8} {body_mb:>8.1f} {rules_ms:>9.1f} {per_source} {per_mb}")


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
        large(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

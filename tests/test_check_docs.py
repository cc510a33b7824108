"""docs/rules.md is generated from the rule table, and the page estimate behaves."""

from __future__ import annotations

from pathlib import Path

from bulletin_cli.check.codes import RULES
from bulletin_cli.check.docgen import COMMAND, rules_markdown
from bulletin_cli.check.engine import check_article, check_issue
from bulletin_cli.check.pages import estimate_pages, page_fit
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.model import Article, Issue
from bulletin_cli.profile import DEFAULT_PROFILE, Profile

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_md_is_generated_from_the_rule_table() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        f"docs/rules.md is stale: run `{COMMAND}`"
    )


def test_rules_md_lists_every_rule() -> None:
    text = rules_markdown()
    for rule in RULES:
        assert f"### {rule.code}\n" in text
        assert rule.doc in text


def _article(body: str, title: str = "标题") -> Article:
    return Article(section="工作动态", title=title, body=body, sources=["办公室"])


def test_page_estimate_on_the_grid() -> None:
    # under the masthead: heading, title, the body (26 characters on the first line after the
    # 2-字 indent, 28 on the others) and the attribution on a line of its own
    issue = Issue(number=1, articles=[_article("字" * 26)])
    assert [len(line) for line in page_fit(issue, DEFAULT_PROFILE).pages[0][3:]] == [6, 2, 26, 6]
    issue = Issue(number=1, articles=[_article("字" * 27)])
    assert len(page_fit(issue, DEFAULT_PROFILE).pages[0]) == 3 + 2 + 2 + 1
    assert estimate_pages(issue, DEFAULT_PROFILE) == 1
    # 11 lines under the masthead on page 1, 22 on the others; the heading, then 20 articles
    # of 4 lines (title, two paragraphs, attribution) with a blank line between two. The last
    # paragraph keeps its attribution (widow control), so an article that reaches a page's
    # foot leaves its title and first paragraph there (19 + 3 lines): 4 articles and a half a
    # page, the blank line that would open a page dropped
    long = Issue(number=1, articles=[_article("字" * 26 + "\n\n" + "字" * 26)] * 20)
    fit = page_fit(long, DEFAULT_PROFILE)
    assert [len(page) for page in fit.pages] == [3 + 1 + 8, 18, 18, 18, 18]
    assert estimate_pages(long, DEFAULT_PROFILE) == 5


def test_latin_and_digits_take_times_new_romans_widths() -> None:
    # 52 digits of half an em (less the condensing) fit on the first line; 53 do not
    narrow = Issue(number=1, articles=[_article("2012 " * 8 + "20122012")])
    assert len(page_fit(narrow, DEFAULT_PROFILE).pages[0]) == 3 + 2 + 1 + 1


def test_example_pages(example_issue: Path) -> None:
    loaded = load_issue(example_issue)
    assert estimate_pages(loaded.issue, DEFAULT_PROFILE) == 10


def test_check_article_for_add() -> None:
    profile = Profile(sections=["工作动态"], units=["办公室"])
    clean = _article("正文。")
    assert check_article(clean, profile) == []
    broken = Article(
        section="【工作动太】", title="", body="正文,内容。", sources=["办公室 研究室"]
    )
    found = [(f.code, f.severity, f.line, f.article) for f in check_article(broken, profile)]
    assert found == [
        ("A002", "warning", None, None),
        ("A003", "error", None, None),
        ("S001", "error", None, None),
        ("T001", "error", None, None),
        ("T006", "warning", None, None),
    ]


def test_check_issue_in_memory() -> None:
    issue = Issue(number=0, articles=[_article("正文。"), _article("正文。")])
    report = check_issue(issue, Profile(sections=["工作动态"]))
    assert [(f.code, f.article, f.line) for f in report.findings] == [
        ("M001", None, None),
        ("T005", 2, None),
    ]

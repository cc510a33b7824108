"""Any text a clerk types survives add → load exactly (property tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.editing import add_articles, prepare_article
from bulletin_cli.issuefile.store import create_issue, load_issue
from bulletin_cli.model import Article, Issue
from bulletin_cli.textclean import bad_characters

# Everything a keyboard or a paste can give, except the control characters a DOCX refuses.
typed_char = st.characters(
    exclude_categories=["Cs"], exclude_characters="\x00\r\ufffe\uffff"
).filter(lambda ch: not bad_characters(ch) or ch in "\t\n")
awkward = st.sampled_from(
    [
        "“",
        "”",
        "《",
        "》",
        "——",
        "\\",
        '"""',
        "'''",
        "\t",
        "😀",
        "\\n",
        '\\"',
        "#",
        "[[articles]]",
        "\n",
    ]
)
typed_text = st.lists(st.one_of(typed_char, awkward), max_size=40).map("".join)


def _fresh_issue(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    return create_issue(folder / "2012-01.toml", Issue(number=1, date=dt.date(2012, 1, 20)))


@settings(max_examples=150, deadline=None)
@given(title=typed_text, subtitle=typed_text, body=typed_text, unit=typed_text)
def test_any_text_survives_the_file_exactly(
    tmp_path_factory: pytest.TempPathFactory, title: str, subtitle: str, body: str, unit: str
) -> None:
    folder = tmp_path_factory.mktemp("issue")
    path = _fresh_issue(folder)
    article = Article(section="工作动态", title=title, subtitle=subtitle, sources=[unit], body=body)
    add_articles(path, [article])
    assert load_issue(path).issue.articles == [article]


@settings(max_examples=100, deadline=None)
@given(title=typed_text, body=typed_text)
def test_cleaned_text_survives_add_exactly_and_cleaning_is_stable(
    tmp_path_factory: pytest.TempPathFactory, title: str, body: str
) -> None:
    folder = tmp_path_factory.mktemp("issue")
    path = _fresh_issue(folder)
    prepared = prepare_article(section="工作动态", title=title, body=body, sources=["研究室"])
    add_articles(path, [prepared.article])
    loaded = load_issue(path).issue.articles[0]
    assert loaded == prepared.article
    again = prepare_article(
        section=loaded.section, title=loaded.title, body=loaded.body, sources=loaded.sources
    )
    assert again.article == loaded

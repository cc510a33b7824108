"""The issue file on disk: in-place append, atomic and exclusive writes, numbering."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bulletin_cli.errors import FileProblem
from bulletin_cli.issuefile.edits import append_articles
from bulletin_cli.issuefile.store import (
    create_issue,
    insert_articles,
    load_issue,
    next_issue_number,
)
from bulletin_cli.model import Article, Issue

NEW = Article(section="工作动态", title="新稿件", sources=["办公室"], body="第一段。\n\n第二段。\n")


def test_append_keeps_every_existing_byte(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    numbers = append_articles(example_issue, [NEW])
    after = example_issue.read_bytes()
    assert numbers == [12]
    # the example ends with [distribution]: the article goes between, the rest is untouched
    head, _, tail = before.partition(b"[distribution]")
    assert after.startswith(head)
    assert after.endswith(b"[distribution]" + tail)
    loaded = load_issue(example_issue)
    assert loaded.issue.articles[-1] == NEW
    assert len(loaded.issue.articles) == 12
    assert loaded.issue.distribution is not None and loaded.issue.distribution.copies == 120


def test_append_keeps_comments_and_odd_spacing() -> None:
    text = (
        "# 第三期，请勿改动\n[issue]\nnumber   =  3   # 期号\ndate = 2012-03-01\n\n"
        '[[articles]]\nsection=\'工作动态\'  # 单引号\ntitle = "甲"\nsources = [ "办公室" ]\n'
        'body = """\n[distribution]\n这一行在字符串里\n"""\n\n# 报尾\n[distribution]\ncopies = 5\n'
    )
    updated = insert_articles(text, [NEW])
    assert updated.startswith(text.split("# 报尾")[0])
    assert updated.endswith("# 报尾\n[distribution]\ncopies = 5\n")
    doc = tomllib.loads(updated)
    assert [a["title"] for a in doc["articles"]] == ["甲", "新稿件"]
    assert doc["distribution"] == {"copies": 5}


def test_append_to_issue_without_articles_or_newline_at_end(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[issue]\nnumber = 1\ndate = 2012-01-01", encoding="utf-8")
    append_articles(path, [NEW, NEW])
    loaded = load_issue(path)
    assert [a.title for a in loaded.issue.articles] == ["新稿件", "新稿件"]
    assert path.read_text(encoding="utf-8").startswith("[issue]\nnumber = 1\ndate = 2012-01-01\n")


def test_append_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    original = "\ufeff[issue]\r\nnumber = 1\r\ndate = 2012-01-01\r\n".encode()
    path.write_bytes(original)
    append_articles(path, [NEW])
    data = path.read_bytes()
    assert data.startswith(original)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load_issue(path).issue.articles == [NEW]


def test_append_leaves_no_temporary_files(example_dir: Path, example_issue: Path) -> None:
    append_articles(example_issue, [NEW])
    leftovers = [p.name for p in (example_dir / "issues").iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_append_to_missing_file_is_a_file_problem(tmp_path: Path) -> None:
    with pytest.raises(FileProblem) as caught:
        append_articles(tmp_path / "nope.toml", [NEW])
    assert caught.value.exit_code == 3
    assert "nope.toml" in str(caught.value)


def test_invalid_toml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[issue]\nnumber = 1\ntitle = "没有结束引号\n', encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_issue(path)
    assert caught.value.line == 3
    assert caught.value.column is not None
    assert str(caught.value).startswith(f"{path}:3:")


def test_create_never_overwrites(tmp_path: Path) -> None:
    issue = Issue(number=1, date=dt.date(2012, 1, 20))
    path = create_issue(tmp_path / "issues" / "2012-01.toml", issue)
    path.write_text("# 已有内容\n", encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        create_issue(path, issue)
    assert caught.value.exit_code == 3
    assert path.read_text(encoding="utf-8") == "# 已有内容\n"


def test_numbering_restarts_each_year_and_total_continues(tmp_path: Path) -> None:
    for number, total, date in (
        (1, 10, "2011-03-01"),
        (2, 11, "2011-12-01"),
        (1, 12, "2012-01-05"),
    ):
        year = date[:4]
        (tmp_path / f"{year}-{number:02d}.toml").write_text(
            f"[issue]\nnumber = {number}\ntotal = {total}\ndate = {date}\n", encoding="utf-8"
        )
    assert next_issue_number(tmp_path, 2012).number == 2
    assert next_issue_number(tmp_path, 2012).total == 13
    assert next_issue_number(tmp_path, 2013).number == 1
    assert next_issue_number(tmp_path / "empty", 2013).total is None


def test_new_files_get_the_usual_mode_and_existing_files_keep_theirs(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        path = create_issue(tmp_path / "2012-01.toml", Issue(number=1, date=dt.date(2012, 1, 1)))
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o640)
        append_articles(path, [NEW])
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(mask)

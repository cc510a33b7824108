"""The smaller points a clerk met (dates, init's hint, the issue path, briefs, authors, drafts)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.articleform import ArticleForm, format_form, looks_like_form, parse_form
from bulletin_cli.cli import app
from bulletin_cli.cli.app import parse_date
from bulletin_cli.errors import InputProblem
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.textclean import attribution_author, clean_body, split_units

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2026-12-1", dt.date(2026, 12, 1)),
        ("2026/12/01", dt.date(2026, 12, 1)),
        ("2026/1/5", dt.date(2026, 1, 5)),
        ("2026.1.5", dt.date(2026, 1, 5)),
        ("2026年1月5日", dt.date(2026, 1, 5)),
        (" 2026-01-05 ", dt.date(2026, 1, 5)),
    ],
)
def test_dates_as_clerks_write_them(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "12/01/2026", "明天", ""])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(InputProblem):
        parse_date(text)


def test_new_accepts_a_date_without_zero_padding(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["new", "--dir", str(tmp_path), "--date", "2026-12-1", "--no-profile"]
    )
    assert result.exit_code == 0, result.output
    assert load_issue(tmp_path / "2026-01.toml").issue.date == dt.date(2026, 12, 1)


def test_init_over_an_existing_profile_hints_at_force(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    before = (tmp_path / "bulletin.toml").read_bytes()
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 3
    assert "--force" in again.stderr
    assert "期号" not in again.stderr
    assert (tmp_path / "bulletin.toml").read_bytes() == before


def test_a_missing_issue_suggests_the_file_under_issues(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_dir)
    args = ["-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", "正文。"]
    result = runner.invoke(app, ["add", "2012-01.toml", *args])
    assert result.exit_code == 3
    assert f"是不是 {os.path.join('issues', '2012-01.toml')}？" in result.stderr


def test_a_brief_without_title_can_be_added_with_options(example_dir: Path) -> None:
    profile = example_dir / "bulletin.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("briefs = []", 'briefs = ["一句话信息"]'),
        encoding="utf-8",
    )
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            'sections = ["工作动态"', 'sections = ["工作动态", "一句话信息"'
        ),
        encoding="utf-8",
    )
    issue = example_dir / "issues" / "2012-01.toml"
    args = ["add", str(issue), "-s", "一句话信息", "-t", "", "-u", "研究室", "-b", "一条简讯。"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    briefs = [a for a in load_issue(issue).issue.articles if a.section == "一句话信息"]
    assert [brief.title for brief in briefs] == [""]


def test_an_empty_body_is_refused_in_a_clerks_words(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    args = ["add", str(example_issue), "-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", "  \n"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "正文是空的" in result.stderr
    assert "body =" not in result.stderr
    assert example_issue.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "units", "author"),
    [
        ("（阳光社区　李丽）", ["阳光社区"], "李丽"),
        ("（阳光社区 欧阳小明）", ["阳光社区"], "欧阳小明"),
        ("（市总办公室　研究室）", ["市总办公室", "研究室"], None),
        ("（市总办公室 市总生活部）", ["市总办公室", "市总生活部"], None),
        ("（阳光社区、李丽）", ["阳光社区", "李丽"], None),
        ("（李丽）", ["李丽"], None),
        ("（阳光社区　服务中心）", ["阳光社区", "服务中心"], None),
    ],
)
def test_a_person_after_a_unit_is_the_author(
    text: str, units: list[str], author: str | None
) -> None:
    assert attribution_author(text) == author
    assert split_units(text, without_author=True) == units
    cleaned = clean_body(f"社区开展义诊活动。{text}")
    assert cleaned.sources == units
    assert cleaned.author == author


def test_an_added_article_keeps_the_author_out_of_its_units(example_issue: Path) -> None:
    body = "阳光社区开展义诊活动。\n（吴中区总工会　李丽）"
    result = runner.invoke(
        app, ["add", str(example_issue), "-s", "工作动态", "-t", "义诊", "-b", body]
    )
    assert result.exit_code == 0, result.output
    added = [a for a in load_issue(example_issue).issue.articles if a.title == "义诊"]
    assert [article.sources for article in added] == [["吴中区总工会"]]
    assert "李丽 看作作者" in result.stderr
    assert "李丽”不在已知单位中" not in result.stderr


def test_the_article_form_reads_back_what_it_wrote() -> None:
    form = ArticleForm("工作动态", "标题", "副题", ["甲", "乙"], "第一段。\n\n第二段：冒号。")
    text = format_form(form, notes=["说明"])
    assert text.startswith("# 说明\n栏目：工作动态\n")
    assert looks_like_form(text)
    assert parse_form(text) == form
    assert parse_form("\ufeff栏目: 甲\r\n正文：就一行\r\n") == ArticleForm("甲", body="就一行")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("栏目：甲\n作者：乙\n正文：\n丙", "第 2 行 “作者：乙” 不是表格中的项目"),
        ("栏目：甲\n标题：乙\n标题：丙\n正文：\n丁", "第 3 行：“标题” 写了两次"),
        ("栏目：甲\n标题：乙\n", "没有找到 “正文：” 这一行"),
    ],
)
def test_a_broken_form_names_the_line(text: str, message: str) -> None:
    with pytest.raises(InputProblem, match=message):
        parse_form(text)


def test_a_line_typed_under_a_c_locale_is_read_as_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from bulletin_cli.cli.prompts import read_line

    raw = io.BytesIO("工作动态\n".encode())
    stdin = io.TextIOWrapper(raw, encoding="ascii", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    assert read_line("栏目：") == "工作动态"

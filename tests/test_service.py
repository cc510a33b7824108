"""The service layer: one path from an issue to its DOCX, result objects, profile warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bulletin_cli as bulletin
from bulletin_cli import api
from bulletin_cli.model import Article, Issue


def _issue_with_an_error() -> Issue:
    # an article without 供稿单位 breaks a rule of every profile (an error, not a warning)
    article = Article(section="工作动态", title="标题", body="正文。", sources=[])
    return Issue(number=1, date=dt.date(2026, 3, 2), articles=[article])


def test_an_issue_in_memory_with_errors_is_refused_by_export_docx(tmp_path: Path) -> None:
    issue = _issue_with_an_error()
    assert bulletin.check_issue(issue).errors
    out = tmp_path / "x.docx"
    with pytest.raises(bulletin.ContentRefused):
        bulletin.export_docx(issue, out)
    assert not out.exists()
    with pytest.raises(bulletin.ContentRefused):
        bulletin.export_docx_bytes(issue)
    assert bulletin.export_docx(issue, out, force=True) == out
    assert out.read_bytes() == bulletin.export_docx_bytes(issue, force=True)


def test_an_issue_in_memory_without_errors_exports(tmp_path: Path) -> None:
    issue = _issue_with_an_error()
    issue.articles[0].sources.append("办公室")
    out = bulletin.export_docx(issue, tmp_path / "x.docx")
    assert out.read_bytes()[:2] == b"PK"


def test_add_returns_notes_findings_and_numbers(example_issue: Path) -> None:
    fields: dict[str, object] = {
        "section": "【工作动态】",
        "title": "标题。",
        "body": "正文。（研究室）",
    }
    added = api.add_submissions(example_issue, [api.Submission(fields, "稿件")])
    assert added.numbers == [2]  # after the last 工作动态 article, in catalogue order
    assert added.articles[0].sources == ["研究室"]
    assert any("已改为" in note for note in added.notes)
    assert [f.code for f in added.findings] == ["T003"]
    assert added.warnings == []


def test_a_missing_profile_is_a_warning_of_the_result(tmp_path: Path) -> None:
    created = api.create_issue(tmp_path / "issues", date=dt.date(2026, 3, 2))
    assert created.path.is_file()
    [warning] = created.warnings
    assert "bulletin.toml" in warning and "bulletin init" in warning
    assert str(tmp_path.resolve()) in warning
    run = api.check_files([created.path])
    assert run.warnings == created.warnings


def test_the_public_names_stay() -> None:
    # names may be added, never renamed or dropped
    assert set(bulletin.__all__) >= {
        "Article",
        "BulletinError",
        "CheckReport",
        "ContentRefused",
        "Distribution",
        "FileProblem",
        "Finding",
        "ImportResult",
        "InputProblem",
        "Issue",
        "LayoutSettings",
        "Profile",
        "__version__",
        "add_article",
        "add_articles",
        "check_issue",
        "export_docx",
        "export_docx_bytes",
        "import_bulletin",
        "load_issue",
        "load_profile",
        "new_issue",
        "save_issue",
    }


def test_a_draft_is_written_by_the_service_and_never_over_another(example_issue: Path) -> None:
    from bulletin_cli.articleform import ArticleForm, parse_form

    form = ArticleForm(
        section="工作动态", title="未写完的稿件", sources=["研究室"], body="正文。\n"
    )
    path = api.save_draft(example_issue, form)
    assert path.parent == example_issue.parent / "草稿"
    assert parse_form(path.read_text(encoding="utf-8")).title == "未写完的稿件"

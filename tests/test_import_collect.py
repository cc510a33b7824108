"""``bulletin collect``: a folder of units' files into an issue, a report per file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.cli import app
from bulletin_cli.importer.collect import RECEIVED, inbox_files
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()
UNITS = ["吴中区总工会", "常熟市总工会", "太仓市总工会", "张家港市总工会", "金阊区总工会"]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    units = ", ".join(f'"{unit}"' for unit in UNITS)
    (tmp_path / "bulletin.toml").write_text(
        f'[bulletin]\nsections = ["工作动态", "基层动态"]\nunits = [{units}]\n'
        '[unit_sections]\n"吴中区总工会" = "基层动态"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "--date", "2012-01-20"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _docx(path: Path, title: str, unit: str) -> None:
    doc = Document()
    doc.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"　　{unit}近日开展{title}工作，取得良好效果。")
    doc.add_paragraph(f"　　下一步，{unit}将继续做好相关工作。")
    doc.add_paragraph(f"（{unit}）")
    doc.save(str(path))


def _txt(path: Path, title: str, unit: str, encoding: str = "utf-8") -> None:
    text = f"{title}\n\n　　{unit}近日开展{title}工作，取得良好效果。\n供稿：{unit}\n"
    path.write_bytes(text.encode(encoding))


def _inbox(office: Path) -> Path:
    """12 files: 9 good ones, a damaged .docx, an old .doc, and a copy of the 2nd article."""
    inbox = office / "收稿"
    inbox.mkdir()
    made: list[Path] = []
    for n in range(9):
        unit = UNITS[n % len(UNITS)]
        title = f"第{n + 1}项活动"
        if n % 3 == 2:
            path = inbox / f"稿件{n + 1}-{unit}.txt"
            _txt(path, title, unit, "gbk" if n == 5 else "utf-8")
        else:
            path = inbox / f"稿件{n + 1}.docx"
            _docx(path, title, unit)
        made.append(path)
    broken = inbox / "损坏的稿件.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    old = inbox / "旧格式.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    duplicate = inbox / "稿件2-重发.docx"
    _docx(duplicate, "第2项活动", UNITS[1])
    made += [broken, old, duplicate]
    for k, path in enumerate(made):
        os.utime(path, (1_700_000_000 + k, 1_700_000_000 + k))
    (inbox / "~$稿件1.docx").write_bytes(b"Word's lock file")
    (inbox / "说明.pdf").write_bytes(b"%PDF-1.4")
    return inbox


def test_collect_adds_9_reports_3_and_a_second_run_adds_nothing(office: Path) -> None:
    inbox = _inbox(office)
    issue = office / "issues" / "2012-01.toml"
    result = runner.invoke(app, ["collect", str(inbox), str(issue), "--section", "工作动态"])
    assert result.exit_code == 3, result.output  # a file could not be read: the highest code
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 12
    assert [row[-1] for row in rows].count("已添加") == 9
    statuses = {row[0]: row[-1] for row in rows}
    assert statuses["损坏的稿件.docx"] == "否：读不了"
    assert statuses["旧格式.doc"] == "否：读不了"
    assert statuses["稿件2-重发.docx"] == "否：已有"
    articles = load_issue(issue).issue.articles
    assert [a.title for a in articles] == [f"第{n}项活动" for n in range(1, 10)]
    assert articles[0].sources == ["吴中区总工会"]
    assert articles[2].sources == ["太仓市总工会"]
    assert {a.section for a in articles} == {"工作动态"}
    left = sorted(p.name for p in inbox.iterdir() if p.is_file())
    assert left == ["~$稿件1.docx", "损坏的稿件.docx", "旧格式.doc", "稿件2-重发.docx", "说明.pdf"]
    assert len(list((inbox / RECEIVED).iterdir())) == 9
    assert "已添加 9 篇" in result.stderr

    again = runner.invoke(app, ["collect", str(inbox), str(issue), "--section", "工作动态"])
    assert [line.split("\t")[-1] for line in again.stdout.splitlines()].count("已添加") == 0
    assert len(load_issue(issue).issue.articles) == 9


def test_files_are_taken_oldest_first_then_by_name(office: Path) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    for name, when in [("乙.txt", 5), ("甲.txt", 5), ("丙.txt", 1)]:
        _txt(inbox / name, f"标题{name}", "常熟市总工会")
        os.utime(inbox / name, (when, when))
    assert [p.name for p in inbox_files(inbox)] == ["丙.txt", "乙.txt", "甲.txt"]


def test_dry_run_writes_nothing_and_moves_nothing(office: Path) -> None:
    inbox = _inbox(office)
    issue = office / "issues" / "2012-01.toml"
    before = issue.read_bytes()
    args = ["collect", str(inbox), str(issue), "-s", "工作动态", "--dry-run", "--json"]
    result = runner.invoke(app, args)
    report = json.loads(result.stdout)
    assert (report["added"], report["not_added"]) == (9, 3)
    assert issue.read_bytes() == before
    assert not (inbox / RECEIVED).exists()


def test_the_units_usual_section_and_a_file_without_one(office: Path) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    _docx(inbox / "a.docx", "吴中的活动", "吴中区总工会")
    _docx(inbox / "b.docx", "常熟的活动", "常熟市总工会")
    issue = office / "issues" / "2012-01.toml"
    result = api.collect(inbox, issue)
    assert [(row.file.name, row.status, row.section) for row in result.rows] == [
        ("a.docx", "added", "基层动态"),
        ("b.docx", "refused", ""),
    ]
    assert any("栏目未定" in text for text in result.rows[1].findings)
    assert result.exit_code == 1
    assert (inbox / "b.docx").exists()


def test_a_file_that_fails_the_rules_is_left_in_place(office: Path) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    (inbox / "no-title.txt").write_text(
        "　　常熟市总工会近日开展活动，取得良好效果，职工普遍反映很好。\n（常熟市总工会）\n",
        encoding="utf-8",
    )
    _txt(inbox / "good.txt", "常熟的活动", "常熟市总工会")
    issue = office / "issues" / "2012-01.toml"
    result = runner.invoke(app, ["collect", str(inbox), str(issue), "-s", "工作动态", "--json"])
    assert result.exit_code == 1
    files = {row["file"].split("/")[-1]: row for row in json.loads(result.stdout)["files"]}
    assert files["no-title.txt"]["status"] == "refused"
    assert any(text.startswith("T001") for text in files["no-title.txt"]["findings"])
    assert files["good.txt"]["added"] is True
    assert (inbox / "no-title.txt").exists()


def test_an_empty_inbox_and_a_missing_one(office: Path) -> None:
    (office / "空").mkdir()
    issue = office / "issues" / "2012-01.toml"
    result = runner.invoke(app, ["collect", "空", str(issue)])
    assert result.exit_code == 0
    assert "没有 .docx 或 .txt 稿件" in result.stderr
    missing = runner.invoke(app, ["collect", "没有这个文件夹", str(issue)])
    assert missing.exit_code == 3
    assert "收稿文件夹不存在" in missing.stderr


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["collect", "--help"])
    assert result.exit_code == 0
    assert "示例：bulletin collect" in result.stdout


def test_one_undo_step_restores_the_issue(office: Path) -> None:
    inbox = _inbox(office)
    issue = office / "issues" / "2012-01.toml"
    before = issue.read_bytes()
    runner.invoke(app, ["collect", str(inbox), str(issue), "--section", "工作动态"])
    assert len(load_issue(issue).issue.articles) == 9
    undone = api.undo(issue)
    assert undone.action == "collect"
    assert issue.read_bytes() == before

"""bulletin export and bulletin fonts as a clerk and a script use them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from bulletin_cli import export_docx
from bulletin_cli.cli import app
from bulletin_cli.export import build_docx
from bulletin_cli.export import office as office_module
from bulletin_cli.export import pdf as pdf_module
from bulletin_cli.export import render as render_module
from bulletin_cli.export.fonts import font_report, gb2312_gaps, in_gb2312
from bulletin_cli.layout import DEFAULT_LAYOUT, LayoutSettings
from bulletin_cli.model import Article, Issue

runner = CliRunner()

BROKEN = """[issue]
number = 3
date = 2012-03-01

[[articles]]
section = "工作动太"
title = "标题"
sources = ["市总办公室"]
body = "内容。"
"""


def _second_issue(example_dir: Path) -> Path:
    source = example_dir / "issues" / "2012-01.toml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("number = 1 ", "number = 2 ").replace("total = 215 ", "total = 216 ")
    target = example_dir / "issues" / "2012-02.toml"
    target.write_text(text, encoding="utf-8")
    return target


def test_help_has_examples() -> None:
    for command in ("export", "fonts"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert f"bulletin {command}" in result.stdout
        assert "示例" in result.stdout


def test_export_one_issue_next_to_it_in_build(example_dir: Path, example_issue: Path) -> None:
    profile = example_dir / "bulletin.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("max_pages = 12", "max_pages = 4"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export", str(example_issue)])
    assert result.exit_code == 0, result.output
    out = example_issue.parent / "build" / "2012-01.docx"
    assert result.stdout.strip() == str(out)
    assert "已导出" in result.stderr
    assert "P001" in result.stderr  # the page-budget warning is shown, export goes on
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "苏州工会工作简报"


def test_export_to_a_named_file_is_atomic_and_deterministic(
    example_issue: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "第1期.docx"
    first = runner.invoke(app, ["export", str(example_issue), "-o", str(target)])
    assert first.exit_code == 0, first.output
    data = target.read_bytes()
    again = runner.invoke(app, ["export", str(example_issue), "-o", str(target)])
    assert again.exit_code == 0, again.output
    assert target.read_bytes() == data
    assert sorted(p.name for p in target.parent.iterdir()) == ["第1期.docx"]


def test_refused_issue_writes_nothing_and_shows_findings(example_dir: Path) -> None:
    broken = example_dir / "issues" / "2012-03.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    target = example_dir / "x.docx"
    result = runner.invoke(app, ["export", str(broken), "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert not target.exists()
    assert f"{broken}:6: 错误 S001" in result.stderr
    assert "未导出" in result.stderr and "--force" in result.stderr
    forced = runner.invoke(app, ["export", str(broken), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.is_file()
    assert "--force" in forced.stderr


def test_several_issues_into_a_folder_with_a_closing_table(example_dir: Path) -> None:
    second = _second_issue(example_dir)
    broken = example_dir / "issues" / "2012-03.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    first = example_dir / "issues" / "2012-01.toml"
    folder = example_dir / "导出"
    result = runner.invoke(app, ["export", str(first), str(second), str(broken), "-o", str(folder)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["2012-01.docx", "2012-02.docx"]
    rows = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert [row[0] for row in rows] == [
        str(folder / "2012-01.docx"),
        str(folder / "2012-02.docx"),
        str(broken),
    ]
    assert rows[0][1].isdigit()
    assert rows[0][2].startswith("已导出")
    assert rows[2][2] == "未导出：2 个错误"


def test_unreadable_file_wins_with_exit_3(example_dir: Path) -> None:
    broken = example_dir / "issues" / "2012-03.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    missing = example_dir / "issues" / "nothere.toml"
    first = example_dir / "issues" / "2012-01.toml"
    result = runner.invoke(
        app, ["export", str(first), str(broken), str(missing), "-o", str(example_dir / "out")]
    )
    assert result.exit_code == 3, result.output
    assert f"错误：{missing}: 文件不存在" in result.stderr
    assert (example_dir / "out" / "2012-01.docx").is_file()


def test_a_docx_name_for_several_issues_is_a_usage_error(example_dir: Path) -> None:
    second = _second_issue(example_dir)
    first = example_dir / "issues" / "2012-01.toml"
    result = runner.invoke(app, ["export", str(first), str(second), "-o", "x.docx"])
    assert result.exit_code == 2, result.output
    assert "文件夹" in result.stderr


def test_pdf_without_libreoffice_says_how_to_install(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    result = runner.invoke(app, ["export", str(example_issue), "--pdf"])
    assert result.exit_code == 3, result.output
    assert "没有安装 LibreOffice" in result.stderr
    assert "libreoffice.org" in result.stderr and "apt-get install" in result.stderr
    assert (example_issue.parent / "build" / "2012-01.docx").is_file()


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_pdf_through_libreoffice(example_issue: Path, tmp_path: Path) -> None:
    target = tmp_path / "第1期.docx"
    result = runner.invoke(app, ["export", str(example_issue), "-o", str(target), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = target.with_suffix(".pdf")
    assert result.stdout.split() == [str(target), str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (pdf_module.pdf_page_count(pdf) or 0) >= 4


def test_fonts_command_lists_faces_and_gb2312_gaps(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    text = issue.read_text(encoding="utf-8").replace("温祥华", "朱镕基", 1)
    issue.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["fonts", str(issue)])
    assert result.exit_code == 0, result.output
    faces = [line.split("\t")[0] for line in result.stdout.splitlines()[:6]]
    assert faces == [
        "方正小标宋简体",
        "仿宋_GB2312",
        "黑体",
        "楷体_GB2312",
        "Times New Roman",
        "宋体",
    ]
    assert "仿宋_GB2312 缺字：镕（第 1 篇正文）" in result.stdout
    exported = runner.invoke(app, ["export", str(issue)])
    assert exported.exit_code == 0, exported.output
    assert "缺字：镕" in exported.stderr


def test_gb2312_gaps_follow_the_faces() -> None:
    assert in_gb2312("温") and in_gb2312("—") and in_gb2312("A")
    assert not in_gb2312("镕") and not in_gb2312("堃")
    issue = Issue(
        number=1,
        name="简报",
        articles=[Article("工作动态", "王堃来访", "朱镕基。", ["喆公司"], subtitle=None)],
    )
    gaps = {(g.char, g.face) for g in gb2312_gaps(issue, DEFAULT_LAYOUT)}
    # the title is in 方正小标宋简体, which is not a GB2312 face
    assert gaps == {("镕", "仿宋_GB2312"), ("喆", "楷体_GB2312")}
    relaxed = LayoutSettings(face_body="仿宋", face_kai="楷体")
    assert gb2312_gaps(issue, relaxed) == []
    report = font_report(DEFAULT_LAYOUT, issue, installed={"仿宋_gb2312".casefold()})
    installed = {status.face: status.installed for status in report.faces}
    assert installed["仿宋_GB2312"] is True and installed["黑体"] is False


def test_export_to_bytes_and_to_a_file_agree(example_issue: Path, tmp_path: Path) -> None:
    from bulletin_cli.issuefile.store import load_issue
    from bulletin_cli.profile import profile_for

    loaded = load_issue(example_issue)
    data = build_docx(loaded.issue, profile_for(example_issue))
    out = export_docx(example_issue, tmp_path / "a.docx")
    assert out.read_bytes() == data
    assert docx.Document(io.BytesIO(data)).tables


def test_core_export_never_imports_the_cli_stack(example_issue: Path, tmp_path: Path) -> None:
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from bulletin_cli import export_docx\n"
        "export_docx(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print(json.dumps([m for m in ('typer', 'rich', 'docx') if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(example_issue), str(tmp_path / "a.docx")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


def test_export_doc_names_every_style_and_option() -> None:
    from bulletin_cli.export import STYLE_IDS

    text = (Path(__file__).resolve().parent.parent / "docs" / "export.md").read_text(
        encoding="utf-8"
    )
    missing = [style for style in STYLE_IDS if f"`{style}`" not in text]
    assert missing == []
    for option in ("-o", "--pdf", "--force", "bulletin fonts"):
        assert option in text


def test_a_folder_stands_for_its_issues(example_dir: Path) -> None:
    _second_issue(example_dir)
    result = runner.invoke(
        app, ["export", str(example_dir / "issues"), "-o", str(example_dir / "out")]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (example_dir / "out").iterdir()) == [
        "2012-01.docx",
        "2012-02.docx",
    ]


def test_a_failing_conversion_is_reported(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    false = shutil.which("false")
    if false is None:
        pytest.skip("needs the false program")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: false)
    result = runner.invoke(app, ["export", str(example_issue), "--pdf"])
    assert result.exit_code == 3, result.output
    assert "LibreOffice 启动后随即退出" in result.stderr
    assert "Traceback" not in result.output
    assert (example_issue.parent / "build" / "2012-01.docx").is_file()


def test_fonts_without_fontconfig_cannot_tell(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(app, ["fonts", str(example_issue)])
    assert result.exit_code == 0, result.output
    assert "仿宋_GB2312\t无法判断" in result.stdout
    assert "fc-list" in result.stderr


def test_a_batch_reads_each_sibling_once_yet_finds_repeats(example_dir: Path) -> None:
    from bulletin_cli.api import export_issues

    first = example_dir / "issues" / "2012-01.toml"
    twin = example_dir / "issues" / "2012-01-copy.toml"
    shutil.copy(first, twin)
    outcomes = export_issues([first, twin], example_dir / "out").outcomes
    assert [sorted({f.code for f in o.errors}) for o in outcomes] == [["M003", "M004"]] * 2
    # the snapshot lasts one batch: a fix made between batches is seen by the next
    twin.write_text(
        twin.read_text(encoding="utf-8")
        .replace("number = 1 ", "number = 2 ")
        .replace("total = 215 ", "total = 216 "),
        encoding="utf-8",
    )
    outcomes = export_issues([first, twin], example_dir / "out").outcomes
    assert [o.errors for o in outcomes] == [[], []]
    assert all(o.written for o in outcomes)


def test_check_and_export_warn_when_the_distribution_would_stand_alone(tmp_path: Path) -> None:
    """The rule fixture of P002: an issue whose text ends two lines too low for its 报尾."""
    fixtures = Path(__file__).resolve().parent / "fixtures" / "rules"
    shutil.copy(fixtures / "bulletin.toml", tmp_path / "bulletin.toml")
    issue = tmp_path / "issue.toml"
    shutil.copy(fixtures / "P002.toml", issue)
    for arguments in (
        ["check", str(issue)],
        ["export", str(issue), "-o", str(tmp_path / "o.docx")],
    ):
        result = runner.invoke(app, arguments)
        assert result.exit_code == 0, result.output
        assert "P002" in result.output and "报尾将单独印在第 3 页" in result.output
        assert "再删 2 行" in result.output
    assert (tmp_path / "o.docx").is_file()


# -- what a clerk reads when the PDF cannot be made ------------------------------------------------


def test_pdf_without_libreoffices_python_says_how_to_get_it(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(office_module, "find_office_python", lambda soffice: None)
    for args in (["export", str(example_issue), "--pdf"], ["preview", str(example_issue)]):
        if args[0] == "preview":
            monkeypatch.setattr(render_module, "find_soffice", lambda: "/usr/bin/soffice")
        result = runner.invoke(app, args)
        assert result.exit_code == 3, result.output
        assert "uno" in result.stderr and "python3-uno" in result.stderr, result.stderr
        assert "Traceback" not in result.output


def test_a_python_without_uno_is_named(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sleeper = tmp_path / "soffice"
    sleeper.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    sleeper.chmod(0o755)
    if sys.platform == "win32":
        pytest.skip("the fake LibreOffice is a shell script")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(sleeper))
    monkeypatch.setattr(office_module, "find_office_python", lambda soffice: sys.executable)
    result = runner.invoke(app, ["export", str(example_issue), "--pdf"])
    assert result.exit_code == 3, result.output
    assert f"{sys.executable} 不能导入 uno 模块" in result.stderr
    assert "python3-uno" in result.stderr


def test_a_hanging_libreoffice_is_ended_and_reported(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A LibreOffice that never answers: after the time allowed it is ended, and the clerk
    reads why (exit 3), with the DOCX written."""
    if sys.platform == "win32":
        pytest.skip("the fake LibreOffice is a shell script")
    python = office_module.find_office_python(shutil.which("soffice") or "soffice")
    if python is None:
        pytest.skip("needs LibreOffice's Python (python3-uno)")
    started = tmp_path / "started"
    sleeper = tmp_path / "soffice"
    sleeper.write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 600\n', encoding="utf-8")
    sleeper.chmod(0o755)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(sleeper))
    monkeypatch.setattr(office_module, "find_office_python", lambda soffice: python)
    monkeypatch.setattr(office_module, "STARTUP_SECONDS", 3)
    result = runner.invoke(app, ["export", str(example_issue), "--pdf"])
    assert result.exit_code == 3, result.output
    assert "LibreOffice 超过 3 秒没有完成，已将其结束" in result.stderr
    assert "Traceback" not in result.output
    assert (example_issue.parent / "build" / "2012-01.docx").is_file()
    # the fake LibreOffice was ended with its process group
    pid = int(started.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)

"""What the service tells the clerk through the CLI: the missing profile, where a PDF goes,
and a DOCX edited since export kept as a backup."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).parent / "data" / "suzhou-union-bulletin-2012-01.txt"


def _invoke(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- running without bulletin.toml ----------------------------------------------------------------

COMMANDS_USING_THE_PROFILE = [
    ["new", "--date", "2012-03-01", "--no-profile"],
    ["add", "issues/2012-01.toml", "-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", "乙。"],
    ["check", "issues/2012-01.toml"],
    ["export", "issues/2012-01.toml"],
    ["fonts", "issues/2012-01.toml"],
    ["import", "sample.txt", "-o", "issues/2012-09.toml"],
    ["show", "issues/2012-01.toml"],
    ["edit", "issues/2012-01.toml", "1", "-t", "新标题"],
    ["remove", "issues/2012-01.toml", "3", "--yes"],
    ["move", "issues/2012-01.toml", "2", "--to", "1"],
    ["stats", "issues"],
    ["collect", "inbox", "issues/2012-01.toml", "--dry-run"],
]


@pytest.mark.parametrize("args", COMMANDS_USING_THE_PROFILE, ids=lambda args: args[0])
def test_without_a_profile_every_command_using_it_warns(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # the sample inside the folder: the repository's own bulletin.toml governs it where it is
    shutil.copy(SAMPLE, example_dir / "sample.txt")
    (example_dir / "inbox").mkdir()
    with_profile = _invoke(example_dir, monkeypatch, *args)
    assert "bulletin init" not in with_profile[2]
    shutil.rmtree(example_dir / "issues")
    (example_dir / "issues").mkdir()
    shutil.copy(Path(__file__).parent.parent / "issues" / "2012-01.toml", example_dir / "issues")
    (example_dir / "bulletin.toml").unlink()
    code, _stdout, stderr = _invoke(example_dir, monkeypatch, *args)
    # the warning changes no exit code: the command ends as it did with the profile
    assert code == with_profile[0], stderr
    assert stderr.count("没有找到 bulletin.toml") == 1
    assert "bulletin init" in stderr
    assert str(example_dir.resolve()) in stderr


def test_list_does_not_use_the_profile_and_does_not_warn(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example_dir / "bulletin.toml").unlink()
    code, _stdout, stderr = _invoke(example_dir, monkeypatch, "list", "issues/2012-01.toml")
    assert code == 0
    assert "bulletin.toml" not in stderr


def test_a_folder_of_issues_without_a_profile_warns_once(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example_dir / "bulletin.toml").unlink()
    issue = example_dir / "issues" / "2012-01.toml"
    text = issue.read_text(encoding="utf-8")
    (example_dir / "issues" / "2012-02.toml").write_text(
        text.replace("number = 1 ", "number = 2 ").replace("total = 215 ", "total = 216 "),
        encoding="utf-8",
    )
    _code, _stdout, stderr = _invoke(example_dir, monkeypatch, "check", "issues")
    assert stderr.count("没有找到 bulletin.toml") == 1


# -- export -o NAME.pdf -------------------------------------------------------------------------


def _fake_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF conversion without LibreOffice: a small file beside each DOCX."""
    import bulletin_cli._service.pdfs as pdfs

    def convert(documents: list[Path]) -> dict[Path, Path | str]:
        made: dict[Path, Path | str] = {}
        for document in documents:
            pdf = document.with_suffix(".pdf")
            pdf.write_bytes(b"%PDF-1.4\n")
            made[document] = pdf
        return made

    monkeypatch.setattr(pdfs, "convert_to_pdf", convert)
    monkeypatch.setattr(pdfs, "pdf_page_count", lambda pdf: 10)


def test_export_to_a_pdf_name_writes_the_pdf_there(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_libreoffice(monkeypatch)
    code, stdout, stderr = _invoke(
        example_dir, monkeypatch, "export", "issues/2012-01.toml", "-o", "第2期.pdf"
    )
    assert code == 0, stderr
    assert (example_dir / "第2期.pdf").is_file()
    assert (example_dir / "第2期.docx").is_file()
    assert stdout.splitlines() == ["第2期.docx", "第2期.pdf"]


def test_export_of_several_issues_to_a_pdf_name_is_refused(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(example_dir / "issues" / "2012-01.toml", example_dir / "issues" / "2012-02.toml")
    code, _stdout, stderr = _invoke(example_dir, monkeypatch, "export", "issues", "-o", "全部.pdf")
    assert code == 2
    assert "文件夹" in stderr
    assert not (example_dir / "全部.pdf").exists()


# -- re-export over a DOCX edited since ----------------------------------------------------------


def _as_word_saves_it(path: Path) -> bytes:
    """The DOCX rewritten as a word processor would: its own dates and application name."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as saved:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b">bulletin<", b">Microsoft Office Word<")
            saved.writestr(zipfile.ZipInfo(info.filename, (2026, 11, 30, 9, 15, 0)), data)
    return target.getvalue()


def test_reexport_keeps_a_docx_edited_since_as_a_backup(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = example_dir / "issues" / "build" / "2012-01.docx"
    assert _invoke(example_dir, monkeypatch, "export", "issues/2012-01.toml")[0] == 0
    exported = out.read_bytes()
    edited = _as_word_saves_it(out)
    out.write_bytes(edited)
    code, _stdout, stderr = _invoke(example_dir, monkeypatch, "export", "issues/2012-01.toml")
    assert code == 0, stderr
    backup = out.with_name("2012-01（改动备份）.docx")
    assert backup.read_bytes() == edited
    assert out.read_bytes() == exported
    assert "issues/build/2012-01（改动备份）.docx" in stderr
    assert "改动" in stderr


def test_reexport_over_the_tools_own_docx_keeps_no_backup(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    assert _invoke(example_dir, monkeypatch, "export", "issues/2012-01.toml")[0] == 0
    issue.write_text(
        issue.read_text(encoding="utf-8").replace("联席会议", "联系会议", 1), encoding="utf-8"
    )
    code, _stdout, stderr = _invoke(example_dir, monkeypatch, "export", "issues/2012-01.toml")
    assert code == 0, stderr
    assert sorted(p.name for p in (example_dir / "issues" / "build").iterdir()) == ["2012-01.docx"]
    assert "备份" not in stderr

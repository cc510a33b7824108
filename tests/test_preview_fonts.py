"""The PDF of export and preview on a machine without the official faces: free faces of the
right kind with simplified forms (the project's fontconfig substitutes), never a Japanese face,
never a sans face for the body; and the clerk is told which faces were replaced."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.export import pdf as pdf_module
from bulletin_cli.export.fonts import installed_families, layout_faces
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.layout import DEFAULT_LAYOUT

runner = CliRunner()

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFFONTS = shutil.which("pdffonts")
FC_MATCH = shutil.which("fc-match")


def _looks_sans(font: str) -> bool:
    name = font.casefold()
    return "sans" in name or "hei" in name or "gothic" in name


def _looks_japanese(font: str) -> bool:
    name = font.casefold()
    return "jp" in name or "japan" in name or "gothic" in name or "mincho" in name


def _pdffonts_names(pdf: Path) -> list[str]:
    assert PDFFONTS is not None
    listing = subprocess.run(
        [PDFFONTS, str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # skip the two header lines; a subset's name is ABCDEF+Name
    return [line.split()[0].split("+", 1)[-1] for line in listing[2:] if line.strip()]


def _fonts_of_cjk_characters(pdf: Path) -> list[tuple[str, str]]:
    """(character, font name) of every CJK character of the PDF, as PDFium reads them."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    found: list[tuple[str, str]] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            for position in range(text.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, position))
                if ord(char) < 0x2E80:
                    continue
                size = pdfium_c.FPDFText_GetFontInfo(text.raw, position, None, 0, None)
                name = ctypes.create_string_buffer(size)
                pdfium_c.FPDFText_GetFontInfo(text.raw, position, name, size, None)
                found.append((char, name.value.decode("utf-8", "replace")))
    finally:
        document.close()
    return found


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None or PDFFONTS is None, reason="needs LibreOffice and poppler")
def test_pdf_without_official_faces_has_no_japanese_and_no_sans_body(
    example_issue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the machine's own font configuration, as on a clerk's computer
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    target = tmp_path / "第1期.docx"
    result = runner.invoke(app, ["export", str(example_issue), "-o", str(target), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = target.with_suffix(".pdf")

    names = _pdffonts_names(pdf)
    assert names, "pdffonts lists the embedded faces"
    assert [name for name in names if _looks_japanese(name)] == []

    characters = _fonts_of_cjk_characters(pdf)
    by_font = Counter(font for _, font in characters)
    body_font = by_font.most_common(1)[0][0]
    assert not _looks_sans(body_font), by_font
    # a sans (Hei) face prints only the section headings 【栏目】
    issue = load_issue(example_issue).issue
    heading_characters = {*"【】“”", *"".join(a.section for a in issue.articles)}
    in_sans = {char for char, font in characters if _looks_sans(font)}
    assert in_sans <= heading_characters, sorted(in_sans - heading_characters)

    families = installed_families() or set()
    missing = [f for f in layout_faces(DEFAULT_LAYOUT) if f.casefold() not in families]
    if missing:  # the clerk is told which faces were replaced, and by what
        assert "代用字体" in result.stderr
        for face in missing:
            assert f"{face} → " in result.stderr


@pytest.mark.skipif(FC_MATCH is None, reason="needs fontconfig")
def test_each_missing_face_gets_a_face_of_its_kind() -> None:
    substitutes = {
        s.face: s.substitute
        for s in pdf_module.face_substitutes(layout_faces(DEFAULT_LAYOUT))
        if s.substitute is not None
    }
    for face in ("仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "宋体"):
        if face in substitutes:  # missing on this machine
            assert not _looks_sans(substitutes[face]), (face, substitutes[face])
            assert not _looks_japanese(substitutes[face]), (face, substitutes[face])
    if "黑体" in substitutes:
        assert _looks_sans(substitutes["黑体"]), substitutes["黑体"]


def test_the_font_configuration_loads_the_callers_own_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "mine.conf"
    own.write_text("<fontconfig/>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(own))
    environment = pdf_module.office_environment(tmp_path / "office")
    config = Path(environment["FONTCONFIG_FILE"])
    text = config.read_text(encoding="utf-8")
    assert text.index(str(own)) < text.index("bulletin-substitutes.conf")
    rules = (config.parent / "bulletin-substitutes.conf").read_text(encoding="utf-8")
    assert "<string>仿宋_GB2312</string>" in rules and 'binding="strong"' in rules
    # only the LibreOffice process gets it: this process keeps its own
    assert os.environ["FONTCONFIG_FILE"] == str(own)

"""The PDF of ``export --pdf`` against its DOCX: every character printed, none dropped, and the
weak punctuation (“ ” ‘ ’ — …) in a Chinese face, never a Latin one (docs/layout.md §7).

On the example and on the issues of tests/layout_issues.py (36 articles full of digits, Latin
words and quotes with titles of one to three lines; 40 briefs). LibreOffice 7.4 converting the
DOCX by itself dropped the ，。、 after a full line (4 of them in the example) and set the
closing quote of «“1+3”» and the dash of «800—1000» in Liberation Serif.
"""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest
from layout_issues import write_briefs_issue, write_long_issue
from pdf_reading import docx_text, pdf_glyphs, pdf_pages

from bulletin_cli.export import build_docx
from bulletin_cli.export.pdf import convert_to_pdf
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.profile import load_profile

REPO = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WEAK = "“”‘’—…"
LATIN_FACES = ("Liberation", "Times", "DejaVu")

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice"),
]


def _docx(issue: Path, out: Path) -> Path:
    """The DOCX of an issue file with the profile beside it, as ``export`` writes it."""
    profile = load_profile(issue.parent.parent / "bulletin.toml")
    path = out / f"{issue.stem}.docx"
    path.write_bytes(build_docx(load_issue(issue).issue, profile))
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(DOCX, PDF) of the example, the 36-article issue and the briefs, in one LibreOffice."""
    root = tmp_path_factory.mktemp("pdf-layout")
    out = root / "out"
    out.mkdir()
    issues = {
        "example": REPO / "issues" / "2012-01.toml",
        "long": write_long_issue(root / "long"),
        "briefs": write_briefs_issue(root / "briefs"),
    }
    documents = {name: _docx(issue, out) for name, issue in issues.items()}
    results = convert_to_pdf(list(documents.values()))
    pdfs: dict[str, tuple[Path, Path]] = {}
    for name, docx in documents.items():
        pdf = results[docx]
        assert isinstance(pdf, Path), pdf
        pdfs[name] = (docx, pdf)
    return pdfs


@pytest.mark.parametrize("name", ["example", "long", "briefs"])
def test_the_pdf_holds_every_character_of_the_docx(
    converted: dict[str, tuple[Path, Path]], name: str
) -> None:
    docx, pdf = converted[name]
    source = collections.Counter(docx_text(docx))
    printed = collections.Counter("".join(line for page in pdf_pages(pdf) for line in page))
    assert source - printed == collections.Counter(), "missing from the PDF"
    assert printed - source == collections.Counter(), "in the PDF, not in the DOCX"
    assert sum(source.values()) > 2000


@pytest.mark.parametrize("name", ["example", "long", "briefs"])
def test_no_quote_or_dash_is_set_in_a_latin_face(
    converted: dict[str, tuple[Path, Path]], name: str
) -> None:
    _docx_path, pdf = converted[name]
    weak = [glyph for glyph in pdf_glyphs(pdf) if glyph.char in WEAK]
    assert len(weak) > 20
    latin = [(glyph.char, glyph.face) for glyph in weak if glyph.face.startswith(LATIN_FACES)]
    assert latin == []


def test_no_line_reaches_into_the_right_margin(converted: dict[str, tuple[Path, Path]]) -> None:
    """No hanging punctuation: nothing is drawn beyond the type area's right edge."""
    # a glyph starting within 2 pt of the type area's right edge (521.6 pt) reaches beyond it
    right = 521.6 - 2.0
    for name, (_docx_path, pdf) in converted.items():
        beyond = [g.char for g in pdf_glyphs(pdf) if g.x > right]
        assert beyond == [], name

"""Reading a PDF of ``export --pdf`` back: its lines and the face of each character (pypdfium2),
and the text of a DOCX, for the PDF tests and bench/compare_layout.py."""

from __future__ import annotations

import ctypes
import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

PAGE_NUMBER = re.compile(r"^—\d+—$")
# zero-width characters the PDF conversion adds to mend line breaks (export/office_script.py)
INVISIBLE = "\u200b\u2060"
_T = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    face: str  # the PDF font's name, subset prefix removed
    x: float
    y: float  # the baseline


def glyphs(page: pypdfium2.PdfPage) -> Iterator[Glyph]:
    """The visible characters of a page in content order, with face and origin."""
    textpage = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        if char.isspace() or char in INVISIBLE:
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 256, ctypes.byref(flags))
        face = name.value.decode("utf-8", "replace").split("+")[-1]
        yield Glyph(char, face, x.value, y.value)


def page_lines(page: pypdfium2.PdfPage) -> list[str]:
    """A page's lines without white space: a new line where the baseline moves (PDFium's own
    line breaks also split a line where the face changes); page numbers left out."""
    lines: list[list[str]] = []
    baseline: float | None = None
    for glyph in glyphs(page):
        if baseline is None or abs(glyph.y - baseline) > 3:
            lines.append([])
        baseline = glyph.y
        lines[-1].append(glyph.char)
    texts = ["".join(line) for line in lines]
    return [text for text in texts if not PAGE_NUMBER.match(text)]


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Every page's lines (see ``page_lines``)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page_lines(page) for page in document]
    finally:
        document.close()


def pdf_glyphs(pdf: Path) -> list[Glyph]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [glyph for page in document for glyph in glyphs(page)]
    finally:
        document.close()


def docx_text(docx: Path) -> str:
    """The text of a DOCX's body (``w:t``), without white space."""
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return re.sub(r"\s+", "", "".join(html.unescape(t) for t in _T.findall(xml)))

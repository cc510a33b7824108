"""OOXML helpers: escaping, units, and schema-ordered builders for ``w:pPr``, ``w:rPr``, runs.

The writer builds WordprocessingML as strings: one paragraph is a handful of concatenations
instead of dozens of lxml or python-docx calls. Every builder emits its children in the order
the schema (ECMA-376 Part 1, 17.3.1.26 ``CT_PPr`` and 17.3.2.28 ``CT_RPr``) requires, so Word
never "repairs" the file. All text goes through :func:`esc`.
"""

from __future__ import annotations

import re

from ..records import record

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

TWIPS_PER_MM = 1440 / 25.4

# characters XML 1.0 forbids (C0 controls except tab/newline, lone surrogates, U+FFFE/U+FFFF)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# characters whose face Word decides by the hint: quotes, dashes, ellipsis, middle dot ...
_AMBIGUOUS_CLASS = "[\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u206f\u2100-\u2bff]"
_AMBIGUOUS_SPLIT = re.compile(f"({_AMBIGUOUS_CLASS}+)")
"""Also what finds one (compiling the class takes ``re`` about 0.5 ms: once, not twice)."""


def esc(text: str) -> str:
    """``text`` escaped for element content, with XML-invalid characters dropped."""
    if _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    if "\r" in text:  # a parser would turn it into a line feed
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """``text`` escaped for a double-quoted attribute value."""
    return esc(text).replace('"', "&quot;")


def half_points(size_pt: float) -> int:
    """A font size in points as ``w:sz`` half-points (三号 16 pt = 32)."""
    return round(size_pt * 2)


def twips(points: float) -> int:
    return round(points * 20)


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def needs_east_asian_hint(text: str) -> bool:
    """Whether ``text`` holds characters (“ ” — …) that need ``w:hint="eastAsia"``."""
    return _AMBIGUOUS_SPLIT.search(text) is not None


def split_ambiguous(text: str) -> list[str]:
    """``text`` split so that odd items are the stretches of ambiguous characters."""
    return _AMBIGUOUS_SPLIT.split(text)


@record(frozen=True, slots=True)
class Fonts:
    """The four face slots of ``w:rFonts``; no ``*Theme`` attribute is ever written."""

    east_asia: str
    latin: str

    @classmethod
    def chinese(cls, face: str) -> Fonts:
        """``face`` in every slot: for the weak punctuation (“ ” — …), whose slot an engine
        chooses by its own rules (Word by ``w:hint``, LibreOffice by the neighbouring
        characters), so whichever slot it picks names the Chinese face."""
        return cls(east_asia=face, latin=face)

    def xml(self) -> str:
        latin = attr(self.latin)
        return (
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" '
            f'w:eastAsia="{attr(self.east_asia)}" w:cs="{latin}"/>'
        )


def rpr(
    *,
    style: str | None = None,
    fonts: Fonts | None = None,
    hint: bool = False,
    bold: bool = False,
    color: str | None = None,
    spacing: int | None = None,
    size_pt: float | None = None,
    lang: bool = False,
) -> str:
    """A ``w:rPr`` with its children in schema order (empty string when there is nothing)."""
    parts: list[str] = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if fonts is not None:
        face = fonts.xml()
        parts.append(face[:-2] + ' w:hint="eastAsia"/>' if hint else face)
    elif hint:
        parts.append('<w:rFonts w:hint="eastAsia"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{attr(color)}"/>')
    if spacing:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if size_pt is not None:
        sz = half_points(size_pt)
        parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if lang:
        parts.append('<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


@record(frozen=True, slots=True)
class Border:
    """One edge of a paragraph or cell border."""

    size_eighths: int
    color: str
    space: int = 0
    val: str = "single"

    def xml(self, edge: str) -> str:
        return (
            f'<w:{edge} w:val="{self.val}" w:sz="{self.size_eighths}" '
            f'w:space="{self.space}" w:color="{attr(self.color)}"/>'
        )


def ruled_box_start(width: int, rule: Border, position: str = "") -> str:
    """The opening of a one-column table of ``width`` twips ruled with ``rule`` above and below
    and nowhere else, no cell margins, up to its grid (the 报尾 and the 本期要目 box);
    ``position`` is a floating table's ``w:tblpPr`` and ``w:tblOverlap``."""
    none = '<w:{edge} w:val="nil"/>'
    return (
        "<w:tbl><w:tblPr>"
        '<w:tblStyle w:val="TableNormal"/>' + position + f'<w:tblW w:w="{width}" w:type="dxa"/>'
        "<w:tblBorders>"
        + rule.xml("top")
        + none.format(edge="left")
        + rule.xml("bottom")
        + none.format(edge="right")
        + none.format(edge="insideH")
        + none.format(edge="insideV")
        + "</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
    )


def ppr(
    *,
    style: str | None = None,
    keep_next: bool | None = None,
    keep_lines: bool | None = None,
    widow_control: bool | None = None,
    border_bottom: Border | None = None,
    tabs: list[tuple[str, int]] | None = None,
    overflow_punct: bool | None = None,
    autospace: bool | None = None,
    snap_to_grid: bool | None = None,
    before: int | None = None,
    after: int | None = None,
    line: int | None = None,
    line_rule: str = "exact",
    ind: str | None = None,
    jc: str | None = None,
    run: str = "",
) -> str:
    """A ``w:pPr`` in schema order; ``ind`` is a prepared ``w:ind`` element (see :func:`ind`)."""
    parts: list[str] = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next is not None:
        parts.append("<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>')
    if keep_lines is not None:
        parts.append("<w:keepLines/>" if keep_lines else '<w:keepLines w:val="0"/>')
    if widow_control is not None:
        parts.append("<w:widowControl/>" if widow_control else '<w:widowControl w:val="0"/>')
    if border_bottom is not None:
        parts.append("<w:pBdr>" + border_bottom.xml("bottom") + "</w:pBdr>")
    if tabs:
        stops = "".join(f'<w:tab w:val="{kind}" w:pos="{pos}"/>' for kind, pos in tabs)
        parts.append(f"<w:tabs>{stops}</w:tabs>")
    if overflow_punct is not None:
        parts.append("<w:overflowPunct/>" if overflow_punct else '<w:overflowPunct w:val="0"/>')
    if autospace is not None:
        value = "" if autospace else ' w:val="0"'
        parts.append(f"<w:autoSpaceDE{value}/><w:autoSpaceDN{value}/>")
    if snap_to_grid is not None:
        parts.append("<w:snapToGrid/>" if snap_to_grid else '<w:snapToGrid w:val="0"/>')
    if before is not None or after is not None or line is not None:
        spacing = "<w:spacing"
        if before is not None:
            # no w:beforeLines beside it: by ECMA-376 17.3.1.33 that would win over w:before
            spacing += f' w:before="{before}"'
        if after is not None:
            spacing += f' w:after="{after}"'
        if line is not None:
            spacing += f' w:line="{line}" w:lineRule="{line_rule}"'
        parts.append(spacing + "/>")
    if ind:
        parts.append(ind)
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if run:
        parts.append(run)
    return "<w:pPr>" + "".join(parts) + "</w:pPr>" if parts else ""


def ind(*, left: int = 0, right: int = 0, first_line: int = 0, hanging: int = 0) -> str:
    """A ``w:ind`` in twips only, every value set so nothing is inherited.

    The ``*Chars`` attributes (hundredths of a character) are written as 0: a value there
    would win over the twips, and Word and LibreOffice measure "a character" differently
    (measured on the 报尾: Word's engine started 「报：」 3 字 in, LibreOffice 1 字); 0 also
    switches off an inherited ``firstLineChars="200"`` when a paragraph is pasted elsewhere
    (docs/layout.md §5)."""
    text = f'<w:ind w:left="{left}" w:leftChars="0" w:right="{right}" w:rightChars="0" '
    if hanging:
        text += f'w:hanging="{hanging}" w:hangingChars="0"/>'
    else:
        text += f'w:firstLine="{first_line}" w:firstLineChars="0"/>'
    return text


def run(text: str, props: str = "") -> str:
    """A ``w:r`` with escaped text; tabs become ``w:tab``, line feeds ``w:br``."""
    body = esc(text)
    if "\t" in body or "\n" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:r>{props}<w:t xml:space="preserve">{body}</w:t></w:r>'


def paragraph(props: str, content: str) -> str:
    return f"<w:p>{props}{content}</w:p>"

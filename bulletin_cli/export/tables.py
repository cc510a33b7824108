"""Tables in the exported DOCX (docs/layout.md, 图片与表格), and the 本期要目 box of page 1.

An article's table is ruled across the type area in ``face_body`` at ``size_table`` (四号),
its header row bold and repeated on each page it continues to (``w:tblHeader``), never left
alone at the foot of a page (its paragraphs keep with the next row) and no row split. Each row
is at least a whole number of grid lines high (the lines its longest cell needs) and its
paragraphs' exact lines leave room for the rules, so the text after the table stays on the
grid. The caption stands above, centred, in ``face_caption``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..layout import LayoutSettings
from ..model import Table
from .ooxml import Border, Fonts, ind, paragraph, ppr, rpr
from .titles import text_width

TABLE_STYLE = "BulletinTable"
TABLE_CAPTION_STYLE = "BulletinTableCaption"
RULE = Border(4, "000000")
"""The rules of a table: ½ pt black, as tables of 公文 are ruled."""
RULE_ROOM = 20
"""Twips of each grid line left to the rules (an exact line of the pitch less 1 pt)."""
RULE_WIDTH = 10
"""Twips of one rule (½ pt), which a row's height is given less of."""
CELL_RULE_ROOM = 30
"""Twips of each grid line a cell's exact line leaves free: LibreOffice sets a row 1½ pt
higher than its text (its rules), Word at the row's height (measured on rendered pages)."""
CELL_MARGIN = 57
"""Twips of space left and right inside each cell (1 mm)."""

Runs = Callable[..., str]


def _columns(rows: list[list[str]]) -> int:
    return max((len(row) for row in rows), default=0)


def column_widths(rows: list[list[str]], width: int, char: int) -> list[int]:
    """Widths (twips) that share ``width`` in proportion to each column's longest cell
    (at least 2 字 each), summing exactly to ``width``."""
    count = _columns(rows)
    if not count:
        return []
    natural = [2.0] * count
    for row in rows:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], min(text_width(cell.strip()) + 1, 20.0))
    total = sum(natural)
    widths = [max(2 * char, int(width * share / total)) for share in natural]
    widths[-1] += width - sum(widths)
    return widths


def cell_lines(text: str, column: int, size_pt: float) -> int:
    """Grid lines a cell of ``text`` needs in a column ``column`` twips wide."""
    # 8 % less than the column holds: a row is never too low for its text (its height is exact)
    capacity = max(1.0, 0.92 * (column - 2 * CELL_MARGIN) / (size_pt * 20))
    lines = [line for line in text.split("\n")] or [""]
    return sum(max(1, math.ceil(text_width(line) / capacity)) for line in lines)


def row_lines(row: list[str], widths: list[int], size_pt: float) -> int:
    return max(
        (cell_lines(cell, widths[index], size_pt) for index, cell in enumerate(row)),
        default=1,
    )


def table_lines(table: Table, layout: LayoutSettings) -> int:
    """Grid lines the table takes, caption included (the page estimate counts them)."""
    rows = padded(table.rows)
    widths = column_widths(rows, layout.type_area_width, round(layout.size_table * 20))
    lines = sum(row_lines(row, widths, layout.size_table) for row in rows)
    return lines + (1 if (table.caption or "").strip() else 0)


def padded(rows: list[list[str]]) -> list[list[str]]:
    """Every row as long as the longest (missing cells empty)."""
    count = _columns(rows)
    return [[*row, *([""] * (count - len(row)))] for row in rows]


def table_xml(table: Table, layout: LayoutSettings, runs: Runs) -> list[str]:
    """The caption paragraph (if any) and the ``w:tbl`` of ``table``; ``runs(text, bold=)``
    gives the runs of a cell's text."""
    rows = padded(table.rows)
    if not rows or not _columns(rows):
        return []
    pitch = layout.line_pitch
    widths = column_widths(rows, layout.type_area_width, round(layout.size_table * 20))
    out: list[str] = []
    caption = (table.caption or "").strip()
    if caption:
        out.append(paragraph(ppr(style=TABLE_CAPTION_STYLE), runs(caption, caption=True)))
    edges = "".join(
        RULE.xml(edge) for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    xml = (
        "<w:tbl><w:tblPr>"
        '<w:tblStyle w:val="TableNormal"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/>'
        f"<w:tblBorders>{edges}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        + "</w:tblGrid>"
    )
    for number, row in enumerate(rows):
        header = number == 0
        # an exact height, which Word and LibreOffice both keep to the twip (an "at least"
        # height each grows by its rules, differently); Word adds the rule above the table
        height = row_lines(row, widths, layout.size_table) * pitch
        if header:
            height -= RULE_WIDTH
        xml += (
            "<w:tr><w:trPr><w:cantSplit/>"
            f'<w:trHeight w:val="{height}" w:hRule="exact"/>'
            + ("<w:tblHeader/>" if header else "")
            + "</w:trPr>"
        )
        for index, cell in enumerate(row):
            paragraphs = cell.split("\n") if cell else [""]
            xml += (
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[index]}" w:type="dxa"/>'
                '<w:vAlign w:val="center"/></w:tcPr>'
            )
            for text in paragraphs:
                # the header row keeps with the first row below it
                props = ppr(style=TABLE_STYLE, keep_next=True if header else None)
                xml += paragraph(props, runs(text, bold=header) if text else "")
            xml += "</w:tc>"
        xml += "</w:tr>"
    out.append(xml + "</w:tbl>")
    return out


def table_styles(layout: LayoutSettings) -> list[tuple[str, str, str, str]]:
    """(style id, name, pPr, rPr) of the table cell and table caption styles."""
    body = Fonts(east_asia=layout.face_body, latin=layout.face_latin)
    caption = Fonts(east_asia=layout.face_caption, latin=layout.face_latin)
    return [
        (
            TABLE_STYLE,
            "Bulletin Table 表格",
            ppr(
                overflow_punct=False,
                autospace=False,
                line=layout.line_pitch - CELL_RULE_ROOM,
                ind=ind(),
                jc="center",
            ),
            rpr(fonts=body, size_pt=layout.size_table),
        ),
        (
            TABLE_CAPTION_STYLE,
            "Bulletin Table Caption 表格标题",
            ppr(
                overflow_punct=False,
                autospace=False,
                keep_next=True,
                line=layout.line_pitch,
                ind=ind(),
                jc="center",
            ),
            rpr(fonts=caption, size_pt=layout.size_caption),
        ),
    ]

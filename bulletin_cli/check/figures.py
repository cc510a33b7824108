"""Grid lines of what is not running text: pictures with their captions, tables, an article's
编者按 and the 本期要目 box, as the exported DOCX sets them (for the page estimate and ``check``).

Sizes come from the same functions the writer uses (``pictures.printed_size``,
``export.tables.table_lines``, ``export.contents.contents_box_lines``), so the estimate and the
export agree line for line; a picture whose file cannot be read counts as 4:3 at its width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..layout import LayoutSettings
from ..model import Article, Issue
from ..pictures import NotAPicture, PictureInfo, picture_info, picture_path, printed_size
from ..profile import Profile
from .setting import SetParagraph

if TYPE_CHECKING:
    from .setting import _Styles

_FALLBACK = PictureInfo("png", 1600, 1200, 200.0)
"""What an unreadable picture counts as: 4:3, wide enough for the whole type area."""


@dataclass(frozen=True, slots=True)
class FigureLines:
    """One picture (with its caption) or table after paragraph ``slot`` (0-based)."""

    slot: int
    lines: int
    picture: bool


def read_info(base: Path | None, file: str) -> PictureInfo | None:
    """The header of a picture file of an issue in ``base`` (None if it cannot be read)."""
    if not file:
        return None
    try:
        path = picture_path((base or Path(".")) / "x.toml", file)
        with path.open("rb") as handle:
            head = handle.read(256 * 1024)
        return picture_info(head)
    except (OSError, NotAPicture, ValueError):
        return None


def picture_lines(
    info: PictureInfo | None, width: float | None, caption: str | None, layout: LayoutSettings
) -> int:
    """Grid lines of a picture and its caption."""
    size = printed_size(
        info or _FALLBACK,
        width,
        area_width=layout.type_area_width,
        pitch=layout.line_pitch,
        max_lines=max(1, layout.lines_per_page - 2),
    )
    return size.lines + (1 if (caption or "").strip() else 0)


def figure_lines(article: Article, layout: LayoutSettings, base: Path | None) -> list[FigureLines]:
    """The pictures and tables of ``article`` in printed order, with the lines of each."""
    from ..export.pictures import placed
    from ..export.tables import table_lines

    count = len(article.paragraphs)
    figures: list[FigureLines] = []
    for slot, items in sorted(placed(article, count).items()):
        for kind, index in items:
            if kind == "picture":
                picture = article.pictures[index]
                info = read_info(base, picture.file)
                lines = picture_lines(info, picture.width, picture.caption, layout)
                figures.append(FigureLines(slot, lines, True))
            else:
                figures.append(FigureLines(slot, table_lines(article.tables[index], layout), False))
    return figures


def contents_lines(issue: Issue, profile: Profile) -> int:
    """Grid lines the 本期要目 box takes on page 1 (0 when the issue prints none), the blank
    line after it not counted."""
    from ..export.contents import contents_box_lines, wants_contents
    from ..export.writer import ordered_sections

    if not wants_contents(issue, profile) or not issue.articles:
        return 0
    sections = ordered_sections(issue, profile)
    return contents_box_lines(sections, set(profile.briefs), profile.layout) - 1


def contents_paragraph(issue: Issue, profile: Profile) -> list[SetParagraph]:
    """The 本期要目 box as the page model sees it: one block of whole grid lines, never split."""
    lines = contents_lines(issue, profile)
    if not lines:
        return []
    pitch = profile.layout.line_pitch
    return [SetParagraph("contents", ("",) * lines, pitch, keep_lines=True)]


def with_figures(
    article: Article, styles: _Styles, *, spaced: bool, base: Path | None
) -> list[SetParagraph]:
    """An article's paragraphs as the writer sets them with its 编者按, pictures and tables:
    the note after the title (and subtitle), kept with the body; each picture a block of its
    grid lines kept whole and with its caption, the paragraph before kept with it; each table
    its rows (the header kept with the first row); figures after the last paragraph before
    the attribution, which then stands on a line of its own."""
    from ..export.pictures import placed
    from ..model import format_sources, split_paragraphs
    from .setting import _article

    layout, pitch = styles.layout, styles.g.pitch
    count = len(split_paragraphs(article.body))
    slots = placed(article, count)
    tail = bool(slots.get(max(0, count - 1))) and count > 0
    plain = replace(article, sources=[]) if tail else article
    set_ = _article(plain, styles, spaced=spaced)
    head = [p for p in set_ if p.kind in ("title", "subtitle")]
    body = [p for p in set_ if p.kind not in ("title", "subtitle")]
    result = head + _note(article, styles)
    figures = {
        slot: [_figure(article, kind, index, layout, base) for kind, index in items]
        for slot, items in slots.items()
    }
    for index, paragraph in enumerate(body):
        after = figures.get(index, []) if paragraph.kind == "body" else []
        if after and after[0][0].kind == "picture":
            paragraph = replace(paragraph, keep_next=True)
        result.append(paragraph)
        for blocks in after:
            result.extend(blocks)
    if not count:
        for blocks in figures.get(0, []):
            result.extend(blocks)
    if tail and article.sources:
        result.append(SetParagraph("attribution", (format_sources(article.sources),), pitch))
    return result


def _note(article: Article, styles: _Styles) -> list[SetParagraph]:
    from ..export.writer import flow
    from ..model import split_paragraphs
    from .linebreak import break_runs

    if not article.note or not article.note.strip():
        return []
    label = styles.measure(styles.layout.face_heading)
    measure = styles.measure(styles.layout.face_kai, condensed=True)
    paragraphs = []
    for index, text in enumerate(split_paragraphs(article.note)):
        runs = [("编者按：" if index == 0 else "", label), (flow(text), measure)]
        lines = tuple(break_runs(runs, styles.indented()))
        paragraphs.append(SetParagraph("note", lines, styles.g.pitch, keep_next=True))
    return paragraphs


def _figure(
    article: Article, kind: str, index: int, layout: LayoutSettings, base: Path | None
) -> list[SetParagraph]:
    from ..export.tables import column_widths, padded, row_lines

    pitch = layout.line_pitch
    if kind == "picture":
        picture = article.pictures[index]
        caption = (picture.caption or "").strip()
        lines = picture_lines(read_info(base, picture.file), picture.width, None, layout)
        blocks = [
            SetParagraph("picture", ("",) * lines, pitch, keep_next=bool(caption), keep_lines=True)
        ]
        if caption:
            blocks.append(SetParagraph("caption", (caption,), pitch))
        return blocks
    table = article.tables[index]
    rows = padded(table.rows)
    if not rows or not max((len(row) for row in rows), default=0):
        return []
    blocks = []
    if (table.caption or "").strip():
        blocks.append(SetParagraph("caption", (table.caption or "",), pitch, keep_next=True))
    widths = column_widths(rows, layout.type_area_width, round(layout.size_table * 20))
    cells = tuple("" for row in rows for _ in range(row_lines(row, widths, layout.size_table)))
    blocks.append(SetParagraph("table", cells, pitch, widow_control=True))
    return blocks

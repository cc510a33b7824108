"""Grid lines of what is not running text: pictures with their captions, tables, an article's
编者按 and the 本期要目 box, as the exported DOCX sets them (for the page estimate and ``check``).

Sizes come from the same functions the writer uses (``pictures.printed_size``,
``export.tables.table_lines``, ``export.contents.contents_box_lines``), so the estimate and the
export agree line for line; a picture whose file cannot be read counts as 4:3 at its width.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..layout import LayoutSettings
from ..model import Article, Issue
from ..pictures import NotAPicture, PictureInfo, picture_info, picture_path, printed_size
from ..profile import Profile

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


def note_lines(note: str | None, per_line: int) -> list[int]:
    """Lines of each paragraph of an article's 编者按 (「编者按：」 before the first)."""
    from ..model import split_paragraphs
    from .pages import paragraph_lines

    if not note or not note.strip():
        return []
    paragraphs = split_paragraphs(note)
    return [
        paragraph_lines(("编者按：" if index == 0 else "") + text, per_line)
        for index, text in enumerate(paragraphs)
    ]


def contents_lines(issue: Issue, profile: Profile) -> int:
    """Grid lines the 本期要目 box takes on page 1, the blank line after it included (0 when
    the issue prints none)."""
    from ..export.contents import contents_box_lines, wants_contents
    from .pages import export_order

    if not wants_contents(issue, profile) or not issue.articles:
        return 0
    sections = export_order(issue, profile)
    return contents_box_lines(sections, set(profile.briefs), profile.layout)

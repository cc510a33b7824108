"""Pictures in the exported DOCX: the files read once, their package parts, and the paragraphs
that print them (docs/layout.md, 图片与表格).

A picture is an inline drawing in a centred paragraph of its own whose exact line height is a
whole number of grid lines (``pictures.printed_size``), so the text after it stays on the
grid; the caption under it is one more paragraph on the grid, in ``face_caption``. The picture
paragraph keeps with its caption, and the paragraph before it keeps with the picture, so
Word and LibreOffice move them to the next page together when they do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..layout import LayoutSettings
from ..model import Article, Issue, Picture
from ..pictures import (
    NotAPicture,
    PictureInfo,
    PrintedSize,
    picture_info,
    picture_path,
    printed_size,
)
from .ooxml import attr, ind, paragraph, ppr, rpr

EMU_PER_TWIP = 635
IMAGE_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
PICTURE_STYLE = "BulletinPicture"
CAPTION_STYLE = "BulletinCaption"


@dataclass(frozen=True, slots=True)
class Medium:
    """One picture file as a part of the package."""

    rel_id: str
    part: str  # e.g. word/media/image1.png
    data: bytes
    info: PictureInfo


@dataclass(slots=True)
class Media:
    """The pictures of an issue, read once before the document is written: each distinct
    file is one part, whatever number of articles print it."""

    by_file: dict[str, Medium] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_file)

    def get(self, picture: Picture) -> Medium | None:
        return self.by_file.get(picture.file)

    @property
    def parts(self) -> list[Medium]:
        return list(self.by_file.values())


def collect_media(issue: Issue, base: Path | None) -> Media:
    """Read every picture of ``issue`` (files relative to ``base``, the issue file's folder);
    a file that is missing or not a PNG/JPEG is left out (``check`` reports it as an error)."""
    media = Media()
    folder = base if base is not None else Path(".")
    for article in issue.articles:
        for picture in article.pictures:
            if not picture.file or picture.file in media.by_file:
                continue
            try:
                data = picture_path(folder / "x.toml", picture.file).read_bytes()
                info = picture_info(data)
            except (OSError, NotAPicture):
                continue
            number = len(media.by_file) + 1
            media.by_file[picture.file] = Medium(
                f"rIdImage{number}", f"word/media/image{number}{info.extension}", data, info
            )
    return media


def size_of(picture: Picture, info: PictureInfo, layout: LayoutSettings) -> PrintedSize:
    return printed_size(
        info,
        picture.width,
        area_width=layout.type_area_width,
        pitch=layout.line_pitch,
        max_lines=max(1, layout.lines_per_page - 2),
    )


WIDTH_MARK = "bulletin:width="
"""How the picture's ``width`` share is kept in its ``pic:cNvPr/@descr``, for ``import``."""


def drawing_xml(
    medium: Medium, size: PrintedSize, number: int, description: str, picture: Picture
) -> str:
    """An inline ``w:drawing`` of the picture at ``size`` (namespaces declared on it). The
    picture's own element carries its file's name and its ``width`` share, so ``import`` of
    the DOCX gives both back."""
    cx, cy = size.width * EMU_PER_TWIP, size.height * EMU_PER_TWIP
    name = f"图片 {number}"
    own = attr(picture.file.replace("\\", "/").rsplit("/", 1)[-1] or name)
    share = f' descr="{WIDTH_MARK}{picture.width:g}"' if picture.width is not None else ""
    return (
        "<w:drawing>"
        f'<wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="{name}" descr="{attr(description)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr>"
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">'
        f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr><pic:cNvPr id="{number}" name="{own}"{share}/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{medium.rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        "</pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def picture_paragraphs(
    picture: Picture, medium: Medium, layout: LayoutSettings, number: int, caption_runs: str
) -> list[str]:
    """The picture's paragraph and, when it has one, its caption's."""
    size = size_of(picture, medium.info, layout)
    caption = (picture.caption or "").strip()
    # a line of at least the whole grid lines holds the picture (an exact line would clip
    # it); the picture leaves 1 pt of it free and the 1 pt paragraph mark adds nothing more
    props = ppr(
        style=PICTURE_STYLE,
        keep_next=bool(caption) or None,
        line=size.lines * layout.line_pitch,
        line_rule="atLeast",
        run=rpr(size_pt=1),
    )
    content = f"<w:r>{rpr(size_pt=1)}{drawing_xml(medium, size, number, caption, picture)}</w:r>"
    paragraphs = [paragraph(props, content)]
    if caption:
        paragraphs.append(paragraph(ppr(style=CAPTION_STYLE), caption_runs))
    return paragraphs


def picture_styles(layout: LayoutSettings) -> list[tuple[str, str, str, str]]:
    """(style id, name, pPr, rPr) of the picture and caption paragraph styles."""
    from .ooxml import Fonts

    caption_fonts = Fonts(east_asia=layout.face_caption, latin=layout.face_latin)
    return [
        (
            PICTURE_STYLE,
            "Bulletin Picture 图片",
            ppr(
                overflow_punct=False,
                autospace=False,
                keep_next=False,
                snap_to_grid=False,
                ind=ind(),
                jc="center",
            ),
            rpr(size_pt=1),
        ),
        (
            CAPTION_STYLE,
            "Bulletin Caption 图片说明",
            ppr(
                overflow_punct=False,
                autospace=False,
                line=layout.line_pitch,
                ind=ind(),
                jc="center",
            ),
            rpr(fonts=caption_fonts, size_pt=layout.size_caption),
        ),
    ]


def placed(article: Article, count: int) -> dict[int, list[tuple[str, int]]]:
    """Where the pictures and tables of ``article`` go: for each 0-based paragraph index
    (``count`` paragraphs; ``count - 1`` also stands for "after the last"), the figures after it
    in order, as (``"picture"``/``"table"``, index)."""
    slots: dict[int, list[tuple[str, int]]] = {}
    last = max(0, count - 1)

    def slot(after: int | None) -> int:
        if after is None:
            return last
        return min(max(0, after - 1), last)

    for index, picture in enumerate(article.pictures):
        slots.setdefault(slot(picture.after), []).append(("picture", index))
    for index, table in enumerate(article.tables):
        slots.setdefault(slot(table.after), []).append(("table", index))
    return slots

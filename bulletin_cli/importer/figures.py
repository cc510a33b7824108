"""Pictures and tables read from a Word file, for ``import``, ``add --from`` and ``collect``.

``docx`` finds them (a picture's bytes from its image part, a table's cells); this module
holds what was found, tells a caption from body text, and fixes where a figure stands among
the article's paragraphs. The files are written beside the issue by the service, which alone
knows where the issue file is (``pictures.store_picture``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..pictures import NotAPicture, picture_info

CAPTION_MAX = 60
"""The longest line read as a caption (a caption is a line or two, not a paragraph)."""
_CAPTION_START = re.compile(r"^[（(]?\s*(?:图为|图\s*[：:]|图\s*\d+|上图|下图|左图|右图|照片为)")


@dataclass(slots=True)
class PictureData:
    """A picture of the file: its bytes (PNG or JPEG), a name for its file, its caption and
    the share of the type area's width it took (read back from our own export)."""

    data: bytes
    name: str
    caption: str | None = None
    width: float | None = None


@dataclass(slots=True)
class TableData:
    """A table of the file: its rows of cell text, the caption above it, whether it had
    merged cells (their text is kept in the first cell of the merge)."""

    rows: list[list[str]]
    caption: str | None = None
    merged: bool = False


@dataclass(slots=True)
class Placed:
    """A figure and the 1-based source paragraph it follows."""

    figure: PictureData | TableData
    anchor: int


@dataclass(slots=True)
class Figures:
    """The figures of an article in source order."""

    items: list[Placed] = field(default_factory=list)


def is_caption(text: str, align: str | None) -> bool:
    """Whether the line under a picture is its caption: ``图为…`` (or 图：, 图1), or a short
    centred line."""
    text = text.strip()
    if not text or len(text) > CAPTION_MAX:
        return False
    return bool(_CAPTION_START.match(text)) or align == "center"


def usable_picture(data: bytes) -> str | None:
    """None when ``data`` is a PNG or JPEG; else why it cannot be kept (Chinese)."""
    try:
        picture_info(data)
    except NotAPicture as err:
        return str(err)
    return None


def after_paragraph(anchor: int, numbers: list[int]) -> int | None:
    """The ``after`` of a figure whose source paragraph is ``anchor``, among body paragraphs
    from source paragraphs ``numbers``: None when it follows the last (the default), at least 1."""
    before = sum(1 for number in numbers if number <= anchor)
    if before >= len(numbers):
        return None
    return max(1, before)

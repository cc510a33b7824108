"""A picture's caption in a unit's file (``图为……``): the short paragraph right under the
picture, or beside it in the same paragraph. Today the picture itself is dropped, and so is its
caption (never body text); the same test tells which paragraph goes with a picture kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..textclean import strip_spaces

CAPTION_MAX = 120
"""A caption is one short paragraph; a longer one starting ``图为`` is body text."""
_CAPTION_START = re.compile(
    r"^[（(【\[]?\s*(?:图为|图片为|图片说明|照片为|上图|下图|左图|右图|图\s*\d*\s*[：:])"
)
_NEAR = 2
"""How many paragraphs below a picture its caption may stand (an empty one between)."""


def caption_text(text: str) -> str | None:
    """``（图为现场）`` → ``图为现场``: the caption a paragraph holds, or ``None``."""
    text = strip_spaces(text)
    if len(text) > CAPTION_MAX or not _CAPTION_START.match(text):
        return None
    if text[:1] in "（(【[" and text[-1:] in "）)】]":
        text = strip_spaces(text[1:-1])
    return text


def captions_of_pictures(
    lines: Sequence[tuple[int, str]], pictures: Sequence[int]
) -> dict[int, str]:
    """Which ``lines`` (paragraph number, text) are the captions of pictures in paragraphs
    ``pictures``: the index of each such line, and its caption. A line is a picture's caption
    when it reads as one and stands in the picture's paragraph or up to two paragraphs below;
    each picture takes at most one."""
    found: dict[int, str] = {}
    for picture in pictures:
        for index, (number, text) in enumerate(lines):
            if index in found or not picture <= number <= picture + _NEAR:
                continue
            caption = caption_text(text)
            if caption is not None:
                found[index] = caption
                break
    return found

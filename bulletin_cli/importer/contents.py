"""The contents recogniser: a list of the issue's titles before the articles, not an article.

Some bulletins print ``本期导读`` or ``目录`` (or just a numbered list of titles) between the
masthead and the first section. An entry is a short line whose text, without its number and
page number, is printed again further on (as a title or a section heading); the list is the run
of such entries at the start of the body, after its label if it has one.
"""

from __future__ import annotations

import re

from .state import Reading
from .text import is_title_like

_LABEL = re.compile(r"^(?:本期导读|本期要目|本期目录|本期内容|导读|要目|目录)[：:]?$")
_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[△▲●◆■□★☆·•])\s*"
)
_PAGE = re.compile(r"(?:[.．…·]{2,}|[\s\u3000]+)\s*(?:第\s*)?\d{1,3}\s*页?$")
"""A page number after a leader of dots or spaces (``市总工会召开全委会议……3``)."""
_MIN_UNLABELLED = 2
"""Entries a list needs to be taken for contents when no 目录 label announces it."""


def skip_contents(reading: Reading, start: int, end: int) -> int:
    """The index of the first line after a contents list at ``start`` (``start`` if none)."""
    indices = reading.text_indices(start, end)
    if not indices:
        return start
    lines = reading.lines
    first = lines[indices[0]]
    labelled = first.role is None and _LABEL.match("".join(first.content.split())) is not None
    k = 1 if labelled else 0
    entries = 0
    while k < len(indices):
        line = lines[indices[k]]
        if line.role is not None or not is_title_like(line.content, 2 * reading.limit):
            break
        key = entry_key(line.content)
        later = (entry_key(lines[i].content) for i in indices[k + 1 :])
        if not key or key not in later:
            break
        entries += 1
        k += 1
    if entries == 0 or (not labelled and entries < _MIN_UNLABELLED):
        return start
    reading.guess(first, f"目录（{entries} 条）不作为稿件，各篇按正文中的标题导入")
    return indices[k] if k < len(indices) else end


def entry_key(text: str) -> str:
    """A line as a contents entry and its title compare: no number, page or spaces."""
    text = _PAGE.sub("", _NUMBER.sub("", text))
    return "".join(text.split()).strip("【】[]")

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
_PAGE = re.compile(
    r"(?:[.．…·]{2,}|…|[\s\u3000]+)\s*[（(]?\s*(?:第\s*)?[0-9０-９]{1,3}\s*页?\s*[）)]?$"
)
"""A page number after a leader of dots or spaces (``市总工会召开全委会议……3``, ``……（２）``)."""
_LEADER = re.compile(r"(?:[.．…·]{2,}|…)\s*[（(]?\s*(?:第\s*)?[0-9０-９]{1,3}\s*页?\s*[）)]?$")
"""A dot leader and page number: the line ends a contents entry, whatever its wording."""
_WRAPPED_MAX = 3
"""Lines one contents entry may wrap over before its leader and page number."""
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
    led = _led_entries(reading, indices, k)
    if led is not None:
        end_k, entries = led
        reading.guess(first, f"目录（{entries} 条，带页码）不作为稿件，各篇按正文中的标题导入")
        return indices[end_k] if end_k < len(indices) else end
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


def _led_entries(reading: Reading, indices: list[int], k: int) -> tuple[int, int] | None:
    """A contents box whose entries end in a dot leader and page number, wrapped or not:
    where the body starts after it, and how many entries it has (``None`` if it is not one).

    The leaders are the evidence: the wording of an entry often differs from the heading."""
    lines = reading.lines
    entries = 0
    since = 0
    end_k = k
    while k < len(indices) and since < _WRAPPED_MAX:
        line = lines[indices[k]]
        text = line.content
        if line.role is not None or "。" in text or len(text) > 2 * reading.limit:
            break  # a wrapped entry may end in a comma (``……高潮，``), never a sentence
        k += 1
        if _LEADER.search(line.content):
            entries += 1
            since = 0
            end_k = k
        else:
            since += 1
    return (end_k, entries) if entries >= _MIN_UNLABELLED else None

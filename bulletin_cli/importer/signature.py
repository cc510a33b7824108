"""The signature recogniser: a unit and a date signed under the last article.

A single-report bulletin (一事一报) ends its one article as a letter does: the unit on a line
of its own, the date under it (or both on one line), no brackets. Those lines are the
article's attribution and the issue's date, not body text.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import record
from .state import Reading, merge
from .text import SourceLine, date_line, unit_names

_EDITED = re.compile(r"编印?[\s\u3000]*(?:\d{4}|[〇零○一二三四五六七八九]{4})")
"""``…办公室编　2012年``: the editing unit of a masthead or 报尾 line, not a signature."""
_SENTENCE_END = ("。", "！", "？", "!", "?", "…", "”")


@record(frozen=True, slots=True)
class Signature:
    line: SourceLine
    units: list[str]
    date: dt.date | None


def find_signature(reading: Reading, start: int, end: int) -> tuple[int, Signature | None]:
    """Where the body ends before a signature at ``end``, and the signature (if there is one)."""
    lines = reading.lines
    indices = reading.text_indices(start, end)
    if len(indices) < 3:
        return end, None
    known = [*reading.profile.units, reading.profile.editor, reading.issue.editor or ""]
    k = len(indices) - 1
    last = lines[indices[k]]
    if last.role is not None:
        return end, None
    dated = date_line(last.content)
    date: dt.date | None = None
    if dated is not None and reading.issue.date not in (None, dated.date):
        return end, None  # another date than the masthead's: not this issue's signature
    if dated is not None and dated.editor is not None:
        # 苏州市总工会办公室　2012年3月1日 (without 编: a 编 line is the masthead's or 报尾's)
        signed = _EDITED.search(last.content) is None
        units = unit_names(dated.editor, known) if signed else None
        if units and _after_body(lines[indices[k - 1]]):
            return indices[k], Signature(last, units, dated.date)
        return end, None
    if dated is not None:
        date, k = dated.date, k - 1
    line = lines[indices[k]]
    signed = line.role is None and not line.content.startswith(("（", "("))
    if date is None and line.align == "right":
        signed = False  # a right-aligned unit alone: the body reads it as the attribution
    units = unit_names(line.content, known) if signed else None
    if not units or not _after_body(lines[indices[k - 1]]):
        return end, None
    return indices[k], Signature(line, units, date)


def _after_body(line: SourceLine) -> bool:
    """The line above a signature ends a paragraph of text."""
    return line.role in (None, "body") and line.content.endswith(_SENTENCE_END)


def apply_signature(reading: Reading, signature: Signature) -> None:
    """The signature's units go to the last article; its date to the issue, if it has none."""
    if reading.drafts:
        last = reading.drafts[-1]
        last.sources = merge(last.sources, signature.units)
        last.closed = True
    reading.guess(signature.line, f"文末署名当作供稿单位（{'、'.join(signature.units)}）")
    issue = reading.issue
    if signature.date is not None and issue.date is None:
        issue.date = signature.date

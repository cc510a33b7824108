"""The 报尾 recogniser: the 报/送/发 lines, 共印 N 份, and a printed 印发 date at the end.

``tail_start`` finds where the 报尾 begins (the last lines, all of them 报尾 lines);
``read_tail`` fills ``issue.distribution`` from there.
"""

from __future__ import annotations

import datetime as dt

from ..model import Distribution
from ..textclean import strip_spaces
from .masthead import date_line_fits
from .state import Reading
from .text import (
    SourceLine,
    copies_in,
    date_line,
    distribution_label,
    distribution_names,
    has_text,
)

_LOOKBACK = 40
"""How many lines of text from the end may belong to the 报尾."""
_CONTINUED_MAX = 60
"""The longest line that continues a list of names (报：…，) from the line before."""


def tail_start(reading: Reading, start: int) -> int:
    """The index of the first line of the 报尾 (``len(lines)`` when there is none)."""
    window = reading.text_indices(start, len(reading.lines))[-_LOOKBACK:]
    for k, i in enumerate(window):
        if _is_tail_line(reading.lines[i]) and _rest_is_tail(reading, window[k:]):
            return i
    return len(reading.lines)


def _is_tail_line(line: SourceLine) -> bool:
    if line.role == "distribution":
        return True
    if line.role is not None:
        return False
    text = line.content
    if distribution_label(text) is not None:
        return True
    copies = copies_in(text)
    return copies is not None and not copies[1]


def _rest_is_tail(reading: Reading, indices: list[int]) -> bool:
    issue = reading.issue
    open_label = False
    dates: set[tuple[str | None, object]] = set()
    for i in indices:
        line = reading.lines[i]
        text = line.content
        if _is_tail_line(line):
            label = distribution_label(text)
            open_label = label is not None and not text.endswith("。")
            continue
        dated = date_line(text) if line.role is None else None
        if dated is not None:
            # a printed 印发 line: taken only when it agrees with the masthead
            dates.add((dated.editor, dated.date))
            if (
                len(dates) > 1
                or issue.date not in (None, dated.date)
                or (dated.editor and issue.editor not in (None, dated.editor))
            ):
                return False
            continue
        if line.role is None and open_label and len(text) <= _CONTINUED_MAX:
            open_label = not text.endswith("。")
            continue
        return False
    return True


def read_tail(reading: Reading, start: int) -> None:
    """The distribution lists and copies from line ``start`` to the end."""
    if start >= len(reading.lines):
        return
    dist = Distribution()
    key: str | None = None
    joined = False  # the last name of the previous line goes on in this one
    found = False
    for i in reading.text_indices(start, len(reading.lines)):
        line = reading.lines[i]
        text = line.content
        copies = copies_in(text)
        if copies is not None:
            dist.copies = copies[0]
            found = True
            text = copies[1]
            if not has_text(text):
                continue
        label = distribution_label(text)
        if label is not None:
            key, text = label
            joined = False
        else:
            dated = date_line(text)
            if dated is not None and date_line_fits(reading, line):
                _tail_date(reading, line, dated.editor, dated.date)
                continue
            if key is None:
                key = "distribute"
                reading.guess(line, "报尾这一行没有“报：”“送：”“发：”，当作“发”")
        names: list[str] = getattr(dist, key)
        new = distribution_names(text)
        if joined and names and new:
            names[-1] += new.pop(0)
        names.extend(new)
        joined = not strip_spaces(text).endswith(("，", ",", "。", "；", ";"))
        found = True
    if found:
        reading.issue.distribution = dist


def _tail_date(
    reading: Reading, line: SourceLine, editor: str | None, date: dt.date | None
) -> None:
    issue = reading.issue
    if editor and issue.editor is None:
        issue.editor = editor
    if date is not None and issue.date is None:
        issue.date = date
    elif date is not None and date != issue.date:
        reading.report.notes.append(
            f"第 {line.number} {reading.report.unit}的印发日期与报头不同，采用报头的日期"
        )

"""The signature recogniser: a unit and a date signed under the last article.

A single-report bulletin (一事一报) ends its one article as a letter does: the unit on a line
of its own, the date under it (or both on one line), no brackets. Those lines are the
article's attribution and the issue's date, not body text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..textclean import strip_spaces
from .state import Draft, Reading, merge
from .text import SourceLine, date_line, unit_names

_EDITED = re.compile(r"编印?[\s\u3000]*(?:\d{4}|[〇零○一二三四五六七八九]{4})")
"""``…办公室编　2012年``: the editing unit of a masthead or 报尾 line, not a signature."""
_SENTENCE_END = ("。", "！", "？", "!", "?", "…", "”")


@dataclass(frozen=True, slots=True)
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
        sign(reading, reading.drafts[-1], signature.line, signature.units, signature.date)
        return
    reading.guess(signature.line, f"文末署名当作供稿单位（{'、'.join(signature.units)}）")
    issue = reading.issue
    if signature.date is not None and issue.date is None:
        issue.date = signature.date


def sign(
    reading: Reading, draft: Draft, line: SourceLine, units: list[str], date: dt.date | None
) -> None:
    """An article signed under its last paragraph: the unit is its attribution — unless the
    document's heading named that unit (then it signs the issue) — and the date is kept with
    it for the issue's date (``assemble`` chooses)."""
    draft.closed = draft.signed = True
    if date is not None:
        draft.date = date
        draft.dated_line = line
    if not units:
        reading.guess(line, "文末日期当作这份简报的日期")
        return
    draft.signer = units[0]
    if reading.heading_editor is not None and units == [reading.heading_editor]:
        reading.guess(line, f"文末署名与首行的发文单位相同，当作编印单位（{units[0]}）")
        return
    draft.sources = merge(draft.sources, units)
    reading.guess(line, f"文末署名当作供稿单位（{'、'.join(units)}）")


def signature_line(
    reading: Reading, text: str, last_paragraph: str
) -> tuple[list[str], dt.date | None] | None:
    """``武汉市某某局2026.4.16``, ``某某局　二〇二六年四月十六日`` or a date alone, under a
    paragraph that ends a sentence: the units (none for a date alone) and the date."""
    if not last_paragraph.endswith(_SENTENCE_END) or _EDITED.search(text):
        return None
    dated = date_line(text)
    if dated is None or dated.date is None:
        return None
    if dated.editor is None:
        return [], dated.date
    known = [*reading.profile.units, reading.profile.editor, reading.issue.editor or ""]
    units = unit_names(dated.editor, known)
    if not units or len(units) != 1:
        return None
    return units, dated.date


_AFTER_SIGNATURE = re.compile(
    r"^[（(]\s*(?P<label>发至|发到|印发|分送|原转载于|原载于|转载于|转载自|原载|转载)\s*(?P<rest>[^（）()]+?)\s*[）)]?$"
)


def after_signature(text: str) -> tuple[str, str] | None:
    """``（发至县级党委）`` → (``distribute``, ``县级党委``); a reprint note → (``note``, …)."""
    match = _AFTER_SIGNATURE.match(strip_spaces(text))
    if match is None:
        return None
    kind = "distribute" if match.group("label") in ("发至", "发到", "印发", "分送") else "note"
    return kind, strip_spaces(match.group("rest"))


_ADDRESSEE = re.compile(r"^(?P<names>[^。；;：:！？“”]{2,60})[：:]$")
_ADDRESSEE_ENDINGS = ("党委", "党组", "中央", "政府", "单位", "部门", "同志", "领导")


def addressee(text: str) -> str | None:
    """``各省、市、自治区党委并中央局：``: whom a report or a covering note is addressed to."""
    match = _ADDRESSEE.match(strip_spaces(text))
    if match is None:
        return None
    names = match.group("names")
    last = re.split(r"[、，,并和及]|并报|抄送", names)[-1]
    if last.endswith(_ADDRESSEE_ENDINGS) or unit_names(last):
        return names
    return None


_BRACKETED_DATE = re.compile(r"^[（(]\s*(?P<date>[^（）()]{6,20})\s*[）)]$")


def bracketed_date(text: str) -> dt.date | None:
    """``（二〇二六年四月三日）`` on a line of its own."""
    match = _BRACKETED_DATE.match(strip_spaces(text))
    if match is None:
        return None
    dated = date_line(match.group("date"))
    return dated.date if dated is not None and dated.editor is None else None

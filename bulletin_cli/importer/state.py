"""The state of one reading: what the recognisers share, and the few moves they all make.

The recognisers (``masthead``, ``body``, ``styled``, ``tail``) are functions over a ``Reading``:
the lines and the profile they read, the issue and the articles they build, and the small
``BodyState`` of the body's state machine. The moves here — open, close and fill an article,
start a section, note a guess — are the only places those fields change shape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Issue
from ..profile import Profile
from ..textclean import clean_title, split_units, strip_spaces
from .figures import PictureData, TableData
from .outline import Outline
from .report import ImportReport
from .text import SourceLine, date_line, end_attribution, has_text, is_title_like

_TITLE_LIMIT_MIN = 40
"""A title may be this long however short the profile's limit (old bulletins had long ones)."""
_LENIENT_END = re.compile(
    r"^(?P<text>.*?)[\s\u3000]*[（(](?P<units>[^（）()\n]{1,60})[）)]\s*$", re.S
)


@dataclass(slots=True)
class Draft:
    """An article while its lines are being read."""

    section: str | None
    line: int
    title: str = ""
    subtitle: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    closed: bool = False
    """Its attribution was read: the next line starts something else."""
    brief: bool = False
    marked: bool = False
    """A brief led by a bullet or number (``△``, ``1.``)."""
    note: list[str] = field(default_factory=list)
    """Its 编者按, paragraph by paragraph."""
    figures: list[tuple[PictureData | TableData, int]] = field(default_factory=list)
    """Its pictures and tables, each with the number of paragraphs before it."""
    subheadings: bool = False
    """Short lines inside it are its sub-headings (a series under the title), not titles."""
    signed: bool = False
    """It ended with a signature (a unit and a date, or a date alone)."""
    signer: str | None = None
    date: dt.date | None = None
    """The date it was signed with, or printed under its title."""
    dated_line: SourceLine | None = None


@dataclass(slots=True)
class BodyState:
    """Where the body's state machine stands between two lines."""

    draft: Draft | None = None
    section: str | None = None
    section_line: SourceLine | None = None
    section_filled: bool = False
    after_title: bool = False
    wrapped: bool = False
    """The last paragraph stopped mid-sentence in a long line (a hand-wrapped text)."""
    joining: bool = False
    """The last line was joined onto the paragraph before it."""
    outline: Outline = field(default_factory=Outline)
    ahead: list[SourceLine] = field(default_factory=list)
    """The lines of the body being read, with text; ``position`` is the current one."""
    position: int = 0
    masthead_end: int | None = None
    """Where a heading line that carried the whole masthead ends it (old bulletins)."""


@dataclass(slots=True)
class Reading:
    """One source being read into an issue."""

    lines: list[SourceLine]
    profile: Profile
    report: ImportReport
    issue: Issue = field(default_factory=Issue)
    drafts: list[Draft] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    body: BodyState = field(default_factory=BodyState)
    heading_editor: str | None = None
    """The unit a document heading names (``某部关于情况的通报``) over a titled article: a
    signature of that unit at the end is the issue's, not the article's attribution."""
    heading_lines: list[SourceLine] = field(default_factory=list)
    addressees: list[tuple[str, str]] = field(default_factory=list)
    """(``report`` or ``distribute``, names) from addressee lines (``各区县总工会：``)."""

    @property
    def limit(self) -> int:
        """The longest line that can still be a title."""
        return max(self.profile.title_max, _TITLE_LIMIT_MIN)

    @property
    def join_wrapped(self) -> bool:
        """A plain text wrapped by hand (pasted from e-mail) breaks lines inside sentences."""
        return self.report.kind == "text"

    def text_indices(self, start: int, end: int) -> list[int]:
        return [i for i in range(start, end) if present(self.lines[i])]

    def guess(self, line: SourceLine, message: str) -> None:
        self.report.guess(line.number, message, line.content)

    def guess_at(self, draft: Draft, message: str) -> None:
        self.report.guess(draft.line, message, draft.title or "".join(draft.paragraphs[:1]))


# ------------------------------------------------------------------------ the shared moves


def close(reading: Reading) -> None:
    """The article being read is complete."""
    state = reading.body
    if state.draft is not None:
        reading.drafts.append(state.draft)
        state.section_filled = True
        state.draft = None
    state.after_title = False


def start_section(reading: Reading, name: str, line: SourceLine) -> None:
    close(reading)
    keep_empty_section(reading)
    state = reading.body
    state.section = name
    state.section_line = line
    state.section_filled = False


def keep_empty_section(reading: Reading) -> None:
    """A heading with no article under it stays, as an empty article the clerk sees."""
    state = reading.body
    line = state.section_line
    if line is not None and not state.section_filled:
        reading.drafts.append(Draft(state.section, line.number))
        reading.guess(line, f"栏目“{state.section}”下没有稿件：保留为一篇空稿件，请补上或删去")
        state.section_filled = True


def new_title(reading: Reading, line: SourceLine, text: str) -> None:
    close(reading)
    reading.body.draft = Draft(reading.body.section, line.number, title=clean_title(text))
    reading.body.after_title = True


def new_brief(
    reading: Reading, line: SourceLine, text: str, mark: str | None, *, lenient: bool = False
) -> None:
    """A brief: ``text`` after its ``mark``; ``lenient`` takes any bracketed end as its units."""
    close(reading)
    body = strip_spaces(text[len(mark) :]) if mark else text
    draft = Draft(reading.body.section, line.number, brief=True, marked=mark is not None)
    found = end_attribution(body)
    if found is None and lenient:
        match = _LENIENT_END.match(body)
        if match is not None and split_units(match.group("units")):
            found = strip_spaces(match.group("text")), split_units(match.group("units"))
    if found is not None:
        body, units = found
        draft.sources = units
        draft.closed = True
        check_units(reading, line, units)
    if body:
        draft.paragraphs.append(paragraph_text(body))
    reading.body.draft = draft


def attribution(reading: Reading, line: SourceLine, units: list[str]) -> None:
    """A line that is only an attribution: it closes (or adds to) the article before it."""
    state = reading.body
    draft = state.draft
    if draft is not None and not draft.closed and (draft.paragraphs or draft.brief):
        draft.sources = merge(draft.sources, units)
        draft.closed = True
        check_units(reading, line, units)
    elif draft is not None and draft.closed:
        draft.sources = merge(draft.sources, units)
        reading.guess(line, "又一行供稿单位，并入上一篇的供稿单位")
    elif draft is not None:
        draft.sources = merge(draft.sources, units)
        draft.closed = True
        reading.guess(line, "标题后直接是供稿单位：这篇没有正文")
    elif reading.drafts:
        last = reading.drafts[-1]
        last.sources = merge(last.sources, units)
        reading.guess(line, "供稿单位前没有稿件，并入上一篇的供稿单位")
    else:
        state.draft = Draft(state.section, line.number, sources=list(units), closed=True)
        reading.guess(line, "供稿单位前没有稿件，当作一篇空稿件")
    state.after_title = False


def paragraph_anyway(reading: Reading, line: SourceLine, text: str) -> None:
    """Keep a line as body text when nothing else fits (no text is ever dropped)."""
    state = reading.body
    if state.draft is None or state.draft.closed:
        close(reading)
        state.draft = Draft(state.section, line.number)
    state.draft.paragraphs.append(paragraph_text(text))


def check_units(reading: Reading, line: SourceLine, units: list[str]) -> None:
    known = reading.profile.units
    unknown = [unit for unit in units if unit not in known]
    if known and unknown:
        reading.guess(
            line, f"（{'、'.join(units)}）当作供稿单位（{'、'.join(unknown)} 不在已知单位中）"
        )


def unbracketed_units(reading: Reading, text: str) -> bool:
    """A short line that is only unit names (``市总办公室、研究室``), not a sentence."""
    return (
        is_title_like(text, reading.limit)
        and date_line(text) is None
        and not text.endswith(("！", "？", "!", "?"))
        and bool(split_units(text))
    )


# -------------------------------------------------------------------------------- helpers


def paragraph_text(text: str) -> str:
    """A paragraph without indentation or padding; soft line breaks inside it are kept."""
    parts = [strip_spaces(part) for part in text.split("\n")]
    return "\n".join(part for part in parts if part)


def present(line: SourceLine) -> bool:
    """Whether a line holds text: words, or anything at all in a styled paragraph."""
    return has_text(line.content) or (line.role is not None and bool(line.content))


def merge(old: list[str], new: list[str]) -> list[str]:
    return old + [unit for unit in new if unit not in old]

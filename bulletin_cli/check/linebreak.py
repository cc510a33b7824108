"""Where a paragraph's lines break, the way Word (and LibreOffice set up like it) breaks them.

Widths come from the faces' metrics: every Chinese character and every sign the DOCX sets in
the Chinese face (full-width punctuation, “ ” ‘ ’ — …) is one em of the run's size; Latin
letters, digits and ASCII signs take Times New Roman's advance (``latin_metrics``). Character
spacing (the body's −0.25 pt condensing) is added after every character. A line holds what
fits in its width; the break then goes back to the last place a line may end:

- between two Chinese characters, and between a Chinese character and a Latin word or
  number: anywhere;
- inside a Latin word or a number (a run of ASCII letters, digits and signs): never, only
  after a space or a hyphen before a letter (E-|mail); spaces and the ideographic space at a
  line's end take no room;
- 避头尾 (kinsoku, GB/T 15834 4.1 and UAX #14 classes CL/CP/EX/IS/NS and OP/QU): never before
  a closing mark (``NO_LINE_START``) nor after an opening one (``NO_LINE_END``), as Word's
  default lists for Simplified Chinese have them. The dash — is in neither list: Word breaks
  before it and between the two halves of ——.

Punctuation does not hang in the margin (the DOCX writes ``w:overflowPunct w:val="0"``): a
closing mark that would fall past a full line takes the character before it to the next line,
and the line it leaves is justified wider. That is what Word does, measured with word-layout
(docs/layout.md §6).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .metrics import ADVANCE, FACE_ADVANCE, FACE_UNITS_PER_EM, UNITS_PER_EM

# Word's default 避头尾 lists for Simplified Chinese (File › Options › Typography), which
# follow GB/T 15834: marks that close or follow (never at a line's start) ...
NO_LINE_START = frozenset(
    "!%),.:;?]}¢°·’”…‰′″℃∶、。〃〉》」』】〕〗〞﹚﹜！＂％＇），．：；？］｝～￠―‖ˇˉ¨"
)
# ... and marks that open (never at a line's end)
NO_LINE_END = frozenset("$([{£¥‘“〈《「『【〔〖〝﹙﹛＄（［｛￡￥")
_DASHES = frozenset("—–")
SPACES = frozenset(" \u3000")
"""Spaces: a line may end after them, and at its end they take no room."""
EPSILON = 0.01
"""Points of slack a line may take over its width (the engines' own rounding)."""


@dataclass(frozen=True, slots=True)
class Measure:
    """How a run's characters are measured: the size of its type in points, the character
    spacing (negative: condensed) added after each character, and the kind of its Chinese
    face (``metrics.face_kind``)."""

    size: float
    spacing: float = 0.0
    face: str = "song"

    def advance(self, char: str) -> float:
        """The width of ``char`` in points."""
        units = ADVANCE.get(ord(char))
        if units is not None:
            return self.size * units / UNITS_PER_EM + self.spacing
        face_units = FACE_ADVANCE[self.face].get(char)
        if face_units is not None:
            return self.size * face_units / FACE_UNITS_PER_EM + self.spacing
        return self.size + self.spacing

    def width(self, text: str) -> float:
        return sum(self.advance(char) for char in text)


def _is_latin(char: str) -> bool:
    """Part of a Latin word or a number (the engines never break inside one)."""
    return char != " " and ord(char) in ADVANCE


def may_break(text: str, index: int) -> bool:
    """Whether a line may end before ``text[index]`` (``0 < index < len(text)``)."""
    before, after = text[index - 1], text[index]
    if after in SPACES:
        return False  # a space stays at the end of the line before
    if before in SPACES:
        return True
    if _is_latin(before) and _is_latin(after):
        return before == "-" and after.isalpha()
    if after in _DASHES and _is_latin(before):
        return False  # Word keeps a dash with the number or word before it (800—|1000)
    return after not in NO_LINE_START and before not in NO_LINE_END


@dataclass(frozen=True, slots=True)
class Frame:
    """The room a paragraph's lines have: the width of its lines (the type area less the
    indents, points), the first line's indent (negative: hanging) and a right tab stop (points
    from the left edge of the lines, or None)."""

    width: float
    first_indent: float = 0.0
    tab_stop: float | None = None
    default_tabs: float = 21.0
    """The document's default tab stops (``w:defaultTabStop``, 420 twips), points apart."""


def break_lines(text: str, measure: Measure, frame: Frame) -> list[str]:
    """The lines of a paragraph of ``text`` in one run (see :func:`break_runs`)."""
    return break_runs([(text, measure)], frame)


def break_runs(runs: Sequence[tuple[str, Measure]], frame: Frame) -> list[str]:
    """The lines of a paragraph made of ``runs`` (text, how it is measured): ``\n`` is a
    line break (``w:br``), ``\t`` a tab to the right tab stop, the text after it set flush
    against the stop."""
    text = "".join(part for part, _ in runs)
    advances: list[float] = []
    for part, measure in runs:
        advances += map(_advances(measure).__getitem__, part)
    sums = [0.0, *itertools.accumulate(advances)]  # sums[i]: the width of text[:i]
    spans: list[tuple[int, int]] = []
    indent, start = frame.first_indent, 0
    for part in text.split("\n"):
        end = start + len(part)
        middle = start + part.find("\t") if "\t" in part else end
        lines = _fill(text, sums, start, middle, frame.width, frame.width - indent)
        if middle < end:
            lines = _tab_to(lines, middle, end, text, sums, frame, indent)
        spans += lines
        indent, start = 0.0, end + 1
    return [text[a:b].rstrip(" \u3000") for a, b in spans]


def _tab_to(
    lines: list[tuple[int, int]],
    tab: int,
    end: int,
    text: str,
    sums: list[float],
    frame: Frame,
    indent: float,
) -> list[tuple[int, int]]:
    """The lines with the text after the tab at ``tab`` added: flush against the right stop on
    the last line when it fits there; on a line of its own when the last line is empty. When
    it does not fit, Word takes the tab to the next default stop and lets the text run on and
    wrap (measured with word-layout): so does the model."""
    stop = frame.width if frame.tab_stop is None else frame.tab_stop
    first, last = lines[-1]
    used = (indent if len(lines) == 1 else 0.0) + sums[last] - sums[first]
    if first == last or used <= stop - (sums[end] - sums[tab + 1]) + EPSILON:
        return [*lines[:-1], (first, end)]
    at = (int(used / frame.default_tabs + EPSILON) + 1) * frame.default_tabs
    tail = _fill(text, sums, tab + 1, end, frame.width, frame.width - at)
    return [*lines[:-1], (first, tail[0][1]), *tail[1:]]


class _Advances(dict[str, float]):
    """The advances of one measure, each character's worked out when first met."""

    def __init__(self, measure: Measure) -> None:
        super().__init__()
        self.measure = measure

    def __missing__(self, char: str) -> float:
        width = self[char] = self.measure.advance(char)
        return width


@functools.lru_cache(maxsize=64)
def _advances(measure: Measure) -> _Advances:
    return _Advances(measure)


def _fill(
    text: str, sums: list[float], start: int, end: int, width: float, first_width: float
) -> list[tuple[int, int]]:
    """``text[start:end]`` (no line breaks) as the spans of its lines: the first
    ``first_width`` points wide, the others ``width``. ``sums`` are the running widths."""
    spans: list[tuple[int, int]] = []
    line, room = start, first_width
    while True:
        # the first character that does not fit (spaces hang at the line's end)
        over = bisect.bisect_right(sums, sums[line] + room + EPSILON, line + 1, end + 1) - 1
        over = max(over, line + 1)
        while over < end and text[over] in SPACES:
            over += 1
        if over >= end:
            spans.append((line, end))
            return spans
        cut = _last_break(text, line, over)
        spans.append((line, cut))
        line, room = cut, width


def _last_break(text: str, start: int, overflow: int) -> int:
    """Where the line that started at ``start`` and cannot hold ``text[overflow]`` ends: the
    last place at or before ``overflow`` a line may end, or (a word longer than a line) at
    ``overflow`` itself."""
    for index in range(overflow, start, -1):
        if may_break(text, index):
            return index
    return overflow

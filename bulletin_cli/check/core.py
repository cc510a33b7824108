"""The machinery of ``check``: a rule as data, what a rule sees, and what it reports.

A rule definition is one object: a one-line summary, a documentation paragraph with a wrong and
a right example, a check function that yields ``Hit``s, and (when the rule can correct what it
finds) a fix function that gives the corrected value. Article rules see one article at a time
(``add`` runs them before writing); issue rules see the whole file. Codes and severities are
given to the definitions in one table, ``codes.py``; the engine (``engine.py``) turns hits into
``Finding``s with the exact line of the key and, for fixable rules, the fix.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..issuefile.positions import TomlPositions
from ..issuefile.schema import SchemaProblem
from ..issuefile.spans import KeyPath, line_at
from ..model import Article, Issue
from ..profile import Profile
from .findings import Severity

if TYPE_CHECKING:  # the sibling issues are read and defined by siblings.py, which add does not load
    from .siblings import Sibling, UnreadableSibling


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found. ``key`` names a key of the article being checked; ``path`` a key
    anywhere in the file; ``article`` (0-based) pins an issue rule's hit to an article;
    ``line`` overrides the line found from the key."""

    message: str
    hint: str | None = None
    key: str | None = None
    path: KeyPath | None = None
    article: int | None = None
    line: int | None = None


@dataclass(slots=True)
class _StringLines:
    """Where the lines of one string value start: its first file line and the offsets of the
    value's newlines, or just the key's line when the raw text does not map line for line."""

    first: int | None
    newlines: list[int] | None


@dataclass(slots=True)
class CheckContext:
    """What the rules look at: the issue, the profile, and (for a file) its text and lines.

    ``siblings`` and ``unreadable_siblings`` are the folder's other issue files, supplied by
    the engine. ``section_names``, ``pages`` and the known units remember what several rules
    ask for, so each is worked out once per check."""

    issue: Issue
    profile: Profile
    text: str | None = None
    positions: TomlPositions | None = None
    path: Path | None = None
    problems: list[SchemaProblem] = field(default_factory=list)
    siblings: list[Sibling] = field(default_factory=list)
    unreadable_siblings: list[UnreadableSibling] = field(default_factory=list)
    section_names: dict[str, str | None] = field(default_factory=dict)
    pages: int | None = None
    _known_units: frozenset[str] | None = None
    _string_lines: dict[KeyPath, _StringLines] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of the key at ``path`` (its table's line when the key is missing)."""
        return self.positions.line_of(*path) if self.positions is not None else None

    def text_line(self, index: int, key: str, value: str, offset: int) -> int | None:
        """The line of character ``offset`` inside the string ``value`` of an article key.

        The value's raw text is located once per key, so a body with thousands of findings
        costs one pass, not one per finding."""
        if self.positions is None or self.text is None:
            return None
        path: KeyPath = ("articles", index, key)
        lines = self._string_lines.get(path)
        if lines is None:
            lines = self._string_lines[path] = self._locate_string(path, value)
        if lines.newlines is None or lines.first is None:
            return lines.first
        return lines.first + bisect.bisect_left(lines.newlines, max(0, offset))

    def _locate_string(self, path: KeyPath, value: str) -> _StringLines:
        assert self.positions is not None and self.text is not None
        key_line = self.positions.line_of(*path)
        span = _multiline_span(self.text, self.positions, path)
        if span is None:
            return _StringLines(key_line, None)
        start, end = span
        first = line_at(self.positions, start)
        content_start = start + 3
        if self.text.startswith("\r\n", content_start):
            content_start, first = content_start + 2, first + 1
        elif self.text.startswith("\n", content_start):
            content_start, first = content_start + 1, first + 1
        if self.text.count("\n", content_start, end) != value.count("\n"):
            return _StringLines(key_line, None)
        return _StringLines(first, _newline_offsets(value))

    def has_problem(self, *path: str | int) -> bool:
        """Whether the schema already reported the key at ``path``."""
        return any(problem.path[: len(path)] == path for problem in self.problems)

    def known_units(self) -> frozenset[str]:
        """The profile's known units as a set (made once)."""
        if self._known_units is None:
            self._known_units = frozenset(self.profile.units)
        return self._known_units


def _multiline_span(text: str, positions: TomlPositions, path: KeyPath) -> tuple[int, int] | None:
    """(start, end) of the raw multi-line string held by the key at ``path``, found with
    ``str.find`` (a 10 MB body is one scan at C speed); ``None`` for any other value, whose
    findings stay on the key's line."""
    line = positions.lines.get(path)
    key = path[-1]
    if line is None or not isinstance(key, str) or line > len(positions.line_offsets):
        return None
    match = _key_pattern(key).match(text, positions.line_offsets[line - 1])
    if match is None:
        return None
    start = match.end()
    delimiter = text[start : start + 3]
    if delimiter not in (_BASIC_ML, _LITERAL_ML):
        return None
    at = text.find(delimiter, start + 3)
    while at >= 0 and delimiter == _BASIC_ML and _escaped(text, at, start + 3):
        at = text.find(delimiter, at + 1)
    if at < 0:
        return None
    end = at + 3
    while end < len(text) and text[end] == delimiter[0] and end - at < 5:
        end += 1
    return start, end


_BASIC_ML = '"' * 3
_LITERAL_ML = "'" * 3


def _escaped(text: str, at: int, floor: int) -> bool:
    """Whether the character at ``at`` follows an odd number of backslashes."""
    count = 0
    while at - count - 1 >= floor and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


@functools.cache
def _key_pattern(key: str) -> re.Pattern[str]:
    quoted = re.escape(key)
    return re.compile(rf"[ \t]*(?:{quoted}|\"{quoted}\"|'{quoted}')[ \t]*=[ \t]*")


def _newline_offsets(value: str) -> list[int]:
    offsets = []
    at = value.find("\n")
    while at >= 0:
        offsets.append(at)
        at = value.find("\n", at + 1)
    return offsets


FixValue = str | list[str]
ArticleCheck = Callable[[CheckContext, int, Article], Iterable[Hit]]
ArticleFix = Callable[[CheckContext, Article, str], FixValue | None]
"""The corrected value of the article's key (the ``key`` of the hit), or ``None``."""
IssueCheck = Callable[[CheckContext], Iterable[Hit]]
IssueFix = Callable[[CheckContext], tuple[int, ...] | None]
"""The order the articles should stand in (0-based indices of the current order), or ``None``."""


@dataclass(frozen=True, slots=True)
class ArticleRule:
    """A rule that looks at one article at a time (and runs in ``add``); ``fix``, when given,
    corrects the value of the key a hit names."""

    summary: str
    doc: str
    wrong: str
    right: str
    check: ArticleCheck
    fix: ArticleFix | None = None


@dataclass(frozen=True, slots=True)
class IssueRule:
    """A rule that looks at the issue as a whole, once; ``fix``, when given, puts the articles
    in the order that corrects what it finds."""

    summary: str
    doc: str
    wrong: str
    right: str
    check: IssueCheck
    fix: IssueFix | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of ``check`` as listed in the table of ``codes.py``: a stable code, a
    severity and the definition; see ``docs/rules.md`` (generated from these objects)."""

    code: str
    severity: Severity
    definition: ArticleRule | IssueRule

    @property
    def summary(self) -> str:
        return self.definition.summary

    @property
    def doc(self) -> str:
        return self.definition.doc

    @property
    def wrong(self) -> str:
        return self.definition.wrong

    @property
    def right(self) -> str:
        return self.definition.right

    @property
    def scope(self) -> Literal["article", "issue"]:
        return "article" if isinstance(self.definition, ArticleRule) else "issue"

    @property
    def fixable(self) -> bool:
        """Whether ``check --fix`` corrects what this rule finds: true exactly when the rule
        has a fix function, so the docs cannot promise a fix that does not exist."""
        return self.definition.fix is not None


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance of two short names, capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)


def nearest(word: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates a clerk most likely meant by ``word``: one or two mistyped, missing or
    extra characters first, then anything difflib finds similar; best first."""
    scored = []
    for candidate in candidates:
        distance = edit_distance(word, candidate)
        shares = bool(set(word) & set(candidate))
        if distance <= 2 and shares and distance < max(len(candidate), len(word)):
            ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
            scored.append((distance, -ratio, candidate))
    found = [candidate for _d, _r, candidate in sorted(scored)]
    if len(found) < n:
        for candidate in difflib.get_close_matches(word, candidates, n=n, cutoff=0.5):
            if candidate not in found:
                found.append(candidate)
    return found[:n]


def close_names(word: str, entries: list[str]) -> list[str]:
    """The catalogue entries ``check --fix`` may put for ``word``: one character mistyped,
    missing or extra (工作动太 → 工作动态, 新乔社区 → 新桥社区; names of three characters or
    more), an entry that begins with ``word`` (阳光 → 阳光社区), or ``word`` with a suffix the
    entry lacks (南门社区居委会 → 南门社区). Several entries: the clerk chooses."""
    from ..textclean import without_suffix

    found = []
    for entry in entries:
        typo = len(word) >= 3 and len(entry) >= 3 and edit_distance(word, entry, 2) == 1
        shortened = len(word) >= 2 and entry.startswith(word) and entry != word
        if typo or shortened or without_suffix(word, entry):
            found.append(entry)
    return found


def quote_list(names: list[str]) -> str:
    """``“甲”、“乙”``."""
    return "、".join(f"“{name}”" for name in names)


def did_you_mean(word: str, candidates: list[str], kind: str) -> str:
    """``是否应为“工作动态”？`` or the list of what is allowed."""
    guesses = nearest(word, candidates)
    if len(guesses) == 1:
        return f"是否应为“{guesses[0]}”？"
    if guesses:
        return f"是否应为{quote_list(guesses[:-1])}或“{guesses[-1]}”？"
    shown = quote_list(candidates[:12]) + ("等" if len(candidates) > 12 else "")
    return f"{kind}有：{shown}"

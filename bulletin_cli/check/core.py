"""The machinery of ``check``: a rule as data, the registry, and what a rule sees.

A rule is one object: a stable code, a severity, a one-line summary, a documentation paragraph
with a wrong and a right example, and a check function that yields ``Hit``s. Article rules see
one article at a time (``add`` runs them before writing); issue rules see the whole file. The
engine in ``rules.py`` turns hits into ``Finding``s with the exact line of the key.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..issuefile.positions import TomlPositions
from ..issuefile.schema import SchemaProblem
from ..issuefile.spans import KeyPath, string_value_line
from ..model import Article, Issue
from ..profile import Profile
from .findings import Severity


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
class CheckContext:
    """What the rules look at: the issue, the profile, and (for a file) its text and lines."""

    issue: Issue
    profile: Profile
    text: str | None = None
    positions: TomlPositions | None = None
    path: Path | None = None
    problems: list[SchemaProblem] = field(default_factory=list)
    siblings: bool = False
    cache: dict[str, object] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of the key at ``path`` (its table's line when the key is missing)."""
        return self.positions.line_of(*path) if self.positions is not None else None

    def text_line(self, index: int, key: str, value: str, offset: int) -> int | None:
        """The line of character ``offset`` inside the string ``value`` of an article key."""
        if self.positions is None or self.text is None:
            return None
        return string_value_line(self.text, self.positions, ("articles", index, key), value, offset)

    def has_problem(self, *path: str | int) -> bool:
        """Whether the schema already reported the key at ``path``."""
        return any(problem.path[: len(path)] == path for problem in self.problems)


ArticleCheck = Callable[[CheckContext, int, Article], Iterable[Hit]]
IssueCheck = Callable[[CheckContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of ``check``; see ``docs/rules.md`` (generated from these objects)."""

    code: str
    severity: Severity
    summary: str
    doc: str
    wrong: str
    right: str
    scope: Literal["article", "issue"]
    check_article: ArticleCheck | None = None
    check_issue: IssueCheck | None = None
    fixable: bool = False


RULES: list[Rule] = []


def _register(rule: Rule) -> None:
    if any(existing.code == rule.code for existing in RULES):
        raise ValueError(f"rule code {rule.code} registered twice")
    RULES.append(rule)
    RULES.sort(key=lambda item: item.code)


def article_rule(
    code: str,
    severity: Severity,
    summary: str,
    *,
    doc: str,
    wrong: str,
    right: str,
    fixable: bool = False,
) -> Callable[[ArticleCheck], ArticleCheck]:
    """Register an article rule (runs for each article, and in ``add``)."""

    def register(func: ArticleCheck) -> ArticleCheck:
        _register(Rule(code, severity, summary, doc, wrong, right, "article", func, None, fixable))
        return func

    return register


def issue_rule(
    code: str,
    severity: Severity,
    summary: str,
    *,
    doc: str,
    wrong: str,
    right: str,
    fixable: bool = False,
) -> Callable[[IssueCheck], IssueCheck]:
    """Register an issue rule (runs once on the whole file)."""

    def register(func: IssueCheck) -> IssueCheck:
        _register(Rule(code, severity, summary, doc, wrong, right, "issue", None, func, fixable))
        return func

    return register


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

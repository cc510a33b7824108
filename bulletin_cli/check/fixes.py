"""``check --fix``: apply the fixes that findings carry, in place.

Which rules can fix what is decided by the rules (a rule with a fix function, see
``codes.py``); this module only applies what the findings carry: for each article key one
corrected value, written over the raw text of the old one (``rewrite.py`` keeps the quoting,
the lines and the comments of what did not change). A fix can reveal another (a title whose
half-width comma and final full stop are both wrong): the file is checked again, up to a few
rounds; when the values are right, the articles are put in the order export prints them in
(S003, S004), each article's block moved byte for byte. The result is verified before it is
written: it parses, every value other than the fixed ones is as it was (the articles in their
new order), and none of the fixed findings is left. The change is recorded as one undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem
from ..issuefile.positions import scan
from ..issuefile.schema import issue_from_document
from ..issuefile.spans import value_span
from ..issuefile.store import (
    LoadedIssue,
    decode_text,
    encode_like,
    load_issue,
    parse_toml,
)
from ..issuefile.textedits import reorder_text
from ..issuefile.transaction import Transaction
from ..profile import Profile, profile_for
from .engine import check_loaded
from .findings import Finding, Fix, Reorder
from .rewrite import rewrite_value
from .rules.text import halfwidth_punctuation

MAX_ROUNDS = 6
"""How often the file is checked again for fixes that the previous round revealed."""
UNDO_ACTION = "check --fix"
"""How the undo history names the step ``check --fix`` records."""


@dataclass(frozen=True, slots=True)
class Change:
    """One value that ``--fix`` rewrote: where, which rule, and before and after."""

    article: int
    key: str
    line: int
    code: str
    old: str | list[str]
    new: str | list[str]
    order: tuple[int, ...] | None = None
    """For the articles' order (key ``articles``): ``order[k]`` is the 0-based number of the
    article now at place ``k``; ``article`` and ``line`` are those of the first one moved."""

    def describe(self) -> str:
        """``第 2 篇 section：“【工作动态】” → “工作动态”`` (long texts as the changed spots), or
        ``按印出的顺序重排稿件，依次为原第 1、3、2 篇``."""
        if self.order is not None:
            numbers = "、".join(str(index + 1) for index in self.order)
            return f"按印出的顺序重排稿件，依次为原第 {numbers} 篇"
        return (
            f"第 {self.article} 篇 {KEY_WORDS.get(self.key, self.key)}：{_show(self.old, self.new)}"
        )


KEY_WORDS = {
    "section": "栏目",
    "title": "标题",
    "subtitle": "副标题",
    "sources": "供稿单位",
    "body": "正文",
    "staff": "撰稿审核",
}
"""An article key as a clerk calls it, in the lines ``--fix`` prints."""


def _show(old: str | list[str], new: str | list[str]) -> str:
    if isinstance(old, list) or isinstance(new, list):
        return f"{_units(old)} → {_units(new)}"
    if len(old) <= 40:
        return f"“{old}” → “{new}”"
    spots = []
    for item in halfwidth_punctuation(old):
        start, end = max(0, item.start - 4), min(len(old), item.end + 4)
        spots.append(f"“{old[start:end]}” → “{new[start:end]}”".replace("\n", " "))
    return "；".join(spots) if spots else "已改正"


def _fixes(findings: list[Finding]) -> dict[tuple[int, str], Finding]:
    """The finding whose fix is applied, for each article key: the first in report order."""
    chosen: dict[tuple[int, str], Finding] = {}
    for finding in findings:
        if isinstance(finding.fix, Fix) and finding.article is not None:
            chosen.setdefault((finding.article - 1, finding.fix.key), finding)
    return chosen


def _units(value: str | list[str]) -> str:
    """``“市总办公室、研究室”``: a list of units as the clerk reads it (each entry quoted
    apart when one holds a 、 itself)."""
    items = [value] if isinstance(value, str) else value
    if any("、" in item for item in items):
        return "".join(f"“{item}”" for item in items) or "（空）"
    return f"“{'、'.join(items)}”" if items else "（空）"


def apply_fixes(loaded: LoadedIssue, findings: list[Finding]) -> tuple[str, list[Change]]:
    """The text of the file with the findings' fixes applied, and the changes made; values
    that cannot be located (inline tables, dotted keys) are left alone."""
    text = loaded.text
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    changes: list[Change] = []
    for (index, key), finding in _fixes(findings).items():
        assert isinstance(finding.fix, Fix)
        path = ("articles", index, key)
        span = value_span(text, loaded.positions, path)
        if span is None:
            continue
        start, end = span
        old = getattr(loaded.issue.articles[index], key)
        new = finding.fix.value
        edits.append((start, end, rewrite_value(text[start:end], old, new, newline)))
        line = finding.line if finding.line is not None else loaded.positions.lines[path]
        changes.append(Change(index + 1, key, line, finding.code, old, new))
    return _spliced(text, edits), changes


def _spliced(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` made, in one pass: joining pieces
    rather than slicing the whole text once per fix (which was quadratic in the fixes)."""
    pieces: list[str] = []
    cursor = 0
    for start, end, replacement in sorted(edits):
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def apply_reorder(loaded: LoadedIssue, findings: list[Finding]) -> tuple[str, list[Change]]:
    """The text with the articles in the order the first order-fixing finding asks for (each
    article's block moved byte for byte), and that change; the text as it was when no finding
    asks, or when the articles are not written as ``[[articles]]`` blocks."""
    finding = next((f for f in findings if isinstance(f.fix, Reorder)), None)
    if finding is None:
        return loaded.text, []
    assert isinstance(finding.fix, Reorder)
    order = finding.fix.order
    try:
        text = reorder_text(loaded.text, order)
    except ValueError:
        return loaded.text, []
    moved = next(place for place, index in enumerate(order) if place != index)
    header = loaded.positions.article_headers[order[moved]]
    numbers = [str(number) for number in range(1, len(order) + 1)]
    reordered = [str(index + 1) for index in order]
    change = Change(order[moved] + 1, "articles", header, finding.code, numbers, reordered, order)
    return text, [change]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A text of the issue file, parsed once: as ``check`` sees it, and as a document."""

    loaded: LoadedIssue
    doc: dict[str, object]


def _parsed(path: Path, text: str, *, fixed: bool) -> _Parsed:
    try:
        doc = parse_toml(text, path)
    except FileProblem:
        if not fixed:
            raise
        raise FileProblem(path, "自动改正失败，文件未改动（改后的文件无法解析）") from None
    issue, problems = issue_from_document(doc)
    return _Parsed(LoadedIssue(path, text, issue, scan(text), problems), doc)


def _fixed(state: _Parsed, profile: Profile) -> tuple[_Parsed, list[Change]]:
    """The issue with every fix applied (checked again after each round), and the changes."""
    changes: list[Change] = []
    for _round in range(MAX_ROUNDS):
        current = state.loaded
        report = check_loaded(current, profile, siblings=False)
        text, made = apply_fixes(current, report.findings)
        if not made:  # the values first; the order when they are right
            text, made = apply_reorder(current, report.findings)
        if not made or text == current.text:
            break
        changes.extend(made)
        state = _parsed(current.path, text, fixed=True)
    return state, changes


def _verify(before: _Parsed, after: _Parsed, changes: list[Change], profile: Profile) -> None:
    """The fixed file parses to the old document with exactly the changes made, and none of
    the fixed findings is left."""
    path = before.loaded.path
    expected = copy.deepcopy(before.doc)
    articles = expected.get("articles")
    for change in changes:
        assert isinstance(articles, list)
        if change.order is not None:
            articles[:] = [articles[index] for index in change.order]
        else:
            articles[change.article - 1][change.key] = change.new
    if after.doc != expected:
        raise FileProblem(path, "自动改正失败，文件未改动（改动超出了预定的范围）")
    fixed = {(change.code, change.article, change.key) for change in changes}
    reordered = {change.code for change in changes if change.order is not None}
    for finding in check_loaded(after.loaded, profile, siblings=False).findings:
        fix = finding.fix
        left = (isinstance(fix, Fix) and (finding.code, finding.article, fix.key) in fixed) or (
            isinstance(fix, Reorder) and finding.code in reordered
        )
        if left:
            raise FileProblem(path, f"自动改正失败，文件未改动（{finding.code} 改正后仍在）")


def fix_file(path: Path | str, *, profile: Profile | None = None) -> list[Change]:
    """Apply the fixes of an issue file's findings in place, under its lock, atomically, and
    record the step for ``bulletin undo``; returns the changes (an empty list leaves the file
    untouched and records nothing)."""
    path = Path(path)
    load_issue(path)  # a missing or broken file is reported before any lock is taken
    profile = profile if profile is not None else profile_for(path)
    with Transaction([path], action=UNDO_ACTION) as change:
        original = change.read(path)
        before = _parsed(path, decode_text(original, path), fixed=False)
        after, changes = _fixed(before, profile)
        if not changes:
            return []
        _verify(before, after, changes, profile)
        change.write(path, encode_like(original, after.loaded.text))
    return changes

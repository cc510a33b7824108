"""``check --fix``: the mechanical fixes, applied in place.

Section names written with brackets, spaces or half-width symbols (S002), sources that hold
several units, brackets, labels or repeats (A003, A004), and half-width punctuation between
Chinese characters (T006). Each fix replaces the raw text of one value at its exact position;
everything else in the file stays byte for byte, and the result is verified with tomllib:
only the intended values may change.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem
from ..issuefile.spans import string_value_line, value_span
from ..issuefile.store import LoadedIssue, atomic_write, encode_like, issue_lock, load_issue
from ..issuefile.tomlwrite import toml_value
from ..profile import Profile, profile_for
from .rules.sections import canonical_section
from .rules.sources import fixed_sources
from .rules.text import halfwidth_punctuation, to_full_width

_CODES = {"section": "S002", "sources": "A003", "title": "T006", "subtitle": "T006", "body": "T006"}


@dataclass(frozen=True, slots=True)
class Change:
    """One value that ``--fix`` rewrote: where, which rule, and before and after."""

    article: int
    key: str
    line: int
    code: str
    old: str | list[str]
    new: str | list[str]

    def describe(self) -> str:
        """``第 2 篇 section：“【工作动态】” → “工作动态”`` (long texts as the changed spots)."""
        return f"第 {self.article} 篇 {self.key}：{_show(self.old, self.new)}"


def _show(old: str | list[str], new: str | list[str]) -> str:
    if isinstance(old, list) or isinstance(new, list):
        return f"{toml_value(old)} → {toml_value(new)}"
    if len(old) <= 40:
        return f"“{old}” → “{new}”"
    spots = []
    for item in halfwidth_punctuation(old):
        start, end = max(0, item.start - 4), min(len(old), item.end + 4)
        spots.append(f"“{old[start:end]}” → “{new[start:end]}”".replace("\n", " "))
    return "；".join(spots) if spots else "已改正"


def planned_changes(loaded: LoadedIssue, profile: Profile) -> list[tuple[int, str, object]]:
    """(article index, key, new value) for every mechanical fix the issue needs."""
    planned: list[tuple[int, str, object]] = []
    broken = {problem.path[:3] for problem in loaded.problems}
    for index, article in enumerate(loaded.issue.articles):

        def ok(key: str, index: int = index) -> bool:
            return ("articles", index, key) not in broken and ("articles", index) not in broken

        section = canonical_section(article.section, profile)
        if section is not None and section != article.section and ok("section"):
            planned.append((index, "section", section))
        sources = fixed_sources(article.sources, profile)
        if sources and sources != article.sources and ok("sources"):
            planned.append((index, "sources", sources))
        for key in ("title", "subtitle", "body"):
            value = getattr(article, key)
            if isinstance(value, str) and ok(key):
                fixed = to_full_width(value)
                if fixed != value:
                    planned.append((index, key, fixed))
    return planned


def _parse_value(raw: str) -> object:
    try:
        return tomllib.loads("v = " + raw)["v"]
    except tomllib.TOMLDecodeError:
        return None


def _replacement(raw: str, new: object, newline: str) -> str:
    if isinstance(new, str):
        # keep the clerk's own quoting: the fixed punctuation needs no escaping in any TOML string
        in_place = to_full_width(raw)
        if _parse_value(in_place) == new:
            return in_place
    return toml_value(new).replace("\n", newline)


def apply_changes(
    loaded: LoadedIssue, planned: list[tuple[int, str, object]]
) -> tuple[str, list[Change]]:
    """The new text of the file and the changes made; values that cannot be located (inline
    tables, dotted keys) are left alone."""
    text = loaded.text
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    changes: list[Change] = []
    for index, key, new in planned:
        path = ("articles", index, key)
        span = value_span(text, loaded.positions, path)
        if span is None:
            continue
        start, end = span
        article = loaded.issue.articles[index]
        old = getattr(article, key)
        edits.append((start, end, _replacement(text[start:end], new, newline)))
        line = loaded.positions.lines[path]
        if isinstance(old, str) and key == "body":
            spots = halfwidth_punctuation(old)
            if spots:
                found = string_value_line(text, loaded.positions, path, old, spots[0].start)
                line = found or line
        code = _CODES[key]
        if key == "sources" and new == list(dict.fromkeys(article.sources)):
            code = "A004"
        assert isinstance(new, str | list)
        changes.append(Change(index + 1, key, line, code, old, new))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, changes


def _verify(path: Path, before: str, after: str, changes: list[Change]) -> None:
    try:
        old_doc = tomllib.loads(before)
        new_doc = tomllib.loads(after)
    except tomllib.TOMLDecodeError:
        raise FileProblem(path, "自动改正失败，文件未改动（改后的文件无法解析）") from None
    expected = copy.deepcopy(old_doc)
    articles = expected.get("articles")
    for change in changes:
        assert isinstance(articles, list)
        articles[change.article - 1][change.key] = change.new
    if new_doc != expected:
        raise FileProblem(path, "自动改正失败，文件未改动（改动超出了预定的范围）")


def fix_file(path: Path | str, *, profile: Profile | None = None) -> list[Change]:
    """Apply the mechanical fixes to an issue file in place, under its lock, atomically;
    returns the changes (an empty list leaves the file untouched)."""
    path = Path(path)
    load_issue(path)  # a missing or broken file is reported before any lock is taken
    profile = profile if profile is not None else profile_for(path)
    with issue_lock(path):
        loaded = load_issue(path)
        try:
            original = path.read_bytes()
        except OSError as err:
            raise FileProblem(path, f"无法读取：{err.strerror}") from None
        text, changes = apply_changes(loaded, planned_changes(loaded, profile))
        if not changes:
            return []
        _verify(path, loaded.text, text, changes)
        atomic_write(path, encode_like(original, text))
    return changes

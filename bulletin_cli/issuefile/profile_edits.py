"""Changing settings of ``bulletin.toml`` without touching a byte of the rest.

``units add``, ``sections rename`` and the like replace one value in place (a list of
``[bulletin]``, a key of ``[unit_sections]``), add a key at the end of its table, or remove a
key's line; comments, spacing and every other setting stay as they were. Like the issue
writers in ``edits``, the change is checked to parse to exactly the old document with the
intended change and nothing else, and goes through the transaction (locked, atomic, one undo
step: ``bulletin undo bulletin.toml``): ``rewrite_profile`` alone, ``stage_profile`` with
issue files in the same transaction (``rename --issues``).
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FileProblem
from ..records import record
from .atomic import encode_like
from .positions import TomlPositions, scan
from .spans import value_span
from .store import decode_text, parse_toml
from .textedits import replace_value
from .tomlwrite import toml_value

if TYPE_CHECKING:
    from .transaction import Transaction

Document = dict[str, object]
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@record(frozen=True, slots=True)
class SetValue:
    """Set ``table.key`` to ``value`` (``None`` removes the key); a ``table`` with dots names
    a sub-table (``scoring.adoption``)."""

    table: str
    key: str
    value: object | None

    @property
    def table_path(self) -> tuple[str, ...]:
        return tuple(self.table.split("."))


Plan = Callable[[Document], Sequence[SetValue]]
"""What to change, decided from the document as read under the lock."""


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _key_text(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_value(key)


def _after_line(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def _table_end(text: str, positions: TomlPositions, table: tuple[str, ...]) -> int | None:
    """Where a new key of ``table`` goes: after its last key's value, else after its header;
    ``None`` when the file has no such table."""
    header = positions.lines.get(table)
    if header is None or positions.header_paths.get(header) != table:
        return None
    last = positions.line_offsets[header - 1]
    for path in positions.lines:
        if len(path) == len(table) + 1 and path[: len(table)] == table:
            span = value_span(text, positions, path)
            if span is not None:
                last = max(last, span[1])
    return _after_line(text, last)


def set_value_text(text: str, change: SetValue) -> str:
    """``text`` with ``change`` made in place: a value replaced, a key line added at the end of
    its table (the table appended at the end of the file when missing), or a key line removed."""
    positions = scan(text)
    newline = _newline(text)
    path = (*change.table_path, change.key)
    line = positions.lines.get(path)
    rendered = None if change.value is None else toml_value(change.value).replace("\n", newline)
    if line is None:
        if rendered is None:
            return text
        statement = f"{_key_text(change.key)} = {rendered}{newline}"
        at = _table_end(text, positions, change.table_path)
        if at is None:
            if text and not text.endswith("\n"):
                text += newline
            lead = newline if text.strip() else ""
            header = ".".join(_key_text(part) for part in change.table_path)
            return f"{text}{lead}[{header}]{newline}{statement}"
        if at == len(text) and text and not text.endswith("\n"):
            return text + newline + statement
        return text[:at] + statement + text[at:]
    changed = replace_value(text, positions, path, line, rendered)
    if changed is None:
        raise _unplaceable(change)
    return changed


class UnplaceableSetting(Exception):
    """A setting written where it cannot be changed in place (inline table, dotted key)."""

    def __init__(self, change: SetValue) -> None:
        super().__init__(change.key)
        self.change = change


def _unplaceable(change: SetValue) -> UnplaceableSetting:
    return UnplaceableSetting(change)


def expected_document(doc: Document, changes: Sequence[SetValue]) -> Document:
    """``doc`` with ``changes`` made: what the changed text must parse to."""
    expected = copy.deepcopy(doc)
    for change in changes:
        table = _table_of(expected, change.table_path, create=change.value is not None)
        if table is None:
            continue
        if change.value is None:
            table.pop(change.key, None)
        else:
            table[change.key] = copy.deepcopy(change.value)
    return expected


@record(frozen=True, slots=True)
class ProfileRewrite:
    """What ``rewrite_profile`` did: the changes made (none: nothing written) and the text."""

    path: Path
    changes: tuple[SetValue, ...]
    before: bytes
    after: bytes


def planned_rewrite(path: Path, data: bytes, plan: Plan) -> ProfileRewrite:
    """The new bytes of the profile ``path`` (now ``data``) after ``plan``, verified to parse
    to the old document with exactly the planned changes; nothing is written."""
    text = decode_text(data, path)
    doc = parse_toml(text, path)
    changes = tuple(change for change in plan(doc) if not _already(doc, change))
    if not changes:
        return ProfileRewrite(path, (), data, data)
    updated = text
    try:
        for change in changes:
            updated = set_value_text(updated, change)
    except UnplaceableSetting as err:
        key = err.change.key
        raise FileProblem(
            path,
            f"[{err.change.table}] 中的 {key} 写法特殊（如写在内联表或带点的键里），无法在原处修改",
            hint=f"把它写成单独一行“{key} = …”后再试",
        ) from None
    try:
        parsed = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        raise FileProblem(path, "改动后的设置无法解析，文件未改动") from None
    if parsed != expected_document(doc, changes):
        raise FileProblem(path, "改动超出了预定的范围，文件未改动")
    return ProfileRewrite(path, changes, data, encode_like(data, updated))


def _table_of(doc: Document, path: tuple[str, ...], *, create: bool) -> Document | None:
    """The (sub-)table at ``path`` of ``doc``, made when missing and ``create``."""
    table: Document = doc
    for name in path:
        inner = table.get(name)
        if not isinstance(inner, dict):
            if not create:
                return None
            inner = table[name] = {}
        table = inner
    return table


def _already(doc: Document, change: SetValue) -> bool:
    table = _table_of(doc, change.table_path, create=False)
    current = table.get(change.key) if table is not None else None
    return current == change.value


def stage_profile(change: Transaction, path: Path, plan: Plan) -> ProfileRewrite:
    """Stage, in ``change``, the profile ``path`` with the changes ``plan`` decides from the
    document as read under the transaction's locks (nothing staged when it changes nothing)."""
    rewrite = planned_rewrite(path, change.read(path), plan)
    if rewrite.changes:
        change.write(path, rewrite.after)
    return rewrite


def rewrite_profile(path: Path | str, plan: Plan, *, action: str) -> ProfileRewrite:
    """Make the changes ``plan`` decides (from the document read under the lock) in one locked,
    verified, atomic and recorded write (the undo step named ``action``); nothing is written or
    recorded when the plan changes nothing."""
    from .transaction import Transaction

    path = Path(path)
    with Transaction([path], action=action) as change:
        return stage_profile(change, path, plan)

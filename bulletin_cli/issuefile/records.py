"""Add or take back an article's records of adoption above (``[[articles.adopted]]``) and
leaders' 批示 (``[[articles.instructions]]``), keeping every other byte of the issue file.

A new record goes at the end of its article's block, as a table of its own that reads like
the rest of the file; taking one back removes exactly the lines of that table. Both go
through the writer of ``edits`` (lock, verified result, atomic write, undo step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import FileProblem, InputProblem
from ..model import Article
from .edits import _commit, _snapshot, _with_articles, article_blocks
from .positions import scan, split_lines
from .textedits import _newline
from .tomlwrite import toml_value
from .transaction import Transaction

RecordKey = Literal["adopted", "instructions"]
RECORD_NAMES: dict[RecordKey, str] = {"adopted": "上级采用", "instructions": "批示"}


@dataclass(frozen=True, slots=True)
class RecordChange:
    """What ``mark`` did: the record added or taken back on article ``number``."""

    path: Path
    number: int
    key: RecordKey
    record: dict[str, object]
    removed: bool
    article: Article


def add_record(path: Path, number: int, key: RecordKey, record: dict[str, object]) -> RecordChange:
    """Append ``record`` (``by``, ``level``, ...) to article ``number``'s ``key`` records."""
    with Transaction([path], action=f"mark {number} {key}") as change:
        snapshot = _snapshot(change, path)
        index = snapshot.index(number)
        tables = snapshot.tables
        table = dict(tables[index])
        existing = table.get(key)
        if existing is not None and not _is_table_list(existing):
            raise _inline(path, number, key)
        table[key] = [*(existing if isinstance(existing, list) else []), dict(record)]
        tables[index] = table
        text = _append_record(snapshot.text, index, key, record)
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
        article = _article(snapshot.doc, tables, index)
    return RecordChange(path, number, key, dict(record), False, article)


def remove_record(
    path: Path,
    number: int,
    key: RecordKey,
    matches: Callable[[dict[str, object]], bool],
    described: str,
) -> RecordChange:
    """Take back the last of article ``number``'s ``key`` records that ``matches``; none
    matching is an ``InputProblem`` listing the records there are."""
    with Transaction([path], action=f"mark {number} {key} --remove") as change:
        snapshot = _snapshot(change, path)
        index = snapshot.index(number)
        tables = snapshot.tables
        table = dict(tables[index])
        existing = table.get(key)
        records = existing if isinstance(existing, list) else []
        found = [i for i, item in enumerate(records) if isinstance(item, dict) and matches(item)]
        if not found:
            raise _no_such_record(path, number, key, records, described)
        if not _is_table_list(existing):
            raise _inline(path, number, key)
        which = found[-1]
        removed = dict(records[which])
        kept = [item for i, item in enumerate(records) if i != which]
        if kept:
            table[key] = kept
        else:
            table.pop(key)
        tables[index] = table
        text = _cut_record(snapshot.text, index, key, which)
        if text is None:
            raise _inline(path, number, key)
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
        article = _article(snapshot.doc, tables, index)
    return RecordChange(path, number, key, removed, True, article)


def _article(doc: dict[str, object], tables: list[dict[str, object]], index: int) -> Article:
    from .schema import issue_from_document

    return issue_from_document(_with_articles(doc, tables))[0].articles[index]


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _inline(path: Path, number: int, key: RecordKey) -> FileProblem:
    return FileProblem(
        path,
        f"第 {number} 篇的 {key} 写法特殊（没有逐条写成 [[articles.{key}]]），无法在原处修改",
        hint=f"把每条记录写成单独的 [[articles.{key}]] 表后再试",
    )


def _no_such_record(
    path: Path, number: int, key: RecordKey, records: list[object], described: str
) -> InputProblem:
    name = RECORD_NAMES[key]
    listed = "；".join(
        f"{item.get('by', '')}（{item.get('level', '')}）"
        for item in records
        if isinstance(item, dict)
    )
    there = f"这篇现有的{name}记录：{listed}" if listed else f"这篇还没有{name}记录"
    return InputProblem(
        f"{path}: 第 {number} 篇没有{described}的{name}记录，未改动",
        hint=f"{there}；用 bulletin show {path} 查看",
    )


def record_lines(key: RecordKey, record: dict[str, object]) -> list[str]:
    """The lines of one record's table, as ``mark`` writes it."""
    return [f"[[articles.{key}]]", *(f"{name} = {toml_value(v)}" for name, v in record.items())]


def _append_record(text: str, index: int, key: RecordKey, record: dict[str, object]) -> str:
    """``text`` with ``record`` as a table at the end of article ``index``'s block, after a
    blank line; line ends follow ``text``."""
    newline = _newline(text)
    block = article_blocks(text)[index]
    before, after = text[: block.core_end], text[block.core_end :]
    if not before.endswith("\n"):
        before += newline
    lines = newline.join(record_lines(key, record)) + newline
    return before + newline + lines + after


def _cut_record(text: str, index: int, key: RecordKey, which: int) -> str | None:
    """``text`` without the ``which``-th ``[[articles.KEY]]`` table of article ``index``: its
    header, its keys and the blank lines before it (comments that lead into the next table
    stay); ``None`` when it is not written as a table of its own."""
    positions = scan(text)
    path = ("articles", index, key, which)
    header = positions.lines.get(path)
    if header is None or positions.header_paths.get(header) != path:
        return None
    lines = split_lines(text)
    offsets = [*positions.line_offsets, len(text)]
    later = [line for line in positions.header_lines if line > header]
    end = later[0] if later else len(lines) + 1
    while end - 1 > header and _blank_or_comment(lines[end - 2]):
        end -= 1
    start = header
    while start > 1 and not lines[start - 2].strip():
        start -= 1
    return text[: offsets[start - 1]] + text[offsets[end - 1] :]


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")

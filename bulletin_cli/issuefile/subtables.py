"""An article's pictures and tables (``[[articles.pictures]]``, ``[[articles.tables]]``): added,
replaced or removed in the text without touching a byte of the rest.

Each item is a block from its header line to the next header (or the article's end); a new
one goes after the article's last block, so it is the last of its kind. ``change_item`` is the
writer: under the transaction (lock, verified result, atomic write, undo step) as every edit.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputProblem
from ..model import Article
from .positions import scan, split_lines
from .schema import issue_from_document
from .textedits import _newline, article_blocks
from .tomlwrite import subtable_toml

NAMES = {"pictures": "张图片", "tables": "个表格"}


def _item_span(text: str, index: int, key: str, item: int) -> tuple[int, int] | None:
    """Offsets of the block of item ``item`` of ``key`` in article ``index``: its header line
    to the next header (the comments leading into that one left with it), its trailing blank
    lines included; None when there is no such item."""
    positions = scan(text)
    wanted = ("articles", index, key, item)
    header = next((n for n, p in positions.header_paths.items() if p == wanted), None)
    if header is None:
        return None
    offsets = [*positions.line_offsets, len(text)]
    later = [line for line in positions.header_lines if line > header]
    if not later:
        return offsets[header - 1], len(text)
    lines = split_lines(text)
    end = later[0]
    while end - 1 > header and lines[end - 2].strip().startswith("#"):
        end -= 1
    return offsets[header - 1], offsets[end - 1]


def append_item_text(text: str, index: int, key: str, table: dict[str, object]) -> str:
    """``text`` with a new ``[[articles.KEY]]`` block at the end of article ``index``."""
    newline = _newline(text)
    block = article_blocks(text)[index]
    before, after = text[: block.core_end], text[block.core_end :]
    if before and not before.endswith("\n"):
        before += newline
    item = subtable_toml(key, table).replace("\n", newline)
    tail = "" if after.startswith(("\n", "\r\n")) or not after.strip() else newline
    return before + newline + item + tail + after


def remove_item_text(text: str, index: int, key: str, item: int) -> str:
    """``text`` without item ``item`` of ``key`` in article ``index``."""
    span = _item_span(text, index, key, item)
    if span is None:
        raise ValueError(f"no {key} {item} in article {index}")
    start, end = span
    removed = text[:start] + text[end:]
    # the blank line that separated the block from what precedes goes with it
    newline = _newline(text)
    if removed[:start].endswith(newline * 2) and (
        not removed[start:].strip() or removed[start:].startswith(newline)
    ):
        removed = removed[: start - len(newline)] + removed[start:]
    return removed


def replace_item_text(text: str, index: int, key: str, item: int, table: dict[str, object]) -> str:
    """``text`` with item ``item`` of ``key`` in article ``index`` written anew in its place."""
    span = _item_span(text, index, key, item)
    if span is None:
        raise ValueError(f"no {key} {item} in article {index}")
    start, end = span
    newline = _newline(text)
    block = subtable_toml(key, table).replace("\n", newline)
    rest = text[end:]
    old = text[start:end]
    trailing = old[len(old.rstrip("\r\n")) :]
    return text[:start] + block.rstrip("\r\n") + (trailing or newline) + rest


def change_item(
    path: Path | str,
    number: int,
    key: str,
    *,
    item: int | None = None,
    table: dict[str, object] | None = None,
) -> Article:
    """Add (``item`` None), replace (both) or remove (``table`` None) one picture or table of
    article ``number``; returns the article as it now stands. ``item`` is 1-based."""
    from .edits import _commit, _snapshot, _with_articles
    from .transaction import Transaction

    path = Path(path)
    what = NAMES[key]
    with Transaction([path], action=f"edit {number}") as change:
        snapshot = _snapshot(change, path)
        index = snapshot.index(number, None)
        tables = snapshot.tables
        article_table = dict(tables[index])
        current = article_table.get(key)
        items: list[object] = list(current) if isinstance(current, list) else []
        if item is not None and not 1 <= item <= len(items):
            raise InputProblem(
                f"{path}: 第 {number} 篇没有第 {item} {what}（共 {len(items)} {what[0]}）",
                hint=f"用 bulletin show {path} 查看各篇的{what[1:]}",
            )
        if item is None:
            assert table is not None
            text = append_item_text(snapshot.text, index, key, table)
            items.append(table)
        elif table is None:
            text = remove_item_text(snapshot.text, index, key, item - 1)
            del items[item - 1]
        else:
            text = replace_item_text(snapshot.text, index, key, item - 1, table)
            items[item - 1] = table
        if items:
            article_table[key] = items
        else:
            article_table.pop(key, None)
        tables[index] = article_table
        expected = _with_articles(snapshot.doc, tables)
        _commit(change, snapshot, text, expected)
    return issue_from_document(expected)[0].articles[index]

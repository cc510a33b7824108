"""Changing the articles of an issue file without touching a byte of the rest.

An article's *block* runs from the comments that lead into its ``[[articles]]`` header to the
next article's (or table's) leading comments; its trailing blank lines belong to it. The pure
functions (``insert_text``, ``remove_text``, ``reorder_text``, ``edit_text``) cut and join
blocks, or replace single values in place; the writers around them (``append_articles``, ``add_articles``,
``edit_article``, ``remove_article``, ``move_article``, ``move_article_to_issue``,
``reorder_articles``) hold the file's lock, check that the parsed result is exactly the old
document with the intended change and nothing else, write atomically, read the file back, and
record an undo step in ``history``.

Article numbers are 1-based and follow the file's order, which ``add`` keeps equal to the
printed order: a new article goes after the last one of its section, or where its section
falls in the catalogue (unknown sections last, as export prints them).
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem, InputProblem
from ..model import Article
from . import history
from .atomic import atomic_write, encode_like, issue_lock, issue_locks, read_bytes, write_target
from .positions import TomlPositions, scan, split_lines
from .schema import ARTICLE_KEYS, issue_from_document
from .spans import value_span
from .store import decode_text, insert_articles, parse_toml
from .tomlwrite import article_toml, toml_value

Document = dict[str, object]
KEY_ORDER = tuple(ARTICLE_KEYS)
"""The order ``add`` writes an article's keys in; a key added by ``edit`` goes in its place."""


@dataclass(frozen=True, slots=True)
class Block:
    """Offsets of one article in the text: ``start`` (its leading comments), ``header`` (its
    ``[[articles]]`` line), ``core_end`` (after its last non-blank line) and ``end`` (after its
    trailing blank lines, where the next block or table begins)."""

    start: int
    header: int
    core_end: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """The result of a change to one article.

    ``number`` is the article's number before the change and ``new_number`` after it (``None``
    when it left the file); ``article`` is the article as it now stands (as it was, when
    removed); ``changed`` lists the keys whose values changed (``edit``); ``other`` is the
    issue file the article moved to (``move_article_to_issue``). An edit that changes nothing
    writes nothing and records no undo step (``changed`` is empty)."""

    path: Path
    action: str
    number: int
    new_number: int | None
    article: Article
    changed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    other: Path | None = None


# --- where articles stand in the text ------------------------------------------------------


def article_blocks(text: str, positions: TomlPositions | None = None) -> list[Block]:
    """The blocks of the ``[[articles]]`` of ``text``, in file order (one pass over the
    headers, so a file of many articles costs linear time)."""
    positions = positions or scan(text)
    lines = split_lines(text)
    offsets = [*positions.line_offsets, len(text)]
    headers = positions.header_lines
    blocks = []
    at = 0
    for index, header in enumerate(positions.article_headers):
        while headers[at] != header:
            at += 1
        previous = headers[at - 1] if at else 0
        after = at + 1  # skip this article's own sub-tables ([articles.x])
        while after < len(headers) and positions.header_paths[headers[after]][:2] == (
            "articles",
            index,
        ):
            after += 1
        end_line = len(lines) + 1
        if after < len(headers):
            end_line = _leading_start(lines, positions, headers[after], header)
        core_line = end_line
        while core_line - 1 > header and not lines[core_line - 2].strip():
            core_line -= 1
        start_line = _leading_start(lines, positions, header, previous)
        blocks.append(
            Block(*(offsets[line - 1] for line in (start_line, header, core_line, end_line)))
        )
    return blocks


def _leading_start(lines: list[str], positions: TomlPositions, header: int, floor: int) -> int:
    """The first line of the comments that lead into the header at line ``header`` (blank
    lines before them stay with what precedes); never at or above line ``floor``."""
    line = header
    while line - 1 > floor and (line - 1) in positions.statement_lines:
        previous = lines[line - 2].strip()
        if previous and not previous.startswith("#"):
            break
        line -= 1
    while line < header and not lines[line - 1].strip():
        line += 1
    return line


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


# --- pure changes of the text ----------------------------------------------------------------


def insert_text(text: str, article: Article, position: int) -> str:
    """``text`` with ``article`` inserted as the article at 0-based ``position``."""
    if not article_blocks(text):
        if position != 0:
            raise ValueError(f"position {position} outside 0..0")
        return insert_articles(text, [article])
    return insert_block_text(text, article_toml(article), position)


def insert_block_text(text: str, block: str, position: int) -> str:
    """``text`` with the ``[[articles]]`` block ``block`` (its own text, e.g. cut from another
    file) inserted as the article at 0-based ``position``; line ends follow ``text``."""
    blocks = article_blocks(text)
    if not 0 <= position <= len(blocks):
        raise ValueError(f"position {position} outside 0..{len(blocks)}")
    newline = _newline(text)
    block = block.replace("\r\n", "\n").rstrip("\n").replace("\n", newline) + newline
    if position < len(blocks):
        at = blocks[position].start
        return text[:at] + block + newline + text[at:]
    at = blocks[-1].end if blocks else _end_of_masthead(text)
    before, after = text[:at], text[at:]
    if before and not before.endswith("\n"):
        before += newline
    lead = "" if not before.strip() or before.endswith(newline * 2) else newline
    tail = newline if after.strip() else ""
    return before + lead + block + tail + after


def _end_of_masthead(text: str) -> int:
    """Where the first article of a file without articles goes (as ``add`` has always put it)."""
    return scan(text).insertion_offset(text)


def remove_text(text: str, index: int) -> str:
    """``text`` without the article at 0-based ``index``. The last article of a run keeps the
    spacing that separated it from what follows."""
    blocks = article_blocks(text)
    block = blocks[index]
    last_of_run = index + 1 == len(blocks) or blocks[index + 1].start != block.end
    if index > 0 and last_of_run and blocks[index - 1].end == block.start:
        return text[: blocks[index - 1].core_end] + text[block.core_end :]
    return text[: block.start] + text[block.end :]


def reorder_text(text: str, order: Sequence[int]) -> str:
    """``text`` with its articles in ``order`` (``order[k]`` is the 0-based index of the article
    that goes to position ``k``). Each article keeps its bytes; each position keeps the spacing
    after it, so nothing between or around the articles changes."""
    blocks = article_blocks(text)
    if sorted(order) != list(range(len(blocks))):
        raise ValueError(f"{list(order)} is not an order of {len(blocks)} articles")
    newline = _newline(text)
    pieces = []
    cursor = 0
    for slot, source in zip(blocks, (blocks[index] for index in order), strict=True):
        core = text[source.start : source.core_end]
        if not core.endswith("\n"):  # the last article of a file without a final newline
            core += newline
        pieces.append(text[cursor : slot.start] + core + text[slot.core_end : slot.end])
        cursor = slot.end
    pieces.append(text[cursor:])
    joined = "".join(pieces)
    if (
        not text.endswith("\n")
        and joined.endswith(newline)
        and blocks
        and blocks[-1].end == len(text)
    ):
        joined = joined[: -len(newline)]  # keep the file's missing final newline
    return joined


def edit_text(text: str, index: int, changes: Mapping[str, object | None]) -> str:
    """``text`` with values of the article at 0-based ``index`` replaced in place (``None``
    removes the key); a key the article lacks is added in the usual order of keys."""
    for key in changes:
        if key not in ARTICLE_KEYS:
            raise ValueError(f"unknown article key {key}")
    newline = _newline(text)
    for key in sorted(changes, key=lambda k: -_key_offset(text, index, k)):
        text = _edit_one(text, index, key, changes[key], newline)
    return text


def _key_offset(text: str, index: int, key: str) -> int:
    positions = scan(text)
    line = positions.lines.get(("articles", index, key))
    if line is None:
        return -1
    return positions.line_offsets[line - 1]


def _edit_one(text: str, index: int, key: str, value: object | None, newline: str) -> str:
    positions = scan(text)
    path = ("articles", index, key)
    line = positions.lines.get(path)
    rendered = None if value is None else toml_value(value).replace("\n", newline)
    if line is None:
        if rendered is None:
            return text
        at = _new_key_offset(text, positions, index, key)
        return text[:at] + f"{key} = {rendered}{newline}" + text[at:]
    span = value_span(text, positions, path)
    if span is None:
        raise _cannot_locate(key)
    start, end = span
    if rendered is not None:
        return text[:start] + rendered + text[end:]
    line_start = positions.line_offsets[line - 1]
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end].strip()
    if rest and not rest.startswith("#"):
        raise _cannot_locate(key)
    return text[:line_start] + text[len(text) if line_end < 0 else line_end + 1 :]


def _new_key_offset(text: str, positions: TomlPositions, index: int, key: str) -> int:
    """Where a missing key goes: after the line holding the value of the key before it in
    ``KEY_ORDER`` that the article has, else right after the header."""
    for earlier in reversed(KEY_ORDER[: KEY_ORDER.index(key)]):
        span = value_span(text, positions, ("articles", index, earlier))
        if span is not None:
            return _after_line(text, span[1])
    return _after_line(text, positions.line_offsets[positions.article_headers[index] - 1])


def _after_line(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


class UnplaceableValue(Exception):
    """A value written where it cannot be replaced in place (an inline table, a dotted key)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _cannot_locate(key: str) -> UnplaceableValue:
    return UnplaceableValue(key)


# --- printed order -------------------------------------------------------------------------


def _rank(section: str, catalogue: Sequence[str]) -> int:
    return catalogue.index(section) if section in catalogue else len(catalogue)


def catalogue_position(sections: Sequence[str], section: str, catalogue: Sequence[str]) -> int:
    """The 0-based position for a new article of ``section`` among articles of ``sections``:
    after the last article of its section, else before the first article whose section comes
    later in the catalogue (unknown sections count as last), else at the end."""
    same = [index for index, name in enumerate(sections) if name == section]
    if same:
        return same[-1] + 1
    rank = _rank(section, catalogue)
    later = (i for i, name in enumerate(sections) if _rank(name, catalogue) > rank)
    return next(later, len(sections))


def printed_order(sections: Sequence[str], catalogue: Sequence[str]) -> list[int]:
    """The order in which export prints articles of ``sections``, as 0-based indices: sections
    in catalogue order (unknown ones after, as first met), articles in file order within."""
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(sections):
        groups.setdefault(name, []).append(index)
    names = [name for name in catalogue if name in groups]
    names += [name for name in groups if name not in catalogue]
    return [index for name in names for index in groups[name]]


# --- the writers ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Snapshot:
    """An issue file as read under its lock."""

    path: Path
    data: bytes
    text: str
    doc: Document

    @property
    def tables(self) -> list[dict[str, object]]:
        articles = self.doc.get("articles", [])
        return list(articles) if isinstance(articles, list) else []

    def article(self, index: int) -> Article:
        return issue_from_document(self.doc)[0].articles[index]

    def index(self, number: int) -> int:
        require_number(self.path, number, len(self.tables))
        return number - 1


def require_number(path: Path, number: int, count: int) -> None:
    """Refuse an article number the issue does not have (``InputProblem``, exit 2)."""
    if not 1 <= number <= count:
        raise InputProblem(
            f"{path}: 没有第 {number} 篇稿件（这一期共 {count} 篇）",
            hint=f"用 bulletin show {path} 查看各篇的序号",
        )


def _snapshot(path: Path) -> _Snapshot:
    data = read_bytes(path)
    text = decode_text(data, path)
    doc = parse_toml(text, path)
    snapshot = _Snapshot(path, data, text, doc)
    articles = doc.get("articles")
    if articles is not None and (
        not isinstance(articles, list) or len(article_blocks(text)) != len(articles)
    ):
        raise FileProblem(
            path,
            "稿件不是逐篇用 [[articles]] 写的，无法在原处修改",
            hint="每篇稿件以单独一行 [[articles]] 开头",
        )
    return snapshot


def _with_articles(doc: Document, tables: list[dict[str, object]]) -> Document:
    """``doc`` with its articles replaced by ``tables`` (no ``articles`` key when empty)."""
    expected = copy.deepcopy(doc)
    expected.pop("articles", None)
    if tables:
        expected["articles"] = copy.deepcopy(tables)
    return expected


def _commit(
    snapshot: _Snapshot,
    text: str,
    expected: Document,
    action: str,
    link: history.Link | None = None,
) -> history.Step:
    """Verify that ``text`` parses to ``expected``, record the undo step, write atomically and
    read the file back; the file is untouched when any check fails."""
    path = snapshot.path
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise FileProblem(path, "改动后的文件无法解析，文件未改动") from None
    if parsed != expected:
        raise FileProblem(path, "改动超出了预定的范围，文件未改动")
    data = encode_like(snapshot.data, text)
    step = history.record(path, before=snapshot.data, after=data, action=action, link=link)
    try:
        atomic_write(path, data)
    except BaseException:
        history.discard(step)
        raise
    if read_bytes(path) != data:
        raise FileProblem(
            path, "写入后读回的内容与预期不同，请检查磁盘", hint="可用 bulletin undo 撤销"
        )
    return step


def append_articles(path: Path | str, articles: list[Article]) -> list[int]:
    """Add articles to the end of an issue file under its lock; returns their 1-based numbers."""
    path = Path(path)
    with issue_lock(path):
        original = read_bytes(path)
        text = decode_text(original, path)
        before = parse_toml(text, path)
        updated = insert_articles(text, articles)
        if not _only_appended(before, parse_toml(updated, path), articles):
            updated = _append_at_end(text, articles)
            if not _only_appended(before, parse_toml(updated, path), articles):
                raise FileProblem(path, "无法在不改动原有内容的前提下追加稿件")
        data = encode_like(original, updated)
        step = history.record(path, before=original, after=data, action="add")
        try:
            atomic_write(path, data)
        except BaseException:
            history.discard(step)
            raise
    existing = before.get("articles")
    count = len(existing) if isinstance(existing, list) else 0
    return list(range(count + 1, count + 1 + len(articles)))


def _append_at_end(text: str, articles: list[Article]) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "\n".join(article_toml(article) for article in articles).replace("\n", newline)
    if text and not text.endswith("\n"):
        text += newline
    return text + newline + block


def _only_appended(before: dict[str, object], after: dict[str, object], new: list[Article]) -> bool:
    old = before.get("articles", [])
    expected = dict(before)
    expected["articles"] = [*(old if isinstance(old, list) else []), *(a.to_table() for a in new)]
    return after == expected


def add_articles(
    path: Path | str,
    articles: Sequence[Article],
    *,
    catalogue: Sequence[str] = (),
    action: str = "add",
) -> list[int]:
    """Insert articles in printed order (see ``catalogue_position``) in one locked, atomic,
    verified and recorded write (the undo step named ``action``: ``add``, ``collect``);
    returns their 1-based numbers after the insertion."""
    path = Path(path)
    with issue_lock(path):
        snapshot = _snapshot(path)
        tables = snapshot.tables
        sections = [str(table.get("section", "")) for table in tables]
        final: list[int | _New] = list(range(len(tables)))  # old indices and new articles
        for order, article in enumerate(articles):
            position = catalogue_position(sections, article.section, catalogue)
            final.insert(position, _New(order, article))
            sections.insert(position, article.section)
            tables.insert(position, article.to_table())
        if articles:
            text = _insert_all(snapshot.text, final)
            _commit(snapshot, text, _with_articles(snapshot.doc, tables), action)
    numbers = {item.order: n for n, item in enumerate(final, start=1) if isinstance(item, _New)}
    return [numbers[order] for order in range(len(articles))]


@dataclass(frozen=True, slots=True)
class _New:
    """A new article in the final order, with its place in the caller's list."""

    order: int
    article: Article


def _insert_all(text: str, final: list[int | _New]) -> str:
    """``text`` with the new articles of ``final`` (the old articles' indices and the new
    articles, in their final order) inserted in runs: one scan per run, not per article."""
    runs: dict[int | None, list[Article]] = {}
    pending: list[Article] = []
    for item in final:
        if isinstance(item, _New):
            pending.append(item.article)
        elif pending:
            runs[item], pending = pending, []
    if pending:
        runs[None] = pending
    count = len(final) - sum(len(run) for run in runs.values())
    if not count:
        return insert_articles(text, runs[None])
    for anchor in sorted(runs, key=lambda key: count if key is None else key, reverse=True):
        block = "\n".join(article_toml(article) for article in runs[anchor])
        text = insert_block_text(text, block, count if anchor is None else anchor)
    return text


def edit_article(
    path: Path | str,
    number: int,
    changes: Mapping[str, object | None],
    *,
    catalogue: Sequence[str] = (),
) -> ArticleChange:
    """Replace values of article ``number`` in place (``None`` removes the key, for
    ``subtitle``); only keys whose value differs are written. A new section moves the article
    to that section's place in printed order."""
    path = Path(path)
    with issue_lock(path):
        snapshot = _snapshot(path)
        index = snapshot.index(number)
        tables = snapshot.tables
        table = dict(tables[index])
        changed = {key: value for key, value in changes.items() if table.get(key) != value}
        if not changed:
            return ArticleChange(path, "edit", number, number, snapshot.article(index))
        try:
            text = edit_text(snapshot.text, index, changed)
        except UnplaceableValue as err:
            raise FileProblem(
                path,
                f"第 {number} 篇的 {err.key} 写法特殊（如写在内联表或带点的键里），无法在原处修改",
                hint=f"把 {err.key} 写成单独一行“{err.key} = 值”后再试",
            ) from None
        for key, value in changed.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        tables[index] = table
        position = index
        if "section" in changed:
            others = [str(t.get("section", "")) for i, t in enumerate(tables) if i != index]
            position = catalogue_position(others, str(table.get("section", "")), catalogue)
            if position != index:
                text = reorder_text(text, _moved(len(tables), index, position))
                tables.insert(position, tables.pop(index))
        _commit(snapshot, text, _with_articles(snapshot.doc, tables), f"edit {number}")
        article = issue_from_document(_with_articles(snapshot.doc, tables))[0].articles[position]
    return ArticleChange(path, "edit", number, position + 1, article, tuple(changed))


def _moved(count: int, index: int, position: int) -> list[int]:
    """The order that takes the article at ``index`` to ``position``, the rest keeping theirs."""
    order = [i for i in range(count) if i != index]
    order.insert(position, index)
    return order


def remove_article(path: Path | str, number: int) -> ArticleChange:
    """Delete article ``number``: its block goes, every other byte stays."""
    path = Path(path)
    with issue_lock(path):
        snapshot = _snapshot(path)
        index = snapshot.index(number)
        article = snapshot.article(index)
        tables = snapshot.tables
        del tables[index]
        text = remove_text(snapshot.text, index)
        _commit(snapshot, text, _with_articles(snapshot.doc, tables), f"remove {number}")
    return ArticleChange(path, "remove", number, None, article)


def move_article(path: Path | str, number: int, to: int) -> ArticleChange:
    """Put article ``number`` at position ``to`` (1-based), within its section: every article
    it passes must be of the same section (to change the section, edit it)."""
    path = Path(path)
    with issue_lock(path):
        snapshot = _snapshot(path)
        index = snapshot.index(number)
        target = snapshot.index(to)
        tables = snapshot.tables
        section = tables[index].get("section")
        low, high = sorted((index, target))
        if any(tables[i].get("section") != section for i in range(low, high + 1)):
            first, last = _section_run(tables, index)
            raise InputProblem(
                f"第 {number} 篇属于栏目“{section}”，只能在本栏目内移动（第 {first}–{last} 篇）",
                hint="要换栏目，请修改这篇稿件的栏目，它会自动排到新栏目中",
            )
        article = snapshot.article(index)
        if target == index:
            return ArticleChange(path, "move", number, to, article)
        order = _moved(len(tables), index, target)
        text = reorder_text(snapshot.text, order)
        expected = _with_articles(snapshot.doc, [tables[i] for i in order])
        _commit(snapshot, text, expected, f"move {number} → {to}")
    return ArticleChange(path, "move", number, to, article)


def _section_run(tables: list[dict[str, object]], index: int) -> tuple[int, int]:
    """The 1-based numbers of the first and last article of the run of ``index``'s section."""
    section = tables[index].get("section")
    first = last = index
    while first > 0 and tables[first - 1].get("section") == section:
        first -= 1
    while last + 1 < len(tables) and tables[last + 1].get("section") == section:
        last += 1
    return first + 1, last + 1


def move_article_to_issue(
    path: Path | str, number: int, other: Path | str, *, catalogue: Sequence[str] = ()
) -> ArticleChange:
    """Move article ``number`` into the issue file ``other``, at its section's place there.

    Both files are locked (in a fixed order), both changes verified before either is written;
    the article is written into ``other`` first and removed from ``path`` second, so a failed
    second write never loses it (the first is rolled back). Undo of either file undoes both."""
    path, other = Path(path), Path(other)
    if write_target(path).resolve() == write_target(other).resolve():
        raise InputProblem(f"{other} 就是这一期本身", hint="在同一期内调整顺序请用 move --to")
    with issue_locks(path, other):
        source, destination = _snapshot(path), _snapshot(other)
        index = source.index(number)
        article = source.article(index)
        block = article_blocks(source.text)[index]
        source_tables = source.tables
        table = source_tables.pop(index)
        source_text = remove_text(source.text, index)
        tables = destination.tables
        position = catalogue_position(
            [str(t.get("section", "")) for t in tables], article.section, catalogue
        )
        raw = source.text[block.start : block.core_end]  # the article's own bytes go along
        destination_text = insert_block_text(destination.text, raw, position)
        tables.insert(position, table)
        action = f"move {number} → {other.name}"
        next_source = history.next_sequence(path)
        step = _commit(
            destination,
            destination_text,
            _with_articles(destination.doc, tables),
            action,
            history.Link(write_target(path), next_source),
        )
        try:
            _commit(
                source,
                source_text,
                _with_articles(source.doc, source_tables),
                action,
                history.Link(write_target(other), step.sequence),
            )
        except BaseException:
            atomic_write(other, destination.data)  # the article stays where it was
            history.discard(step)
            raise
    return ArticleChange(path, "move", number, None, article, other=other)


def reorder_articles(path: Path | str, order: Sequence[int], *, action: str) -> bool:
    """Put the articles of ``path`` in ``order`` (``order[k]`` = 0-based index of the article
    that goes to position ``k``), locked, verified, atomic and recorded as one undo step named
    ``action`` (e.g. ``check --fix``). Returns whether anything changed. For ``check --fix``:
    ``printed_order(sections, catalogue)`` gives the order export prints in."""
    path = Path(path)
    with issue_lock(path):
        snapshot = _snapshot(path)
        if list(order) == list(range(len(snapshot.tables))):
            return False
        text = reorder_text(snapshot.text, order)
        tables = snapshot.tables
        expected = _with_articles(snapshot.doc, [tables[i] for i in order])
        _commit(snapshot, text, expected, action)
    return True

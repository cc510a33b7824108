"""Changing the articles of an issue file without touching a byte of the rest: the file work.

The pure changes of the text are in ``textedits`` (re-exported here); the writers
(``append_articles``, ``add_articles``, ``edit_article``, ``remove_article``,
``move_article``, ``move_article_to_issue``, ``reorder_articles``) read the files through one
``Transaction`` (locks, recovery of a killed change, undo steps, atomic writes), check that
the parsed result is exactly the old document with the intended change and nothing else, and
stage the new bytes; the transaction writes them, reads them back and records the undo step.
A change of two files (``move_article_to_issue``) is one transaction: both or neither.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path

from ..errors import EXIT_FINDINGS, BulletinError, FileProblem, InputProblem
from ..model import Article
from ..records import record
from .atomic import encode_like, write_target
from .schema import issue_from_document
from .store import decode_text, insert_articles, parse_toml
from .textedits import KEY_ORDER as KEY_ORDER
from .textedits import Block as Block
from .textedits import UnplaceableValue as UnplaceableValue
from .textedits import article_blocks as article_blocks
from .textedits import catalogue_position as catalogue_position
from .textedits import edit_text as edit_text
from .textedits import insert_block_text as insert_block_text
from .textedits import insert_text as insert_text
from .textedits import printed_order as printed_order
from .textedits import remove_text as remove_text
from .textedits import reorder_text as reorder_text
from .tomlwrite import article_toml
from .transaction import Transaction

Document = dict[str, object]


@record(frozen=True, slots=True)
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


# --- the writers ---------------------------------------------------------------------------


@record(slots=True)
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

    def index(self, number: int, expect: Article | None = None) -> int:
        """The 0-based index of article ``number``; with ``expect`` (the article as the command
        showed it before a pause: an editor, a confirmation), refuse when that number now
        holds another article or a changed one (``ArticleMoved``)."""
        require_number(self.path, number, len(self.tables))
        if expect is not None and self.article(number - 1) != expect:
            raise ArticleMoved(
                f"{self.path}: 第 {number} 篇在这期间已被改动或移走（现在是"
                f"“{self.article(number - 1).title}”，不是“{expect.title}”），未改动",
                hint=f"用 bulletin show {self.path} 重新查看各篇的序号后再试",
            )
        return number - 1


class ArticleMoved(BulletinError):
    """The article a command showed before a pause is no longer at its number (exit 1)."""

    exit_code = EXIT_FINDINGS


def require_number(path: Path, number: int, count: int) -> None:
    """Refuse an article number the issue does not have (``InputProblem``, exit 2)."""
    if not 1 <= number <= count:
        raise InputProblem(
            f"{path}: 没有第 {number} 篇稿件（这一期共 {count} 篇）",
            hint=f"用 bulletin show {path} 查看各篇的序号",
        )


def _snapshot(change: Transaction, path: Path) -> _Snapshot:
    data = change.read(path)
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


def _commit(change: Transaction, snapshot: _Snapshot, text: str, expected: Document) -> None:
    """Verify that ``text`` parses to ``expected`` and stage it in ``change`` (which records
    the undo step, writes atomically and reads the file back); nothing is staged when a check
    fails, so the file stays untouched."""
    path = snapshot.path
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise FileProblem(path, "改动后的文件无法解析，文件未改动") from None
    if parsed != expected:
        raise FileProblem(path, "改动超出了预定的范围，文件未改动")
    change.write(path, encode_like(snapshot.data, text))


def append_articles(path: Path | str, articles: list[Article]) -> list[int]:
    """Add articles to the end of an issue file under its lock; returns their 1-based numbers."""
    path = Path(path)
    with Transaction([path], action="add") as change:
        original = change.read(path)
        text = decode_text(original, path)
        before = parse_toml(text, path)
        updated = insert_articles(text, articles)
        if not _only_appended(before, parse_toml(updated, path), articles):
            updated = _append_at_end(text, articles)
            if not _only_appended(before, parse_toml(updated, path), articles):
                raise FileProblem(path, "无法在不改动原有内容的前提下追加稿件")
        change.write(path, encode_like(original, updated))
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
    with Transaction([path], action=action) as change:
        numbers = _stage_insert(change, _snapshot(change, path), articles, catalogue)
    return numbers


def add_new_articles(
    path: Path | str,
    articles: Sequence[Article],
    *,
    identity: Callable[[Article], Hashable],
    moves: Sequence[tuple[Path, Path]] = (),
    catalogue: Sequence[str] = (),
    action: str = "collect",
) -> list[int | None]:
    """``add_articles`` for ``collect``: an article whose ``identity`` the issue already holds
    *as read under the lock* is left out (``None`` for its number), so two overlapping runs
    never add one twice; ``moves`` (a file for each article: from the inbox, into 已收/) are
    made in the same transaction, for the articles added."""
    path = Path(path)
    with Transaction([path], action=action) as change:
        snapshot = _snapshot(change, path)
        present = {identity(article) for article in issue_from_document(snapshot.doc)[0].articles}
        chosen: list[int] = []
        for index, article in enumerate(articles):
            if identity(article) not in present:
                present.add(identity(article))
                chosen.append(index)
        numbers = _stage_insert(change, snapshot, [articles[i] for i in chosen], catalogue)
        for index in chosen:
            if index < len(moves):
                change.move_file(*moves[index])
    found: list[int | None] = [None] * len(articles)
    for index, number in zip(chosen, numbers, strict=True):
        found[index] = number
    return found


def _stage_insert(
    change: Transaction, snapshot: _Snapshot, articles: Sequence[Article], catalogue: Sequence[str]
) -> list[int]:
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
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
    numbers = {item.order: n for n, item in enumerate(final, start=1) if isinstance(item, _New)}
    return [numbers[order] for order in range(len(articles))]


@record(frozen=True, slots=True)
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
    expect: Article | None = None,
) -> ArticleChange:
    """Replace values of article ``number`` in place (``None`` removes the key, for
    ``subtitle``); only keys whose value differs are written. A new section moves the article
    to that section's place in printed order. ``expect``: see ``_Snapshot.index``."""
    path = Path(path)
    with Transaction([path], action=f"edit {number}") as change:
        snapshot = _snapshot(change, path)
        index = snapshot.index(number, expect)
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
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
        article = issue_from_document(_with_articles(snapshot.doc, tables))[0].articles[position]
    return ArticleChange(path, "edit", number, position + 1, article, tuple(changed))


def _moved(count: int, index: int, position: int) -> list[int]:
    """The order that takes the article at ``index`` to ``position``, the rest keeping theirs."""
    order = [i for i in range(count) if i != index]
    order.insert(position, index)
    return order


def remove_article(
    path: Path | str, number: int, *, expect: Article | None = None
) -> ArticleChange:
    """Delete article ``number``: its block goes, every other byte stays. ``expect``: the
    article as shown before the confirmation (see ``_Snapshot.index``)."""
    path = Path(path)
    with Transaction([path], action=f"remove {number}") as change:
        snapshot = _snapshot(change, path)
        index = snapshot.index(number, expect)
        article = snapshot.article(index)
        tables = snapshot.tables
        del tables[index]
        text = remove_text(snapshot.text, index)
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
    return ArticleChange(path, "remove", number, None, article)


def move_article(path: Path | str, number: int, to: int) -> ArticleChange:
    """Put article ``number`` at position ``to`` (1-based), within its section: every article
    it passes must be of the same section (to change the section, edit it)."""
    path = Path(path)
    with Transaction([path], action=f"move {number} → {to}") as change:
        snapshot = _snapshot(change, path)
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
        _commit(change, snapshot, text, expected)
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

    Both files change in one ``Transaction``: both changes are verified before either is
    written, and a command killed between the two writes is completed by the next one, so the
    article is in exactly one of the issues. Undo of either file undoes both."""
    path, other = Path(path), Path(other)
    if write_target(path).resolve() == write_target(other).resolve():
        raise InputProblem(f"{other} 就是这一期本身", hint="在同一期内调整顺序请用 move --to")
    with Transaction([path, other], action=f"move {number} → {other.name}") as change:
        source, destination = _snapshot(change, path), _snapshot(change, other)
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
        _commit(change, destination, destination_text, _with_articles(destination.doc, tables))
        _commit(change, source, source_text, _with_articles(source.doc, source_tables))
    return ArticleChange(path, "move", number, None, article, other=other)


def reorder_articles(path: Path | str, order: Sequence[int], *, action: str) -> bool:
    """Put the articles of ``path`` in ``order`` (``order[k]`` = 0-based index of the article
    that goes to position ``k``), locked, verified, atomic and recorded as one undo step named
    ``action`` (e.g. ``check --fix``). Returns whether anything changed. For ``check --fix``:
    ``printed_order(sections, catalogue)`` gives the order export prints in."""
    path = Path(path)
    with Transaction([path], action=action) as change:
        snapshot = _snapshot(change, path)
        if list(order) == list(range(len(snapshot.tables))):
            return False
        text = reorder_text(snapshot.text, order)
        tables = snapshot.tables
        expected = _with_articles(snapshot.doc, [tables[i] for i in order])
        _commit(change, snapshot, text, expected)
    return True


def rename_in_articles(change: Transaction, path: Path, key: str, old: str, new: str) -> int:
    """Stage, in ``change``, ``path`` with the name ``old`` replaced by ``new`` in every article:
    its ``section`` (``key`` ``section``), or an entry of its ``sources`` (``key`` ``sources``;
    an article naming both keeps one). Each value is replaced in place, the result verified.
    Returns how many articles changed (0 stages nothing)."""
    snapshot = _snapshot(change, path)
    tables = [dict(table) for table in snapshot.tables]
    text = snapshot.text
    changed = 0
    for index in reversed(range(len(tables))):  # later values first: earlier offsets hold
        value = _renamed(tables[index].get(key), old, new)
        if value is None:
            continue
        try:
            text = edit_text(text, index, {key: value})
        except UnplaceableValue:
            raise FileProblem(
                path,
                f"第 {index + 1} 篇的 {key} 写法特殊（如写在内联表或带点的键里），无法在原处修改",
                hint=f"把它写成单独一行“{key} = 值”后再试；其余文件也都未改动",
            ) from None
        tables[index][key] = value
        changed += 1
    if changed:
        _commit(change, snapshot, text, _with_articles(snapshot.doc, tables))
    return changed


def _renamed(value: object, old: str, new: str) -> object | None:
    """``value`` (a section, or a list of units) with ``old`` renamed ``new``; ``None`` when it
    does not name ``old``."""
    if value == old:
        return new
    if isinstance(value, list) and old in value:
        return list(dict.fromkeys(new if item == old else item for item in value))
    return None

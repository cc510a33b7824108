"""Pure changes of an issue file's text: where its articles stand, and inserting, removing,
reordering and editing them without touching a byte of the rest.

An article's *block* runs from the comments that lead into its ``[[articles]]`` header to the
next article's (or table's) leading comments; its trailing blank lines belong to it. These
functions take text and give text: no file, lock or history (``edits`` does the file work,
through ``transaction``).

Article numbers are 1-based and follow the file's order, which ``add`` keeps equal to the
printed order: a new article goes after the last one of its section, or where its section
falls in the catalogue (unknown sections last, as export prints them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Article
from ..records import record
from .positions import TomlPositions, scan, split_lines
from .schema import ARTICLE_KEYS
from .spans import value_span
from .store import insert_articles
from .tomlwrite import article_toml, toml_value

KEY_ORDER = tuple(ARTICLE_KEYS)
"""The order ``add`` writes an article's keys in; a key added by ``edit`` goes in its place."""


@record(frozen=True, slots=True)
class Block:
    """Offsets of one article in the text: ``start`` (its leading comments), ``header`` (its
    ``[[articles]]`` line), ``core_end`` (after its last non-blank line) and ``end`` (after its
    trailing blank lines, where the next block or table begins)."""

    start: int
    header: int
    core_end: int
    end: int


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
    changed = replace_value(text, positions, path, line, rendered)
    if changed is None:
        raise _cannot_locate(key)
    return changed


def replace_value(
    text: str,
    positions: TomlPositions,
    path: tuple[str | int, ...],
    line: int,
    rendered: str | None,
) -> str | None:
    """``text`` with the value at ``path`` (on line ``line``) replaced by ``rendered``, or its
    whole key line removed when ``rendered`` is None; None when the value cannot be placed
    (written in an inline table, or followed by more than a comment on its line)."""
    span = value_span(text, positions, path)
    if span is None:
        return None
    start, end = span
    if rendered is not None:
        return text[:start] + rendered + text[end:]
    line_start = positions.line_offsets[line - 1]
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end].strip()
    if rest and not rest.startswith("#"):
        return None
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

"""The other issue files of a folder, as ``check`` needs them: 期号, 总第N期 and year of each,
and which could not be read. The engine reads them and hands them to the rules (M003, M004,
F003); a sibling that cannot be read is reported, never a reason to stop checking.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem, os_reason
from ..issuefile.store import issue_files, parse_toml, read_text


@dataclass(frozen=True, slots=True)
class Sibling:
    """Another issue file of the same folder, as far as ``check`` needs it (期号 repeats)."""

    path: Path
    number: int | None
    total: int | None
    year: int | None
    kind: str | None = None
    """Its issue kind (增刊, ...), ``None`` for a regular issue: 期号 repeat within a kind."""


@dataclass(frozen=True, slots=True)
class UnreadableSibling:
    """Another issue file of the same folder that could not be read or parsed, and why."""

    path: Path
    problem: str


@dataclass(frozen=True, slots=True)
class _Masthead:
    number: int | None
    total: int | None
    year: int | None
    problem: str | None = None
    kind: str | None = None


_MASTHEADS: dict[Path, tuple[tuple[int, int], _Masthead]] = {}
"""Mastheads of issue files already read, by path and (mtime, size): checking a folder of N
issues reads each sibling once, not N times."""

_SNAPSHOT: ContextVar[dict[Path, list[tuple[Path, Path, _Masthead]]] | None] = ContextVar(
    "bulletin_siblings", default=None
)


@contextlib.contextmanager
def sibling_snapshot() -> Iterator[None]:
    """Within the block, each folder's issue files are listed and their mastheads read once,
    however many of its issues are checked: a batch (``bulletin export issues``) stays linear
    in the number of issues instead of re-reading every sibling for each issue. For work
    that changes no masthead while it runs."""
    token = _SNAPSHOT.set({})
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)


def siblings_of(path: Path) -> tuple[list[Sibling], list[UnreadableSibling]]:
    """The other issue files in the folder of ``path``: those read, and those that could not
    be read or parsed (with the reason)."""
    own = path.resolve()
    folder = path.parent
    snapshot = _SNAPSHOT.get()
    if snapshot is None:
        listed = _read_folder(folder)
    else:
        key = folder.resolve()
        if key not in snapshot:
            snapshot[key] = _read_folder(folder)
        listed = snapshot[key]
    found: list[Sibling] = []
    unreadable: list[UnreadableSibling] = []
    for resolved, other, head in listed:
        if resolved == own:
            continue
        if head.problem is not None:
            unreadable.append(UnreadableSibling(other, head.problem))
        else:
            found.append(Sibling(other, head.number, head.total, head.year, head.kind))
    return found, unreadable


def _read_folder(folder: Path) -> list[tuple[Path, Path, _Masthead]]:
    return [(other.resolve(), other, _masthead(other)) for other in issue_files(folder)]


def _masthead(path: Path) -> _Masthead:
    try:
        stat = path.stat()
    except OSError as err:
        return _Masthead(None, None, None, f"无法读取：{os_reason(err)}")
    key = path.resolve()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _MASTHEADS.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    value = _read_masthead(path)
    _MASTHEADS[key] = (stamp, value)
    return value


def _reason(err: FileProblem, path: Path) -> str:
    """The message of ``err`` without the file name in front, and its line in words."""
    reason = err.message
    if reason.startswith(str(path)):
        reason = reason.partition(": ")[2] or reason
    return f"第 {err.line} 行：{reason}" if err.line is not None else reason


def _read_masthead(path: Path) -> _Masthead:
    try:
        doc = parse_toml(read_text(path), path)
    except FileProblem as err:
        return _Masthead(None, None, None, _reason(err, path))
    except (RecursionError, ValueError):
        # what tomllib raises beyond TOMLDecodeError (nesting too deep, an integer too long)
        return _Masthead(None, None, None, "TOML 格式错误：嵌套太深或数字太长，无法解析")
    head = doc.get("issue")
    if not isinstance(head, dict):
        return _Masthead(None, None, None)
    number, total, date = head.get("number"), head.get("total"), head.get("date")
    kind = head.get("kind")
    return _Masthead(
        number if isinstance(number, int) else None,
        total if isinstance(total, int) else None,
        date.year if isinstance(date, dt.date) else None,
        kind=kind if isinstance(kind, str) and kind else None,
    )

"""Issue files on disk: read, parse, append articles, create; atomic and locked.

``add`` never re-serialises a file: the new article's TOML is inserted after the last article
and the rest of the text stays byte for byte. Every write goes to a temporary file in the same
folder and is renamed over the target; writers of one file take a lock first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem, os_reason
from ..model import Article, Issue
from .lock import LockTimeout, exclusive_lock
from .positions import TomlPositions, scan
from .schema import SchemaProblem, issue_from_document
from .tomlwrite import article_toml, issue_toml

BOM = "\ufeff"
LOCK_TIMEOUT_SECONDS = 60.0
_TOML_ERROR_RE = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


@dataclass(slots=True)
class LoadedIssue:
    """An issue file as read: its text, the model, where each key stands, and schema problems."""

    path: Path
    text: str
    issue: Issue
    positions: TomlPositions
    problems: list[SchemaProblem]


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path`` without a BOM; unreadable files are a ``FileProblem``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, "文件不存在", hint="检查文件名和文件夹是否正确") from None
    except IsADirectoryError:
        raise FileProblem(path, "这是一个文件夹，不是文件") from None
    except OSError as err:
        raise FileProblem(path, f"无法读取：{os_reason(err)}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FileProblem(
            path, "不是 UTF-8 编码的文本", line=line, hint="用记事本“另存为”并选择 UTF-8 编码"
        ) from None
    return text.removeprefix(BOM)


def parse_toml(text: str, path: Path) -> dict[str, object]:
    """Parse TOML; a syntax error names the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = _TOML_ERROR_RE.match(str(err))
        if match is None:
            raise FileProblem(path, f"TOML 格式错误：{err}") from None
        raise FileProblem(
            path,
            f"TOML 格式错误：{_translate_toml_error(match.group('what'))}",
            line=int(match.group("line")),
            column=int(match.group("column")),
            hint="检查这一行的引号、括号和等号是否成对、齐全",
        ) from None


def _translate_toml_error(what: str) -> str:
    known = {
        "Unclosed array": "数组（方括号）没有闭合",
        "Invalid value": "值无效（文本要加引号）",
        "Invalid statement": "无法识别的语句",
        "Expected '=' after a key in a key/value pair": "键后面缺少等号",
        "Unterminated string": "字符串缺少结束引号",
        "Cannot overwrite a value": "同一个键写了两次",
        "Illegal character": "含有不允许的字符",
    }
    for english, chinese in known.items():
        if what.startswith(english):
            return f"{chinese}（{what}）"
    return what


def load_issue(path: Path | str) -> LoadedIssue:
    """Read and parse an issue file (``FileProblem`` when it cannot be read or parsed)."""
    path = Path(path)
    text = read_text(path)
    doc = parse_toml(text, path)
    issue, problems = issue_from_document(doc)
    return LoadedIssue(path, text, issue, scan(text), problems)


@contextlib.contextmanager
def issue_lock(path: Path) -> Iterator[None]:
    """Hold the lock of one issue file (a hidden ``.NAME.lock`` beside it)."""
    lock_path = path.parent / f".{path.name}.lock"
    try:
        with exclusive_lock(lock_path, timeout=LOCK_TIMEOUT_SECONDS):
            yield
    except LockTimeout:
        raise FileProblem(
            path, "文件被其他程序占用，等待 60 秒后仍未释放", hint="稍后再试，或关闭正在写它的程序"
        ) from None


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    With ``exclusive`` an existing ``path`` is never replaced (``FileProblem``)."""
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise FileProblem(path, f"无法写入文件夹：{err.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(temp, path)
        if exclusive:
            _link_exclusive(temp, path)
        else:
            os.replace(temp, path)
    except FileExistsError:
        raise FileProblem(path, "文件已存在，不会覆盖", hint="换一个期号，或先移走旧文件") from None
    except OSError as err:
        raise FileProblem(path, f"无法写入：{err.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)


def _give_mode(temp: Path, path: Path) -> None:
    """The mode the file would have had: the existing file's, or the usual one for a new file
    (the temporary file is created private, 0600)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


def _link_exclusive(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # file systems without hard links: exclusive create, still never overwriting
        with open(path, "xb") as handle:
            handle.write(temp.read_bytes())


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` as UTF-8, keeping the original file's BOM."""
    prefix = BOM if original.startswith(BOM.encode()) else ""
    return (prefix + text).encode("utf-8")


def insert_articles(text: str, articles: list[Article]) -> str:
    """``text`` with the articles' TOML inserted after its last article; nothing else changes."""
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "\n".join(article_toml(article) for article in articles)
    block = block.replace("\n", newline)
    offset = scan(text).insertion_offset(text)
    before, after = text[:offset], text[offset:]
    if before and not before.endswith("\n"):
        before += newline
    lead = newline if before.strip() and not before.endswith(newline * 2) else ""
    tail = newline if after.strip() else ""
    return before + lead + block + tail + after


def append_articles(path: Path | str, articles: list[Article]) -> list[int]:
    """Add articles to the end of an issue file under its lock; returns their 1-based numbers."""
    path = Path(path)
    with issue_lock(path):
        original = _read_bytes(path)
        text = read_text(path)
        before = parse_toml(text, path)
        updated = insert_articles(text, articles)
        if not _only_appended(before, parse_toml(updated, path), articles):
            updated = _append_at_end(text, articles)
            if not _only_appended(before, parse_toml(updated, path), articles):
                raise FileProblem(path, "无法在不改动原有内容的前提下追加稿件")
        atomic_write(path, encode_like(original, updated))
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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, "文件不存在", hint="先用 bulletin new 新建一期") from None
    except OSError as err:
        raise FileProblem(path, f"无法读取：{os_reason(err)}") from None


def create_issue(path: Path | str, issue: Issue) -> Path:
    """Write a new issue file; never overwrites (``FileProblem`` when it exists)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, issue_toml(issue).encode("utf-8"), exclusive=True)
    return path


def save_issue(path: Path | str, issue: Issue, *, overwrite: bool = False) -> Path:
    """Write ``issue`` as a whole file (import, API); atomic, and exclusive unless ``overwrite``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, issue_toml(issue).encode("utf-8"), exclusive=not overwrite)
    return path


@dataclass(frozen=True, slots=True)
class IssueNumber:
    number: int
    total: int | None


def issue_files(folder: Path) -> list[Path]:
    """The issue files of a folder (``*.toml`` except the profile), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob("*.toml") if p.name != "bulletin.toml" and not p.name.startswith(".")
    )


def masthead_of(path: Path) -> tuple[int | None, int | None, dt.date | None]:
    """(期号, 总第N期, date) of an issue file, Nones where unreadable (for numbering and check)."""
    try:
        doc = tomllib.loads(read_text(path))
    except (FileProblem, tomllib.TOMLDecodeError):
        return None, None, None
    head = doc.get("issue")
    if not isinstance(head, dict):
        return None, None, None
    number, total, date = head.get("number"), head.get("total"), head.get("date")
    return (
        number if isinstance(number, int) else None,
        total if isinstance(total, int) else None,
        date if isinstance(date, dt.date) else None,
    )


def next_issue_number(folder: Path, year: int) -> IssueNumber:
    """The next 期号 of ``year`` (restarting each year) and the next 总第N期 across years."""
    numbers: list[int] = []
    totals: list[int] = []
    for path in issue_files(folder):
        number, total, date = masthead_of(path)
        if number is not None and date is not None and date.year == year:
            numbers.append(number)
        if total is not None:
            totals.append(total)
    return IssueNumber(max(numbers, default=0) + 1, max(totals) + 1 if totals else None)


def issue_file_name(year: int, number: int) -> str:
    return f"{year}-{number:02d}.toml"

"""Issue files on disk: read, parse, append articles, create; atomic and locked.

``add`` never re-serialises a file: the new article's TOML is inserted after the last article
and the rest of the text stays byte for byte. Every write goes to a temporary file in the same
folder and is renamed over the target; writers of one file take a lock first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem
from ..model import Article, Issue
from .lock import LockTimeout, acquire, release
from .positions import TomlPositions, first_line_deeper_than, scan
from .schema import SchemaProblem, issue_from_document
from .tomlerrors import explain
from .tomlwrite import article_toml, issue_toml

BOM = "\ufeff"
LOCK_TIMEOUT_SECONDS = 60.0
_TOML_ERROR_RE = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END_RE = re.compile(r"^(?P<what>.*) \(at end of document\)$")


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
        raise FileProblem(path, f"无法读取：{err.strerror}") from None
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
    except RecursionError:
        raise FileProblem(
            path,
            "方括号或花括号套了太多层，无法读取",
            line=_deep_nesting_line(text),
            hint="检查这一行是否多写了括号；简报文件里的列表只需要一层方括号",
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise _syntax_problem(text, path, str(err)) from None
    except ValueError:  # an integer beyond Python's digit limit for int(str)
        raise FileProblem(
            path,
            "数字太长（超过 4300 位），无法读取",
            line=_long_number_line(text),
            hint="期号、份数等数字只需几位；如果这是一段文字，要用英文双引号括起来",
        ) from None


_LONG_NUMBER_RE = re.compile(r"[0-9][0-9_]{4299,}")
_TOO_DEEP = 100


def _long_number_line(text: str) -> int | None:
    found = _LONG_NUMBER_RE.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _deep_nesting_line(text: str) -> int | None:
    """The first line where brackets are nested more than ``_TOO_DEEP`` deep."""
    return first_line_deeper_than(text, _TOO_DEEP)


def _syntax_problem(text: str, path: Path, error: str) -> FileProblem:
    """A tomllib error as a clerk's message at the place of the mistake where we can tell it,
    else translated at tomllib's place."""
    match = _TOML_ERROR_RE.match(error)
    at_end = _TOML_AT_END_RE.match(error)
    what = match.group("what") if match else at_end.group("what") if at_end else error
    line = int(match.group("line")) if match else None
    column = int(match.group("column")) if match else None
    explained = explain(text, what, line, column)
    if explained is not None:
        return FileProblem(
            path,
            f"TOML 格式错误：{explained.message}",
            line=explained.line,
            column=explained.column,
            hint=explained.hint,
        )
    return FileProblem(
        path,
        f"TOML 格式错误：{_translate_toml_error(what)}",
        line=line if line is not None else text.count("\n") + 1,
        column=column,
        hint="检查这一行的引号、括号和等号是否成对、齐全",
    )


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


def write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: the target of a symbolic link (so the link
    stays a link and the real file changes), else ``path`` itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


@contextlib.contextmanager
def issue_lock(path: Path) -> Iterator[None]:
    """Hold the lock of one issue file: a hidden ``.NAME.lock`` beside the real file, so writers
    through a symbolic link and through the real path exclude each other."""
    target = write_target(path)
    lock_path = target.parent / f".{target.name}.lock"
    try:
        fd = acquire(lock_path, timeout=LOCK_TIMEOUT_SECONDS)
    except LockTimeout:
        raise FileProblem(
            path, "文件被其他程序占用，等待 60 秒后仍未释放", hint="稍后再试，或关闭正在写它的程序"
        ) from None
    except OSError as err:
        raise _lock_problem(lock_path, err) from None
    try:
        yield
    finally:
        release(fd)


def _lock_problem(lock_path: Path, err: OSError) -> FileProblem:
    folder = lock_path.parent
    if lock_path.is_symlink() or err.errno == errno.ELOOP:
        return FileProblem(
            folder,
            f"锁文件 {lock_path.name} 是一个链接，为安全起见不使用它，文件未改动",
            hint=f"删除文件夹中的 {lock_path.name} 后再试",
        )
    return FileProblem(
        folder,
        f"无法在这个文件夹中建立锁文件 {lock_path.name}（{os_reason(err)}），文件未改动",
        hint="检查文件夹是否只读、是否有写入权限、磁盘是否已满",
    )


_REASONS = {
    "EROFS": "磁盘或文件夹是只读的",
    "EACCES": "没有写入权限",
    "EPERM": "没有写入权限",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "超出了磁盘配额",
    "ENAMETOOLONG": "文件名太长",
}


def os_reason(err: OSError) -> str:
    """Why an operating-system call failed, in a clerk's words where we know them."""
    name = errno.errorcode.get(err.errno or 0, "")
    return _REASONS.get(name) or err.strerror or str(err)


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place and flush
    the folder, so a write that returned survives a power cut.

    A symbolic link is written through (its target changes, the link stays). With ``exclusive``
    an existing ``path`` is never replaced (``FileProblem``). Temporary files of ``path`` left
    by a killed writer are removed."""
    path = write_target(path)
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=".tmp")
    except OSError as err:
        raise FileProblem(folder, f"无法写入文件夹：{os_reason(err)}") from None
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
        _sync_folder(folder)
    except FileExistsError:
        raise FileProblem(path, "文件已存在，不会覆盖", hint="换一个期号，或先移走旧文件") from None
    except OSError as err:
        raise FileProblem(path, f"无法写入：{os_reason(err)}") from None
    finally:
        temp.unlink(missing_ok=True)
    remove_stale_temps(path)


STALE_TEMP_SECONDS = 600.0
"""A temporary file whose writer cannot be identified counts as left over after this long."""


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the hidden ``.NAME.PID.XXXX.tmp`` files of ``path`` whose writing process is gone
    (killed mid-write); returns what was removed. Another live writer's file is left alone."""
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        if _temp_is_stale(name[len(prefix) : -len(".tmp")], entry):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _temp_is_stale(middle: str, entry: os.DirEntry[str]) -> bool:
    pid_text, _, _ = middle.partition(".")
    if pid_text.isdigit() and sys.platform != "win32":
        return int(pid_text) != os.getpid() and not _process_alive(int(pid_text))
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
    except OSError:
        return False


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but another user's
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a rename to disk (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself has happened
    finally:
        os.close(fd)


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
        raise FileProblem(path, f"无法读取：{err.strerror}") from None


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
        doc = parse_toml(read_text(path), path)
    except FileProblem:
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

"""Issue files on disk: read, parse, create; atomic and locked.

``add`` never re-serialises a file: the new article's TOML is inserted after the last article
and the rest of the text stays byte for byte. Every write goes to a temporary file in the same
folder and is renamed over the target; writers of one file take a lock first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tomllib
from collections.abc import Collection
from pathlib import Path

from ..errors import FileProblem
from ..fileread import read_regular
from ..model import Article, Issue
from ..records import record
from .atomic import BOM
from .atomic import atomic_write as atomic_write  # re-exported: writers import it from here
from .atomic import encode_like as encode_like
from .atomic import issue_lock as issue_lock
from .positions import TomlPositions, first_line_deeper_than, scan
from .schema import SchemaProblem, issue_from_document
from .tomlwrite import article_toml, issue_toml

HISTORY_FOLDER = ".bulletin-history"
INTENT_PREFIX = "intent."
"""Names the history and the transaction use (repeated here so reading loads neither)."""
_TOML_ERROR_RE = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END_RE = re.compile(r"^(?P<what>.*) \(at end of document\)$")


@record(slots=True)
class LoadedIssue:
    """An issue file as read: its text, the model, where each key stands, and schema problems."""

    path: Path
    text: str
    issue: Issue
    positions: TomlPositions
    problems: list[SchemaProblem]


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path`` without a BOM; unreadable files (and anything that is not a
    regular file) are a ``FileProblem``."""
    return decode_text(read_regular(path), path)  # a FIFO or a device is refused, not read


def decode_text(data: bytes, path: Path) -> str:
    """The bytes of an issue file as text without a BOM (``FileProblem`` when not UTF-8)."""
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
    # Loaded only when a file fails to parse: the explanations are not part of any start-up.
    from .tomlerrors import explain

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


_TOML_REASONS = (
    ("Unclosed array", "数组（方括号）没有闭合"),
    ("Unclosed inline table", "花括号没有闭合"),
    ("Invalid value", "值无效（文本要加引号）"),
    ("Invalid statement", "无法识别的语句"),
    ("Invalid initial character for a key part", "键名的开头有不允许的字符"),
    ("Invalid date or datetime", "日期或时间写得不对（如 2012-01-20）"),
    ("Invalid hex value", "\\u 转义后的十六进制数写得不对"),
    ("Expected '=' after a key in a key/value pair", "键后面缺少等号"),
    ("Expected ']' at the end of a table declaration", "表名后面缺少 ]"),
    ("Expected ']]' at the end of an array declaration", "表名后面缺少 ]]"),
    ("Expected newline or end of document after a statement", "一行里写了两项，或值后面多了文字"),
    ("Unterminated string", "字符串缺少结束引号"),
    ("Unescaped '\\' in a string", "字符串中的反斜杠 \\ 要写成 \\\\"),
    ("Escaped character is not a Unicode scalar value", "\\u 转义写的不是有效的字符"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Cannot mutate immutable namespace", "这个表已经写过，不能再往里加键"),
    ("Cannot redefine namespace", "同一个表写了两次"),
    ("Duplicate inline table key", "花括号里同一个键写了两次"),
    ("Illegal character", "含有不允许的字符"),
    ("Found invalid character", "含有不允许的字符"),
)
"""tomllib's reasons (English) in a clerk's words, matched by their start."""


def _translate_toml_error(what: str) -> str:
    """tomllib's reason in Chinese; never the English sentence (an unknown one becomes a
    general reason: the line and column still say where)."""
    for english, chinese in _TOML_REASONS:
        if what.startswith(english):
            return chinese
    return "写法不对，无法解析"


def load_issue(path: Path | str) -> LoadedIssue:
    """Read and parse an issue file (``FileProblem`` when it cannot be read or parsed)."""
    path = Path(path)
    finish_interrupted(path)
    text = read_text(path)
    doc = parse_toml(text, path)
    issue, problems = issue_from_document(doc)
    return LoadedIssue(path, text, issue, scan(text), problems)


def finish_interrupted(path: Path) -> None:
    """Complete a change of several files that a killed command left half done (see
    ``transaction``), so that reading commands never show an article in two issues. Costs one
    listing of the history folder; when the change cannot be completed now (a read-only
    folder), the file is read as it is and the next writer completes it."""
    try:
        names = os.listdir(path.parent / HISTORY_FOLDER)
    except OSError:
        return
    if not any(name.startswith(INTENT_PREFIX) for name in names):
        return
    from .transaction import recover

    with contextlib.suppress(FileProblem):
        recover([path])


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


@record(frozen=True, slots=True)
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
    head = _masthead_table(path)
    if head is None:
        return None, None, None
    number, total, date = head.get("number"), head.get("total"), head.get("date")
    return (
        number if isinstance(number, int) else None,
        total if isinstance(total, int) else None,
        date if isinstance(date, dt.date) else None,
    )


def kind_of(path: Path) -> str | None:
    """The issue kind (增刊, ...) of an issue file; ``None`` for a regular or unreadable one."""
    head = _masthead_table(path)
    kind = head.get("kind") if head is not None else None
    return kind if isinstance(kind, str) and kind else None


def _masthead_table(path: Path) -> dict[str, object] | None:
    try:
        doc = parse_toml(read_text(path), path)
    except FileProblem:
        return None
    head = doc.get("issue")
    return head if isinstance(head, dict) else None


def next_issue_number(
    folder: Path, year: int, *, kind: str | None = None, total_kinds: Collection[str] = ()
) -> IssueNumber:
    """The next 期号 of ``year`` in the series of ``kind`` (restarting each year; ``None`` the
    regular issues) and the next 总第N期 across years in that kind's 总第 series (the regular
    one for regular issues and the ``total_kinds``)."""
    from ..kinds import total_series

    series = total_series(kind, total_kinds)
    numbers: list[int] = []
    totals: list[int] = []
    for path in issue_files(folder):
        head = _masthead_table(path)
        if head is None:
            continue
        number, total, date, other = (head.get(key) for key in ("number", "total", "date", "kind"))
        other_kind = other if isinstance(other, str) and other else None
        if total_series(other_kind, total_kinds) == series and isinstance(total, int):
            totals.append(total)
        if other_kind != (kind or None) or not isinstance(number, int):
            continue
        if isinstance(date, dt.date) and date.year == year:
            numbers.append(number)
    return IssueNumber(max(numbers, default=0) + 1, max(totals) + 1 if totals else None)


def issue_file_name(year: int, number: int, kind: str | None = None) -> str:
    """``2012-03.toml``; an issue of a kind: ``2012-增刊01.toml``."""
    return f"{year}-{kind or ''}{number:02d}.toml"

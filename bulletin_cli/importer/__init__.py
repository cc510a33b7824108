"""Reading what others wrote: past bulletins (``import``) and units' articles (``add --from``).

``import_file`` reads a ``.txt`` or ``.docx`` bulletin; ``import_text`` and ``import_docx_bytes``
take the content directly. Each returns the issue and a report of what was found and where the
importer had to guess. Unreadable input is a ``FileProblem`` (exit 3) with a message for the
clerk.

The pieces: ``text`` (decoding, and what one line can be), ``docx`` (Word files through
python-docx, after the package is vetted), ``assemble`` with its recognisers ``masthead``,
``contents``, ``body`` (with ``styled`` for our own export), ``signature`` and ``tail`` over the
shared ``state``; ``article`` reads one unit's article from a file, and ``collect`` turns files
into articles of an issue.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import FileProblem
from ..fileread import TooLarge, read_regular
from ..model import Issue
from ..profile import DEFAULT_PROFILE, Profile, find_profile, load_profile
from ._limits import (
    MAX_ARTICLES,
    MAX_DOCX_BYTES,
    MAX_EMPTY_ARTICLES,
    MAX_LINES,
    MAX_TEXT_BYTES,
    refuse_beyond,
)
from .assemble import assemble
from .report import Guess, ImportReport, ImportResult
from .text import SourceLine, decode_text, refuse_known_binary, text_lines

__all__ = [
    "Guess",
    "ImportReport",
    "ImportResult",
    "import_docx_bytes",
    "import_file",
    "import_text",
]

_ZIP_MAGIC = b"PK\x03\x04"
_WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")


def import_text(
    text: str,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
    encoding: str | None = None,
    source: str = "<文本>",
) -> ImportResult:
    """Read a bulletin from plain text (already decoded)."""
    lines = text_lines(text)
    refuse_beyond(source, len(lines), MAX_LINES, "原文的行数")
    if not any(line.content for line in lines):
        raise FileProblem(source, "文件是空的，没有可导入的文字")
    report = ImportReport(kind="text", encoding=encoding)
    return _finish(lines, report, profile, number=number, total=total, date=date, source=source)


def import_docx_bytes(
    data: bytes,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
    source: str = "<DOCX>",
) -> ImportResult:
    """Read a bulletin from the bytes of a DOCX (our own export, or made by hand)."""
    from .docx import docx_lines  # lxml is loaded only for a DOCX

    lines = docx_lines(data, source)
    report = ImportReport(kind="docx")
    return _finish(lines, report, profile, number=number, total=total, date=date, source=source)


def import_file(
    source: Path | str,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """Read a ``.txt`` or ``.docx`` bulletin; the profile defaults to the one nearest the file."""
    path = Path(source)
    word = path.suffix.lower() in _WORD_SUFFIXES
    data = _read_bounded(path, MAX_DOCX_BYTES if word else MAX_TEXT_BYTES)
    if profile is None:
        found = find_profile(path)
        profile = load_profile(found) if found else DEFAULT_PROFILE
    options = {"number": number, "total": total, "date": date, "profile": profile}
    if data.startswith(_ZIP_MAGIC) or word:
        refuse_known_binary(data, str(path))
        return import_docx_bytes(data, source=str(path), **options)  # type: ignore[arg-type]
    text, encoding = decode_text(data, str(path))
    return import_text(text, encoding=encoding, source=str(path), **options)  # type: ignore[arg-type]


def _read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` (a regular file), refusing a file over ``limit`` before reading
    more than the limit."""
    try:
        data = read_regular(path, limit)
    except TooLarge:
        size = path.stat().st_size
        raise FileProblem(
            path,
            f"文件太大（{size / 1024 / 1024:.1f} MB），不像一期简报",
            hint=f"可导入的文件最大 {limit // 1024 // 1024} MB",
        ) from None
    if not data.strip():
        raise FileProblem(path, "文件是空的，没有可导入的文字")
    return data


def _finish(
    lines: list[SourceLine],
    report: ImportReport,
    profile: Profile | None,
    *,
    number: int | None,
    total: int | None,
    date: dt.date | None,
    source: str,
) -> ImportResult:
    issue = assemble(lines, profile=profile or DEFAULT_PROFILE, report=report)
    refuse_beyond(source, len(issue.articles), MAX_ARTICLES, "导入后的稿件数")
    empty = sum(1 for a in issue.articles if not (a.title or a.body or a.sources))
    refuse_beyond(source, empty, MAX_EMPTY_ARTICLES, "导入后的空稿件（栏目标题下没有内容）数")
    if not issue.articles:
        raise FileProblem(
            source,
            "没有找到任何稿件",
            hint="导入的应是一期简报：栏目（如【工作动态】）、标题、正文和供稿单位",
        )
    _apply_options(issue, report, number=number, total=total, date=date)
    return ImportResult(issue, report)


def _apply_options(
    issue: Issue,
    report: ImportReport,
    *,
    number: int | None,
    total: int | None,
    date: dt.date | None,
) -> None:
    """``--number``, ``--total`` and ``--date`` fill (or correct) the masthead of the source."""
    for key, value, label in (
        ("number", number, "期号"),
        ("total", total, "总期号"),
        ("date", date, "日期"),
    ):
        if value is None:
            continue
        old = getattr(issue, key)
        if old not in (None, 0) and old != value:
            report.notes.append(f"原文的{label}是 {old}，按命令行改为 {value}")
        setattr(issue, key, value)
    if issue.number == 0:
        report.notes.append("原文没有期号：请用 --number 指定，或导入后在文件中填写 number")
    if issue.date is None:
        report.notes.append("原文没有印发日期：请用 --date 指定，或导入后在文件中填写 date")

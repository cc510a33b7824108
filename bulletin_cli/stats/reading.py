"""Read many issue files once each, keeping only what counting needs.

An archive of ten years is a thousand files: each is read and parsed once (tomli's compiled
parser, the same grammar as the standard library's ``tomllib`` at about three times its speed;
see docs/performance.md) and reduced to its masthead and each article's section and sources.
A file that cannot be read or parsed is set aside with the message ``check`` would give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tomli

from ..errors import BulletinError, FileProblem
from ..issuefile.schema import issue_from_document
from ..issuefile.store import issue_files, parse_toml, read_text
from ..model import Adoption, Instruction


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What counting needs of an article: its section and its sources as written; for
    scoring and the 通报's appendix, its title and its records of adoption above and 批示."""

    section: str
    sources: tuple[str, ...]
    title: str = ""
    adopted: tuple[Adoption, ...] = ()
    instructions: tuple[Instruction, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueRecord:
    """What counting needs of an issue file."""

    path: Path
    number: int
    date: dt.date | None
    total: int | None
    articles: tuple[ArticleRecord, ...]
    kind: str | None = None
    """The issue kind (增刊, ...), ``None`` for a regular issue."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file (or folder) that could not be counted, with the reason for the clerk."""

    path: Path
    message: str


def expand(paths: Iterable[Path | str]) -> tuple[list[Path], list[Unreadable]]:
    """The issue files named by ``paths`` (a folder stands for its ``*.toml`` files), each once
    and in the order given; an empty folder is reported."""
    files: list[Path] = []
    seen: set[Path] = set()
    empty: list[Unreadable] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = issue_files(path)
            if not inside:
                empty.append(Unreadable(path, f"{path}: 文件夹里没有期刊文件（.toml）"))
        else:
            inside = [path]
        for file in inside:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, empty


def read_record(path: Path) -> IssueRecord:
    """One issue file reduced to an ``IssueRecord`` (``FileProblem`` when it cannot be read,
    parsed, or is not an issue file)."""
    text = read_text(path)
    try:
        doc = tomli.loads(text)
    except (ValueError, RecursionError):  # syntax, a huge integer, or deep nesting
        # the clerk's message (what is wrong, line and column); or, when only tomli's bound on
        # nesting refused the text, the standard library's reading of it
        doc = parse_toml(text, path)
    if not isinstance(doc.get("issue"), dict):
        raise FileProblem(
            path, "不是期刊文件：没有 [issue] 部分", hint="期刊文件以 [issue] 开头，写明期号和日期"
        )
    issue, _problems = issue_from_document(doc)
    articles = tuple(
        ArticleRecord(
            article.section,
            tuple(article.sources),
            article.title,
            tuple(article.adopted),
            tuple(article.instructions),
        )
        for article in issue.articles
    )
    kind = issue.kind or None
    return IssueRecord(path, issue.number, issue.date, issue.total, articles, kind)


def read_records(paths: Iterable[Path | str]) -> tuple[list[IssueRecord], list[Unreadable]]:
    """Every readable issue file of ``paths``, and the ones that could not be read."""
    files, failed = expand(paths)
    records: list[IssueRecord] = []
    for path in files:
        try:
            records.append(read_record(path))
        except BulletinError as err:
            failed.append(Unreadable(path, str(err)))
    return records, failed

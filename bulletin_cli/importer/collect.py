"""Units' files into an issue: one article from a file (``add --from``), or a folder (``collect``).

``article_from_file`` reads one file and builds the article (options override what was read;
the section comes from the option or the unit's usual section in ``bulletin.toml``) with the
findings of ``check``'s article rules, writing nothing. ``collect`` does that for every file of
an inbox, adds those that pass in one write (one undo step), and moves them to ``已收/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..check.findings import Finding
from ..check.running import check_article
from ..editing import add_articles, prepare_article
from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError, FileProblem
from ..issuefile.store import load_issue
from ..model import Article
from ..pictures import forget_pictures, keep_pictures
from ..profile import Profile
from ..textclean import split_units
from .article import ARTICLE_SUFFIXES, ArticleReading, read_article_file

RECEIVED = "已收"
"""The folder of an inbox that imported files move to."""
LISTED_SUFFIXES = (*ARTICLE_SUFFIXES, ".doc", ".wps")
"""Files ``collect`` looks at: what it reads, and old Word files it explains it cannot."""


@dataclass(slots=True)
class FromFile:
    """An article read from a unit's file, not yet written."""

    reading: ArticleReading
    article: Article
    section_from: str
    """Where the section came from: ``--section``, ``bulletin.toml``, or ``""`` (none yet)."""
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def pictures(self) -> dict[str, bytes]:
        """The bytes of the article's pictures by their provisional ``file``."""
        return self.reading.picture_data()


def usual_section(profile: Profile, units: list[str]) -> str | None:
    """The section the first unit with one in ``[unit_sections]`` usually writes for."""
    return next((profile.unit_sections[u] for u in units if u in profile.unit_sections), None)


def article_from_file(
    source: Path,
    *,
    profile: Profile,
    section: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    sources: list[str] | None = None,
) -> FromFile:
    """Read ``source`` into an article; each option given replaces what was read. A draft that
    ``add`` saved (the article form, ``栏目：…``) is read field by field."""
    draft = read_draft(Path(source))
    reading = draft or read_article_file(source, profile=profile)
    units = [unit for raw in sources for unit in split_units(raw)] if sources else reading.sources
    section_from = "--section" if section else ""
    if draft is not None and not section and draft.section:
        section, section_from = draft.section, "草稿"
    if not section:
        section = usual_section(profile, units)
        section_from = "bulletin.toml" if section else ""
    return build(
        reading,
        profile=profile,
        section=section or "",
        section_from=section_from,
        title=reading.title if title is None else title,
        subtitle=reading.subtitle if subtitle is None else (subtitle or None),
        sources=units,
    )


@dataclass(slots=True)
class DraftReading(ArticleReading):
    """A draft of ``add`` (the article form) read as a unit's file, with its section."""

    section: str = ""


def read_draft(source: Path) -> DraftReading | None:
    """The draft in ``source`` when it is one (see ``articleform``), else ``None``."""
    from ..articleform import read_form_file
    from ..model import split_paragraphs

    form = read_form_file(source)
    if form is None:
        return None
    return DraftReading(
        source,
        "text",
        title=form.title,
        subtitle=form.subtitle or None,
        paragraphs=split_paragraphs(form.body),
        sources=list(form.sources),
        sources_from="草稿",
        section=form.section,
    )


def build(
    reading: ArticleReading,
    *,
    profile: Profile,
    section: str,
    section_from: str,
    title: str,
    subtitle: str | None,
    sources: list[str],
) -> FromFile:
    """The article of ``reading`` with these fields, cleaned and checked (when it has a section)."""
    prepared = prepare_article(
        section=section, title=title, body=reading.body, sources=sources, subtitle=subtitle
    )
    pictures, tables = reading.placed_figures()
    article = replace(prepared.article, pictures=pictures, tables=tables)
    findings = check_article(article, profile) if section else []
    return FromFile(reading, article, section_from, prepared.notes, findings)


# ------------------------------------------------------------------------------- collect

CollectStatus = Literal["added", "would_add", "unreadable", "refused", "duplicate"]


@dataclass(slots=True)
class CollectRow:
    """One file of the inbox and what became of it."""

    file: Path
    status: CollectStatus
    title: str = ""
    units: list[str] = field(default_factory=list)
    section: str = ""
    characters: int = 0
    findings: list[str] = field(default_factory=list)
    """What the reading noticed, the rules' findings, or why the file was not added."""
    number: int | None = None
    """The article's number in the issue, once added."""
    moved_to: Path | None = None
    pictures: dict[str, bytes] = field(default_factory=dict, repr=False)
    """The bytes of the article's pictures, stored beside the issue when it is added."""

    @property
    def added(self) -> bool:
        return self.status == "added"

    def to_json(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "status": self.status,
            "added": self.added,
            "title": self.title,
            "units": list(self.units),
            "section": self.section,
            "characters": self.characters,
            "findings": list(self.findings),
            "number": self.number,
            "moved_to": str(self.moved_to) if self.moved_to else None,
        }


@dataclass(slots=True)
class CollectResult:
    """What ``collect`` did with each file of the inbox, in the order it took them."""

    inbox: Path
    issue: Path
    dry_run: bool
    rows: list[CollectRow] = field(default_factory=list)

    @property
    def added(self) -> list[CollectRow]:
        return [row for row in self.rows if row.status in ("added", "would_add")]

    @property
    def not_added(self) -> list[CollectRow]:
        return [row for row in self.rows if row.status not in ("added", "would_add")]

    @property
    def exit_code(self) -> int:
        """3 when a file could not be read, 1 when one broke the rules, else 0."""
        statuses = {row.status for row in self.rows}
        if "unreadable" in statuses:
            return EXIT_FILE
        if "refused" in statuses:
            return EXIT_FINDINGS
        return EXIT_OK

    def to_json(self) -> dict[str, object]:
        return {
            "inbox": str(self.inbox),
            "issue": str(self.issue),
            "dry_run": self.dry_run,
            "added": len(self.added),
            "not_added": len(self.not_added),
            "files": [row.to_json() for row in self.rows],
        }


def inbox_files(inbox: Path) -> list[Path]:
    """The files of ``inbox`` to take, oldest first (modification time, then name)."""
    if not inbox.is_dir():
        raise FileProblem(inbox, "收稿文件夹不存在", hint="写要收取的文件夹，如 收稿/")
    try:
        entries = list(os.scandir(inbox))
    except OSError as err:
        raise FileProblem(inbox, f"无法读取文件夹：{err.strerror}") from None
    files = [
        entry
        for entry in entries
        if entry.is_file()
        and entry.name.lower().endswith(LISTED_SUFFIXES)
        and not entry.name.startswith(("~$", "."))  # Word's lock files, hidden files
    ]
    files.sort(key=lambda entry: (entry.stat().st_mtime, entry.name))
    return [Path(entry.path) for entry in files]


def collect(
    inbox: Path, issue: Path, *, profile: Profile, section: str | None = None, dry_run: bool = False
) -> CollectResult:
    """Add every readable, passing file of ``inbox`` to ``issue`` in one write; move them."""
    existing = load_issue(issue).issue.articles
    seen = {_identity(article) for article in existing}
    result = CollectResult(inbox, issue, dry_run)
    chosen: list[tuple[CollectRow, Article]] = []
    for path in inbox_files(inbox):
        row, article = _judge(path, profile=profile, section=section, seen=seen)
        result.rows.append(row)
        if article is not None:
            seen.add(_identity(article))
            chosen.append((row, article))
    if dry_run or not chosen:
        for row, _ in chosen:
            row.status = "would_add"
        return result
    articles = [article for _, article in chosen]
    data = {key: value for row, _ in chosen for key, value in row.pictures.items()}
    written = keep_pictures(issue, articles, data)
    try:
        numbers = add_articles(issue, articles, action="collect")
    except BaseException:
        forget_pictures(written)
        raise
    for (row, _), number in zip(chosen, numbers, strict=True):
        row.status = "added"
        row.number = number
        row.moved_to = _move_received(row.file, inbox / RECEIVED, row)
    return result


def _judge(
    path: Path, *, profile: Profile, section: str | None, seen: set[tuple[str, str]]
) -> tuple[CollectRow, Article | None]:
    try:
        made = article_from_file(path, profile=profile, section=section)
    except BulletinError as err:
        message = err.message.removeprefix(f"{path}: ")  # the file is the row's first cell
        return CollectRow(path, "unreadable", findings=[message]), None
    reading, article = made.reading, made.article
    row = CollectRow(
        path,
        "would_add",
        title=article.title,
        units=list(article.sources),
        section=article.section,
        characters=reading.characters,
        findings=[*reading.findings, *made.notes],
        pictures=reading.picture_data(),
    )
    row.findings.extend(f"{f.code} {f.message}" for f in made.findings)
    if not article.section:
        row.status = "refused"
        row.findings.append(
            "栏目未定：请用 --section 指定，或在 bulletin.toml 的 [unit_sections] 中写明"
        )
        return row, None
    if _identity(article) in seen:
        row.status = "duplicate"
        row.findings.append("这一期已有同一标题和正文的稿件，未重复添加")
        return row, None
    if made.errors:
        row.status = "refused"
        return row, None
    return row, article


def _identity(article: Article) -> tuple[str, str]:
    """Two articles are the same when title and body are (whitespace aside)."""
    return "".join(article.title.split()), "".join(article.body.split())


def _move_received(path: Path, folder: Path, row: CollectRow) -> Path | None:
    """Move an imported file into ``已收/`` (a free name if one is taken); None if it cannot."""
    try:
        folder.mkdir(exist_ok=True)
        target = folder / path.name
        n = 2
        while target.exists():
            target = folder / f"{path.stem} ({n}){path.suffix}"
            n += 1
        path.rename(target)
    except OSError as err:
        row.findings.append(f"已添加，但无法移到 {folder.name}/：{err.strerror}，请手工移走")
        return None
    return target

"""Units' files into an issue: one article from a file (``add --from``), or a folder (``collect``).

``article_from_file`` reads one file and builds the article (options override what was read;
the section comes from the option or the unit's usual section in ``bulletin.toml``) with the
findings of ``check``'s article rules, writing nothing. ``collect`` does that for every file of
an inbox, adds those that pass in one write (one undo step), and moves them to ``已收/``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..check.findings import Finding
from ..check.running import check_article
from ..editing import prepare_article, refuse_unwritable
from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError, FileProblem, os_reason
from ..issuefile.edits import add_new_articles
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
    units = (
        [unit for raw in sources for unit in split_units(raw, at_spaces=False)]
        if sources
        else reading.sources
    )
    section_from = "--section" if section else ""
    if draft is not None and not section and draft.section:
        section, section_from = draft.section, "草稿"
    if not section and title is None and (brief := brief_section(reading, profile)):
        section, section_from = brief, "简讯"
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


NO_TITLE = "没有找到标题"
"""How the reading's finding of a file without a title begins."""


def brief_section(reading: ArticleReading, profile: Profile) -> str | None:
    """The profile's (first) 简讯 section for a file of one paragraph and no title: a brief,
    whatever the unit's usual section; the finding about the missing title goes, as a brief
    has none."""
    if reading.title or len(reading.paragraphs) != 1 or not profile.briefs:
        return None
    reading.findings = [text for text in reading.findings if not text.startswith(NO_TITLE)]
    return profile.briefs[0]


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
    article = replace(prepared.article, pictures=pictures, tables=tables, staff=reading.staff)
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
    """The files of ``inbox`` to take, oldest first (modification time, then name): regular
    files only, never a symbolic link (to a file outside, or to a device or FIFO)."""
    return [path for path, problem in inbox_entries(inbox) if problem is None]


def inbox_entries(inbox: Path) -> list[tuple[Path, str | None]]:
    """The entries of ``inbox`` that look like units' files, oldest first, each with why it
    is not taken (a link, not a regular file) or ``None``."""
    if not inbox.is_dir():
        raise FileProblem(inbox, "收稿文件夹不存在", hint="写要收取的文件夹，如 收稿/")
    try:
        entries = list(os.scandir(inbox))
    except OSError as err:
        raise FileProblem(inbox, f"无法读取文件夹：{os_reason(err)}") from None
    listed: list[tuple[float, str, Path, str | None]] = []
    for entry in entries:
        name = entry.name
        if not name.lower().endswith(LISTED_SUFFIXES) or name.startswith(("~$", ".")):
            continue  # Word's lock files, hidden files
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        problem = None
        if stat.S_ISLNK(info.st_mode):
            problem = "是一个链接（快捷方式），为安全起见不收取；请把文件本身放进收稿文件夹"
        elif not stat.S_ISREG(info.st_mode):
            problem = "不是普通文件（可能是设备或管道），不收取"
        listed.append((info.st_mtime, name, Path(entry.path), problem))
    listed.sort(key=lambda item: (item[0], item[1]))
    return [(path, problem) for _, _, path, problem in listed]


def received_folder(inbox: Path) -> Path:
    """``已收/`` of the inbox; refused when it is a link or not a folder (the units' files
    would be moved elsewhere)."""
    folder = inbox / RECEIVED
    if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
        raise FileProblem(
            folder,
            "这是一个链接或文件，不是收稿文件夹里的文件夹，为安全起见不往里移动文件，未收取",
            hint=f"删除或改名 {folder} 后再试，collect 会新建这个文件夹",
        )
    return folder


def collect(
    inbox: Path, issue: Path, *, profile: Profile, section: str | None = None, dry_run: bool = False
) -> CollectResult:
    """Add every readable, passing file of ``inbox`` to ``issue`` in one transaction that
    also moves them into ``已收/`` (one undo step, which moves them back). Duplicates of the
    issue's articles are judged again under the issue's lock, so overlapping runs of one inbox
    add each article once."""
    existing = load_issue(issue).issue.articles
    received = received_folder(inbox)
    seen = {_identity(article) for article in existing}
    result = CollectResult(inbox, issue, dry_run)
    chosen: list[tuple[CollectRow, Article]] = []
    for path, problem in inbox_entries(inbox):
        if problem is not None:
            result.rows.append(CollectRow(path, "unreadable", findings=[problem]))
            continue
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
    refuse_unwritable(articles)
    _make_folder(received)
    targets = _free_names([row.file for row, _ in chosen], received)
    data = {key: value for row, _ in chosen for key, value in row.pictures.items()}
    written = keep_pictures(issue, articles, data)
    try:
        numbers = add_new_articles(
            issue,
            articles,
            identity=_identity,
            moves=list(zip([row.file for row, _ in chosen], targets, strict=True)),
            catalogue=profile.sections,
            action="collect",
        )
    except BaseException:
        forget_pictures(written)
        raise
    for (row, _), number, target in zip(chosen, numbers, targets, strict=True):
        if number is None:  # added meanwhile by another run
            row.status = "duplicate"
            row.findings.append("这一期已有同一标题和正文的稿件（刚由另一次收取添加），未重复添加")
            continue
        row.status = "added"
        row.number = number
        if os.path.lexists(target) and not os.path.lexists(row.file):
            row.moved_to = target
        else:
            row.findings.append(f"已添加，但无法移到 {RECEIVED}/，请手工移走")
    return result


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise FileProblem(folder, f"无法建立文件夹：{os_reason(err)}，未收取") from None


def _free_names(files: list[Path], folder: Path) -> list[Path]:
    """A name in ``folder`` for each file that no file there has (nor an earlier one here)."""
    taken: set[str] = set()
    names = []
    for path in files:
        target = folder / path.name
        n = 2
        while target.name in taken or os.path.lexists(target):
            target = folder / f"{path.stem} ({n}){path.suffix}"
            n += 1
        taken.add(target.name)
        names.append(target)
    return names


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
        unit = article.sources[0] if article.sources else "单位"
        row.findings.append(
            f"栏目未定：请用 --section 指定，或运行 bulletin units add {unit} --section 栏目"
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


def move_into(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder`` (created if needed), under a free name: ``稿件 (2).txt``
    when its own is taken. ``OSError`` when it cannot."""
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    n = 2
    while target.exists():
        target = folder / f"{path.stem} ({n}){path.suffix}"
        n += 1
    path.rename(target)
    return target


USED_DRAFTS = "已用"
"""The folder of ``草稿/`` that a draft moves to once ``add --from`` added it."""


def retire_draft(made: FromFile) -> Path | None:
    """After ``add --from`` added a draft of ``add``, move it into ``已用/`` beside it so it is
    not added twice; the new path, or ``None`` when the file was not a draft. ``OSError`` when
    it cannot be moved (the article is added all the same)."""
    if not isinstance(made.reading, DraftReading):
        return None
    source = made.reading.source
    return move_into(source, source.parent / USED_DRAFTS)

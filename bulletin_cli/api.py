"""The Python API for scripts, and the service layer behind every command.

The first part is the public API, re-exported from ``bulletin_cli`` (see ``__all__`` there).
Options after the first obvious argument are keyword-only, so they can grow without breaking
callers. Errors are ``BulletinError`` subclasses carrying the same message and exit code the CLI
would show.

The second part, grouped by concern, is what the commands call: one function per command,
returning a result object (what was done, notes, warnings, findings) for the CLI to print.
Each function imports its concern's module when called, so a command loads only what it uses
(``bulletin add`` never loads the exporter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Changing articles in place and undoing (edit, remove, move, undo) live in their own module,
# re-exported here: see _service/edits.py.
from ._service.edits import article_of as article_of
from ._service.edits import change_picture as change_picture
from ._service.edits import edit_article as edit_article
from ._service.edits import move_article as move_article
from ._service.edits import move_article_to_issue as move_article_to_issue
from ._service.edits import remove_article as remove_article
from ._service.edits import undo as undo

# Keeping the profile's units and sections (units, sections) live in their own module too.
from ._service.settings import FirstSettings as FirstSettings
from ._service.settings import add_section as add_section
from ._service.settings import add_units as add_units
from ._service.settings import list_settings as list_settings
from ._service.settings import parse_unit_section as parse_unit_section
from ._service.settings import profile_path as profile_path
from ._service.settings import remove_section as remove_section
from ._service.settings import remove_units as remove_units
from ._service.settings import rename_section as rename_section
from ._service.settings import rename_unit as rename_unit
from .model import Article, Issue
from .profile import Profile, profile_for

if TYPE_CHECKING:
    from ._service.checking import CheckRun as CheckRun
    from ._service.checking import NameChoice
    from ._service.exporting import ExportOutcome as ExportOutcome
    from ._service.exporting import ExportRun as ExportRun
    from ._service.fonts import FontCheck as FontCheck
    from ._service.importing import Imported as Imported
    from ._service.marks import MarkResult as MarkResult
    from ._service.overview import IssueOverview
    from ._service.previewing import PreviewResult
    from ._service.results import ArticleList as ArticleList
    from ._service.results import ArticlesAdded as ArticlesAdded
    from ._service.results import IssueCreated as IssueCreated
    from ._service.results import ProfileWritten as ProfileWritten
    from ._service.results import Submission as Submission
    from ._service.settings import SettingsChanged as SettingsChanged
    from .articleform import ArticleForm
    from .check.findings import CheckReport
    from .errors import BulletinError
    from .export.render import Office
    from .importer import ImportResult
    from .importer.collect import CollectResult, FromFile
    from .stats import AdoptionReport

PathLike = Path | str


# -- the public API (bulletin_cli.__all__) ------------------------------------------------------


def load_issue(path: PathLike) -> Issue:
    """Read an issue file (``FileProblem`` when it cannot be read or parsed)."""
    from .issuefile.store import load_issue as load

    return load(path).issue


def save_issue(path: PathLike, issue: Issue, *, overwrite: bool = False) -> Path:
    """Write a whole issue file atomically; an existing file is kept unless ``overwrite``."""
    from .issuefile.store import save_issue as save

    return save(path, issue, overwrite=overwrite)


def new_issue(
    folder: PathLike = "issues",
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
) -> Path:
    """Create the next issue file of ``folder`` (as ``bulletin new``); returns its path."""
    return create_issue(folder, number=number, total=total, date=date).path


def add_article(
    path: PathLike,
    *,
    section: str,
    title: str,
    body: str,
    sources: list[str],
    subtitle: str | None = None,
    clean: bool = True,
    check: bool = True,
) -> int:
    """Add one article to an issue file; returns its 1-based number (see ``add_articles``)."""
    article: dict[str, object] = {
        "section": section,
        "title": title,
        "body": body,
        "sources": sources,
    }
    if subtitle is not None:
        article["subtitle"] = subtitle
    return add_articles(path, [article], clean=clean, check=check)[0]


def add_articles(
    path: PathLike,
    articles: Iterable[Article | Mapping[str, object]],
    *,
    clean: bool = True,
    check: bool = True,
    pictures: Mapping[str, bytes] | None = None,
) -> list[int]:
    """Add articles to an issue file in one locked, atomic write; returns their numbers.

    Each goes after the last article of its section, or where its section falls in the
    catalogue, so the file's order is the printed order; ``undo`` takes the addition back.

    Each article is an ``Article`` or a mapping with the keys of an ``[[articles]]`` table.
    ``clean`` tidies pasted text as ``bulletin add`` does; ``check`` refuses articles that
    break the article-level rules (``ContentRefused``), all or nothing. ``pictures`` holds the
    bytes of pictures by the ``file`` an article gives them (a unit's Word file's, see
    ``FromFile.pictures``): they are stored under ``images/`` beside the issue and ``file``
    names the stored copy; a ``file`` that is a picture on disk outside is copied the same way."""
    from ._service.results import Submission

    submissions = [
        Submission(item if isinstance(item, Article) else dict(item), f"第 {number} 篇稿件")
        for number, item in enumerate(articles, start=1)
    ]
    added = add_submissions(path, submissions, clean=clean, check=check, pictures=pictures)
    return added.numbers


def check_issue(
    source: PathLike | Issue, *, profile: Profile | None = None, strict: bool = False
) -> CheckReport:
    """Check an issue file (or an ``Issue`` in memory) against its profile's rules."""
    from .check.engine import check_file
    from .check.engine import check_issue as check_in_memory

    if isinstance(source, Issue):
        return check_in_memory(source, profile or Profile(), strict=strict)
    return check_file(source, profile=profile, strict=strict)


def export_docx(
    source: PathLike | Issue,
    out: PathLike | None = None,
    *,
    profile: Profile | None = None,
    force: bool = False,
) -> Path:
    """Write the DOCX of an issue file (or ``Issue``) atomically; returns the path written.

    Without ``out`` an issue file's DOCX goes to ``build/NAME.docx`` beside it. An issue with
    check errors is refused (``ContentRefused``) unless ``force``; an ``Issue`` in memory is
    checked with ``profile`` (default: the embedded profile)."""
    from ._service.exporting import export_to_file

    where = source if isinstance(source, Issue) else Path(source)
    outcome = export_to_file(
        where, None if out is None else Path(out), profile=profile, force=force
    )
    assert outcome.out is not None
    return outcome.out


def export_docx_bytes(
    source: PathLike | Issue, *, profile: Profile | None = None, force: bool = False
) -> bytes:
    """The DOCX of an issue file (or ``Issue``) as bytes, refused on check errors unless
    ``force`` (an ``Issue`` in memory is checked with ``profile``)."""
    from ._service.exporting import export_bytes

    where = source if isinstance(source, Issue) else Path(source)
    return export_bytes(where, profile=profile, force=force)


def import_bulletin(
    source: PathLike,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """Read a past bulletin (``.txt`` or ``.docx``) as an ``Issue`` with a report of guesses."""
    from ._service.importing import read_bulletin

    return read_bulletin(Path(source), number=number, total=total, date=date, profile=profile)


def profile_warnings(near: PathLike = ".") -> list[str]:
    """The warning to give when no ``bulletin.toml`` governs ``near`` (else none)."""
    from ._service.profiles import missing_profile_warnings

    return missing_profile_warnings(Path(near))


def load_profile(near: PathLike = ".") -> Profile:
    """The house profile governing ``near`` (a folder or an issue file), or the default."""
    return profile_for(Path(near))


# -- starting and filling an issue: init, new, add, list ---------------------------------------


def init_profile(
    folder: PathLike = ".", *, force: bool = False, settings: FirstSettings | None = None
) -> ProfileWritten:
    """Write a commented ``bulletin.toml`` into ``folder`` (never over one unless ``force``),
    with the name, editor, catalogue and units of ``settings`` (``bulletin init --name …``)."""
    from ._service import issues

    return issues.init_profile(Path(folder), force=force, settings=settings)


def require_new_profile(folder: PathLike = ".", *, force: bool = False) -> Path:
    """The ``bulletin.toml`` ``init`` would write in ``folder``; ``FileProblem`` (exit 3) when
    one is there and ``force`` is not given."""
    from ._service import issues

    return issues.require_new_profile(Path(folder), force=force)


def create_issue(
    folder: PathLike = "issues",
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    kind: str | None = None,
    require_profile: bool = False,
) -> IssueCreated:
    """``bulletin new``: the next issue file of ``folder``, with a warning when no profile
    governs it; with ``require_profile`` (the command without ``--no-profile``), refused
    instead (``InputProblem``, exit 2). ``kind`` (增刊, 专刊, ... or a kind of the profile)
    continues that kind's own 期号 series."""
    from ._service import issues

    return issues.new_issue(
        Path(folder),
        number=number,
        total=total,
        date=date,
        kind=kind,
        require_profile=require_profile,
    )


def add_submissions(
    path: PathLike,
    submissions: list[Submission],
    *,
    clean: bool = True,
    check: bool = True,
    force: bool = False,
    pictures: Mapping[str, bytes] | None = None,
) -> ArticlesAdded:
    """``bulletin add``: validate, tidy, judge and append articles, all or nothing (pictures
    as for ``add_articles``)."""
    from ._service import issues

    return issues.add_articles(
        Path(path), submissions, clean=clean, check=check, force=force, pictures=pictures
    )


def read_picture_file(path: PathLike) -> tuple[int, int]:
    """The pixel size of a PNG or JPEG file; ``FileProblem`` naming it when it is missing,
    too large or not such a picture."""
    from .pictures import read_picture

    info = read_picture(Path(path))[1]
    return info.width, info.height


def require_issue_file(path: PathLike) -> None:
    """Refuse (``FileProblem``) an issue file that is missing or unparsable, before a clerk
    types an article for it."""
    from ._service import issues

    issues.require_issue_file(Path(path))


def save_draft(issue: PathLike, form: ArticleForm) -> Path:
    """Keep an article typed for ``issue`` but not added, as a form ``add --from`` reads."""
    from ._service import issues

    return issues.save_draft(Path(issue), form)


def list_articles(path: PathLike) -> ArticleList:
    """``bulletin list``: the articles of an issue file in printed order."""
    from ._service import issues

    return issues.list_articles(Path(path))


# -- checking ------------------------------------------------------------------------------------


def check_files(paths: list[Path], *, strict: bool = False, fix: bool = False) -> CheckRun:
    """``bulletin check``: every issue file (a folder: the issue files in it)."""
    from ._service import checking

    return checking.check_files(paths, strict=strict, fix=fix)


def name_choices(path: PathLike) -> list[NameChoice]:
    """The sections and units of an issue file outside the catalogue with several close
    entries, which ``check --fix`` leaves for the clerk to choose (``edit_article`` applies a
    choice)."""
    from ._service import checking

    return checking.name_choices(Path(path))


# -- exporting -----------------------------------------------------------------------------------


def export_issues(
    paths: list[Path],
    out: Path | None = None,
    *,
    force: bool = False,
    pdf: bool = False,
    progress: Callable[[ExportOutcome, int], None] | None = None,
) -> ExportRun:
    """``bulletin export``: check and export every issue file, each outcome recorded."""
    from ._service import exporting

    run = exporting.export_issues(paths, out, force=force, pdf=pdf, progress=progress)
    if run.wants_pdf:  # the converter is loaded only when PDFs are asked for
        from ._service.pdfs import add_pdfs

        add_pdfs(run)
    return run


def font_check(paths: list[Path]) -> FontCheck:
    """``bulletin fonts``: the layout's faces on this machine and the issues' missing glyphs."""
    from ._service import fonts

    return fonts.font_check(paths)


# -- importing -----------------------------------------------------------------------------------


def import_to_file(
    source: PathLike,
    output: PathLike,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    force: bool = False,
) -> Imported:
    """``bulletin import``: a past bulletin into a new issue file."""
    from ._service import importing

    return importing.import_to_file(
        Path(source), Path(output), number=number, total=total, date=date, force=force
    )


# -- preview ---------------------------------------------------------------------------------


def preview_issue(
    source: PathLike,
    *,
    out: PathLike | None = None,
    force: bool = False,
    dpi: int = 150,
    open_first: bool = False,
    office: Office | None = None,
) -> PreviewResult:
    """``bulletin preview``: an issue file's pages as PNG pictures, one a page, drawn from
    LibreOffice's PDF, into ``out`` (default ``build/NAME-preview`` beside the issue) as
    ``NAME-01.png`` … with ``NAME.pdf``. Refused like ``export_docx`` when the issue has check
    errors (``ContentRefused``) unless ``force``; ``OfficeMissing`` (exit 3) without
    LibreOffice. ``open_first``
    shows page 1 in the system's viewer; ``office`` is a running ``Office`` to convert with."""
    from ._service.previewing import preview_file

    return preview_file(
        Path(source),
        None if out is None else Path(out),
        force=force,
        dpi=dpi,
        open_first=open_first,
        office=office,
    )


def watch_preview(
    source: PathLike,
    *,
    out: PathLike | None = None,
    on_render: Callable[[PreviewResult | BulletinError], None],
    force: bool = False,
    dpi: int = 150,
    open_first: bool = False,
    interval: float = 0.3,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """``bulletin preview --watch``: preview now and again after each save of the issue file,
    with one LibreOffice kept running (a re-render takes a fraction of a cold one).
    ``on_render`` gets each result, or the error of a render that failed (check errors, a file
    half-written): watching goes on until ``should_stop()`` or Ctrl-C (``KeyboardInterrupt``),
    and LibreOffice is ended."""
    from ._service.previewing import watch_preview as watch

    watch(
        Path(source),
        None if out is None else Path(out),
        on_render,
        force=force,
        dpi=dpi,
        open_first=open_first,
        interval=interval,
        should_stop=should_stop,
    )


# -- units' files: add --from and collect ------------------------------------------------------


def article_from_file(
    issue: PathLike,
    source: PathLike,
    *,
    section: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    sources: list[str] | None = None,
) -> FromFile:
    """Read one article from a unit's ``.docx`` or ``.txt`` for ``issue``, writing nothing.

    Options replace what was read; without ``section`` the unit's usual section of the
    profile's ``[unit_sections]`` applies. The result holds the reading (with what was dropped),
    the cleaned article and the findings of the article-level rules. A missing or unparsable
    ``issue`` is refused first (``FileProblem``), before the file is read."""
    from .importer.collect import article_from_file as read

    require_issue_file(issue)
    return read(
        Path(source),
        profile=profile_for(Path(issue)),
        section=section,
        title=title,
        subtitle=subtitle,
        sources=sources,
    )


def add_from_file(
    issue: PathLike,
    source: PathLike,
    *,
    section: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    sources: list[str] | None = None,
    check: bool = True,
) -> int:
    """Add the article of a unit's file to ``issue`` (as ``bulletin add --from`` in a script);
    returns its number. Without a section (option or profile) it is an ``InputProblem``; with
    ``check`` an article that breaks the rules is refused (``ContentRefused``)."""
    made = article_from_file(
        issue, source, section=section, title=title, subtitle=subtitle, sources=sources
    )
    if not made.article.section:
        from .errors import InputProblem

        raise InputProblem(
            f"{source}：没有栏目",
            hint="用 --section 指定；或运行 bulletin units add 单位 --section 栏目，记下单位常用的栏目",
        )
    return add_articles(issue, [made.article], clean=False, check=check, pictures=made.pictures)[0]


def retire_draft(made: FromFile) -> Path | None:
    """After ``add --from`` added ``made``: a draft of ``add`` moves into ``草稿/已用/`` (its
    new path); any other file stays where it is (``None``)."""
    from .importer.collect import retire_draft as retire

    return retire(made)


def collect(
    inbox: PathLike, issue: PathLike, *, section: str | None = None, dry_run: bool = False
) -> CollectResult:
    """Add every ``.docx``/``.txt`` of ``inbox`` to ``issue``, one article each, in one write
    (one undo step); added files move to ``inbox/已收/``. Files that cannot be read, break the
    rules or are already in the issue are reported and left in place."""
    from .importer.collect import collect as run

    where = Path(issue)
    return run(Path(inbox), where, profile=profile_for(where), section=section, dry_run=dry_run)


# -- counting: 信息采用统计 and the 通报 ----------------------------------------------------------


def adoption_stats(
    sources: PathLike | Iterable[PathLike],
    *,
    year: int | None = None,
    quarter: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    profile: Profile | None = None,
    kind: str | None = None,
) -> AdoptionReport:
    """信息采用统计 (as ``bulletin stats``): articles adopted per 供稿单位 across issue files
    (folders stand for their issue files), by section and by month, for a year, a quarter of a
    year, or the dates ``start`` to ``end``. Files that cannot be read are in ``failed``; the
    rest still count. ``profile`` defaults to the one governing the first source. ``kind``
    counts only the issues of that kind (增刊, ...; 正刊 for the regular issues), refused
    (``InputProblem``) when the profile knows no such kind."""
    from .stats import count_adoption, make_period

    paths = [Path(sources)] if isinstance(sources, str | Path) else [Path(p) for p in sources]
    period = make_period(year=year, quarter=quarter, start=start, end=end)
    if profile is None:
        profile = profile_for(paths[0]) if paths else Profile()
    if kind is not None:
        kind = _stats_kind(kind, profile)
    return count_adoption(paths, profile=profile, period=period, kind=kind)


def _stats_kind(kind: str, profile: Profile) -> str:
    from .kinds import REGULAR, require_kind

    return require_kind(kind, [REGULAR, *profile.issue_kinds])


def mark_article(
    path: PathLike,
    number: int,
    *,
    adopted_by: str | None = None,
    instruction: str | None = None,
    level: str,
    date: dt.date | None = None,
    form: str | None = None,
    remove: bool = False,
) -> MarkResult:
    """``bulletin mark``: record on article ``number`` (1-based, printed order) an adoption by
    a higher outlet (``adopted_by``, with ``form`` 全文 or 摘要) or a leader's 批示
    (``instruction``) at ``level``, for 信息采用积分; ``remove`` takes the last matching record
    back. Every other byte of the file stays; ``undo`` reverts it. A level the profile's
    ``[scoring]`` lacks, or an article the issue lacks, is an ``InputProblem``."""
    from ._service.marks import mark_article as mark

    return mark(
        Path(path),
        number,
        adopted_by=adopted_by,
        instruction=instruction,
        level=level,
        date=date,
        form=form,
        remove=remove,
    )


def set_scoring_rule(key: str, value: str | None, *, where: PathLike = ".") -> SettingsChanged:
    """``bulletin scoring set``: ``article`` or ``brief`` points (``None`` removes ``brief``),
    or ``joint`` (split/full) in the ``[scoring]`` of the profile governing ``where``; written
    in place, one undo step; a value that would make the rules wrong is an ``InputProblem``."""
    from ._service.scoring_settings import set_rule

    return set_rule(key, value, where=where)


def set_scoring_points(
    table: str, name: str, value: str | None, *, where: PathLike = "."
) -> SettingsChanged:
    """``bulletin scoring section`` / ``kind``: the points of one section (``table`` =
    ``"sections"``) or issue kind (``"kinds"``); ``None`` removes them."""
    from ._service.scoring_settings import set_named_points

    return set_named_points(table, name, value, where=where)


def set_scoring_level(
    table: str, level: str, value: str | None, *, summary: str | None = None, where: PathLike = "."
) -> SettingsChanged:
    """``bulletin scoring adoption`` / ``instruction``: the points per adoption above
    (``table`` = ``"adoption"``, ``summary`` for one as 摘要) or per 批示 (``"instruction"``)
    at ``level``; ``None`` removes the level."""
    from ._service.scoring_settings import set_level_points

    return set_level_points(table, level, value, summary=summary, where=where)


def export_stats(
    report: AdoptionReport,
    *,
    out: PathLike,
    date: dt.date | None = None,
    backups: list[Path] | None = None,
) -> Path:
    """Write a report atomically by the name's suffix: ``.docx`` the 通报 dated ``date``
    (default today), ``.csv`` for a spreadsheet (UTF-8 with BOM), ``.json`` for scripts. A
    file there that the tool did not write as it stands (edited by hand) is first copied to
    ``NAME（改动备份）.ext``, appended to ``backups`` when given."""
    from .stats import write_report

    return write_report(report, Path(out), date=date or dt.date.today(), backups=backups)


# -- the result classes, loaded with the concern that returns them ------------------------------

_RESULTS = {
    "ArticleList": "results",
    "ArticlesAdded": "results",
    "IssueCreated": "results",
    "ProfileWritten": "results",
    "Submission": "results",
    "CheckRun": "checking",
    "ExportOutcome": "exporting",
    "ExportRun": "exporting",
    "FontCheck": "fonts",
    "Imported": "importing",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _RESULTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"._service.{module}", __package__), name)


def issue_overview(path: PathLike) -> IssueOverview:
    """An issue as it will print (``bulletin show``): masthead, sections with numbered
    articles, 报尾, page estimate and check findings."""
    from ._service.overview import issue_overview as overview

    return overview(path)

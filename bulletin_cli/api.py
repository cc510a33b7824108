"""The Python API for scripts: make, fill, check, export and import issues.

Everything here is re-exported from ``bulletin_cli`` (see ``__all__`` there). Options after the
first obvious argument are keyword-only, so they can grow without breaking callers. Errors are
``BulletinError`` subclasses carrying the same message and exit code the CLI would show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BulletinError, ContentRefused, InputProblem
from .model import Article, Issue
from .profile import Profile, profile_for

if TYPE_CHECKING:
    from .check.findings import CheckReport
    from .export.render import Office, PreviewResult
    from .importer import ImportResult

PathLike = Path | str


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
    from .issuefile.store import create_issue, issue_file_name, next_issue_number

    folder = Path(folder)
    when = date or dt.date.today()
    following = next_issue_number(folder, when.year)
    issue = Issue(number=number or following.number, total=total or following.total, date=when)
    return create_issue(folder / issue_file_name(when.year, issue.number), issue)


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
    """Append one article to an issue file; returns its 1-based number (see ``add_articles``)."""
    article = {"section": section, "title": title, "body": body, "sources": sources}
    if subtitle is not None:
        article["subtitle"] = subtitle
    return add_articles(path, [article], clean=clean, check=check)[0]


def add_articles(
    path: PathLike,
    articles: Iterable[Article | Mapping[str, object]],
    *,
    clean: bool = True,
    check: bool = True,
) -> list[int]:
    """Append articles to an issue file in one locked, atomic write; returns their numbers.

    Each article is an ``Article`` or a mapping with the keys of an ``[[articles]]`` table.
    ``clean`` tidies pasted text as ``bulletin add`` does; ``check`` refuses articles that
    break the article-level rules (``ContentRefused``), all or nothing."""
    from .editing import add_articles as append

    path = Path(path)
    prepared = [_as_article(item, number, clean) for number, item in enumerate(articles, 1)]
    if check:
        _refuse_errors(path, prepared)
    return append(path, prepared)


def _as_article(item: Article | Mapping[str, object], number: int, clean: bool) -> Article:
    from .editing import prepare_article

    if isinstance(item, Article):
        fields: dict[str, object] = dict(item.to_table())
    else:
        fields = dict(item)
    unknown = sorted(set(fields) - {"section", "title", "subtitle", "sources", "body"})
    if unknown:
        raise InputProblem(f"第 {number} 篇稿件有未知的键 {'、'.join(unknown)}")
    texts = {key: fields.get(key, "") for key in ("section", "title", "body")}
    sources = fields.get("sources", [])
    subtitle = fields.get("subtitle")
    if isinstance(sources, str):
        sources = [sources]
    if not (
        all(isinstance(value, str) for value in texts.values())
        and isinstance(sources, list)
        and all(isinstance(unit, str) for unit in sources)
        and (subtitle is None or isinstance(subtitle, str))
    ):
        raise InputProblem(
            f"第 {number} 篇稿件：section、title、subtitle、body 应为文本，sources 应为文本列表"
        )
    section, title, body = (str(texts[key]) for key in ("section", "title", "body"))
    if clean:
        return prepare_article(
            section=section, title=title, body=body, sources=sources, subtitle=subtitle
        ).article
    return Article(section=section, title=title, body=body, sources=sources, subtitle=subtitle)


def _refuse_errors(path: Path, articles: list[Article]) -> None:
    from .check.engine import check_article

    profile = profile_for(path)
    for number, article in enumerate(articles, 1):
        errors = [f for f in check_article(article, profile) if f.severity == "error"]
        if errors:
            listed = "；".join(f"{f.code} {f.message}" for f in errors)
            raise ContentRefused(f"第 {number} 篇稿件有错误，未添加：{listed}")


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

    Without ``out`` an issue file's DOCX goes to ``build/NAME.docx`` beside it. An issue file
    with check errors is refused (``ContentRefused``) unless ``force``."""
    from .export import export_docx as export

    return export(source, out, profile=profile, force=force)


def export_docx_bytes(
    source: PathLike | Issue, *, profile: Profile | None = None, force: bool = False
) -> bytes:
    """The DOCX of an issue file (or ``Issue``) as bytes, refused on check errors unless
    ``force`` (an ``Issue`` in memory is checked with ``profile``)."""
    from .export import build_docx

    if isinstance(source, Issue):
        issue, profile = source, profile or Profile()
        report = check_issue(issue, profile=profile)
    else:
        from .issuefile.store import load_issue as load

        profile = profile or profile_for(Path(source))
        issue = load(source).issue
        report = check_issue(source, profile=profile)
    if report.errors and not force:
        first = next(f for f in report.findings if f.severity == "error")
        raise ContentRefused(f"有 {report.errors} 个错误，未导出（{first.code} {first.message}）")
    return build_docx(issue, profile)


def import_bulletin(
    source: PathLike,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """Read a past bulletin (``.txt`` or ``.docx``) as an ``Issue`` with a report of guesses."""
    from .importer import import_file

    return import_file(source, number=number, total=total, date=date, profile=profile)


def load_profile(near: PathLike = ".") -> Profile:
    """The house profile governing ``near`` (a folder or an issue file), or the default."""
    return profile_for(Path(near))


def preview_issue(
    source: PathLike,
    out: PathLike | None = None,
    *,
    dpi: int = 150,
    open_first: bool = False,
    office: Office | None = None,
) -> PreviewResult:
    """Draw an issue file's pages as PNG pictures (one a page, through LibreOffice's PDF).

    They go to ``out`` (default ``build/NAME-preview`` beside the issue) as ``NAME-01.png`` …
    with ``NAME.pdf``. Refused like ``export_docx`` when the issue has check errors
    (``ContentRefused``); ``OfficeMissing`` (exit 3) without LibreOffice. ``open_first`` shows
    page 1 in the system's viewer; ``office`` is a running ``Office`` to convert with."""
    from .export.fonts import layout_faces
    from .export.pdf import face_substitutes
    from .export.render import PreviewResult, default_preview_folder, open_in_viewer, render_docx
    from .export.writer import layout_of

    source = Path(source)
    folder = Path(out) if out is not None else default_preview_folder(source)
    profile = profile_for(source)
    docx = export_docx_bytes(source, profile=profile)
    pdf, pages = render_docx(source.stem, docx, folder, office=office, dpi=dpi)
    result = PreviewResult(source, pdf, pages, face_substitutes(layout_faces(layout_of(profile))))
    if open_first and pages:
        result.opened = open_in_viewer(pages[0])
    return result


def watch_preview(
    source: PathLike,
    out: PathLike | None = None,
    *,
    on_render: Callable[[PreviewResult | BulletinError], None],
    dpi: int = 150,
    open_first: bool = False,
    interval: float = 0.5,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """Preview an issue file now and again after each save, with one LibreOffice kept running
    (a re-render takes a fraction of a cold one). ``on_render`` gets each result, or the error
    of a render that failed (an issue with errors, a file half-written): watching goes on.
    Runs until ``should_stop()`` or Ctrl-C (``KeyboardInterrupt``); LibreOffice is ended."""
    from .export.render import Office, watch_file

    path = Path(source)
    with Office() as office:
        renders = 0

        def render() -> None:
            nonlocal renders
            try:
                result = preview_issue(
                    path, out, dpi=dpi, open_first=open_first and renders == 0, office=office
                )
            except BulletinError as err:
                on_render(err)
                return
            renders += 1
            on_render(result)

        watch_file(path, render, interval=interval, should_stop=should_stop)

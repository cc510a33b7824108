"""Starting an issue and filling it: ``init``, ``new``, ``add`` and ``list``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ..articleform import ArticleForm, format_form
from ..check.findings import Finding
from ..check.running import check_article
from ..editing import add_articles as write_articles
from ..editing import prepare_article
from ..errors import ContentRefused, FileProblem, InputProblem
from ..issuefile.store import (
    atomic_write,
    create_issue,
    issue_file_name,
    issue_files,
    load_issue,
    masthead_of,
    next_issue_number,
    parse_toml,
    read_text,
)
from ..kinds import REGULAR, require_kind
from ..model import Article, Issue
from ..pictures import forget_pictures, keep_pictures, read_picture
from ..profile import PROFILE_NAME, Profile, profile_template, template_profile
from ..records import replace
from .paths import make_folder
from .profiles import governing_profile
from .results import (
    ArticleList,
    ArticleRow,
    ArticlesAdded,
    IssueCreated,
    ProfileWritten,
    Submission,
    describe_article_finding,
)
from .settings import FirstSettings, first_profile

TOML_INT_MAX = 2**63 - 1
"""TOML integers are 64-bit: a 期号 beyond this could not be read back."""

ARTICLE_KEYS = (
    "section",
    "title",
    "subtitle",
    "sources",
    "body",
    "note",
    "staff",
    "pictures",
    "tables",
)


def init_profile(
    folder: Path, *, force: bool = False, settings: FirstSettings | None = None
) -> ProfileWritten:
    """Write a commented ``bulletin.toml`` into ``folder`` (never over one unless ``force``),
    holding ``settings`` where given and the template's examples elsewhere."""
    text = profile_template(first_profile(settings, template_profile()) if settings else None)
    path = require_new_profile(folder, force=force)
    make_folder(folder)
    atomic_write(path, text.encode("utf-8"), exclusive=not force)
    return ProfileWritten(path=path)


def require_new_profile(folder: Path, *, force: bool = False) -> Path:
    """Where ``init`` writes: ``folder/bulletin.toml``; a ``FileProblem`` when it exists and
    ``force`` is not given (said before any question is asked)."""
    path = folder / PROFILE_NAME
    if path.exists() and not force:
        raise FileProblem(
            path,
            "简报设置已存在，没有改动它",
            hint="栏目和供稿单位用 bulletin sections、bulletin units 修改；"
            "确要换成一份新的（原有设置会丢失）就加 --force",
        )
    return path


def new_issue(
    folder: Path,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    kind: str | None = None,
    require_profile: bool = False,
) -> IssueCreated:
    """Create the next issue file of ``folder``: 期号 and 总第N期 continue from its siblings of
    the same series (``kind``: 增刊 and the like have their own 期号 each year).
    With ``require_profile`` (``bulletin new`` without ``--no-profile``), refused when no
    ``bulletin.toml`` governs ``folder`` (``InputProblem``: run ``init`` or change folder);
    otherwise the default profile stands in, with a warning."""
    if require_profile:
        require_profile_for_new(folder)
    for option, value in (("--number", number), ("--total", total)):
        if value is not None and not 1 <= value <= TOML_INT_MAX:
            raise InputProblem(f"{option} 应是 1 到 {TOML_INT_MAX} 之间的整数，而不是 {value}")
    when = date or dt.date.today()
    governing = governing_profile(folder)
    kind = _chosen_kind(kind, governing.profile)
    following = next_issue_number(
        folder, when.year, kind=kind, total_kinds=governing.profile.total_kinds
    )
    unread = [] if number and total else _siblings_without_a_number(folder)
    issue = Issue(
        number=number or following.number, total=total or following.total, date=when, kind=kind
    )
    make_folder(folder)
    path = create_issue(folder / issue_file_name(when.year, issue.number, kind), issue)
    warnings = [*governing_profile(path).warnings, *unread]
    return IssueCreated(path=path, issue=issue, warnings=warnings)


def _chosen_kind(kind: str | None, profile: Profile) -> str | None:
    """``kind`` as ``new --kind`` gives it: a kind of the profile, or ``None`` for a regular
    issue (also written 正刊); anything else is refused with the kinds there are."""
    if kind is None or kind.strip() in ("", REGULAR):
        return None
    return require_kind(kind, profile.issue_kinds)


def require_profile_for_new(folder: Path) -> None:
    """Refuse ``new`` where no ``bulletin.toml`` governs ``folder`` (a clerk in the wrong
    folder, or before ``init``)."""
    from ..profile import find_profile

    if find_profile(folder) is None:
        if folder.exists() and not folder.is_dir():
            make_folder(folder)  # a file where the folder should be is said first (exit 3)
        where = (folder if folder.is_dir() else folder.parent).resolve()
        raise InputProblem(
            f"没有找到 {PROFILE_NAME}（在 {where} 及其上级文件夹中都找过），没有新建期刊文件",
            hint="还没有设置的话，先运行 bulletin init；走错了文件夹就换到简报所在的文件夹；"
            "确要按默认设置新建，加 --no-profile",
        )


def _siblings_without_a_number(folder: Path) -> list[str]:
    """A warning for each issue file of ``folder`` that could not be read for its 期号 (so the
    number given to the new issue may repeat it): a bad sibling never stops ``new``, nor passes
    unseen."""
    return [
        f"同一文件夹中的 {sibling.name} 无法读取或没有期号，推算期号和总期号时没有算上它"
        f"（运行 bulletin check {sibling} 查看）"
        for sibling in issue_files(folder)
        if masthead_of(sibling)[0] is None
    ]


def add_articles(
    path: Path,
    submissions: list[Submission],
    *,
    clean: bool = True,
    check: bool = True,
    force: bool = False,
    pictures: Mapping[str, bytes] | None = None,
) -> ArticlesAdded:
    """Add articles to an issue file in one locked, atomic write: all or nothing.

    The file is read first (a missing or broken file is a ``FileProblem``); each submission is
    validated (``InputProblem`` naming its origin), tidied when ``clean``, and, when ``check``,
    judged by the article rules: an error refuses them all (``ContentRefused``) unless
    ``force``, which writes them and reports the errors among the findings."""
    require_issue_file(path)
    if not submissions:
        raise InputProblem("没有要添加的稿件")
    governing = governing_profile(path)
    notes: list[str] = []
    articles = [_prepared(item, clean=clean, notes=notes) for item in submissions]
    findings: list[Finding] = []
    if check:
        findings = _judged(articles, governing.profile)
        errors = [finding for finding in findings if finding.severity == "error"]
        if errors and not force:
            raise _refusal(errors, len(articles))
    written = _keep_pictures(path, articles, pictures or {})
    try:
        numbers = write_articles(path, articles, profile=governing.profile)
    except BaseException:
        forget_pictures(written)
        raise
    return ArticlesAdded(
        path=path,
        articles=articles,
        numbers=numbers,
        findings=findings,
        notes=notes,
        warnings=governing.warnings,
    )


def require_issue_file(path: Path) -> None:
    """A missing or unparsable issue file is a ``FileProblem`` (exit 3), raised before any
    article is judged, or asked for at a terminal; a bare name that is a file under
    ``issues/`` is suggested."""
    if not path.is_file():
        beside = Path("issues") / path.name
        if not path.parent.name and beside.is_file():
            raise FileProblem(path, "期刊文件不存在", hint=f"是不是 {beside}？")
        raise FileProblem(path, "期刊文件不存在", hint="先用 bulletin new 新建一期")
    parse_toml(read_text(path), path)


def _prepared(submission: Submission, *, clean: bool, notes: list[str]) -> Article:
    fields = submission.fields
    table: Mapping[str, object] = fields.to_table() if isinstance(fields, Article) else fields
    where = submission.origin
    unknown = sorted(set(table) - set(ARTICLE_KEYS))
    if unknown:
        raise InputProblem(
            f"{where}有未知的键 {'、'.join(unknown)}", hint="可用的键：" + "、".join(ARTICLE_KEYS)
        )
    section, title, body = (table.get(key, "") for key in ("section", "title", "body"))
    sources = table.get("sources", [])
    sources = [sources] if isinstance(sources, str) else sources
    subtitle = table.get("subtitle")
    staff = table.get("staff")
    if not (
        isinstance(section, str)
        and isinstance(title, str)
        and isinstance(body, str)
        and isinstance(sources, list)
        and all(isinstance(unit, str) for unit in sources)
        and (subtitle is None or isinstance(subtitle, str))
        and (staff is None or isinstance(staff, str))
    ):
        raise InputProblem(
            f"{where}：section、title、subtitle、body、staff 应为文本，sources 应为文本列表"
        )
    extras = _extras(table, where)
    if not clean:
        return _with_extras(
            Article(section, title, body, list(sources), subtitle, staff=staff), extras
        )
    try:
        prepared = prepare_article(
            section=section, title=title, body=body, sources=sources, subtitle=subtitle
        )
    except (InputProblem, ContentRefused) as err:
        raise type(err)(f"{where}：{err.message}", hint=err.hint) from None
    notes.extend(prepared.notes)
    prepared.article.staff = staff
    return _with_extras(prepared.article, extras)


def _with_extras(article: Article, extras: Article | None) -> Article:
    if extras is None:
        return article
    return replace(article, note=extras.note, pictures=extras.pictures, tables=extras.tables)


def _extras(table: Mapping[str, object], where: str) -> Article | None:
    """An article's ``note``, ``pictures`` and ``tables``, read as the issue file reads them
    (a wrong value is an ``InputProblem`` naming it)."""
    keys = [key for key in ("note", "pictures", "tables") if key in table]
    if not keys:
        return None
    from ..issuefile.schema import issue_from_document

    document: dict[str, object] = {"articles": [{key: table[key] for key in keys}]}
    issue, problems = issue_from_document(document)
    problems = [p for p in problems if p.path[:1] == ("articles",)]
    if problems:
        raise InputProblem(f"{where}：{problems[0].message}", hint=problems[0].hint)
    article = issue.articles[0]
    for picture in article.pictures:
        if picture.file.strip() == "":
            raise InputProblem(f"{where}：图片缺少文件名 file")
    return article


def _keep_pictures(path: Path, articles: list[Article], given: Mapping[str, bytes]) -> list[Path]:
    """Store the articles' new pictures beside the issue: those whose bytes are ``given``,
    and those whose ``file`` is a picture on disk that is not already beside the issue."""
    data = dict(given)
    for article in articles:
        for picture in article.pictures:
            if picture.file in data or (path.parent / picture.file).is_file():
                continue
            source = Path(picture.file)
            if source.is_file():
                data[picture.file] = read_picture(source)[0]
            else:
                raise FileProblem(source, "图片文件不存在", hint="检查图片的文件名和文件夹")
    return keep_pictures(path, articles, data)


def _judged(articles: list[Article], profile: Profile) -> list[Finding]:
    """The article rules' findings, each numbered by the article's place among ``articles``."""
    return [
        replace(finding, article=number)
        for number, article in enumerate(articles, start=1)
        for finding in check_article(article, profile)
    ]


def _refusal(errors: list[Finding], count: int) -> ContentRefused:
    listed = "\n  ".join(
        describe_article_finding(finding, count, written=False) for finding in errors
    )
    return ContentRefused(
        f"稿件不符合要求，未添加：\n  {listed}",
        hint="改正后再添加；确需照样写入时加 --force",
    )


def draft_path(issue: Path, now: dt.datetime | None = None) -> Path:
    """Where a draft of an article for ``issue`` goes: ``草稿/`` beside the issue file."""
    folder = issue.parent if issue.parent.is_dir() else Path(".")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return folder / "草稿" / f"{issue.stem}-{stamp}.txt"


def save_draft(issue: Path, form: ArticleForm) -> Path:
    """Write an article that was typed but not added as a plain form (``add --from`` reads
    it); never over another draft. Returns the draft's path."""
    path = draft_path(issue)
    note = f"bulletin add {issue} 的草稿。改好后运行：bulletin add {issue} --from {path}"
    make_folder(path.parent)
    atomic_write(path, format_form(form, notes=[note]).encode("utf-8"), exclusive=True)
    return path


def list_articles(path: Path) -> ArticleList:
    """The articles of an issue file, numbered in file (= printed) order."""
    issue = load_issue(path).issue
    rows = [
        ArticleRow(
            number=number,
            section=article.section,
            title=article.title,
            subtitle=article.subtitle,
            sources=list(article.sources),
            characters=sum(1 for ch in article.body if not ch.isspace()),
        )
        for number, article in enumerate(issue.articles, start=1)
    ]
    return ArticleList(path=path, issue=issue, rows=rows)

"""The API for changing articles in place and undoing changes (re-exported by ``api``).

Each function is what one command does (``bulletin edit``, ``remove``, ``move``, ``undo``): it
finds the profile, tidies and checks what the caller gives as ``add`` does, and calls
``issuefile.edits`` / ``issuefile.history``, which keep every other byte of the file, lock,
verify, write atomically and record an undo step. Heavy modules load on first call.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentRefused, InputProblem
from ..model import Article
from ..profile import Profile, profile_for

if TYPE_CHECKING:
    from ..issuefile.edits import ArticleChange
    from ..issuefile.history import UndoResult

PathLike = Path | str


def edit_article(
    path: PathLike,
    number: int,
    *,
    section: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    sources: list[str] | None = None,
    body: str | None = None,
    clean: bool = True,
    check: bool = True,
    note: str | None = None,
    expect: Article | None = None,
) -> ArticleChange:
    """Change fields of article ``number`` (1-based, as ``list`` numbers); ``None`` leaves a
    field as it is, ``subtitle=""`` removes the subtitle, ``note=""`` the 编者按. Only the given values' bytes change;
    a new section moves the article to that section's place. ``clean`` tidies the given text
    as ``add`` does (a pasted attribution at the end of ``body`` joins ``sources``); ``check``
    refuses a result that breaks an article rule (``ContentRefused``), writing nothing.
    ``expect`` binds the change to the article as the caller showed it (an editor, a prompt):
    when article ``number`` is no longer that one, nothing is written (``ArticleMoved``)."""
    from ..issuefile.edits import edit_article as edit
    from ..issuefile.edits import require_number
    from ..issuefile.store import load_issue

    path = Path(path)
    given: dict[str, object] = {"section": section, "title": title, "subtitle": subtitle}
    given.update(sources=sources, body=body, note=note)
    wanted = {key: value for key, value in given.items() if value is not None}
    if not wanted:
        raise InputProblem(
            "没有要修改的内容", hint="至少给出栏目、标题、副标题、供稿单位、正文或编者按之一"
        )
    articles = load_issue(path).issue.articles
    require_number(path, number, len(articles))
    changes = _tidied(articles[number - 1], wanted, clean)
    profile = profile_for(path)
    if check:
        _refuse_errors(_merged(articles[number - 1], changes), number, profile)
    return edit(path, number, changes, catalogue=profile.sections, expect=expect)


def _merged(article: Article, changes: dict[str, object | None]) -> Article:
    """``article`` with ``changes`` applied (``None`` removes the subtitle)."""
    values: dict[str, object | None] = {
        "section": article.section,
        "title": article.title,
        "subtitle": article.subtitle,
        "sources": list(article.sources),
        "body": article.body,
    }
    values.update(changes)
    subtitle, sources = values["subtitle"], values["sources"]
    return Article(
        section=str(values["section"]),
        title=str(values["title"]),
        subtitle=subtitle if isinstance(subtitle, str) else None,
        sources=[str(unit) for unit in sources] if isinstance(sources, list) else [],
        body=str(values["body"]),
    )


def _tidied(article: Article, wanted: dict[str, object], clean: bool) -> dict[str, object | None]:
    """The values to write: the given ones, tidied as ``add`` tidies them when ``clean``."""
    for key in ("section", "title", "subtitle", "body", "note"):
        if key in wanted and not isinstance(wanted[key], str):
            raise InputProblem(f"{key} 应为文本")
    units = wanted.get("sources")
    if units is not None and not (
        isinstance(units, list) and all(isinstance(u, str) for u in units)
    ):
        raise InputProblem("sources 应为文本列表")
    changes: dict[str, object | None] = dict(wanted)
    if changes.get("subtitle") == "":
        changes["subtitle"] = None
    if "note" in changes:
        from ..editing import refuse_bad_characters

        text = str(changes["note"]).strip()
        refuse_bad_characters({"编者按": text})
        changes["note"] = text or None
    if not clean:
        return changes
    from ..editing import prepare_article

    merged = _merged(article, changes)
    prepared = prepare_article(
        section=merged.section,
        title=merged.title,
        body=merged.body,
        sources=merged.sources,
        subtitle=merged.subtitle,
    ).article
    tidy = prepared.to_table()
    for key in wanted:
        if key != "note":  # the note is kept as given (stripped)
            changes[key] = tidy.get(key)
    if "body" in wanted and prepared.sources != article.sources:
        changes["sources"] = prepared.sources  # an attribution pasted at the end of the body
    return changes


def _refuse_errors(article: Article, number: int, profile: Profile) -> None:
    from ..check.running import check_article

    errors = [f for f in check_article(article, profile) if f.severity == "error"]
    if errors:
        listed = "；".join(f"{f.code} {f.message}" for f in errors)
        raise ContentRefused(f"第 {number} 篇稿件改后有错误，未修改：{listed}")


def article_of(path: PathLike, number: int) -> Article:
    """Article ``number`` (1-based, printed order) of an issue file."""
    from ..issuefile.edits import require_number
    from ..issuefile.store import load_issue

    path = Path(path)
    articles = load_issue(path).issue.articles
    require_number(path, number, len(articles))
    return articles[number - 1]


def remove_article(path: PathLike, number: int, *, expect: Article | None = None) -> ArticleChange:
    """Delete article ``number``; every other byte of the file stays. Undo brings it back.
    ``expect``: the article as shown before a confirmation; when article ``number`` is no
    longer that one, nothing is deleted (``ArticleMoved``, exit 1)."""
    from ..issuefile.edits import remove_article as remove

    return remove(Path(path), number, expect=expect)


def move_article(path: PathLike, number: int, *, to: int) -> ArticleChange:
    """Put article ``number`` at position ``to`` within its section (``InputProblem`` when the
    move would cross another section: change the section with ``edit_article`` instead)."""
    from ..issuefile.edits import move_article as move

    return move(Path(path), number, to)


def move_article_to_issue(path: PathLike, number: int, other: PathLike) -> ArticleChange:
    """Move article ``number`` into the issue file ``other``, at its section's place there.
    Both files change or neither; ``undo`` of either file undoes both."""
    from ..issuefile.edits import move_article_to_issue as move

    other = Path(other)
    return move(Path(path), number, other, catalogue=profile_for(other).sections)


def undo(path: PathLike, *, force: bool = False) -> UndoResult:
    """Restore the issue file as it was before its last recorded change (add, edit, remove,
    move, ``check --fix``), in every file that change touched. Refused (``UndoRefused``, exit 1) when the file was changed since
    that change, by hand or otherwise, unless ``force``; ``NothingToUndo`` (exit 1) when no
    step is left (at least the last 20 changes are kept)."""
    from ..issuefile.history import undo as restore

    return restore(Path(path), force=force)


def change_picture(
    path: PathLike,
    number: int,
    *,
    picture: PathLike | None = None,
    caption: str | None = None,
    after: int | None = None,
    width: float | None = None,
    replace: int | None = None,
    remove: int | None = None,
) -> Article:
    """Add a picture to article ``number`` (``picture``: a PNG or JPEG file, copied beside the
    issue under ``images/``), replace picture ``replace`` (1-based: its file and/or caption,
    ``after``, ``width``; ``caption=""`` removes the caption), or remove picture ``remove``.
    Locked, atomic, byte for byte, one undo step; returns the article as it now stands."""
    from ..issuefile.edits import require_number
    from ..issuefile.store import load_issue
    from ..issuefile.subtables import change_item
    from ..pictures import forget_pictures, read_picture, store_picture

    path = Path(path)
    if remove is not None:
        if picture is not None or caption is not None or replace is not None:
            raise InputProblem("删除图片时不能同时给出新图片或图片说明")
        return change_item(path, number, "pictures", item=remove)
    if width is not None and not 0 < width <= 1:
        raise InputProblem(f"图片宽度应是版心宽度的比例，在 0 到 1 之间（如 0.8），而不是 {width}")
    if after is not None and after < 1:
        raise InputProblem("--after 应是正整数（排在第几段之后）")
    articles = load_issue(path).issue.articles
    require_number(path, number, len(articles))
    table: dict[str, object] = {}
    if replace is not None:
        pictures = articles[number - 1].pictures
        if not 1 <= replace <= len(pictures):
            raise InputProblem(
                f"{path}: 第 {number} 篇没有第 {replace} 张图片（共 {len(pictures)} 张）",
                hint=f"用 bulletin show {path} 查看各篇的图片",
            )
        table = pictures[replace - 1].to_table()
    elif picture is None:
        raise InputProblem("没有给出图片文件", hint="如 --picture 照片.jpg --caption 图为……")
    written: list[Path] = []
    if picture is not None:
        data, _info = read_picture(Path(picture))
        stored, new = store_picture(path, data, Path(picture).name)
        if new:
            written.append(path.parent / stored)
        table["file"] = stored
    for key, value in (("caption", caption), ("after", after), ("width", width)):
        if value is not None:
            table[key] = value
    if caption is not None:
        from ..editing import refuse_bad_characters

        refuse_bad_characters({"图片说明": caption})
        if not caption.strip():
            table.pop("caption", None)
    keys = ("file", "caption", "after", "width")
    ordered: dict[str, object] = {key: table[key] for key in keys if key in table}
    try:
        return change_item(path, number, "pictures", item=replace, table=ordered)
    except BaseException:
        forget_pictures(written)
        raise

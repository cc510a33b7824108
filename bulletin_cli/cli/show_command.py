"""show: the issue at a glance in the terminal, as it will print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app, handles_errors, tell
from .chinese import display_width
from .visible import cell, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .._service.overview import IssueOverview, NumberedArticle
    from ..model import Article

_BRIEF_SHOWN = 30


@app.command("show")
@handles_errors
def show_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
) -> None:
    """一眼看清这一期：报头、各栏目和稿件（带序号）、报尾、估算页数和检查发现的问题。

    示例：bulletin show issues/2012-01.toml

    序号就是 edit、remove、move 用的稿件序号。
    """
    from rich.console import Console

    from .. import api

    overview = api.issue_overview(issue)
    tell(overview)
    console = Console(highlight=False)
    _masthead(console, overview)
    _articles(console, overview)
    _distribution(console, overview)
    _pages_and_findings(console, overview)


def _masthead(console: Console, overview: IssueOverview) -> None:
    from rich.text import Text

    from ..model import format_date

    head = overview.issue
    total = f"（总第{head.total}期）" if head.total else ""
    date = format_date(head.date) if head.date else "（未写日期）"
    console.print(Text(cell(overview.name), style="bold red"), justify="center")
    console.print(
        cell(f"{head.kind or ''}第{head.number}期{total}"), justify="center", markup=False
    )
    console.print(cell(f"{overview.editor}编　　{date}"), markup=False)
    console.rule(style="red")
    if head.note:
        console.print(visible(f"编者按：{head.note}"), markup=False)


def _articles(console: Console, overview: IssueOverview) -> None:
    from rich.text import Text

    if not overview.sections:
        console.print("（还没有稿件，用 bulletin add 添加）", style="dim")
    for run in overview.sections:
        heading = f"【{cell(run.section)}】"
        if not run.in_catalogue:
            heading += "（不在栏目目录中）"
        console.print(Text(heading), style="bold" if run.in_catalogue else "bold yellow")
        for item in run.articles:
            for line in _article_lines(item, console.width):
                console.print(line, no_wrap=True, overflow="ignore")


def _article_lines(item: NumberedArticle, width: int) -> list[Text]:
    """The article on one line of at most ``width`` columns (the title cut with …, then the
    units), its subtitle and its 撰稿/审核 line under it, each cut to the width too."""
    from rich.text import Text

    from ..model import format_sources
    from ..textclean import strip_spaces

    article = item.article
    sources = format_sources(article.sources) if article.sources else "（缺供稿单位）"
    prefix = f"{item.number:>3}  "
    if item.brief:
        text = "".join(strip_spaces(p) for p in article.paragraphs)
        shown = text if len(text) <= _BRIEF_SHOWN else text[:_BRIEF_SHOWN] + "……"
        title = f"简讯：{shown}"
    else:
        title = article.title or "（无标题）"
    title, sources = cell(title), cell(sources)
    count = f"  {item.characters} 字"
    room = width - display_width(prefix + count)
    sources = cut(sources, max(room // 2, room - display_width(title)))
    title = cut(title, room - display_width(sources))
    lines = [Text.assemble(prefix, title, sources, (count, "dim"))]
    indent = " " * 7
    if article.subtitle and not item.brief:
        lines.append(Text(indent + cut(cell(f"——{article.subtitle}"), width - len(indent))))
    if article.staff:
        lines.append(Text(indent + cut(cell(article.staff), width - len(indent)), style="dim"))
    for record in _records(article):
        lines.append(Text(indent + cut(cell(record), width - len(indent)), style="green"))
    for figure in _figures(article):
        lines.append(Text(indent + cut(cell(figure), width - len(indent)), style="cyan"))
    return lines


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, ending with … when it had to be cut."""
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char + "…") > width:
            break
        kept += char
    return kept + "…" if width > 0 else ""


def _figures(article: Article) -> list[str]:
    """The article's 编者按, pictures and tables, one line each, numbered as ``edit`` takes
    them (``--replace-picture 2``)."""
    lines = []
    if article.note and article.note.strip():
        note = " ".join(article.note.split())
        lines.append(f"编者按：{_short(note)}")
    for number, picture in enumerate(article.pictures, start=1):
        caption = f"：{_short(picture.caption)}" if picture.caption else ""
        name = picture.file.replace("\\", "/").rsplit("/", 1)[-1]
        lines.append(f"图片 {number}{caption}（{name}）")
    for number, table in enumerate(article.tables, start=1):
        caption = f"：{_short(table.caption)}" if table.caption else ""
        lines.append(f"表格 {number}{caption}（{len(table.rows)} 行）")
    return lines


def _short(text: str, length: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "……"


def _records(article: Article) -> list[str]:
    """An article's adoptions above and 批示, one line each: 上级采用：…（省级，摘要，…）."""
    from ..model import format_date

    lines = []
    for adoption in article.adopted:
        details = [adoption.level, adoption.form, adoption.date and format_date(adoption.date)]
        lines.append(f"上级采用：{adoption.by}（{'，'.join(d for d in details if d)}）")
    for instruction in article.instructions:
        when = instruction.date and format_date(instruction.date)
        details = [instruction.level, when]
        lines.append(f"批示：{instruction.by}（{'，'.join(d for d in details if d)}）")
    return lines


def _distribution(console: Console, overview: IssueOverview) -> None:
    dist = overview.distribution
    console.rule(style="dim")
    if dist is None or dist.is_empty:
        console.print(
            "报尾：（没有写，可在 bulletin.toml 的 [distribution] 中设默认值）",
            style="dim",
            markup=False,
        )
        return
    for label, names in (("报", dist.report), ("送", dist.send), ("发", dist.distribute)):
        if names:
            console.print(cell(f"{label}：{'，'.join(names)}"), markup=False)
    if dist.copies:
        console.print(f"（共印{dist.copies}份）", justify="right")


def _pages_and_findings(console: Console, overview: IssueOverview) -> None:
    from rich.markup import escape

    limit = f"（上限 {overview.max_pages} 页）" if overview.max_pages else ""
    over = overview.max_pages is not None and overview.pages > overview.max_pages
    console.print(
        f"共 {overview.articles} 篇，{overview.characters} 字，约 {overview.pages} 页{limit}",
        style="bold yellow" if over else None,
    )
    findings = overview.findings
    if not findings:
        console.print("检查：没有发现问题。", style="green")
        return
    errors = sum(1 for f in findings if f.severity == "error")
    console.print(f"检查：{errors} 个错误，{len(findings) - errors} 个提醒", style="bold")
    for finding in findings:
        where = f"第 {finding.article} 篇 " if finding.article else ""
        kind, style = ("错误", "red") if finding.severity == "error" else ("提醒", "yellow")
        console.print(
            f"  [{style}]{kind}[/{style}] {finding.code} {escape(visible(where + finding.message))}"
        )
    console.print("  详细位置和改法：bulletin check " + str(overview.path), style="dim")

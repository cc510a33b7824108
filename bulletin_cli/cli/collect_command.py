"""``bulletin collect`` and ``bulletin add --from``: articles from the units' own files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import api
from ..errors import InputProblem, os_reason
from .app import (
    app,
    handles_errors,
    out,
    say,
    stdin_is_terminal,
    stdout_is_terminal,
    warn_without_profile,
)
from .visible import cell

if TYPE_CHECKING:
    from ..importer.collect import CollectResult, CollectRow, FromFile

RECEIVED = "已收"

_SECTION_HINT = (
    "用 --section 指定；或运行 bulletin units add 单位 --section 栏目，记下单位常用的栏目"
)
_STATUS = {
    "added": "已添加",
    "would_add": "可添加",
    "unreadable": "否：读不了",
    "refused": "否：不合要求",
    "duplicate": "否：已有",
}


# ------------------------------------------------------------------------------ add --from


def add_from(
    issue: Path,
    source: Path,
    *,
    section: str | None,
    title: str | None,
    subtitle: str | None,
    sources: list[str] | None,
    force: bool,
    other_body: bool,
) -> None:
    """``bulletin add ISSUE --from FILE``: show what was read; at a terminal let the clerk
    correct it and confirm; in a script write it if it passes the rules (or ``--force``)."""
    if other_body:
        raise InputProblem("--from 不能和 --body、--body-file 或 --json 一起用")
    options = {"section": section, "title": title, "subtitle": subtitle, "sources": sources}
    warn_without_profile(issue)
    made = api.article_from_file(issue, source, **options)  # type: ignore[arg-type]
    show_reading(made)
    if stdin_is_terminal():
        from .prompts import confirm

        made = _corrected(issue, source, made)
        if not confirm("写入这一篇吗？", default=True):
            say("未写入。")
            raise typer.Exit(0)
    elif not made.article.section:
        raise InputProblem(f"{source}：没有栏目", hint=_SECTION_HINT)
    if force:
        for finding in made.errors:
            say(f"错误（已按 --force 写入）：{finding.code} {finding.message}")
    number = api.add_articles(
        issue, [made.article], clean=False, check=not force, pictures=made.pictures
    )[0]
    article = made.article
    stored = f"（正文 {len(article.paragraphs)} 段）"
    out(f"已添加第 {number} 篇：【{article.section}】{article.title or '（无标题）'}{stored}")
    _retire(made)


def _retire(made: FromFile) -> None:
    """A draft added is moved to 草稿/已用/, so the next add --from of it is not a repeat."""
    try:
        moved = api.retire_draft(made)
    except OSError as err:
        say(
            f"提醒：草稿 {made.reading.source} 已添加，但无法移走（{os_reason(err)}），请手工删除它"
        )
        return
    if moved is not None:
        say(f"草稿已移到 {moved}，不会再重复添加。")


def show_reading(made: FromFile) -> None:
    """What was read, for the clerk to see before it is written (stderr)."""
    reading, article = made.reading, made.article
    encoding = f"（{reading.encoding}）" if reading.encoding else ""
    say(f"从 {reading.source}{encoding} 读到：")
    say(f"  标题：{article.title or '（没有）'}")
    if article.subtitle:
        say(f"  副标题：{article.subtitle}")
    where = f"（来自{reading.sources_from}）" if reading.sources_from and article.sources else ""
    say(f"  供稿单位：{'、'.join(article.sources) or '（没有）'}{where}")
    origin = {
        "--section": "",
        "bulletin.toml": "（bulletin.toml 中该单位的栏目）",
        "简讯": "（只有一段、没有标题，作为简讯）",
    }
    say(f"  栏目：{article.section or '（未定）'}{origin.get(made.section_from, '')}")
    if article.staff:
        say(f"  撰稿审核：{article.staff}（随稿件保存，不印出）")
    characters = sum(1 for ch in article.body if not ch.isspace())
    say(f"  正文：{len(article.paragraphs)} 段，{characters} 字")
    for remark in reading.findings:
        say(f"  说明：{remark}")
    for note in made.notes:
        say(f"  提示：{note}")
    for finding in made.findings:
        kind = "错误" if finding.severity == "error" else "提醒"
        hint = f"（{finding.hint}）" if finding.hint else ""
        say(f"  {kind}：{finding.code} {finding.message}{hint}")


def _corrected(issue: Path, source: Path, made: FromFile) -> FromFile:
    """At a terminal: each field asked with what was read as the answer to keep."""
    from .prompts import ask_keeping

    article = made.article
    section = ask_keeping("栏目", article.section, required=True)
    title = ask_keeping("标题", article.title)  # a brief has none; the rules judge it after
    subtitle = ask_keeping("副标题", article.subtitle or "", removable=True)
    units = ask_keeping("供稿单位（多个用、分隔）", "、".join(article.sources), required=True)
    if (section, title, subtitle or None, units) == (
        article.section,
        article.title,
        article.subtitle,
        "、".join(article.sources),
    ):
        return made
    again = api.article_from_file(
        issue, source, section=section, title=title, subtitle=subtitle, sources=[units]
    )
    for finding in again.findings:
        kind = "错误" if finding.severity == "error" else "提醒"
        say(f"  {kind}：{finding.code} {finding.message}")
    return again


# ------------------------------------------------------------------------------- collect


@app.command("collect")
@handles_errors
def collect_command(
    inbox: Annotated[Path, typer.Argument(help="收稿文件夹：各单位发来的 .docx 和 .txt 稿件。")],
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", help="全部稿件放进这个栏目（默认按单位常用的栏目）。"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只列出每个文件读到什么，不写入、不移动文件。")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="报告以 JSON 输出（供脚本使用）。")
    ] = False,
) -> None:
    """把收稿文件夹里的每个 Word（.docx）或文本（.txt）稿件各添加为一篇稿件。

    示例：bulletin collect 收稿 issues/2012-01.toml --section 基层动态

    示例：bulletin collect 收稿 issues/2012-01.toml --dry-run

    按文件修改时间（再按文件名）依次读取，每个文件列出读到的标题、供稿单位、栏目、字数、说明和是否添加。

    读不了、不合要求或这一期已有的文件留在原处并说明原因；其余一次写入，之后移到收稿文件夹下的“已收”文件夹，所以再运行一次不会重复添加。
    """
    warn_without_profile(issue)
    result = api.collect(inbox, issue, section=section, dry_run=dry_run)
    if as_json:
        out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif stdout_is_terminal():
        _print_rich_table(result)
    else:
        for row in result.rows:
            out("\t".join(_cells(row)))
    _summary(result)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def _cells(row: CollectRow) -> list[str]:
    values = [
        row.file.name,
        row.title,
        "、".join(row.units),
        row.section,
        str(row.characters),
        "；".join(row.findings),
        _STATUS[row.status],
    ]
    return [cell(value) for value in values]  # a newline in a file name stays in its row


def _print_rich_table(result: CollectResult) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    # a file name, title, unit or section is shortened with … rather than broken across lines;
    # the remarks wrap at spaces and between Chinese characters, never inside a word
    for name, ratio in {"文件": 2, "标题": 2, "供稿单位": 2, "栏目": 1}.items():
        table.add_column(name, ratio=ratio, no_wrap=True, overflow="ellipsis")
    table.add_column("字数", no_wrap=True, justify="right")
    table.add_column("说明", ratio=4, overflow="ellipsis")
    table.add_column("添加", no_wrap=True)  # 否：不合要求 in full
    for row in result.rows:
        cells = _cells(row)
        cells[5] = "\n".join(cell(finding) for finding in row.findings)
        table.add_row(*(Text(value) for value in cells))
    Console().print(table)


def _summary(result: CollectResult) -> None:
    added, left = result.added, result.not_added
    if not result.rows:
        say(f"{result.inbox} 中没有 .docx 或 .txt 稿件。")
        return
    if result.dry_run:
        say(f"试运行：可添加 {len(added)} 篇，{len(left)} 个文件不能添加；未写入，文件未移动。")
        return
    moved = sum(1 for row in added if row.moved_to is not None)
    done = f"已添加 {len(added)} 篇到 {result.issue}" if added else "没有添加稿件"
    where = f"，{moved} 个文件已移到 {result.inbox / RECEIVED}" if moved else ""
    say(f"{done}{where}；{len(left)} 个文件未添加，留在原处。")
    if added:
        say(f"需要撤销时运行：bulletin undo {result.issue}")

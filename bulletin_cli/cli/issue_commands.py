"""init, new, add and list: starting an issue and filling it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import api
from ..errors import FileProblem, InputProblem
from ..textclean import clean_body
from .app import (
    app,
    handles_errors,
    out,
    parse_date,
    say,
    stdin_is_terminal,
    stdout_is_terminal,
    tell,
)

if TYPE_CHECKING:
    from .._service.results import ArticleRow


@app.command("init")
@handles_errors
def init_command(
    folder: Annotated[
        Path, typer.Argument(help="写入 bulletin.toml 的文件夹（默认当前文件夹）。")
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 bulletin.toml。")] = False,
) -> None:
    """写一份带中文注释的 bulletin.toml（本单位的简报设置）。

    示例：bulletin init

    然后用记事本打开 bulletin.toml，填写简报名称、编印单位、栏目和供稿单位。
    """
    written = api.init_profile(folder, force=force)
    out(str(written.path))
    say("已写好简报设置，请打开它填写本单位的名称、栏目和供稿单位。")


@app.command("new")
@handles_errors
def new_command(
    number: Annotated[
        int | None, typer.Option("--number", min=1, help="期号（默认接着本年度最大期号）。")
    ] = None,
    total: Annotated[
        int | None, typer.Option("--total", min=1, help="总期号（默认接着最大总期号）。")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="印发日期 YYYY-MM-DD（默认今天）。")
    ] = None,
    folder: Annotated[Path, typer.Option("--dir", help="期刊文件所在文件夹。")] = Path("issues"),
) -> None:
    """新建下一期的期刊文件，并显示它的路径。

    示例：bulletin new

    示例：bulletin new --number 3 --date 2012-03-20
    """
    when = parse_date(date) if date is not None else None
    created = api.create_issue(folder, number=number, total=total, date=when)
    tell(created)
    path, issue = created.path, created.issue
    out(str(path))
    total_text = f"（总第{issue.total}期）" if issue.total else ""
    say(f"已新建第{issue.number}期{total_text}，用 bulletin add {path} 添加稿件。")


@app.command("add")
@handles_errors
def add_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="栏目，如 工作动态。")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", "-t", help="标题。")] = None,
    subtitle: Annotated[str | None, typer.Option("--subtitle", help="副标题（可选）。")] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option("--source", "-u", help="供稿单位；多个单位重复写 --source，或用、分隔。"),
    ] = None,
    body: Annotated[str | None, typer.Option("--body", "-b", help="正文。")] = None,
    body_file: Annotated[
        str | None,
        typer.Option("--body-file", "-f", help="从文本文件读正文；写 - 表示从标准输入读。"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="从标准输入读稿件，每行一个 JSON 对象；全部成功才写入。")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="稿件不符合 check 的规则时也照样写入。")
    ] = False,
) -> None:
    """往一期简报里添加一篇稿件（追加在最后，原有内容一字不改）。

    示例：bulletin add issues/2012-01.toml --section 工作动态 --title "市总工会召开全委会" --source 市总办公室 --body-file 稿件.txt

    在终端里不写的项目会逐项询问；在脚本里缺项直接报错。正文末尾粘贴的（供稿单位）会自动移到供稿单位。
    """
    if as_json:
        submissions = _submissions_from_json_lines()
    else:
        typed = _ask_missing(section, title, sources, body, body_file)
        fields: dict[str, object] = {
            "section": typed.section,
            "title": typed.title,
            "body": typed.body,
            "sources": typed.sources,
            "subtitle": subtitle,
        }
        submissions = [api.Submission(fields, "稿件")]
    added = api.add_submissions(issue, submissions, force=force)
    tell(added)
    for finding in added.findings:
        text = added.describe(finding)
        if finding.severity == "error":
            say(f"错误（已按 --force 写入）：{text}")
        else:
            say(f"提醒：{text}")
    for number, article in zip(added.numbers, added.articles, strict=True):
        out(f"已添加第 {number} 篇：【{article.section}】{article.title or '（无标题）'}")


def _read_body_file(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileProblem(path, f"无法读取正文文件：{err.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(path, "正文文件既不是 UTF-8 也不是 GBK 编码", hint="另存为 UTF-8 编码后再试")


@dataclass(frozen=True, slots=True)
class _Typed:
    """The fields of one article as typed or asked for."""

    section: str
    title: str
    sources: list[str]
    body: str


def _ask_missing(
    section: str | None,
    title: str | None,
    sources: list[str] | None,
    body: str | None,
    body_file: str | None,
) -> _Typed:
    if body is not None and body_file is not None:
        raise InputProblem("--body 和 --body-file 只能写一个")
    if body_file is not None:
        body = _read_body_file(body_file)
    interactive = stdin_is_terminal() and body_file != "-"
    if not sources and body is not None and clean_body(body).sources:
        sources = []  # the attribution typed at the end of the body supplies them
        has_sources = True
    else:
        has_sources = bool(sources)
    missing = [
        name
        for name, value in (("--section", section), ("--title", title), ("--source", has_sources))
        if not value
    ]
    if body is None:
        missing.append("--body 或 --body-file")
    if missing and not interactive:
        raise InputProblem(
            f"缺少 {'、'.join(missing)}",
            hint="示例：bulletin add issues/2012-01.toml --section 工作动态 --title 标题 "
            "--source 办公室 --body-file 稿件.txt",
        )
    if section is None:
        section = typer.prompt("栏目")
    if title is None:
        title = typer.prompt("标题")
    if not has_sources:
        sources = [typer.prompt("供稿单位（多个用、分隔）")]
    if body is None:
        body = _prompt_body()
    return _Typed(section, title, sources or [], body)


def _prompt_body() -> str:
    say("请输入或粘贴正文，输入完后在新的一行只输入一个英文句点 . 并回车：")
    lines = []
    for line in sys.stdin:
        if line.rstrip("\r\n") == ".":
            break
        lines.append(line)
    return "".join(lines)


def _submissions_from_json_lines() -> list[api.Submission]:
    """Standard input, one JSON object a line; the API validates each object's fields."""
    submissions = []
    for number, line in enumerate(sys.stdin, start=1):
        if line.strip():
            submissions.append(
                api.Submission(_json_object(line, number), f"标准输入第 {number} 行")
            )
    if not submissions:
        raise InputProblem("标准输入中没有稿件", hint='每行一个 JSON 对象，如 {"section": …}')
    return submissions


def _json_object(line: str, number: int) -> dict[str, object]:
    import json

    where = f"标准输入第 {number} 行"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputProblem(f"{where}不是有效的 JSON：{err.msg}（第 {err.colno} 列）") from None
    if not isinstance(data, dict):
        raise InputProblem(f"{where}应是一个 JSON 对象")
    return data


@app.command("list")
@handles_errors
def list_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件。")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（供脚本使用）。")] = False,
) -> None:
    """列出一期的稿件：序号、栏目、标题、供稿单位和字数。

    示例：bulletin list issues/2012-01.toml

    示例：bulletin list issues/2012-01.toml --json
    """
    import json

    listed = api.list_articles(issue)
    if as_json:
        out(json.dumps(listed.as_dict(), ensure_ascii=False, indent=2))
        return
    if stdout_is_terminal():
        _print_rich_table(listed.rows)
    else:
        for row in listed.rows:
            cells = (row.number, row.section, row.title, "、".join(row.sources), row.characters)
            out("\t".join(str(cell) for cell in cells))
    say(f"共 {len(listed.rows)} 篇，{listed.characters} 字。")


def _print_rich_table(rows: list[ArticleRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("序号", "栏目", "标题", "供稿单位", "字数")
    for row in rows:
        table.add_row(
            str(row.number), row.section, row.title, "、".join(row.sources), str(row.characters)
        )
    Console().print(table)

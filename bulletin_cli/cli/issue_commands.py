"""init, new, add and list: starting an issue and filling it."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from .. import api
from ..errors import FileProblem, InputProblem, os_reason
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
from .prompts import Typing, saving_draft
from .visible import cell, table_cell

if TYPE_CHECKING:
    from .._service.results import ArticleRow


@app.command("init")
@handles_errors
def init_command(
    folder: Annotated[
        Path, typer.Argument(help="写入 bulletin.toml 的文件夹（默认当前文件夹）。", readable=False)
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 bulletin.toml。")] = False,
    name: Annotated[
        str | None, typer.Option("--name", help="简报名称，印在报头，如 阳光街道工作简报。")
    ] = None,
    editor: Annotated[
        str | None, typer.Option("--editor", help="编印单位，如 阳光街道办公室。")
    ] = None,
    sections: Annotated[
        list[str] | None,
        typer.Option("--section", help="栏目，按印刷顺序；几个栏目就写几次 --section。"),
    ] = None,
    briefs: Annotated[
        list[str] | None,
        typer.Option("--brief", help="简讯栏目（稿件可以没有标题），如 一句话信息；可写几次。"),
    ] = None,
    units: Annotated[
        list[str] | None, typer.Option("--unit", help="供稿单位；几个单位就写几次 --unit。")
    ] = None,
    unit_sections: Annotated[
        list[str] | None,
        typer.Option(
            "--unit-section", help="单位的常用栏目，写成 单位=栏目，如 阳光社区=基层交流。"
        ),
    ] = None,
) -> None:
    """写一份带中文注释的 bulletin.toml（本单位的简报设置）。

    示例：bulletin init --name "阳光街道工作简报" --editor "阳光街道办公室" --section 工作动态 --section 基层交流 --brief 一句话信息 --unit 阳光社区 --unit-section 阳光社区=基层交流

    示例：bulletin init（在终端里逐项询问）

    没写的项目先用示例值；以后用 bulletin sections、bulletin units 修改，不必打开文件。
    """
    settings = api.FirstSettings(
        name=name,
        editor=editor,
        sections=tuple(sections or ()),
        briefs=tuple(briefs or ()),
        units=tuple(units or ()),
        unit_sections=tuple(api.parse_unit_section(pair) for pair in unit_sections or ()),
    )
    if settings.is_empty and stdin_is_terminal():
        from .init_prompts import ask_first_settings

        api.require_new_profile(folder, force=force)
        settings = ask_first_settings()
    written = api.init_profile(
        folder, force=force, settings=None if settings.is_empty else settings
    )
    out(str(written.path))
    if settings.is_empty:
        say(
            "已写好简报设置（栏目、单位是示例）。用 bulletin sections add、bulletin units add 修改，"
            "或用 bulletin init --force --name … 重新写一份。"
        )
    else:
        say("已写好简报设置。查看：bulletin sections、bulletin units；下一步：bulletin new")


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
    folder: Annotated[
        Path, typer.Option("--dir", help="期刊文件所在文件夹。", readable=False)
    ] = Path("issues"),
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="<类别>",
            help="期刊类别：增刊、专刊、专报、特刊或 bulletin.toml 的 kinds 中的类别，单独编号。",
        ),
    ] = None,
    no_profile: Annotated[
        bool,
        typer.Option("--no-profile", help="没有 bulletin.toml 也照样新建（按默认设置）。"),
    ] = False,
) -> None:
    """新建下一期的期刊文件，并显示它的路径。

    示例：bulletin new

    示例：bulletin new --number 3 --date 2012-03-20

    示例：bulletin new --kind 增刊

    增刊、专刊等每年单独从第1期编起，文件名如 issues/2012-增刊01.toml。

    要在 bulletin.toml 所在的文件夹（或其下级文件夹）里运行；还没有的话先运行 bulletin init。
    """
    when = parse_date(date) if date is not None else None
    created = api.create_issue(
        folder,
        number=number,
        total=total,
        date=when,
        kind=kind,
        require_profile=not no_profile,
    )
    tell(created)
    path, issue = created.path, created.issue
    out(str(path))
    total_text = f"（总第{issue.total}期）" if issue.total else ""
    label = f"{issue.kind or ''}第{issue.number}期"
    say(f"已新建{label}{total_text}，用 bulletin add {path} 添加稿件。")


@app.command("add")
@handles_errors
def add_command(
    issue: Annotated[
        Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。", readable=False)
    ],
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
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="从单位的稿件（.docx 或 .txt）读标题、正文和供稿单位。"),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="这篇稿件的编者按（印在标题和正文之间）。")
    ] = None,
    pictures: Annotated[
        list[Path] | None,
        typer.Option("--picture", help="图片（PNG 或 JPEG），排在正文之后；多张重复写 --picture。"),
    ] = None,
    captions: Annotated[
        list[str] | None,
        typer.Option("--caption", help="图片说明，按顺序对应各 --picture。"),
    ] = None,
) -> None:
    """往一期简报里添加一篇稿件（排在本栏目最后，按栏目目录的顺序；原有内容一字不改）。

    示例：bulletin add issues/2012-01.toml --section 工作动态 --title "市总工会召开全委会" --source 市总办公室 --body-file 稿件.txt

    示例：bulletin add issues/2012-01.toml --from 稿件-吴中区总工会.docx --section 工作动态

    示例：bulletin add issues/2012-01.toml --section 工作动态 --title "全委会召开" --source 市总办公室 --body-file 稿件.txt --picture 会议.jpg --caption "图为会议现场"

    在终端里不写的项目会逐项询问；在脚本里缺项直接报错。正文末尾粘贴的（供稿单位）会自动移到供稿单位。
    """
    figures = _figure_fields(note, pictures or [], captions or [])
    if from_file is not None:
        if figures:
            raise InputProblem(
                "--from 不能和 --note、--picture 一起用",
                hint="先用 --from 添加，再用 bulletin edit 加编者按或图片",
            )
        from .collect_command import add_from

        other_body = body is not None or body_file is not None or as_json
        add_from(issue, from_file, section=section, title=title, subtitle=subtitle,
                 sources=sources, force=force, other_body=other_body)  # fmt: skip
        return
    if as_json:
        _add(issue, _submissions_from_json_lines(), force=force)
        return
    with saving_draft(issue) as typed:
        _ask_missing(issue, typed, section, title, subtitle, sources, body, body_file)
        form = typed.form
        fields: dict[str, object] = {
            "section": form.section,
            "title": form.title,
            "body": form.body,
            "sources": form.sources,
            "subtitle": form.subtitle or None,
            **figures,
        }
        _add(issue, [api.Submission(fields, "稿件")], force=force)


def _figure_fields(
    note: str | None, pictures: list[Path], captions: list[str]
) -> dict[str, object]:
    """The note and pictures of ``add`` as the keys of an article (pictures checked first)."""
    if len(captions) > len(pictures):
        raise InputProblem(
            f"--caption 有 {len(captions)} 个，--picture 只有 {len(pictures)} 个",
            hint="每个 --caption 跟在它的 --picture 之后",
        )
    fields: dict[str, object] = {}
    if note is not None and note.strip():
        fields["note"] = note.strip()
    items: list[dict[str, object]] = []
    for index, picture in enumerate(pictures):
        api.read_picture_file(picture)  # a missing or unusable picture is said first
        item: dict[str, object] = {"file": str(picture)}
        if index < len(captions) and captions[index].strip():
            item["caption"] = captions[index].strip()
        items.append(item)
    if items:
        fields["pictures"] = items
    return fields


def _add(issue: Path, submissions: list[api.Submission], *, force: bool) -> None:
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
        return _decoded(_standard_input().read(), "标准输入")
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileProblem(path, f"无法读取正文文件：{os_reason(err)}") from None
    return _decoded(data, path)


def _standard_input() -> BinaryIO:
    """Standard input as bytes (its text encoding may be ASCII under a bare locale)."""
    if sys.stdin is None:
        raise InputProblem("标准输入已关闭，读不到内容", hint="用管道或 < 文件 提供内容")
    buffer: BinaryIO = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode())
    return buffer


def _decoded(data: bytes, where: Path | str) -> str:
    """Text in UTF-8 (with or without a BOM) or GBK, as Windows Notepad saves it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if isinstance(where, str):
        raise InputProblem(f"{where}既不是 UTF-8 也不是 GBK 编码的文字")
    raise FileProblem(where, "正文文件既不是 UTF-8 也不是 GBK 编码", hint="另存为 UTF-8 编码后再试")


def _ask_missing(
    issue: Path,
    typed: Typing,
    section: str | None,
    title: str | None,
    subtitle: str | None,
    sources: list[str] | None,
    body: str | None,
    body_file: str | None,
) -> None:
    """Fill ``typed`` from the options, asking at a terminal for what they lack."""
    from .prompts import Given, ask_article

    if body is not None and body_file is not None:
        raise InputProblem("--body 和 --body-file 只能写一个")
    if body_file is not None:
        body = _read_body_file(body_file)
    has_sources = bool(sources) or (body is not None and bool(clean_body(body).sources))
    missing = [
        name
        for name, lacking in (
            ("--section", not section),
            ("--title", title is None),
            ("--source", not has_sources),
            ("--body 或 --body-file", body is None),
        )
        if lacking
    ]
    if missing:  # a missing or broken issue file is said first (exit 3), before any question
        api.require_issue_file(issue)
    if missing and not (stdin_is_terminal() and body_file != "-"):
        raise InputProblem(
            f"缺少 {'、'.join(missing)}",
            hint="示例：bulletin add issues/2012-01.toml --section 工作动态 --title 标题 "
            "--source 办公室 --body-file 稿件.txt",
        )
    given = Given(section or None, title, subtitle, sources if has_sources else None, body)
    typed.fill(given)
    if missing:
        ask_article(given, api.load_profile(issue), typed)
    if not clean_body(typed.form.body).body:
        raise InputProblem(
            "正文是空的",
            hint="每篇稿件都要有正文：写在 --body 后面，或用 --body-file 指定文本文件",
        )


def _submissions_from_json_lines() -> list[api.Submission]:
    """Standard input, one JSON object a line; the API validates each object's fields."""
    submissions = []
    for number, raw in enumerate(_standard_input(), start=1):
        line = _decoded(raw, f"标准输入第 {number} 行")
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
    except RecursionError:
        raise InputProblem(f"{where}的 JSON 嵌套太深，不是一篇稿件") from None
    except ValueError:  # an integer of thousands of digits
        raise InputProblem(f"{where}的 JSON 中有无法读取的数（位数太多）") from None
    if not isinstance(data, dict):
        raise InputProblem(f"{where}应是一个 JSON 对象")
    return data


@app.command("list")
@handles_errors
def list_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件。", readable=False)],
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
            out("\t".join(cell(value) for value in cells))
    say(f"共 {len(listed.rows)} 篇，{listed.characters} 字。")


def _print_rich_table(rows: list[ArticleRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("序号", "栏目", "标题", "供稿单位", "字数")
    for row in rows:
        values = (row.number, row.section, row.title, "、".join(row.sources), row.characters)
        table.add_row(*(table_cell(value) for value in values))
    Console().print(table)

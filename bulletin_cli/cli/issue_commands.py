"""init, new, add and list: starting an issue and filling it."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypedDict

import typer

from ..errors import FileProblem, InputProblem
from ..model import Article
from ..textclean import clean_body
from .app import (
    app,
    handles_errors,
    out,
    parse_date,
    say,
    stdin_is_terminal,
    stdout_is_terminal,
)


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
    from ..issuefile.store import atomic_write
    from ..profile import PROFILE_NAME, profile_template

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PROFILE_NAME
    atomic_write(path, profile_template().encode("utf-8"), exclusive=not force)
    out(str(path))
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
    from ..issuefile.store import create_issue, issue_file_name, next_issue_number
    from ..model import Issue

    when = parse_date(date) if date else dt.date.today()
    following = next_issue_number(folder, when.year)
    issue = Issue(
        number=number or following.number,
        total=total or following.total,
        date=when,
    )
    path = create_issue(folder / issue_file_name(when.year, issue.number), issue)
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
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="从单位的稿件（.docx 或 .txt）读标题、正文和供稿单位。"),
    ] = None,
) -> None:
    """往一期简报里添加一篇稿件（追加在最后，原有内容一字不改）。

    示例：bulletin add issues/2012-01.toml --section 工作动态 --title "市总工会召开全委会" --source 市总办公室 --body-file 稿件.txt

    示例：bulletin add issues/2012-01.toml --from 稿件-吴中区总工会.docx --section 工作动态

    在终端里不写的项目会逐项询问；在脚本里缺项直接报错。正文末尾粘贴的（供稿单位）会自动移到供稿单位。
    """
    from ..editing import add_articles

    if from_file is not None:
        from .collect_command import add_from

        other_body = body is not None or body_file is not None or as_json
        add_from(issue, from_file, section=section, title=title, subtitle=subtitle,
                 sources=sources, force=force, other_body=other_body)  # fmt: skip
        return
    if as_json:
        prepared = _articles_from_json_lines()
    else:
        typed = _ask_missing(section, title, sources, body, body_file)
        prepared = [
            _prepare(
                section=typed.section,
                title=typed.title,
                body=typed.body,
                sources=typed.sources,
                subtitle=subtitle,
            )
        ]
    _require_file(issue)
    for _article, notes in prepared:
        for note in notes:
            say(f"提示：{note}")
    _check_before_adding(issue, [article for article, _ in prepared], force=force)
    numbers = add_articles(issue, [article for article, _ in prepared])
    for number, (article, _) in zip(numbers, prepared, strict=True):
        out(f"已添加第 {number} 篇：【{article.section}】{article.title or '（无标题）'}")


def _check_before_adding(issue: Path, articles: list[Article], *, force: bool) -> None:
    """Run check's article rules: show warnings, refuse errors unless ``--force``."""
    from ..check.engine import check_article
    from ..errors import ContentRefused
    from ..profile import profile_for

    profile = profile_for(issue)
    errors: list[str] = []
    for number, article in enumerate(articles, start=1):
        lead = f"第 {number} 篇稿件：" if len(articles) > 1 else ""
        for finding in check_article(article, profile):
            text = f"{lead}{finding.code} {finding.message}"
            if finding.hint:
                text += f"（{finding.hint}）"
            if finding.severity == "error":
                errors.append(text)
            else:
                say(f"提醒：{text}")
    if errors and force:
        for text in errors:
            say(f"错误（已按 --force 写入）：{text}")
    elif errors:
        raise ContentRefused(
            "稿件不符合要求，未添加：\n  " + "\n  ".join(errors),
            hint="改正后再添加；确需照样写入时加 --force",
        )


def _require_file(path: Path) -> None:
    """A missing or unparsable issue file is reported (exit 3) before the article is judged."""
    from ..issuefile.store import parse_toml, read_text

    if not path.is_file():
        raise FileProblem(path, "期刊文件不存在", hint="先用 bulletin new 新建一期")
    parse_toml(read_text(path), path)


def _prepare(
    *, section: str, title: str, body: str, sources: list[str], subtitle: str | None
) -> tuple[Article, list[str]]:
    from ..editing import prepare_article

    result = prepare_article(
        section=section, title=title, body=body, sources=sources, subtitle=subtitle
    )
    return result.article, result.notes


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


_JSON_KEYS = {"section", "title", "subtitle", "sources", "body"}


def _articles_from_json_lines() -> list[tuple[Article, list[str]]]:
    prepared = []
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        prepared.append(_article_from_json(line, number))
    if not prepared:
        raise InputProblem("标准输入中没有稿件", hint='每行一个 JSON 对象，如 {"section": …}')
    return prepared


def _article_from_json(line: str, number: int) -> tuple[Article, list[str]]:
    import json

    where = f"标准输入第 {number} 行"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputProblem(f"{where}不是有效的 JSON：{err.msg}（第 {err.colno} 列）") from None
    if not isinstance(data, dict):
        raise InputProblem(f"{where}应是一个 JSON 对象")
    unknown = sorted(set(data) - _JSON_KEYS)
    if unknown:
        raise InputProblem(
            f"{where}有未知的键 {'、'.join(unknown)}",
            hint="可用的键：" + "、".join(sorted(_JSON_KEYS)),
        )
    sources = data.get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    text_fields = {k: data.get(k, "") for k in ("section", "title", "body")}
    subtitle = data.get("subtitle")
    if (
        not all(isinstance(v, str) for v in text_fields.values())
        or not (isinstance(sources, list) and all(isinstance(s, str) for s in sources))
        or not (subtitle is None or isinstance(subtitle, str))
    ):
        raise InputProblem(
            f"{where}：section、title、subtitle、body 应为文本，sources 应为文本列表"
        )
    try:
        return _prepare(subtitle=subtitle, sources=sources, **text_fields)
    except InputProblem as err:
        raise InputProblem(f"{where}：{err.message}", hint=err.hint) from None


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

    from ..issuefile.store import load_issue

    loaded = load_issue(issue)
    rows = [_row(number, article) for number, article in enumerate(loaded.issue.articles, start=1)]
    if as_json:
        head = loaded.issue
        document = {
            "path": str(issue),
            "issue": {
                "number": head.number,
                "total": head.total,
                "date": head.date.isoformat() if head.date else None,
            },
            "articles": rows,
        }
        out(json.dumps(document, ensure_ascii=False, indent=2))
        return
    if stdout_is_terminal():
        _print_rich_table(rows)
    else:
        for row in rows:
            out(
                "\t".join(
                    str(v)
                    for v in (
                        row["number"],
                        row["section"],
                        row["title"],
                        "、".join(row["sources"]),
                        row["characters"],
                    )
                )
            )
    say(f"共 {len(rows)} 篇，{sum(r['characters'] for r in rows)} 字。")


class _Row(TypedDict):
    number: int
    section: str
    title: str
    subtitle: str | None
    sources: list[str]
    characters: int


def _row(number: int, article: Article) -> _Row:
    return {
        "number": number,
        "section": article.section,
        "title": article.title,
        "subtitle": article.subtitle,
        "sources": list(article.sources),
        "characters": sum(1 for ch in article.body if not ch.isspace()),
    }


def _print_rich_table(rows: list[_Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("序号", "栏目", "标题", "供稿单位", "字数")
    for row in rows:
        sources = row["sources"]
        assert isinstance(sources, list)
        table.add_row(
            str(row["number"]),
            str(row["section"]),
            str(row["title"]),
            "、".join(sources),
            str(row["characters"]),
        )
    Console().print(table)

"""check: find every mistake an editor would look for, say where, and how to fix it."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import api
from .app import app, handles_errors, out, say, stdin_is_terminal, stdout_is_terminal, tell
from .visible import visible

if TYPE_CHECKING:
    from .._service.checking import CheckedFile, NameChoice
    from ..check.findings import CheckReport, Finding
    from ..model import Issue


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


_SEVERITY = {"error": "错误", "warning": "提醒"}
_STYLE = {"error": "bold red", "warning": "yellow"}


@app.command("check")
@handles_errors
def check_command(
    issues: Annotated[
        list[Path],
        typer.Argument(
            help="期刊文件，可写多个，如 issues/*.toml；写文件夹则检查其中各期。", readable=False
        ),
    ],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text 供人阅读；json 供脚本使用。")
    ] = OutputFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="提醒也作为错误（送审前使用）。")
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="自动改正栏目名、供稿单位、标题末尾和半角标点，并把稿件按印出的顺序排列；"
            "其余内容一字不动，并列出每处改动。",
        ),
    ] = False,
) -> None:
    """检查一期或几期简报：栏目、供稿单位、标题、正文、报头和篇幅，指出每处问题的行号和改法。

    示例：bulletin check issues/2012-01.toml

    示例：bulletin check issues/*.toml --strict

    示例：bulletin check issues/2012-01.toml --fix

    没有错误时退出码为 0，有错误为 1，文件无法读取或格式错误为 3。
    """
    run = api.check_files(issues, strict=strict, fix=fix)
    if fix and output is OutputFormat.text and stdin_is_terminal() and _choose_names(run.files):
        fixed = {checked.path: checked.fixes for checked in run.files}
        run = api.check_files(issues, strict=strict)  # the report after the clerk's choices
        for checked in run.files:
            checked.fixes = fixed.get(checked.path, [])
    tell(run)
    if output is OutputFormat.json:
        document = {"files": [checked.as_dict() for checked in run.files]}
        out(json.dumps(document, ensure_ascii=False, indent=2))
        for checked in run.files:
            if checked.problem is not None:
                say(f"错误：{checked.problem}")
    else:
        _print_text(run.files)
    if run.exit_code:
        raise typer.Exit(run.exit_code)


def _choose_names(files: list[CheckedFile]) -> bool:
    """At a terminal, after ``--fix``: for each section or unit with several close catalogue
    entries, ask which one is meant (Enter leaves it); whether anything was changed."""
    from .prompts import read_line

    changed = False
    for checked in files:
        if checked.problem is not None:
            continue
        for choice in api.name_choices(checked.path):
            field = "栏目" if choice.key == "section" else "供稿单位"
            listed = "　".join(f"{n} {name}" for n, name in enumerate(choice.candidates, 1))
            say(
                f"{checked.path} 第 {choice.article} 篇的{field}“{choice.name}”有几个相近的：{listed}"
            )
            picked = _picked(read_line("写序号选一个（直接回车不改）："), choice.candidates)
            if picked is None:
                continue
            _apply_choice(checked.path, choice, picked)
            out(
                f"{checked.path}: 已改正 第 {choice.article} 篇 {field}：“{choice.name}” → “{picked}”"
            )
            changed = True
    return changed


def _picked(answer: str, candidates: tuple[str, ...]) -> str | None:
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(candidates):
        return candidates[int(answer) - 1]
    return answer if answer in candidates else None


def _apply_choice(path: Path, choice: NameChoice, picked: str) -> None:
    if choice.key == "section":
        api.edit_article(path, choice.article, section=picked)
        return
    article = api.article_of(path, choice.article)
    units = [picked if unit == choice.name else unit for unit in article.sources]
    api.edit_article(path, choice.article, sources=list(dict.fromkeys(units)))


class _Printer:
    """Plain lines, or coloured lines through rich when stdout is a terminal."""

    def __init__(self) -> None:
        self.console = None
        if stdout_is_terminal():
            from rich.console import Console

            self.console = Console(highlight=False, soft_wrap=True)

    def line(self, text: str, style: str | None = None) -> None:
        if self.console is None:
            out(text)
            return
        from rich.text import Text

        self.console.print(Text(visible(text), style=style or ""))


def _print_text(results: list[CheckedFile]) -> None:
    printer = _Printer()
    totals = [0, 0]
    for result in results:
        if result.problem is not None:
            say(f"错误：{result.problem}")
            continue
        for change in result.fixes:
            printer.line(
                f"{result.path}:{change.line}: 已改正 {change.code} {change.describe()}", "green"
            )
        report = result.report
        assert report is not None and result.issue is not None
        _print_report(printer, str(result.path), report, result.issue)
        totals[0] += report.errors
        totals[1] += report.warnings
    if len(results) > 1:
        style = "bold red" if totals[0] else "green"
        printer.line(
            f"合计：{totals[0]} 个错误，{totals[1]} 个提醒（{len(results)} 个文件）。", style
        )


def _print_report(printer: _Printer, shown: str, report: CheckReport, issue: Issue) -> None:
    groups: dict[int | None, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(finding.article, []).append(finding)
    if groups:
        printer.line(shown, "bold")
    for article, findings in sorted(groups.items(), key=lambda item: item[0] or 0):
        printer.line("  " + _heading(article, issue), "bold")
        for finding in findings:
            where = f"{shown}:{finding.line}" if finding.line else shown
            label = _SEVERITY[finding.severity]
            printer.line(
                f"    {where}: {label} {finding.code} {finding.message}", _STYLE[finding.severity]
            )
            if finding.hint:
                printer.line(f"      提示：{finding.hint}")
    summary = (
        f"{shown}：{report.errors} 个错误，{report.warnings} 个提醒，估计印 {report.pages} 页。"
    )
    if not report.findings:
        summary = f"{shown}：没有发现问题，估计印 {report.pages} 页。"
    printer.line(summary, "bold red" if report.errors else "green")


def _heading(article: int | None, issue: Issue) -> str:
    if article is None or not 0 < article <= len(issue.articles):
        return "全期" if article is None else f"第 {article} 篇"
    item = issue.articles[article - 1]
    title = item.title.strip() or "（无标题）"
    if len(title) > 24:
        title = title[:23] + "…"
    return f"第 {article} 篇 【{item.section.strip()}】{title}"

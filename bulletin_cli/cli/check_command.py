"""check: find every mistake an editor would look for, say where, and how to fix it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError
from .app import app, handles_errors, out, say, stdout_is_terminal

if TYPE_CHECKING:
    from ..check.findings import CheckReport, Finding
    from ..check.fixes import Change
    from ..model import Issue


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


_SEVERITY = {"error": "错误", "warning": "提醒"}
_STYLE = {"error": "bold red", "warning": "yellow"}


@dataclass(slots=True)
class _Result:
    """One file's outcome: its report, or the problem that kept it from being checked."""

    shown: str
    report: CheckReport | None = None
    issue: Issue | None = None
    problem: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.problem is not None:
            return EXIT_FILE
        assert self.report is not None
        return EXIT_OK if self.report.ok else EXIT_FINDINGS


@app.command("check")
@handles_errors
def check_command(
    issues: Annotated[
        list[Path],
        typer.Argument(help="期刊文件，可写多个，如 issues/*.toml；写文件夹则检查其中各期。"),
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
            "--fix", help="自动改正栏目名、供稿单位和半角标点，其余内容一字不动，并列出每处改动。"
        ),
    ] = False,
) -> None:
    """检查一期或几期简报：栏目、供稿单位、标题、正文、报头和篇幅，指出每处问题的行号和改法。

    示例：bulletin check issues/2012-01.toml

    示例：bulletin check issues/*.toml --strict

    示例：bulletin check issues/2012-01.toml --fix

    没有错误时退出码为 0，有错误为 1，文件无法读取或格式错误为 3。
    """
    results = [_check_one(path, strict=strict, fix=fix) for path in _expand(issues)]
    if output is OutputFormat.json:
        out(json.dumps({"files": [_json_entry(r) for r in results]}, ensure_ascii=False, indent=2))
        for result in results:
            if result.problem is not None:
                say(f"错误：{result.problem}")
    else:
        _print_text(results)
    code = max(result.exit_code for result in results)
    if code:
        raise typer.Exit(code)


def _expand(paths: list[Path]) -> list[Path]:
    """A folder stands for the issue files in it."""
    from ..issuefile.store import issue_files

    expanded: list[Path] = []
    for path in paths:
        inside = issue_files(path) if path.is_dir() else []
        expanded.extend(inside or [path])
    return expanded


def _check_one(path: Path, *, strict: bool, fix: bool) -> _Result:
    from ..check.engine import check_loaded
    from ..issuefile.store import load_issue
    from ..profile import profile_for

    result = _Result(str(path))
    try:
        profile = profile_for(path)
        if fix:
            from ..check.fixes import fix_file

            result.changes = fix_file(path, profile=profile)
        loaded = load_issue(path)
        result.report = check_loaded(loaded, profile, strict=strict)
        result.issue = loaded.issue
    except BulletinError as err:
        result.problem = str(err)
    return result


def _json_entry(result: _Result) -> dict[str, object]:
    if result.report is None:
        return {
            "path": result.shown,
            "errors": 0,
            "warnings": 0,
            "findings": [],
            "problem": result.problem,
        }
    entry = result.report.as_dict(result.shown)
    if result.changes:
        entry["fixed"] = [
            {
                "code": c.code,
                "line": c.line,
                "article": c.article,
                "key": c.key,
                "change": c.describe(),
            }
            for c in result.changes
        ]
    return entry


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

        self.console.print(Text(text, style=style or ""))


def _print_text(results: list[_Result]) -> None:
    printer = _Printer()
    totals = [0, 0]
    for result in results:
        if result.problem is not None:
            say(f"错误：{result.problem}")
            continue
        for change in result.changes:
            printer.line(
                f"{result.shown}:{change.line}: 已改正 {change.code} {change.describe()}", "green"
            )
        report = result.report
        assert report is not None and result.issue is not None
        _print_report(printer, result.shown, report, result.issue)
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

"""export and fonts: write the printable DOCX (and PDF), and report the faces it needs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import api
from .app import app, handles_errors, out, say, stdout_is_terminal, tell
from .visible import table_cell, visible

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from .._service.exporting import ExportOutcome
    from ..check.findings import Finding

_SEVERITY = {"error": "错误", "warning": "提醒"}


@app.command("export")
@handles_errors
def export_command(
    issues: Annotated[
        list[Path], typer.Argument(help="期刊文件，可写多个，如 issues/*.toml。", readable=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            readable=False,
            help="一期：导出的 .docx 文件（写 .pdf 则 PDF 在此、DOCX 在旁边）；多期：存放的文件夹。"
            "不写时放在期刊文件旁的 build 文件夹。",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="检查出错误也照样导出（不建议用于正式印发）。")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="同时用 LibreOffice 生成 PDF（需已安装 LibreOffice）。")
    ] = False,
) -> None:
    """导出可以打印、归档的 Word 文件（公文版式：红色报头、每页 22 行、每行 28 字、页码、报尾）。

    示例：bulletin export issues/2012-01.toml

    示例：bulletin export issues/2012-01.toml -o 2012年第1期.docx --pdf

    示例：bulletin export issues -o 导出（文件夹表示其中的每一期）

    导出前按 bulletin check 的规则检查：有错误的一期不导出（退出码 1），加 --force 可强制导出；
    提醒照常显示。同一期导出两次，文件完全相同。
    """
    progress = _Progress()
    try:
        run = api.export_issues(issues, output, force=force, pdf=pdf, progress=progress.advance)
    finally:
        progress.close()
    tell(run)
    outcomes = run.outcomes
    for outcome in outcomes:
        _report(outcome)
    for problem in sorted({o.pdf_problem for o in outcomes if o.pdf_problem}):
        say(f"错误：{problem}")
    if len(outcomes) == 1:
        only = outcomes[0]
        if only.written and only.out is not None:
            out(str(only.out))
            if only.pdf is not None:
                out(str(only.pdf))
    else:
        _table(outcomes)
    if run.exit_code:
        raise typer.Exit(run.exit_code)


class _Progress:
    """A progress bar on stderr, only for several issues and only at a terminal."""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def advance(self, outcome: ExportOutcome, total: int) -> None:
        if self.bar is None and total > 1 and sys.stderr is not None and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("正在导出", total=total)
            self.bar.start()
        if self.bar is not None and self.task is not None:
            name = outcome.source.name if outcome.source is not None else ""
            self.bar.update(self.task, advance=1, description=name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _finding_line(source: Path | None, finding: Finding) -> str:
    where = f"{source}:{finding.line}" if finding.line else str(source)
    text = f"{where}: {_SEVERITY[finding.severity]} {finding.code} {finding.message}"
    if finding.hint:
        text += f"\n  提示：{finding.hint}"
    return text


def _report(outcome: ExportOutcome) -> None:
    if outcome.problem is not None:
        say(f"错误：{outcome.problem}")
        return
    for finding in [*outcome.errors, *outcome.warnings]:
        say(_finding_line(outcome.source, finding))
    if outcome.gaps:
        say(
            f"提醒：{outcome.source}：{outcome.gap_summary}。"
            "打印出来可能是空白或方框；可在 bulletin.toml 的 [layout] 中改用“仿宋”“楷体”。"
        )
    if outcome.refused:
        say(
            f"{outcome.source}：有 {len(outcome.errors)} 个错误，未导出。"
            "改正后再导出，或加 --force 强制导出。"
        )
    elif outcome.written:
        pages = f"，约 {outcome.pages} 页" if outcome.pages else ""
        forced = f"（按 --force 导出，含 {len(outcome.errors)} 个错误）" if outcome.errors else ""
        say(f"已导出 {outcome.out}{pages}{forced}。")
        if outcome.backup is not None:
            say(f"提醒：原来的 {outcome.out} 在导出后被改动过，已另存为 {outcome.backup}。")
        if outcome.pdf is not None:
            say(f"已生成 PDF {outcome.pdf}。")
        if outcome.substitute_summary:
            say(
                f"提醒：本机没有正式字体，PDF 中改用代用字体：{outcome.substitute_summary}。"
                "装上正式字体后重新生成，才是标准版式；DOCX 不受影响。"
            )


def _result_text(outcome: ExportOutcome) -> str:
    if outcome.problem is not None:
        return "失败：无法读取或写入"
    if outcome.refused:
        return f"未导出：{len(outcome.errors)} 个错误"
    if outcome.pdf_problem is not None:
        return "已导出 DOCX，PDF 失败"
    if outcome.errors:
        return f"已强制导出（{len(outcome.errors)} 个错误）"
    if outcome.warnings:
        return f"已导出（{len(outcome.warnings)} 个提醒）"
    return "已导出"


def _table(outcomes: list[ExportOutcome]) -> None:
    rows = [
        (
            str(o.out if o.written else o.source),
            str(o.pages) if o.pages else "—",
            _result_text(o),
        )
        for o in outcomes
    ]
    if stdout_is_terminal():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table("文件", "页数", "结果")
        for name, pages, result in rows:
            style = "green" if result.startswith("已导出") else "bold red"
            table.add_row(table_cell(name), pages, Text(visible(result)), style=style)
        Console().print(table)
        return
    for row in rows:
        out("\t".join(row))


@app.command("fonts")
@handles_errors
def fonts_command(
    issues: Annotated[
        list[Path] | None,
        typer.Argument(help="期刊文件（可选）：同时查出 GB2312 字体缺的字。", readable=False),
    ] = None,
) -> None:
    """查看简报用到的字体本机是否都有，以及稿件中 仿宋_GB2312 等字体缺的字（人名、地名生僻字）。

    示例：bulletin fonts issues/2012-01.toml
    """
    checked = api.font_check(issues or [])
    tell(checked)
    states = {True: "已安装", False: "本机没有", None: "无法判断"}
    for status in checked.report.faces:
        out(f"{status.face}\t{states[status.installed]}\t{'、'.join(status.uses)}")
    if checked.report.missing_faces:
        say(
            "提醒：本机缺少 "
            + "、".join(checked.report.missing_faces)
            + "。导出的文件在装有这些字体的电脑上打印才是标准版式；"
            "也可以在 bulletin.toml 的 [layout] 中换成本机有的字体。"
        )
    if not checked.installed_known:
        say("提醒：本机没有 fc-list，无法判断字体是否安装。")
    for gaps in checked.issues:
        out(f"{gaps.path}\t{gaps.summary or '没有 GB2312 字体缺的字'}")

"""stats: 信息采用统计, what each 供稿单位 had adopted across a period's issues, and the 通报."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import BulletinError
from ..kinds import issue_label
from ..scoring import points_text
from .app import app, handles_errors, out, parse_date, say, stdout_is_terminal, warn_without_profile
from .visible import table_cell, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..stats import AdoptionReport

BAR_WIDTH = 20


class StatsFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


@app.command("stats")
@handles_errors
def stats_command(
    issues: Annotated[
        list[Path],
        typer.Argument(help="期刊文件或文件夹，可写多个，如 issues 或 issues/2012-*.toml。"),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="<年份>", help="只统计这一年印发的各期，如 2012。"),
    ] = None,
    quarter: Annotated[
        int | None,
        typer.Option(
            "--quarter", metavar="<季度>", help="只统计这一季度（1～4），和 --year 一起用。"
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="<日期>", help="从这一天起（含），如 2012-01-01。"),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="<日期>", help="到这一天止（含），如 2012-06-30。")
    ] = None,
    output_format: Annotated[
        StatsFormat,
        typer.Option("--format", help="text 表格供人阅读；csv 供 Excel（带 BOM）；json 供脚本。"),
    ] = StatsFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="另存为文件：.docx 为信息采用情况通报（公文版式），.csv 为表格，.json 供脚本。",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="<日期>", help="通报落款日期，如 2013-01-10；默认今天。"),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="<类别>",
            help="只统计这一类别的各期，如 增刊；正刊 表示不带类别的各期。默认各类别都统计。",
        ),
    ] = None,
) -> None:
    """信息采用统计：各供稿单位被采用的稿件篇数（联合供稿、分栏目、分月），可生成通报。

    一篇稿件署了几个单位，就给每个单位各记一篇（“联合”一栏是其中与别的单位联合供稿的篇数）。
    bulletin.toml 的 units 中没有稿件被采用的单位也列出来，记 0 篇。名称相近的单位
    （如“街道公会”和“街道工会”）分开统计并提醒核对，不会自动合并。

    示例：bulletin stats issues --year 2012

    示例：bulletin stats issues --year 2012 --quarter 4

    示例：bulletin stats issues --year 2012 -o 2012年信息采用情况通报.docx

    示例：bulletin stats issues --from 2012-01-01 --to 2012-06-30 --format csv > 上半年.csv

    示例：bulletin stats issues --year 2012 --kind 增刊

    有文件无法读取时，其余各期照常统计，退出码为 3。
    """
    from .. import api
    from ..stats import output_kind

    notice_date = parse_date(date) if date is not None else None
    if output is not None:
        output_kind(output)  # a wrong suffix is a command-line error, found before counting
    warn_without_profile(issues[0])
    report = api.adoption_stats(
        issues,
        year=year,
        quarter=quarter,
        start=parse_date(start) if start is not None else None,
        end=parse_date(end) if end is not None else None,
        kind=kind,
    )
    _print(report, output_format)
    for problem in report.failed:
        say(f"错误：{problem.message}")
    code = report.exit_code
    if output is not None:
        try:
            backups: list[Path] = []
            say(
                f"已写出：{api.export_stats(report, out=output, date=notice_date, backups=backups)}"
            )
            for backup in backups:
                say(f"原有的文件改动过，已先备份为 {backup}")
        except BulletinError as err:  # the report printed above still stands
            say(f"错误：{err}")
            code = max(code, err.exit_code)
    if report.failed:
        say(
            f"有 {len(report.failed)} 个文件无法读取，未统计；其余 {len(report.counted)} 期已统计。"
        )
    if code:
        raise typer.Exit(code)


def _print(report: AdoptionReport, output_format: StatsFormat) -> None:
    from ..stats import CSV_ENCODING, report_csv, report_dict

    if output_format is StatsFormat.json:
        out(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
    elif output_format is StatsFormat.csv:
        sys.stdout.flush()
        sys.stdout.buffer.write(report_csv(report).encode(CSV_ENCODING))
        sys.stdout.buffer.flush()
    else:
        _print_table(report)


def _console() -> Console:
    from rich.console import Console

    if stdout_is_terminal():
        return Console(highlight=False)
    return Console(highlight=False, no_color=True, width=100, file=sys.stdout)


def _print_table(report: AdoptionReport) -> None:
    from rich.table import Table

    from ..stats import notice_title

    console = _console()
    title = notice_title(report).removesuffix("通报")
    if report.counted:
        caption = (
            f"统计 {len(report.counted)} 期（{report.issue_range()}），稿件 {report.articles} 篇，"
            f"其中联合供稿 {report.joint_articles} 篇；联合供稿的稿件计入每个署名单位。"
        )
    else:
        caption = "没有统计到任何一期。"
    table = Table(title=title, show_footer=True)
    scored = report.scoring is not None
    table.add_column("名次", justify="right", footer="")
    table.add_column("供稿单位", footer="合计")
    table.add_column("采用", justify="right", footer=str(report.attributions))
    table.add_column("联合", justify="right", footer=str(sum(t.joint for t in report.units)))
    if scored:
        adopted = sum(t.adopted for t in report.units)
        given = sum(t.instructions for t in report.units)
        table.add_column("上级采用", justify="right", footer=str(adopted))
        table.add_column("批示", justify="right", footer=str(given))
        table.add_column("积分", justify="right", footer=points_text(report.total_score, 1))
    table.add_column("", footer="")
    figures = [tally.score if scored else Fraction(tally.articles) for tally in report.units]
    most = max(figures, default=Fraction(0))
    for tally, figure in zip(report.units, figures, strict=True):
        bar = "█" * round(BAR_WIDTH * figure / most) if most else ""
        name = tally.unit if tally.known or not report.profile.units else f"{tally.unit} ＊"
        style = "red" if not tally.articles else ("yellow" if name.endswith("＊") else "")
        cells: list[str | Text] = [
            str(tally.rank),
            table_cell(name),
            str(tally.articles),
            str(tally.joint),
        ]
        if scored:
            cells += [str(tally.adopted), str(tally.instructions), points_text(tally.score, 1)]
        table.add_row(*cells, bar, style=style)
    console.print(table)
    console.print(visible(caption), markup=False)
    for line, style in _notes(report):
        # not wrapped by rich: a command in a note copies whole from the terminal
        console.print(visible(line), style=style, markup=False, soft_wrap=True)


def _notes(report: AdoptionReport) -> list[tuple[str, str]]:
    """What the clerk should know besides the figures, each with its colour."""
    counts = {tally.unit: tally.articles for tally in report.units}
    notes: list[tuple[str, str]] = []
    if report.profile.units and any(not t.known for t in report.units):
        notes.append(("＊ 不在 bulletin.toml 的单位名录（units）中。", "yellow"))
    zero = report.zero_units
    if zero:
        notes.append((f"未被采用的单位（{len(zero)} 个）：{'、'.join(zero)}", "red"))
    if report.duplicates:
        notes.append(("名称相近、可能是同一单位的（已分开统计，请核对）：", "yellow"))
        for item in report.duplicates:
            names = "与".join(f"“{name}”（{counts.get(name, 0)} 篇）" for name in item.units)
            notes.append((f"  {names}：{item.reason}", "yellow"))
        merged = next((item.units for item in report.duplicates if len(item.units) == 2), None)
        if merged is not None:
            folders = {record.path.parent for record in report.counted}
            folder = str(folders.pop()) if len(folders) == 1 else "期刊文件夹"
            notes.append(
                ("  确是同一单位的，合并后再统计（各期期刊文件一起改，可撤销）：", "yellow")
            )
            notes.append(
                (f"    bulletin units rename {merged[0]} {merged[1]} --issues {folder}", "yellow")
            )
    for repeated in report.repeated:
        year = f"{repeated.year}年" if repeated.year is not None else ""
        files = "、".join(str(path) for path in repeated.paths)
        label = issue_label(repeated.number, repeated.kind)
        notes.append(
            (
                f"{year}{label}有 {len(repeated.paths)} 个文件，都已统计：{files}",
                "yellow",
            )
        )
    if report.left_out:
        notes.append((f"另有 {len(report.left_out)} 期不在所选时段内，未统计。", ""))
    if report.undated:
        files = "、".join(str(path) for path in report.undated)
        effect = "未计入分月统计" if report.period.is_open else "无法判断是否在所选时段内，未统计"
        notes.append((f"{len(report.undated)} 期没有写印发日期（{files}），{effect}。", "yellow"))
    if report.unattributed:
        notes.append((f"有 {report.unattributed} 篇稿件没有写供稿单位。", "yellow"))
    if report.scoring is not None:
        notes.append((_scoring_note(report), ""))
    for entry in report.unscored:
        where = f"{entry.record.path} 第 {entry.number} 篇"
        notes.append(
            (
                f"{where}的“{entry.item.level}”级不在积分规则中，这一条没有计分"
                f"（运行 bulletin check {entry.record.path} 查看）",
                "yellow",
            )
        )
    return notes


def _scoring_note(report: AdoptionReport) -> str:
    rules = report.scoring
    joint = (
        "由各署名单位平分"
        if rules is not None and rules.joint == "split"
        else "每个署名单位各得全分"
    )
    adopted = sum(entry.points is not None for entry in report.adoptions)
    given = sum(entry.points is not None for entry in report.instructions)
    return (
        f"按 bulletin.toml 的积分规则计分，按积分排名；计入上级采用 {adopted} 次、"
        f"批示 {given} 次；联合供稿的稿件积分{joint}。"
    )

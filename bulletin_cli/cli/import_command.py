"""``bulletin import``: a past bulletin (.txt or .docx) becomes an issue file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .. import api
from .app import app, handles_errors, out, parse_date, say, tell


@app.command("import")
@handles_errors
def import_command(
    source: Annotated[
        Path, typer.Argument(help="要导入的简报：.txt 文本或 .docx 文档。", readable=False)
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="写出的期刊文件，如 issues/2012-01.toml。", readable=False
        ),
    ],
    number: Annotated[int | None, typer.Option("--number", help="期号（原文没有时填写）。")] = None,
    total: Annotated[int | None, typer.Option("--total", help="总期号（原文没有时填写）。")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="印发日期 YYYY-MM-DD（原文没有时填写）。")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="期刊文件已存在时覆盖它。")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="把导入报告以 JSON 输出（供脚本使用）。")
    ] = False,
) -> None:
    """把以前的简报（文本或 Word 文档）导入为期刊文件，之后可检查、导出、统计。

    示例：bulletin import 2012年第1期.txt -o issues/2012-01.toml --number 1 --date 2012-01-20

    导入后会列出栏目、稿件和供稿单位的数目，以及程序拿不准、需要核对的地方。
    已有的期刊文件不会被覆盖，除非加 --force。
    """
    when = parse_date(date) if date is not None else None
    imported = api.import_to_file(
        source, output, number=number, total=total, date=when, force=force
    )
    tell(imported)
    report = imported.result.report
    if as_json:
        document = {"source": str(source), "path": str(output), **report.to_json()}
        out(json.dumps(document, ensure_ascii=False, indent=2))
        return
    encoding = f"（{report.encoding}）" if report.encoding else ""
    say(
        f"已导入 {source}{encoding} → {output}：{report.sections} 个栏目，"
        f"{report.articles} 篇稿件，{report.attributions} 篇有供稿单位。"
    )
    if report.guesses:
        say(f"以下 {len(report.guesses)} 处是程序推断的，请核对：")
        for guess in report.guesses:
            say(f"  {report.describe_guess(guess)}")
    for note in report.notes:
        say(f"提示：{note}")
    say(f"核对后可运行：bulletin check {output}")

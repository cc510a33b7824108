"""mark: record an adoption above (上级采用) or a leader's 批示 on an article, for scoring."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, handles_errors, out, parse_date, say, tell


@app.command("mark")
@handles_errors
def mark_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    number: Annotated[
        int, typer.Argument(help="稿件序号（bulletin show 或 list 显示的序号）。", min=1)
    ],
    adopted_by: Annotated[
        str | None,
        typer.Option(
            "--adopted-by", metavar="<刊物>", help="哪里采用了这篇，如 省委办公厅《江苏信息》。"
        ),
    ] = None,
    instruction: Annotated[
        str | None,
        typer.Option("--instruction", metavar="<领导>", help="谁作了批示，如 市长。"),
    ] = None,
    level: Annotated[
        str,
        typer.Option(
            "--level",
            metavar="<级别>",
            help="级别，如 省级（积分规则中有的级别）。",
        ),
    ] = "",
    date: Annotated[
        str | None, typer.Option("--date", metavar="<日期>", help="采用或批示的日期（可不写）。")
    ] = None,
    form: Annotated[
        str | None,
        typer.Option("--form", metavar="<形式>", help="上级采用的形式：全文 或 摘要（可不写）。"),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="取消一条记错的记录（按单位和级别找）。")
    ] = False,
) -> None:
    """记录一篇稿件被上级采用，或领导的批示，供信息采用积分（bulletin stats）计分。

    示例：bulletin mark issues/2012-01.toml 3 --adopted-by 《江苏信息》 --level 省级

    示例：bulletin mark issues/2012-01.toml 3 --instruction 市长 --level 市级

    示例：bulletin mark issues/2012-01.toml 3 --adopted-by 省委办 --level 省级 --remove

    记录写在这篇稿件下面的 [[articles.adopted]] 或 [[articles.instructions]] 中，文件其余内容
    一字不动；记错了用 bulletin undo 撤销。
    """
    from .. import api
    from ..errors import InputProblem

    if not level.strip():
        raise InputProblem("要写 --level（级别），如 --level 省级")
    when = parse_date(date) if date is not None else None
    result = api.mark_article(
        issue,
        number,
        adopted_by=adopted_by,
        instruction=instruction,
        level=level,
        date=when,
        form=form,
        remove=remove,
    )
    tell(result)
    change = result.change
    what = "上级采用" if change.key == "adopted" else "批示"
    record = change.record
    detail = f"{record['by']}（{record['level']}）"
    title = change.article.title or change.article.body[:20]
    if change.removed:
        out(f"已取消第 {number} 篇《{title}》的{what}记录：{detail}")
    else:
        out(f"已记录第 {number} 篇《{title}》的{what}：{detail}")
    say(f"记错了可以用 bulletin undo {issue} 撤销。")

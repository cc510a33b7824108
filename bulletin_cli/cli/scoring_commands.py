"""scoring: keeping the rules of 信息采用积分 ([scoring] of bulletin.toml) without opening it.

Each command makes one call of the library, which changes bulletin.toml in place (every other
byte kept), atomically, under its lock, as one undo step (``bulletin undo bulletin.toml``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, handles_errors, out, say
from .chinese import ChineseGroup
from .settings_commands import _told

scoring_app = typer.Typer(
    name="scoring",
    cls=ChineseGroup,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_REMOVE_HELP = "去掉这一项。"


@scoring_app.callback()
@handles_errors
def scoring_command(ctx: typer.Context) -> None:
    """查看或修改信息采用积分规则（bulletin.toml 的 [scoring]），不必打开文件。

    示例：bulletin scoring

    示例：bulletin scoring set article 10

    示例：bulletin scoring adoption 省级 20 --summary 10

    设好后 bulletin stats 给各单位计分、按积分排名。
    """
    if ctx.invoked_subcommand is None:
        _list_rules()


@scoring_app.command("list")
@handles_errors
def scoring_list_command() -> None:
    """列出积分规则。

    示例：bulletin scoring list
    """
    _list_rules()


def _list_rules() -> None:
    from .. import api
    from ..scoring import points_text

    listed = api.list_settings()
    rules = listed.profile.scoring
    if rules is None:
        say(f"{listed.path} 中还没有积分规则 [scoring]。")
        say("示例：bulletin scoring set article 10")
        return
    out(f"每篇稿件\t{points_text(rules.article)}")
    brief = points_text(rules.brief) if rules.brief is not None else "同每篇稿件"
    out(f"每条简讯\t{brief}")
    for name, points in rules.sections.items():
        out(f"栏目 {name}\t{points_text(points)}")
    for name, points in rules.kinds.items():
        out(f"{name}\t{points_text(points)}")
    out("联合稿件\t" + ("各署名单位平分" if rules.joint == "split" else "每个署名单位各得全分"))
    for level, level_points in rules.adoption.items():
        full, summary = points_text(level_points.full), points_text(level_points.summary)
        shown = full if full == summary else f"全文 {full}，摘要 {summary}"
        out(f"上级采用 {level}\t{shown}")
    for level, points in rules.instruction.items():
        out(f"批示 {level}\t{points_text(points)}")
    say(f"（{listed.path}）")


@scoring_app.command("set")
@handles_errors
def scoring_set_command(
    key: Annotated[
        str, typer.Argument(help="article（每篇）、brief（每条简讯）或 joint（联合稿件）。")
    ],
    value: Annotated[
        str | None, typer.Argument(help="分数；joint 写 split（平分）或 full（全分）。")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="去掉 brief（简讯按每篇计）。")] = False,
) -> None:
    """设定每篇稿件、每条简讯的分数，或联合稿件怎样计分。

    示例：bulletin scoring set article 10

    示例：bulletin scoring set brief 3

    示例：bulletin scoring set joint split
    """
    from .. import api

    _told(api.set_scoring_rule(key, None if remove else _given(value)))


@scoring_app.command("section")
@handles_errors
def scoring_section_command(
    name: Annotated[str, typer.Argument(help="栏目名称。")],
    points: Annotated[str | None, typer.Argument(help="这一栏目每篇的分数。")] = None,
    remove: Annotated[bool, typer.Option("--remove", help=_REMOVE_HELP)] = False,
) -> None:
    """给某一栏目的稿件另定分数（代替每篇稿件的分数）。

    示例：bulletin scoring section 经验交流 15

    示例：bulletin scoring section 经验交流 --remove
    """
    from .. import api

    _told(api.set_scoring_points("sections", name, None if remove else _given(points)))


@scoring_app.command("kind")
@handles_errors
def scoring_kind_command(
    name: Annotated[str, typer.Argument(help="期刊类别，如 增刊。")],
    points: Annotated[str | None, typer.Argument(help="这一类别每篇的分数。")] = None,
    remove: Annotated[bool, typer.Option("--remove", help=_REMOVE_HELP)] = False,
) -> None:
    """给增刊、专刊等类别的稿件另定分数。

    示例：bulletin scoring kind 增刊 30
    """
    from .. import api

    _told(api.set_scoring_points("kinds", name, None if remove else _given(points)))


@scoring_app.command("adoption")
@handles_errors
def scoring_adoption_command(
    level: Annotated[str, typer.Argument(help="级别，如 市级、省级、国家级。")],
    points: Annotated[str | None, typer.Argument(help="每次被这一级采用加的分数。")] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", metavar="<分数>", help="摘要采用另定的分数（不写则同全文）。"),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help=_REMOVE_HELP)] = False,
) -> None:
    """设定被上级采用一次加几分（按级别，可区分全文和摘要）。

    示例：bulletin scoring adoption 省级 20

    示例：bulletin scoring adoption 省级 20 --summary 10
    """
    from .. import api

    if remove:
        _told(api.set_scoring_level("adoption", level, None))
    else:
        _told(api.set_scoring_level("adoption", level, _given(points), summary=summary))


@scoring_app.command("instruction")
@handles_errors
def scoring_instruction_command(
    level: Annotated[str, typer.Argument(help="级别，如 市级、省级。")],
    points: Annotated[str | None, typer.Argument(help="每次获这一级领导批示加的分数。")] = None,
    remove: Annotated[bool, typer.Option("--remove", help=_REMOVE_HELP)] = False,
) -> None:
    """设定获领导批示一次加几分（按级别）。

    示例：bulletin scoring instruction 市级 10
    """
    from .. import api

    _told(api.set_scoring_level("instruction", level, None if remove else _given(points)))


def _given(value: str | None) -> str:
    from ..errors import InputProblem

    if value is None:
        raise InputProblem(
            "要写分数（去掉这一项就加 --remove）", hint="示例：bulletin scoring section 经验交流 15"
        )
    return value


app.add_typer(scoring_app, name="scoring")

"""units and sections: keeping the profile's units and 栏目 without opening bulletin.toml.

Each command makes one call of the library, which changes bulletin.toml in place (every other
byte kept), atomically, under its lock, as one undo step (``bulletin undo bulletin.toml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app, handles_errors, out, say
from .chinese import ChineseGroup

if TYPE_CHECKING:
    from .._service.settings import SettingsChanged

units_app = typer.Typer(
    name="units",
    cls=ChineseGroup,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
sections_app = typer.Typer(
    name="sections",
    cls=ChineseGroup,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _told(changed: SettingsChanged) -> None:
    for line in changed.done:
        out(f"已改：{line}")
    for note in changed.notes:
        say(f"提示：{note}")
    if changed.changed:
        also = "（各期期刊文件一起恢复）" if changed.issue_files else ""
        say(f"改错了可以用 bulletin undo {changed.path} 恢复{also}。")
    else:
        say(f"{changed.path} 中已经是这样，没有改动。")


_ISSUES_HELP = "同时改这个文件夹里各期期刊文件中的名称（全部改或全部不改，一次撤销）。"


# --- units -------------------------------------------------------------------------------


@units_app.callback()
@handles_errors
def units_command(ctx: typer.Context) -> None:
    """查看或修改供稿单位（bulletin.toml 的 units 和各单位的常用栏目），不必打开文件。

    示例：bulletin units

    示例：bulletin units add 阳光社区 综治办 --section 基层交流

    示例：bulletin units rename 南门社区居委会 南门社区 --issues issues
    """
    if ctx.invoked_subcommand is None:
        _list_units()


@units_app.command("list")
@handles_errors
def units_list_command() -> None:
    """列出供稿单位和各单位的常用栏目。

    示例：bulletin units list
    """
    _list_units()


def _list_units() -> None:
    from .. import api

    listed = api.list_settings()
    profile = listed.profile
    for unit in profile.units:
        usual = profile.unit_sections.get(unit)
        out(f"{unit}\t{usual}" if usual else unit)
    for unit, usual in profile.unit_sections.items():
        if unit not in profile.units:
            out(f"{unit}\t{usual}\t（不在供稿单位中）")
    say(f"共 {len(profile.units)} 个供稿单位（{listed.path}）。")


@units_app.command("add")
@handles_errors
def units_add_command(
    names: Annotated[list[str], typer.Argument(help="单位名称，可以写几个。")],
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="这些单位的常用栏目（收稿时用）。")
    ] = None,
) -> None:
    """添加供稿单位（可同时设定常用栏目）。

    示例：bulletin units add 阳光社区 综治办

    示例：bulletin units add 阳光社区 --section 基层交流
    """
    from .. import api

    _told(api.add_units(names, section=section))


@units_app.command("remove")
@handles_errors
def units_remove_command(
    names: Annotated[list[str], typer.Argument(help="单位名称，可以写几个。")],
) -> None:
    """删除供稿单位（期刊文件中已有的稿件不受影响）。

    示例：bulletin units remove 综治办
    """
    from .. import api

    _told(api.remove_units(names))


@units_app.command("rename")
@handles_errors
def units_rename_command(
    old_name: Annotated[str, typer.Argument(help="原来的单位名称。")],
    new_name: Annotated[str, typer.Argument(help="新的单位名称（已有的单位则并入它）。")],
    issues: Annotated[Path | None, typer.Option("--issues", help=_ISSUES_HELP)] = None,
) -> None:
    """给供稿单位改名，或把一个写法并入另一个（加 --issues 连各期稿件一起改）。

    示例：bulletin units rename 南门社区居委会 南门社区 --issues issues
    """
    from .. import api

    _told(api.rename_unit(old_name, new_name, issues=issues))


# --- sections ----------------------------------------------------------------------------


@sections_app.callback()
@handles_errors
def sections_command(ctx: typer.Context) -> None:
    """查看或修改栏目目录（bulletin.toml 的 sections 和 briefs），不必打开文件。

    示例：bulletin sections

    示例：bulletin sections add 经验交流 --after 工作动态

    示例：bulletin sections rename 工作动态 工作动态与信息 --issues issues
    """
    if ctx.invoked_subcommand is None:
        _list_sections()


@sections_app.command("list")
@handles_errors
def sections_list_command() -> None:
    """按印刷顺序列出栏目目录。

    示例：bulletin sections list
    """
    _list_sections()


def _list_sections() -> None:
    from .. import api

    listed = api.list_settings()
    profile = listed.profile
    for number, name in enumerate(profile.sections, start=1):
        marks = [
            word
            for key, word in ((profile.briefs, "简讯"), (profile.required, "必备"))
            if name in key
        ]
        out(f"{number}\t{name}" + (f"\t（{'、'.join(marks)}）" if marks else ""))
    say(f"共 {len(profile.sections)} 个栏目（{listed.path}）。")


@sections_app.command("add")
@handles_errors
def sections_add_command(
    name: Annotated[str, typer.Argument(help="栏目名称（不带【】）。")],
    brief: Annotated[
        bool, typer.Option("--brief", help="简讯栏目：稿件可以没有标题，每条印成一段。")
    ] = False,
    before: Annotated[str | None, typer.Option("--before", help="排在这个栏目之前。")] = None,
    after: Annotated[str | None, typer.Option("--after", help="排在这个栏目之后。")] = None,
) -> None:
    """在栏目目录中添加一个栏目（默认排在最后）。

    示例：bulletin sections add 经验交流

    示例：bulletin sections add 一句话信息 --brief
    """
    from .. import api

    _told(api.add_section(name, brief=brief, before=before, after=after))


@sections_app.command("remove")
@handles_errors
def sections_remove_command(
    name: Annotated[str, typer.Argument(help="栏目名称。")],
) -> None:
    """从栏目目录中删除一个栏目（期刊文件中已有的稿件不受影响，check 会提醒）。

    示例：bulletin sections remove 经验交流
    """
    from .. import api

    _told(api.remove_section(name))


@sections_app.command("rename")
@handles_errors
def sections_rename_command(
    old_name: Annotated[str, typer.Argument(help="原来的栏目名称。")],
    new_name: Annotated[str, typer.Argument(help="新的栏目名称。")],
    issues: Annotated[Path | None, typer.Option("--issues", help=_ISSUES_HELP)] = None,
) -> None:
    """给栏目改名（栏目目录、简讯栏目、各单位的常用栏目一起改；加 --issues 连各期稿件一起改）。

    示例：bulletin sections rename 基层交流 基层动态 --issues issues
    """
    from .. import api

    _told(api.rename_section(old_name, new_name, issues=issues))


app.add_typer(units_app, name="units")
app.add_typer(sections_app, name="sections")

"""edit, remove, move and undo: correcting an issue without opening its file.

Each change goes through one call of the library, which keeps the rest of the file byte for
byte, writes atomically under the lock and records an undo step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputProblem
from ..model import Article

if TYPE_CHECKING:
    from ..issuefile.edits import ArticleChange
from .app import app, handles_errors, out, say, stdin_is_terminal, warn_without_profile

_NUMBER_HELP = "稿件序号（bulletin show 或 list 显示的序号）。"


@app.command("edit")
@handles_errors
def edit_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    number: Annotated[int, typer.Argument(help=_NUMBER_HELP, min=1)],
    section: Annotated[str | None, typer.Option("--section", "-s", help="新的栏目。")] = None,
    title: Annotated[str | None, typer.Option("--title", "-t", help="新的标题。")] = None,
    subtitle: Annotated[
        str | None, typer.Option("--subtitle", help='新的副标题；写 "" 表示去掉副标题。')
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option("--source", "-u", help="新的供稿单位；多个单位重复写 --source，或用、分隔。"),
    ] = None,
    body: Annotated[str | None, typer.Option("--body", "-b", help="新的正文。")] = None,
    body_file: Annotated[
        str | None,
        typer.Option("--body-file", "-f", help="从文本文件读新的正文；写 - 表示从标准输入读。"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="改后的稿件不符合 check 的规则时也照样写入。")
    ] = False,
    note: Annotated[
        str | None, typer.Option("--note", help='新的编者按；写 "" 表示去掉编者按。')
    ] = None,
    picture: Annotated[
        Path | None,
        typer.Option(
            "--picture", help="加一张图片（PNG 或 JPEG），复制到期刊文件旁的 images 文件夹。"
        ),
    ] = None,
    caption: Annotated[
        str | None, typer.Option("--caption", help='图片说明（图为……）；写 "" 表示去掉。')
    ] = None,
    after: Annotated[
        int | None,
        typer.Option("--after", help="图片排在第几段之后（不写则排在最后一段之后）。", min=1),
    ] = None,
    width: Annotated[
        float | None, typer.Option("--width", help="图片宽度占版心宽度的比例，如 0.8。")
    ] = None,
    replace_picture: Annotated[
        int | None,
        typer.Option(
            "--replace-picture",
            help="改第几张图片（换 --picture 文件，或改 --caption 等）。",
            min=1,
        ),
    ] = None,
    remove_picture: Annotated[
        int | None, typer.Option("--remove-picture", help="删去第几张图片。", min=1)
    ] = None,
) -> None:
    """修改一篇稿件：只改写出的项目；在终端里不写任何项目时，用编辑器打开这篇稿件。

    示例：bulletin edit issues/2012-01.toml 3 --title "市总工会召开十四届全委会"

    示例：bulletin edit issues/2012-01.toml 3 --picture 会议现场.jpg --caption "图为会议现场"

    示例：bulletin edit issues/2012-01.toml 3 --remove-picture 1

    示例：bulletin edit issues/2012-01.toml 3

    编辑器里是一张简单的表（栏目：、标题：、副标题：、供稿单位：，正文写在 正文： 下面），改好后保存并关闭编辑器即可；填得不对会说明原因，并重新打开，已改的内容不会丢。

    编辑器按环境变量 VISUAL 或 EDITOR 选择，没有设置时 Windows 用记事本。
    """
    from .. import api
    from .editor import edit_in_editor

    if body is not None and body_file is not None:
        raise InputProblem("--body 和 --body-file 只能写一个")
    figure = (picture, caption, after, width, replace_picture, remove_picture)
    if any(value is not None for value in figure):
        warn_without_profile(issue)
        _edit_picture(issue, number, picture, caption, after, width, replace_picture,
                      remove_picture)  # fmt: skip
        if all(
            value is None for value in (section, title, subtitle, sources, body, body_file, note)
        ):
            return
    if body_file is not None:
        from .issue_commands import _read_body_file

        body = _read_body_file(body_file)
    changes: dict[str, object] = {
        key: value
        for key, value in (
            ("section", section),
            ("title", title),
            ("subtitle", subtitle),
            ("sources", sources),
            ("body", body),
            ("note", note),
        )
        if value is not None
    }
    warn_without_profile(issue)
    if changes:
        edited = api.edit_article(issue, number, check=not force, **changes)  # type: ignore[arg-type]
    else:
        if not stdin_is_terminal():
            raise InputProblem(
                "没有写要改的项目",
                hint="如 bulletin edit 期刊文件 3 --title 新标题；在终端里不写项目会打开编辑器",
            )
        results: list[ArticleChange] = []

        shown = api.article_of(issue, number)

        def apply(fields: dict[str, object]) -> None:
            # bound to the article shown: refused if the issue changed while the editor was open
            change = api.edit_article(issue, number, check=not force, expect=shown, **fields)  # type: ignore[arg-type]
            results.append(change)

        if not edit_in_editor(shown, f"{issue.stem}-第{number}篇", apply):
            say("没有改动，期刊文件未变。")
            return
        edited = results[-1]
    _tell_edit(issue, edited)


def _edit_picture(
    issue: Path,
    number: int,
    picture: Path | None,
    caption: str | None,
    after: int | None,
    width: float | None,
    replace: int | None,
    remove: int | None,
) -> None:
    from .. import api

    article = api.change_picture(
        issue,
        number,
        picture=picture,
        caption=caption,
        after=after,
        width=width,
        replace=replace,
        remove=remove,
    )
    if remove is not None:
        done = f"删去了第 {remove} 张图片"
    elif replace is not None:
        done = f"改了第 {replace} 张图片"
    else:
        done = f"加了第 {len(article.pictures)} 张图片（{article.pictures[-1].file}）"
    out(f"已给第 {number} 篇{done}：【{article.section}】{_title(article)}")
    say(f"改错了可以用 bulletin undo {issue} 恢复。")


def _tell_edit(issue: Path, change: ArticleChange) -> None:
    article = change.article
    for note in change.notes:
        say(f"提示：{note}")
    if not change.changed:
        say("改后的内容和原来一样，期刊文件未变。")
        return
    fields = "、".join(FIELD_NAMES.get(key, key) for key in change.changed)
    place = ""
    if change.new_number is not None and change.new_number != change.number:
        place = f"（已排到第 {change.new_number} 篇）"
    out(f"已修改第 {change.number} 篇的{fields}：【{article.section}】{_title(article)}{place}")
    say(f"改错了可以用 bulletin undo {issue} 恢复。")


FIELD_NAMES = {
    "section": "栏目",
    "title": "标题",
    "subtitle": "副标题",
    "sources": "供稿单位",
    "body": "正文",
    "note": "编者按",
}


def _title(article: Article) -> str:
    return article.title or "（无标题）"


@app.command("remove")
@handles_errors
def remove_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    number: Annotated[int, typer.Argument(help=_NUMBER_HELP, min=1)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接删除。")] = False,
) -> None:
    """删除一篇稿件（在终端里会先问一句）。

    示例：bulletin remove issues/2012-01.toml 3

    示例：bulletin remove issues/2012-01.toml 3 --yes

    删错了可以用 bulletin undo 恢复。
    """
    from .. import api
    from .prompts import confirm

    shown: Article | None = None
    if not yes and stdin_is_terminal():
        article = shown = api.article_of(issue, number)
        title = article.title or "（无标题）"
        say(f"将删除第 {number} 篇：【{article.section}】{title}")
        if not confirm("确定删除吗？", default=False):
            say("没有删除，期刊文件未变。")
            return
    warn_without_profile(issue)
    removed = api.remove_article(issue, number, expect=shown).article  # the one it showed
    out(f"已删除第 {number} 篇：【{removed.section}】{_title(removed)}")
    say(f"删错了可以用 bulletin undo {issue} 恢复。")


@app.command("move")
@handles_errors
def move_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    number: Annotated[int, typer.Argument(help=_NUMBER_HELP, min=1)],
    to: Annotated[
        int | None, typer.Option("--to", min=1, help="移到第几篇的位置（在本栏目之内）。")
    ] = None,
    to_issue: Annotated[
        Path | None, typer.Option("--to-issue", help="移到另一期（放在该期本栏目的最后）。")
    ] = None,
) -> None:
    """调整一篇稿件的位置，或把它移到另一期。

    示例：bulletin move issues/2012-01.toml 5 --to 2

    示例：bulletin move issues/2012-01.toml 5 --to-issue issues/2012-02.toml
    """
    from .. import api

    if (to is None) == (to_issue is None):
        raise InputProblem(
            "--to 和 --to-issue 要写一个（只写一个）",
            hint="本期内调整顺序用 --to 序号；移到另一期用 --to-issue 期刊文件",
        )
    warn_without_profile(issue)
    if to is not None:
        moved = api.move_article(issue, number, to=to)
        out(f"已把第 {number} 篇《{_title(moved.article)}》移到第 {moved.new_number} 篇。")
    else:
        assert to_issue is not None
        moved = api.move_article_to_issue(issue, number, to_issue)
        out(f"已把第 {number} 篇《{_title(moved.article)}》移到 {to_issue}。")
    say(f"移错了可以用 bulletin undo {issue} 恢复。")


@app.command("undo")
@handles_errors
def undo_command(
    issue: Annotated[
        Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml；或简报设置 bulletin.toml。")
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="文件在那次改动之后又被手工改过，或一起改动的另一期已无法一起撤销时，也照样撤销。",
        ),
    ] = False,
) -> None:
    """撤销这一期最近的一次改动（add、edit、remove、move、collect、check --fix 做的）。

    示例：bulletin undo issues/2012-01.toml

    示例：bulletin undo issues/2012-01.toml --force

    示例：bulletin undo bulletin.toml（撤销 units、sections 对简报设置的改动）

    可以连续撤销多次（每期至少保留最近 20 次改动）。一次改动涉及几个文件（如 move --to-issue）时，几个文件一起恢复。
    """
    from .. import api

    undone = api.undo(issue, force=force)
    also = f"（{'、'.join(map(str, undone.others))} 也已恢复）" if undone.others else ""
    out(f"已撤销：{describe_action(undone.action)}{also}")
    for note in undone.notes:
        say(note)
    for left in undone.left:
        say(f"注意：{left} 没有一起恢复（它后来又有改动），请检查其中的稿件是否需要手工调整。")
    if undone.remaining:
        say(f"还可以再撤销 {undone.remaining} 次。")
    else:
        say("已经没有可以撤销的改动了。")


_ACTIONS = [
    (r"^add$", "添加稿件"),
    (r"^edit (\d+)$", r"修改第 \1 篇"),
    (r"^remove (\d+)$", r"删除第 \1 篇"),
    (r"^move (\d+) → (\d+)$", r"把第 \1 篇移到第 \2 篇"),
    (r"^move (\d+) → (.+)$", r"把第 \1 篇移到 \2"),
    (r"^check --fix", "check --fix 的自动改正"),
    (r"^collect", "collect 收稿"),
    (r"^mark (\d+) adopted --remove$", r"取消第 \1 篇的一条上级采用记录"),
    (r"^mark (\d+) instructions --remove$", r"取消第 \1 篇的一条批示记录"),
    (r"^mark (\d+) adopted$", r"记录第 \1 篇的上级采用"),
    (r"^mark (\d+) instructions$", r"记录第 \1 篇的批示"),
    (r"^units add (.+)$", r"添加供稿单位 \1"),
    (r"^units remove (.+)$", r"删除供稿单位 \1"),
    (r"^units rename (\S+) (\S+)$", r"把供稿单位 \1 改为 \2"),
    (r"^sections add (.+)$", r"添加栏目 \1"),
    (r"^sections remove (.+)$", r"删除栏目 \1"),
    (r"^sections rename (\S+) (\S+)$", r"把栏目 \1 改为 \2"),
]


def describe_action(action: str) -> str:
    """A recorded change in a clerk's words: ``edit 3`` → ``修改第 3 篇``."""
    import re

    for pattern, words in _ACTIONS:
        if re.search(pattern, action):
            return re.sub(pattern, words, action)
    return action

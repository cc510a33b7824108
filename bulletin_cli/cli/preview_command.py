"""preview: the issue's pages as pictures, once or again after every save (``--watch``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app, handles_errors, out, say, tell

if TYPE_CHECKING:
    from .._service.previewing import PreviewResult
    from ..errors import BulletinError


@app.command("preview")
@handles_errors
def preview_command(
    issue: Annotated[Path, typer.Argument(help="期刊文件，如 issues/2012-01.toml。")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="存放预览图的文件夹。不写时放在期刊文件旁的 build/期刊名-preview 文件夹。",
        ),
    ] = None,
    open_first: Annotated[
        bool, typer.Option("--open", help="生成后用本机的看图程序打开第 1 页。")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch", help="一直开着：每次保存期刊文件后自动重新生成预览图，按 Ctrl+C 结束。"
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="检查出错误也照样生成预览（看看版面，不是正式印发）。")
    ] = False,
    dpi: Annotated[
        int, typer.Option("--dpi", min=50, max=600, help="图片清晰度（每英寸像素数）。")
    ] = 150,
) -> None:
    """把一期简报按打印效果逐页生成图片（PNG，每页一张），不用导出就能看版面。

    示例：bulletin preview issues/2012-01.toml

    示例：bulletin preview issues/2012-01.toml --open

    示例：bulletin preview issues/2012-01.toml --watch（边改边看，保存后自动更新）

    示例：bulletin preview issues/2012-01.toml -o 预览图

    需要已安装 LibreOffice（免费）。和 export 一样先检查：有错误的一期不生成预览（退出码 1），加 --force 照样生成。
    标准输出列出各页图片的路径，一行一张。
    """
    from .. import api

    if not watch:
        _show(api.preview_issue(issue, out=output, force=force, dpi=dpi, open_first=open_first))
        return
    say(f"正在监视 {issue}：保存后自动更新预览图，按 Ctrl+C 结束。")
    _stop_on_hangup()
    try:
        api.watch_preview(
            issue,
            out=output,
            force=force,
            dpi=dpi,
            open_first=open_first,
            on_render=_WatchReport().show,
        )
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def _show(result: PreviewResult, *, note_fonts: bool = True) -> None:
    for page in result.pages:
        out(str(page))
    say(f"已生成 {len(result.pages)} 页预览图（PDF：{result.pdf}）。")
    tell(result)
    if result.substitute_summary and note_fonts:
        say(
            f"提醒：本机没有正式字体，预览图改用代用字体：{result.substitute_summary}。"
            "装有正式字体的电脑上打印出来才是标准版式。"
        )
    if result.opened is False:
        say(
            "提醒：本机没有可用的看图程序，未能打开预览图；"
            f"请在文件管理器中打开 {result.pages[0].parent}。"
        )


class _WatchReport:
    """Prints each render of ``--watch``; the substitute faces only the first time."""

    def __init__(self) -> None:
        self.fonts_noted = False

    def show(self, result: PreviewResult | BulletinError) -> None:
        from ..errors import BulletinError

        if isinstance(result, BulletinError):
            say(f"错误：{result}")
            say("改好并保存后会自动重新生成。")
            return
        _show(result, note_fonts=not self.fonts_noted)
        self.fonts_noted = True


def _stop_on_hangup() -> None:
    """A closed terminal window or ``kill`` ends the watch as Ctrl-C does, so the LibreOffice
    it keeps running is ended too."""
    import signal

    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, interrupt)

"""The Typer application, the one place errors become messages and exit codes, and output."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from collections.abc import Callable
from typing import Annotated, Any, Protocol, TypeVar

import typer

from .. import __version__
from ..errors import BulletinError, InputProblem
from .chinese import ChineseGroup

app = typer.Typer(
    name="bulletin",
    help="编排、检查并导出工作简报（Word 格式，符合公文版式）。",
    no_args_is_help=True,
    # help pages and Click's messages in Chinese (plain text, so Windows consoles show them)
    cls=ChineseGroup,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """Turn a ``BulletinError`` into its message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BulletinError as err:
            say(f"错误：{err}")
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            say("已中断，文件未改动。")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    """A ``--date`` value: ``2012-01-20``, ``2012-1-20``, ``2012/01/20`` or ``2012年1月20日``;
    anything else is a usage error (exit 2)."""
    match = _DATE.match(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise InputProblem(
            f"日期 “{text}” 无法识别", hint="按 年-月-日 写，如 --date 2012-01-20"
        ) from None


def say(message: str) -> None:
    """Talk to the user (stderr), keeping stdout for data."""
    print(message, file=sys.stderr, flush=True)


def out(message: str) -> None:
    """Data and results (stdout)."""
    print(message, flush=True)


class _Told(Protocol):
    notes: list[str]
    warnings: list[str]


def tell(result: _Told) -> None:
    """The warnings and notes of an API result, on stderr."""
    for warning in result.warnings:
        say(f"提醒：{warning}")
    for note in result.notes:
        say(f"提示：{note}")


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        out(f"bulletin {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出。")
    ] = False,
) -> None:
    """编排、检查并导出工作简报（Word 格式，符合公文版式）。

    常用流程：bulletin init → bulletin new → bulletin add → bulletin check → bulletin export
    """

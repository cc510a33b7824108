"""The Typer application, the one place errors become messages and exit codes, and output."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Protocol, TextIO, TypeVar, cast

import typer

from .. import __version__
from ..errors import (
    EXIT_FILE,
    BulletinError,
    FileProblem,
    InputProblem,
    os_problem,
    os_reason,
)
from .chinese import ChineseGroup
from .visible import visible

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
        except OSError as err:  # a file-system failure the layers below did not name
            problem = os_problem(err)
            say(f"错误：{problem}")
            raise typer.Exit(problem.exit_code) from None
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
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):  # nowhere to say it: the exit code still tells
        print(visible(message), file=sys.stderr, flush=True)


def out(message: str) -> None:
    """Data and results (stdout); a full disk is an error (exit 3)."""
    if sys.stdout is None:  # started with standard output closed
        return
    try:
        print(visible(message), flush=True)
    except BrokenPipeError:  # only without ``ReaderMayLeave`` (tests, embedding)
        _discard_stdout()
    except OSError as err:
        _discard_stdout()
        raise FileProblem("标准输出", f"无法写出结果：{os_reason(err)}") from None


class ReaderMayLeave:
    """Standard output whose reader may stop reading (``bulletin list … | head -1``): the rest
    is dropped quietly and the command ends with the exit code it would have had, instead of
    Click or rich turning the broken pipe into exit 1."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @classmethod
    def around(cls, stream: TextIO) -> TextIO:
        return cast(TextIO, cls(stream))

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _discard_stdout()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _discard_stdout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def unwritable_output(err: OSError) -> int:
    """The exit code when writing standard output failed outside ``out`` (help, rich)."""
    _discard_stdout()
    if isinstance(err, BrokenPipeError):
        return 0
    say(f"错误：标准输出: 无法写出结果：{os_reason(err)}")
    return EXIT_FILE


def finish_output(code: int) -> int:
    """Flush standard output at the end of a command; the exit code, 3 if it could not be
    written."""
    if sys.stdout is None:
        return code
    try:
        sys.stdout.flush()
    except OSError as err:
        return max(code, unwritable_output(err))
    return code


def _discard_stdout() -> None:
    """Point standard output at ``os.devnull``, so what is still buffered is dropped quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _Told(Protocol):
    notes: list[str]
    warnings: list[str]


def tell(result: _Told) -> None:
    """The warnings and notes of an API result, on stderr."""
    for warning in result.warnings:
        say(f"提醒：{warning}")
    for note in result.notes:
        say(f"提示：{note}")


def warn_without_profile(near: Path) -> None:
    """For commands whose API result carries no warnings: say that no ``bulletin.toml``
    governs ``near`` and the default profile applies."""
    from .. import api

    for warning in api.profile_warnings(near):
        say(f"提醒：{warning}")


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


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

"""Click and Typer speak Chinese: help pages, usage errors, Aborted, Ctrl-C.

The Click bundled with Typer writes its messages as English f-strings (no gettext catalogue to
hook), so the translation happens where its text leaves: every help page and usage line goes
through the help formatter of the context (``ChineseFormatter``), and every usage error or abort
reaches the application group's ``main`` (``ChineseGroup``), which prints it in Chinese with the
exit codes of docs/cli.md (2 for a wrong command line, 130 for an interrupt). ``MESSAGES`` is
the table: each English message of Click and Typer a clerk can meet, and its Chinese.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from typer import _click as click
from typer.core import TyperGroup
from typer.exceptions import Abort

from .visible import visible

EXIT_INTERRUPTED = 130

ARGUMENT_NAMES = {
    "issue": "期刊文件",
    "issues": "期刊文件",
    "folder": "文件夹",
    "source": "来源文件",
    "number": "序号",
    "inbox": "收稿文件夹",
    "name": "名称",
    "names": "名称",
    "old_name": "原名",
    "new_name": "新名",
    "key": "项目",
    "value": "值",
    "points": "分数",
    "level": "级别",
}
"""Argument names as the usage line shows them (``{issue}`` reads ``期刊文件``)."""

_Replacement = str | Callable[[re.Match[str]], str]


def _quoted(group: str) -> str:
    return group.strip("'\"")


def _argument(match: re.Match[str]) -> str:
    name = _quoted(match.group(1))
    return ARGUMENT_NAMES.get(name.lower(), name)


def _range(match: re.Match[str]) -> str:
    return _describe_range(match.group(1))


def _describe_range(text: str) -> str:
    text = text.replace("x>=", "不小于 ").replace("x<=", "不大于 ")
    text = text.replace("x>", "大于 ").replace("x<", "小于 ")
    return text.replace("<=x<=", " 到 ")


MESSAGES: list[tuple[str, _Replacement]] = [
    # help pages and usage lines
    (r"^Usage: ", "用法："),
    (r"(?m)^Usage: ", "用法："),
    (r"\[OPTIONS\]", "[选项]"),
    (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
    (r"(?m)^Options:$", "选项："),
    (r"(?m)^Arguments:$", "参数："),
    (r"(?m)^Commands:$", "命令："),
    (r"Show this message and exit\.", "显示本说明并退出。"),
    (r"\[required\]", "[必填]"),
    (r"\[default: ([^\]]*)\]", r"[默认：\1]"),
    (
        r"\[(x[<>]=?-?\d+(?:\.\d+)?|-?\d+(?:\.\d+)?<=x<=-?\d+(?:\.\d+)?)\]",
        lambda m: f"[{_range(m)}]",
    ),
    (r"<int range>|<int>|\bINTEGER RANGE\b|\bINTEGER\b", "<整数>"),
    (r"<float range>|<float>|\bFLOAT\b", "<数>"),
    (r"<str>|\bTEXT\b", "<文字>"),
    (r"<path>|\bPATH\b|\bFILE\b|\bDIRECTORY\b", "<路径>"),
    (r"\{([a-z_]+)\}", _argument),
    (r"(?m)^((?:用法：|Usage: ).*)$", lambda m: _usage_arguments(m.group(1))),
    (r"\(dynamic\)", "（自动）"),
    # usage errors
    (
        r"No such command '([^']*)'\.(?: Did you mean (.*)\?)?",
        lambda m: (
            f"没有 {m.group(1)} 这个命令。"
            + (f"您要输入的是不是 {_alternatives(m.group(2))}？" if m.group(2) else "")
        ),
    ),
    (r"Missing command\.", "缺少命令：在 bulletin 后面写上命令，如 bulletin list。"),
    (
        r"Got unexpected extra argument\(s\) \((.*)\)",
        lambda m: f"多写了参数：{m.group(1)}（这个命令用不到它；路径里有空格时要加引号）",
    ),
    (r"Missing argument '([^']*)'\.", lambda m: f"缺少参数：{_argument(m)}。"),
    (r"Missing option '([^']*)'\.", lambda m: f"缺少选项 {m.group(1)}。"),
    (r"Missing parameter: (\S+)", r"缺少参数 \1。"),
    (
        r"No such option: (\S+)(?: Did you mean (\S+)\?)?(?: \(Possible options: (.*)\))?",
        lambda m: (
            f"没有 {m.group(1)} 这个选项。"
            + (f"您要写的是不是 {m.group(2)}？" if m.group(2) else "")
            + (f"您要写的是不是 {_alternatives(m.group(3))}？" if m.group(3) else "")
        ),
    ),
    (r"Option '([^']*)' requires an argument\.", r"选项 \1 后面要写一个值。"),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"选项 \1 后面要写 \2 个值。"),
    (r"Option '([^']*)' does not take a value\.", r"选项 \1 后面不能写值。"),
    (r"Invalid value for ('[^']*'|\S+): ", lambda m: f"{_argument(m)} 的值无效："),
    (r"Invalid value: ", "值无效："),
    (r"'([^']*)' is not a valid (?:integer|int range|int)\.", r"“\1” 不是整数。"),
    (r"'([^']*)' is not a valid (?:float|float range)\.", r"“\1” 不是数。"),
    (r"'([^']*)' is not a valid boolean\.[^\n]*", r"“\1” 不是“是/否”。"),
    (
        r"(-?[\d.]+) is not in the range ([^.\n]*(?:\.\d+)?[^.\n]*)\.",
        lambda m: f"{m.group(1)} 超出范围（应{_describe_range(m.group(2))}）。",
    ),
    (r"'([^']*)' is not one of (.*)\.", lambda m: f"“{m.group(1)}” 无效，可选：{m.group(2)}。"),
    (r"(?:File|Directory|Path) '([^']*)' does not exist\.", r"“\1” 不存在。"),
    (r"(?:File|Directory|Path) '([^']*)' is not readable\.", r"“\1” 无法读取。"),
    (r"(?:File|Directory|Path) '([^']*)' is a directory\.", r"“\1” 是文件夹，不是文件。"),
    (r"(?:File|Directory|Path) '([^']*)' is a file\.", r"“\1” 是文件，不是文件夹。"),
    (r"Could not open file '([^']*)': ", r"无法打开文件 “\1”："),
    (r"Aborted[.!]", "已中断。"),
    # click.prompt and click.confirm
    (r"^Error: The value you entered was invalid\.", "错误：输入的值无效，请重新输入。"),
    (r"^Error: invalid input", "错误：请输入 y（是）或 n（否）。"),
    (r"^Error: The two entered values do not match\.", "错误：两次输入的不一致。"),
    (r"Repeat for confirmation", "请再输入一次确认"),
    (r"^Error: ", "错误："),
]
"""Each English text of Click and Typer a clerk can meet, as a pattern, and its Chinese."""


@functools.cache
def _compiled() -> list[tuple[re.Pattern[str], _Replacement]]:
    """``MESSAGES`` compiled on first use: only help pages and errors need them, and compiling
    forty patterns at every start would cost a command more than its own work."""
    return [(re.compile(pattern), replacement) for pattern, replacement in MESSAGES]


def _alternatives(text: str) -> str:
    return " 或 ".join(_quoted(part.strip()) for part in text.split(","))


def translate(text: str) -> str:
    """Click's and Typer's English in ``text`` replaced by the Chinese of ``MESSAGES``."""
    for pattern, replacement in _compiled():
        text = pattern.sub(replacement, text)
    return text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class ChineseFormatter(click.HelpFormatter):
    """Help pages and usage lines, translated as they are written and taken from the formatter."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """The options and commands, aligned by display width (Chinese metavars take two)."""
        translated = [(_first_column(first), translate(second)) for first, second in rows]
        width = min(max((display_width(first) for first, _ in translated), default=0), col_max)
        indent = " " * self.current_indent
        for first, second in translated:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            pad = width - display_width(first)
            if pad >= 0:
                self.write(" " * (pad + col_spacing))
            else:
                self.write("\n" + " " * (self.current_indent + width + col_spacing))
            self.write(f"{second}\n")

    def getvalue(self) -> str:
        return translate(super().getvalue())


def _first_column(text: str) -> str:
    name, dots = (text[:-3], "...") if text.endswith("...") else (text, "")
    if name in ARGUMENT_NAMES:
        return ARGUMENT_NAMES[name] + dots
    return translate(text)


_USAGE_ARGUMENT = re.compile(r"(?<![-\w])(\[?)([a-z_]+)(\]?)(?=\.\.\.|\s|$)")


def _usage_arguments(line: str) -> str:
    """A usage line's argument names (``[folder]``, ``issues...``) in Chinese."""
    words = line.split(" ", 2)
    if len(words) < 3:
        return line

    def named(match: re.Match[str]) -> str:
        name = ARGUMENT_NAMES.get(match.group(2))
        return match.group(0) if name is None else f"{match.group(1)}{name}{match.group(3)}"

    return " ".join(words[:2]) + " " + _USAGE_ARGUMENT.sub(named, words[2])


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


def _translating_echo(message: Any = None, *args: Any, **kwargs: Any) -> None:
    if isinstance(message, str):
        message = translate(message)
    _ECHO(message, *args, **kwargs)


_ECHO = click.utils.echo


def install() -> None:
    """Let ``click.prompt`` and ``click.confirm`` (``typer.prompt``, ``typer.confirm``) speak
    Chinese too: their re-asking messages go through ``translate``."""
    setattr(click.termui, "echo", _translating_echo)  # noqa: B010 (the module's own name)


class ChineseGroup(TyperGroup):
    """The application group: its commands' help in Chinese, errors printed in Chinese."""

    context_class = ChineseContext

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = ChineseContext
            for param in command.params:
                if getattr(param.type, "readable", False):
                    # Typer makes every path argument ``readable``: Click would refuse an
                    # unreadable file as a wrong command line (exit 2); the service says
                    # which file and why, with the exit code of a file problem (3)
                    param.type.readable = False  # type: ignore[attr-defined]
        return command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        install()
        try:
            result = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except click.exceptions.ClickException as err:
            show_error(err, _command_path(self, prog_name, args))
            result = err.exit_code
        except Abort:
            _say("\n已中断，文件未改动。")
            result = EXIT_INTERRUPTED
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _command_path(group: TyperGroup, prog_name: str | None, args: Sequence[str] | None) -> str:
    """``bulletin add`` for the help hint of an error that lost its context."""
    words = list(sys.argv[1:] if args is None else args)
    path = prog_name or "bulletin"
    if words and words[0] in group.commands:
        path += f" {words[0]}"
    return path


def show_error(err: click.exceptions.ClickException, command_path: str = "bulletin") -> None:
    """A usage error as a clerk reads it: the usage line, the error, where to find help."""
    ctx: click.Context | None = getattr(err, "ctx", None)
    if type(err).__name__ == "NoArgsIsHelpError":
        _say(translate(err.format_message()))
        return
    if ctx is not None:
        _say(ctx.get_usage())
    _say(f"错误：{translate(err.format_message())}")
    if ctx is not None:
        command_path = ctx.command_path
    _say(f"  提示：输入 {command_path} --help 查看说明和示例。")


def _say(message: str) -> None:
    print(visible(message), file=sys.stderr, flush=True)

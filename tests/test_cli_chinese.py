"""Every message of Click and Typer a clerk can meet is Chinese, with the contract's exit codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.cli.chinese import MESSAGES, translate

runner = CliRunner()

ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this|required|default|Error|Try |Missing|"
    r"Got unexpected|No such|Did you mean|Invalid|is not|Aborted|requires|\bTEXT\b|\bPATH\b|"
    r"INTEGER|<str>|<path>|<int"
)


def _commands() -> list[str]:
    from bulletin_cli.cli import _COMMANDS

    return list(_COMMANDS)


@pytest.mark.parametrize("command", ["", *_commands()])
def test_every_help_page_is_chinese(command: str) -> None:
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    assert "用法：bulletin" in result.stdout
    assert "显示本说明并退出。" in result.stdout
    assert not ENGLISH.findall(result.stdout), result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["preview-pages"], "没有 preview-pages 这个命令。"),
        (["lst", "x.toml"], "没有 lst 这个命令。您要输入的是不是 list？"),
        (["list", "a.toml", "b.toml"], "多写了参数：b.toml"),
        (["list"], "缺少参数：期刊文件。"),
        (["new", "--number", "x"], "--number 的值无效：“x” 不是整数。"),
        (["new", "--number", "0"], "--number 的值无效：0 超出范围（应不小于 1）。"),
        (["add", "x.toml", "--titel", "甲"], "没有 --titel 这个选项。您要写的是不是"),
        (["add", "x.toml", "--title"], "选项 --title 后面要写一个值。"),
        (["list", "x.toml", "--json=yes"], "选项 --json 后面不能写值。"),
    ],
)
def test_usage_errors_are_chinese_with_exit_2(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "错误：" in result.stderr
    assert "查看说明和示例" in result.stderr
    assert not ENGLISH.findall(result.stderr), result.stderr


def test_no_arguments_shows_the_help_in_chinese() -> None:
    result = runner.invoke(app, [])
    assert "用法：bulletin" in result.output
    assert not ENGLISH.findall(result.output), result.output


CLICK_TEXTS = [
    "Usage: bulletin add [OPTIONS] {issue}",
    "Usage: bulletin init [OPTIONS] [folder]",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message and exit.",
    "[required]",
    "[default: issues]",
    "[x>=1]",
    "[1<=x<=20]",
    "--number <int range>",
    "--date <str>",
    "--dir <path>",
    "--size <float>",
    "COMMAND [ARGS]...",
    "No such command 'lst'. Did you mean 'list'?",
    "No such command 'x'.",
    "Missing command.",
    "Got unexpected extra argument(s) (b c)",
    "Missing argument 'issue'.",
    "Missing option '--to'.",
    "Missing parameter: to",
    "No such option: --foo Did you mean --force?",
    "No such option: --s (Possible options: --section, --source)",
    "Option '--title' requires an argument.",
    "Option '--title' requires 2 arguments.",
    "Option '--json' does not take a value.",
    "Invalid value for '--number': 'x' is not a valid integer.",
    "Invalid value for '--size': 'x' is not a valid float.",
    "Invalid value for '--yes': 'x' is not a valid boolean. Recognized values: 0, 1",
    "Invalid value for '--number': 0 is not in the range x>=1.",
    "Invalid value for '--format': 'xml' is not one of 'text', 'json'.",
    "Invalid value: 'x'",
    "Invalid value for 'issue': File 'x.toml' does not exist.",
    "Invalid value for 'issue': Path 'x.toml' is not readable.",
    "Invalid value for 'issue': Path 'x' is a directory.",
    "Invalid value for 'folder': Directory 'x' is a file.",
    "Could not open file 'x': Permission denied",
    "Aborted!",
    "Error: The value you entered was invalid.",
    "Error: invalid input",
    "Error: The two entered values do not match.",
    "Repeat for confirmation",
    "Error: 'abc' is not a valid integer.",
    "Aborted.",
    "(dynamic)",
]
"""Every English text of Click and Typer that MESSAGES translates."""


@pytest.mark.parametrize("english", CLICK_TEXTS)
def test_every_message_in_the_table_comes_out_chinese(english: str) -> None:
    chinese = translate(english)
    assert not ENGLISH.findall(chinese), chinese
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese


def test_the_table_has_no_pattern_left_untested() -> None:
    unused = [p for p, _ in MESSAGES if not any(re.search(p, text) for text in CLICK_TEXTS)]
    assert unused == []


def _run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from bulletin_cli.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )


def test_the_installed_entry_point_speaks_chinese(tmp_path: Path) -> None:
    unknown = _run(["preview-pages"], tmp_path)
    assert unknown.returncode == 2
    assert "没有 preview-pages 这个命令" in unknown.stderr
    helped = _run(["add", "-h"], tmp_path)
    assert helped.returncode == 0
    assert "显示本说明并退出。" in helped.stdout
    assert not ENGLISH.findall(helped.stdout + helped.stderr)


def test_prompt_and_confirm_ask_again_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import typer

    from bulletin_cli.cli.chinese import install

    install()
    monkeypatch.setattr("sys.stdin", io.StringIO("也许\ny\nabc\n3\n"))
    assert typer.confirm("写入这一篇吗？") is True
    assert typer.prompt("份数", type=int) == 3
    shown = capsys.readouterr()
    assert "错误：请输入 y（是）或 n（否）。" in shown.out
    assert "错误：“abc” 不是整数。" in shown.out
    assert not ENGLISH.findall(shown.out + shown.err), shown

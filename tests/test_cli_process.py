"""The process around a command: interrupts, closed and full output, closed or odd input,
locales, file names the file system refuses (each case a defect once found by fuzzing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LONG_NAME = "长" * 90  # 270 bytes in UTF-8: more than a file name may have

ENTRY = """
import json, sys
sys.argv = ["bulletin", *json.loads(sys.argv[1])]
from bulletin_cli.cli import main
main()
"""

TRIPWIRE = """
import json, signal, sys

TARGET = sys.argv[2]

class Tripwire:
    # raises SIGINT the moment the named module starts loading: Ctrl-C during start-up
    def find_spec(self, name, path=None, target=None):
        if name == TARGET:
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, Tripwire())
sys.argv = ["bulletin", *json.loads(sys.argv[1])]
from bulletin_cli.cli import main
main()
"""


def _bulletin(
    cwd: Path,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    **popen: object,
) -> subprocess.CompletedProcess[bytes]:
    done: subprocess.CompletedProcess[bytes] = subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-c", ENTRY, json.dumps(args)],
        cwd=cwd,
        input=stdin,
        capture_output="stdout" not in popen,
        env={**os.environ, **(env or {})},
        check=False,
        **popen,
    )
    return done


def _shell(cwd: Path, script: str) -> subprocess.CompletedProcess[str]:
    """A shell line running ``bulletin`` (this interpreter and package) with redirections."""
    command = f"{sys.executable} -c '{ENTRY}'"
    return subprocess.run(
        ["bash", "-c", script.replace("BULLETIN", command)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def _args(*args: str) -> str:
    return "'" + json.dumps(list(args)) + "'"


# -- Ctrl-C during start-up -------------------------------------------------------------------


@pytest.mark.parametrize(
    "module", ["typer", "bulletin_cli.cli.app", "bulletin_cli.api", "bulletin_cli.issuefile.store"]
)
def test_ctrl_c_while_starting_exits_130_quietly(example_dir: Path, module: str) -> None:
    before = (example_dir / "issues" / "2012-01.toml").read_bytes()
    args = ["add", "issues/2012-01.toml", "-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", "乙"]
    done = subprocess.run(
        [sys.executable, "-c", TRIPWIRE, json.dumps(args), module],
        cwd=example_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert "KeyboardInterrupt" not in done.stderr
    assert (example_dir / "issues" / "2012-01.toml").read_bytes() == before


# -- output streams -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    ["list issues/2012-01.toml", "check issues/2012-01.toml", "fonts", "--help"],
)
def test_closed_stdout_exits_quietly(example_dir: Path, command: str) -> None:
    done = _shell(example_dir, f"BULLETIN {_args(*command.split())} >&-")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command",
    ["list issues/2012-01.toml", "check issues/2012-01.toml", "fonts", "--help", "--version"],
)
def test_a_full_stdout_exits_3_with_a_message(example_dir: Path, command: str) -> None:
    done = _shell(example_dir, f"BULLETIN {_args(*command.split())} >/dev/full")
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert "标准输出" in done.stderr and "磁盘已满" in done.stderr


def _with_errors(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    issue.write_text(
        issue.read_text(encoding="utf-8").replace('"工作动态"', '"工作动太"'), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("list issues/2012-01.toml", 0),
        ("check issues/2012-01.toml", 0),
        ("check issues/2012-01.toml --format json", 0),
        ("--help", 0),
        ("check issues/2012-01.toml --errors", 1),
        ("check issues/2012-01.toml --format json --errors", 1),
    ],
)
def test_a_reader_that_stops_early_keeps_the_exit_code(
    example_dir: Path, command: str, code: int
) -> None:
    if "--errors" in command:
        _with_errors(example_dir)
        command = command.replace(" --errors", "")
    script = f"BULLETIN {_args(*command.split())} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}"
    done = _shell(example_dir, script)
    assert done.returncode == code, done.stderr
    assert done.stderr.count("错误") == 0 or code == 1
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr


# -- standard input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options", [["-s", "工作动态", "-t", "甲", "-u", "研究室", "-f", "-"], ["--json"]]
)
def test_closed_stdin_is_a_usage_error(example_dir: Path, options: list[str]) -> None:
    done = _shell(example_dir, f"BULLETIN {_args('add', 'issues/2012-01.toml', *options)} <&-")
    assert done.returncode == 2, done.stderr
    assert "标准输入已关闭" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("[" * 2000 + "]" * 2000, "嵌套太深"),
        ('{"section": "工作动态", "title": "甲", "body": "乙", "n": ' + "9" * 5000 + "}", "位数"),
    ],
)
def test_hostile_json_lines_are_usage_errors(example_dir: Path, line: str, said: str) -> None:
    done = _bulletin(example_dir, "add", "issues/2012-01.toml", "--json", stdin=line.encode())
    assert done.returncode == 2, done.stderr.decode()
    assert said in done.stderr.decode()
    assert b"Traceback" not in done.stderr


# -- locales --------------------------------------------------------------------------------------

C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def test_chinese_arguments_under_a_bare_locale(example_dir: Path) -> None:
    env = {**C_LOCALE}
    os.environ.pop("PYTHONIOENCODING", None)
    args = ["add", "issues/2012-01.toml", "-s", "工作动态", "-t", "中文标题", "-u", "研究室"]
    done = _bulletin(example_dir, *args, "-b", "中文正文。", env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = (example_dir / "issues" / "2012-01.toml").read_text(encoding="utf-8")
    assert 'title = "中文标题"' in text
    assert "中文标题" in done.stdout.decode("utf-8")


def test_chinese_on_stdin_with_an_ascii_io_encoding(example_dir: Path) -> None:
    args = ["add", "issues/2012-01.toml", "-s", "工作动态", "-t", "乙", "-u", "研究室", "-f", "-"]
    done = _bulletin(
        example_dir, *args, stdin="中文正文。".encode(), env={"PYTHONIOENCODING": "ascii"}
    )
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    text = (example_dir / "issues" / "2012-01.toml").read_text(encoding="utf-8")
    assert "中文正文。" in text


# -- file names and paths the file system refuses ---------------------------------------------

LONG_CASES = [
    ["check", f"{LONG_NAME}.toml"],
    ["export", f"{LONG_NAME}.toml"],
    ["export", "issues/2012-01.toml", "-o", f"{LONG_NAME}.docx"],
    ["fonts", f"{LONG_NAME}.toml"],
    ["add", f"{LONG_NAME}.toml", "-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", "乙"],
    ["list", f"{LONG_NAME}.toml"],
    ["import", f"{LONG_NAME}.txt", "-o", "x.toml"],
    ["import", "SAMPLE", "-o", f"{LONG_NAME}.toml"],
    ["new", "--dir", LONG_NAME],
    ["init", LONG_NAME],
    ["show", f"{LONG_NAME}.toml"],
    ["edit", f"{LONG_NAME}.toml", "1", "-t", "甲"],
    ["undo", f"{LONG_NAME}.toml"],
    ["stats", f"{LONG_NAME}.toml"],
]


@pytest.mark.parametrize("args", LONG_CASES, ids=lambda args: " ".join(args[:2])[:20])
def test_a_file_name_too_long_exits_3(example_dir: Path, args: list[str]) -> None:
    sample = Path(__file__).parent / "data" / "suzhou-union-bulletin-2012-01.txt"
    args = [str(sample) if arg == "SAMPLE" else arg for arg in args]
    done = _bulletin(example_dir, *args)
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    assert "文件名太长" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--dir", "afile"],
        ["new", "--dir", "/dev/null"],
        ["init", "afile"],
        ["import", "SAMPLE", "-o", "afile/x.toml"],
        ["export", "issues/2012-01.toml", "-o", "afile/x.docx"],
    ],
)
def test_a_path_through_a_file_exits_3(example_dir: Path, args: list[str]) -> None:
    (example_dir / "afile").write_text("a file\n", encoding="utf-8")
    sample = Path(__file__).parent / "data" / "suzhou-union-bulletin-2012-01.txt"
    args = [str(sample) if arg == "SAMPLE" else arg for arg in args]
    done = _bulletin(example_dir, *args)
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    assert "不是文件夹" in stderr
    assert "Traceback" not in stderr
    assert (example_dir / "afile").read_text(encoding="utf-8") == "a file\n"


# -- values TOML cannot hold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        ["--number", "99999999999999999999999"],
        ["--total", "99999999999999999999999"],
        ["--date", ""],
    ],
)
def test_new_refuses_what_it_could_not_write(example_dir: Path, options: list[str]) -> None:
    done = _bulletin(example_dir, "new", *options)
    assert done.returncode == 2, done.stderr.decode()
    assert sorted(p.name for p in (example_dir / "issues").iterdir()) == ["2012-01.toml"]


# -- an unreadable file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check", "SECRET"],
        ["list", "SECRET"],
        ["export", "SECRET"],
        ["fonts", "SECRET"],
        ["import", "SECRET", "-o", "issues/new.toml"],
        [
            "add",
            "issues/2012-01.toml",
            "-s",
            "工作动态",
            "-t",
            "甲",
            "-u",
            "研究室",
            "-f",
            "SECRET",
        ],
        ["show", "SECRET"],
        ["edit", "SECRET", "1", "-t", "新标题"],
        ["remove", "SECRET", "1", "--yes"],
        ["move", "SECRET", "1", "--to", "2"],
        ["undo", "SECRET"],
        ["stats", "SECRET"],
        ["collect", "issues", "SECRET", "--dry-run"],
        ["preview", "SECRET", "-o", "pages"],
    ],
    ids=lambda args: args[0] if "-f" not in args else "add -f",
)
def test_an_unreadable_file_exits_3(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from typer.testing import CliRunner

    from bulletin_cli.cli import app

    secret = example_dir / "issues" / "secret.toml"
    secret.write_bytes((example_dir / "issues" / "2012-01.toml").read_bytes())
    real_open, real_access = Path.open, os.access

    def refusing_open(self: Path, *a: object, **k: object) -> object:
        if self.name == "secret.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)  # type: ignore[call-overload]

    def refusing_access(path: object, mode: int, **k: object) -> bool:
        return Path(str(path)).name != "secret.toml" and real_access(path, mode)  # type: ignore[arg-type]

    real_os_open = os.open

    def refusing_os_open(path: object, flags: int, *a: object, **k: object) -> int:
        # the bounded reader of others' files opens with os.open (bulletin_cli.fileread)
        if Path(os.fsdecode(path)).name == "secret.toml":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_os_open(path, flags, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refusing_open)
    monkeypatch.setattr(os, "access", refusing_access)
    monkeypatch.setattr(os, "open", refusing_os_open)
    monkeypatch.chdir(example_dir)
    args = [str(secret) if arg == "SECRET" else arg for arg in args]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output
    assert "没有权限" in result.stderr

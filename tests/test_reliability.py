"""Reliability promises not pinned down elsewhere (the reliability issue's audit), and the
regressions the fuzz tests (``test_fuzz.py``) found: each failed before its fix."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bulletin_cli.cli import app
from bulletin_cli.issuefile import store
from bulletin_cli.stats.reading import read_records

runner = CliRunner()
DEEP = "x = " + "[" * 500 + "]" * 500 + "\n"
HUGE = "x = " + "7" * 5000 + "\n"


def _clean(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@pytest.fixture
def high_recursion_limit() -> Iterator[None]:
    """Room for the standard library's recursive TOML parser, as under a test runner."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)
    yield
    sys.setrecursionlimit(before)


@pytest.mark.parametrize("content", [DEEP, HUGE, "x = [" * 450 + "]" * 450 + "\n"])
def test_stats_reports_a_deep_or_huge_sibling_and_counts_the_rest(
    example_issue: Path, content: str
) -> None:
    # found by test_any_folder_to_stats: stats reads with tomli, which raises RecursionError
    # past 400 levels and ValueError for huge integers, and only TOMLDecodeError was caught
    (example_issue.parent / "2012-02.toml").write_text(content, encoding="utf-8")
    records, failed = read_records([example_issue.parent])
    assert [record.path.name for record in records] == ["2012-01.toml"]
    assert [problem.path.name for problem in failed] == ["2012-02.toml"]
    result = runner.invoke(app, ["stats", str(example_issue.parent)])
    _clean(result)
    assert result.exit_code == 3
    assert "2012-02.toml" in result.stderr


@pytest.mark.usefixtures("high_recursion_limit")
def test_stats_survives_nesting_only_tomli_refuses(example_issue: Path) -> None:
    # with a high recursion limit the standard library reads 450 levels that tomli refuses;
    # the file is then judged on what it holds (here: not an issue file), never a traceback
    (example_issue.parent / "2012-02.toml").write_text(
        "x = " + "[" * 450 + "]" * 450 + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["stats", str(example_issue.parent)])
    _clean(result)
    assert result.exit_code == 3
    assert "2012-02.toml" in result.stderr


# -- defect 1: a bad sibling or profile, through every command that reads them ----------------


@pytest.mark.parametrize("content", [DEEP, HUGE])
@pytest.mark.parametrize(
    "command",
    [
        ["list", "ISSUE"],
        ["fonts", "ISSUE"],
        ["export", "ISSUE", "-o", "OUT"],
        ["add", "ISSUE", "-s", "工作动态", "-t", "题目", "-u", "市总办公室", "-b", "正文。"],
        ["new", "--dir", "FOLDER", "--date", "2012-02-20"],
    ],
    ids=lambda command: command[0],
)
def test_a_bad_sibling_does_not_stop_any_command(
    example_issue: Path, content: str, command: list[str]
) -> None:
    (example_issue.parent / "2011-12.toml").write_text(content, encoding="utf-8")
    names = {
        "ISSUE": str(example_issue),
        "OUT": str(example_issue.parent.parent / "out.docx"),
        "FOLDER": str(example_issue.parent),
    }
    result = runner.invoke(app, [names.get(arg, arg) for arg in command])
    _clean(result)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("content", [DEEP, HUGE])
@pytest.mark.parametrize(
    "command",
    [
        ["fonts", "ISSUE"],
        ["export", "ISSUE"],
        ["add", "ISSUE", "-s", "工作动态", "-t", "题目", "-u", "市总办公室", "-b", "正文。"],
    ],
    ids=lambda command: command[0],
)
def test_a_bad_profile_exits_3_naming_it(
    example_issue: Path, content: str, command: list[str]
) -> None:
    # (list needs no profile and does not read it)
    profile = example_issue.parent.parent / "bulletin.toml"
    profile.write_text(content, encoding="utf-8")
    before = example_issue.read_bytes()
    result = runner.invoke(app, [str(example_issue) if a == "ISSUE" else a for a in command])
    _clean(result)
    assert result.exit_code == 3, result.output
    assert "bulletin.toml" in result.stderr
    assert example_issue.read_bytes() == before


@pytest.mark.parametrize("content", [DEEP, HUGE])
def test_new_warns_of_a_sibling_it_could_not_number_from(example_issue: Path, content: str) -> None:
    # the number of the new issue may repeat the unread one's: say so instead of a silent miss
    (example_issue.parent / "2011-12.toml").write_text(content, encoding="utf-8")
    args = ["new", "--dir", str(example_issue.parent), "--date", "2012-03-20"]
    result = runner.invoke(app, args)
    _clean(result)
    assert result.exit_code == 0, result.output
    assert "提醒" in result.stderr and "2011-12.toml" in result.stderr
    assert (example_issue.parent / "2011-12.toml").read_text(encoding="utf-8") == content


# -- defect 15: an export that fails on a full disk leaves no empty build/ folder --------------


def test_an_export_that_fails_on_a_full_disk_leaves_no_empty_folder(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store, "atomic_write", full_disk)
    import bulletin_cli.outputs as outputs

    monkeypatch.setattr(outputs, "atomic_write", full_disk)  # every -o writes through it
    result = runner.invoke(app, ["export", str(example_issue)])
    _clean(result)
    assert result.exit_code == 3, result.output
    assert not (example_issue.parent / "build").exists()


# -- a full disk in the middle of a write: the file as it was, no temporary file, exit 3 -------

FULL_DISK_COMMANDS = [
    ["add", "ISSUE", "-s", "工作动态", "-t", "新稿件", "-u", "市总办公室", "-b", "正文。"],
    ["edit", "ISSUE", "1", "--title", "新的标题"],
    ["remove", "ISSUE", "1", "--yes"],
    ["move", "ISSUE", "3", "--to", "2"],
    ["check", "ISSUE", "--fix"],
]


@pytest.mark.parametrize("command", FULL_DISK_COMMANDS, ids=lambda command: command[0])
def test_a_write_that_meets_a_full_disk_changes_nothing(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    if command[0] == "check":  # something to fix
        text = example_issue.read_text(encoding="utf-8").replace('"工作动态"', '"【工作动态】"', 1)
        example_issue.write_text(text, encoding="utf-8")
    folder = example_issue.parent
    before = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = runner.invoke(app, [str(example_issue) if a == "ISSUE" else a for a in command])
    _clean(result)
    assert result.exit_code == 3, result.output
    assert "磁盘已满" in result.stderr, result.stderr
    after = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    assert {name: data for name, data in after.items() if not name.endswith(".lock")} == before
    history = folder / ".bulletin-history"
    assert not history.exists() or not any(history.rglob("*.json"))


# -- defect 17: Ctrl-C before main() runs, while the package itself is loading -----------------

LAUNCHER = """
import signal, sys

class Tripwire:
    # raises SIGINT the moment the named module starts loading
    def find_spec(self, name, path=None, target=None):
        if name == TARGET:
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, Tripwire())
from bulletin_cli.cli import main
main()
"""


@pytest.mark.parametrize("module", ["typing", "bulletin_cli.cli"])
def test_ctrl_c_while_the_package_loads_exits_130_quietly(example_dir: Path, module: str) -> None:
    # the console script imports bulletin_cli (and typing with it) before main() can install
    # its handler: the package installs it first when the process is the bulletin script
    launcher = example_dir / "bin" / "bulletin"
    launcher.parent.mkdir()
    launcher.write_text(f"TARGET = {module!r}\n" + LAUNCHER, encoding="utf-8")
    args = ["list", "issues/2012-01.toml"]
    done = subprocess.run(
        [sys.executable, str(launcher), *args], cwd=example_dir, capture_output=True, check=False
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "已中断" in stderr


def test_importing_the_library_leaves_ctrl_c_alone(tmp_path: Path) -> None:
    script = "import signal, bulletin_cli; print(signal.getsignal(signal.SIGINT).__name__)"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "default_int_handler"

"""SIGKILL at random moments of add, check --fix and export: every file is old or new (never a
partial article or DOCX), and the next run of the command leaves no temporary files.

BULLETIN_KILL_ITERATIONS sets how many kills in all (100 by default, split between the three
commands); each costs one process start.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ITERATIONS = int(os.environ.get("BULLETIN_KILL_ITERATIONS", "100"))
ADD = ["add", "-s", "工作动态", "-t", "新稿件", "-u", "市总办公室", "-b", "正文第一段。"]
COMMANDS = {
    "add": ADD,
    "check --fix": ["check", "--fix"],
    "export": ["export"],
}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _prepare(folder: Path, example_dir: Path, name: str) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(example_dir, folder)
    issue = folder / "issues" / "2012-01.toml"
    if name == "check --fix":  # something to fix
        text = issue.read_text(encoding="utf-8")
        issue.write_text(text.replace('"工作动态"', '"【工作动态】"', 1), "utf-8")
    return issue


def _run(command: list[str], issue: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "bulletin_cli", command[0], str(issue), *command[1:]]
    return subprocess.Popen(
        args, cwd=issue.parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every file the commands may write (the issue and the DOCX), by relative path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".toml", ".docx"):
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def _temporaries(folder: Path) -> list[Path]:
    return list(folder.rglob("*.tmp"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_killed_command_leaves_old_or_new_files(
    example_dir: Path, tmp_path: Path, name: str
) -> None:
    command = COMMANDS[name]
    work = tmp_path / "work"
    issue = _prepare(work, example_dir, name)
    old = _outputs(work)
    started = time.monotonic()
    assert _run(command, issue).wait() in (0, 1)
    duration = time.monotonic() - started
    new = _outputs(work)
    assert new != old
    rng = random.Random(f"{name}-{os.getpid()}")
    for _ in range(max(1, ITERATIONS // len(COMMANDS))):
        issue = _prepare(work, example_dir, name)
        process = _run(command, issue)
        time.sleep(rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _outputs(work)
        for relative, data in after.items():
            assert data in (old.get(relative), new.get(relative)), relative
        if _temporaries(work):
            assert _run(command, issue).wait() in (0, 1)
            assert _temporaries(work) == []

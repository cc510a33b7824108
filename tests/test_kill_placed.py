"""SIGKILL placed at every rename and every fsync of ``move --to-issue``, of ``undo`` of such a
move, and of ``collect`` (strace's ``-e inject``): after each kill the next command (``list``)
completes or abandons the change, every article is in exactly one place, and undo of
everything gives back the original bytes (and the inbox's files).

The kill points are counted from one traced run of the command, so every point is hit once,
in order, and the test takes the same time on every run (about two processes per point).
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bulletin_cli as bulletin
from bulletin_cli.issuefile.history import NothingToUndo
from bulletin_cli.issuefile.store import load_issue

STRACE = shutil.which("strace")
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.skipif(STRACE is None, reason="strace is not installed (.ci/run installs it)"),
]
PLACES = ("rename", "renameat", "renameat2", "fsync", "fdatasync")
"""The system calls where a kill is placed: every rename and every flush to disk."""

OTHER_ISSUE = """[issue]
number = 2
date = 2012-02-20

[[articles]]
section = "工作动态"
title = "第二期的第一篇"
sources = ["研究室"]
body = "正文。"
"""


def _env() -> dict[str, str]:
    # no .pyc written by the traced process: its renames would shift the kill points
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _bulletin(folder: Path, *args: str, strace: list[str] | None = None) -> int:
    command = [sys.executable, "-m", "bulletin_cli", *args]
    if strace is not None:
        assert STRACE is not None
        command = [STRACE, "-f", "-qq", "--seccomp-bpf", *strace, *command]
    done = subprocess.run(
        command,
        cwd=folder,
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return done.returncode


def _count_places(folder: Path, args: list[str]) -> dict[str, int]:
    """How often the command calls each system call of ``PLACES`` (one traced run)."""
    log = folder.parent / f"{folder.name}.strace"
    code = _bulletin(folder, *args, strace=["-o", str(log), "-e", f"trace={','.join(PLACES)}"])
    assert code == 0
    calls = re.findall(r"^(?:\d+ +)?(\w+)\(", log.read_text(), re.MULTILINE)
    log.unlink()
    return dict(collections.Counter(name for name in calls if name in PLACES))


def _office(root: Path, example_dir: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(example_dir, root)
    (root / "issues" / "2012-02.toml").write_text(OTHER_ISSUE, encoding="utf-8")
    inbox = root / "收稿"
    inbox.mkdir()
    for n, unit in enumerate(["张家港市总工会", "常熟市总工会"], start=1):
        text = f"收来的第{n}篇\n\n　　{unit}近日开展了第{n}项活动，效果良好。\n供稿：{unit}\n"
        (inbox / f"稿件{n}.txt").write_text(text, encoding="utf-8")
    return root


def _titles(issue: Path) -> list[str]:
    return [article.title for article in load_issue(issue).issue.articles]


def _state(root: Path) -> dict[str, bytes]:
    """Every issue file and inbox file, by relative path (the history and lock files aside;
    a temporary file left by the kill would show)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".bulletin-history" not in path.parts and path.suffix != ".lock"
    }


def _check_one_place(root: Path, titles: collections.Counter[str]) -> None:
    """Every article is in exactly one issue, and every unit's file either still in the inbox
    (its article not taken) or in 已收/ (its article in the issue)."""
    one, two = root / "issues" / "2012-01.toml", root / "issues" / "2012-02.toml"
    found = collections.Counter(_titles(one) + _titles(two))
    inbox = root / "收稿"
    for n in (1, 2):
        taken = f"收来的第{n}篇" in found
        waiting = (inbox / f"稿件{n}.txt").exists()
        received = (inbox / "已收" / f"稿件{n}.txt").exists()
        assert (waiting, received) == (not taken, taken), (n, waiting, received, taken)
    found = collections.Counter({t: c for t, c in found.items() if not t.startswith("收来的")})
    assert found == titles


def _undo_everything(root: Path) -> None:
    for name in ("2012-01.toml", "2012-02.toml"):
        issue = root / "issues" / name
        for _ in range(50):
            try:
                bulletin.undo(issue)
            except NothingToUndo:
                break


COMMANDS = {
    "move --to-issue": ["move", "issues/2012-01.toml", "1", "--to-issue", "issues/2012-02.toml"],
    "undo of a move": ["undo", "issues/2012-01.toml"],
    "collect": ["collect", "收稿", "issues/2012-01.toml", "--section", "工作动态"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_kill_at_every_rename_and_fsync(tmp_path: Path, example_dir: Path, name: str) -> None:
    args = COMMANDS[name]
    root = _office(tmp_path / "office", example_dir)
    original = _state(root)
    titles = collections.Counter(
        _titles(root / "issues" / "2012-01.toml") + _titles(root / "issues" / "2012-02.toml")
    )

    def prepared() -> Path:
        office = _office(tmp_path / "office", example_dir)
        if name == "undo of a move":
            assert _bulletin(office, *COMMANDS["move --to-issue"]) == 0
        return office

    places = _count_places(prepared(), args)
    assert sum(places.values()) >= 4, places  # the command really writes
    for call, count in places.items():
        for at in range(1, count + 1):
            office = prepared()
            inject = f"inject={call}:signal=KILL:when={at}"
            code = _bulletin(office, *args, strace=["-o", "/dev/null", "-e", inject])
            assert code != 0, (call, at)  # the kill happened
            # the next command completes (or abandons) the change before doing anything
            assert _bulletin(office, "list", "issues/2012-01.toml") == 0
            _check_one_place(office, titles)
            assert not list(office.rglob("intent.*")), (call, at)
            _undo_everything(office)
            assert _state(office) == original, (call, at)

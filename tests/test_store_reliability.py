"""The issue-file layer under hostile input and failing file systems (the reliability issue):
each case names the defect it reproduces, and each failed before its fix."""

from __future__ import annotations

import errno
import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.issuefile import store
from bulletin_cli.issuefile.edits import append_articles
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.model import Article
from bulletin_cli.profile import profile_for

runner = CliRunner()
NEW = Article(section="工作动态", title="新稿件", body="正文。", sources=["市总办公室"])
DEEP = "x = " + "[" * 500 + "]" * 500 + "\n"
HUGE = "x = " + "7" * 5000 + "\n"


def _no_traceback(result: object) -> None:
    assert getattr(result, "exception", None) is None or isinstance(
        getattr(result, "exception", None), SystemExit
    ), getattr(result, "exception", None)
    assert "Traceback" not in getattr(result, "output", "")


@pytest.mark.parametrize(("content", "line"), [(DEEP, 1), ("[issue]\nnumber = 1\n" + HUGE, 3)])
def test_deep_nesting_and_huge_integers_are_file_problems_with_a_line(
    tmp_path: Path, content: str, line: int
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_issue(path)
    assert caught.value.line == line
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("content", [DEEP, HUGE])
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["list"],
        ["export"],
        ["add", "-s", "工作动态", "-t", "题", "-u", "办公室", "-b", "正文。"],
    ],
)
def test_commands_on_a_deep_or_huge_issue_exit_3(
    example_dir: Path, content: str, command: list[str]
) -> None:
    bad = example_dir / "issues" / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(app, [*command, str(bad)])
    _no_traceback(result)
    assert result.exit_code == 3, result.output
    assert "bad.toml" in result.stderr


@pytest.mark.parametrize("content", [DEEP, HUGE])
def test_a_deep_or_huge_sibling_does_not_stop_work_on_a_good_issue(
    example_issue: Path, content: str
) -> None:
    (example_issue.parent / "bad.toml").write_text(content, encoding="utf-8")
    assert store.masthead_of(example_issue.parent / "bad.toml") == (None, None, None)
    result = runner.invoke(app, ["check", str(example_issue)])
    _no_traceback(result)
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("content", [DEEP, HUGE])
def test_a_deep_or_huge_profile_is_a_file_problem(example_issue: Path, content: str) -> None:
    profile = example_issue.parent.parent / "bulletin.toml"
    profile.write_text(content, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        profile_for(example_issue)
    assert caught.value.path == profile
    result = runner.invoke(app, ["check", str(example_issue)])
    _no_traceback(result)
    assert result.exit_code == 3
    assert "bulletin.toml" in result.stderr


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
@pytest.mark.parametrize("how", ["flags", "json", "fix"])
def test_a_lock_file_that_cannot_be_created_exits_3_naming_the_folder(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch, code: int, how: str
) -> None:
    real_open = os.open

    def failing_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".lock"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)
    before = example_issue.read_bytes()
    article = {"section": "工作动态", "title": "题目", "sources": ["市总办公室"], "body": "正文。"}
    if how == "flags":
        args = ["add", str(example_issue), "-s", "工作动态", "-t", "题目", "-u", "市总办公室"]
        result = runner.invoke(app, [*args, "-b", "正文。"])
    elif how == "json":
        line = json.dumps(article, ensure_ascii=False)
        result = runner.invoke(app, ["add", str(example_issue), "--json"], input=line + "\n")
    else:
        example_issue.write_text(
            before.decode("utf-8").replace('section = "工作动态"', 'section = "【工作动态】"', 1),
            encoding="utf-8",
        )
        before = example_issue.read_bytes()
        result = runner.invoke(app, ["check", "--fix", str(example_issue)])
    _no_traceback(result)
    assert result.exit_code == 3, result.output
    assert str(example_issue.parent) in result.stderr
    assert "锁文件" in result.stderr
    assert example_issue.read_bytes() == before


def test_writes_through_a_symlink_change_the_target_and_keep_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "issues").mkdir()
    target = real / "x.toml"
    target.write_text("[issue]\nnumber = 1\ndate = 2012-01-20\n", encoding="utf-8")
    link = tmp_path / "issues" / "link.toml"
    link.symlink_to(Path("..") / "real" / "x.toml")
    assert append_articles(link, [NEW]) == [1]
    assert link.is_symlink()
    assert tomllib.loads(target.read_text(encoding="utf-8"))["articles"][0]["title"] == "新稿件"
    assert (real / ".x.toml.lock").exists()
    assert not (tmp_path / "issues" / ".link.toml.lock").exists()


def test_check_fix_through_a_symlink_changes_the_target(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    real = example_dir / "real.toml"
    real.write_text(
        issue.read_text(encoding="utf-8").replace('"工作动态"', '"【工作动态】"', 1),
        encoding="utf-8",
    )
    issue.unlink()
    issue.symlink_to(real)
    result = runner.invoke(app, ["check", "--fix", str(issue)])
    _no_traceback(result)
    assert issue.is_symlink()
    assert "【工作动态】" not in real.read_text(encoding="utf-8")


def test_a_planted_lock_symlink_is_refused_not_followed(example_issue: Path) -> None:
    outside = example_issue.parent.parent / "outside"
    outside.mkdir()
    (example_issue.parent / ".2012-01.toml.lock").symlink_to(outside / "new")
    before = example_issue.read_bytes()
    with pytest.raises(FileProblem) as caught:
        append_articles(example_issue, [NEW])
    assert "链接" in caught.value.message
    assert not (outside / "new").exists()
    assert example_issue.read_bytes() == before


def test_a_write_removes_temporary_files_its_killed_writers_left(example_issue: Path) -> None:
    folder = example_issue.parent
    dead = folder / ".2012-01.toml.4194309.abcd1234.tmp"  # above Linux's largest pid
    alive = folder / f".2012-01.toml.{os.getppid()}.efgh5678.tmp"
    old_style = folder / ".2012-01.toml.ijkl9012.tmp"
    other_file = folder / ".2012-02.toml.4194309.mnop3456.tmp"
    for temp in (dead, alive, old_style, other_file):
        temp.write_bytes(b"partial")
    os.utime(old_style, (1, 1))
    append_articles(example_issue, [NEW])
    assert not dead.exists()
    assert not old_style.exists()
    assert alive.exists()  # a live writer's file is never taken away from it
    assert other_file.exists()  # another file's leftovers wait for a write of that file


def test_the_folder_is_flushed_after_the_rename(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    append_articles(example_issue, [NEW])
    # each write (the undo step, then the issue): the file's data first, then the folder's entry
    assert len(synced) >= 2
    assert synced == [False, True] * (len(synced) // 2)

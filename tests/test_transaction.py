"""The transaction every change of one file or several goes through (issuefile.transaction):
all or nothing, one undo step for the whole change, an intent that the next command rolls
forward after a kill, and the history's own protection (links, paths, read-only folders)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import bulletin_cli as bulletin
from bulletin_cli.errors import FileProblem
from bulletin_cli.issuefile import history
from bulletin_cli.issuefile.history import NothingToUndo, UndoRefused
from bulletin_cli.issuefile.transaction import Transaction, pending_intents, recover

REPO = Path(__file__).resolve().parent.parent


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"f{n}.toml"
        path.write_bytes(f"# file {n}\nvalue = {n}\n".encode())
        paths.append(path)
    return paths


def test_a_change_of_many_files_is_one_undo_step(tmp_path: Path) -> None:
    paths = _files(tmp_path / "issues", 4)
    original = [p.read_bytes() for p in paths]
    with Transaction(paths, action="rename 甲 → 乙") as change:
        for path in paths[:3]:
            change.write(path, change.read(path) + b"# renamed\n")
    assert [p.read_bytes().endswith(b"# renamed\n") for p in paths] == [True] * 3 + [False]
    assert [len(history.steps(p)) for p in paths] == [1, 1, 1, 0]
    (step,) = history.steps(paths[1])
    assert {m.path for m in step.group} == {history.real_path(p) for p in paths[:3]}
    undone = bulletin.undo(paths[2])  # any member undoes the whole change
    assert set(undone.others) == {history.real_path(p) for p in paths[:2]}
    assert [p.read_bytes() for p in paths] == original
    assert [history.steps(p) for p in paths] == [[], [], [], []]
    assert not list((tmp_path / "issues" / ".bulletin-history").glob("intent.*"))


def test_an_exception_inside_the_block_writes_nothing(tmp_path: Path) -> None:
    paths = _files(tmp_path, 2)
    original = [p.read_bytes() for p in paths]
    with pytest.raises(RuntimeError), Transaction(paths, action="x") as change:
        change.write(paths[0], b"new\n")
        raise RuntimeError
    assert [p.read_bytes() for p in paths] == original
    assert history.steps(paths[0]) == []


def test_reading_a_file_outside_the_transaction_is_refused(tmp_path: Path) -> None:
    one, two = _files(tmp_path, 2)
    with pytest.raises(ValueError), Transaction([one], action="x") as change:
        change.read(two)


KILLED_COMMIT = """
import os, sys
from pathlib import Path
from bulletin_cli.issuefile import transaction
real = transaction.atomic_write
count = 0
def dying(path, data, **options):
    global count
    if path.name.startswith("f"):
        count += 1
        if count == int(sys.argv[1]):
            os._exit(9)  # killed between the writes of the files
    real(path, data, **options)
transaction.atomic_write = dying
paths = [Path(p) for p in sys.argv[2:]]
with transaction.Transaction(paths, action="rename") as change:
    for path in paths:
        change.write(path, change.read(path) + b"# renamed\\n")
"""


@pytest.mark.parametrize("killed_at", [1, 2, 3])
def test_a_killed_change_is_rolled_forward_by_the_next_command(
    tmp_path: Path, killed_at: int
) -> None:
    paths = _files(tmp_path, 3)
    original = [p.read_bytes() for p in paths]
    done = subprocess.run(
        [sys.executable, "-c", KILLED_COMMIT, str(killed_at), *map(str, paths)],
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 9
    assert pending_intents([history.real_path(p) for p in paths])  # the kill left it
    # any later command touching any one of the files completes the change first
    assert recover([paths[-1]]) == 1
    assert [p.read_bytes() for p in paths] == [b + b"# renamed\n" for b in original]
    assert not pending_intents([history.real_path(p) for p in paths])
    bulletin.undo(paths[0])
    assert [p.read_bytes() for p in paths] == original


def test_a_planted_link_at_the_history_folder_is_refused(tmp_path: Path) -> None:
    one, _ = _office(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    root = one.parent / ".bulletin-history"
    root.mkdir()
    (root / f"{one.name}.steps").symlink_to(outside)
    before = one.read_bytes()
    with pytest.raises(FileProblem, match="链接"):
        bulletin.edit_article(one, 1, title="新标题", check=False)
    assert one.read_bytes() == before
    assert list(outside.iterdir()) == []  # no copy of the issue written outside


def test_undo_with_a_read_only_history_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, _ = _office(tmp_path)
    first = one.read_bytes()
    bulletin.edit_article(one, 1, title="新标题", check=False)
    changed = one.read_bytes()
    root = str(one.parent / ".bulletin-history")
    real_open, real_unlink = os.open, os.unlink

    def read_only_open(path: object, flags: int, *args: object) -> int:
        if str(path).startswith(root) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    def read_only_unlink(path: object, *args: object, **options: object) -> None:
        if str(path).startswith(root):
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_open)
    monkeypatch.setattr(os, "unlink", read_only_unlink)
    with pytest.raises(FileProblem):
        bulletin.undo(one)
    assert one.read_bytes() == changed  # failed before changing anything
    monkeypatch.undo()
    bulletin.undo(one)
    assert one.read_bytes() == first


# --- moves between issues: paths, pruned partners, --force ------------------------------

ISSUE = """[issue]
number = {n}
date = 2026-01-{d:02d}

[[articles]]
section = "工作动态"
title = "稿件{n}甲"
sources = ["办公室"]
body = "正文。"

[[articles]]
section = "工作动态"
title = "稿件{n}乙"
sources = ["办公室"]
body = "正文。"
"""


def _office(root: Path) -> tuple[Path, Path]:
    (root / "issues").mkdir(parents=True)
    (root / "bulletin.toml").write_text(
        '[bulletin]\nname = "工作简报"\nsections = ["工作动态"]\nunits = ["办公室"]\n',
        encoding="utf-8",
    )
    one, two = root / "issues" / "2026-01.toml", root / "issues" / "2026-02.toml"
    one.write_text(ISSUE.format(n=1, d=5), encoding="utf-8")
    two.write_text(ISSUE.format(n=2, d=20), encoding="utf-8")
    return one, two


def test_undo_of_a_move_finds_the_other_issue_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = _office(tmp_path / "office")
    decoy_one, decoy_two = _office(tmp_path / "other-office")
    originals = [p.read_bytes() for p in (one, two, decoy_one, decoy_two)]
    monkeypatch.chdir(tmp_path / "office")
    bulletin.move_article_to_issue(Path("issues/2026-01.toml"), 1, Path("issues/2026-02.toml"))
    monkeypatch.chdir(tmp_path / "other-office")  # same relative names, another office
    bulletin.undo(one)
    assert [p.read_bytes() for p in (one, two, decoy_one, decoy_two)] == originals
    bulletin.move_article_to_issue(one, 1, two)
    monkeypatch.chdir(tmp_path / "office" / "issues")
    bulletin.undo(Path("2026-02.toml"))
    assert [p.read_bytes() for p in (one, two)] == originals[:2]


def test_a_pruned_partner_step_does_not_block_older_undos(tmp_path: Path) -> None:
    one, two = _office(tmp_path)
    first = one.read_bytes()
    bulletin.edit_article(one, 2, title="改过的乙", check=False)
    edited = one.read_bytes()
    bulletin.move_article_to_issue(one, 1, two)
    for n in range(history.MAX_STEPS + 1):  # the move's step in two is pruned
        bulletin.edit_article(two, 1, title=f"第{n}次", check=False)
    with pytest.raises(UndoRefused, match="撤销记录已按上限删除") as refused:
        bulletin.undo(one)
    assert "--force" in (refused.value.hint or "")
    undone = bulletin.undo(one, force=True)
    assert undone.left == (history.real_path(two),)
    assert one.read_bytes() == edited
    bulletin.undo(one)  # the older step is reachable again
    assert one.read_bytes() == first
    with pytest.raises(NothingToUndo):
        bulletin.undo(one)


def test_undo_of_the_destination_refuses_while_the_source_changed_later(tmp_path: Path) -> None:
    one, two = _office(tmp_path)
    bulletin.move_article_to_issue(one, 1, two)
    after_move = two.read_bytes()
    bulletin.edit_article(one, 1, title="后来改的", check=False)
    with pytest.raises(UndoRefused, match="后来的改动"):
        bulletin.undo(two)
    assert two.read_bytes() == after_move

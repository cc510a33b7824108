"""``undo``: take back the last recorded change of a file, and of every file changed with it.

The files of the step's group are locked together and restored in one ``Transaction`` (its
intent is written before any file changes, so a read-only history folder fails the undo
before anything is restored, and a killed undo is completed by the next command). A member
whose step is gone (pruned after many later changes) or no longer its latest, or that was
changed since, blocks the undo with a refusal that names it (exit 1); ``force`` then restores
the files that can be restored and says which were left.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import FileProblem
from . import history
from .history import Step, UndoRefused, UndoResult
from .transaction import Transaction

_ATTEMPTS = 5


def undo_last(path: Path, *, force: bool = False) -> UndoResult:
    """See ``history.undo``."""
    for _attempt in range(_ATTEMPTS):
        group = history.latest_group(path)
        with Transaction([path, *group], action="undo", record=False) as change:
            found = history.last_live_step(path, change.read(path))
            if found is None:
                raise history.nothing_to_undo(path)
            step, before = found
            others = [m for m in step.group if m.path != step.path]
            if not {m.path for m in others} <= set(group):
                continue  # the history changed between the look and the locks: look again
            _refuse_if_changed(path, change.read(path), step, force)
            restored, left = _stage_group(change, path, step, others, force)
            change.write(path, before)
            change.discard_step(step)
            notes = _stage_moves_back(change, step)
        remaining = len(history.sequences(path))
        first = restored[0] if restored else None
        return UndoResult(
            path, step.action, step.time, first, remaining, tuple(restored), tuple(left), notes
        )
    raise FileProblem(path, "撤销记录正被另一个程序反复改动，未撤销", hint="请稍后再试一次")


def _stage_moves_back(change: Transaction, step: Step) -> tuple[str, ...]:
    """Move the files the change moved (collect: inbox → 已收/) back where they were; say
    where one stays when its old name is taken or it is gone."""
    notes: list[str] = []
    for move in step.moves:
        if os.path.lexists(move.target) and not os.path.lexists(move.source):
            change.move_file(move.target, move.source)
            notes.append(f"{move.target.name} 已放回 {move.source.parent}")
        elif os.path.lexists(move.target):
            notes.append(
                f"{move.target} 没有放回（{move.source.parent} 中已有同名文件），"
                "要重新收取请手工移回收稿文件夹"
            )
        else:
            notes.append(f"{move.target} 已不在，没有放回")
    return tuple(notes)


def _refuse_if_changed(path: Path, current: bytes, step: Step, force: bool) -> None:
    if force or step.after.matches(current):
        return
    raise UndoRefused(
        f"{path}: 文件在“{step.action}”之后又被修改过（可能是手工编辑），撤销会丢掉这些修改，未撤销",
        hint="确认不要这些修改时，加 --force 强制撤销",
    )


def _stage_group(
    change: Transaction, path: Path, step: Step, others: list[history.Member], force: bool
) -> tuple[list[Path], list[Path]]:
    """Stage the restoring of the other members; returns (restored, left as they are)."""
    restored: list[Path] = []
    left: list[Path] = []
    for member in others:
        reason, found = _member_state(change, member)
        if reason is None and found is not None:
            other_step, other_before = found
            change.write(member.path, other_before)
            change.discard_step(other_step)
            restored.append(member.path)
            continue
        if not force:
            raise UndoRefused(
                f"{member.path}: {reason}，无法和 {path} 一起撤销“{step.action}”，未撤销",
                hint=f"加 --force 只撤销 {path}（{member.path} 保持现状，需要时手工调整）",
            )
        left.append(member.path)
    return restored, left


def _member_state(
    change: Transaction, member: history.Member
) -> tuple[str | None, tuple[Step, bytes] | None]:
    """Why a member cannot be restored with the group (``None`` when it can), and its step."""
    current = change.read(member.path)
    try:
        found = history.read_step(member.path, member.sequence)
    except FileNotFoundError:
        return "这期在这次改动之后又改动过很多次，它的撤销记录已按上限删除", None
    latest = history.last_live_step(member.path, current)
    if latest is None or latest[0].sequence != member.sequence:
        return "这期在这次改动之后又有改动（先撤销它后来的改动）", None
    if not found[0].after.matches(current):
        return "这期在这次改动之后又被修改过（可能是手工编辑）", None
    return None, found

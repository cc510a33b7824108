"""The undo history of issue files: the state before each change, so ``undo`` can restore it.

Each change to an issue file (add, edit, remove, move, ``check --fix``) is recorded as one step
in a hidden folder beside the file, ``.bulletin-history/NAME.steps/000042.json``: what was done, when,
the SHA-256 of the file before and after, and the bytes before (zlib, base64). At most
``MAX_STEPS`` steps are kept per file; older ones are removed when a new one is recorded.

A step is recorded *before* the file is written and discarded if the write fails; a step whose
write never happened (the file still has its "before" hash) is skipped by ``undo``. Undo
refuses when the file's hash is not the step's "after" hash (changed by hand since), unless
forced. A move between two issues records a step in each, linked, so undo restores both.

Writers call ``record`` under the file's lock; ``undo`` takes the lock itself. Steps are read
only by ``undo``: a damaged history never stops a change, it only makes ``undo`` say so.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import EXIT_FINDINGS, BulletinError, FileProblem, os_reason
from .atomic import atomic_write, issue_locks, read_bytes, remove_stale_temps_in, write_target

HISTORY_FOLDER = ".bulletin-history"
MAX_STEPS = 30
"""Steps kept per issue file (the promise is at least 20)."""
_FORMAT = 1


class NothingToUndo(BulletinError):
    """The issue file has no recorded change left to undo (exit 1)."""

    exit_code = EXIT_FINDINGS


class UndoRefused(BulletinError):
    """Undo would throw away changes made by hand since the recorded step (exit 1)."""

    exit_code = EXIT_FINDINGS


@dataclass(frozen=True, slots=True)
class Link:
    """The other file of a change that touched two issue files, and its step there."""

    path: Path
    sequence: int


@dataclass(frozen=True, slots=True)
class Step:
    """One recorded change of one issue file."""

    path: Path
    sequence: int
    action: str
    time: str
    before_hash: str
    after_hash: str
    link: Link | None

    @property
    def file(self) -> Path:
        return step_file(self.path, self.sequence)


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What ``undo`` restored: the file, the change undone, the other file of a move between
    issues (restored too), and how many steps are left."""

    path: Path
    action: str
    time: str
    other: Path | None
    remaining: int


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def history_folder(path: Path) -> Path:
    """Where the steps of the issue file ``path`` are kept (beside its real file)."""
    target = write_target(Path(path))
    return target.parent / HISTORY_FOLDER / f"{target.name}.steps"


def step_file(path: Path, sequence: int) -> Path:
    return history_folder(path) / f"{sequence:06d}.json"


def _sequences(path: Path) -> list[int]:
    folder = history_folder(path)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise FileProblem(folder, f"无法读取撤销记录：{os_reason(err)}") from None
    return sorted(
        int(name[:-5]) for name in names if name.endswith(".json") and name[:-5].isdigit()
    )


def record(
    path: Path, *, before: bytes, after: bytes, action: str, link: Link | None = None
) -> Step:
    """Record that ``path`` is about to change from ``before`` to ``after`` by ``action`` (a
    short description such as ``edit 3``); call under the file's lock, before writing, and
    ``discard`` the step if the write fails. Prunes the oldest steps beyond ``MAX_STEPS``."""
    path = Path(path)
    existing = _sequences(path)
    sequence = next_sequence(path)
    step = Step(
        path=write_target(path),
        sequence=sequence,
        action=action,
        time=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        before_hash=digest(before),
        after_hash=digest(after),
        link=link,
    )
    folder = history_folder(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileProblem(folder, f"无法建立撤销记录文件夹：{os_reason(err)}，文件未改动") from None
    payload = {
        "format": _FORMAT,
        "action": action,
        "time": step.time,
        "before_sha256": step.before_hash,
        "after_sha256": step.after_hash,
        "before": base64.b64encode(zlib.compress(before, 6)).decode("ascii"),
        "link": None if link is None else {"path": str(link.path), "sequence": link.sequence},
    }
    atomic_write(step.file, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    remove_stale_temps_in(folder)  # a step a killed command was writing
    for old in existing[: max(0, len(existing) + 1 - MAX_STEPS)]:
        with contextlib.suppress(OSError):
            step_file(path, old).unlink()
    return step


def next_sequence(path: Path) -> int:
    """The number the next step of ``path`` will get (for linking two files' steps)."""
    existing = _sequences(path)
    return existing[-1] + 1 if existing else 1


def discard(step: Step) -> None:
    """Forget a step (undone, or its write failed)."""
    with contextlib.suppress(FileNotFoundError):
        step.file.unlink()


def steps(path: Path) -> list[Step]:
    """The recorded steps of ``path``, oldest first (``FileProblem`` when one is damaged)."""
    return [_read_step(path, sequence)[0] for sequence in _sequences(path)]


def _read_step(path: Path, sequence: int) -> tuple[Step, bytes]:
    file = step_file(path, sequence)
    damaged = FileProblem(
        file,
        "撤销记录已损坏，无法撤销",
        hint=f"期刊文件本身不受影响；删除文件夹 {history_folder(path)} 可清空撤销记录",
    )
    try:
        payload = json.loads(file.read_bytes().decode("utf-8"))
        before = zlib.decompress(base64.b64decode(payload["before"], validate=True))
        link = payload.get("link")
        step = Step(
            path=write_target(Path(path)),
            sequence=sequence,
            action=str(payload["action"]),
            time=str(payload["time"]),
            before_hash=str(payload["before_sha256"]),
            after_hash=str(payload["after_sha256"]),
            link=None if link is None else Link(Path(link["path"]), int(link["sequence"])),
        )
    except FileNotFoundError:
        raise FileProblem(file, "撤销记录在读取时被删除了，请再试一次") from None
    except (OSError, ValueError, KeyError, TypeError, zlib.error, binascii.Error):
        raise damaged from None
    if digest(before) != step.before_hash:
        raise damaged
    return step, before


def _last_live_step(path: Path, current: bytes) -> tuple[Step, bytes] | None:
    """The latest step whose change was written, dropping steps whose write never happened
    (the file still has their "before" bytes)."""
    for sequence in reversed(_sequences(path)):
        step, before = _read_step(path, sequence)
        if step.before_hash == digest(current) and step.after_hash != step.before_hash:
            discard(step)
            continue
        return step, before
    return None


def undo(path: Path | str, *, force: bool = False) -> UndoResult:
    """Restore ``path`` as it was before its last recorded change; a move between issues is
    undone in both files. ``UndoRefused`` when a file was changed since the step (by hand or
    by a program that does not record), unless ``force``; ``NothingToUndo`` when no step is
    left."""
    path = Path(path)
    other = _linked_file(path)
    with issue_locks(path, *([other] if other is not None else [])):
        current = read_bytes(path)
        found = _last_live_step(path, current)
        if found is None:
            raise NothingToUndo(
                f"{path}: 没有可以撤销的改动",
                hint=f"撤销记录只保存每期最近 {MAX_STEPS} 次改动",
            )
        step, before = found
        _refuse_if_changed(path, current, step, force)
        if step.link is None:
            atomic_write(path, before)
            discard(step)
            return UndoResult(path, step.action, step.time, None, len(_sequences(path)))
        if step.link.path != other:
            raise FileProblem(path, "撤销记录刚被另一个程序改动，未撤销", hint="请再试一次")
        return _undo_linked(path, step, before, force)


def _linked_file(path: Path) -> Path | None:
    """The other file of the latest step, read before locking to know which locks to take
    (checked again under the locks)."""
    try:
        sequences = _sequences(path)
        link = _read_step(path, sequences[-1])[0].link if sequences else None
    except BulletinError:
        return None
    return None if link is None else link.path


def _refuse_if_changed(path: Path, current: bytes, step: Step, force: bool) -> None:
    if force or digest(current) == step.after_hash:
        return
    raise UndoRefused(
        f"{path}: 文件在“{step.action}”之后又被修改过（可能是手工编辑），撤销会丢掉这些修改，未撤销",
        hint="确认不要这些修改时，加 --force 强制撤销",
    )


def _undo_linked(path: Path, step: Step, before: bytes, force: bool) -> UndoResult:
    """Undo a move between two issues in both files (both locks are held)."""
    assert step.link is not None
    other = step.link.path
    other_current = read_bytes(other)
    other_step, other_before = _read_step(other, step.link.sequence)
    latest = _sequences(other)
    if not force and (not latest or latest[-1] != other_step.sequence):
        raise UndoRefused(
            f"{other}: 这期在“{step.action}”之后又有改动，无法一起撤销，未撤销",
            hint=f"先撤销 {other} 后来的改动，或加 --force 只撤销 {path}",
        )
    if force and digest(other_current) != other_step.after_hash:
        atomic_write(path, before)
        discard(step)
        return UndoResult(path, step.action, step.time, None, len(_sequences(path)))
    _refuse_if_changed(other, other_current, other_step, force)
    atomic_write(other, other_before)
    try:
        atomic_write(path, before)
    except BulletinError:
        atomic_write(other, other_current)  # put the article back where it was
        raise
    discard(other_step)
    discard(step)
    return UndoResult(path, step.action, step.time, other, len(_sequences(path)))

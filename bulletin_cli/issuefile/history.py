"""The undo history of issue files: the state before each change, so ``undo`` can restore it.

Each change of a file (add, edit, remove, move, ``check --fix``, collect, and any change that
``transaction`` makes) is recorded as one step in a hidden folder beside the file,
``.bulletin-history/NAME.steps/000042.json``: what was done, when, a check (zlib's CRC-32 and
the size) of the file before and after, and the bytes before (zlib, base64). At most
``MAX_STEPS`` steps are kept per file; older ones are removed when a new one is recorded.

A change of several files at once (``move --to-issue``, a rename across many issues) records
one step in each file's history, all naming the same *group*: every member's path (relative
to the history folder, never to the working directory) and its step's number. ``undo`` of any
member undoes the whole group (through one ``transaction``), or refuses, naming the member
that changed since, and with ``force`` undoes the members that still can be.

A step is recorded *before* the file is written and discarded if the write fails; a step whose
write never happened (the file still has its "before" bytes) is skipped by ``undo``. Undo
refuses when the file's check is not the step's "after" check (changed by hand since), unless
forced.

The history folders are protected like the lock file: a ``.bulletin-history`` or
``NAME.steps`` that is a symbolic link is refused, never followed, and no step file is
written through a link. Steps are read only by ``undo``: a damaged history never stops a
change, it only makes ``undo`` say so.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import stat
import zlib
from collections.abc import Sequence
from pathlib import Path

from ..errors import EXIT_FINDINGS, BulletinError, FileProblem, os_reason
from ..records import record as data_record
from .atomic import atomic_write, remove_stale_temps_in, sync_folder, write_target

HISTORY_FOLDER = ".bulletin-history"
MAX_STEPS = 30
"""Steps kept per issue file (the promise is at least 20)."""
_FORMAT = 2


class NothingToUndo(BulletinError):
    """The issue file has no recorded change left to undo (exit 1)."""

    exit_code = EXIT_FINDINGS


class UndoRefused(BulletinError):
    """Undo would throw away changes made by hand since the recorded step (exit 1)."""

    exit_code = EXIT_FINDINGS


@data_record(frozen=True, slots=True)
class Check:
    """What a file's bytes are checked against: CRC-32 and size (format 2), or the SHA-256 of
    steps written by earlier versions (format 1; ``hashlib`` is loaded only to read those)."""

    crc32: int
    size: int
    sha256: str = ""

    @classmethod
    def of(cls, data: bytes) -> Check:
        return cls(zlib.crc32(data), len(data))

    def matches(self, data: bytes) -> bool:
        if self.sha256:
            import hashlib

            return hashlib.sha256(data).hexdigest() == self.sha256
        return len(data) == self.size and zlib.crc32(data) == self.crc32

    def to_json(self) -> dict[str, object]:
        return {"crc32": self.crc32, "size": self.size}


@data_record(frozen=True, slots=True)
class Member:
    """One file of a change to several files, and the number of its step."""

    path: Path
    sequence: int


@data_record(frozen=True, slots=True)
class Move:
    """A file moved along with a change (``collect``'s inbox file into 已收/)."""

    source: Path
    target: Path

    def to_json(self, root: Path) -> dict[str, str]:
        return {"from": stored_path(self.source, root), "to": stored_path(self.target, root)}

    @classmethod
    def from_json(cls, item: dict[str, str], root: Path) -> Move:
        return cls(resolved_path(str(item["from"]), root), resolved_path(str(item["to"]), root))

    def apply(self) -> bool:
        """Move the file unless it is gone or the target is taken (never replacing a file);
        whether it was moved (or had been already)."""
        if os.path.lexists(self.target) and not os.path.lexists(self.source):
            return True  # done already (a command completing a killed one)
        if os.path.lexists(self.target) or not os.path.lexists(self.source):
            return False
        try:
            os.rename(self.source, self.target)
        except OSError:
            return False
        sync_folder(self.target.parent)
        sync_folder(self.source.parent)
        return True


@data_record(frozen=True, slots=True)
class Step:
    """One recorded change of one issue file; ``group`` names the other files changed with it
    (empty for a change of this file alone)."""

    path: Path
    sequence: int
    action: str
    time: str
    before: Check
    after: Check
    group: tuple[Member, ...] = ()
    moves: tuple[Move, ...] = ()

    @property
    def file(self) -> Path:
        return step_file(self.path, self.sequence)


@data_record(frozen=True, slots=True)
class UndoResult:
    """What ``undo`` restored: the file, the change undone, the other files of a change that
    spanned several (restored too; ``other`` is the first of them), the members that could not
    be restored with it (``force``), how many steps are left, and notes on moved files."""

    path: Path
    action: str
    time: str
    other: Path | None
    remaining: int
    others: tuple[Path, ...] = ()
    left: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()
    """What became of files the change had moved (collect's, put back into the inbox)."""


def absolute(path: Path) -> Path:
    """``path`` made absolute through its folder's real path (the file itself may be a link,
    or not exist yet)."""
    path = Path(path)
    return Path(os.path.realpath(path.parent)) / path.name


def real_path(path: Path) -> Path:
    """The absolute real path of a file (symbolic links resolved): how the history and the
    transaction name files, whatever folder a command was started in."""
    return Path(os.path.realpath(write_target(Path(path))))


def history_root(path: Path) -> Path:
    """The ``.bulletin-history`` folder beside the real file of ``path``."""
    return real_path(path).parent / HISTORY_FOLDER


def history_folder(path: Path) -> Path:
    """Where the steps of the issue file ``path`` are kept (beside its real file)."""
    return history_root(path) / f"{real_path(path).name}.steps"


def step_file(path: Path, sequence: int) -> Path:
    return history_folder(path) / f"{sequence:06d}.json"


def stored_path(path: Path, root: Path) -> str:
    """``path`` as written into a record of the history folder ``root``: relative to it, so
    that the office folder can be moved or copied whole."""
    return os.path.relpath(real_path(path), root)


def resolved_path(text: str, root: Path) -> Path:
    """A path read from a record of the history folder ``root``: relative to it (absolute ones,
    written by earlier versions, as they are)."""
    return Path(os.path.normpath(os.path.join(root, text)))


def refuse_links(path: Path) -> None:
    """``FileProblem`` when ``path`` (a history folder, or a file in one) is a symbolic link or
    not what it should be: planted links are never followed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as err:
        raise FileProblem(path, f"无法读取撤销记录：{os_reason(err)}") from None
    if stat.S_ISLNK(info.st_mode):
        raise FileProblem(
            path,
            "撤销记录的文件夹或文件是一个链接，为安全起见不使用它，文件未改动",
            hint=f"删除 {path} 后再试（只会清掉撤销记录，期刊文件不受影响）",
        )


def ensure_folders(*levels: Path) -> None:
    """Make history folders (outermost first), refusing links at every level."""
    for level in levels:
        refuse_links(level)
        try:
            level.mkdir(exist_ok=True)
        except OSError as err:
            raise FileProblem(
                level, f"无法建立撤销记录文件夹：{os_reason(err)}，文件未改动"
            ) from None
        refuse_links(level)


def sequences(path: Path) -> list[int]:
    folder = history_folder(path)
    refuse_links(folder.parent)
    refuse_links(folder)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise FileProblem(folder, f"无法读取撤销记录：{os_reason(err)}") from None
    return sorted(
        int(name[:-5]) for name in names if name.endswith(".json") and name[:-5].isdigit()
    )


def next_sequence(path: Path) -> int:
    """The number the next step of ``path`` will get."""
    existing = sequences(path)
    return existing[-1] + 1 if existing else 1


def record(
    path: Path,
    *,
    before: bytes,
    after: bytes,
    action: str,
    group: Sequence[Member] = (),
    sequence: int | None = None,
    moves: Sequence[Move] = (),
) -> Step:
    """Record that ``path`` is about to change from ``before`` to ``after`` by ``action`` (a
    short description such as ``edit 3``); call under the file's lock, before writing, and
    ``discard`` the step if the write fails. ``group`` lists every file of a change to several
    (this one included). Prunes the oldest steps beyond ``MAX_STEPS``."""
    path = Path(path)
    existing = sequences(path)
    if sequence is None:
        sequence = existing[-1] + 1 if existing else 1
    step = Step(
        path=real_path(path),
        sequence=sequence,
        action=action,
        time=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        before=Check.of(before),
        after=Check.of(after),
        group=tuple(group),
        moves=tuple(moves),
    )
    folder = history_folder(path)
    ensure_folders(folder.parent, folder)
    root = folder.parent
    payload = {
        "format": _FORMAT,
        "action": action,
        "time": step.time,
        "before_check": step.before.to_json(),
        "after_check": step.after.to_json(),
        "before": base64.b64encode(zlib.compress(before, 6)).decode("ascii"),
        "group": [
            {"path": stored_path(member.path, root), "sequence": member.sequence}
            for member in group
        ],
        "moves": [move.to_json(root) for move in moves],
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    atomic_write(step.file, data, follow_links=False)
    remove_stale_temps_in(folder)  # a step a killed command was writing
    for old in existing[: max(0, len(existing) + 1 - MAX_STEPS)]:
        with contextlib.suppress(OSError):
            step_file(path, old).unlink()
    return step


def discard(step: Step) -> None:
    """Forget a step (undone, or its write failed)."""
    with contextlib.suppress(FileNotFoundError):
        step.file.unlink()


def steps(path: Path) -> list[Step]:
    """The recorded steps of ``path``, oldest first (``FileProblem`` when one is damaged)."""
    return [read_step(path, sequence)[0] for sequence in sequences(path)]


def read_step(path: Path, sequence: int) -> tuple[Step, bytes]:
    """A step of ``path`` and the bytes before it (``FileNotFoundError`` when it is gone,
    ``FileProblem`` when it is damaged)."""
    file = step_file(path, sequence)
    damaged = FileProblem(
        file,
        "撤销记录已损坏，无法撤销",
        hint=f"期刊文件本身不受影响；删除文件夹 {history_folder(path)} 可清空撤销记录",
    )
    refuse_links(file)
    try:
        payload = json.loads(file.read_bytes().decode("utf-8"))
        before = zlib.decompress(base64.b64decode(payload["before"], validate=True))
        step = Step(
            path=real_path(path),
            sequence=sequence,
            action=str(payload["action"]),
            time=str(payload["time"]),
            before=_check(payload, "before"),
            after=_check(payload, "after"),
            group=_group(payload, path, sequence, file.parent.parent),
            moves=tuple(
                Move.from_json(item, file.parent.parent) for item in payload.get("moves", [])
            ),
        )
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zlib.error, binascii.Error):
        raise damaged from None
    if not step.before.matches(before):
        raise damaged
    return step, before


def _check(payload: dict[str, object], which: str) -> Check:
    value = payload.get(f"{which}_check")
    if isinstance(value, dict):
        return Check(int(value["crc32"]), int(value["size"]))
    return Check(0, -1, str(payload[f"{which}_sha256"]))  # format 1


def _group(payload: dict[str, object], path: Path, sequence: int, root: Path) -> tuple[Member, ...]:
    group = payload.get("group")
    if isinstance(group, list):
        return tuple(
            Member(resolved_path(str(item["path"]), root), int(item["sequence"])) for item in group
        )
    link = payload.get("link")  # format 1: the other file of a move between issues
    if isinstance(link, dict):
        own = Member(real_path(path), sequence)
        return own, Member(resolved_path(str(link["path"]), root), int(link["sequence"]))
    return ()


def last_live_step(path: Path, current: bytes) -> tuple[Step, bytes] | None:
    """The latest step whose change was written, dropping steps whose write never happened
    (the file still has their "before" bytes)."""
    for sequence in reversed(sequences(path)):
        try:
            step, before = read_step(path, sequence)
        except FileNotFoundError:
            continue  # pruned or undone by another command meanwhile
        if before == current and not step.after.matches(before):
            discard(step)
            continue
        return step, before
    return None


def latest_group(path: Path) -> tuple[Path, ...]:
    """The files of the latest step's group, read before locking to know which locks to take
    (checked again under the locks)."""
    try:
        numbers = sequences(path)
        group = read_step(path, numbers[-1])[0].group if numbers else ()
    except (BulletinError, FileNotFoundError):
        return ()
    return tuple(member.path for member in group)


def undo(path: Path | str, *, force: bool = False) -> UndoResult:
    """Restore ``path`` as it was before its last recorded change; a change that spanned
    several files is undone in all of them, as one transaction. ``UndoRefused`` when a file
    was changed since the step (by hand, or by later changes of another member), unless
    ``force``; ``NothingToUndo`` when no step is left."""
    from .undoing import undo_last

    return undo_last(Path(path), force=force)


def nothing_to_undo(path: Path) -> NothingToUndo:
    return NothingToUndo(
        f"{path}: 没有可以撤销的改动", hint=f"撤销记录只保存每期最近 {MAX_STEPS} 次改动"
    )

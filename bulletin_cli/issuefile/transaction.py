"""One change of one file or of several, all or nothing: the transaction every writer uses.

Usage (any number of files; each file's bytes are read and written whole)::

    with Transaction([issue_a, issue_b], action="move 3 → 2012-02.toml") as change:
        text_a = change.read(issue_a)          # read under the locks, after any recovery
        change.write(issue_a, new_bytes_a)     # staged, nothing written yet
        change.write(issue_b, new_bytes_b)
    # leaving the block without an exception commits; an exception inside writes nothing

``change.commit()`` commits early and returns the undo steps recorded (one per changed file,
all naming one group, so ``history.undo`` of any of the files undoes them all).

The protocol, like SQLite's journal for a change of many pages:

1. take the locks of all the files in one fixed order (by real path), and first roll forward
   any *intent* a killed command left for one of them (taking its files' locks too);
2. the caller reads and stages new bytes;
3. record an undo step for each file that changes, each naming the whole group;
4. write the intent record (atomic, fsync'd) into the ``.bulletin-history`` folder of every
   folder involved: each file's path (relative to that folder), a check of its bytes before,
   its new bytes, and the undo steps to discard (for ``undo``);
5. write each file (atomic: temporary file, fsync, rename, fsync of the folder);
6. discard the undo steps an undo takes back;
7. remove the intent.

A change of one file that discards no step skips 4 and 7: its single rename is its own commit
point. Recovery rolls forward: a file that still holds its "before" bytes gets its new bytes,
the listed steps are discarded, the intent is removed; a file that matches neither (edited by
hand after the kill) is left as it is. Every command that changes issue files goes through
here, so the next writer of any file of a broken change completes it before anything else.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from ..errors import FileProblem, os_reason
from . import history
from .atomic import atomic_write, issue_lock, read_bytes, remove_stale_temps_in

INTENT_PREFIX = "intent."
_ATTEMPTS = 8


@dataclass(slots=True)
class _Member:
    """A file of an intent: its real path, a check of its bytes before, its new bytes."""

    path: Path
    before: history.Check
    after: bytes


@dataclass(slots=True)
class Intent:
    """An unfinished change read from (or about to be written to) the history folders."""

    name: str
    action: str
    members: list[_Member]
    discards: list[history.Member] = field(default_factory=list)
    moves: list[history.Move] = field(default_factory=list)

    @property
    def paths(self) -> set[Path]:
        """The files whose locks the change needs (moved files are not locked)."""
        return {member.path for member in self.members} | {d.path for d in self.discards}

    def roots(self) -> list[Path]:
        return sorted({path.parent / history.HISTORY_FOLDER for path in self.paths})

    def payload(self, root: Path) -> bytes:
        data = {
            "format": 1,
            "action": self.action,
            "members": [
                {
                    "path": history.stored_path(m.path, root),
                    "before": m.before.to_json(),
                    "after": base64.b64encode(zlib.compress(m.after, 6)).decode("ascii"),
                }
                for m in self.members
            ],
            "discard": [
                {"path": history.stored_path(d.path, root), "sequence": d.sequence}
                for d in self.discards
            ],
            "moves": [move.to_json(root) for move in self.moves],
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def write(self) -> None:
        """Write the intent into every history folder involved (each copy fsync'd)."""
        for root in self.roots():
            history.ensure_folders(root)  # links refused
            atomic_write(root / self.name, self.payload(root), follow_links=False)
            remove_stale_temps_in(root)

    def remove(self) -> None:
        for root in self.roots():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(root / self.name)

    def roll_forward(self) -> None:
        """Finish the change: every file still as it was before gets its new bytes, the listed
        steps are discarded, the intent is removed (call with every member's lock held)."""
        for member in self.members:
            try:
                current = member.path.read_bytes()
            except FileNotFoundError:
                current = b""
            except OSError as err:
                raise _unfinished(member.path, self.action, os_reason(err)) from None
            if current == member.after or not member.before.matches(current):
                continue  # done already, or changed by hand after the kill: left alone
            atomic_write(member.path, member.after)
        for move in self.moves:
            move.apply()
        for step in self.discards:
            with contextlib.suppress(FileNotFoundError):
                history.step_file(step.path, step.sequence).unlink()
        self.remove()


def _unfinished(path: Path, action: str, reason: str) -> FileProblem:
    return FileProblem(
        path,
        f"上次被中断的改动（{action}）无法完成：{reason}，文件未改动",
        hint="解决上面的问题（如磁盘已满、文件夹只读）后再运行一次命令，它会先完成那次改动",
    )


def _read_intent(file: Path, root: Path) -> Intent | None:
    try:
        history.refuse_links(file)
        payload = json.loads(file.read_bytes().decode("utf-8"))
        members = [
            _Member(
                history.resolved_path(str(item["path"]), root),
                history.Check(int(item["before"]["crc32"]), int(item["before"]["size"])),
                zlib.decompress(base64.b64decode(item["after"], validate=True)),
            )
            for item in payload["members"]
        ]
        discards = [
            history.Member(history.resolved_path(str(item["path"]), root), int(item["sequence"]))
            for item in payload["discard"]
        ]
        moves = [history.Move.from_json(item, root) for item in payload.get("moves", [])]
        return Intent(file.name, str(payload["action"]), members, discards, moves)
    except FileNotFoundError:
        return None  # finished meanwhile by its own command
    except (OSError, ValueError, KeyError, TypeError, zlib.error, binascii.Error):
        raise FileProblem(
            file,
            "上次被中断的改动留下的记录已损坏，无法完成那次改动",
            hint="检查相关期刊文件的内容是否完整，然后删除这个记录文件再试",
        ) from None


def pending_intents(paths: Iterable[Path]) -> list[Intent]:
    """The unfinished changes that name any of ``paths`` (real paths)."""
    wanted = set(paths)
    found: dict[str, Intent] = {}
    for root in sorted({path.parent / history.HISTORY_FOLDER for path in wanted}):
        history.refuse_links(root)
        try:
            names = sorted(os.listdir(root))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as err:
            raise FileProblem(root, f"无法读取撤销记录：{os_reason(err)}") from None
        for name in names:
            if not (name.startswith(INTENT_PREFIX) and name.endswith(".json")):
                continue
            if name in found:
                continue
            intent = _read_intent(root / name, root)
            if intent is not None and intent.paths & wanted:
                found[name] = intent
    return list(found.values())


@contextlib.contextmanager
def _locks(paths: Iterable[Path]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for path in sorted(set(paths), key=str):
            stack.enter_context(issue_lock(path))
        yield


def recover(paths: Iterable[Path | str]) -> int:
    """Roll forward every unfinished change naming one of ``paths`` (for commands that only
    read); returns how many were finished."""
    targets = {history.real_path(Path(p)) for p in paths}
    if not any(_has_intents(path) for path in targets):
        return 0
    with Transaction(targets, action="recover") as change:
        return change.recovered


def _has_intents(path: Path) -> bool:
    """Whether the history folder beside ``path`` holds any intent (one listing, no reads)."""
    try:
        names = os.listdir(path.parent / history.HISTORY_FOLDER)
    except OSError:
        return False
    return any(name.startswith(INTENT_PREFIX) for name in names)


class Transaction:
    """A change of one or several files that happens whole or not at all (see the module)."""

    def __init__(self, paths: Iterable[Path | str], *, action: str, record: bool = True) -> None:
        self.action = action
        self.record = record
        self.recovered = 0
        self._paths = {history.real_path(Path(p)) for p in paths}
        self._given: dict[Path, Path] = {}
        for p in paths:
            self._given.setdefault(history.real_path(Path(p)), Path(p))
        self._stack: contextlib.ExitStack | None = None
        self._before: dict[Path, bytes] = {}
        self._after: dict[Path, bytes] = {}
        self._discards: list[history.Step] = []
        self._moves: list[history.Move] = []
        self._steps: list[history.Step] = []
        self._kept: set[Path] = set()
        self._done = False

    # --- locking ------------------------------------------------------------------------

    def __enter__(self) -> Transaction:
        for _attempt in range(_ATTEMPTS):
            extra: set[Path] = set()
            with contextlib.suppress(FileProblem):
                for intent in pending_intents(self._paths):
                    extra |= intent.paths
            locked = self._paths | extra
            stack = contextlib.ExitStack()
            try:
                stack.enter_context(_locks(locked))
                found = pending_intents(self._paths)
                if all(intent.paths <= locked for intent in found):
                    for intent in found:
                        intent.roll_forward()
                        self.recovered += 1
                    self._stack = stack
                    return self
            except BaseException:
                stack.close()
                raise
            stack.close()
        raise FileProblem(
            next(iter(self._given.values())),
            "文件正被其他程序反复改动，未改动",
            hint="稍后再试",
        )

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            if self._stack is not None:
                self._stack.close()
                self._stack = None

    # --- reading and staging -------------------------------------------------------------

    def _key(self, path: Path | str) -> Path:
        key = history.real_path(Path(path))
        if key not in self._paths:
            raise ValueError(f"{path} is not a file of this transaction")
        return key

    def read(self, path: Path | str) -> bytes:
        """The bytes of ``path`` as they are under the locks (``FileProblem`` when unreadable)."""
        key = self._key(path)
        if key not in self._before:
            self._before[key] = read_bytes(self._given.get(key, key))
        return self._before[key]

    def write(self, path: Path | str, data: bytes) -> None:
        """Stage the new bytes of ``path`` (read it first); written by ``commit``."""
        key = self._key(path)
        if key not in self._before:
            self.read(key)
        self._after[key] = data

    def keep_in_group(self, path: Path | str) -> None:
        """Record an undo step for ``path`` in the group even if its bytes do not change, when
        other files do: the file a clerk names to undo the whole change (``bulletin undo
        bulletin.toml`` after ``units rename --issues`` that changed issue files only)."""
        key = self._key(path)
        self.read(key)
        self._kept.add(key)

    def discard_step(self, step: history.Step) -> None:
        """Stage an undo step to forget once the files are written (for ``undo``)."""
        self._key(step.path)
        self._discards.append(step)

    def move_file(self, source: Path, target: Path) -> None:
        """Stage moving the file ``source`` to the free name ``target`` once the files are
        written (``collect``'s inbox files into 已收/); recorded in the undo step, which moves
        it back. A target that is taken by then, or a source that is gone, is left alone."""
        self._moves.append(history.Move(history.absolute(source), history.absolute(target)))

    @property
    def steps(self) -> list[history.Step]:
        """The undo steps recorded by ``commit``."""
        return list(self._steps)

    # --- committing ----------------------------------------------------------------------

    def commit(self) -> list[history.Step]:
        """Record, write and verify the staged changes (see the module); once only."""
        if self._done:
            return self.steps
        if self._stack is None:
            raise RuntimeError("commit outside the transaction's with block")
        self._done = True
        changed = [
            key for key in sorted(self._after, key=str) if self._after[key] != self._before[key]
        ]
        if not changed and not self._discards and not self._moves:
            return []
        for key in sorted(self._kept - set(changed), key=str):
            self._after.setdefault(key, self._before[key])
            changed.append(key)
        if len(changed) == 1 and not self._discards and not self._moves:
            self._commit_one(changed[0])
        else:
            self._commit_many(changed)
        return self.steps

    def _commit_one(self, key: Path) -> None:
        before, after = self._before[key], self._after[key]
        if self.record:
            self._steps.append(history.record(key, before=before, after=after, action=self.action))
        try:
            atomic_write(key, after)
        except BaseException:
            self._forget_steps()
            raise
        self._verify(key)

    def _commit_many(self, changed: list[Path]) -> None:
        group = [history.Member(key, history.next_sequence(key)) for key in changed]
        members = [
            _Member(key, history.Check.of(self._before[key]), self._after[key]) for key in changed
        ]
        discards = [history.Member(step.path, step.sequence) for step in self._discards]
        name = f"{INTENT_PREFIX}{os.getpid()}.{os.urandom(4).hex()}.json"
        intent = Intent(name, self.action, members, discards, list(self._moves))
        try:
            if self.record:
                for member in group:
                    self._steps.append(
                        history.record(
                            member.path,
                            before=self._before[member.path],
                            after=self._after[member.path],
                            action=self.action,
                            group=group if len(group) > 1 else (),
                            sequence=member.sequence,
                            moves=self._moves,
                        )
                    )
            intent.write()
        except BaseException:
            self._forget_steps()
            with contextlib.suppress(OSError):
                intent.remove()
            raise
        written: list[Path] = []
        try:
            for key in changed:
                atomic_write(key, self._after[key])
                written.append(key)
        except BaseException:
            self._roll_back(intent, written)
            raise
        for move in self._moves:
            move.apply()
        for step in self._discards:
            history.discard(step)
        intent.remove()
        for key in changed:
            self._verify(key)

    def _roll_back(self, intent: Intent, written: list[Path]) -> None:
        """Put back the files already written when a later write failed (the command is still
        running); when that fails too, the intent stays and the next command completes it."""
        try:
            for key in written:
                atomic_write(key, self._before[key])
        except BaseException:
            return
        self._forget_steps()
        intent.remove()

    def _forget_steps(self) -> None:
        for step in self._steps:
            history.discard(step)
        self._steps.clear()

    def _verify(self, key: Path) -> None:
        if read_bytes(key) != self._after[key]:
            raise FileProblem(
                self._given.get(key, key),
                "写入后读回的内容与预期不同，请检查磁盘",
                hint="可用 bulletin undo 撤销",
            )

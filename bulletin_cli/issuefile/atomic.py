"""Writing files safely: atomically (temporary file, fsync, rename, fsync the folder), under
the issue's lock, through symbolic links to their targets, cleaning what killed writers left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import FileProblem, os_reason
from .lock import LockTimeout, acquire, release

BOM = "\ufeff"
LOCK_TIMEOUT_SECONDS = 60.0


def write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: the target of a symbolic link (so the link
    stays a link and the real file changes), else ``path`` itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


@contextlib.contextmanager
def issue_lock(path: Path) -> Iterator[None]:
    """Hold the lock of one issue file: a hidden ``.NAME.lock`` beside the real file, so writers
    through a symbolic link and through the real path exclude each other."""
    target = write_target(path)
    lock_path = target.parent / f".{target.name}.lock"
    try:
        fd = acquire(lock_path, timeout=LOCK_TIMEOUT_SECONDS)
    except LockTimeout:
        raise FileProblem(
            path, "文件被其他程序占用，等待 60 秒后仍未释放", hint="稍后再试，或关闭正在写它的程序"
        ) from None
    except OSError as err:
        raise _lock_problem(lock_path, err) from None
    try:
        yield
    finally:
        release(fd)


@contextlib.contextmanager
def issue_locks(*paths: Path) -> Iterator[None]:
    """Hold the locks of several issue files, always taken in the same order (by real path),
    so two commands locking the same pair cannot wait for each other forever."""
    ordered = sorted({_lock_key(path): path for path in paths}.items())
    with contextlib.ExitStack() as stack:
        for _, path in ordered:
            stack.enter_context(issue_lock(path))
        yield


def _lock_key(path: Path) -> str:
    return os.path.realpath(write_target(Path(path)))


def _lock_problem(lock_path: Path, err: OSError) -> FileProblem:
    folder = lock_path.parent
    if lock_path.is_symlink() or err.errno == errno.ELOOP:
        return FileProblem(
            folder,
            f"锁文件 {lock_path.name} 是一个链接，为安全起见不使用它，文件未改动",
            hint=f"删除文件夹中的 {lock_path.name} 后再试",
        )
    return FileProblem(
        folder,
        f"无法在这个文件夹中建立锁文件 {lock_path.name}（{os_reason(err)}），文件未改动",
        hint="检查文件夹是否只读、是否有写入权限、磁盘是否已满",
    )


def atomic_write(
    path: Path, data: bytes, *, exclusive: bool = False, follow_links: bool = True
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place and flush
    the folder, so a write that returned survives a power cut.

    A symbolic link is written through (its target changes, the link stays). With ``exclusive``
    an existing ``path`` is never replaced (``FileProblem``). Temporary files of ``path`` left
    by a killed writer are removed. With ``follow_links=False`` (the undo history) a link at
    ``path`` is replaced by the file, never written through."""
    path = write_target(path) if follow_links else path
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=".tmp")
    except OSError as err:
        raise FileProblem(folder, f"无法写入文件夹：{os_reason(err)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(temp, path)
        if exclusive:
            _link_exclusive(temp, path)
        else:
            os.replace(temp, path)
        sync_folder(folder)
    except FileExistsError:
        raise FileProblem(path, "文件已存在，不会覆盖", hint="换一个期号，或先移走旧文件") from None
    except OSError as err:
        raise FileProblem(path, f"无法写入：{os_reason(err)}") from None
    finally:
        temp.unlink(missing_ok=True)
    remove_stale_temps(path)


STALE_TEMP_SECONDS = 600.0
"""A temporary file whose writer cannot be identified counts as left over after this long."""


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the hidden ``.NAME.PID.XXXX.tmp`` files of ``path`` whose writing process is gone
    (killed mid-write); returns what was removed. Another live writer's file is left alone."""
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        if _temp_is_stale(name[len(prefix) : -len(".tmp")], entry):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def remove_stale_temps_in(folder: Path) -> list[Path]:
    """Remove every temporary file of ``atomic_write`` in ``folder`` whose writer is gone (for
    folders of files that are written once, like the undo history)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        parts = entry.name[1:-4].rsplit(".", 2)  # .NAME.PID.XXXX.tmp
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp") and len(parts) == 3):
            continue
        if _temp_is_stale(f"{parts[1]}.{parts[2]}", entry):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _temp_is_stale(middle: str, entry: os.DirEntry[str]) -> bool:
    pid_text, _, _ = middle.partition(".")
    if pid_text.isdigit() and sys.platform != "win32":
        return int(pid_text) != os.getpid() and not _process_alive(int(pid_text))
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
    except OSError:
        return False


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but another user's
        return True
    return True


def sync_folder(folder: Path) -> None:
    """Flush the folder entry of a rename to disk (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself has happened
    finally:
        os.close(fd)


def _give_mode(temp: Path, path: Path) -> None:
    """The mode the file would have had: the existing file's, or the usual one for a new file
    (the temporary file is created private, 0600)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


def _link_exclusive(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # file systems without hard links: exclusive create, still never overwriting
        with open(path, "xb") as handle:
            handle.write(temp.read_bytes())


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` as UTF-8, keeping the original file's BOM."""
    prefix = BOM if original.startswith(BOM.encode()) else ""
    return (prefix + text).encode("utf-8")


def read_bytes(path: Path) -> bytes:
    """The bytes of an issue file (a regular file: a FIFO or a device is refused, not read)."""
    from ..fileread import read_regular

    if not os.path.lexists(path):
        raise FileProblem(path, "文件不存在", hint="先用 bulletin new 新建一期")
    return read_regular(path)

"""An exclusive advisory lock on a small lock file, for POSIX (fcntl) and Windows (msvcrt).

Written here rather than taken from the ``filelock`` package, whose import alone cost about
35 ms of the ~100 ms start-up budget of ``bulletin add``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.005
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""A lock file that is a symbolic link is refused (ELOOP), never followed to create a file elsewhere."""


class LockTimeout(Exception):
    """The lock was still held by another process when the timeout ran out."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def acquire(path: Path, *, timeout: float) -> int:
    """Open ``path`` (created if missing, never through a symbolic link) and lock it; returns
    the descriptor to ``release``. ``LockTimeout`` after ``timeout``; ``OSError`` when the lock
    file cannot be opened (read-only folder, no permission, full disk, a planted link: ELOOP)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(str(path))
            time.sleep(POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise
    return fd


def release(fd: int) -> None:
    """Unlock and close a descriptor from ``acquire``."""
    try:
        _unlock(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive_lock(path: Path, *, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing); ``LockTimeout`` after ``timeout``."""
    fd = acquire(path, timeout=timeout)
    try:
        yield
    finally:
        release(fd)

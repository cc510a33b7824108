"""Reading files that others made: regular files only, and never more than a bound.

A unit's ``.txt`` may be a FIFO (``open`` would wait forever), a link to ``/dev/zero`` (a read
without end), or 700 MB (a read of all of it before any size check costs the memory). These
functions open without blocking, refuse anything that is not a regular file, and read at most
one byte more than the bound, so a refusal costs no more memory than the bound itself.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import FileProblem, os_reason

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class TooLarge(FileProblem):
    """The file holds more than the bound (exit 3)."""


def is_regular(path: Path) -> bool:
    """Whether ``path`` is (or links to) a regular file; ``False`` for devices, FIFOs,
    sockets, folders and missing files (never opens it)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (``TooLarge`` beyond it);
    ``FileProblem`` for a folder, a device, a FIFO, a missing or unreadable file."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        raise FileProblem(path, "文件不存在", hint="检查文件名和文件夹是否正确") from None
    except IsADirectoryError:
        raise FileProblem(path, "这是一个文件夹，不是文件") from None
    except OSError as err:
        raise FileProblem(path, f"无法读取：{os_reason(err)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem(path, "这是一个文件夹，不是文件")
        if not stat.S_ISREG(mode):
            raise FileProblem(
                path,
                "不是普通文件（可能是设备、管道或指向它们的链接），不读取",
                hint="换成一个普通的文件",
            )
        if limit is not None and os.fstat(fd).st_size > limit:
            raise TooLarge(path, f"文件太大（超过 {_megabytes(limit)}）")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except OSError as err:
        raise FileProblem(path, f"无法读取：{os_reason(err)}") from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise TooLarge(path, f"文件太大（超过 {_megabytes(limit)}）")
    return data


def _megabytes(limit: int) -> str:
    return f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit} 字节"

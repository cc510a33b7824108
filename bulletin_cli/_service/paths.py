"""File-system failures in a clerk's words: every ``OSError`` of the service becomes a
``FileProblem`` (exit 3) naming the path and what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from ..errors import FileProblem

_REASONS = {
    errno.ENAMETOOLONG: ("文件名太长", "换一个短一些的文件名（不超过 255 字节，约 85 个汉字）"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "检查路径，换一个文件夹"),
    errno.EEXIST: ("已存在同名的文件", "换一个名字，或先移走那个文件"),
    errno.EACCES: ("没有权限", "换一个有写入权限的文件夹，或请管理员开放权限"),
    errno.EPERM: ("没有权限", "换一个有写入权限的文件夹，或请管理员开放权限"),
    errno.EROFS: ("所在的磁盘是只读的", "换一个可以写入的文件夹"),
    errno.ENOSPC: ("磁盘已满", "清理磁盘空间后再试"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "写出文件的完整名字"),
}


def os_problem(path: Path, err: OSError) -> FileProblem:
    """The ``FileProblem`` for ``err`` met at ``path`` (the name in the error when it has one)."""
    where = Path(err.filename) if isinstance(err.filename, str) else path
    reason, hint = _REASONS.get(err.errno or 0, (None, None))
    return FileProblem(where, reason or f"无法读写：{err.strerror or err}", hint=hint)


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; a part that is a file, a name too long or a
    read-only disk is a ``FileProblem``."""
    try:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileProblem(
            folder, "这是一个文件，不是文件夹", hint="换一个文件夹名，或先移走这个文件"
        ) from None
    except OSError as err:
        raise os_problem(folder, err) from None

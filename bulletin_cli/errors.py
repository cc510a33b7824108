"""The one exception family of bulletin.

Every error a user can cause is a ``BulletinError`` carrying a message written for a clerk and
the exit code of docs/cli.md. The CLI translates them to output in exactly one place.
"""

from __future__ import annotations

import errno
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_FILE = 3


class BulletinError(Exception):
    """An error a user can cause and fix; ``str(err)`` is the message for the clerk."""

    exit_code: int = EXIT_FILE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  提示：{self.hint}"
        return self.message


class FileProblem(BulletinError):
    """A file could not be read, parsed or written (exit 3)."""

    exit_code = EXIT_FILE

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = Path(path)
        self.line = line
        self.column = column


_OS_REASONS = {
    errno.ENAMETOOLONG: ("文件名太长", "换一个短一些的名字（不超过 255 字节，约 85 个汉字）"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "检查路径，换一个文件夹"),
    errno.EEXIST: ("已存在同名的文件", "换一个名字，或先移走那个文件"),
    errno.EACCES: ("没有权限", "换一个有权限的文件夹，或请管理员开放权限"),
    errno.EPERM: ("没有权限", "换一个有权限的文件夹，或请管理员开放权限"),
    errno.EROFS: ("所在的磁盘是只读的", "换一个可以写入的文件夹"),
    errno.ENOSPC: ("磁盘已满", "清理磁盘空间后再试"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "写出文件的完整名字"),
    errno.ENOENT: ("文件或文件夹不存在", "检查路径是否写对"),
    errno.ELOOP: ("路径中的链接绕成了圈", "检查路径中的快捷方式（符号链接）"),
    errno.EIO: ("磁盘读写出错", "检查磁盘或 U 盘是否插好、是否损坏"),
    errno.EBUSY: ("文件正被占用", "关闭正在使用它的程序后再试"),
    errno.ETXTBSY: ("文件正被占用", "关闭正在使用它的程序后再试"),
    errno.EXDEV: ("不能跨磁盘移动", "把文件放在同一个磁盘上再试"),
    errno.ENOTEMPTY: ("文件夹不是空的", "先移走其中的文件"),
    errno.EMFILE: ("同时打开的文件太多", "关闭一些程序后再试"),
    errno.EDQUOT: ("磁盘配额已用完", "清理空间或请管理员增加配额"),
    errno.EFBIG: ("文件太大", "换一个小一些的文件"),
}


def os_reason(err: OSError) -> str:
    """What an ``OSError`` means, in a clerk's words (without the file's name)."""
    known = _OS_REASONS.get(err.errno or 0)
    if known is not None:
        return known[0]
    code = errno.errorcode.get(err.errno or 0)  # a system code, never the English sentence
    return f"无法读写（系统错误 {code}）" if code else "无法读写"


def os_problem(err: OSError, path: Path | str | None = None) -> FileProblem:
    """An ``OSError`` in a clerk's words: what happened to which file, and what to do."""
    name = err.filename if isinstance(err.filename, str) else path
    _reason, hint = _OS_REASONS.get(err.errno or 0, ("", None))
    return FileProblem(name if name is not None else "（未知文件）", os_reason(err), hint=hint)


class InputProblem(BulletinError):
    """What the user typed cannot be used (a bad field, a missing value): exit 2."""

    exit_code = EXIT_USAGE


class ContentRefused(BulletinError):
    """The content breaks the office's rules (check errors): exit 1."""

    exit_code = EXIT_FINDINGS

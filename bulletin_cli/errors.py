"""The one exception family of bulletin.

Every error a user can cause is a ``BulletinError`` carrying a message written for a clerk and
the exit code of docs/cli.md. The CLI translates them to output in exactly one place.
"""

from __future__ import annotations

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


class InputProblem(BulletinError):
    """What the user typed cannot be used (a bad field, a missing value): exit 2."""

    exit_code = EXIT_USAGE


class ContentRefused(BulletinError):
    """The content breaks the office's rules (check errors): exit 1."""

    exit_code = EXIT_FINDINGS

"""Folders the service creates, with failures in a clerk's words (``FileProblem``, exit 3)."""

from __future__ import annotations

from pathlib import Path

from ..errors import FileProblem, os_problem


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
        raise os_problem(err, folder) from None

"""Paths the service is given and folders it creates, with failures in a clerk's words
(``FileProblem``, exit 3)."""

from __future__ import annotations

from pathlib import Path

from ..errors import FileProblem, os_problem
from ..issuefile.store import issue_files


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


def expand_folders(paths: list[Path]) -> list[Path]:
    """The paths given, a folder standing for the issue files in it."""
    expanded: list[Path] = []
    for path in paths:
        try:
            inside = issue_files(path) if path.is_dir() else []
        except OSError:  # e.g. a name too long: reported when the file is read
            inside = []
        expanded.extend(inside or [path])
    return expanded

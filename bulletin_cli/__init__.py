"""bulletin: compose, check and export a Chinese work bulletin (简报).

The public API for scripts (see docs/api.md)::

    import bulletin_cli as bulletin

    path = bulletin.new_issue("issues")
    bulletin.add_articles(path, [{"section": "工作动态", "title": "…", "sources": ["办公室"],
                                  "body": "…"}])
    report = bulletin.check_issue(path)
    if report.ok:
        bulletin.export_docx(path, "build/issue.docx")

Names are loaded on first use, so ``import bulletin_cli`` stays cheap for the CLI.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys  # all but signal come loaded with the interpreter; the command needs signal anyway


def _quit_quietly(signum: int, frame: object) -> None:
    """Ctrl-C while the ``bulletin`` command is still loading: nothing has been written yet."""
    with contextlib.suppress(OSError, LookupError):
        os.write(2, "已中断。\n".encode(sys.stderr.encoding if sys.stderr else "utf-8", "replace"))
    os._exit(130)


def _run_as_the_command() -> bool:
    """Whether this process is the ``bulletin`` script (not a program importing the library)."""
    name = sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if sys.argv else ""
    stem = name.removesuffix(".exe").removesuffix("-script.pyw").removesuffix("-script.py")
    return stem == "bulletin"


if _run_as_the_command():  # Ctrl-C quiet from the package's first instruction; main takes over
    signal.signal(signal.SIGINT, _quit_quietly)

from typing import TYPE_CHECKING, Any  # noqa: E402

__version__ = "0.1.0"

_EXPORTS = {
    "load_issue": "api",
    "save_issue": "api",
    "new_issue": "api",
    "add_article": "api",
    "add_articles": "api",
    "check_issue": "api",
    "export_docx": "api",
    "export_docx_bytes": "api",
    "preview_issue": "api",
    "watch_preview": "api",
    "PreviewResult": "_service.previewing",
    "import_bulletin": "api",
    "load_profile": "api",
    "edit_article": "api",
    "remove_article": "api",
    "move_article": "api",
    "move_article_to_issue": "api",
    "undo": "api",
    "ArticleChange": "issuefile.edits",
    "ArticleMoved": "issuefile.edits",
    "UndoResult": "issuefile.history",
    "NothingToUndo": "issuefile.history",
    "UndoRefused": "issuefile.history",
    "adoption_stats": "api",
    "export_stats": "api",
    "AdoptionReport": "stats",
    "Issue": "model",
    "Article": "model",
    "Distribution": "model",
    "Profile": "profile",
    "LayoutSettings": "layout",
    "Finding": "check.findings",
    "CheckReport": "check.findings",
    "ImportResult": "importer",
    "BulletinError": "errors",
    "FileProblem": "errors",
    "InputProblem": "errors",
    "ContentRefused": "errors",
}

__all__ = [
    "AdoptionReport",
    "Article",
    # changing articles in place and undoing (see docs/api.md)
    "ArticleChange",
    "ArticleMoved",
    "BulletinError",
    "CheckReport",
    "ContentRefused",
    "Distribution",
    "FileProblem",
    "Finding",
    "ImportResult",
    "InputProblem",
    "Issue",
    "LayoutSettings",
    "NothingToUndo",
    "PreviewResult",
    "Profile",
    "UndoRefused",
    "UndoResult",
    "__version__",
    "add_article",
    "add_articles",
    "adoption_stats",
    "check_issue",
    "edit_article",
    "export_docx",
    "export_docx_bytes",
    "export_stats",
    "import_bulletin",
    "load_issue",
    "load_profile",
    "move_article",
    "move_article_to_issue",
    "new_issue",
    "preview_issue",
    "remove_article",
    "save_issue",
    "undo",
    "watch_preview",
]

if TYPE_CHECKING:
    from ._service.previewing import PreviewResult
    from .api import (
        add_article,
        add_articles,
        adoption_stats,
        check_issue,
        edit_article,
        export_docx,
        export_docx_bytes,
        export_stats,
        import_bulletin,
        load_issue,
        load_profile,
        move_article,
        move_article_to_issue,
        new_issue,
        preview_issue,
        remove_article,
        save_issue,
        undo,
        watch_preview,
    )
    from .check.findings import CheckReport, Finding
    from .errors import BulletinError, ContentRefused, FileProblem, InputProblem
    from .importer import ImportResult
    from .issuefile.edits import ArticleChange, ArticleMoved
    from .issuefile.history import NothingToUndo, UndoRefused, UndoResult
    from .layout import LayoutSettings
    from .model import Article, Distribution, Issue
    from .profile import Profile
    from .stats import AdoptionReport


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bulletin_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])

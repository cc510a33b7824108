"""Export an issue as a DOCX (and PDF) in the official layout (docs/export.md).

``build_docx`` gives the bytes (checking, refusing and writing are the service's: see
``bulletin_cli.api``); ``pdf`` converts through LibreOffice, ``fonts`` reports the faces and the
characters a GB2312 face lacks; ``titles`` breaks titles into lines (the page estimate of
``check`` uses it too, so the writer is loaded only when a name below is first used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .styles import STYLE_IDS
    from .writer import build_docx, default_output, with_profile_defaults

__all__ = ["STYLE_IDS", "build_docx", "default_output", "with_profile_defaults"]


def __getattr__(name: str) -> Any:
    if name == "STYLE_IDS":
        from .styles import STYLE_IDS

        return STYLE_IDS
    if name in ("build_docx", "default_output", "with_profile_defaults"):
        from . import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

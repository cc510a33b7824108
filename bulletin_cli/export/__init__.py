"""Export an issue as a DOCX (and PDF) in the official layout (docs/export.md).

``build_docx`` gives the bytes (checking, refusing and writing are the service's: see
``bulletin_cli.api``); ``pdf`` converts through LibreOffice, ``fonts`` reports the faces and the
characters a GB2312 face lacks.
"""

from __future__ import annotations

from .styles import STYLE_IDS
from .writer import build_docx, default_output, with_profile_defaults

__all__ = ["STYLE_IDS", "build_docx", "default_output", "with_profile_defaults"]

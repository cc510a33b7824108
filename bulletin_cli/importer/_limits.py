"""Bounds on what an import reads: a bulletin is small, and an untrusted file must stay so."""

from __future__ import annotations

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""A year of bulletins as one text is well under 1 MB; anything beyond this is not a bulletin."""
MAX_DOCX_BYTES = 64 * 1024 * 1024
"""The largest DOCX file accepted (pictures make a bulletin big; text never does)."""
MAX_PART_BYTES = 32 * 1024 * 1024
"""The largest unpacked XML part read (document.xml of a 100-page bulletin is about 1 MB)."""
MAX_MEMBERS = 5000
"""The most members a DOCX may have (a few dozen is usual)."""

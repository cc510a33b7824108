"""Bounds on what an import reads: a bulletin is small, and an untrusted file must stay so."""

from __future__ import annotations

from ..errors import FileProblem

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""A year of bulletins as one text is well under 1 MB; anything beyond this is not a bulletin."""
MAX_DOCX_BYTES = 64 * 1024 * 1024
"""The largest DOCX file accepted (pictures make a bulletin big; text never does)."""
MAX_PART_BYTES = 32 * 1024 * 1024
"""The largest unpacked XML part read (document.xml of a 100-page bulletin is about 1 MB)."""
MAX_MEMBERS = 5000
"""The most members a DOCX may have (a few dozen is usual)."""

# What an import may produce: a tiny file can hold hundreds of thousands of empty paragraphs
# (a 54 KB DOCX of 200,000 【工作动态】 lines), and an issue that large is slow for every command
# after it. The largest real bulletins (a year's 一事一报 run together) stay far below these.
MAX_LINES = 20_000
"""The most lines of a text, or paragraphs of a DOCX, read (one issue has a few hundred)."""
MAX_ARTICLES = 1_000
"""The most articles an import may produce (an issue has a few dozen)."""
MAX_EMPTY_ARTICLES = 100
"""The most empty articles (a section heading with nothing under it) an import may produce."""


def refuse_beyond(source: str, count: int, limit: int, what: str) -> None:
    """Refuse (exit 3, with the figure) an import that would read or make more than ``limit``.

    ``what`` names the figure: ``原文的段数``, ``导入后的稿件数``."""
    if count > limit:
        raise FileProblem(
            source,
            f"{what}为 {count:,}，超过上限 {limit:,}：这不像一期简报，未导入",
            hint="一次导入一期简报；多期合订的文件请先分开，再逐期导入",
        )


MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""The most bytes all XML parts of a DOCX may unpack to together."""

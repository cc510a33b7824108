"""The outline of a body: what lies ahead of each line, for the choices one line cannot make.

Whether a short line is a new article's title or a sub-heading of the one being read depends on
what follows: an attribution further on closes the article it stands in, so a heading before
it is a sub-heading; a title directly followed by another heading opens a series of
sub-headings (``辽　宁`` / ``黑龙江`` / ``吉　林`` under one report). ``Outline`` computes that
once, before the body's state machine runs over the lines.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .text import (
    INNER_NUMBERING,
    SourceLine,
    brief_mark,
    byline,
    date_line,
    end_attribution,
    is_title_like,
    own_line_attribution,
    section_heading,
    subtitle_text,
)


@dataclass(slots=True)
class Outline:
    """Per line of the body (by its position among the lines with text)."""

    dense: bool = False
    """No empty line anywhere: every line is a paragraph, and no gap marks a new article."""
    heading: list[bool] = field(default_factory=list)
    """A short line followed by a paragraph: a title or a sub-heading."""
    closing: list[int] = field(default_factory=list)
    """The position of the next attribution or signature before the next section (-1: none)."""
    headings_before: list[int] = field(default_factory=lambda: [0])
    """How many headings stand before each position (one more entry than lines)."""
    unit_titles: list[int] | None = None
    """Where a unit line stands over a title (computed by the body when first needed)."""

    def attribution_ahead(self, k: int) -> bool:
        return 0 <= k < len(self.closing) and self.closing[k] > k

    def heading_before_close(self, k: int) -> bool:
        """Another heading after position ``k`` and before the attribution that closes it."""
        if not self.attribution_ahead(k):
            return False
        return self.headings_before[self.closing[k]] - self.headings_before[k + 1] > 0


def outline(lines: list[SourceLine], indices: list[int], limit: int, *, plain: bool) -> Outline:
    """The outline of the body lines at ``indices``; ``plain``: a plain text, where a missing
    empty line means something (a DOCX has none to miss)."""
    texts = [lines[i].content for i in indices]
    gaps = [b - a - 1 for a, b in itertools.pairwise(indices)]
    dense = plain and len(indices) >= 4 and not any(gaps)
    heading = [
        _heading(text, texts[k + 1] if k + 1 < len(texts) else None, limit)
        for k, text in enumerate(texts)
    ]
    closing = [-1] * len(texts)
    ahead = -1
    for k in range(len(texts) - 1, -1, -1):
        closing[k] = ahead
        text = texts[k]
        if section_heading(text) is not None:
            ahead = -1
        elif closes(lines[indices[k]].text):
            ahead = k
    before = [0, *itertools.accumulate(int(flag) for flag in heading)]
    return Outline(dense, heading, closing, before)


def closes(line_text: str) -> bool:
    """An attribution (own line or at the end of a paragraph) or a signature with a date
    (``line_text`` as it stands, with its leading spaces)."""
    text = line_text.strip()
    return (
        own_line_attribution(text) is not None
        or byline(line_text) is not None
        or end_attribution(text) is not None
        or date_line(text) is not None
    )


def _heading(text: str, following: str | None, limit: int) -> bool:
    if following is None or not is_title_like(text, limit):
        return False
    if INNER_NUMBERING.match(text) or brief_mark(text) or subtitle_text(text) is not None:
        return False
    if closes(text) or section_heading(text) is not None:
        return False
    return not is_title_like(following, limit)

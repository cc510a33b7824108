"""The body recogniser: a state machine over the lines between masthead and 报尾.

Each line is, by its shape and by the ``BodyState`` left by the lines before it, one of: a
section heading, an attribution, the title (or subtitle) of a new article, a brief, or a
paragraph of the article being read. Styled paragraphs of our own export go to ``styled``
first. Wherever the choice is not certain, a guess names the line.
"""

from __future__ import annotations

import itertools
import re

from ..textclean import clean_section, clean_title, split_units
from .state import (
    Reading,
    attribution,
    check_units,
    close,
    keep_empty_section,
    merge,
    new_brief,
    new_title,
    paragraph_text,
    start_section,
    unbracketed_units,
)
from .styled import read_styled
from .text import (
    SectionKind,
    SourceLine,
    brief_mark,
    end_attribution,
    is_title_like,
    own_line_attribution,
    section_heading,
    subtitle_text,
)

INNER_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后)"
)
"""The numbering of points inside an article (``一、`` ``（二）`` ``3.`` ``第一``)."""
_WRAP_MIN = 20
"""A line at least this long that stops mid-sentence was wrapped, not ended (plain text)."""
_PARAGRAPH_END = tuple("。！？!?；;…”’」』）)：:")
_TITLE_SIZE = 18.0
"""Points from which a short paragraph of a hand-made DOCX reads as a title (body text is 16)."""
_SHORT_NAME_MAX = 20
_SPACED_SHARE = 0.9
"""A text with an empty line after this share of its lines was saved double-spaced."""


def read_body(reading: Reading, start: int, end: int) -> None:
    """Read the articles of lines ``start`` to ``end`` into ``reading.drafts``."""
    indices = reading.text_indices(start, end)
    gaps = [b - a - 1 for a, b in itertools.pairwise(indices)]
    # text saved with an empty line after every line: only a wider gap separates
    spaced = len(gaps) >= 4 and sum(1 for gap in gaps if gap) >= _SPACED_SHARE * len(gaps)
    for k, i in enumerate(indices):
        prev_blank = k == 0 or gaps[k - 1] >= (2 if spaced else 1)
        following = reading.lines[indices[k + 1]] if k + 1 < len(indices) else None
        _read_line(reading, reading.lines[i], prev_blank, following)
    close(reading)
    keep_empty_section(reading)


def _read_line(
    reading: Reading, line: SourceLine, prev_blank: bool, following: SourceLine | None
) -> None:
    state = reading.body
    text = line.content
    wrapped, state.wrapped = state.wrapped, False
    if line.role is not None and read_styled(reading, line, text):
        return
    heading = section_heading(text)
    if heading is None and line.listed and _is_short_name(text):
        heading = text, "numbered"  # 一、 numbered by Word, not typed
    if heading is not None and _accept_section(reading, line, heading[0], heading[1]):
        return
    at_boundary = state.draft is None or state.draft.closed
    if text in reading.profile.sections and (state.section is None or at_boundary):
        start_section(reading, text, line)
        return
    units = own_line_attribution(text)
    if units is not None and not (line.align == "center" and state.after_title):
        attribution(reading, line, units)
        return
    draft = state.draft
    if draft is None or draft.closed:
        _boundary(reading, line, text, following)
        return
    if line.align == "right" and draft.paragraphs and unbracketed_units(reading, text):
        reading.guess(line, "右对齐的一行当作供稿单位")
        attribution(reading, line, split_units(text))
        return
    if state.after_title:
        state.after_title = False
        subtitle = subtitle_text(text)
        if subtitle is not None:
            draft.subtitle = clean_title(subtitle)
            return
        if _plain_subtitle(reading, line, text, prev_blank, following):
            draft.subtitle = clean_title(text)
            return
    if draft.brief and (brief_mark(text) or line.listed or _in_briefs(reading)):
        close(reading)
        _boundary(reading, line, text, following)
        return
    if draft.marked and draft.paragraphs:
        reading.guess(line, "简讯后没有符号的一段，当作这条简讯的第二段")
    if draft.paragraphs and _starts_article(reading, line, text, prev_blank, following):
        if line.align is None:
            reading.guess(line, "当作新一篇的标题（上一篇没有供稿单位）")
        new_title(reading, line, text)
        return
    _paragraph(reading, line, text, continues=wrapped and not prev_blank)


def _in_briefs(reading: Reading) -> bool:
    section = reading.body.section
    return section is not None and section in reading.profile.briefs


def _accept_section(reading: Reading, line: SourceLine, raw: str, kind: SectionKind) -> bool:
    name = clean_section(raw)
    known = name in reading.profile.sections
    if line.align == "center" and not known and kind != "bracket":
        return False
    if kind == "marker" and (
        end_attribution(line.content) is not None or (_in_briefs(reading) and not known)
    ):
        return False
    if kind == "numbered" and not known:
        draft = reading.body.draft
        if not (draft is None or draft.closed):
            return False
    if kind != "bracket" and not known:
        where = "（不在栏目目录中）" if reading.profile.sections else ""
        reading.guess(line, f"当作栏目“{name}”{where}")
    start_section(reading, name, line)
    return True


def _boundary(reading: Reading, line: SourceLine, text: str, following: SourceLine | None) -> None:
    """The line after a closed article (or at the start): a title or a brief."""
    limit = reading.limit
    in_briefs = _in_briefs(reading)
    mark = brief_mark(text)
    if mark is None and line.listed and not is_title_like(text, limit):
        mark = ""  # a brief numbered by Word
    centred = line.align == "center"
    title_like = is_title_like(text, limit)
    if centred and title_like and mark is None:
        new_title(reading, line, text)
    elif mark is not None and not (centred and title_like):
        if not in_briefs and reading.profile.briefs:
            section = reading.body.section or ""
            reading.guess(line, f"当作一条无标题的简讯（“{section}”不是简讯栏目）")
        new_brief(reading, line, text, mark)
    elif not in_briefs and _long_title(reading, text, following):
        reading.guess(line, "较长的一行当作标题")
        new_title(reading, line, text)
    elif in_briefs or end_attribution(text) is not None or not title_like:
        if not in_briefs:
            reading.guess(line, "没有标题，当作一条无标题的简讯")
        new_brief(reading, line, text, None)
    else:
        if following is None:
            reading.guess(line, "当作标题（后面没有正文）")
        new_title(reading, line, text)


def _long_title(reading: Reading, text: str, following: SourceLine | None) -> bool:
    """A title over the usual length: no sentence in it, and a body after it."""
    limit = reading.limit
    return (
        limit < len(text) <= 2 * limit
        and is_title_like(text, 2 * limit)
        and end_attribution(text) is None
        and following is not None
        and not is_title_like(following.content, limit)
        and own_line_attribution(following.content) is None
    )


def _plain_subtitle(
    reading: Reading, line: SourceLine, text: str, prev_blank: bool, following: SourceLine | None
) -> bool:
    if not is_title_like(text, reading.limit):
        return False
    if line.align is not None:
        return line.align == "center"
    if prev_blank or following is None or own_line_attribution(following.content) is not None:
        return False
    if brief_mark(text) or INNER_NUMBERING.match(text):
        return False
    reading.guess(line, "标题下的第二行短句当作副标题")
    return True


def _starts_article(
    reading: Reading, line: SourceLine, text: str, prev_blank: bool, following: SourceLine | None
) -> bool:
    limit = reading.limit
    if not is_title_like(text, limit):
        return False
    if line.align == "center" or (line.size is not None and line.size >= _TITLE_SIZE):
        return True  # a hand-made DOCX: centred, or set in large type
    if line.align is not None:
        return False
    if not prev_blank or following is None or INNER_NUMBERING.match(text):
        return False
    if len(text) >= _WRAP_MIN and "，" in text:
        return False  # the start of a sentence wrapped by hand, not a title
    after = following.content
    return not is_title_like(after, limit) or subtitle_text(after) is not None


def _paragraph(reading: Reading, line: SourceLine, text: str, *, continues: bool) -> None:
    state = reading.body
    draft = state.draft
    assert draft is not None
    found = end_attribution(text)
    if found is not None:
        text, units = found
        draft.sources = merge(draft.sources, units)
        draft.closed = True
        check_units(reading, line, units)
    if not text:
        return
    text = paragraph_text(text)
    if continues and draft.paragraphs:
        last = draft.paragraphs[-1]
        if not state.joining:
            reading.guess(line, "上一行在句中断开，两行接成一段")
        space = " " if last[-1:].isascii() and text[:1].isascii() else ""
        draft.paragraphs[-1] = last + space + text
    else:
        draft.paragraphs.append(text)
    state.joining = continues
    state.wrapped = (
        reading.join_wrapped
        and not draft.closed
        and len(text if not continues else draft.paragraphs[-1]) >= _WRAP_MIN
        and not text.endswith(_PARAGRAPH_END)
    )


def _is_short_name(text: str) -> bool:
    return 0 < len(text) <= _SHORT_NAME_MAX and not any(mark in text for mark in "。，,；;：:！？")

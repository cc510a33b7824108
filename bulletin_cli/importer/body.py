"""The body recogniser: a state machine over the lines between masthead and 报尾.

Each line is, by its shape and by the ``BodyState`` left by the lines before it, one of: a
section heading, an attribution, the title (or subtitle) of a new article, a brief, or a
paragraph of the article being read. Styled paragraphs of our own export go to ``styled``
first. Wherever the choice is not certain, a guess names the line.
"""

from __future__ import annotations

import itertools

from ..textclean import clean_section, clean_title, split_units
from .masthead import forwards
from .outline import outline
from .signature import addressee, after_signature, bracketed_date, sign, signature_line
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
    INNER_NUMBERING,
    SectionKind,
    SourceLine,
    brief_mark,
    byline,
    end_attribution,
    is_title_like,
    own_line_attribution,
    section_heading,
    subtitle_text,
    unit_names,
    unletterspaced,
)

_WRAP_MIN = 20
"""A line at least this long that stops mid-sentence was wrapped, not ended (plain text)."""
_PARAGRAPH_END = tuple("。！？!?；;…”’」』）)：:")
_TITLE_SIZE = 18.0
"""Points from which a short paragraph of a hand-made DOCX reads as a title (body text is 16)."""
_SHORT_NAME_MAX = 20
_REPORTS = ("报告", "简报", "请示", "汇报", "情况")
"""A title that reports upward: the addressee line under it names whom it is reported to (报);
under a covering note or a notice it names whom it goes to (发)."""
_UNIT_SECTION_MAX = 8
"""The longest unit name read as a section over the titles after it (``福田河公社``)."""
_SPACED_SHARE = 0.9
"""A text with an empty line after this share of its lines was saved double-spaced."""


def read_body(reading: Reading, start: int, end: int) -> None:
    """Read the articles of lines ``start`` to ``end`` into ``reading.drafts``."""
    indices = reading.text_indices(start, end)
    gaps = [b - a - 1 for a, b in itertools.pairwise(indices)]
    # text saved with an empty line after every line: only a wider gap separates
    spaced = len(gaps) >= 4 and sum(1 for gap in gaps if gap) >= _SPACED_SHARE * len(gaps)
    state = reading.body
    state.outline = outline(
        reading.lines, indices, reading.limit, plain=reading.report.kind == "text"
    )
    state.ahead = [reading.lines[i] for i in indices]
    for k, i in enumerate(indices):
        prev_blank = k == 0 or gaps[k - 1] >= (2 if spaced else 1)
        following = reading.lines[indices[k + 1]] if k + 1 < len(indices) else None
        state.position = k
        _read_line(reading, reading.lines[i], prev_blank, following)
    close(reading)
    keep_empty_section(reading)


def _after_following(reading: Reading) -> SourceLine | None:
    """The line after the next one."""
    state = reading.body
    k = state.position + 2
    return state.ahead[k] if k < len(state.ahead) else None


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
    if line.role is None and _signed_or_noted(reading, line, text):
        return
    if state.after_title and line.role is None and _under_title(reading, line, text):
        return
    if line.role is None and _unit_over_title(reading, text, following):
        reading.guess(line, f"单位名称下接标题，当作栏目“{text}”（也可能是编印单位）")
        start_section(reading, unletterspaced(text), line)
        return
    units = own_line_attribution(text)
    if units is None and line.role is None and state.draft is not None:
        found = byline(line.text)
        units = [found] if found is not None and state.draft.paragraphs else None
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
        if _first_of_subheadings(reading, line, text):
            draft.subheadings = True
            reading.guess(line, "标题下的短行与后面几行同是小标题，作为正文（不作副标题）")
            _paragraph(reading, line, text, continues=False)
            return
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
    state = reading.body
    if state.outline.dense and following is not None:
        return _dense_title(reading, text, following)
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
    heading = state.outline.dense and state.outline.heading[state.position]
    state.wrapped = (
        reading.join_wrapped
        and not heading  # a sub-heading over its paragraph, each on a line of its own
        and not draft.closed
        and len(text if not continues else draft.paragraphs[-1]) >= _WRAP_MIN
        and not text.endswith(_PARAGRAPH_END)
    )


def _is_short_name(text: str) -> bool:
    return 0 < len(text) <= _SHORT_NAME_MAX and not any(mark in text for mark in "。，,；;：:！？")


def _dense_title(reading: Reading, text: str, following: SourceLine) -> bool:
    """In a text without empty lines, whether a short line in an article starts the next.

    A title directly over another heading opens the next article (its sub-headings follow);
    a heading inside an article that an attribution further on closes is its sub-heading,
    and so is one of a series already open; otherwise a heading over a paragraph is a title."""
    state = reading.body
    draft = state.draft
    outline = state.outline
    after = _after_following(reading)
    before = state.ahead[state.position - 1].content if state.position else ""
    if (
        after is not None
        and not is_title_like(before, reading.limit)
        and outline.heading[state.position + 1]
        and _plain_heading(following.content)
        and not INNER_NUMBERING.match(text)
        and own_line_attribution(following.content) is None
    ):
        return True
    if not outline.heading[state.position]:
        return False
    return not (
        (draft is not None and draft.subheadings) or outline.attribution_ahead(state.position)
    )


def _first_of_subheadings(reading: Reading, line: SourceLine, text: str) -> bool:
    """The short line under a title is the first of its sub-headings, not a subtitle, when more
    headings follow before the attribution that closes the article."""
    state = reading.body
    if line.align not in (None, "both") or subtitle_text(text) is not None:
        return False
    k = state.position
    return state.outline.heading[k] and state.outline.heading_before_close(k)


def _unit_over_title(reading: Reading, text: str, following: SourceLine | None) -> bool:
    """``东木公社`` over a title and its paragraph, where no article is open: a section.

    Only where the same shape comes back further on (a unit, then a title): a unit line met
    once under the masthead is more likely the editing unit or a signature."""
    state = reading.body
    if state.draft is not None and not state.draft.closed:
        return False
    if following is None or len(unletterspaced(text)) > _UNIT_SECTION_MAX:
        return False
    if not unit_names(text, reading.profile.units) or own_line_attribution(text) is not None:
        return False
    k = state.position
    if not _titled(reading, k + 1):
        return False
    found = state.outline.unit_titles
    if found is None:
        found = state.outline.unit_titles = [
            j
            for j, ahead in enumerate(state.ahead[:-1])
            if len(unletterspaced(ahead.content)) <= _UNIT_SECTION_MAX
            and bool(unit_names(ahead.content, reading.profile.units))
            and _titled(reading, j + 1)
        ]
    return any(j != k for j in found)


def _signed_or_noted(reading: Reading, line: SourceLine, text: str) -> bool:
    """A signature (unit and date, or a date alone) under an article, and the notes that follow
    one: ``（发至县级党委）`` goes to the 报尾, a reprint note to the report."""
    state = reading.body
    draft = state.draft
    signed = draft if draft is not None and not draft.closed and draft.paragraphs else None
    if signed is not None and draft is not None:
        found = signature_line(reading, text, draft.paragraphs[-1])
        if found is not None:
            units, date = found
            sign(reading, draft, line, units, date)
            close(reading)
            return True
    last = reading.drafts[-1] if reading.drafts else None
    if (draft is None or draft.closed) and last is not None and last.signed:
        note = after_signature(text)
        if note is not None:
            kind, rest = note
            if kind == "distribute":
                reading.addressees.append(("distribute", rest))
                reading.guess(line, "署名后的范围说明当作报尾的“发”")
            else:
                reading.report.notes.append(
                    f"第 {line.number} {reading.report.unit}署名后的说明未写入稿件：{text}"
                )
            return True
    return False


def _under_title(reading: Reading, line: SourceLine, text: str) -> bool:
    """An addressee line (``各区县总工会：``) or a date line (``（二〇二六年四月三日）``) under
    a title: neither is body text."""
    state = reading.body
    draft = state.draft
    assert draft is not None
    names = addressee(text)
    if names is not None:
        upward = draft.title.endswith(_REPORTS) and not forwards(draft.title)
        key = "report" if upward else "distribute"
        reading.addressees.append((key, names))
        reading.guess(line, "标题下的称呼行（主送单位）写入报尾")
        return True
    date = bracketed_date(text)
    if date is not None:
        draft.date = date
        draft.dated_line = line
        reading.guess(line, "标题下的日期当作这份简报的日期")
        return True
    return False


def _plain_heading(text: str) -> bool:
    """A sub-heading is a plain phrase: no exclamation or question, no ``说：`` inside."""
    return not text.endswith(("！", "？", "!", "?")) and not any(mark in text for mark in "：:")


def _titled(reading: Reading, k: int) -> bool:
    """A title at position ``k``: a heading, or a short line over a heading (its first
    sub-heading)."""
    heading = reading.body.outline.heading
    if k >= len(heading):
        return False
    return heading[k] or (
        k + 1 < len(heading)
        and heading[k + 1]
        and is_title_like(reading.body.ahead[k].content, reading.limit)
    )

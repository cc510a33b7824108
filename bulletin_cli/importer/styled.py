"""The style-driven reader: paragraphs of our own export, which say what they are.

A DOCX written by ``bulletin export`` marks each paragraph with a style (``BulletinTitle``,
``BulletinBody``, …; see ``docx.STYLE_ROLES``). ``read_styled`` takes such a paragraph by its
role and returns False only when the role does not fit (then the body reads it by its shape).
"""

from __future__ import annotations

from ..textclean import clean_section, clean_title, split_units, strip_spaces
from .masthead import NOTE_LABEL, late_masthead
from .state import (
    Draft,
    Reading,
    attribution,
    close,
    merge,
    new_brief,
    new_title,
    paragraph_text,
    start_section,
    unbracketed_units,
)
from .text import (
    SourceLine,
    brief_mark,
    is_title_like,
    own_line_attribution,
    section_heading,
    subtitle_text,
)

_MASTHEAD_ROLES = ("mark", "name", "number", "dateline", "note_label", "note")


def read_styled(reading: Reading, line: SourceLine, text: str) -> bool:
    """Take a styled paragraph by its role; False when it must be read by its shape."""
    role = line.role
    draft = reading.body.draft
    if role in ("picture", "table"):
        return take_figure(reading, line)
    if (
        role in ("note", "note_label")
        and draft is not None
        and draft.title
        and not draft.paragraphs
        and not draft.closed
    ):
        draft.note.append(paragraph_text(NOTE_LABEL.sub("", text)))
        return True
    if role in _MASTHEAD_ROLES:
        late_masthead(reading, line)
        return True
    if role == "section":
        heading = section_heading(text)
        start_section(reading, clean_section(heading[0] if heading else text), line)
        return True
    if role == "title":
        new_title(reading, line, text)
        return True
    if (
        role == "subtitle"
        and draft is not None
        and draft.title
        and draft.subtitle is None
        and not draft.paragraphs
    ):
        draft.subtitle = clean_title(subtitle_text(text) or text)
        reading.body.after_title = False
        return True
    if role == "body":
        _styled_body(reading, line)
        return True
    if role == "attribution":
        found = own_line_attribution(text)
        if found is None and unbracketed_units(reading, text):
            found = split_units(text)
        if found is None:
            return False  # not an attribution after all: read it by its shape
        attribution(reading, line, found)
        return True
    if role == "brief":
        _styled_brief(reading, line, text)
        return True
    return False


def _styled_body(reading: Reading, line: SourceLine) -> None:
    state = reading.body
    if line.attribution is not None:
        body, units = line.text, split_units(line.attribution)
    else:
        body, units = _split_end_attribution(line.text)
    draft = state.draft
    if draft is None or draft.closed:
        close(reading)
        draft = Draft(state.section, line.number)
        state.draft = draft
        reading.guess(line, "正文前没有标题，当作无标题稿件")
    if body:
        draft.paragraphs.append(paragraph_text(body))
    if units:
        draft.sources = merge(draft.sources, units)
        draft.closed = True
    state.after_title = False


def _styled_brief(reading: Reading, line: SourceLine, text: str) -> None:
    """A brief of our export: ``标题　正文（单位）`` or just ``正文``, attribution styled."""
    if line.attribution is None:
        new_brief(reading, line, text, brief_mark(text), lenient=True)
        return
    close(reading)
    draft = Draft(reading.body.section, line.number, brief=True, closed=True)
    draft.sources = split_units(line.attribution)
    head, gap, rest = text.partition("\u3000")
    if gap and rest and is_title_like(strip_spaces(head), reading.limit):
        draft.title = clean_title(head)
        text = rest
    body = paragraph_text(text)
    if body:
        draft.paragraphs.append(body)
    reading.body.draft = draft


def _split_end_attribution(text: str) -> tuple[str, list[str]]:
    """A styled body paragraph whose last line (after a break or tab) is its attribution."""
    cut = max(text.rfind("\n"), text.rfind("\t"))
    if cut < 0:
        return text, []
    units = own_line_attribution(strip_spaces(text[cut + 1 :]))
    if units is None:
        return text, []
    return text[:cut], units


def take_figure(reading: Reading, line: SourceLine) -> bool:
    """A picture or table line: it goes to the article being read (or the last one), after
    the paragraphs read so far."""
    figure = line.figure
    if figure is None:
        return False
    draft = reading.body.draft
    if draft is None and reading.drafts:
        draft = reading.drafts[-1]
    if draft is None:
        reading.guess(line, "稿件之前的图片或表格：没有归入任何稿件")
        return True
    draft.figures.append((figure, len(draft.paragraphs)))
    return True

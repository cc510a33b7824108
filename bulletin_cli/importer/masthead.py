"""The masthead recogniser: mark, name, 期号, editing unit and date, and the 编者按.

``read_masthead`` reads from the top of the source and returns where the body starts. Each
masthead line only adds to what is already known (a second, different 期号 is not the
masthead's); ``late_masthead`` keeps a masthead paragraph met among the articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textclean import split_units, strip_spaces
from .state import Reading, paragraph_anyway, paragraph_text, present
from .text import (
    SourceLine,
    date_line,
    editor_name,
    has_text,
    is_title_like,
    issue_kind,
    mark_line,
    number_line,
    parse_number,
    section_heading,
    subtitle_text,
    unit_names,
)

NAME_ENDINGS = ("简报", "快报", "专报", "通讯")
"""How a name alone on the top line ends (a title there may end in 通报 or 信息 as well)."""
SERIES_ENDINGS = (
    *NAME_ENDINGS,
    "简讯",
    "通报",
    "信息",
    "参考",
    "动态",
    "专刊",
    "周报",
    "月报",
    "内参",
    "汇编",
    "摘编",
    "参阅",
)
NOTE_LABEL = re.compile(r"^编者按\s*[：:]?\s*")
_LOOKAHEAD = 6
"""How many lines of text from the top may hold the 期号."""
_NAME_MAX = 24


_CN_NUM = r"[0-9０-９〇零○一二三四五六七八九十百千两]+"
_BOOK_HEADING = re.compile(
    r"^(?P<editor>[^《》（）()：:，。]{2,30}?)?《(?P<name>[^《》]{2,40}?)"
    r"(?:[（(]\s*第?\s*(?P<inner>" + _CN_NUM + r")\s*[期号]?\s*[）)])?》"
    r"(?:[（(]\s*第?\s*(?P<outer>" + _CN_NUM + r")\s*[期号]?\s*[）)])?"
    r"(?:[\s\u3000]*[：:][\s\u3000]*(?P<title>\S.*))?$"
)
"""``中共中央办公厅《情况简报（整风专辑）汇编》（三十九）``, ``《工作简报（第八号）》：标题``."""
_ABOUT_HEADING = re.compile(
    r"^(?P<unit>[^，。：:“”《》]{2,24}?)关于(?P<subject>[^。]+?)(?P<kind>简报|通报|情况报告|报告)"
    r"(?:[（(]\s*第\s*(?P<num>" + _CN_NUM + r")\s*[期号]\s*[）)])?$"
)
"""``中央某部政治部关于各地整风情况简报（第十九号）``: the unit that issues it, and a series
name when a number follows; ``……批转……关于……`` forwards another unit's report instead."""
_FORWARDS = ("批转", "转发", "批示", "转报")


@dataclass(frozen=True, slots=True)
class Heading:
    """What a heading line of a document says about its issue."""

    editor: str | None = None
    name: str | None = None
    number: int | None = None
    title: str | None = None


def book_heading(text: str) -> Heading | None:
    """A name in 《》 with what is run together with it: the unit before, the number inside
    or after (``（三十九）``, ``（第八号）``), a title after a colon."""
    match = _BOOK_HEADING.match(strip_spaces(text))
    if match is None:
        return None
    editor = match.group("editor")
    if editor is not None and not unit_names(strip_spaces(editor)):
        return None
    raw = match.group("inner") or match.group("outer")
    number = parse_number(raw) if raw else None
    if number is None:
        return None  # a plain 《name》 (the line-by-line reading has it), or a title
    return Heading(
        editor=strip_spaces(editor) if editor else None,
        name=strip_spaces(match.group("name")),
        number=number,
        title=match.group("title"),
    )


def about_heading(text: str) -> Heading | None:
    """``X关于……简报（第十九号）``: X issues it (not when it forwards another's report)."""
    compact = strip_spaces(text)
    match = _ABOUT_HEADING.match(compact)
    if match is None:
        return None
    unit = match.group("unit")
    if any(word in unit for word in _FORWARDS) or not unit_names(unit):
        return None
    raw = match.group("num")
    name = None
    if raw is not None and not match.group("subject").endswith("的"):
        name = match.group("subject") + match.group("kind")
    return Heading(editor=unit, name=name, number=parse_number(raw) if raw else None)


def forwards(title: str) -> bool:
    """A covering note's title: ``中共中央批转某部关于……的简报``."""
    head = title.split("关于", 1)[0]
    return any(word in head for word in _FORWARDS)


def _read_heading(reading: Reading) -> None:
    """The first line, when it is a heading that carries the masthead (old bulletins had no
    separate masthead): its name, number and unit go to the issue; a title run together with
    it becomes a line of its own, and a heading over a titled article is not an article."""
    lines = reading.lines
    first = reading.text_indices(0, len(lines))[:3]
    if not first or lines[first[0]].role is not None:
        return
    line = lines[first[0]]
    issue = reading.issue
    book = book_heading(line.content)
    if book is not None:
        issue.name, issue.editor = book.name, book.editor
        if book.number is not None:
            issue.number = book.number
        kept = [SourceLine(line.number, book.title)] if book.title else []
        lines[first[0] : first[0] + 1] = kept
        reading.guess(line, "首行当作报头（简报名称、期号" + ("、标题）" if kept else "）"))
        reading.body.masthead_end = first[0]
        return
    about = about_heading(line.content)
    if about is None:
        return
    issue.editor = about.editor
    if about.name is not None:
        issue.name = about.name
    if about.number is not None:
        issue.number = about.number
    if len(first) == 3 and _titles_an_article(reading, first[1], first[2]):
        # 某部政治部关于情况的通报 over a titled article: the document's heading only
        reading.heading_editor = about.editor
        reading.heading_lines.append(line)
        reading.body.masthead_end = first[1]
        reading.guess(line, f"首行是文件标题，当作报头（编印单位“{about.editor}”）")
    else:
        reading.guess(line, f"标题中的单位当作编印单位（{about.editor}）")


def _titles_an_article(reading: Reading, at: int, after: int) -> bool:
    lines = reading.lines
    text, next_text = lines[at].content, lines[after].content
    return is_title_like(text, reading.limit) and (
        subtitle_text(next_text) is not None or not is_title_like(next_text, reading.limit)
    )


def read_masthead(reading: Reading) -> int:
    """Read the masthead at the top of the source; the index of the first line after it."""
    _read_heading(reading)
    if reading.body.masthead_end is not None:
        return reading.body.masthead_end
    split_run_together(reading)
    lines = reading.lines
    issue = reading.issue
    first = reading.text_indices(0, len(lines))[:_LOOKAHEAD]
    number_at = _number_line_at(reading, first)
    name: list[str] = []
    seen_head = False
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.content
        if not present(line):
            i += 1
            continue
        role = line.role
        top = not seen_head and (not first or i == first[0])
        before_number = number_at is not None and i < number_at
        if role == "mark" or (role is None and (top or before_number) and mark_line(text)):
            issue.mark = f"{issue.mark} {text}" if issue.mark else text
        elif role is None and (name or seen_head) and _unit_in_masthead(reading, i, before_number):
            issue.editor = text
            reading.guess(line, f"报头中单独一行的单位当作编印单位（{text}）")
            seen_head = True
        elif role == "name" or (
            role is None
            and (
                before_number
                or (number_at is None and not name and top and _looks_like_name(reading, text))
            )
        ):
            name.append(text)
            seen_head = True
        elif (role == "number" and number_line(text) is None) or (
            role in (None, "number") and fills_number(reading, text)
        ):
            take_number(reading, line)
            seen_head = True
        elif (role == "dateline" or (role is None and (seen_head or top))) and date_line_fits(
            reading, line
        ):
            take_date_line(reading, line)
            seen_head = True
        elif role is None and seen_head and _editor_only(reading, text):
            issue.editor = editor_name(text)[0]
        elif role in ("note_label", "note") or (role is None and NOTE_LABEL.match(text)):
            i = _take_note(reading, i)
            seen_head = True
            continue
        else:
            break
        i += 1
    if name:
        issue.name = _without_book_marks("".join(name))
    return i


_NUMBER_PART = (
    r"(?:\d{4}\s*年\s*)?第\s*[0-9０-９〇零○一二三四五六七八九十百千两]+\s*期"
    r"(?:\s*[（(]?\s*总\s*第\s*[0-9０-９〇零○一二三四五六七八九十百千两]+\s*期\s*[）)]?)?"
)
_NAME_THEN_NUMBER = re.compile(r"^(?P<first>\S.*?)[\s\u3000]*(?P<second>" + _NUMBER_PART + r")$")
_NUMBER_THEN_REST = re.compile(r"^(?P<first>" + _NUMBER_PART + r")[\s\u3000]+(?P<second>\S.*)$")
_BOOK_TITLE = re.compile(r"^《(?P<name>[^《》]{1,30})》$")


def split_run_together(reading: Reading) -> None:
    """Masthead items printed on one line become two lines (with the same number).

    ``工作简报　第3期`` and ``《现代高教信息》2016年第1期(总第1期)``: a name, then the 期号;
    ``第3期　苏州市总工会办公室编　2012年1月20日``: the 期号, then the editing unit and date."""
    lines = reading.lines
    for i in reading.text_indices(0, len(lines))[:_LOOKAHEAD]:
        line = lines[i]
        if line.role is not None:
            continue
        text = line.content
        pair = _NAME_THEN_NUMBER.match(text)
        if pair is not None and not _looks_like_name(reading, pair.group("first"), series=True):
            pair = None
        if pair is None:
            pair = _NUMBER_THEN_REST.match(text)
            if pair is not None and date_line(pair.group("second")) is None:
                pair = None
        if pair is not None and number_line(pair.group("first")) is None:
            pair = pair if number_line(pair.group("second")) is not None else None
        if pair is not None:
            first, second = pair.group("first"), pair.group("second")
            reading.lines[i : i + 1] = [
                SourceLine(line.number, first, align=line.align, size=line.size, bold=line.bold),
                SourceLine(line.number, second, align=line.align, size=line.size, bold=line.bold),
            ]
            return


def _without_book_marks(name: str) -> str:
    """``《现代高教信息》`` → ``现代高教信息`` (the masthead prints the name without them)."""
    match = _BOOK_TITLE.match(name)
    return match.group("name") if match else name


def _number_line_at(reading: Reading, first: list[int]) -> int | None:
    """The 期号 line among the first lines, if everything above it can be a masthead name."""
    lines = reading.lines
    number_at = next(
        (
            i
            for i in first
            if lines[i].role == "number"
            or (lines[i].role is None and number_line(lines[i].content))
        ),
        None,
    )
    if number_at is not None and any(
        lines[i].role is None
        and i < number_at
        and not (
            is_title_like(lines[i].content, reading.limit)
            and section_heading(lines[i].content) is None
        )
        for i in first
    ):
        return None
    return number_at


def _looks_like_name(reading: Reading, text: str, *, series: bool = False) -> bool:
    """A bulletin's name: ``series`` when a 期号 follows it (then 信息参考, 工作动态 … too)."""
    if text in reading.profile.sections or (
        section_heading(text) is not None and _BOOK_TITLE.match(text) is None
    ):
        return False  # ■工作动态 is a section however its name ends
    return (
        text == reading.profile.name
        or (len(text) <= _NAME_MAX and text.endswith(SERIES_ENDINGS if series else NAME_ENDINGS))
        or _BOOK_TITLE.match(text) is not None
    )


def fills_number(reading: Reading, text: str) -> bool:
    """A 期号 line that adds to the masthead and replaces nothing in it."""
    found = number_line(text)
    if found is None:
        return False
    issue = reading.issue
    number, total = found
    fits = number in (None, issue.number or number) and total in (
        None,
        issue.total if issue.total is not None else total,
    )
    adds = (number is not None and issue.number == 0) or (total is not None and issue.total is None)
    return fits and adds


def date_line_fits(reading: Reading, line: SourceLine) -> bool:
    """A date line that adds to the masthead and replaces nothing in it."""
    issue = reading.issue
    found = date_line(line.content.replace("\t", " "))
    if found is None:
        if line.role != "dateline":
            return False
        editor = editor_name(line.content)[0]
        return editor is not None and issue.editor in (None, editor)
    return issue.date in (None, found.date) and (
        found.editor is None or issue.editor in (None, found.editor)
    )


def take_number(reading: Reading, line: SourceLine) -> None:
    found = number_line(line.content)
    if found is None:
        reading.guess(line, "期号行无法识别，当作正文")
        paragraph_anyway(reading, line, line.content)
        return
    number, total = found
    kind = issue_kind(line.content, tuple(reading.profile.kinds))
    if kind is not None:
        reading.issue.kind = kind
    if number is not None:
        reading.issue.number = number
    if total is not None:
        reading.issue.total = total


def take_date_line(reading: Reading, line: SourceLine) -> None:
    issue = reading.issue
    found = date_line(line.content.replace("\t", " "))
    if found is None:
        if line.role == "dateline":
            editor, _ = editor_name(line.content)
            if editor:
                issue.editor = editor
        return
    if found.editor:
        issue.editor = found.editor
    if found.date:
        issue.date = found.date


def _unit_in_masthead(reading: Reading, i: int, before_number: bool) -> bool:
    """A unit on a line of its own among the masthead lines: above the 期号, or over a line
    with the 期号 or the date (``某某大学高等教育研究所`` / ``第1期(总第7期)  2026年3月19日``)."""
    text = reading.lines[i].content
    if reading.issue.editor is not None or _looks_like_name(reading, text):
        return False
    if unit_names(text, reading.profile.units) is None or len(split_units(text)) != 1:
        return False
    if before_number:
        return True
    after = reading.text_indices(i + 1, min(len(reading.lines), i + 4))
    if not after:
        return False
    following = reading.lines[after[0]].content
    pair = _NUMBER_THEN_REST.match(following)
    return (
        number_line(following) is not None
        or date_line(following) is not None
        or (pair is not None and number_line(pair.group("first")) is not None)
    )


def _editor_only(reading: Reading, text: str) -> bool:
    if reading.issue.editor is not None:
        return False
    editor, suffix = editor_name(text)
    return bool(
        editor
        and len(editor) <= 30
        and not any(m in editor for m in "。，；：")
        and (suffix or editor == reading.profile.editor)
    )


def _take_note(reading: Reading, i: int) -> int:
    """The 编者按: a labelled paragraph, or the paragraphs styled as a note."""
    lines = reading.lines
    note = reading.note
    first = lines[i]
    text = NOTE_LABEL.sub("", first.content)
    if text:
        note.append(paragraph_text(text))
    i += 1
    while i < len(lines):
        line = lines[i]
        if line.role == "note":
            if present(line):
                note.append(paragraph_text(line.content))
            i += 1
            continue
        if (
            line.role is None
            and not note
            and has_text(line.content)
            and section_heading(line.content) is None
        ):
            # 编者按： alone on its line: the note is the next paragraph
            note.append(paragraph_text(line.content))
            i += 1
            continue
        if line.role is None and not has_text(line.content) and first.role is not None:
            i += 1
            continue
        break
    reading.issue.note = "\n\n".join(note) if note else None
    return i


def late_masthead(reading: Reading, line: SourceLine) -> None:
    """A masthead paragraph after the articles began: keep its text all the same."""
    issue = reading.issue
    text = line.content
    note = paragraph_text(NOTE_LABEL.sub("", text))
    if line.role == "number" and fills_number(reading, text):
        take_number(reading, line)
    elif line.role == "dateline" and date_line_fits(reading, line):
        take_date_line(reading, line)
    elif line.role in ("note", "note_label") and note:
        reading.note.append(note)
        issue.note = "\n\n".join(reading.note)
    elif line.role in ("name", "mark") and getattr(issue, line.role) is None:
        setattr(issue, line.role, text)
    else:
        reading.guess(line, "报头内容出现在正文中，当作正文")
        paragraph_anyway(reading, line, text)

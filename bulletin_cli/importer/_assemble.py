"""From numbered lines to an issue: masthead, sections, articles, attributions and 报尾.

Text and DOCX sources both arrive here as ``SourceLine``s. A DOCX of our own export says what
each paragraph is (its style); anything else is read by the shape of the line, its position
(after an attribution or a section heading, at the start) and, from a hand-made DOCX, its
alignment and size. Wherever the reading is not certain, a ``Guess`` names the line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..model import Article, Distribution, Issue
from ..profile import Profile
from ..textclean import clean_section, clean_title, join_paragraphs, split_units, strip_spaces
from .report import ImportReport
from .text import (
    SourceLine,
    brief_mark,
    copies_in,
    date_line,
    distribution_label,
    distribution_names,
    editor_name,
    end_attribution,
    has_text,
    is_title_like,
    mark_line,
    number_line,
    own_line_attribution,
    section_heading,
    subtitle_text,
)

_NAME_ENDINGS = ("简报", "快报", "专报", "通讯")
_INNER_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后)"
)
_LENIENT_END = re.compile(
    r"^(?P<text>.*?)[\s\u3000]*[（(](?P<units>[^（）()\n]{1,60})[）)]\s*$", re.S
)
_NOTE_LABEL = re.compile(r"^编者按\s*[：:]?\s*")
_MASTHEAD_LOOKAHEAD = 6
_WRAP_MIN = 20
"""A line at least this long that stops mid-sentence was wrapped, not ended (plain text)."""
_PARAGRAPH_END = tuple("。！？!?；;…”’」』）)：:")
_TITLE_SIZE = 18.0
"""Points from which a short paragraph of a hand-made DOCX reads as a title (body text is 16)."""
_TAIL_LOOKBACK = 40


@dataclass(slots=True)
class _Draft:
    """An article while its lines are being read."""

    section: str | None
    line: int
    title: str = ""
    subtitle: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    closed: bool = False
    brief: bool = False
    marked: bool = False


def assemble(lines: list[SourceLine], *, profile: Profile, report: ImportReport) -> Issue:
    """The issue that ``lines`` hold; guesses and notes go to ``report``."""
    return _Assembler(lines, profile, report).run()


def paragraph_text(text: str) -> str:
    """A paragraph without indentation or padding; soft line breaks inside it are kept."""
    parts = [strip_spaces(part) for part in text.split("\n")]
    return "\n".join(part for part in parts if part)


class _Assembler:
    def __init__(self, lines: list[SourceLine], profile: Profile, report: ImportReport) -> None:
        self.lines = lines
        self.profile = profile
        self.report = report
        self.limit = max(profile.title_max, 40)
        self.issue = Issue()
        self.drafts: list[_Draft] = []
        self.draft: _Draft | None = None
        self.section: str | None = None
        self.section_line: SourceLine | None = None
        self.section_filled = False
        self.after_title = False
        self.note: list[str] = []
        # a plain text wrapped by hand (pasted from e-mail) breaks lines inside sentences
        self.join_wrapped = report.kind == "text"
        self.wrapped = False
        self.joining = False

    # ------------------------------------------------------------------------------ driver

    def run(self) -> Issue:
        start = self._masthead()
        end = self._tail_start(start)
        self._body(start, end)
        self._distribution(end)
        self._finish()
        return self.issue

    def _text_indices(self, start: int, end: int) -> list[int]:
        return [i for i in range(start, end) if _present(self.lines[i])]

    # ---------------------------------------------------------------------------- masthead

    def _masthead(self) -> int:
        lines = self.lines
        first = self._text_indices(0, len(lines))[:_MASTHEAD_LOOKAHEAD]
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
                is_title_like(lines[i].content, self.limit)
                and section_heading(lines[i].content) is None
            )
            for i in first
        ):
            number_at = None
        name: list[str] = []
        seen_head = False
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.content
            if not _present(line):
                i += 1
                continue
            role = line.role
            top = not seen_head and (not first or i == first[0])
            if role == "mark" or (
                role is None
                and (top or (number_at is not None and i < number_at))
                and mark_line(text)
            ):
                self.issue.mark = f"{self.issue.mark} {text}" if self.issue.mark else text
            elif role == "name" or (
                role is None
                and (
                    (number_at is not None and i < number_at)
                    or (number_at is None and not name and top and self._looks_like_name(text))
                )
            ):
                name.append(text)
                seen_head = True
            elif (role == "number" and number_line(text) is None) or (
                role in (None, "number") and self._fills_number(text)
            ):
                self._take_number(line)
                seen_head = True
            elif (role == "dateline" or (role is None and (seen_head or top))) and (
                self._date_line_fits(line)
            ):
                self._take_date_line(line)
                seen_head = True
            elif role is None and seen_head and self._editor_only(text):
                self.issue.editor = editor_name(text)[0]
            elif role in ("note_label", "note") or (role is None and _NOTE_LABEL.match(text)):
                i = self._take_note(i)
                seen_head = True
                continue
            else:
                break
            i += 1
        if name:
            self.issue.name = "".join(name)
        return i

    def _looks_like_name(self, text: str) -> bool:
        return text == self.profile.name or (len(text) <= 24 and text.endswith(_NAME_ENDINGS))

    def _fills_number(self, text: str) -> bool:
        """A 期号 line that adds to the masthead and replaces nothing in it."""
        found = number_line(text)
        if found is None:
            return False
        number, total = found
        fits = number in (None, self.issue.number or number) and total in (
            None,
            self.issue.total if self.issue.total is not None else total,
        )
        adds = (number is not None and self.issue.number == 0) or (
            total is not None and self.issue.total is None
        )
        return fits and adds

    def _date_line_fits(self, line: SourceLine) -> bool:
        """A date line that adds to the masthead and replaces nothing in it."""
        found = date_line(line.content.replace("\t", " "))
        if found is None:
            if line.role != "dateline":
                return False
            editor = editor_name(line.content)[0]
            return editor is not None and self.issue.editor in (None, editor)
        return self.issue.date in (None, found.date) and (
            found.editor is None or self.issue.editor in (None, found.editor)
        )

    def _take_number(self, line: SourceLine) -> None:
        found = number_line(line.content)
        if found is None:
            self._guess(line, "期号行无法识别，当作正文")
            self._paragraph_anyway(line, line.content)
            return
        number, total = found
        if number is not None:
            self.issue.number = number
        if total is not None:
            self.issue.total = total

    def _take_date_line(self, line: SourceLine) -> bool:
        found = date_line(line.content.replace("\t", " "))
        if found is None:
            if line.role == "dateline":
                editor, _ = editor_name(line.content)
                if editor:
                    self.issue.editor = editor
            return False
        if found.editor:
            self.issue.editor = found.editor
        if found.date:
            self.issue.date = found.date
        return True

    def _editor_only(self, text: str) -> bool:
        if self.issue.editor is not None:
            return False
        editor, suffix = editor_name(text)
        return bool(
            editor
            and len(editor) <= 30
            and not any(m in editor for m in "。，；：")
            and (suffix or editor == self.profile.editor)
        )

    def _take_note(self, i: int) -> int:
        """The 编者按: a labelled paragraph, or the paragraphs styled as a note."""
        lines = self.lines
        first = lines[i]
        text = _NOTE_LABEL.sub("", first.content)
        if text:
            self.note.append(paragraph_text(text))
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.role == "note":
                if _present(line):
                    self.note.append(paragraph_text(line.content))
                i += 1
                continue
            if (
                line.role is None
                and not self.note
                and has_text(line.content)
                and section_heading(line.content) is None
            ):
                # 编者按： alone on its line: the note is the next paragraph
                self.note.append(paragraph_text(line.content))
                i += 1
                continue
            if line.role is None and not has_text(line.content) and first.role is not None:
                i += 1
                continue
            break
        self.issue.note = "\n\n".join(self.note) if self.note else None
        return i

    # -------------------------------------------------------------------------------- 报尾

    def _is_tail_line(self, line: SourceLine) -> bool:
        if line.role == "distribution":
            return True
        if line.role is not None:
            return False
        text = line.content
        if distribution_label(text) is not None:
            return True
        copies = copies_in(text)
        return copies is not None and not copies[1]

    def _tail_start(self, start: int) -> int:
        indices = self._text_indices(start, len(self.lines))
        window = indices[-_TAIL_LOOKBACK:]
        for k, i in enumerate(window):
            if self._is_tail_line(self.lines[i]) and self._rest_is_tail(window[k:]):
                return i
        return len(self.lines)

    def _rest_is_tail(self, indices: list[int]) -> bool:
        open_label = False
        dates: set[tuple[str | None, object]] = set()
        for i in indices:
            line = self.lines[i]
            text = line.content
            if self._is_tail_line(line):
                label = distribution_label(text)
                open_label = label is not None and not text.endswith("。")
                continue
            dated = date_line(text) if line.role is None else None
            if dated is not None:
                # a printed 印发 line: taken only when it agrees with the masthead
                dates.add((dated.editor, dated.date))
                if (
                    len(dates) > 1
                    or self.issue.date not in (None, dated.date)
                    or (dated.editor and self.issue.editor not in (None, dated.editor))
                ):
                    return False
                continue
            if line.role is None and open_label and len(text) <= 60:
                open_label = not text.endswith("。")
                continue
            return False
        return True

    def _distribution(self, start: int) -> None:
        if start >= len(self.lines):
            return
        dist = Distribution()
        key: str | None = None
        joined = False  # the last name of the previous line goes on in this one
        found = False
        for i in self._text_indices(start, len(self.lines)):
            line = self.lines[i]
            text = line.content
            copies = copies_in(text)
            if copies is not None:
                dist.copies = copies[0]
                found = True
                text = copies[1]
                if not has_text(text):
                    continue
            label = distribution_label(text)
            if label is not None:
                key, text = label
                joined = False
            else:
                dated = date_line(text)
                if dated is not None and self._date_line_fits(line):
                    self._tail_date(line, dated.editor, dated.date)
                    continue
                if key is None:
                    key = "distribute"
                    self._guess(line, "报尾这一行没有“报：”“送：”“发：”，当作“发”")
            names: list[str] = getattr(dist, key)
            new = distribution_names(text)
            if joined and names and new:
                names[-1] += new.pop(0)
            names.extend(new)
            joined = not strip_spaces(text).endswith(("，", ",", "。", "；", ";"))
            found = True
        if found:
            self.issue.distribution = dist

    def _tail_date(self, line: SourceLine, editor: str | None, date: object) -> None:
        if editor and self.issue.editor is None:
            self.issue.editor = editor
        if date is not None and self.issue.date is None:
            self.issue.date = date  # type: ignore[assignment]
        elif date is not None and date != self.issue.date:
            self.report.notes.append(
                f"第 {line.number} {self.report.unit}的印发日期与报头不同，采用报头的日期"
            )

    # -------------------------------------------------------------------------------- body

    def _body(self, start: int, end: int) -> None:
        indices = self._text_indices(start, end)
        gaps = [b - a - 1 for a, b in itertools.pairwise(indices)]
        # text saved with an empty line after every line: only a wider gap separates
        spaced = len(gaps) >= 4 and sum(1 for gap in gaps if gap) >= 0.9 * len(gaps)
        for k, i in enumerate(indices):
            line = self.lines[i]
            prev_blank = k == 0 or gaps[k - 1] >= (2 if spaced else 1)
            following = self.lines[indices[k + 1]] if k + 1 < len(indices) else None
            self._line(line, prev_blank, following)
        self._close()
        self._keep_empty_section()

    def _line(self, line: SourceLine, prev_blank: bool, following: SourceLine | None) -> None:
        text = line.content
        wrapped, self.wrapped = self.wrapped, False
        if line.role is not None and self._forced(line, text):
            return
        heading = section_heading(text)
        if heading is None and line.listed and _is_short_name(text):
            heading = text, "numbered"  # 一、 numbered by Word, not typed
        if heading is not None and self._accept_section(line, heading[0], heading[1]):
            return
        at_boundary = self.draft is None or self.draft.closed
        if text in self.profile.sections and (self.section is None or at_boundary):
            self._start_section(text, line)
            return
        units = own_line_attribution(text)
        if units is not None and not (line.align == "center" and self.after_title):
            self._attribution(line, units)
            return
        draft = self.draft
        if draft is None or draft.closed:
            self._boundary(line, text, following)
            return
        if line.align == "right" and draft.paragraphs and self._unbracketed_units(text):
            self._guess(line, "右对齐的一行当作供稿单位")
            self._attribution(line, split_units(text))
            return
        if self.after_title:
            self.after_title = False
            subtitle = subtitle_text(text)
            if subtitle is not None:
                draft.subtitle = clean_title(subtitle)
                return
            if self._plain_subtitle(line, text, prev_blank, following):
                draft.subtitle = clean_title(text)
                return
        if draft.brief and (brief_mark(text) or line.listed or self._in_briefs()):
            self._close()
            self._boundary(line, text, following)
            return
        if draft.marked and draft.paragraphs:
            self._guess(line, "简讯后没有符号的一段，当作这条简讯的第二段")
        if draft.paragraphs and self._starts_article(line, text, prev_blank, following):
            if line.align is None:
                self._guess(line, "当作新一篇的标题（上一篇没有供稿单位）")
            self._new_title(line, text)
            return
        self._paragraph(line, text, continues=wrapped and not prev_blank)

    def _unbracketed_units(self, text: str) -> bool:
        return (
            is_title_like(text, self.limit)
            and date_line(text) is None
            and not text.endswith(("！", "？", "!", "?"))
            and bool(split_units(text))
        )

    def _in_briefs(self) -> bool:
        return self.section is not None and self.section in self.profile.briefs

    def _accept_section(self, line: SourceLine, raw: str, kind: str) -> bool:
        name = clean_section(raw)
        known = name in self.profile.sections
        if line.align == "center" and not known and kind != "bracket":
            return False
        if kind == "marker" and (
            end_attribution(line.content) is not None or (self._in_briefs() and not known)
        ):
            return False
        if kind == "numbered" and not known:
            at_boundary = self.draft is None or self.draft.closed
            if not at_boundary:
                return False
        if kind != "bracket" and not known:
            where = "（不在栏目目录中）" if self.profile.sections else ""
            self._guess(line, f"当作栏目“{name}”{where}")
        self._start_section(name, line)
        return True

    def _start_section(self, name: str, line: SourceLine) -> None:
        self._close()
        self._keep_empty_section()
        self.section = name
        self.section_line = line
        self.section_filled = False

    def _keep_empty_section(self) -> None:
        """A heading with no article under it stays, as an empty article the clerk sees."""
        line = self.section_line
        if line is not None and not self.section_filled:
            self.drafts.append(_Draft(self.section, line.number))
            self._guess(line, f"栏目“{self.section}”下没有稿件：保留为一篇空稿件，请补上或删去")
            self.section_filled = True

    def _boundary(self, line: SourceLine, text: str, following: SourceLine | None) -> None:
        mark = brief_mark(text)
        if mark is None and line.listed and not is_title_like(text, self.limit):
            mark = ""  # a brief numbered by Word
        centred = line.align == "center"
        title_like = is_title_like(text, self.limit)
        if centred and title_like and mark is None:
            self._new_title(line, text)
        elif mark is not None and not (centred and title_like):
            if not self._in_briefs() and self.profile.briefs:
                self._guess(line, f"当作一条无标题的简讯（“{self.section or ''}”不是简讯栏目）")
            self._new_brief(line, text, mark)
        elif not self._in_briefs() and self._long_title(text, following):
            self._guess(line, "较长的一行当作标题")
            self._new_title(line, text)
        elif self._in_briefs() or end_attribution(text) is not None or not title_like:
            if not self._in_briefs():
                self._guess(line, "没有标题，当作一条无标题的简讯")
            self._new_brief(line, text, None)
        else:
            if following is None:
                self._guess(line, "当作标题（后面没有正文）")
            self._new_title(line, text)

    def _long_title(self, text: str, following: SourceLine | None) -> bool:
        """A title over the usual length: no sentence in it, and a body after it."""
        return (
            self.limit < len(text) <= 2 * self.limit
            and is_title_like(text, 2 * self.limit)
            and end_attribution(text) is None
            and following is not None
            and not is_title_like(following.content, self.limit)
            and own_line_attribution(following.content) is None
        )

    def _new_title(self, line: SourceLine, text: str) -> None:
        self._close()
        self.draft = _Draft(self.section, line.number, title=clean_title(text))
        self.after_title = True

    def _new_brief(
        self, line: SourceLine, text: str, mark: str | None, *, lenient: bool = False
    ) -> None:
        self._close()
        body = strip_spaces(text[len(mark) :]) if mark else text
        draft = _Draft(self.section, line.number, brief=True, marked=mark is not None)
        found = end_attribution(body)
        if found is None and lenient:
            match = _LENIENT_END.match(body)
            if match is not None and split_units(match.group("units")):
                found = strip_spaces(match.group("text")), split_units(match.group("units"))
        if found is not None:
            body, units = found
            draft.sources = units
            draft.closed = True
            self._check_units(line, units)
        if body:
            draft.paragraphs.append(paragraph_text(body))
        self.draft = draft

    def _plain_subtitle(
        self, line: SourceLine, text: str, prev_blank: bool, following: SourceLine | None
    ) -> bool:
        if not is_title_like(text, self.limit):
            return False
        if line.align is not None:
            return line.align == "center"
        if prev_blank or following is None or own_line_attribution(following.content) is not None:
            return False
        if brief_mark(text) or _INNER_NUMBERING.match(text):
            return False
        self._guess(line, "标题下的第二行短句当作副标题")
        return True

    def _starts_article(
        self, line: SourceLine, text: str, prev_blank: bool, following: SourceLine | None
    ) -> bool:
        if not is_title_like(text, self.limit):
            return False
        if line.align == "center" or (line.size is not None and line.size >= _TITLE_SIZE):
            return True  # a hand-made DOCX: centred, or set in large type
        if line.align is not None:
            return False
        if not prev_blank or following is None or _INNER_NUMBERING.match(text):
            return False
        if len(text) >= _WRAP_MIN and "，" in text:
            return False  # the start of a sentence wrapped by hand, not a title
        after = following.content
        return not is_title_like(after, self.limit) or subtitle_text(after) is not None

    def _paragraph(self, line: SourceLine, text: str, *, continues: bool = False) -> None:
        draft = self.draft
        assert draft is not None
        found = end_attribution(text)
        if found is not None:
            text, units = found
            draft.sources = _merge(draft.sources, units)
            draft.closed = True
            self._check_units(line, units)
        if not text:
            return
        text = paragraph_text(text)
        if continues and draft.paragraphs:
            last = draft.paragraphs[-1]
            if not self.joining:
                self._guess(line, "上一行在句中断开，两行接成一段")
            space = " " if last[-1:].isascii() and text[:1].isascii() else ""
            draft.paragraphs[-1] = last + space + text
        else:
            draft.paragraphs.append(text)
        self.joining = continues
        self.wrapped = (
            self.join_wrapped
            and not draft.closed
            and len(text if not continues else draft.paragraphs[-1]) >= _WRAP_MIN
            and not text.endswith(_PARAGRAPH_END)
        )

    def _attribution(self, line: SourceLine, units: list[str]) -> None:
        draft = self.draft
        if draft is not None and not draft.closed and (draft.paragraphs or draft.brief):
            draft.sources = _merge(draft.sources, units)
            draft.closed = True
            self._check_units(line, units)
        elif draft is not None and draft.closed:
            draft.sources = _merge(draft.sources, units)
            self._guess(line, "又一行供稿单位，并入上一篇的供稿单位")
        elif draft is not None:
            draft.sources = _merge(draft.sources, units)
            draft.closed = True
            self._guess(line, "标题后直接是供稿单位：这篇没有正文")
        elif self.drafts:
            last = self.drafts[-1]
            last.sources = _merge(last.sources, units)
            self._guess(line, "供稿单位前没有稿件，并入上一篇的供稿单位")
        else:
            self.draft = _Draft(self.section, line.number, sources=list(units), closed=True)
            self._guess(line, "供稿单位前没有稿件，当作一篇空稿件")
        self.after_title = False

    def _check_units(self, line: SourceLine, units: list[str]) -> None:
        known = self.profile.units
        unknown = [unit for unit in units if unit not in known]
        if known and unknown:
            self._guess(
                line,
                f"（{'、'.join(units)}）当作供稿单位（{'、'.join(unknown)} 不在已知单位中）",
            )

    # ------------------------------------------------------------------ styled paragraphs

    def _forced(self, line: SourceLine, text: str) -> bool:
        role = line.role
        draft = self.draft
        if role in ("mark", "name", "number", "dateline", "note_label", "note"):
            self._late_masthead(line)
            return True
        if role == "section":
            heading = section_heading(text)
            self._start_section(clean_section(heading[0] if heading else text), line)
            return True
        if role == "title":
            self._new_title(line, text)
            return True
        if (
            role == "subtitle"
            and draft is not None
            and draft.title
            and draft.subtitle is None
            and not draft.paragraphs
        ):
            draft.subtitle = clean_title(subtitle_text(text) or text)
            self.after_title = False
            return True
        if role == "body":
            if line.attribution is not None:
                body, units = line.text, split_units(line.attribution)
            else:
                body, units = _split_end_attribution(line.text)
            if draft is None or draft.closed:
                self._close()
                draft = _Draft(self.section, line.number)
                self.draft = draft
                self._guess(line, "正文前没有标题，当作无标题稿件")
            if body:
                draft.paragraphs.append(paragraph_text(body))
            if units:
                draft.sources = _merge(draft.sources, units)
                draft.closed = True
            self.after_title = False
            return True
        if role == "attribution":
            found = own_line_attribution(text)
            if found is None and self._unbracketed_units(text):
                found = split_units(text)
            if found is None:
                return False  # not an attribution after all: read it by its shape
            self._attribution(line, found)
            return True
        if role == "brief":
            self._styled_brief(line, text)
            return True
        return False

    def _styled_brief(self, line: SourceLine, text: str) -> None:
        """A brief of our export: ``标题　正文（单位）`` or just ``正文``, attribution styled."""
        if line.attribution is None:
            self._new_brief(line, text, brief_mark(text), lenient=True)
            return
        self._close()
        draft = _Draft(self.section, line.number, brief=True, closed=True)
        draft.sources = split_units(line.attribution)
        head, gap, rest = text.partition("\u3000")
        if gap and rest and is_title_like(strip_spaces(head), self.limit):
            draft.title = clean_title(head)
            text = rest
        body = paragraph_text(text)
        if body:
            draft.paragraphs.append(body)
        self.draft = draft

    def _late_masthead(self, line: SourceLine) -> None:
        """A masthead paragraph after the articles began: keep its text all the same."""
        text = line.content
        note = paragraph_text(_NOTE_LABEL.sub("", text))
        if line.role == "number" and self._fills_number(text):
            self._take_number(line)
        elif line.role == "dateline" and self._date_line_fits(line):
            self._take_date_line(line)
        elif line.role in ("note", "note_label") and note:
            self.note.append(note)
            self.issue.note = "\n\n".join(self.note)
        elif line.role in ("name", "mark") and getattr(self.issue, line.role) is None:
            setattr(self.issue, line.role, text)
        else:
            self._guess(line, "报头内容出现在正文中，当作正文")
            self._paragraph_anyway(line, text)

    def _paragraph_anyway(self, line: SourceLine, text: str) -> None:
        if self.draft is None or self.draft.closed:
            self._close()
            self.draft = _Draft(self.section, line.number)
        self.draft.paragraphs.append(paragraph_text(text))

    # ---------------------------------------------------------------------------- results

    def _guess(self, line: SourceLine, message: str) -> None:
        self.report.guess(line.number, message, line.content)

    def _guess_at(self, draft: _Draft, message: str) -> None:
        self.report.guess(draft.line, message, draft.title or "".join(draft.paragraphs[:1]))

    def _close(self) -> None:
        if self.draft is not None:
            self.drafts.append(self.draft)
            self.section_filled = True
            self.draft = None
        self.after_title = False

    def _finish(self) -> None:
        fallback = self.profile.sections[0] if self.profile.sections else ""
        warned_section = False
        articles: list[Article] = []
        for draft in self.drafts:
            section = draft.section
            if section is None:
                section = fallback
                if not warned_section:
                    where = f"归入“{fallback}”" if fallback else "栏目留空"
                    self._guess_at(draft, f"稿件前没有栏目标题，{where}")
                    warned_section = True
            if not (draft.title or draft.paragraphs or draft.sources):
                pass  # an empty section, reported where it was found
            elif not draft.sources:
                self._guess_at(draft, "这篇没有找到供稿单位")
            if not draft.paragraphs and draft.title:
                self._guess_at(draft, "这篇没有正文")
            articles.append(
                Article(
                    section=section,
                    title=draft.title,
                    body=join_paragraphs(draft.paragraphs),
                    sources=list(draft.sources),
                    subtitle=draft.subtitle,
                )
            )
        self.issue.articles = articles
        self.report.articles = len(articles)
        self.report.sections = len(dict.fromkeys(article.section for article in articles))
        self.report.attributions = sum(1 for article in articles if article.sources)
        self.report.guesses.sort(key=lambda guess: guess.line)


def _is_short_name(text: str) -> bool:
    return 0 < len(text) <= 20 and not any(mark in text for mark in "。，,；;：:！？")


def _present(line: SourceLine) -> bool:
    """Whether a line holds text: words, or anything at all in a styled paragraph."""
    return has_text(line.content) or (line.role is not None and bool(line.content))


def _merge(old: list[str], new: list[str]) -> list[str]:
    return old + [unit for unit in new if unit not in old]


def _split_end_attribution(text: str) -> tuple[str, list[str]]:
    """A styled body paragraph whose last line (after a break or tab) is its attribution."""
    cut = max(text.rfind("\n"), text.rfind("\t"))
    if cut < 0:
        return text, []
    units = own_line_attribution(strip_spaces(text[cut + 1 :]))
    if units is None:
        return text, []
    return text[:cut], units

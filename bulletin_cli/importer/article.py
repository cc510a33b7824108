"""One article from a unit's file (``.docx`` or ``.txt``): title, subtitle, body and sources.

Units send their articles as they write them: a title (centred, bold, larger, in a Title or
Heading style, or just the first short line), maybe a subtitle (``——…`` or a second short
line), the body, and the attribution wherever the unit put it — ``（xx办公室）`` at the end,
``供稿：xx``, ``（xx供稿）``, ``xx 供稿``, a unit line at the top or a signature at the end, or
only the file name (``稿件-吴中区总工会.docx``). ``撰稿：张三 审核：李四`` names people, not
units. Every piece of text of the file ends up in the article or is named in the findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import FileProblem
from ..fileread import TooLarge, read_regular
from ..model import Article, Picture, Table
from ..profile import Profile
from ..textclean import clean_title, join_paragraphs, split_units, strip_spaces, without_dates
from ._limits import MAX_DOCX_BYTES, MAX_LINES, MAX_TEXT_BYTES, refuse_beyond
from .figures import PictureData, Placed, TableData, after_paragraph, is_caption
from .text import (
    UNIT_MAX,
    Align,
    date_line,
    decode_text,
    end_attribution,
    has_text,
    is_title_like,
    own_line_attribution,
    refuse_known_binary,
    subtitle_text,
    unit_names,
)

if TYPE_CHECKING:
    from .docx import Dropped, WordContent, WordParagraph

SourceKind = Literal["docx", "text"]

ARTICLE_SUFFIXES = (".docx", ".txt")
"""The files ``add --from`` and ``collect`` read."""
_WORD_SUFFIXES = (".docx", ".docm", ".dotx")
_OLD_WORD_SUFFIXES = (".doc", ".wps", ".dot")
_TITLE_SIZE = 18.0
"""Points from which a paragraph reads as a title (body text is 16, 三号)."""
_TITLE_FACES = ("小标宋", "标宋", "黑体", "华文中宋", "宋体-粗")
_TABLE_CELL_GAP = "\u3000"
_PEOPLE_LABELS = (
    "撰稿人|撰稿|执笔|作者|审核人|审核|审稿|审签|签发人|签发|编辑|责任编辑|通讯员|记者|摄影|供图"
    "|图片|联系人|联系电话|电话|手机"
)
_PEOPLE = re.compile(r"[（(]?\s*(?:" + _PEOPLE_LABELS + r")\s*[：:]")
_PEOPLE_LINE = re.compile(
    r"^[（(]?\s*(?:(?:" + _PEOPLE_LABELS + r")\s*[：:]\s*[^：:]*?\s*)+[）)]?$"
)
_LABELLED_UNITS = re.compile(
    r"^[（(]?\s*(?:供稿单位|稿件来源|信息来源|供稿|来源|报送单位)\s*[：:]\s*(?P<units>[^：:]+?)"
    r"\s*[）)]?$"
)
_FILE_NAME_PARTS = re.compile(r"[-_—－–·•\s（）()【】\[\]《》]+")


@dataclass(frozen=True, slots=True)
class ArticleLine:
    """One line of a unit's file: a paragraph of a DOCX (a table row) or a line of a text."""

    number: int
    """The 1-based paragraph of a DOCX, or line of a text."""
    text: str
    align: Align | None = None
    size: float | None = None
    bold: bool = False
    heading: bool = False
    """In a Title or Heading style, or set in a title face (小标宋, 黑体)."""


@dataclass(slots=True)
class ArticleReading:
    """What was read from a unit's file, and what the clerk should know about it."""

    source: Path
    kind: SourceKind
    title: str = ""
    subtitle: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    sources_from: str = ""
    """Where the sources were read: 正文末尾, 标题下, 文首单位行, 文末落款, 文件名."""
    attribution_lines: list[str] = field(default_factory=list)
    """The lines read as the attribution, as they stand in the file."""
    people: list[str] = field(default_factory=list)
    """Lines naming people (撰稿：张三 审核：李四): kept out of the body and the sources."""
    findings: list[str] = field(default_factory=list)
    """What the clerk should know: tables kept, pictures dropped, no title found, …"""
    dropped: list[str] = field(default_factory=list)
    """Text of the file that is not in the article (deletions, comments, headers, …)."""
    encoding: str | None = None
    figures: list[Placed] = field(default_factory=list)
    """The file's pictures and tables, each with the source paragraph it follows."""
    numbers: list[int] = field(default_factory=list)
    """The source paragraph of each of ``paragraphs`` (to place the figures among them)."""

    @property
    def body(self) -> str:
        return join_paragraphs(self.paragraphs)

    @property
    def characters(self) -> int:
        return sum(1 for ch in self.body if not ch.isspace())

    @property
    def staff(self) -> str | None:
        """The people lines as one ``staff`` value (``撰稿：周小军　审核：陈伟``)."""
        return "　".join(self.people) if self.people else None

    def article(self, section: str) -> Article:
        pictures, tables = self.placed_figures()
        return Article(
            section=section,
            title=self.title,
            body=self.body,
            sources=list(self.sources),
            subtitle=self.subtitle,
            pictures=pictures,
            tables=tables,
            staff=self.staff,
        )

    def picture_data(self) -> dict[str, bytes]:
        """The bytes of each picture, by the provisional ``file`` of ``placed_figures``."""
        return {
            name: placed.figure.data
            for name, placed in self._named_pictures()
            if isinstance(placed.figure, PictureData)
        }

    def _named_pictures(self) -> list[tuple[str, Placed]]:
        named: list[tuple[str, Placed]] = []
        for index, placed in enumerate(self.figures, start=1):
            if isinstance(placed.figure, PictureData):
                named.append((f"{index}/{placed.figure.name}", placed))
        return named

    def placed_figures(self) -> tuple[list[Picture], list[Table]]:
        """The pictures (``file`` provisional: the service stores the bytes beside the issue
        and names the stored file) and tables, each after its paragraph."""
        names = {id(placed): name for name, placed in self._named_pictures()}
        pictures: list[Picture] = []
        tables: list[Table] = []
        for placed in self.figures:
            after = after_paragraph(placed.anchor, self.numbers)
            figure = placed.figure
            if isinstance(figure, PictureData):
                pictures.append(Picture(names[id(placed)], figure.caption, after, figure.width))
            else:
                tables.append(Table([list(row) for row in figure.rows], figure.caption, after))
        return pictures, tables

    def accounted_text(self) -> str:
        """Every text the reading kept or named: article, people, dropped pieces."""
        parts = [self.title, self.subtitle or "", *self.paragraphs, *self.sources]
        kept = [*self.attribution_lines, *self.people, *self.dropped, *self.findings]
        for placed in self.figures:
            figure = placed.figure
            if isinstance(figure, PictureData):
                kept.append(figure.caption or "")
            else:
                kept += [cell for row in figure.rows for cell in row]
        return "\n".join([*parts, *kept])


def read_article_file(source: Path | str, *, profile: Profile) -> ArticleReading:
    """Read one article from a unit's ``.docx`` or ``.txt`` (``FileProblem`` if it cannot)."""
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in _OLD_WORD_SUFFIXES:
        raise FileProblem(
            path,
            "这是旧版 Word 文档（.doc/.wps），无法读取",
            hint="在 Word 或 WPS 中打开它，“另存为” .docx 格式后再添加",
        )
    if suffix not in (*_WORD_SUFFIXES, ".txt"):
        raise FileProblem(path, "只能读取 .docx 或 .txt 文件", hint="在 Word 中“另存为” .docx")
    word = suffix in _WORD_SUFFIXES
    data = _read_bounded(path, MAX_DOCX_BYTES if word else MAX_TEXT_BYTES)
    refuse_known_binary(data, str(path))
    if word or data.startswith(b"PK\x03\x04"):
        reading = ArticleReading(path, "docx")
        lines = _word_lines(data, str(path), reading)
    else:
        text, encoding = decode_text(data, str(path))
        reading = ArticleReading(path, "text", encoding=encoding)
        lines = _text_lines(text, str(path))
    _Reader(lines, reading, profile).read()
    if not (reading.title or reading.paragraphs):
        raise FileProblem(path, "文件中没有文字", hint="确认这是要添加的稿件")
    return reading


def _read_bounded(path: Path, limit: int) -> bytes:
    try:
        data = read_regular(path, limit)
    except TooLarge:
        raise FileProblem(
            path, f"文件太大（超过 {limit // 1024 // 1024} MB），不像一篇稿件"
        ) from None
    if not data.strip():
        raise FileProblem(path, "文件是空的")
    return data


def _text_lines(text: str, source: str) -> list[ArticleLine]:
    raw = text.removeprefix("\ufeff").splitlines()
    refuse_beyond(source, len(raw), MAX_LINES, "原文的行数")
    return [
        ArticleLine(number, strip_spaces(line))
        for number, line in enumerate(raw, start=1)
        if has_text(line)
    ]


def _word_lines(data: bytes, source: str, reading: ArticleReading) -> list[ArticleLine]:
    """The paragraphs of a Word file as lines: table rows joined, numbering and breaks shown."""
    from .docx import read_word  # python-docx is loaded only for a Word file

    content = read_word(data, source)
    skip = _figures(content, reading)
    lines: list[ArticleLine] = []
    rows: dict[int, int] = {}  # table → how many of its rows hold text
    row_at: dict[tuple[int, int], int] = {}  # (table, row) → its line
    numbered = breaks = boxes = 0
    for paragraph in content.paragraphs:
        line = paragraph.line
        text = paragraph.numbering + line.text
        if not has_text(line.text) or line.number in skip:
            continue
        numbered += bool(paragraph.numbering)
        boxes += paragraph.text_box
        if paragraph.table is not None:
            # a table of figures: one row a line, its cells side by side
            key = (paragraph.table, paragraph.row)
            cell = " ".join(strip_spaces(piece) for piece in text.split("\n") if has_text(piece))
            if key in row_at:
                k = row_at[key]
                lines[k] = ArticleLine(lines[k].number, lines[k].text + _TABLE_CELL_GAP + cell)
            else:
                rows[paragraph.table] = rows.get(paragraph.table, 0) + 1
                row_at[key] = len(lines)
                lines.append(ArticleLine(line.number, cell))
            continue
        heading = _heading_style(paragraph.style_name) or _title_face(paragraph.face)
        pieces = [strip_spaces(piece) for piece in text.split("\n") if has_text(piece)]
        breaks += len(pieces) - 1
        lines.extend(
            ArticleLine(line.number, piece, line.align, line.size, line.bold, heading)
            for piece in pieces
        )
    for number, count in rows.items():
        reading.findings.append(f"表格 {number} 的文字按行写入正文（{count} 行，每行一段）")
    if numbered:
        reading.findings.append(f"Word 自动编号已写入正文（{numbered} 段）")
    if boxes:
        reading.findings.append(f"文本框中的文字已写入正文（{boxes} 段）")
    if breaks:
        reading.findings.append(f"段内换行（Shift+Enter）按分段处理（{breaks} 处）")
    _report_dropped(content.dropped, reading)
    return _without_captions(lines, content.dropped, reading)


def _without_captions(
    lines: list[ArticleLine], dropped: list[Dropped], reading: ArticleReading
) -> list[ArticleLine]:
    """The lines without the captions of the dropped pictures (named in the findings)."""
    from .captions import captions_of_pictures

    pictures = [item.paragraph for item in dropped if item.kind == "picture"]
    if not pictures:
        return lines
    captions = captions_of_pictures([(line.number, line.text) for line in lines], pictures)
    if not captions:
        return lines
    texts = [lines[index].text for index in sorted(captions)]
    shown = "”“".join(_short(text) for text in texts[:3])
    reading.findings.append(f"图片说明随图片未导入：“{shown}”")
    reading.dropped.extend(texts)
    return [line for index, line in enumerate(lines) if index not in captions]


def _figures(content: WordContent, reading: ArticleReading) -> set[int]:
    """The pictures (with the caption under each) and tables of the file, in order, into
    ``reading.figures``; returns the source paragraphs that became a caption or a table cell,
    kept out of the body. A table of one column stays body text."""
    skip: set[int] = set()
    tables: dict[int, list[WordParagraph]] = {}
    for paragraph in content.paragraphs:
        if paragraph.table is not None:
            tables.setdefault(paragraph.table, []).append(paragraph)
    wide = {n for n, cells in tables.items() if max(p.cell for p in cells) >= 2}
    done: set[int] = set()
    paragraphs = content.paragraphs
    for index, paragraph in enumerate(paragraphs):
        number = paragraph.line.number
        if paragraph.table in wide:
            table = paragraph.table
            assert table is not None
            if table not in done:
                done.add(table)
                rows = _table_rows(tables[table])
                merged = table in content.merged_tables
                reading.figures.append(Placed(TableData(rows, None, merged), number))
                note = "，有合并的单元格：合并处的文字写在第一格，其余格留空" if merged else ""
                reading.findings.append(f"表格 {table} 按表格保留（{len(rows)} 行）{note}")
            skip.add(number)
            continue
        for picture in paragraph.pictures:
            caption = _caption_after(paragraphs, index, skip)
            if caption is not None:
                picture.caption = caption
            reading.figures.append(Placed(picture, number))
        if paragraph.pictures:
            count = len(paragraph.pictures)
            reading.findings.append(f"图片 {count} 张已保留（第 {number} 段）")
    for number, why in content.unusable:
        reading.findings.append(
            f"第 {number} 段的图片未导入：{why}（请另存为 JPEG 后用 --picture 添加）"
        )
    return skip


def _caption_after(paragraphs: list[WordParagraph], index: int, skip: set[int]) -> str | None:
    """The caption under the picture of ``paragraphs[index]``: the next paragraph with text
    when it reads as one (``图为…``, or a short centred line)."""
    for following in paragraphs[index + 1 :]:
        line = following.line
        if following.pictures or following.table is not None:
            return None
        if not has_text(line.text):
            continue
        text = strip_spaces(line.text)
        if line.number in skip or not is_caption(text, line.align):
            return None
        skip.add(line.number)
        return text
    return None


def _table_rows(cells: list[WordParagraph]) -> list[list[str]]:
    """The rows of a table from its cells' paragraphs (a cell of several paragraphs is one
    text with line breaks; a merged cell's text is in its first cell, the others empty)."""
    grid: dict[int, dict[int, list[str]]] = {}
    width = max(paragraph.cell for paragraph in cells)
    for paragraph in cells:
        texts = grid.setdefault(paragraph.row, {}).setdefault(paragraph.cell, [])
        text = strip_spaces(paragraph.line.text)
        if text:
            texts.append(text)
    return [
        ["\n".join(grid[row].get(cell, [])) for cell in range(1, width + 1)] for row in sorted(grid)
    ]


def _report_dropped(dropped: list[Dropped], reading: ArticleReading) -> None:
    pictures = [item for item in dropped if item.kind == "picture"]
    if pictures:
        where = "、".join(str(item.paragraph) for item in pictures[:5])
        reading.findings.append(f"图片 {len(pictures)} 张未导入（第 {where} 段）")
    labels = {
        "deleted": "修订中删除的文字",
        "comment": "批注",
        "header": "页眉",
        "footer": "页脚",
        "note": "脚注、尾注",
    }
    for kind, label in labels.items():
        texts = [item.text for item in dropped if item.kind == kind]
        if texts:
            shown = "”“".join(_short(text) for text in texts[:3])
            more = f"等 {len(texts)} 处" if len(texts) > 3 else ""
            reading.findings.append(f"{label}未导入：“{shown}”{more}")
            reading.dropped.extend(texts)


def _short(text: str, length: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def _heading_style(name: str | None) -> bool:
    return bool(name) and (name == "Title" or (name or "").startswith(("Heading", "标题")))


def _title_face(face: str | None) -> bool:
    return bool(face) and any(mark in (face or "") for mark in _TITLE_FACES)


# --------------------------------------------------------------------------- the reading


class _Reader:
    """Title, subtitle, body and attribution from the lines of one unit's file."""

    def __init__(self, lines: list[ArticleLine], reading: ArticleReading, profile: Profile) -> None:
        self.lines = lines
        self.reading = reading
        self.profile = profile
        self.limit = max(profile.title_max, 40)
        self.top_units: list[str] = []
        self.found: list[tuple[str, list[str]]] = []  # (where, units) in the order read

    def read(self) -> None:
        lines = self._people(self.lines)
        lines = self._labelled(lines)
        lines = self._unit_at_top(lines)
        lines = self._title(lines)
        lines = self._subtitle(lines)
        lines = self._under_title(lines)
        lines = self._signature(lines)
        self._body(lines)
        self._sources()

    def _people(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        """``撰稿：张三 审核：李四``: people, not units; the line is kept out of the body.

        A line can hold both: ``供稿：吴中区总工会 撰稿：张三``."""
        kept: list[ArticleLine] = []
        for line in lines:
            match = _PEOPLE.search(line.text)
            if match is None or not _PEOPLE_LINE.match(line.text[match.start() :]):
                kept.append(line)
                continue
            self.reading.people.append(strip_spaces(line.text[match.start() :]))
            before = strip_spaces(line.text[: match.start()])
            if before:
                kept.append(ArticleLine(line.number, before, line.align))
        if self.reading.people:
            self.reading.findings.append(
                "撰稿人、审核人等不作供稿单位，随稿件保存（show 显示，不印出）："
                + "；".join(self.reading.people)
            )
        return kept

    def _labelled(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        """``供稿：xx``, ``（xx供稿）``, ``xx 供稿``, ``来源：xx`` on a line of their own."""
        kept: list[ArticleLine] = []
        for line in lines:
            units = self._labelled_units(line.text)
            if units:
                self.found.append(("供稿行", units))
                self.reading.attribution_lines.append(line.text)
            else:
                kept.append(line)
        return kept

    def _labelled_units(self, text: str) -> list[str] | None:
        match = _LABELLED_UNITS.match(text)
        if match is not None:
            return split_units(match.group("units")) or None
        if re.search(r"供稿\s*[）)]?$", text) and len(text) <= UNIT_MAX + 6:
            return own_line_attribution(text)
        return None

    def _unit_at_top(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        if len(lines) >= 2 and self._unit_line(lines[0].text) and not lines[0].heading:
            self.found.append(("文首单位行", split_units(lines[0].text)))
            self.reading.attribution_lines.append(lines[0].text)
            return lines[1:]
        return lines

    def _unit_line(self, text: str) -> list[str] | None:
        """A line that is only unit names (``吴中区总工会``, ``市总办公室、研究室``)."""
        return unit_names(text, self.profile.units)

    def _title(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        if not lines:
            return lines
        first = lines[0]
        formatted = self._heading_like(first, lines[1:])
        if (formatted and is_title_like(first.text, 2 * self.limit)) or is_title_like(
            first.text, self.limit
        ):
            self.reading.title = clean_title(first.text)
            return lines[1:]
        self.reading.findings.append("没有找到标题（第一段像是正文）：请用 --title 写明")
        return lines

    def _heading_like(self, line: ArticleLine, rest: list[ArticleLine]) -> bool:
        """Centred, bold, larger than the text after it, or in a heading style or face."""
        larger = line.size is not None and (
            line.size >= _TITLE_SIZE
            or any(other.size is not None and line.size > other.size for other in rest[:3])
        )
        return line.heading or line.align == "center" or line.bold or larger

    def _subtitle(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        if not (self.reading.title and lines):
            return lines
        line = lines[0]
        dashed = subtitle_text(line.text)
        if dashed is not None:
            self.reading.subtitle = clean_title(dashed)
            return lines[1:]
        second_short = (
            is_title_like(line.text, self.limit)
            and len(lines) >= 2
            and not _numbered_point(line.text)
            and date_line(line.text) is None
            and own_line_attribution(line.text) is None
            and (line.align in (None, "center") or line.heading)
            and not (line.align is None and is_title_like(lines[1].text, self.limit))
        )
        if second_short:
            self.reading.subtitle = clean_title(line.text)
            self.reading.findings.append(f"标题下的第二个短行当作副标题：{line.text}")
            return lines[1:]
        return lines

    def _under_title(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        """``（吴中区总工会）`` right under the title, as some units write it."""
        if self.reading.title and len(lines) >= 2 and lines[0].text.startswith(("（", "(")):
            units = own_line_attribution(lines[0].text)
            if units is not None and unit_names(lines[0].text, self.profile.units):
                self.found.append(("标题下", units))
                self.reading.attribution_lines.append(lines[0].text)
                return lines[1:]
        return lines

    def _signature(self, lines: list[ArticleLine]) -> list[ArticleLine]:
        """At the end: ``（xx办公室）``, a unit line (a signature), a date under it."""
        end = len(lines)
        dated = ""
        if end > 1 and (units := self._dated_signature(lines[end - 1].text)):
            self.found.append(("文末落款", units))  # 阳光社区 2026.3.5 on one line
            self.reading.attribution_lines.append(lines[end - 1].text)
            return lines[: end - 1]
        while end > 1 and date_line(lines[end - 1].text) is not None:
            dated = lines[end - 1].text + (f" {dated}" if dated else "")
            end -= 1
        if end > 1 and (units := self._closing_units(lines[end - 1].text)):
            self.found.append(("文末落款", units))
            self.reading.attribution_lines.append(lines[end - 1].text)
            end -= 1
        elif dated:
            end = len(lines)  # a date alone at the end is body text (a date of an event)
            dated = ""
        if dated:
            self.reading.findings.append(f"落款日期未写入正文：{dated}")
            self.reading.dropped.append(dated)
        return lines[:end]

    def _dated_signature(self, text: str) -> list[str] | None:
        """``阳光社区 2026.3.5`` or ``（阳光社区 2026年3月5日）``: the units signed with a date."""
        undated = strip_spaces(without_dates(text))
        if not undated or undated == strip_spaces(text):
            return None
        return self._closing_units(undated)

    def _closing_units(self, text: str) -> list[str] | None:
        found = own_line_attribution(text)
        if found is not None and text.startswith(("（", "(")):
            return found
        return self._unit_line(text)

    def _body(self, lines: list[ArticleLine]) -> None:
        paragraphs = [line.text for line in lines]
        numbers = [line.number for line in lines]
        if paragraphs:
            found = end_attribution(paragraphs[-1])
            if found is not None:
                rest, units = found
                self.found.append(("正文末尾", units))
                paragraphs = [*paragraphs[:-1], rest] if rest else paragraphs[:-1]
                numbers = numbers[: len(paragraphs)]
        self.reading.paragraphs = paragraphs
        self.reading.numbers = numbers

    def _sources(self) -> None:
        reading = self.reading
        units: list[str] = []
        places: list[str] = []
        for where, found in self.found:
            places.append(where)
            units.extend(unit for unit in found if unit not in units)
        if not units:
            from_name = self._units_in_file_name()
            if from_name:
                units, places = from_name, ["文件名"]
        reading.sources = units
        reading.sources_from = "、".join(dict.fromkeys(places))
        if not units:
            reading.findings.append("没有找到供稿单位：请用 --source 写明")

    def _units_in_file_name(self) -> list[str]:
        """``稿件-吴中区总工会.docx`` → ``["吴中区总工会"]`` (a part that names a unit)."""
        units: list[str] = []
        for part in _FILE_NAME_PARTS.split(self.reading.source.stem):
            part = strip_spaces(part)
            if part and part != self.reading.title and self._unit_line(part):
                units.extend(unit for unit in split_units(part) if unit not in units)
        return units


def _numbered_point(text: str) -> bool:
    return bool(
        re.match(
            r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])",
            text,
        )
    )

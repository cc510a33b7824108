"""Plain-text sources: decoding, lines, and what each line of a 简报 can be.

The predicates here look at one line at a time; ``assemble`` and its recognisers decide with the context (what
came before, what follows, the house profile).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..errors import FileProblem
from ..textclean import SPACES, split_units, strip_spaces, trailing_attribution
from ._limits import MAX_TEXT_BYTES
from .figures import PictureData, TableData

Role = Literal[
    "mark",
    "name",
    "number",
    "dateline",
    "note_label",
    "note",
    "section",
    "title",
    "subtitle",
    "body",
    "attribution",
    "brief",
    "distribution",
    "picture",
    "caption",
    "table",
    "table_caption",
    "contents",
]
Align = Literal["left", "center", "right", "both"]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a text, or one paragraph of a DOCX with what its formatting says.

    ``role`` is set only when the source says what the line is (a style of our own export);
    ``text`` then excludes ``attribution``."""

    number: int
    text: str
    role: Role | None = None
    align: Align | None = None
    size: float | None = None
    bold: bool = False
    attribution: str | None = None
    """Text the source marks as the attribution (runs in our export's attribution style)."""
    listed: bool = False
    """The paragraph is numbered by Word (一、 or 1. that is not part of its text)."""
    figure: PictureData | TableData | None = None
    """The picture or table a ``picture`` or ``table`` line stands for (a DOCX's)."""

    @property
    def content(self) -> str:
        return strip_spaces(self.text)


# ---------------------------------------------------------------------------------- decoding

_BOMS: list[tuple[bytes, str, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8（带 BOM）"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
]
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1a"}


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding; ``FileProblem`` when it is not text."""
    if len(data) > MAX_TEXT_BYTES:
        raise FileProblem(
            source,
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB），不像一期简报",
            hint=f"一期简报的文本通常只有几十 KB；上限为 {MAX_TEXT_BYTES // 1024 // 1024} MB",
        )
    refuse_known_binary(data, source)
    text: str | None = None
    encoding = ""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise FileProblem(
                    source, f"文件以 {name} 标记开头，但内容无法按 {name} 解码"
                ) from None
            text = text.removeprefix("\ufeff")
            encoding = name
            break
    if text is None:
        if b"\x00" in data:
            raise FileProblem(
                source, "不是文本文件（含有二进制数据）", hint="请导入 .txt 或 .docx 格式的简报"
            )
        for codec, name in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            encoding = name
            break
    if text is None:
        raise FileProblem(
            source,
            "无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）",
            hint="用记事本打开后“另存为”UTF-8 编码再导入",
        )
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if "\x00" in text or controls > max(3, len(text) // 200):
        raise FileProblem(
            source, "不是文本文件（含有大量控制字符）", hint="请导入 .txt 或 .docx 格式的简报"
        )
    if not any(ch.isalnum() for ch in text):
        raise FileProblem(source, "文件是空的，没有可导入的文字")
    return text, encoding


def refuse_known_binary(data: bytes, source: str) -> None:
    """Clear messages for the binary formats clerks most often mistake for text or DOCX."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FileProblem(
            source,
            "这是旧版 Word（.doc/.wps）或加密的文档，无法直接导入",
            hint="在 Word 或 WPS 中“另存为” .docx（不加密码）后再导入",
        )
    if data.startswith(b"%PDF"):
        raise FileProblem(source, "这是 PDF 文件，无法导入", hint="请导入 .txt 或 .docx 格式的简报")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html")) or b"<w:worddocument" in head:
        raise FileProblem(
            source,
            "这是网页（HTML）或 Word 2003 XML 格式，无法直接导入",
            hint="在 Word 或 WPS 中“另存为” .docx 后再导入",
        )
    if data.startswith(b"{\\rtf"):
        raise FileProblem(
            source, "这是 RTF 文件，无法直接导入", hint="在 Word 或 WPS 中“另存为” .docx 后再导入"
        )


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_lines(text: str) -> list[SourceLine]:
    """The lines of a text, numbered from 1; CRLF, CR, LF (and a form feed) all end a line."""
    lines = text.removeprefix("\ufeff").splitlines()
    return [SourceLine(i, _CONTROL_RE.sub("", line)) for i, line in enumerate(lines, start=1)]


# ----------------------------------------------------------------------------- line shapes

_TITLE_BAD_END = tuple("。；;：:，,、…")
_QUOTED_SENTENCE_END = ("！”", "？”", "!”", "?”", "…”")
_BULLETS = "△▲●○◎◉·•※➤▶►▸◆◇■□★☆◼▪◾"
_SECTION_MARKS = "■□◆◇★☆◼▪◾▌▍█"


_DECORATION = frozenset("-—－─━═=＝*＊_＿~～·•.．…‥#＃+＋※☆★◆◇■□●○▲△▼▽◎◉§|｜")


def has_text(text: str) -> bool:
    """Whether a line carries text, not just a rule of dashes, stars or spaces."""
    return any(not ch.isspace() and ch not in _DECORATION and ch not in SPACES for ch in text)


def is_title_like(text: str, limit: int) -> bool:
    """Short, and not a sentence: no 。, no ending comma, colon, semicolon or ellipsis."""
    return (
        0 < len(text) <= limit
        and not text.endswith(_TITLE_BAD_END)
        and "。" not in text
        and not text.endswith(_QUOTED_SENTENCE_END)
    )


_BRACKETED = re.compile(
    r"^(?:【(?P<a>[^【】]{1,30})】|\[(?P<b>[^\[\]]{1,30})\]|［(?P<c>[^［］]{1,30})］"
    r"|〖(?P<d>[^〖〗]{1,30})〗)$"
)
_MARKED = re.compile(r"^[" + _SECTION_MARKS + r"]+\s*(?P<name>\S.{0,19})$")
_BULLET_SECTION = re.compile(r"^[" + _BULLETS + r"]+\s*(?P<name>\S.{0,15})$")
_NUMBERED = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<name>\S.{0,19})$")
_SECTION_NAME_MAX = 20

SectionKind = Literal["bracket", "marker", "numbered"]


def section_heading(text: str) -> tuple[str, SectionKind] | None:
    """``【工作动态】``, ``[工作动态]``, ``■工作动态`` or ``一、工作动态``: the name and the form."""
    match = _BRACKETED.match(text)
    if match:
        name = next(v for v in match.groups() if v is not None)
        name = strip_spaces(name)
        return (name, "bracket") if name else None
    for pattern, kind in (
        (_MARKED, "marker"),
        (_BULLET_SECTION, "marker"),
        (_NUMBERED, "numbered"),
    ):
        match = pattern.match(text)
        if match:
            name = strip_spaces(match.group("name"))
            if _is_section_name(name):
                return name, kind  # type: ignore[return-value]
    return None


def _is_section_name(name: str) -> bool:
    return (
        0 < len(name) <= _SECTION_NAME_MAX
        and not any(mark in name for mark in "。，,；;：:")
        and not name.endswith(("！", "？"))
    )


_BRIEF_MARK = re.compile(
    r"^(?:[" + _BULLETS + r"]+|(?:\d{1,3}\s*[、.．]|[（(]\d{1,3}[)）]|\d{1,3}[)）])(?!\d)"
    r"|[\u2460-\u2473\u2776-\u277f])\s*"
)


def brief_mark(text: str) -> str | None:
    """The bullet or number that leads a 简讯 (``△``, ``1.``, ``①``), if any."""
    match = _BRIEF_MARK.match(text)
    return match.group(0) if match and match.end() < len(text) else None


INNER_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后)"
)
"""The numbering of points inside an article (``一、`` ``（二）`` ``3.`` ``第一``)."""


_DASHES = re.compile(r"^(?:——|—|－－|－|--|──|―|~~|～～)+\s*")


def subtitle_text(text: str) -> str | None:
    """The text of a subtitle led by ——, if the line is one."""
    match = _DASHES.match(text)
    if match is None:
        return None
    rest = strip_spaces(text[match.end() :])
    return rest or None


_LABELLED = re.compile(
    r"^[（(]?\s*(?:供稿单位|稿件来源|信息来源|供稿|来源|通讯员|撰稿)\s*[：:]\s*"
    r"(?P<units>[^（）()。：:]{1,60}?)\s*[）)]?$"
)
_SUPPLIED = re.compile(r"^(?P<units>[^（）()。，,：:]{1,40}?)\s*供稿$")


_MONTH_DAY = (
    r"[〇零○一二三四五六七八九十\d０-９]{1,3}\s*月\s*[〇零○一二三四五六七八九十\d０-９]{1,3}\s*日"
)
_REPORTED = re.compile(
    r"^[（(]\s*(?P<source>(?:摘自|转自|选自|据)?\s*(?:" + _MONTH_DAY + r")[^（）()，,；;。]{2,40}?"
    r"|(?:摘自|转自|选自)[^（）()，,；;。]{2,40}?)\s*(?:[）)]|[。.]?$)\s*$"
)
"""``（十一月二十日辽、黑、吉三个省委的汇报）``: when and by whom a report came in, kept whole
(the 、 inside does not separate units); the closing bracket is sometimes lost (``……汇报。``)."""


def reported_source(text: str) -> str | None:
    """The one source of a line like ``（摘自十一月二十日北京市委“党内参考资料”）``."""
    match = _REPORTED.match(strip_spaces(text))
    if match is None:
        return None
    return strip_spaces(match.group("source")).rstrip("。.") or None


_BYLINE = re.compile(
    r"^[" + SPACES + r"]+(?P<name>[\u4e00-\u9fff]{2,10}(?:通讯组|通讯站|报道组|通讯))$"
)


def byline(text: str) -> str | None:
    """``　三河通讯``: a correspondent's line after an article, set off to the right (the raw
    line, with its leading spaces; in the body only)."""
    match = _BYLINE.match(text.rstrip(SPACES))
    return match.group("name") if match else None


def own_line_attribution(text: str) -> list[str] | None:
    """The units of a line that is only an attribution: ``（市总办公室、研究室）``, ``来源：…``."""
    reported = reported_source(text)
    if reported is not None:
        return [reported]
    found = trailing_attribution(text)
    if found is not None and not found[0]:
        return found[1]
    match = _LABELLED.match(text) or _SUPPLIED.match(text)
    if match is None:
        return None
    units = split_units(match.group("units"))
    return units or None


_LABELLED_END = re.compile(
    r"^(?P<text>.*?)[" + SPACES + r"]*[（(]\s*(?:供稿单位|稿件来源|信息来源|供稿|来源)\s*[：:]\s*"
    r"(?P<units>[^（）()。：:\n]{1,60}?)\s*[）)][" + SPACES + r"]*$",
    re.DOTALL,
)


def end_attribution(text: str) -> tuple[str, list[str]] | None:
    """A paragraph ending in an attribution: the text before it and the units."""
    found = trailing_attribution(text)
    if found is not None and found[0]:
        cut = max(text.rfind("（"), text.rfind("("))
        reported = reported_source(text[cut:]) if cut > 0 else None
        if reported is not None:
            return found[0], [reported]
        return found
    match = _LABELLED_END.match(text)
    if match is not None and strip_spaces(match.group("text")):
        units = split_units(match.group("units"))
        if units:
            return strip_spaces(match.group("text")), units
    return None


# ------------------------------------------------------------------------------- masthead

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> int | None:
    """``215``, ``２１５``, ``二百一十五`` or ``二〇一二`` as an integer."""
    text = unicodedata.normalize("NFKC", strip_spaces(text))
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if not any(ch in _CN_UNITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + digit


_NUM = r"[0-9０-９〇零○一二三四五六七八九十百千两]+"
_NUMBER_LINE = re.compile(
    r"^(?:(?P<year>\d{4})\s*年\s*)?[（(]?第\s*(?P<num>" + _NUM + r")\s*(?:期|号[）)]?)"
    r"\s*(?:[（(]?\s*总\s*第\s*(?P<total>" + _NUM + r")\s*期\s*[）)]?)?$"
)
_TOTAL_LINE = re.compile(r"^[（(]?\s*总\s*第\s*(?P<total>" + _NUM + r")\s*期\s*[）)]?$")


def issue_kind(text: str, kinds: tuple[str, ...] = ()) -> str | None:
    """The kind before a 期号 line (``增刊第1期`` → 增刊), among 增刊 专刊 专报 特刊 and ``kinds``."""
    from ..kinds import known_kinds

    compact = strip_spaces(text)
    for kind in sorted(known_kinds(kinds), key=len, reverse=True):
        if compact.startswith(kind) and compact[len(kind) :].startswith("第"):
            return kind
    return None


def number_line(text: str, kinds: tuple[str, ...] = ()) -> tuple[int | None, int | None] | None:
    """``第1期（总第215期）`` → (1, 215); ``总第215期`` → (None, 215); ``增刊第1期`` → (1, None)
    (the kind is read by ``issue_kind``)."""
    compact = strip_spaces(text)
    kind = issue_kind(compact, kinds)
    if kind is not None:
        compact = compact[len(kind) :]
    match = _NUMBER_LINE.match(compact)
    if match:
        total = match.group("total")
        return parse_number(match.group("num")), parse_number(total) if total else None
    match = _TOTAL_LINE.match(compact)
    if match:
        return None, parse_number(match.group("total"))
    return None


_CN_Y = r"[0-9〇零○一二三四五六七八九]{4}"
_CN_MD = r"[0-9一二三四五六七八九十]{1,3}"
_DATE = re.compile(
    r"(?P<y>" + _CN_Y + r")\s*年\s*(?P<m>" + _CN_MD + r")\s*月\s*(?P<d>" + _CN_MD + r")\s*日"
    r"|(?P<iy>\d{4})\s*[-./／]\s*(?P<im>\d{1,2})\s*[-./／]\s*(?P<id>\d{1,2})"
)
_EDITOR_LABEL = re.compile(r"^(?:编印单位|编印|主办单位|主办|编者)\s*[：:]\s*")
_EDITOR_SUFFIX = re.compile(r"\s*(?:编印|编)$")
_DATE_SUFFIX = re.compile(r"^(?:印发|编印|出版|印)?$")


@dataclass(frozen=True, slots=True)
class DateLine:
    editor: str | None
    date: dt.date | None


def date_line(text: str) -> DateLine | None:
    """``苏州市总工会办公室编    2012年1月20日``: the editor (without 编) and the date."""
    compact = strip_spaces(text)
    match = _DATE.search(compact)
    if match is None:
        return None
    if not _DATE_SUFFIX.match(strip_spaces(compact[match.end() :])):
        return None
    date = _to_date(match)
    if date is None:
        return None
    editor_text = strip_spaces(compact[: match.start()])
    editor, _ = editor_name(editor_text)
    if editor is not None and (len(editor) > 30 or any(m in editor for m in "。，；")):
        return None
    return DateLine(editor, date)


def editor_name(text: str) -> tuple[str | None, bool]:
    """``苏州市总工会办公室编`` → (``苏州市总工会办公室``, True)."""
    text = _EDITOR_LABEL.sub("", strip_spaces(text))
    stripped = _EDITOR_SUFFIX.sub("", text)
    return (strip_spaces(stripped) or None), stripped != text


def _to_date(match: re.Match[str]) -> dt.date | None:
    if match.group("iy"):
        parts = [int(match.group(k)) for k in ("iy", "im", "id")]
    else:
        numbers = [parse_number(match.group(k)) for k in ("y", "m", "d")]
        if any(n is None for n in numbers):
            return None
        parts = [n for n in numbers if n is not None]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


_MARKS = ("内部资料", "内部刊物", "内部参阅", "注意保存", "秘密", "机密", "绝密", "内部")


def mark_line(text: str) -> str | None:
    """``内部资料`` or ``秘密★1年``: the mark at the top left of the masthead."""
    compact = strip_spaces(text)
    if len(compact) <= 12 and compact.startswith(_MARKS):
        return compact
    return None


# ---------------------------------------------------------------------------- distribution

_DIST_LABEL = re.compile(r"^(?P<label>抄报|报送|抄送|分送|印发|报|送|发)\s*[：:]\s*(?P<rest>.*)$")
_COPIES = re.compile(r"[（(]?\s*共印\s*(?P<n>[0-9０-９]+)\s*份\s*[）)]?")
_DIST_KEYS = {
    "报": "report",
    "抄报": "report",
    "报送": "report",
    "送": "send",
    "抄送": "send",
    "发": "distribute",
    "分送": "distribute",
    "印发": "distribute",
}


def distribution_label(text: str) -> tuple[str, str] | None:
    """``报：省总工会，市委、市政府领导。`` → (``report``, the names)."""
    match = _DIST_LABEL.match(strip_spaces(text))
    if match is None:
        return None
    return _DIST_KEYS[match.group("label")], match.group("rest")


def copies_in(text: str) -> tuple[int, str] | None:
    """``（共印120份）`` anywhere in a line: the number and the line without it."""
    match = _COPIES.search(text)
    if match is None:
        return None
    rest = text[: match.start()] + text[match.end() :]
    return int(unicodedata.normalize("NFKC", match.group("n"))), strip_spaces(rest)


def distribution_names(text: str) -> list[str]:
    """``省总工会，市委、市政府领导。`` → ``["省总工会", "市委、市政府领导"]``."""
    names = []
    for part in re.split(r"[，,；;]", text):
        name = strip_spaces(part).rstrip("。.")
        name = strip_spaces(name)
        if name:
            names.append(name)
    return names


# ------------------------------------------------------------------------------- units

UNIT_SUFFIXES = (
    "总工会",
    "工会",
    "办公室",
    "委员会",
    "联合会",
    "分会",
    "协会",
    "办",
    "局",
    "委",
    "部",
    "室",
    "处",
    "科",
    "中心",
    "院",
    "所",
    "站",
    "厅",
    "街道",
    "镇",
    "乡",
    "公司",
    "集团",
    "学校",
    "大学",
    "医院",
    "公社",
    "社区",
    "中央",
    "军区",
)
"""How the names of units (not people, not sentences) end."""
UNIT_MAX = 30


def unletterspaced(text: str) -> str:
    """``中　　央`` or ``辽　宁`` (one character a cell, spaced out for the print) → ``中央``."""
    parts = re.split(r"[" + SPACES + r"]+", strip_spaces(text))
    return "".join(parts) if len(parts) > 1 and all(len(part) == 1 for part in parts) else text


def unit_names(text: str, known: list[str] | tuple[str, ...] = ()) -> list[str] | None:
    """The units of a line that is only unit names (``吴中区总工会``, ``市总办公室、研究室``)."""
    text = unletterspaced(text)
    if text in known:
        return [text]
    if len(text) > UNIT_MAX or any(mark in text for mark in "。，,；;：:！？!?“”"):
        return None
    units = split_units(text.strip("（）()"))
    if units and all(unit in known or unit.endswith(UNIT_SUFFIXES) for unit in units):
        return units
    return None

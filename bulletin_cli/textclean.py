"""Clean what a clerk pastes: section names, titles, bodies and attributions.

Pasted text brings full-width indentation, padding spaces, uneven blank lines, and often the
attribution typed at the end of the body. These functions turn it into the canonical form of the
issue file: paragraphs separated by one blank line, sources as a list of unit names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_BRACKET_PAIRS = {"【": "】", "[": "]", "〔": "〕", "［": "］", "「": "」", "《": "》", "〖": "〗"}
_UNIT_SEPARATORS = re.compile(r"[、，,/／;；\s\u3000]+")
_ATTRIBUTION_RE = re.compile(
    r"^(?P<text>.*?)(?P<pad>["
    + SPACES
    + r"]*)[（(](?P<units>[^（）()\n]{1,60})[）)]["
    + SPACES
    + r"]*$",
    re.DOTALL,
)
_NAME_SEPARATORS = re.compile(r"[、，,;；]+")
_DATE_IN_ATTRIBUTION = re.compile(
    r"(?<=\S)[" + SPACES + r"]*(?:\d{4}\s*[年.\-/／]\s*)?\d{1,2}\s*[月.\-/／]\s*\d{1,2}\s*日?"
    r"(?=[" + SPACES + r"]*[）)]?[" + SPACES + r"]*$)"
)
"""A date signed at the end, after the unit: ``2026年3月5日``, ``2026.3.5``, ``3月5日``."""
_SENTENCE_END = tuple("。！？!?”’」』…；")
_SOURCE_LABELS = re.compile(r"^(?:供稿单位|供稿|来源|稿件来源|信息来源)[：:]?\s*|\s*供稿$")


def strip_spaces(text: str) -> str:
    return text.strip(SPACES + "\r\n")


def clean_section(name: str) -> str:
    """``【工作动态】`` or `` [工作动态] `` → ``工作动态``."""
    name = strip_spaces(name)
    while len(name) >= 2 and _BRACKET_PAIRS.get(name[0]) == name[-1]:
        name = strip_spaces(name[1:-1])
    return unicodedata.normalize("NFKC", name) if name.isascii() else name


def clean_title(title: str) -> str:
    """A title on one line without surrounding spaces. Its lines join directly, as a title
    broken between two characters does; where the break stood at a space (the exporter breaks
    long titles there too), one space joins them."""
    joined = ""
    space = ""  # the space that ended the previous line, if any
    for raw in title.replace("\r\n", "\n").split("\n"):
        line = strip_spaces(raw)
        if not line:
            continue
        if joined and (space or raw[0] in SPACES):
            joined += space or raw[0]
        joined += line
        end = raw.rstrip("\r")[-1]
        space = end if end in SPACES else ""
    return joined


UNIT_SUFFIXES = (
    "社区居民委员会",
    "居民委员会",
    "村民委员会",
    "社区居委会",
    "居委会",
    "村委会",
    "委员会",
    "办事处",
    "街道",
    "总工会",
    "工会",
    "党委",
    "党支部",
    "支部",
)
"""What units add to their name or leave out (南门社区居委会 / 南门社区): a name and the same
name with one of these is likely one unit."""


def without_suffix(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` with one of ``UNIT_SUFFIXES`` added (at least two
    characters of ``other`` left: 社区 alone is no unit)."""
    return len(other) >= 2 and name.startswith(other) and name[len(other) :] in UNIT_SUFFIXES


_UNIT_ENDINGS = (
    *"室部局会委办处科所站院校司厅社区街道镇乡村队组团馆厂行宫园市县省州协联盟台报刊网店场点楼营连班",
    "中心",
    "公司",
    "集团",
    "政府",
)
_PERSON_AFTER_UNIT = re.compile(
    r"^(?P<units>.*\S)[" + SPACES + r"]+(?P<name>[\u4e00-\u9fff]{2,4})$"
)


def _unwrapped(text: str) -> str:
    text = strip_spaces(text)
    text = _SOURCE_LABELS.sub("", text)
    text = text.strip("（）()" + SPACES)
    return _SOURCE_LABELS.sub("", text)


def attribution_author(text: str) -> str | None:
    """The person named after the unit in ``（阳光社区　李丽）``: two to four Chinese characters
    set off by a space after a unit and not ending like a unit (室、部、社区、中心…)."""
    match = _PERSON_AFTER_UNIT.match(_unwrapped(text))
    if match is None:
        return None
    name = match.group("name")
    if name.endswith(_UNIT_ENDINGS) or not split_units(match.group("units")):
        return None
    return name


def without_dates(text: str) -> str:
    """``阳光社区 2026年3月5日`` → ``阳光社区``: the date a unit signs with is not a unit."""
    return _DATE_IN_ATTRIBUTION.sub("", text) if any(ch.isdigit() for ch in text) else text


def split_units(text: str, *, without_author: bool = False, at_spaces: bool = True) -> list[str]:
    """``（市总办公室、研究室）供稿`` → ``["市总办公室", "研究室"]``; a signed date
    (``（阳光社区 2026年3月5日）``) is left out. ``without_author`` leaves out a person named
    after the units (``（阳光社区　李丽）``, see ``attribution_author``). Without ``at_spaces``
    only 、，,；; separate units and a space inside a name is removed (``阳光 社区`` is one
    unit, as a clerk typing ``--source`` means it)."""
    text = _unwrapped(without_dates(text))
    if without_author and attribution_author(text) is not None:
        match = _PERSON_AFTER_UNIT.match(text)
        assert match is not None
        text = match.group("units")
    units = []
    separators = _UNIT_SEPARATORS if at_spaces else _NAME_SEPARATORS
    for part in separators.split(text):
        if not at_spaces:
            part = "".join(_unwrapped(part).split())
        unit = part.strip("（）()。，、；：.,;:" + SPACES)
        unit = _SOURCE_LABELS.sub("", unit)
        if unit and unit not in units:
            units.append(unit)
    return units


@dataclass(frozen=True, slots=True)
class CleanBody:
    """A cleaned body and the attribution found at its end, if any."""

    body: str
    sources: list[str]
    attribution: str | None
    author: str | None = None


def normalise_paragraphs(text: str) -> list[str]:
    """Each non-empty line a paragraph, stripped of indentation and padding."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [strip_spaces(line) for line in text.split("\n") if strip_spaces(line)]


def trailing_attribution(paragraph: str) -> tuple[str, list[str]] | None:
    """Split ``……。    （市总生活部）`` into the text and its units, if it ends so."""
    match = _ATTRIBUTION_RE.match(paragraph)
    if match is None:
        return None
    units_text = match.group("units")
    if any(mark in units_text for mark in '。！？；：:"'):
        return None
    text = match.group("text")
    stands_alone = not text.strip(SPACES)
    padded = bool(match.group("pad"))
    if not (stands_alone or padded or text.rstrip(SPACES).endswith(_SENTENCE_END)):
        return None
    units = split_units(units_text)
    if not units:
        return None
    return strip_spaces(text), units


def clean_body(text: str) -> CleanBody:
    """Canonical body text; a pasted attribution at the end is taken out into ``sources``."""
    paragraphs = normalise_paragraphs(text)
    sources: list[str] = []
    attribution = author = None
    if paragraphs:
        found = trailing_attribution(paragraphs[-1])
        if found is not None:
            rest, sources = found
            author = attribution_author(paragraphs[-1][len(rest) :])
            sources = [unit for unit in sources if unit != author]
            attribution = "（" + "、".join(sources) + "）"
            paragraphs = [*paragraphs[:-1], rest] if rest else paragraphs[:-1]
    return CleanBody(join_paragraphs(paragraphs), sources, attribution, author)


def join_paragraphs(paragraphs: list[str]) -> str:
    """The file form of a body: one blank line between paragraphs, ending with a newline."""
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


@dataclass(frozen=True, slots=True)
class BadCharacter:
    """A character that cannot go into a DOCX, with its 1-based line and column."""

    char: str
    line: int
    column: int

    def describe(self) -> str:
        return f"第 {self.line} 行第 {self.column} 个字符处的控制字符 U+{ord(self.char):04X}"


def bad_characters(text: str) -> list[BadCharacter]:
    """Control characters other than tab and newline, and non-characters XML forbids."""
    found = []
    line, column = 1, 0
    for char in text:
        if char == "\n":
            line, column = line + 1, 0
            continue
        column += 1
        if char != "\t" and _forbidden(char):
            found.append(BadCharacter(char, line, column))
    return found


def _forbidden(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
    )

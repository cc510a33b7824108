"""Word list numbering: the ``1.`` or ``一、`` Word shows before a paragraph but not in its text.

python-docx has no numbering API (it gives the numbering part, not what a number looks like),
so the definitions of ``numbering.xml`` are read here with lxml: each ``w:num`` points at an
``w:abstractNum`` whose levels give the start, the format (decimal, 一二三, ①…) and the text
around the number (``%1.``, ``（%1）``). Counters run per list and level as Word's do: a level
restarts when a higher one advances.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]

from ..records import field, record

if TYPE_CHECKING:
    from docx.document import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_CHINESE = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@record(frozen=True, slots=True)
class _Level:
    start: int
    format: str
    text: str


@record(slots=True)
class Numbering:
    """The lists of one document and where each of their counters stands."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """Per ``numId``: its levels (``ilvl`` → definition), overrides applied."""
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> Numbering:
        try:
            part = document.part.numbering_part
        except (KeyError, ValueError, NotImplementedError):
            return cls()
        return cls.from_element(part.element)

    @classmethod
    def from_element(cls, root: etree._Element) -> Numbering:
        abstracts = {
            a.get(W + "abstractNumId"): _levels_of(a) for a in root.iter(W + "abstractNum")
        }
        numbering = cls()
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if num_id is None or ref is None:
                continue
            levels = dict(abstracts.get(ref.get(W + "val"), {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), -1)
                start = override.find(W + "startOverride")
                if ilvl in levels and start is not None:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(_int(start.get(W + "val"), 1), old.format, old.text)
            numbering.levels[num_id] = levels
        return numbering

    def label(self, paragraph: etree._Element, style_numbering: etree._Element | None) -> str:
        """The number Word shows before ``paragraph`` (``""`` if none, or a bullet)."""
        direct = paragraph.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = _reference(direct)
        if num_id is None and style_numbering is not None:
            num_id, ilvl = _reference(style_numbering)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl].start
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = 0
        level = levels[ilvl]
        if level.format in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl + 1):
            shown = counters[k] or (levels[k].start if k in levels else 1)
            fmt = levels[k].format if k in levels else "decimal"
            text = text.replace(f"%{k + 1}", _formatted(shown, fmt))
        return text


def _levels_of(abstract: etree._Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in abstract.iter(W + "lvl"):
        ilvl = _int(lvl.get(W + "ilvl"), -1)
        if not 0 <= ilvl < _LEVELS:
            continue
        start = lvl.find(W + "start")
        fmt = lvl.find(W + "numFmt")
        text = lvl.find(W + "lvlText")
        levels[ilvl] = _Level(
            _int(start.get(W + "val") if start is not None else None, 1),
            (fmt.get(W + "val") if fmt is not None else None) or "decimal",
            (text.get(W + "val") if text is not None else None) or "",
        )
    return levels


def _reference(numpr: etree._Element | None) -> tuple[str | None, int]:
    if numpr is None:
        return None, 0
    num_id = numpr.find(W + "numId")
    ilvl = numpr.find(W + "ilvl")
    level = _int(ilvl.get(W + "val") if ilvl is not None else None, 0)
    return (num_id.get(W + "val") if num_id is not None else None), min(max(level, 0), 8)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _formatted(number: int, fmt: str) -> str:
    """``number`` as Word writes it in the format ``fmt`` (decimal when unknown)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"):
        return chinese_number(number)
    if fmt == "ideographTraditional" and 1 <= number <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[number - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if fmt in ("lowerLetter", "upperLetter") and number >= 1:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= number < 4000:
        roman = _roman(number)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(number))
    if fmt == "decimalZero" and number < 10:
        return f"0{number}"
    return str(number)


def chinese_number(number: int) -> str:
    """``1`` → 一, ``10`` → 十, ``12`` → 十二, ``20`` → 二十, ``105`` → 一百零五."""
    if not 0 < number < 1000:
        return str(number)
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text += _CHINESE[hundreds] + "百"
        if rest and tens == 0:
            text += "零"
    if tens:
        text += ("" if tens == 1 and not hundreds else _CHINESE[tens]) + "十"
    if ones:
        text += _CHINESE[ones]
    return text


def _roman(number: int) -> str:
    values = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    text = ""
    for value, letters in values:
        while number >= value:
            text += letters
            number -= value
    return text

"""Which lines each printed page of an issue holds, as Word sets the exported DOCX (docs/layout.md
§5, §6): the page count of rule P001 and the lone 报尾 of rule P002.

``page_fit`` takes the paragraphs ``setting.set_issue`` sets (each with its lines, exact line
heights and keep rules) and fills the type area (12756 twips by default) page after page the
way Word does:

- the space before a paragraph is dropped at the top of a page;
- ``keepLines`` paragraphs (heading, title, subtitle) are never split; ``keepNext`` keeps a
  paragraph on the page of the first line the next one puts there, so a heading, its title and
  subtitle move to the next page together with the first lines of the body under them;
- widow control (the first paragraph under a title, a paragraph that ends with the
  attribution, a brief with one): never one line of it alone at a page's foot or top;
- the 报尾 is a table floating at the foot of the last page: the text of that page must end
  above it, otherwise it stands alone at the foot of a page of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..layout import LayoutSettings
from ..model import Distribution, Issue
from ..profile import Profile
from .core import CheckContext
from .linebreak import Frame, Measure, break_lines
from .setting import TWIPS, SetParagraph, set_issue

THICK_RULE = 20
"""The 报尾's first and last rules, twips (0.35 mm: 8 eighths of a point)."""
THIN_RULE = 15
"""The rules between its 报/送/发 lines, twips (0.25 mm: 6 eighths of a point)."""


@dataclass(frozen=True, slots=True)
class PageFit:
    """The printed pages: ``pages`` holds the text lines of each page (the 报尾 apart);
    ``last_used`` the twips of type area the text takes on its last page, ``area`` the type
    area's height, ``distribution_height`` the 报尾's (0 without one) and ``pitch`` a body
    line's."""

    pages: tuple[tuple[str, ...], ...]
    last_used: int
    area: int
    distribution_height: int
    pitch: int

    @property
    def text_pages(self) -> int:
        return len(self.pages)

    @property
    def lines_to_cut(self) -> int:
        """Body lines the text must lose for the 报尾 to come back under it (0: it is there)."""
        if not self.distribution_height:
            return 0
        over = self.last_used + self.distribution_height - self.area
        return max(0, math.ceil(over / self.pitch))

    @property
    def distribution_alone(self) -> bool:
        return self.lines_to_cut > 0

    @property
    def printed_pages(self) -> int:
        return self.text_pages + (1 if self.distribution_alone else 0)

    def message(self) -> str | None:
        """The clerk's warning when the 报尾 would stand alone on the last page."""
        if not self.distribution_alone:
            return None
        return (
            f"报尾将单独印在第 {self.printed_pages} 页：正文再删 {self.lines_to_cut} 行，"
            "报尾就能排在正文最后一页的下端"
        )


def estimate_pages(issue: Issue, profile: Profile, base: Path | None = None) -> int:
    """Printed pages of ``issue`` (``page_fit``), at least 1; its pictures are read relative
    to ``base`` (the issue file's folder) for their size."""
    return max(1, page_fit(issue, profile, base).printed_pages)


def estimated_pages(ctx: CheckContext) -> int:
    """The page estimate of the checked issue, worked out once per check."""
    if ctx.pages is None:
        ctx.pages = estimate_pages(ctx.issue, ctx.profile, _base(ctx))
    return ctx.pages


def _base(ctx: CheckContext) -> Path | None:
    """The folder the checked issue's pictures are relative to."""
    return ctx.path.parent if ctx.path is not None else None


def page_fit(issue: Issue, profile: Profile, base: Path | None = None) -> PageFit:
    """The pages of ``issue`` as Word sets its DOCX (pictures read relative to ``base``)."""
    layout = profile.layout
    area = layout.type_area_height
    filler = _Filler(area)
    paragraphs = set_issue(issue, profile, base)
    for index, paragraph in enumerate(paragraphs):
        need = _chain_need(paragraphs, index)
        before = 0 if filler.at_break else paragraph.before
        if filler.used and filler.used + before + need > area:
            filler.new_page()
        filler.place(paragraph)
    dist = with_distribution(issue, profile)
    height = distribution_height(dist, layout) if dist else 0
    pages = tuple(tuple(page) for page in filler.pages)
    return PageFit(pages, filler.used, area, height, layout.line_pitch)


def _first_part(paragraph: SetParagraph) -> int:
    """The least of ``paragraph`` that may stand at a page's foot (twips)."""
    count = len(paragraph.lines)
    if paragraph.keep_lines or count <= (3 if paragraph.widow_control else 1):
        return paragraph.height
    return (2 if paragraph.widow_control else 1) * paragraph.line_height


def _chain_need(paragraphs: list[SetParagraph], index: int) -> int:
    """The height ``paragraphs[index]`` needs on the current page together with what its
    keep-with-next chain brings along (the space before it not counted)."""
    need, at = 0, index
    while True:
        paragraph = paragraphs[at]
        if not paragraph.keep_next or at + 1 == len(paragraphs):
            return need + _first_part(paragraph)
        need += paragraph.height + paragraph.after + paragraphs[at + 1].before
        at += 1


@dataclass(slots=True)
class _Filler:
    """Pages being filled: the lines of each, and the twips used on the last."""

    area: int
    pages: list[list[str]]
    used: int

    def __init__(self, area: int) -> None:
        self.area, self.pages, self.used = area, [[]], 0

    @property
    def at_break(self) -> bool:
        """At the top of a page after a page break (where Word drops the space before)."""
        return self.used == 0 and len(self.pages) > 1

    def new_page(self) -> None:
        self.pages.append([])
        self.used = 0

    def place(self, paragraph: SetParagraph) -> None:
        """Put ``paragraph`` from the current position on, splitting it over pages where its
        rules let it."""
        if not self.at_break:
            self.used += paragraph.before
        lines = list(paragraph.lines)
        height = paragraph.line_height
        while lines:
            room = max(0, (self.area - self.used) // height)
            count = len(lines) if room >= len(lines) else self._split(paragraph, lines, room)
            if count == 0:
                self.new_page()
                continue
            self.pages[-1].extend(lines[:count])
            self.used += count * height
            del lines[:count]
            if lines:
                self.new_page()
        self.used = min(self.area, self.used + paragraph.after)

    def _split(self, paragraph: SetParagraph, lines: list[str], room: int) -> int:
        """How many of ``lines`` stay on this page when not all fit (0: move them all)."""
        at_top = self.used == 0
        if paragraph.keep_lines and not at_top:
            return 0
        count = room
        if paragraph.widow_control:
            count = min(room, len(lines) - 2)
            if count < 2 and len(lines) == len(paragraph.lines):
                count = 0  # no single first line at the foot (or widow at the top)
            elif count < 1:
                count = 0
        if count == 0 and at_top:
            return max(1, room)  # taller than a page: nothing better to do
        return count


def with_distribution(issue: Issue, profile: Profile) -> Distribution | None:
    """The 报尾 export prints: the issue's own, else the profile's; None when empty."""
    dist = issue.distribution if issue.distribution is not None else profile.distribution
    return None if dist is None or dist.is_empty else dist


def distribution_lines(dist: Distribution, layout: LayoutSettings) -> list[str]:
    """The 报尾's lines as set: 四号, 报/送/发 1 字 in with continuation lines after the
    colon, 1 字 kept free on the right; the 共印 line."""
    one = layout.size_distribution
    width = layout.type_area_width / TWIPS
    frame = Frame(width - 4 * one, -2 * one)  # left 3 字, hanging 2 字, right 1 字
    lines: list[str] = []
    for label, names in (("报", dist.report), ("送", dist.send), ("发", dist.distribute)):
        if names:
            text = f"{label}：" + "，".join(names)
            if not text.endswith("。"):
                text += "。"
            lines += break_lines(text, Measure(one), frame)
    if dist.copies is not None:
        lines.append(f"（共印{dist.copies}份）")
    return lines


def distribution_height(dist: Distribution, layout: LayoutSettings) -> int:
    """The 报尾 table's height in twips: its lines on the body pitch, a thick rule above and
    below, a thin one between the 报/送/发 rows."""
    rows = sum(1 for names in (dist.report, dist.send, dist.distribute) if names)
    lines = len(distribution_lines(dist, layout))
    return lines * layout.line_pitch + 2 * THICK_RULE + max(0, rows - 1) * THIN_RULE

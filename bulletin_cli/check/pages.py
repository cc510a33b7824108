"""How many printed pages an issue takes on the 22 × 28 grid (docs/layout.md §1, §3, §5).

``page_fit`` breaks the issue into pages the way the exported DOCX is set: the masthead block
on page 1, section headings, titles as ``export/titles.py`` breaks them, subtitles, body
paragraphs (28 characters a line after the 2-character indent; Latin letters and digits count
half; a closing mark hangs in the margin rather than standing alone), the attribution line,
the keep rules (a heading or title with two lines of its body, widow and orphan control where
the writer sets it) and the 报尾 at the foot of the last page, or alone on a page of its own
when it does not fit. ``estimate_pages`` is its page count; ``estimate_lines`` is the older,
rougher count of grid lines, kept for callers that want the total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..layout import LayoutSettings
from ..model import Article, Distribution, Issue, format_sources, split_paragraphs
from ..profile import Profile
from .core import CheckContext

MASTHEAD_LINES = 10.0
"""35 mm top, the red name in 初号, a blank line, 期号, unit and date, the red rule, 2 blanks."""
TITLE_CHARS_PER_LINE = 18
TITLE_LINE_HEIGHT = 1.5
DISTRIBUTION_LINES = 6.0
PARAGRAPH_INDENT = 2


def text_width(text: str) -> float:
    """Width in full-width character cells: ASCII letters, digits and spaces count half."""
    breaks = text.count("\n") + text.count("\r")
    ascii_count = len(text.encode("ascii", "ignore")) - breaks
    return (len(text) - breaks - ascii_count) + 0.5 * ascii_count


def _lines(width: float, per_line: int) -> int:
    return max(1, math.ceil(width / per_line)) if width > 0 else 0


def export_order(issue: Issue, profile: Profile) -> list[tuple[str, list[Article]]]:
    """Sections as export prints them: catalogue order (then first appearance for sections
    outside the catalogue), file order within each section."""
    groups: dict[str, list[Article]] = {}
    for article in issue.articles:
        groups.setdefault(article.section, []).append(article)
    rank = {name: index for index, name in enumerate(profile.sections)}
    names = sorted(groups, key=lambda name: rank.get(name, len(rank)))
    return [(name, groups[name]) for name in names]


def article_lines(article: Article, profile: Profile, per_line: int = 28) -> float:
    """Grid lines one article takes (without its section heading), ``per_line`` characters
    a line."""
    if article.section in profile.briefs and not article.title.strip():
        text = "".join(article.paragraphs) + format_sources(article.sources)
        return float(_lines(text_width(text) + PARAGRAPH_INDENT, per_line))
    lines = 0.0
    if article.title.strip():
        lines += _lines(text_width(article.title), TITLE_CHARS_PER_LINE) * TITLE_LINE_HEIGHT
    if article.subtitle:
        lines += _lines(text_width("——" + article.subtitle), per_line)
    for paragraph in article.paragraphs:
        lines += _lines(text_width(paragraph) + PARAGRAPH_INDENT, per_line)
    if article.sources:
        lines += 1
    return lines


def estimate_lines(issue: Issue, profile: Profile) -> float:
    """Grid lines of the whole issue, masthead and 报尾 included."""
    per_line = profile.layout.chars_per_line
    lines = MASTHEAD_LINES
    if issue.note:
        lines += _lines(text_width("编者按：" + issue.note) + PARAGRAPH_INDENT, per_line)
    for number, (_name, articles) in enumerate(export_order(issue, profile)):
        lines += 1 if number == 0 else 2  # heading, and a blank line before all but the first
        lines += sum(article_lines(article, profile, per_line) for article in articles)
    distribution = issue.distribution or profile.distribution
    if distribution is not None and not distribution.is_empty:
        lines += DISTRIBUTION_LINES
    return lines


def estimate_pages(issue: Issue, profile: Profile, base: Path | None = None) -> int:
    """Printed pages of ``issue`` as export breaks them (``page_fit``: keep rules, titles as
    broken, the 报尾 on a page of its own when it does not fit), at least 1; pictures are read
    relative to ``base`` (the issue file's folder) for their size."""
    return max(1, page_fit(issue, profile, base).printed_pages)


# -- the pages as export sets them: where the text ends, and whether the 报尾 follows it ------

MASTHEAD_SLOTS = 11
"""Grid lines the masthead block takes on page 1 (measured on rendered pages: the first section
heading sits on line 12)."""


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph as the page breaker sees it: grid lines, keep rules, a blank line before."""

    lines: int
    keep_next: bool = False
    widow: bool = False  # widow/orphan control: two lines at least on each side of a break
    whole: bool = False  # never split (headings, titles)
    blank_before: bool = False


@dataclass(frozen=True, slots=True)
class PageFit:
    """Where the exported text ends and whether the 报尾 fits under it.

    ``last_lines``: grid lines the text uses on its last page; ``distribution_lines``: lines
    of the 报尾 (0 without one); ``lines_to_cut``: how many lines the text must lose for the
    报尾 to come back onto the text's last page (0 when it is there already)."""

    pages: int
    last_lines: int
    distribution_lines: int
    lines_per_page: int

    @property
    def distribution_alone(self) -> bool:
        return self.lines_to_cut > 0

    @property
    def lines_to_cut(self) -> int:
        if not self.distribution_lines:
            return 0
        # the table's rules and the closing paragraph need a little more than its lines: one more
        return max(0, self.last_lines + self.distribution_lines + 1 - self.lines_per_page)

    @property
    def printed_pages(self) -> int:
        return self.pages + (1 if self.distribution_alone else 0)

    def message(self) -> str | None:
        """The clerk's warning when the 报尾 would stand alone on the last page."""
        if not self.distribution_alone:
            return None
        return (
            f"报尾将单独印在第 {self.printed_pages} 页：正文再删 {self.lines_to_cut} 行，"
            "报尾就能排在正文最后一页的下端"
        )


def page_fit(issue: Issue, profile: Profile, base: Path | None = None) -> PageFit:
    """Break ``issue`` into pages as the exported DOCX does: 22 lines a page, 28 characters a
    line, the title kept with two lines of its body, widow and orphan control where the writer
    sets it, the 报尾 at the foot of the last page."""
    layout = profile.layout
    per_page = layout.lines_per_page
    from .figures import contents_lines

    page, used = 1, MASTHEAD_SLOTS + contents_lines(issue, profile)
    blocks = _blocks(issue, profile, base)
    for index, block in enumerate(blocks):
        if block.keep_next:
            continue  # placed with the block it keeps with
        group = _keep_group(blocks, index)
        need = sum(b.lines for b in group) + (1 if group and group[0].blank_before and used else 0)
        if group:  # the title or heading comes with two lines of a paragraph under it
            need += block.lines if block.whole else min(2 if block.widow else 1, block.lines)
        if group and used and used + need > per_page:
            page, used = page + 1, 0
        for kept in group:
            used += kept.lines + (1 if kept.blank_before and used else 0)
        page, used = _place(block, page, used, per_page, after_keep=bool(group))
    dist = with_distribution(issue, profile)
    return PageFit(page, used, distribution_lines(dist, layout) if dist else 0, per_page)


def _keep_group(blocks: list[_Block], index: int) -> list[_Block]:
    """The keep-with-next blocks right before ``blocks[index]``."""
    start = index
    while start > 0 and blocks[start - 1].keep_next:
        start -= 1
    return blocks[start:index]


def _place(
    block: _Block, page: int, used: int, per_page: int, *, after_keep: bool
) -> tuple[int, int]:
    """Put ``block`` on the pages from ``used`` lines of ``page`` on; returns where it ends."""
    if block.blank_before and used and not after_keep:
        used += 1
    if used >= per_page:
        page, used = page + 1, 0
    lines = block.lines
    while used + lines > per_page:
        room = per_page - used
        if block.whole or (block.widow and (room < 2 or lines - room < 1)):
            if used == 0:
                return page, used + lines  # longer than a page: nothing better to do
            page, used = page + 1, 0
            continue
        if block.widow and lines - room < 2:
            room -= 1  # leave two lines for the next page
            if room < 2:
                page, used = page + 1, 0
                continue
        lines -= room
        page, used = page + 1, 0
    return page, used + lines


def _blocks(issue: Issue, profile: Profile, base: Path | None = None) -> list[_Block]:
    from ..export.titles import break_title, line_capacity
    from .figures import contents_lines

    layout = profile.layout
    per_line = layout.chars_per_line
    width = layout.type_area_width
    blocks: list[_Block] = []
    if issue.note:
        for text in split_paragraphs(issue.note):
            blocks.append(
                _Block(_lines(text_width("编者按：" + text) + PARAGRAPH_INDENT, per_line))
            )
    first = not issue.note and not contents_lines(issue, profile)
    briefs = set(profile.briefs)
    for _name, articles in export_order(issue, profile):
        blocks.append(_Block(1, keep_next=True, whole=True, blank_before=not first))
        first = False
        for number, article in enumerate(articles):
            if article.section in briefs:
                blocks.append(_brief_block(article, per_line))
                continue
            title = break_title(article.title, line_capacity(width, layout.size_title))
            if title:
                blocks.append(_Block(len(title), True, whole=True, blank_before=number > 0))
            if article.subtitle and article.subtitle.strip():
                sub = break_title(article.subtitle, line_capacity(width, layout.size_subtitle))
                blocks.append(_Block(len(sub), keep_next=True, whole=True))
            blocks.extend(_note_blocks(article, per_line))
            body = _body_blocks(article, per_line, under_title=bool(title))
            if article.pictures or article.tables:
                body = _with_figures(article, body, layout, base)
            blocks.extend(body)
    return blocks


def _note_blocks(article: Article, per_line: int) -> list[_Block]:
    """The article's 编者按: kept with what follows, as the writer sets it."""
    from .figures import note_lines

    return [_Block(lines, keep_next=True) for lines in note_lines(article.note, per_line)]


def _with_figures(
    article: Article, body: list[_Block], layout: LayoutSettings, base: Path | None
) -> list[_Block]:
    """The body's blocks with the pictures and tables placed after their paragraphs: the
    paragraph before keeps with a picture (picture and caption never split); figures after the
    last paragraph come before the attribution, which then stands on its own line."""
    from .figures import figure_lines

    count = len(split_paragraphs(article.body))
    figures = figure_lines(article, layout, base)
    if not figures:
        return body
    tail = any(figure.slot >= count - 1 for figure in figures)
    blocks = list(body)
    if article.sources and count and tail:  # the attribution leaves the last paragraph
        last = blocks[count - 1]
        blocks[count - 1] = _Block(last.lines - 1, widow=count == 1)
    result: list[_Block] = []
    for index, block in enumerate(blocks[:count] if count else []):
        after = [figure for figure in figures if figure.slot == index]
        keep = bool(after) and after[0].picture
        result.append(_Block(block.lines, keep_next=keep, widow=block.widow))
        result.extend(
            _Block(figure.lines, whole=figure.picture, widow=not figure.picture) for figure in after
        )
    if not count:
        result.extend(_Block(f.lines, whole=f.picture, widow=not f.picture) for f in figures)
    if article.sources and (tail or not count):
        result.append(_Block(1))
    return result


_HANGING = frozenset("。，、；：！？”’）》")


def paragraph_lines(text: str, per_line: int) -> int:
    """Lines of a body paragraph (first line 2 字 in); a closing mark that would be alone on
    the last line hangs in the margin of the line before, as Word and LibreOffice set it."""
    width = text_width(text) + PARAGRAPH_INDENT
    lines = _lines(width, per_line)
    if lines > 1 and width - (lines - 1) * per_line <= 1 and text[-1:] in _HANGING:
        lines -= 1
    return lines


def _body_blocks(article: Article, per_line: int, *, under_title: bool) -> list[_Block]:
    paragraphs = split_paragraphs(article.body)
    blocks = [
        _Block(paragraph_lines(text, per_line), widow=under_title and i == 0)
        for i, text in enumerate(paragraphs)
    ]
    if article.sources:
        if blocks:  # the attribution is the last line of the last paragraph, widow control on
            blocks[-1] = _Block(blocks[-1].lines + 1, widow=True)
        else:
            blocks.append(_Block(1))
    return blocks


def _brief_block(article: Article, per_line: int) -> _Block:
    lead = article.title.strip()
    text = (lead + "　" if lead and article.body.strip() else lead) + "".join(
        split_paragraphs(article.body)
    )
    lines = _lines(text_width(text) + PARAGRAPH_INDENT, per_line)
    if not article.sources:
        return _Block(lines)
    attribution = format_sources(article.sources)
    used = (PARAGRAPH_INDENT + text_width(text)) % per_line
    fits = used != 0 and used + 1 + text_width(attribution) <= per_line - 1
    return _Block(lines + (0 if fits else 1), widow=True)


def with_distribution(issue: Issue, profile: Profile) -> Distribution | None:
    """The 报尾 export prints: the issue's own, else the profile's; None when empty."""
    dist = issue.distribution if issue.distribution is not None else profile.distribution
    return None if dist is None or dist.is_empty else dist


def distribution_lines(dist: Distribution, layout: LayoutSettings) -> int:
    """Grid lines of the 报尾: its 报/送/发 lines in 四号 (1 字 in each side, continuation lines
    after the colon) and the 共印 line."""
    size = layout.size_distribution
    first = layout.type_area_width / 20 / size - 2  # 1 字 in on each side
    after = first - 2  # continuation lines start after "报："
    lines = 0
    for names in (dist.report, dist.send, dist.distribute):
        if names:
            width = text_width("报：" + "，".join(names) + "。")
            lines += 1 if width <= first else 1 + math.ceil((width - first) / after)
    return lines + (1 if dist.copies is not None else 0)


def estimated_pages(ctx: CheckContext) -> int:
    """The page estimate of the checked issue, worked out once per check."""
    if ctx.pages is None:
        base = ctx.path.parent if ctx.path is not None else None
        ctx.pages = estimate_pages(ctx.issue, ctx.profile, base)
    return ctx.pages

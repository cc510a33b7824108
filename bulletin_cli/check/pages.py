"""How many printed pages an issue takes on the 22 × 28 grid (docs/layout.md §1): an estimate.

The estimate counts grid lines the way the exported DOCX spends them: the masthead block on
page 1, a heading per section, titles in 二号 (about 18 characters a line, each line about one
and a half grid lines), subtitles, body paragraphs (28 characters a line after the 2-character
indent; Latin letters and digits count half), the attribution line, and the 报尾 block. It
ignores keep-with-next page breaks, so a real issue may run a little longer.
"""

from __future__ import annotations

import math

from ..model import Article, Issue, format_sources
from ..profile import Profile

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


def estimate_pages(issue: Issue, profile: Profile) -> int:
    """Estimated printed pages of ``issue`` on the profile's grid (at least 1)."""
    per_page = max(1, profile.layout.lines_per_page)
    return max(1, math.ceil(estimate_lines(issue, profile) / per_page))

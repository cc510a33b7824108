"""An issue as the exported DOCX sets it: every paragraph with its lines and its keep rules.

``set_issue`` walks the issue in the writer's order (``export/writer.py``): the masthead, the
编者按, each section's heading and articles (title as ``export/titles.py`` breaks it, subtitle,
body paragraphs, the attribution) or briefs. Each paragraph's lines come from ``linebreak``
with the faces, sizes, indents and condensing of its style (``export/styles.py``); its height
from the style's exact line spacing and the space before it. ``pages`` breaks the result into
pages. Nothing here imports the DOCX machinery beyond the writer's pure helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..export.styles import Geometry, exact_line
from ..export.titles import break_title, line_capacity
from ..export.writer import (
    attribution_fits,
    flow,
    masthead_size,
    ordered_sections,
    with_profile_defaults,
)
from ..layout import LayoutSettings
from ..model import Article, Issue, format_date, format_sources, split_paragraphs
from ..profile import Profile
from .linebreak import Frame, Measure, break_lines, break_runs
from .metrics import face_kind

TWIPS = 20
"""Twips a point."""


@dataclass(frozen=True, slots=True)
class SetParagraph:
    """A paragraph as set: its lines, the height of each (twips), the space before and after
    it (twips; the space before is dropped at the top of a page, as Word does after a page
    break it made itself) and the keep rules of its style."""

    kind: str
    lines: tuple[str, ...]
    line_height: int
    before: int = 0
    after: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    widow_control: bool = False

    @property
    def height(self) -> int:
        return len(self.lines) * self.line_height


@dataclass(frozen=True, slots=True)
class _Styles:
    """The measures and frames of the paragraph styles of one layout."""

    layout: LayoutSettings
    g: Geometry

    @property
    def width(self) -> float:
        return self.g.width / TWIPS

    def measure(self, face: str, size: float | None = None, *, condensed: bool = False) -> Measure:
        """Characters of ``face`` at ``size`` (the body size if None), condensed as the body."""
        spacing = self.layout.body_condense / TWIPS if condensed else 0.0
        return Measure(self.layout.size_body if size is None else size, spacing, face_kind(face))

    def body_measure(self) -> Measure:
        return self.measure(self.layout.face_body, condensed=True)

    def indented(self, tab: bool = False) -> Frame:
        """First line 2 字 in; a right tab stop 1 字 from the right edge."""
        stop = (self.g.width - self.g.char) / TWIPS if tab else None
        return Frame(self.width, 2 * self.g.char / TWIPS, stop)

    def lines(self, text: str, face: str, size: float) -> tuple[str, ...]:
        """Lines of a paragraph without indents, in ``face`` at ``size``."""
        return tuple(break_lines(text, self.measure(face, size), Frame(self.width)))


def set_issue(issue: Issue, profile: Profile, base: Path | None = None) -> list[SetParagraph]:
    """Every paragraph of the exported issue, in order (the 报尾 table apart); pictures are
    read relative to ``base`` (the issue file's folder) for their size."""
    from .figures import contents_paragraph, with_figures

    issue = with_profile_defaults(issue, profile)
    layout = profile.layout
    styles = _Styles(layout, Geometry.of(layout))
    paragraphs = list(_masthead(issue, styles))
    box = contents_paragraph(issue, profile)
    paragraphs += box
    paragraphs += _note(issue, styles)
    briefs = set(profile.briefs)
    first = not issue.note and not box
    for name, articles in ordered_sections(issue, profile):
        heading = styles.lines(f"【{name}】", layout.face_heading, layout.size_heading)
        before = 0 if first else styles.g.pitch
        paragraphs.append(
            SetParagraph(
                "heading", heading, styles.g.pitch, before, keep_next=True, keep_lines=True
            )
        )
        first = False
        for index, article in enumerate(articles):
            if name in briefs:
                paragraphs.append(_brief(article, styles))
            elif article.pictures or article.tables or article.note:
                paragraphs += with_figures(article, styles, spaced=index > 0, base=base)
            else:
                paragraphs += _article(article, styles, spaced=index > 0)
    return paragraphs


def _masthead(issue: Issue, styles: _Styles) -> list[SetParagraph]:
    layout, g = styles.layout, styles.g
    paragraphs: list[SetParagraph] = []
    top = round(layout.masthead_top_mm * 1440 / 25.4)
    if issue.mark:
        paragraphs.append(
            SetParagraph(
                "mark",
                styles.lines(issue.mark, layout.face_mark, layout.size_body),
                g.pitch,
                keep_next=True,
            )
        )
        top = max(0, top - g.pitch)
    names = break_title(issue.name or "", float("inf")) or [""]
    size = min(masthead_size(name, layout) for name in names)
    paragraphs.append(SetParagraph("masthead", tuple(names), exact_line(size), top, keep_next=True))
    number = f"{issue.kind or ''}第{issue.number}期"
    if issue.total is not None:
        number += f"（总第{issue.total}期）"
    paragraphs.append(
        SetParagraph("masthead", (number,), g.pitch, g.pitch, keep_next=True, keep_lines=True)
    )
    editor = issue.editor or ""
    if editor and not editor.endswith("编"):
        editor += "编"
    date = format_date(issue.date) if issue.date else ""
    rule = g.rule_space_pt * TWIPS + round(g.rule_eighths * TWIPS / 8)
    paragraphs.append(
        SetParagraph("masthead", (f"{editor}\t{date}",), g.pitch, 0, rule + 2 * g.pitch)
    )
    return paragraphs


def _note(issue: Issue, styles: _Styles) -> list[SetParagraph]:
    if not issue.note:
        return []
    paragraphs: list[SetParagraph] = []
    label = styles.measure(styles.layout.face_heading, condensed=True)  # the style's spacing
    measure = styles.measure(styles.layout.face_kai, condensed=True)
    for index, text in enumerate(split_paragraphs(issue.note)):
        runs = [("编者按：" if index == 0 else "", label), (flow(text), measure)]
        lines = break_runs(runs, styles.indented())
        paragraphs.append(SetParagraph("note", tuple(lines), styles.g.pitch))
    return paragraphs


def _article(article: Article, styles: _Styles, *, spaced: bool) -> list[SetParagraph]:
    layout, g = styles.layout, styles.g
    paragraphs: list[SetParagraph] = []
    title = break_title(article.title, line_capacity(g.width, layout.size_title))
    if title:
        lines = styles.lines("\n".join(title), layout.face_title, layout.size_title)
        before = g.pitch if spaced else 0
        paragraphs.append(
            SetParagraph("title", lines, g.title_line, before, keep_next=True, keep_lines=True)
        )
    if article.subtitle and article.subtitle.strip():
        subtitle = article.subtitle.strip()
        if not subtitle.startswith("——"):
            subtitle = "——" + subtitle
        broken = break_title(subtitle, line_capacity(g.width, layout.size_subtitle))
        lines = styles.lines("\n".join(broken), layout.face_kai, layout.size_subtitle)
        paragraphs.append(SetParagraph("subtitle", lines, g.pitch, keep_next=True, keep_lines=True))
    texts = [flow(text) for text in split_paragraphs(article.body)]
    attribution = format_sources(article.sources) if article.sources else ""
    measure, kai = styles.body_measure(), styles.measure(layout.face_kai, condensed=True)
    own_line = layout.attribution_position != "end_of_paragraph"
    for index, text in enumerate(texts):
        runs = [(text, measure)]
        last = index == len(texts) - 1
        # as the writer sets it: orphan control under the title, and on the paragraph that
        # carries the attribution on a line of its own
        widow = index == 0 and bool(title) and not last
        if last and attribution:
            runs.append((("\n\t" if own_line else "") + attribution, kai))
            widow = own_line
        body = tuple(break_runs(runs, styles.indented(own_line and len(runs) > 1)))
        paragraphs.append(SetParagraph("body", body, g.pitch, widow_control=widow))
    if not texts and attribution:
        paragraphs.append(SetParagraph("attribution", (attribution,), g.pitch))
    return paragraphs


def _brief(article: Article, styles: _Styles) -> SetParagraph:
    layout = styles.layout
    parts = [flow(text) for text in split_paragraphs(article.body)]
    title = flow(article.title.strip())
    lead = title + "　" if title and parts else title
    text = "".join(parts)
    runs = [(lead, styles.measure(layout.face_brief_lead, condensed=True))]
    runs.append((text, styles.body_measure()))
    attribution = format_sources(article.sources) if article.sources else ""
    if attribution:
        fits = attribution_fits(lead + text, attribution, layout.chars_per_line)
        tail = ("\t" if fits else "\n\t") + attribution
        runs.append((tail, styles.measure(layout.face_kai, condensed=True)))
    lines = tuple(break_runs(runs, styles.indented(bool(attribution))))
    return SetParagraph("brief", lines, styles.g.pitch, widow_control=bool(attribution))

"""Build the DOCX of an issue: masthead, sections, articles, 报尾, in the official layout.

``build_docx`` turns an ``Issue`` and a ``Profile`` into bytes (the service in
``bulletin_cli.api`` checks, refuses and writes them). The document XML is generated directly
as strings (see ``ooxml``) into a lean package prepared once per layout (see ``package``), so a
batch export costs a few milliseconds an issue and memory stays proportional to one document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path

from ..issuefile.store import atomic_write
from ..layout import LayoutSettings
from ..model import Article, Distribution, Issue, format_date, format_sources, split_paragraphs
from ..profile import DEFAULT_PROFILE, Profile
from ..records import field, record, replace
from .contents import contents_xml, wants_contents
from .ooxml import (
    R_NS,
    W_NS,
    XML_DECL,
    Border,
    Fonts,
    ind,
    mm_to_twips,
    needs_east_asian_hint,
    paragraph,
    ppr,
    rpr,
    ruled_box_start,
    run,
    split_ambiguous,
)
from .package import FIXED_DATE, MediaPart, core_xml, package_bytes, section_xml
from .pictures import Media, collect_media, picture_paragraphs, placed
from .styles import (
    DISTRIBUTION_RULE_COLOR,
    DISTRIBUTION_THICK_RULE,
    DISTRIBUTION_THIN_RULE,
    Geometry,
    exact_line,
)
from .titles import break_title, line_capacity, text_width

ATTRIBUTION_RUN_STYLE = "BulletinAttributionChar"
PARAGRAPH_INDENT = 2
DISTRIBUTION_LABELS = (("report", "报"), ("send", "送"), ("distribute", "发"))
_LATIN_PAIR = re.compile(r"[A-Za-z0-9,.;:!?]$")


def with_profile_defaults(issue: Issue, profile: Profile) -> Issue:
    """A copy of ``issue`` with name, editor, mark and 报尾 taken from the profile if missing."""
    return replace(
        issue,
        name=issue.name or profile.name,
        editor=issue.editor or profile.editor,
        mark=issue.mark if issue.mark is not None else (profile.mark or None),
        distribution=issue.distribution if issue.distribution is not None else profile.distribution,
    )


def ordered_sections(issue: Issue, profile: Profile) -> list[tuple[str, list[Article]]]:
    """Sections in catalogue order (unknown ones after, as first met), articles in file order."""
    groups: dict[str, list[Article]] = {}
    for article in issue.articles:
        groups.setdefault(article.section, []).append(article)
    order = [name for name in profile.sections if name in groups]
    order += [name for name in groups if name not in profile.sections]
    return [(name, groups[name]) for name in order]


def flow(text: str) -> str:
    """A paragraph's text on one line: line breaks inside it joined (a space between words)."""
    if "\r" in text:  # a lone carriage return is a line break too (XML would make it one)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        return text
    lines = text.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        if _LATIN_PAIR.search(joined) and line[:1].isascii() and line[:1].isalnum():
            joined += " "
        joined += line
    return joined


def _text_run(
    text: str,
    face: str,
    *,
    style: str | None = None,
    size: float | None = None,
    fonts: Fonts | None = None,
    bold: bool = False,
) -> str:
    """Runs of ``text`` in the paragraph style's faces, ``face`` being its Chinese face (or
    ``fonts``'s when given). The weak punctuation (“ ” ‘ ’ — … and the like) gets runs of its
    own with ``face`` in all four slots and ``w:hint="eastAsia"``: Word chooses their slot by
    the hint, LibreOffice by the neighbouring characters (the Latin one next to digits), and
    either way the mark is set full width in the Chinese face, never in Times New Roman."""
    plain = rpr(style=style, fonts=fonts, bold=bold, size_pt=size)
    if not needs_east_asian_hint(text):
        return run(text, plain)
    chinese = Fonts.chinese(fonts.east_asia if fonts is not None else face)
    wide = rpr(style=style, fonts=chinese, hint=True, bold=bold, size_pt=size)
    runs: list[str] = []
    for index, part in enumerate(split_ambiguous(text)):
        if part:
            runs.append(run(part, wide if index % 2 else plain))
    return "".join(runs)


@record(frozen=True, slots=True)
class _Writer:
    issue: Issue
    profile: Profile
    layout: LayoutSettings
    g: Geometry
    media: Media = field(default_factory=Media)
    drawings: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def brief_lead_fonts(self) -> Fonts:
        return Fonts(east_asia=self.layout.face_brief_lead, latin=self.layout.face_latin)

    def body_run(self, text: str) -> str:
        return _text_run(text, self.layout.face_body)

    def attribution_run(self, text: str) -> str:
        return _text_run(text, self.layout.face_kai, style=ATTRIBUTION_RUN_STYLE)

    # -- masthead -------------------------------------------------------------------------
    def masthead(self) -> Iterator[str]:
        issue, layout, g = self.issue, self.layout, self.g
        top = mm_to_twips(layout.masthead_top_mm)
        if issue.mark:
            yield paragraph(ppr(style="BulletinMark"), _text_run(issue.mark, layout.face_mark))
            top = max(0, top - g.pitch)
        # the name stays on one line (set smaller if need be) unless the clerk broke it
        names = break_title(issue.name or "", math.inf) or [""]
        size = min(masthead_size(name, layout) for name in names)
        shrunk = size if size != layout.size_masthead else None
        line = exact_line(size)
        yield paragraph(
            ppr(style="BulletinMasthead", before=top, line=line),
            _text_run("\n".join(names), layout.face_masthead, size=shrunk),
        )
        number = f"{issue.kind or ''}第{issue.number}期"
        if issue.total is not None:
            number += f"（总第{issue.total}期）"
        yield paragraph(ppr(style="BulletinIssueNumber"), _text_run(number, layout.face_kai))
        editor = issue.editor or ""
        if editor and not editor.endswith("编"):
            editor += "编"
        date = format_date(issue.date) if issue.date else ""
        yield paragraph(
            ppr(style="BulletinDateLine"), _text_run(f"{editor}\t{date}", layout.face_body)
        )

    def note(self) -> Iterator[str]:
        if not self.issue.note:
            return
        for index, text in enumerate(split_paragraphs(self.issue.note)):
            label = run("编者按：", rpr(style="BulletinNoteLabel")) if index == 0 else ""
            yield paragraph(
                ppr(style="BulletinNote"), label + _text_run(flow(text), self.layout.face_kai)
            )

    # -- body -----------------------------------------------------------------------------
    def contents(self) -> Iterator[str]:
        """The 本期要目 box under the red rule, when the issue (or the profile) asks for it."""
        if wants_contents(self.issue, self.profile) and self.issue.articles:
            sections = ordered_sections(self.issue, self.profile)
            yield contents_xml(sections, set(self.profile.briefs), self.layout, _text_run)

    def sections(self) -> Iterator[str]:
        briefs = set(self.profile.briefs)
        boxed = wants_contents(self.issue, self.profile) and bool(self.issue.articles)
        first = not self.issue.note and not boxed
        for name, articles in ordered_sections(self.issue, self.profile):
            before = None if first else self.g.pitch
            first = False
            yield paragraph(
                ppr(style="BulletinSection", before=before),
                _text_run(f"【{name}】", self.layout.face_heading),
            )
            for index, article in enumerate(articles):
                if name in briefs:
                    yield self.brief(article)
                else:
                    yield from self.article(article, spaced=index > 0)

    def article(self, article: Article, *, spaced: bool) -> Iterator[str]:
        g, layout = self.g, self.layout
        title = break_title(article.title, line_capacity(g.width, layout.size_title))
        if title:
            yield paragraph(
                ppr(style="BulletinTitle", before=g.pitch if spaced else None),
                _text_run("\n".join(title), layout.face_title),
            )
        if article.subtitle and article.subtitle.strip():
            subtitle = article.subtitle.strip()
            if not subtitle.startswith("——"):
                subtitle = "——" + subtitle
            lines = break_title(subtitle, line_capacity(g.width, layout.size_subtitle))
            yield paragraph(
                ppr(style="BulletinSubtitle"), _text_run("\n".join(lines), layout.face_kai)
            )
        yield from self.article_note(article)
        paragraphs = [flow(text) for text in split_paragraphs(article.body)]
        attribution = format_sources(article.sources) if article.sources else ""
        slots = placed(article, len(paragraphs)) if article.pictures or article.tables else {}
        slots = placed(article, len(paragraphs)) if article.pictures or article.tables else {}
        for index, text in enumerate(paragraphs[:-1]):
            # the first paragraph under a title keeps two lines with it (orphan control) and
            # may still be split across pages (docs/layout.md §5)
            first = index == 0 and bool(title)
            figures = slots.get(index, [])
            props = ppr(style="BulletinBody", keep_next=bool(figures) or None,
                        widow_control=first or None)  # fmt: skip
            yield paragraph(props, self.body_run(text))
            yield from self.figures(article, figures)
        tail = slots.get(max(0, len(paragraphs) - 1), [])
        if paragraphs and not tail:
            yield self.last_paragraph("BulletinBody", paragraphs[-1], attribution)
            return
        if paragraphs:  # the figures after the last paragraph come before the attribution
            props = ppr(style="BulletinBody", keep_next=True, widow_control=len(paragraphs) == 1)
            yield paragraph(props, self.body_run(paragraphs[-1]))
        yield from self.figures(article, tail)
        if attribution:
            yield paragraph(ppr(style="BulletinAttribution"), self.attribution_run(attribution))

    def article_note(self, article: Article) -> Iterator[str]:
        """The article's 编者按, between its title and its body: 「编者按：」 then the text."""
        if not article.note or not article.note.strip():
            return
        for index, text in enumerate(split_paragraphs(article.note)):
            label = run("编者按：", rpr(style="BulletinNoteLabel")) if index == 0 else ""
            props = ppr(style="BulletinNote", keep_next=True)
            yield paragraph(props, label + _text_run(flow(text), self.layout.face_kai))

    def figures(self, article: Article, figures: list[tuple[str, int]]) -> Iterator[str]:
        """The pictures and tables placed after one paragraph (see ``pictures.placed``)."""
        from .tables import table_xml

        for kind, index in figures:
            if kind == "picture":
                picture = article.pictures[index]
                medium = self.media.get(picture)
                if medium is None:  # missing or unreadable: check reports it (G001)
                    continue
                caption = _text_run(flow((picture.caption or "").strip()), self.layout.face_caption)
                yield from picture_paragraphs(
                    picture, medium, self.layout, next(self.drawings), caption
                )
            else:
                yield from table_xml(article.tables[index], self.layout, self.cell_runs)

    def cell_runs(self, text: str, *, bold: bool = False, caption: bool = False) -> str:
        """The runs of a table cell's (or a table caption's) text, in its paragraph's face."""
        face = self.layout.face_caption if caption else self.layout.face_body
        return _text_run(flow(text), face, bold=bold)

    def last_paragraph(self, style: str, text: str, attribution: str) -> str:
        """The last paragraph of an article, carrying its attribution (docs/layout.md §5).

        ``own_line``: after a line break, at a right tab stop 1 字 from the right edge; widow
        control on for this paragraph alone keeps the attribution from starting a page.
        ``end_of_paragraph``: straight after the text."""
        body = self.body_run(text)
        if not attribution:
            return paragraph(ppr(style=style), body)
        if self.layout.attribution_position == "end_of_paragraph":
            tail = self.attribution_run(attribution)
            return paragraph(ppr(style=style), body + tail)
        stop = [("right", self.g.width - self.g.char)]
        return paragraph(
            ppr(style=style, widow_control=True, tabs=stop),
            body + self.attribution_run("\n\t" + attribution),
        )

    def brief(self, article: Article) -> str:
        """One paragraph: the lead words (the brief's title) in their own face, the text, and
        the attribution flush right on the last line when it fits there, otherwise flush right
        on a line of its own (never wrapped to the left margin)."""
        parts = [flow(text) for text in split_paragraphs(article.body)]
        title = flow(article.title.strip())
        lead = title + "　" if title and parts else title
        text = "".join(parts)
        content = _text_run(lead, "", fonts=self.brief_lead_fonts) if lead else ""
        content += self.body_run(text)
        attribution = format_sources(article.sources) if article.sources else ""
        if not attribution:
            return paragraph(ppr(style="BulletinBrief"), content)
        stop = [("right", self.g.width - self.g.char)]
        fits = attribution_fits(lead + text, attribution, self.layout.chars_per_line)
        tail = ("\t" if fits else "\n\t") + attribution
        return paragraph(
            ppr(style="BulletinBrief", widow_control=True, tabs=stop),
            content + self.attribution_run(tail),
        )

    # -- 报尾 -----------------------------------------------------------------------------
    def distribution(self) -> Iterator[str]:
        dist = self.issue.distribution
        if dist is None or dist.is_empty:
            return
        yield distribution_table(dist, self.layout)
        # the tiny paragraph that ends the document (a body must end with a paragraph)
        yield paragraph(
            ppr(snap_to_grid=False, before=0, after=0, line=20, ind=ind(), run=rpr(size_pt=1)),
            "",
        )

    def chunks(self) -> Iterator[str]:
        yield XML_DECL + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        yield from self.masthead()
        yield from self.contents()
        yield from self.note()
        yield from self.sections()
        yield from self.distribution()
        yield section_xml(self.layout) + "</w:body></w:document>"


def attribution_fits(text: str, attribution: str, chars_per_line: int) -> bool:
    """Whether ``attribution`` fits after the last line of a paragraph of ``text`` (first line
    indented 2 字), with a gap of at least 1 字 and 1 字 kept free at the right edge."""
    used = (PARAGRAPH_INDENT + text_width(text)) % chars_per_line
    if used == 0:
        return False  # the text fills its last line
    return used + 1 + text_width(attribution) <= chars_per_line - 1


def masthead_size(name: str, layout: LayoutSettings) -> float:
    """The masthead size that keeps ``name`` on one line: the set size, or smaller (half points)."""
    units = sum(0.5 if ch.isascii() else 1.0 for ch in name) or 1.0
    fits = layout.type_area_width / 20 / units
    if fits >= layout.size_masthead:
        return layout.size_masthead
    return max(1.0, int(fits * 2) / 2)


def distribution_table(dist: Distribution, layout: LayoutSettings) -> str:
    """The 报尾 as a floating one-column table at the foot of the type area (docs/layout.md §3)."""
    g = Geometry.of(layout)
    one = round(layout.size_distribution * 20)
    rows: list[tuple[str, str]] = []
    for key, label in DISTRIBUTION_LABELS:
        names: list[str] = getattr(dist, key)
        if names:
            text = f"{label}：" + "，".join(names)
            if not text.endswith("。"):
                text += "。"
            rows.append(("names", text))
    if dist.copies is not None:
        rows.append(("copies", f"（共印{dist.copies}份）"))
    thick = Border(DISTRIBUTION_THICK_RULE, DISTRIBUTION_RULE_COLOR)
    thin = Border(DISTRIBUTION_THIN_RULE, DISTRIBUTION_RULE_COLOR)
    none = '<w:{edge} w:val="nil"/>'
    position = (
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
        'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
        f'w:tblpX="{layout.margin_left}" w:tblpYSpec="bottom"/>'
        '<w:tblOverlap w:val="never"/>'
    )
    table = ruled_box_start(g.width, thick, position)
    for index, (kind, text) in enumerate(rows):
        # rules between the 报/送/发 lines are thin, set on each cell (LibreOffice reads cell
        # borders more faithfully than inside borders); none above the copies line
        cell_borders = ""
        if index > 0:
            above = none.format(edge="top") if kind == "copies" else thin.xml("top")
            cell_borders = f"<w:tcBorders>{above}</w:tcBorders>"
        if kind == "copies":
            props = ppr(style="BulletinDistribution", ind=ind(right=one), jc="right")
        else:
            props = ppr(
                style="BulletinDistribution",
                ind=ind(left=3 * one, right=one, hanging=2 * one),
            )
        table += (
            "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
            f'<w:tcW w:w="{g.width}" w:type="dxa"/>{cell_borders}</w:tcPr>'
            + paragraph(props, _text_run(text, layout.face_body))
            + "</w:tc></w:tr>"
        )
    return table + "</w:tbl>"


def document_chunks(
    issue: Issue,
    profile: Profile,
    layout: LayoutSettings | None = None,
    media: Media | None = None,
) -> Iterator[str]:
    """``word/document.xml`` of ``issue`` (profile defaults applied) as string chunks; the
    pictures are those of ``media`` (see ``pictures.collect_media``)."""
    layout = layout or layout_of(profile)
    merged = with_profile_defaults(issue, profile)
    writer = _Writer(merged, profile, layout, Geometry.of(layout), media or Media())
    return writer.chunks()


def document_xml(issue: Issue, profile: Profile | None = None, base: Path | None = None) -> str:
    media = collect_media(issue, base) if base is not None else None
    return "".join(document_chunks(issue, profile or DEFAULT_PROFILE, media=media))


_LAYOUTS: dict[tuple[tuple[str, object], ...], LayoutSettings] = {}


def layout_of(profile: Profile) -> LayoutSettings:
    """The profile's layout settings, built once per distinct ``[layout]`` table."""
    try:
        key = tuple(sorted(profile.layout_table.items()))
        cached = _LAYOUTS.get(key)
    except TypeError:  # an unhashable (invalid) value: no caching
        return profile.layout
    if cached is None:
        if len(_LAYOUTS) > 64:
            _LAYOUTS.clear()
        cached = _LAYOUTS[key] = profile.layout
    return cached


def build_docx(issue: Issue, profile: Profile | None = None, base: Path | None = None) -> bytes:
    """The DOCX of ``issue`` as bytes; the same issue always gives the same bytes. Picture
    files are read relative to ``base`` (the issue file's folder; default the current one)."""
    profile = profile or DEFAULT_PROFILE
    merged = with_profile_defaults(issue, profile)
    when = dt.datetime.combine(merged.date, dt.time(), tzinfo=dt.UTC) if merged.date else FIXED_DATE
    title = f"{merged.name or ''}第{merged.number}期"
    core = core_xml(title=title, creator=merged.editor or "", when=when)
    layout = layout_of(profile)
    media = collect_media(issue, base)
    parts = [
        MediaPart(medium.part, medium.rel_id, medium.data, medium.info.content_type)
        for medium in media.parts
    ]
    return package_bytes(layout, document_chunks(issue, profile, layout, media), core, parts)


def write_output(path: Path, data: bytes) -> None:
    """Write an exported file atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def default_output(issue_path: Path) -> Path:
    """Where an issue's DOCX goes without ``-o``: ``build/NAME.docx`` beside the issue."""
    return issue_path.parent / "build" / (issue_path.stem + ".docx")

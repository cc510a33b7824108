"""``styles.xml`` of an exported issue: document defaults and the Bulletin* styles.

Every face and size is written explicitly on each style (all four ``w:rFonts`` slots, no theme
attributes), so the effective East Asian face of any paragraph is found in its own style or
the document defaults; the values come from :class:`~bulletin_cli.layout.LayoutSettings`.

The importer recognises our own export by these style IDs (``STYLE_IDS``). All are paragraph
styles except the two character styles ``BulletinNoteLabel`` (the 编者按： label at the start
of a ``BulletinNote`` paragraph) and ``BulletinAttributionChar`` (an attribution printed inside
a body or brief paragraph: at its end, at a right tab on its last line, or on a line of its own
after a line break). A brief's lead words carry their face (``face_brief_lead``) as direct
formatting on their run. An attribution
that has no body paragraph to join is its own ``BulletinAttribution`` paragraph; the 报尾 is a
table whose cell paragraphs use ``BulletinDistribution``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..layout import LayoutSettings
from .ooxml import W_NS, XML_DECL, Border, Fonts, attr, ind, mm_to_twips, ppr, rpr

STYLE_IDS: tuple[str, ...] = (
    "BulletinMark",
    "BulletinMasthead",
    "BulletinIssueNumber",
    "BulletinDateLine",
    "BulletinNoteLabel",
    "BulletinNote",
    "BulletinSection",
    "BulletinTitle",
    "BulletinSubtitle",
    "BulletinBody",
    "BulletinAttribution",
    "BulletinAttributionChar",
    "BulletinBrief",
    "BulletinDistribution",
    "BulletinPageNumber",
    "BulletinPicture",
    "BulletinCaption",
    "BulletinTable",
    "BulletinTableCaption",
    "BulletinContents",
)
CHARACTER_STYLE_IDS: frozenset[str] = frozenset({"BulletinNoteLabel", "BulletinAttributionChar"})

# Fixed by the layout description rather than by a setting: large type and the page number get
# an exact line of about 1.2 × their size; the 报尾 rules are black, the first and last 0.35 mm
# (w:sz 8, in eighths of a point), those between 0.25 mm (w:sz 6), as the 版记 of GB/T 9704 7.4.
LARGE_LINE_FACTOR = 1.2
DISTRIBUTION_RULE_COLOR = "000000"
DISTRIBUTION_THICK_RULE = 8
DISTRIBUTION_THIN_RULE = 6
# Word draws a paragraph's bottom border 1.45 pt (29 twips) beyond its left and right indents,
# whatever the border's width and distance (measured with word-layout: 1, 2.25 and 4.5 pt
# rules, w:space 0 and 11); LibreOffice draws it from indent to indent. The date line is
# indented this much on each side so that Word's red rule is exactly the type area's width;
# the PDF's conversion widens bordered paragraphs by as much (export/office_convert.py).
WORD_BORDER_OVERHANG = 29


def exact_line(size_pt: float) -> int:
    """The exact line height (twips) of type of ``size_pt`` points that must not be clipped."""
    return round(size_pt * LARGE_LINE_FACTOR * 20)


@dataclass(frozen=True, slots=True)
class Geometry:
    """Distances derived from the layout settings, shared by styles and the writer."""

    char: int  # one 字 of body text, twips
    pitch: int  # body line pitch, twips
    width: int  # type area width, twips
    masthead_line: int
    title_line: int
    rule_space_pt: int
    rule_eighths: int

    @classmethod
    def of(cls, layout: LayoutSettings) -> Geometry:
        return cls(
            char=round(layout.size_body * 20),
            pitch=layout.line_pitch,
            width=layout.type_area_width,
            masthead_line=exact_line(layout.size_masthead),
            title_line=max(layout.line_pitch, exact_line(layout.size_title)),
            # the border's w:space is in points (0..31)
            rule_space_pt=max(0, min(31, round(layout.rule_gap_mm * 72 / 25.4))),
            rule_eighths=max(2, min(96, round(layout.rule_width * 8))),
        )


def _fonts(face: str, layout: LayoutSettings) -> Fonts:
    return Fonts(east_asia=face, latin=layout.face_latin)


def _ppr(**settings: Any) -> str:
    """A style's ``w:pPr`` with the punctuation settings every style writes explicitly: no
    hanging punctuation (``w:overflowPunct`` 0: a closing mark that does not fit pulls a
    character down with it, as most Chinese printing does) and no automatic space between
    Chinese and Latin text or digits (``w:autoSpaceDE``/``w:autoSpaceDN`` 0), so no engine's
    default decides (docs/layout.md §5)."""
    return ppr(overflow_punct=False, autospace=False, **settings)


def _paragraph_style(
    style_id: str,
    name: str,
    p: str,
    r: str,
    *,
    based_on: str | None = "Normal",
    link: str | None = None,
) -> str:
    text = f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
    text += f'<w:name w:val="{attr(name)}"/>'
    if based_on:
        text += f'<w:basedOn w:val="{based_on}"/>'
    text += f'<w:next w:val="{"BulletinBody" if style_id != "BulletinBody" else style_id}"/>'
    if link:
        text += f'<w:link w:val="{link}"/>'
    text += f"<w:qFormat/>{p}{r}</w:style>"
    return text


def _character_style(style_id: str, name: str, r: str, link: str | None = None) -> str:
    text = f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}">'
    text += f'<w:name w:val="{attr(name)}"/>'
    if link:
        text += f'<w:link w:val="{link}"/>'
    return text + f"{r}</w:style>"


def _figure_styles(layout: LayoutSettings) -> list[str]:
    """The styles of pictures, tables and the 本期要目 box (defined beside their writers)."""
    from .contents import contents_styles
    from .pictures import picture_styles
    from .tables import table_styles

    return [
        _paragraph_style(style_id, name, p, r)
        for style_id, name, p, r in (
            *picture_styles(layout),
            *table_styles(layout),
            *contents_styles(layout),
        )
    ]


@lru_cache(maxsize=32)
def styles_xml(layout: LayoutSettings) -> str:
    """The whole ``word/styles.xml`` for ``layout`` (cached: layouts are frozen)."""
    g = Geometry.of(layout)
    body_fonts = _fonts(layout.face_body, layout)
    kai = _fonts(layout.face_kai, layout)
    no_indent = ind()
    first_line = ind(first_line=2 * g.char)
    condense = layout.body_condense or None

    defaults = (
        "<w:docDefaults><w:rPrDefault>"
        + rpr(fonts=body_fonts, size_pt=layout.size_body, lang=True)
        + "</w:rPrDefault><w:pPrDefault>"
        + _ppr(widow_control=False, before=0, after=0, line=g.pitch, ind=no_indent)
        + "</w:pPrDefault></w:docDefaults>"
    )
    styles: list[str] = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/>"
        + _ppr(
            widow_control=False,
            before=0,
            after=0,
            line=g.pitch,
            ind=no_indent,
            jc="both",
        )
        + rpr(fonts=body_fonts, size_pt=layout.size_body)
        + "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        _paragraph_style(
            "BulletinMark",
            "Bulletin Mark 密级",
            _ppr(
                keep_next=True,
                keep_lines=True,
                ind=no_indent,
                jc="left",
            ),
            rpr(fonts=_fonts(layout.face_mark, layout), size_pt=layout.size_body),
        ),
        _paragraph_style(
            "BulletinMasthead",
            "Bulletin Masthead 报头",
            _ppr(
                keep_next=True,
                keep_lines=True,
                snap_to_grid=False,
                before=mm_to_twips(layout.masthead_top_mm),
                after=0,
                line=g.masthead_line,
                ind=no_indent,
                jc="center",
            ),
            rpr(
                fonts=_fonts(layout.face_masthead, layout),
                color=layout.color_masthead,
                size_pt=layout.size_masthead,
            ),
        ),
        _paragraph_style(
            "BulletinIssueNumber",
            "Bulletin Issue Number 期号",
            _ppr(
                keep_next=True, keep_lines=True, before=g.pitch, after=0, ind=no_indent, jc="center"
            ),
            rpr(fonts=kai, size_pt=layout.size_issue_number),
        ),
        _paragraph_style(
            "BulletinDateLine",
            "Bulletin Date Line 编印单位与日期",
            _ppr(
                keep_next=False,
                border_bottom=Border(g.rule_eighths, layout.color_rule, g.rule_space_pt),
                tabs=[("right", g.width - g.char)],
                after=2 * g.pitch,
                ind=ind(
                    left=WORD_BORDER_OVERHANG,
                    right=WORD_BORDER_OVERHANG,
                    first_line=g.char - WORD_BORDER_OVERHANG,
                ),
                jc="left",
            ),
            rpr(fonts=body_fonts, size_pt=layout.size_date_line),
        ),
        _character_style(
            "BulletinNoteLabel",
            "Bulletin Note Label 编者按",
            rpr(fonts=_fonts(layout.face_heading, layout), size_pt=layout.size_body),
        ),
        _paragraph_style(
            "BulletinNote",
            "Bulletin Note 编者按",
            _ppr(ind=first_line, jc="both"),
            rpr(fonts=kai, spacing=condense, size_pt=layout.size_body),
        ),
        _paragraph_style(
            "BulletinSection",
            "Bulletin Section 栏目",
            _ppr(keep_next=True, keep_lines=True, ind=no_indent, jc="left"),
            rpr(fonts=_fonts(layout.face_heading, layout), size_pt=layout.size_heading),
        ),
        _paragraph_style(
            "BulletinTitle",
            "Bulletin Title 标题",
            _ppr(
                keep_next=True,
                keep_lines=True,
                snap_to_grid=False,
                line=g.title_line,
                ind=no_indent,
                jc="center",
            ),
            rpr(fonts=_fonts(layout.face_title, layout), size_pt=layout.size_title),
        ),
        _paragraph_style(
            "BulletinSubtitle",
            "Bulletin Subtitle 副标题",
            _ppr(keep_next=True, keep_lines=True, ind=no_indent, jc="center"),
            rpr(fonts=kai, size_pt=layout.size_subtitle),
        ),
        _paragraph_style(
            "BulletinBody",
            "Bulletin Body 正文",
            _ppr(widow_control=False, ind=first_line, jc="both"),
            rpr(fonts=body_fonts, spacing=condense, size_pt=layout.size_body),
        ),
        _paragraph_style(
            "BulletinAttribution",
            "Bulletin Attribution 供稿单位",
            _ppr(ind=ind(right=g.char), jc="right"),
            rpr(fonts=kai, size_pt=layout.size_attribution),
            link="BulletinAttributionChar",
        ),
        _character_style(
            "BulletinAttributionChar",
            "Bulletin Attribution Char 供稿单位",
            rpr(fonts=kai, size_pt=layout.size_attribution),
            link="BulletinAttribution",
        ),
        _paragraph_style(
            "BulletinBrief",
            "Bulletin Brief 简讯",
            _ppr(widow_control=False, ind=first_line, jc="both"),
            rpr(fonts=body_fonts, spacing=condense, size_pt=layout.size_body),
        ),
        _paragraph_style(
            "BulletinDistribution",
            "Bulletin Distribution 报尾",
            _ppr(line=g.pitch, ind=no_indent, jc="left"),
            rpr(fonts=body_fonts, size_pt=layout.size_distribution),
        ),
        _paragraph_style(
            "BulletinPageNumber",
            "Bulletin Page Number 页码",
            _ppr(
                snap_to_grid=False,
                before=0,
                after=0,
                line=exact_line(layout.size_page_number),
                ind=no_indent,
            ),
            # half-width 宋体 digits (GB/T 9704 7.5): the page-number face in every slot
            rpr(
                fonts=Fonts(layout.face_page_number, layout.face_page_number),
                size_pt=layout.size_page_number,
            ),
            based_on=None,
        ),
    ]
    styles += _figure_styles(layout)
    return (
        XML_DECL
        + f'<w:styles xmlns:w="{W_NS}">'
        + defaults
        + '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
        'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="0"/>' + "".join(styles) + "</w:styles>"
    )

"""The 本期要目 box on page 1, under the red rule (docs/layout.md, 本期要目).

A one-column table ruled above and below like the 报尾 (0.35 mm black rules): 「本期要目」 centred
in ``face_heading``, then each section's 【name】 and its titles, one a line, indented 2 字; a
briefs section is one line, its name and the number of items. Every row is a whole number of
grid lines high, so page 1's text below the box stays on the grid.
"""

from __future__ import annotations

from ..layout import LayoutSettings
from ..model import Article, Issue
from ..profile import Profile
from ..records import record
from .ooxml import Border, Fonts, ind, paragraph, ppr, rpr, ruled_box_start
from .styles import DISTRIBUTION_RULE_COLOR, DISTRIBUTION_THICK_RULE
from .tables import RULE_ROOM
from .titles import text_width

CONTENTS_STYLE = "BulletinContents"
CONTENTS_HEADING = "本期要目"
CONTENTS_INDENT = 2


@record(frozen=True, slots=True)
class ContentsLine:
    """One line of the box: ``kind`` heading, section, title or briefs."""

    kind: str
    text: str


def wants_contents(issue: Issue, profile: Profile) -> bool:
    """Whether the issue prints the box: its own ``contents``, else the profile's default."""
    if issue.contents is not None:
        return issue.contents
    return bool(getattr(profile, "contents", False))


def contents_lines(
    sections: list[tuple[str, list[Article]]], briefs: set[str]
) -> list[ContentsLine]:
    lines = [ContentsLine("heading", CONTENTS_HEADING)]
    for name, articles in sections:
        if name in briefs:
            lines.append(ContentsLine("briefs", f"【{name}】（{len(articles)}条）"))
            continue
        lines.append(ContentsLine("section", f"【{name}】"))
        for article in articles:
            title = " ".join(article.title.split()) or "（无标题）"
            lines.append(ContentsLine("title", title))
    return lines


def line_count(line: ContentsLine, layout: LayoutSettings) -> int:
    """Grid lines one line of the box takes (a long title wraps)."""
    indent = CONTENTS_INDENT if line.kind == "title" else 0
    per_line = layout.chars_per_line - indent
    width = text_width(line.text)
    return max(1, -(-int(width * 2) // (per_line * 2)))


def contents_box_lines(
    sections: list[tuple[str, list[Article]]], briefs: set[str], layout: LayoutSettings
) -> int:
    """Grid lines the box takes, with the blank line after it (the page estimate counts it)."""
    return sum(line_count(line, layout) for line in contents_lines(sections, briefs)) + 1


def contents_xml(
    sections: list[tuple[str, list[Article]]],
    briefs: set[str],
    layout: LayoutSettings,
    runs: object,
) -> str:
    """The box as a ``w:tbl``; ``runs(text, fonts=...)`` gives a paragraph's runs."""
    assert callable(runs)
    width = layout.type_area_width
    pitch = layout.line_pitch
    char = round(layout.size_body * 20)
    thick = Border(DISTRIBUTION_THICK_RULE, DISTRIBUTION_RULE_COLOR)
    heading = Fonts(east_asia=layout.face_heading, latin=layout.face_latin)
    kai = Fonts(east_asia=layout.face_kai, latin=layout.face_latin)
    xml = ruled_box_start(width, thick)
    for line in contents_lines(sections, briefs):
        height = line_count(line, layout) * pitch
        if line.kind == "heading":
            props = ppr(style=CONTENTS_STYLE, jc="center")
            content = runs(line.text, heading.east_asia, fonts=heading)
        elif line.kind == "title":
            indent = ind(left=CONTENTS_INDENT * char)
            props = ppr(style=CONTENTS_STYLE, ind=indent)
            content = runs(line.text, kai.east_asia, fonts=kai)
        else:
            props = ppr(style=CONTENTS_STYLE)
            content = runs(line.text, heading.east_asia, fonts=heading)
        xml += (
            "<w:tr><w:trPr><w:cantSplit/>"
            f'<w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            + paragraph(props, content)
            + "</w:tc></w:tr>"
        )
    return xml + "</w:tbl>"


def contents_styles(layout: LayoutSettings) -> list[tuple[str, str, str, str]]:
    body = Fonts(east_asia=layout.face_body, latin=layout.face_latin)
    return [
        (
            CONTENTS_STYLE,
            "Bulletin Contents 本期要目",
            ppr(
                overflow_punct=False,
                autospace=False,
                line=layout.line_pitch - RULE_ROOM,
                ind=ind(),
                jc="left",
            ),
            rpr(fonts=body, size_pt=layout.size_body),
        )
    ]

"""Font report: which of the layout's faces this machine has, and which characters of an issue
a ``*_GB2312`` face cannot show (GB2312 lacks many rare characters of names and places).

Installed faces come from ``fc-list`` where fontconfig exists (Linux, most Unix); elsewhere
that part of the report is unknown (``None``).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from ..layout import LayoutSettings
from ..model import Issue, format_sources, split_paragraphs

# GB2312 code points that Python's codec maps to other Unicode characters than Windows does
# (A1AA is — U+2014 in CP936, A1A4 is · U+00B7): GB2312 fonts have these glyphs
_GB2312_ALIASES = frozenset({"\u2014", "\u00b7"})


def in_gb2312(ch: str) -> bool:
    """Whether a GB2312 face has a glyph for ``ch``."""
    if ch.isascii() or ch in _GB2312_ALIASES:
        return True
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def is_gb2312_face(face: str) -> bool:
    return "gb2312" in face.lower()


@dataclass(frozen=True, slots=True)
class FaceStatus:
    """One face of the layout: what it prints, and whether this machine has it."""

    face: str
    uses: tuple[str, ...]
    installed: bool | None  # None: cannot tell on this machine


@dataclass(slots=True)
class MissingCharacter:
    """A character a GB2312 face cannot show, and where the issue uses it."""

    char: str
    face: str
    places: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FontReport:
    faces: list[FaceStatus]
    missing: list[MissingCharacter]

    @property
    def missing_faces(self) -> list[str]:
        return [status.face for status in self.faces if status.installed is False]


def layout_faces(layout: LayoutSettings) -> dict[str, list[str]]:
    """Each face of the layout with what it prints, in reading order."""
    uses: dict[str, list[str]] = {}
    for face, what in (
        (layout.face_masthead, "简报名称"),
        (layout.face_title, "标题"),
        (layout.face_body, "正文、编印单位、报尾"),
        (layout.face_heading, "栏目"),
        (layout.face_kai, "期号、副标题、供稿单位、编者按"),
        (layout.face_latin, "西文与数字"),
        (layout.face_page_number, "页码"),
        (layout.face_mark, "密级标识"),
        (layout.face_caption, "图片说明、表格标题"),
    ):
        uses.setdefault(face, []).append(what)
    return uses


def installed_families() -> set[str] | None:
    """The font family names fontconfig knows (every localised name), or None without it."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names: set[str] = set()
    for line in listing.splitlines():
        names.update(name.strip().replace("\\-", "-") for name in line.split(","))
    return {name.casefold() for name in names if name}


def _segments(issue: Issue, layout: LayoutSettings) -> list[tuple[str, str, str]]:
    """(face, text, where) of everything the issue prints."""
    segments = [
        (layout.face_masthead, issue.name or "", "简报名称"),
        (layout.face_body, issue.editor or "", "编印单位"),
    ]
    if issue.note:
        segments.append((layout.face_kai, issue.note, "编者按"))
    for number, article in enumerate(issue.articles, start=1):
        where = f"第 {number} 篇"
        segments.append((layout.face_heading, article.section, f"{where}栏目"))
        segments.append((layout.face_title, article.title, f"{where}标题"))
        if article.subtitle:
            segments.append((layout.face_kai, article.subtitle, f"{where}副标题"))
        for paragraph in split_paragraphs(article.body):
            segments.append((layout.face_body, paragraph, f"{where}正文"))
        if article.sources:
            segments.append((layout.face_kai, format_sources(article.sources), f"{where}供稿单位"))
    if issue.distribution is not None:
        dist = issue.distribution
        names = [*dist.report, *dist.send, *dist.distribute]
        segments.append((layout.face_body, "".join(names), "报尾"))
    return segments


_WITHOUT_ALIASES = {ord(ch): None for ch in _GB2312_ALIASES}


def _all_in_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")  # the usual case, without the slower translate
    except UnicodeEncodeError:
        try:
            text.translate(_WITHOUT_ALIASES).encode("gb2312")
        except UnicodeEncodeError:
            return False
    return True


def gb2312_gaps(issue: Issue, layout: LayoutSettings) -> list[MissingCharacter]:
    """The characters printed in a ``*_GB2312`` face that GB2312 does not hold."""
    found: dict[tuple[str, str], MissingCharacter] = {}
    for face, text, where in _segments(issue, layout):
        if not is_gb2312_face(face) or _all_in_gb2312(text):
            continue
        for ch in text:
            if ch.isspace() or in_gb2312(ch):
                continue
            entry = found.setdefault((ch, face), MissingCharacter(ch, face))
            if where not in entry.places:
                entry.places.append(where)
    return list(found.values())


def font_report(
    layout: LayoutSettings, issue: Issue | None = None, *, installed: set[str] | None = None
) -> FontReport:
    """The faces of ``layout`` on this machine and, for an issue, the GB2312 gaps."""
    families = installed if installed is not None else installed_families()
    faces = [
        FaceStatus(
            face,
            tuple(uses),
            None if families is None else face.casefold() in families,
        )
        for face, uses in layout_faces(layout).items()
    ]
    return FontReport(faces, gb2312_gaps(issue, layout) if issue is not None else [])


def gap_summary(gaps: list[MissingCharacter]) -> str:
    """One line for the clerk: 仿宋_GB2312 缺字：镕（第 2 篇正文）、堃（第 3 篇标题）."""
    by_face: dict[str, list[str]] = {}
    for gap in gaps:
        by_face.setdefault(gap.face, []).append(f"{gap.char}（{'、'.join(gap.places)}）")
    return "；".join(f"{face} 缺字：{'、'.join(items)}" for face, items in by_face.items())

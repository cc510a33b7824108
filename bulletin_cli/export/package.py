"""The lean DOCX package: the fixed parts (content types, relationships, settings, fonts,
footers, properties) and a deterministic zip.

No default template is read: every part is a short string prepared once per layout, so a batch
export costs little more than building ``document.xml``. The zip is written with ``zipfile``;
its members carry a fixed timestamp and fixed attributes, and the core properties fixed dates,
so one issue always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..layout import LayoutSettings
from .ooxml import R_NS, W_NS, XML_DECL, Fonts, attr, esc, ind, mm_to_twips, ppr, rpr, run
from .styles import Geometry, exact_line, styles_xml

FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

_CT = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = (
    XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}.theme+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    XML_DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

# footer1 = default (odd pages), footer2 = even pages
DOCUMENT_RELS = (
    XML_DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}/footer" Target="footer2.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
    "</Relationships>"
)
ODD_FOOTER_ID = "rId4"
EVEN_FOOTER_ID = "rId5"

# Word's kinsoku (避头尾) for Simplified Chinese, its defaults written out so that no engine's
# own list decides (docs/layout.md §5): no line starts with one of NO_LINE_START (closing
# marks), none ends with one of NO_LINE_END (opening marks).
NO_LINE_START = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
NO_LINE_END = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"

SETTINGS = (
    XML_DECL + f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{attr(NO_LINE_END)}"/>'
    f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{attr(NO_LINE_START)}"/>'
    "<w:compat>"
    "<w:spaceForUL/><w:doNotLeaveBackslashAlone/>"
    "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat>"
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)


@dataclass(frozen=True, slots=True)
class FaceInfo:
    """How Word and WPS describe a face in ``fontTable.xml``, so that a machine without it
    substitutes a Chinese face of the same kind (docs/layout.md §5): ``alt`` is the name tried
    first (a face stock Windows has), ``panose`` the face's PANOSE class (Song, Hei, Kai, Fang
    Song differ), ``sig`` its Unicode and code-page coverage (usb0-3, csb0-1)."""

    alt: str
    panose: str
    family: str
    pitch: str
    sig: tuple[str, str, str, str, str, str]


# The values Word and WPS write for these faces in their own documents. The GB2312 faces and
# 方正小标宋简体 cover GB 2312 only (csb0 bit 18); 仿宋, 楷体, 黑体 and 宋体 are the GBK faces of
# stock Windows, named as the fallback of each.
_GB2312_SIG = ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000")
_GBK_SIG = ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")
_SONG_SIG = ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")
FACES: dict[str, FaceInfo] = {
    "仿宋_GB2312": FaceInfo("仿宋", "02010609030101010101", "modern", "fixed", _GB2312_SIG),
    "楷体_GB2312": FaceInfo("楷体", "02010609030101010101", "modern", "fixed", _GB2312_SIG),
    "方正小标宋简体": FaceInfo("宋体", "02010600030101010101", "auto", "variable", _GB2312_SIG),
    "仿宋": FaceInfo("FangSong", "02010609060101010101", "modern", "fixed", _GBK_SIG),
    "楷体": FaceInfo("KaiTi", "02010609060101010101", "modern", "fixed", _GBK_SIG),
    "黑体": FaceInfo("SimHei", "02010609060101010101", "modern", "fixed", _GBK_SIG),
    "宋体": FaceInfo("SimSun", "02010600030101010101", "auto", "variable", _SONG_SIG),
    "Times New Roman": FaceInfo(
        "",
        "02020603050405020304",
        "roman",
        "variable",
        ("E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000"),
    ),
}


def _font_entry(face: str, *, latin: bool) -> str:
    info = FACES.get(face)
    entry = f'<w:font w:name="{attr(face)}">'
    if info is None:  # a face the office chose: only its script is known
        charset = "00" if latin else "86"
        family = "roman" if latin else "auto"
        return entry + (
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
            '<w:pitch w:val="variable"/></w:font>'
        )
    if info.alt:
        entry += f'<w:altName w:val="{attr(info.alt)}"/>'
    usb0, usb1, usb2, usb3, csb0, csb1 = info.sig
    return entry + (
        f'<w:panose1 w:val="{info.panose}"/><w:charset w:val="{"00" if latin else "86"}"/>'
        f'<w:family w:val="{info.family}"/><w:pitch w:val="{info.pitch}"/>'
        f'<w:sig w:usb0="{usb0}" w:usb1="{usb1}" w:usb2="{usb2}" w:usb3="{usb3}" '
        f'w:csb0="{csb0}" w:csb1="{csb1}"/></w:font>'
    )


def layout_faces(layout: LayoutSettings) -> list[str]:
    """The Chinese faces of the layout, each once, in a fixed order."""
    faces: list[str] = []
    for face in (
        layout.face_body,
        layout.face_masthead,
        layout.face_title,
        layout.face_heading,
        layout.face_kai,
        layout.face_page_number,
        layout.face_mark,
        layout.face_brief_lead,
        layout.face_caption,
    ):
        if face not in faces:
            faces.append(face)
    return faces


def font_table_xml(layout: LayoutSettings) -> str:
    entries = [_font_entry(face, latin=False) for face in layout_faces(layout)]
    if layout.face_latin not in layout_faces(layout):
        entries.append(_font_entry(layout.face_latin, latin=True))
    return XML_DECL + f'<w:fonts xmlns:w="{W_NS}">' + "".join(entries) + "</w:fonts>"


_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# the twelve colours a theme must name: black text on white, the rest plain office colours
_THEME_COLOURS = (
    ("dk1", "000000"),
    ("lt1", "FFFFFF"),
    ("dk2", "1F1F1F"),
    ("lt2", "EEEEEE"),
    ("accent1", "C00000"),
    ("accent2", "1F4E79"),
    ("accent3", "548235"),
    ("accent4", "7F6000"),
    ("accent5", "7030A0"),
    ("accent6", "404040"),
    ("hlink", "0563C1"),
    ("folHlink", "954F72"),
)


def theme_xml(layout: LayoutSettings) -> str:
    """A minimal ``theme1.xml`` whose fonts are the layout's own faces (major: the title's,
    minor: the body's, Chinese under ``a:ea`` and the ``Hans`` script): Word requires a theme
    part, and with these fonts no theme font can replace a face of the layout."""
    latin = attr(layout.face_latin)

    def font(tag: str, chinese: str) -> str:
        face = attr(chinese)
        return (
            f'<a:{tag}><a:latin typeface="{latin}"/><a:ea typeface="{face}"/>'
            f'<a:cs typeface="{latin}"/><a:font script="Hans" typeface="{face}"/></a:{tag}>'
        )

    colours = "".join(
        f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>' for name, value in _THEME_COLOURS
    )
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="{{w}}" cap="flat" cmpd="sng" algn="ctr">{solid}</a:ln>'
    return (
        XML_DECL + f'<a:theme xmlns:a="{_A_NS}" name="Bulletin"><a:themeElements>'
        f'<a:clrScheme name="Bulletin">{colours}</a:clrScheme>'
        '<a:fontScheme name="Bulletin">'
        + font("majorFont", layout.face_title)
        + font("minorFont", layout.face_body)
        + "</a:fontScheme>"
        '<a:fmtScheme name="Bulletin">'
        f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst>"
        "<a:lnStyleLst>"
        + "".join(line.format(w=width) for width in (6350, 12700, 19050))
        + "</a:lnStyleLst>"
        "<a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>"
        * 3
        + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements></a:theme>"
    )


def footer_xml(layout: LayoutSettings, *, odd: bool) -> str:
    """``— N —`` with a PAGE field: odd pages right, even pages left, 1 字 in."""
    one = round(layout.size_page_number * 20)
    indent = ind(right=one) if odd else ind(left=one)
    props = ppr(style="BulletinPageNumber", ind=indent, jc="right" if odd else "left")
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    # the dashes in the page-number face in every slot, so no engine sets them in a Latin face
    dash = rpr(fonts=Fonts.chinese(layout.face_page_number), hint=True)
    content = run("\u2014 ", dash) + field + run(" \u2014", dash)
    return (
        XML_DECL + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>{props}{content}</w:p></w:ftr>'
    )


def section_xml(layout: LayoutSettings) -> str:
    """The body's ``w:sectPr``: footers, A4, GB/T 9704 margins, the line grid (schema order)."""
    g = Geometry.of(layout)
    footer_line = exact_line(layout.size_page_number)
    footer = max(0, layout.margin_bottom - mm_to_twips(layout.page_number_gap_mm) - footer_line)
    return (
        "<w:sectPr>"
        f'<w:footerReference w:type="default" r:id="{ODD_FOOTER_ID}"/>'
        f'<w:footerReference w:type="even" r:id="{EVEN_FOOTER_ID}"/>'
        f'<w:pgSz w:w="{layout.page_width}" w:h="{layout.page_height}"/>'
        f'<w:pgMar w:top="{layout.margin_top}" w:right="{layout.margin_right}" '
        f'w:bottom="{layout.margin_bottom}" w:left="{layout.margin_left}" '
        f'w:header="851" w:footer="{footer}" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{g.pitch}"/>'
        "</w:sectPr>"
    )


def core_xml(*, title: str, creator: str, when: dt.datetime) -> str:
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        XML_DECL
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title>"
        f"<dc:creator>{esc(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_XML = (
    XML_DECL
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>bulletin</Application><DocSecurity>0</DocSecurity>"
    "</Properties>"
)


@lru_cache(maxsize=32)
def _fixed_parts(layout: LayoutSettings) -> dict[str, bytes]:
    """The parts that depend only on the layout, encoded once per layout."""
    parts = {
        "word/styles.xml": styles_xml(layout),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": font_table_xml(layout),
        "word/footer1.xml": footer_xml(layout, odd=True),
        "word/footer2.xml": footer_xml(layout, odd=False),
        "word/theme/theme1.xml": theme_xml(layout),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "docProps/app.xml": APP_XML,
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
    }
    return {name: text.encode("utf-8") for name, text in parts.items()}


PART_ORDER = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/footer1.xml",
    "word/footer2.xml",
    "word/theme/theme1.xml",
)
# the earliest date a zip can hold: every member carries it, so the bytes never depend on the clock
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CHUNK = 1 << 16


def _member(name: str) -> zipfile.ZipInfo:
    """A zip member with fixed date, attributes and origin (MS-DOS, so Windows and Linux agree)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0o644 << 16
    return info


def _write_stream(archive: zipfile.ZipFile, name: str, chunks: Iterable[str]) -> None:
    """Write ``document.xml`` chunk by chunk (64 KB at a time): never held whole as text."""
    pending: list[str] = []
    pending_size = 0
    with archive.open(_member(name), "w") as member:
        for chunk in chunks:
            pending.append(chunk)
            pending_size += len(chunk)
            if pending_size > _CHUNK:
                member.write("".join(pending).encode("utf-8"))
                pending, pending_size = [], 0
        member.write("".join(pending).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class MediaPart:
    """A picture of the document: its part name, relationship id, bytes and content type."""

    part: str
    rel_id: str
    data: bytes
    content_type: str


def _with_media(fixed: dict[str, bytes], media: list[MediaPart]) -> dict[str, bytes]:
    """The content types and document relationships naming the pictures too."""
    if not media:
        return fixed
    parts = dict(fixed)
    types = sorted({(m.part.rsplit(".", 1)[-1], m.content_type) for m in media})
    defaults = "".join(
        f'<Default Extension="{extension}" ContentType="{kind}"/>' for extension, kind in types
    )
    marker = '<Default Extension="xml"'
    parts["[Content_Types].xml"] = CONTENT_TYPES.replace(marker, defaults + marker, 1).encode()
    rels = "".join(
        f'<Relationship Id="{m.rel_id}" Type="{_REL}/image" Target="{m.part.removeprefix("word/")}"/>'
        for m in media
    )
    end = "</Relationships>"
    parts["word/_rels/document.xml.rels"] = DOCUMENT_RELS.replace(end, rels + end).encode()
    return parts


def package_bytes(
    layout: LayoutSettings,
    document: Iterable[str],
    core: str,
    media: list[MediaPart] | None = None,
) -> bytes:
    """The DOCX bytes: fixed parts, ``document.xml`` from ``document`` chunks, ``core``, and
    the pictures in ``media`` (stored as they are: a JPEG or PNG does not deflate).

    A plain zip (deflate level 6, fixed 1980-01-01 timestamps and attributes, parts in a fixed
    order), so one issue always gives the same bytes."""
    fixed = _with_media(_fixed_parts(layout), media or [])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in PART_ORDER:
            if name == "word/document.xml":
                _write_stream(archive, name, document)
            elif name == "docProps/core.xml":
                archive.writestr(_member(name), core.encode("utf-8"))
            else:
                archive.writestr(_member(name), fixed[name])
        for item in media or []:
            info = _member(item.part)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, item.data)
    return buffer.getvalue()

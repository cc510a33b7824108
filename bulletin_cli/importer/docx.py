"""DOCX sources, read safely: paragraphs in reading order with their style, alignment and size.

An imported DOCX is untrusted. It is opened with ``zipfile`` (not python-docx's opener) with a
bound on the number of members and on the unpacked size of each part read, and parsed with an
lxml parser that resolves no entities, loads no DTD and never touches the network; a part that
declares a DTD is refused (Word never writes one).
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]  # (python-docx depends on lxml)

from ..errors import FileProblem
from ..textclean import strip_spaces
from ._limits import MAX_DOCX_BYTES, MAX_LINES, MAX_MEMBERS, MAX_PART_BYTES, refuse_beyond
from .text import Align, Role, SourceLine

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"

STYLE_ROLES: dict[str, Role] = {
    "BulletinMark": "mark",
    "BulletinMasthead": "name",
    "BulletinIssueNumber": "number",
    "BulletinDateLine": "dateline",
    "BulletinNote": "note",
    "BulletinSection": "section",
    "BulletinTitle": "title",
    "BulletinSubtitle": "subtitle",
    "BulletinBody": "body",
    "BulletinAttribution": "attribution",
    "BulletinBrief": "brief",
    "BulletinDistribution": "distribution",
}
"""The paragraph styles of ``bulletin export`` and what each paragraph is."""
ATTRIBUTION_RUN_STYLE = "BulletinAttributionChar"
"""The character style of an attribution printed inside a body or brief paragraph."""

_ALIGN: dict[str, Align] = {
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "both",
    "distribute": "both",
    "left": "left",
    "start": "left",
}
_CONTAINERS = {
    W + "hyperlink",
    W + "ins",
    W + "smartTag",
    W + "fldSimple",
    W + "sdt",
    W + "sdtContent",
    W + "customXml",
    W + "moveTo",
    W + "dir",
    W + "bdo",
}


_UNZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # an unknown compression method
)
"""What ``zipfile`` raises on a damaged or hostile archive."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@dataclass(frozen=True, slots=True)
class _Style:
    style_id: str
    based_on: str | None
    align: Align | None
    size: float | None
    bold: bool | None


def docx_lines(data: bytes, source: str) -> list[SourceLine]:
    """The paragraphs of a DOCX as numbered lines (``FileProblem`` when it cannot be read)."""
    if len(data) > MAX_DOCX_BYTES:
        raise FileProblem(
            source,
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB），不像一期简报",
            hint=f"可导入的 DOCX 最大 {MAX_DOCX_BYTES // 1024 // 1024} MB",
        )
    if not data.startswith(b"PK"):
        raise FileProblem(
            source,
            "不是有效的 DOCX 文件（不是 zip 压缩包）",
            hint="用 Word 或 WPS 打开后“另存为” .docx 再导入",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _UNZIP_ERRORS:
        raise FileProblem(
            source, "不是有效的 DOCX 文件（zip 压缩包已损坏）", hint="用 Word 或 WPS 打开后重新保存"
        ) from None
    with archive:
        if len(archive.infolist()) > MAX_MEMBERS:
            raise FileProblem(source, f"DOCX 内部文件过多（超过 {MAX_MEMBERS} 个），不予读取")
        main = _main_part(archive, source)
        document = _parse(_read_part(archive, main, source), source, main)
        styles_name = posixpath.join(posixpath.dirname(main), "styles.xml")
        styles: dict[str, _Style] = {}
        if styles_name in archive.namelist():
            styles = _styles(_parse(_read_part(archive, styles_name, source), source, styles_name))
    body = document.find(W + "body")
    if body is None:
        raise FileProblem(source, "DOCX 中没有正文（document.xml 缺少 body）")
    refuse_beyond(source, sum(1 for _ in body.iter(W + "p")), MAX_LINES, "原文的段数")
    lines: list[SourceLine] = []
    for paragraph in _paragraphs(body):
        lines.append(_line(paragraph, len(lines) + 1, styles))
    return lines


def _main_part(archive: zipfile.ZipFile, source: str) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = _parse(_read_part(archive, "_rels/.rels", source), source, "_rels/.rels")
        for rel in rels.iter(_REL + "Relationship"):
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise FileProblem(
        source,
        "不是有效的 DOCX 文件（找不到正文 word/document.xml）",
        hint="用 Word 或 WPS 打开后“另存为” .docx 再导入",
    )


def _read_part(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise FileProblem(source, f"DOCX 中的 {name} 解压后过大，不予读取")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except _UNZIP_ERRORS as err:
        raise FileProblem(source, f"DOCX 中的 {name} 无法解压（{err}）") from None
    if len(data) > MAX_PART_BYTES:
        raise FileProblem(source, f"DOCX 中的 {name} 解压后过大，不予读取")
    return data


_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_W = W[1:-1].encode()


def _parse(data: bytes, source: str, name: str) -> etree._Element:
    # Word's "Strict Open XML" uses another namespace for the same elements
    data = data.replace(_STRICT_W, _TRANSITIONAL_W)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as err:
        raise FileProblem(source, f"DOCX 中的 {name} 不是有效的 XML（{err.msg}）") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FileProblem(source, f"DOCX 中的 {name} 含有 DTD 声明，出于安全原因不予读取")
    return root


def _styles(root: etree._Element) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for style in root.iter(W + "style"):
        if style.get(W + "type") not in (None, "paragraph"):
            continue
        style_id = style.get(W + "styleId")
        if not style_id:
            continue
        based = style.find(W + "basedOn")
        ppr = style.find(W + "pPr")
        rpr = style.find(W + "rPr")
        styles[style_id] = _Style(
            style_id,
            based.get(W + "val") if based is not None else None,
            _alignment(ppr),
            _size(rpr),
            _bold(rpr),
        )
    return styles


def _paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order: body, table cells, content controls, text boxes."""
    for child in element:
        tag = child.tag
        if tag == W + "p":
            yield from _text_boxes(child)
            yield child
        elif tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _paragraphs(child)


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    for box in paragraph.iter(W + "txbxContent"):
        if _inside_fallback(box, paragraph):
            continue
        yield from _paragraphs(box)


def _inside_fallback(element: etree._Element, stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def _line(paragraph: etree._Element, number: int, styles: dict[str, _Style]) -> SourceLine:
    ppr = paragraph.find(W + "pPr")
    style_id = None
    if ppr is not None:
        pstyle = ppr.find(W + "pStyle")
        style_id = pstyle.get(W + "val") if pstyle is not None else None
    chain = list(_style_chain(style_id, styles))
    align = _alignment(ppr) or next((s.align for s in chain if s.align), None)
    sizes: list[float] = []
    bolds: list[bool] = []
    pieces: list[tuple[str, bool]] = []  # (text, printed in the attribution style)
    for run in _runs(paragraph):
        text = _run_text(run)
        if not text:
            continue
        rpr = run.find(W + "rPr")
        pieces.append((text, _run_style(rpr) == ATTRIBUTION_RUN_STYLE))
        size = _size(rpr)
        if size is not None:
            sizes.append(size)
        bold = _bold(rpr)
        if bold is not None:
            bolds.append(bold)
    size = max(sizes) if sizes else next((s.size for s in chain if s.size), None)
    style_bold = next((s.bold for s in chain if s.bold is not None), False)
    bold = all(bolds) if bolds else bool(style_bold)
    role = next((STYLE_ROLES[s.style_id] for s in chain if s.style_id in STYLE_ROLES), None)
    if role is None and style_id in STYLE_ROLES:
        role = STYLE_ROLES[style_id]
    text = "".join(piece for piece, _ in pieces)
    attribution: str | None = None
    marked = "".join(piece for piece, styled in pieces if styled)
    plain = "".join(piece for piece, styled in pieces if not styled)
    if marked and role in (None, "body", "brief", "attribution"):
        # the attribution run of our export: its own line for the importer
        if not strip_spaces(plain):
            role = "attribution"
        elif role in ("body", "brief") and pieces[-1][1]:
            text, attribution = plain, marked
    listed = ppr is not None and ppr.find(W + "numPr") is not None
    return SourceLine(
        number,
        text,
        role=role,
        align=align,
        size=size,
        bold=bold,
        attribution=attribution,
        listed=listed,
    )


def _style_chain(style_id: str | None, styles: dict[str, _Style]) -> Iterator[_Style]:
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        yield style
        style_id = style.based_on


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == W + "r":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _runs(child)


def _run_text(run: etree._Element) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _run_style(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    style = rpr.find(W + "rStyle")
    return style.get(W + "val") if style is not None else None


def _alignment(ppr: etree._Element | None) -> Align | None:
    if ppr is None:
        return None
    jc = ppr.find(W + "jc")
    if jc is None:
        return None
    return _ALIGN.get(jc.get(W + "val") or "")


def _size(rpr: etree._Element | None) -> float | None:
    if rpr is None:
        return None
    sz = rpr.find(W + "sz")
    if sz is None:
        return None
    try:
        return int(sz.get(W + "val") or "") / 2
    except ValueError:
        return None


def _bold(rpr: etree._Element | None) -> bool | None:
    if rpr is None:
        return None
    b = rpr.find(W + "b")
    if b is None:
        return None
    return (b.get(W + "val") or "true").lower() not in ("0", "false", "off")

"""Word files read with python-docx, safely: paragraphs in reading order with their formatting.

An imported DOCX is untrusted, and python-docx opens every part a package names. So the zip is
checked first with ``zipfile`` (``vet_package``): the number of members, the unpacked size of
each member and of all of them together, and every XML part parsed with an lxml parser that
resolves no entities, loads no DTD and never touches the network (a part that declares a DTD
is refused: Word never writes one). Only the XML parts, checked, go on to python-docx, in a
package rebuilt in memory (pictures and other binary parts are left empty: they are never
read, only reported), which is where Word's "Strict Open XML" names are mapped to the usual
ones and a missing ``[Content_Types].xml`` or ``_rels/.rels`` is supplied.

python-docx then gives the paragraphs' styles (with their ``basedOn`` chain), alignment, font
size and weight, the runs' text and character styles, headers, footers and comments. It has no
API for what follows, which is read from the same elements with lxml (each place says so):
content controls and text boxes (paragraphs outside ``w:body``'s direct children), tracked
changes (``w:ins`` / ``w:del``), list numbering (``w:numPr`` and ``numbering.xml``), and the
East Asian font of a run (``w:rFonts/@w:eastAsia``).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.parts.comments import CommentsPart
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]  # (python-docx depends on lxml)

from ..errors import FileProblem, os_reason
from ..records import field, record
from ..textclean import strip_spaces
from ._limits import (
    MAX_DOCX_BYTES,
    MAX_LINES,
    MAX_MEMBERS,
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    refuse_beyond,
)
from .figures import PictureData, usable_picture
from .numbering import Numbering
from .text import Align, Role, SourceLine

if TYPE_CHECKING:
    from docx.document import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"
_MEDIA = re.compile(r"^(?:word/)?media/", re.IGNORECASE)
"""Where Word keeps a document's pictures: these parts are read (bounded), the rest left empty."""
WIDTH_MARK = "bulletin:width="
"""How our export keeps a picture's ``width`` share (``export.pictures.WIDTH_MARK``)."""
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
    "BulletinPicture": "picture",
    "BulletinCaption": "caption",
    "BulletinTable": "table",
    "BulletinTableCaption": "table_caption",
    "BulletinContents": "contents",
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
_ALIGN_OF_ENUM: dict[WD_ALIGN_PARAGRAPH, Align] = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
    WD_ALIGN_PARAGRAPH.DISTRIBUTE: "both",
    WD_ALIGN_PARAGRAPH.LEFT: "left",
}
_RUN_CONTAINERS = {
    W + "hyperlink",
    W + "ins",  # a tracked insertion: its text is taken
    W + "smartTag",
    W + "fldSimple",
    W + "sdt",
    W + "sdtContent",
    W + "customXml",
    W + "moveTo",
    W + "dir",
    W + "bdo",
}
"""Elements whose runs are part of the paragraph's text (``w:del`` and ``w:moveFrom`` are not)."""
_BLOCK_CONTAINERS = (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml")

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

_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
"""A .docm, .dotx or .dotm main part: read as a document (macros are never run, only dropped)."""
_STRICT_NAMES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W[1:-1].encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
)
_XML_NAME = re.compile(r"(?:\.xml|\.rels)$", re.IGNORECASE)


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


# -------------------------------------------------------------------------- what is read

DroppedKind = Literal["picture", "deleted", "comment", "header", "footer", "note"]


@record(frozen=True, slots=True)
class Dropped:
    """Something in the file that does not go into the article, named for the report."""

    kind: DroppedKind
    paragraph: int
    """The 1-based paragraph it was in (0: outside the body, as a header or comment)."""
    text: str = ""


@record(frozen=True, slots=True)
class WordParagraph:
    """One paragraph of the body with what its formatting says."""

    line: SourceLine
    style_name: str | None = None
    """The python-docx name of its style (``Title``, ``Heading 1``, ``Normal``)."""
    numbering: str = ""
    """The list number Word shows before it (``1.``, ``一、``) that is not in its text."""
    face: str | None = None
    """The East Asian font set on its runs (``仿宋_GB2312``), style or direct formatting."""
    table: int | None = None
    """The 1-based table it is in, for a paragraph of a table cell."""
    row: int = 0
    cell: int = 0
    text_box: bool = False
    pictures: tuple[PictureData, ...] = ()
    """The pictures in its runs (PNG or JPEG, with their bytes)."""


@record(slots=True)
class WordContent:
    """The body of a Word file in reading order, and what was left out of it."""

    paragraphs: list[WordParagraph] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    merged_tables: set[int] = field(default_factory=set)
    """The tables (1-based) with merged cells: the text of a merge is in its first cell."""
    unusable: list[tuple[int, str]] = field(default_factory=list)
    """(paragraph, why) of each picture that is not a PNG or JPEG, so not kept."""


def docx_lines(data: bytes, source: str) -> list[SourceLine]:
    """The paragraphs of a DOCX as numbered lines (``FileProblem`` when it cannot be read):
    a picture is a ``picture`` line (its caption read into it), a table of figures a ``table``
    line, the 本期要目 box of our export one ``contents`` line."""
    return figure_lines(read_word(data, source))


_TABLE_CAPTION = re.compile(r"^表\s*[0-9０-９一二三四五六七八九十]")
_LAYOUT_ROLES = {"distribution", "contents"}
_FIGURE_ROLES = {"caption", "contents", "picture", "table"}


def figure_lines(content: WordContent) -> list[SourceLine]:
    """The lines of ``content`` with its pictures and tables as figure lines."""
    from .figures import TableData, is_caption

    tables: dict[int, list[WordParagraph]] = {}
    for paragraph in content.paragraphs:
        if paragraph.table is not None:
            tables.setdefault(paragraph.table, []).append(paragraph)
    lines: list[SourceLine] = []
    done: set[int] = set()
    last_picture: PictureData | None = None
    for paragraph in content.paragraphs:
        line = paragraph.line
        table = paragraph.table
        if table is not None:
            cells = tables[table]
            roles = {cell.line.role for cell in cells}
            if "contents" in roles:
                if table not in done:
                    lines.append(SourceLine(line.number, "本期要目", role="contents"))
                done.add(table)
                continue
            if (
                roles & _LAYOUT_ROLES
                or max(cell.cell for cell in cells) < 2
                or len({cell.row for cell in cells}) < 2
            ):
                lines.append(line)
                continue
            if table not in done:
                done.add(table)
                caption = None
                if lines and (
                    lines[-1].role == "table_caption"
                    or (
                        lines[-1].role is None
                        and _TABLE_CAPTION.match(lines[-1].content)
                        and len(lines[-1].content) <= 40
                    )
                ):
                    caption = lines.pop().content
                rows = _cell_rows(cells)
                data = TableData(rows, caption, table in content.merged_tables)
                text = "\n".join("\u3000".join(row) for row in rows)
                lines.append(SourceLine(line.number, text, role="table", figure=data))
            continue
        if paragraph.pictures:
            if line.content:
                lines.append(line)
            for picture in paragraph.pictures:
                lines.append(SourceLine(line.number, "［图片］", role="picture", figure=picture))
            last_picture = paragraph.pictures[-1]
            continue
        if last_picture is not None and line.content:
            ours = line.role == "caption"
            captioned = ours or (line.role is None and is_caption(line.content, line.align))
            if captioned and last_picture.caption is None:
                last_picture.caption = line.content
                last_picture = None
                continue
            last_picture = None
        if line.role in _FIGURE_ROLES:  # no picture or table with it: read by its shape
            line = SourceLine(line.number, line.text, align=line.align, size=line.size,
                              bold=line.bold)  # fmt: skip
        lines.append(line)
    return lines


def _cell_rows(cells: list[WordParagraph]) -> list[list[str]]:
    """Rows of cell text (several paragraphs of a cell joined by line breaks)."""
    grid: dict[int, dict[int, list[str]]] = {}
    width = max(cell.cell for cell in cells)
    for cell in cells:
        texts = grid.setdefault(cell.row, {}).setdefault(cell.cell, [])
        if cell.line.content:
            texts.append(cell.line.content)
    return [["\n".join(grid[r].get(c, [])) for c in range(1, width + 1)] for r in sorted(grid)]


def read_word(data: bytes, source: str) -> WordContent:
    """The body of a Word file (``FileProblem`` when it cannot be read)."""
    document = open_word(data, source)
    body = document.element.body
    refuse_beyond(source, sum(1 for _ in body.iter(W + "p")), MAX_LINES, "原文的段数")
    return _Reader(document).read()


# ------------------------------------------------------------------- the package, vetted


def open_word(data: bytes, source: str) -> Document:
    """A python-docx ``Document`` of ``data``, opened only after the package is vetted."""
    package = vet_package(data, source)
    try:
        return docx.Document(io.BytesIO(package))
    except (KeyError, ValueError, TypeError, AttributeError, etree.LxmlError) as err:
        # a part named by a relationship is missing, or has a content type python-docx refuses
        raise FileProblem(
            source,
            f"不是有效的 DOCX 文件（{_describe(err)}）",
            hint="用 Word 或 WPS 打开后“另存为” .docx 再导入",
        ) from None


_NO_ITEM = re.compile(r"There is no item named '?(?P<name>[^']*)'? in the archive")


def _describe(err: Exception) -> str:
    """What is wrong with the package, in Chinese (the libraries' reasons are English)."""
    text = str(err).strip("'\"")
    missing = _NO_ITEM.search(text)
    if missing is not None:
        return f"缺少其中的 {missing.group('name')}"
    if isinstance(err, KeyError):
        return f"缺少其中的 {text}" if text else "缺少其中的部件"
    if isinstance(err, etree.LxmlError):
        return "其中的 XML 无法解析"
    return "其中的部件不符合 DOCX 的格式"


def _unzip_reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return os_reason(err)
    if isinstance(err, KeyError) or _NO_ITEM.search(str(err)):
        return "缺少这个部件"
    return "压缩数据已损坏"


def vet_package(data: bytes, source: str) -> bytes:
    """The package rebuilt from its checked XML parts; ``FileProblem`` for any hostile sign."""
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
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FileProblem(source, f"DOCX 内部文件过多（超过 {MAX_MEMBERS} 个），不予读取")
        main = _main_part(archive, source)
        parts: dict[str, bytes] = {}
        unpacked = 0
        for info in _xml_first(infos, main):
            if info.is_dir():
                continue
            if not _XML_NAME.search(info.filename):
                if _MEDIA.match(info.filename):  # a picture: kept, bounded as the XML is
                    part = _read_part(archive, info, source)
                    unpacked += len(part)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise FileProblem(source, "DOCX 解压后过大，不予读取")
                    parts[info.filename] = part
                else:
                    parts[info.filename] = b""  # any other binary: never read
                continue
            part = _read_part(archive, info, source)
            unpacked += len(part)
            if unpacked > MAX_UNPACKED_BYTES:
                raise FileProblem(source, "DOCX 解压后过大，不予读取")
            part = _vet_xml(part, source, info.filename)
            if info.filename == "[Content_Types].xml":
                for other in _MAIN_TYPES:
                    part = part.replace(other, _DOCUMENT_TYPE)
            parts[info.filename] = part
    _supply_missing(parts, main)
    return _zip(parts)


def _xml_first(infos: list[zipfile.ZipInfo], main: str) -> list[zipfile.ZipInfo]:
    """The main part first, so its problems are the ones reported."""
    return sorted(infos, key=lambda info: info.filename != main)


def _main_part(archive: zipfile.ZipFile, source: str) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        data = _read_part(archive, archive.getinfo("_rels/.rels"), source)
        rels = _parse(_vet_xml(data, source, "_rels/.rels"), source, "_rels/.rels")
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


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> bytes:
    name = info.filename
    if info.file_size > MAX_PART_BYTES:
        raise FileProblem(source, f"DOCX 中的 {name} 解压后过大，不予读取")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except _UNZIP_ERRORS as err:
        raise FileProblem(source, f"DOCX 中的 {name} 无法解压（{_unzip_reason(err)}）") from None
    if len(data) > MAX_PART_BYTES:
        raise FileProblem(source, f"DOCX 中的 {name} 解压后过大，不予读取")
    return data


def _vet_xml(data: bytes, source: str, name: str) -> bytes:
    """The part with Strict names mapped, after a safe parse has found no DTD in it."""
    for strict, transitional in _STRICT_NAMES:
        data = data.replace(strict, transitional)
    _parse(data, source, name)
    return data


def _parse(data: bytes, source: str, name: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as err:
        # lxml's reason is English: the line says where, the hint what to do
        raise FileProblem(
            source,
            f"DOCX 中的 {name} 不是有效的 XML（第 {err.lineno} 行写坏了，文件可能已损坏）",
            hint="用 Word 或 WPS 打开后“另存为” .docx 再导入",
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FileProblem(source, f"DOCX 中的 {name} 含有 DTD 声明，出于安全原因不予读取")
    return root


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{main}" ContentType="{type}"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{main}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def _supply_missing(parts: dict[str, bytes], main: str) -> None:
    """A package made by hand may lack the two parts python-docx needs to find the text."""
    if "[Content_Types].xml" not in parts:
        text = _CONTENT_TYPES.format(main=main, type=_DOCUMENT_TYPE.decode())
        parts["[Content_Types].xml"] = text.encode()
    if "_rels/.rels" not in parts:
        parts["_rels/.rels"] = _PACKAGE_RELS.format(main=main).encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# -------------------------------------------------------------------------- the body


@record(frozen=True, slots=True)
class _Place:
    """Where a paragraph stands: in a table cell, in a text box."""

    table: int | None = None
    row: int = 0
    cell: int = 0
    text_box: bool = False


class _Reader:
    """One pass over the body; ``read`` returns the paragraphs and what was dropped."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.content = WordContent()
        self.tables = 0
        self.numbering = Numbering.of(document)
        self.style_cache: dict[str | None, _StyleInfo] = {}

    def read(self) -> WordContent:
        self._blocks(self.document.element.body, _Place())
        self._outside_the_body()
        return self.content

    def _blocks(self, element: etree._Element, place: _Place) -> None:
        """Paragraphs in reading order: body, table cells, content controls, text boxes.

        python-docx's ``iter_inner_content`` sees paragraphs and tables only, not content
        controls (``w:sdt``) or text boxes, so the walk is over the lxml elements."""
        for child in element:
            tag = child.tag
            if tag == W + "p":
                for box in _text_boxes(child):
                    self._blocks(box, _Place(place.table, place.row, place.cell, text_box=True))
                self._paragraph(child, place)
            elif tag == W + "tbl":
                self.tables += 1
                self._table(child, self.tables)
            elif tag in _BLOCK_CONTAINERS:
                self._blocks(child, place)

    def _table(self, table: etree._Element, number: int) -> None:
        rows = [child for child in table if child.tag == W + "tr"]
        for r, row in enumerate(rows, start=1):
            cells = [cell for cell in row.iter(W + "tc") if _owner_row(cell) is row]
            for c, cell in enumerate(cells, start=1):
                if cell.find(f"{W}tcPr/{W}gridSpan") is not None:
                    self.content.merged_tables.add(number)
                if _continues_vertical_merge(cell):
                    self.content.merged_tables.add(number)
                    continue  # the text of a merged cell is in its first row
                self._blocks(cell, _Place(number, r, c))

    def _paragraph(self, p: etree._Element, place: _Place) -> None:
        number = len(self.content.paragraphs) + 1
        paragraph = Paragraph(p, self.document._body)
        style = self._style(paragraph)
        ppr = p.find(W + "pPr")
        runs = _RunsRead()
        pictures: list[PictureData] = []
        for r in _runs(p):
            pictures.extend(self._drawings(r, number))
            runs.add(Run(r, paragraph))
        self._deleted(p, number)
        role, text, attribution = _attribution_runs(style.role, runs.pieces)
        line = SourceLine(
            number,
            text,
            role=role,
            align=_direct_alignment(paragraph, ppr) or style.align,
            size=max(runs.sizes) if runs.sizes else style.size,
            bold=all(runs.bolds) if runs.bolds else style.bold,
            attribution=attribution,
            listed=ppr is not None and ppr.find(W + "numPr") is not None,
        )
        self.content.paragraphs.append(
            WordParagraph(
                line,
                style_name=style.name,
                numbering=self.numbering.label(p, style.numbering) if text.strip() else "",
                face=runs.faces[0] if runs.faces else style.face,
                table=place.table,
                row=place.row,
                cell=place.cell,
                text_box=place.text_box,
                pictures=tuple(pictures),
            )
        )

    def _style(self, paragraph: Paragraph) -> _StyleInfo:
        style_id = _style_id(paragraph)
        info = self.style_cache.get(style_id)
        if info is None:
            info = _StyleInfo.of(paragraph)
            self.style_cache[style_id] = info
        return info

    def _drawings(self, run: etree._Element, number: int) -> list[PictureData]:
        """The pictures in a run (not a text box, whose text is read), with their bytes; one
        whose image cannot be found is reported as dropped, one not PNG/JPEG as unusable."""
        found: list[PictureData] = []
        for drawing in (*run.iter(W + "drawing"), *run.iter(W + "pict")):
            box = next(drawing.iter(W + "txbxContent"), None)
            if _inside_fallback(drawing, run) or box is not None:
                continue
            picture = self._picture(drawing)
            if picture is None:
                self.content.dropped.append(Dropped("picture", number))
                continue
            why = usable_picture(picture.data)
            if why is not None:
                self.content.unusable.append((number, why))
                continue
            found.append(picture)
        return found

    def _picture(self, drawing: etree._Element) -> PictureData | None:
        """The image a ``w:drawing`` (``a:blip``) or VML ``w:pict`` (``v:imagedata``) shows.

        python-docx reads the image parts but has no API for the pictures of a paragraph."""
        blip = next(drawing.iter(_A + "blip"), None)
        rel_id = blip.get(_R + "embed") if blip is not None else None
        if rel_id is None:
            image = next(drawing.iter(_V + "imagedata"), None)
            rel_id = image.get(_R + "id") if image is not None else None
        if not rel_id:
            return None
        part = self.document.part.related_parts.get(rel_id)
        blob = getattr(part, "blob", b"") if part is not None else b""
        if not blob:
            return None
        own = next(drawing.iter(_PIC + "cNvPr"), None)
        name = str(part.partname).rsplit("/", 1)[-1] if part is not None else "图片"
        width = None
        if own is not None:
            name = own.get("name") or name
            mark = own.get("descr") or ""
            if mark.startswith(WIDTH_MARK):
                try:
                    width = float(mark[len(WIDTH_MARK) :])
                except ValueError:
                    width = None
        return PictureData(blob, name, width=width)

    def _deleted(self, p: etree._Element, number: int) -> None:
        """Text deleted with track changes on (``w:del``): python-docx has no revisions API."""
        texts = [
            "".join(t.text or "" for t in deleted.iter(W + "delText"))
            for deleted in p.iter(W + "del")
            if _owner_paragraph(deleted) is p
        ]
        for text in texts:
            if text.strip():
                self.content.dropped.append(Dropped("deleted", number, text))

    def _outside_the_body(self) -> None:
        """Headers, footers, comments and notes: never article text, named in the report."""
        for part in self.document.part.package.iter_parts():
            kind: DroppedKind
            if isinstance(part, HeaderPart):
                kind, root = "header", part.element
            elif isinstance(part, FooterPart):
                kind, root = "footer", part.element
            elif isinstance(part, CommentsPart):
                kind, root = "comment", part.element
            elif str(part.partname).endswith(("/footnotes.xml", "/endnotes.xml")):
                # python-docx has no notes part: the vetted XML is parsed here
                kind, root = "note", _parse(part.blob, "", str(part.partname))
            else:
                continue
            for p in root.iter(W + "p"):
                text = "".join(t.text or "" for t in p.iter(W + "t"))
                if text.strip():
                    self.content.dropped.append(Dropped(kind, 0, text))


@record(slots=True)
class _RunsRead:
    """The text of a paragraph's runs and the direct formatting set on them."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)
    """(text, printed in the attribution style of our export)"""
    sizes: list[float] = field(default_factory=list)
    bolds: list[bool] = field(default_factory=list)
    faces: list[str] = field(default_factory=list)

    def add(self, run: Run) -> None:
        text = run.text
        if not text:
            return
        self.pieces.append((text, _run_style(run.element) == ATTRIBUTION_RUN_STYLE))
        size = _font_size(run)
        if size is not None:
            self.sizes.append(size)
        bold = _font_bold(run)
        if bold is not None:
            self.bolds.append(bold)
        face = _east_asian_face(run.element)
        if face:
            self.faces.append(face)


def _attribution_runs(
    role: Role | None, pieces: list[tuple[str, bool]]
) -> tuple[Role | None, str, str | None]:
    """The role, text and attribution of a paragraph whose runs may carry our export's
    attribution style: a paragraph of only such runs is an attribution line; runs at the end
    of a body or brief are its attribution, kept apart from the text."""
    text = "".join(piece for piece, _ in pieces)
    marked = "".join(piece for piece, styled in pieces if styled)
    plain = "".join(piece for piece, styled in pieces if not styled)
    if marked and role in (None, "body", "brief", "attribution"):
        if not strip_spaces(plain):
            return "attribution", text, None
        if role in ("body", "brief") and pieces[-1][1]:
            return role, plain, marked
    return role, text, None


@record(frozen=True, slots=True)
class _StyleInfo:
    """What a paragraph style (with the styles it is based on) says about its paragraphs."""

    name: str | None = None
    role: Role | None = None
    align: Align | None = None
    size: float | None = None
    bold: bool = False
    face: str | None = None
    numbering: etree._Element | None = None
    """The ``w:numPr`` of the style chain, for paragraphs numbered by their style."""

    @classmethod
    def of(cls, paragraph: Paragraph) -> _StyleInfo:
        chain = _style_chain(paragraph)
        if not chain:
            return cls()
        role = next((STYLE_ROLES[s.style_id] for s in chain if s.style_id in STYLE_ROLES), None)
        return cls(
            name=chain[0].name,
            role=role,
            align=next((a for s in chain if (a := _style_alignment(s)) is not None), None),
            size=next((z for s in chain if (z := _style_size(s)) is not None), None),
            bold=next((b for s in chain if (b := _style_bold(s)) is not None), False),
            face=next((f for s in chain if (f := _east_asian_face(s.element)) is not None), None),
            numbering=next(
                (n for s in chain if (n := s.element.find(f"{W}pPr/{W}numPr")) is not None),
                None,
            ),
        )


def _style_id(paragraph: Paragraph) -> str | None:
    ppr = paragraph._p.pPr
    return ppr.style if ppr is not None else None


def _style_chain(paragraph: Paragraph) -> list[ParagraphStyle]:
    """The paragraph's own style, then each it is based on (a loop is cut)."""
    if _style_id(paragraph) is None:
        return []
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return []
    chain: list[ParagraphStyle] = []
    seen: set[str] = set()
    while isinstance(style, ParagraphStyle) and style.style_id not in seen:
        seen.add(style.style_id)
        chain.append(style)
        try:
            style = style.base_style
        except (KeyError, ValueError):
            break
    return chain


def _style_alignment(style: ParagraphStyle) -> Align | None:
    try:
        value = style.paragraph_format.alignment
    except ValueError:
        return _alignment_value(style.element.find(f"{W}pPr/{W}jc"))
    return _ALIGN_OF_ENUM.get(value) if value is not None else None


def _direct_alignment(paragraph: Paragraph, ppr: etree._Element | None) -> Align | None:
    """python-docx knows only the transitional values: ``start``/``end`` are read with lxml."""
    try:
        value = paragraph.paragraph_format.alignment
    except ValueError:
        return _alignment_value(ppr.find(W + "jc") if ppr is not None else None)
    return _ALIGN_OF_ENUM.get(value) if value is not None else None


def _alignment_value(jc: etree._Element | None) -> Align | None:
    return _ALIGN.get(jc.get(W + "val") or "") if jc is not None else None


def _style_size(style: ParagraphStyle) -> float | None:
    try:
        size = style.font.size
    except ValueError:
        return None
    return size.pt if size is not None else None


def _style_bold(style: ParagraphStyle) -> bool | None:
    try:
        bold: bool | None = style.font.bold
        return bold
    except ValueError:
        return None


def _font_size(run: Run) -> float | None:
    try:
        size = run.font.size
    except ValueError:
        return None
    return size.pt if size is not None else None


def _font_bold(run: Run) -> bool | None:
    try:
        return run.font.bold
    except ValueError:
        return None


def _east_asian_face(element: etree._Element) -> str | None:
    """``w:rFonts/@w:eastAsia`` (python-docx's ``font.name`` is the Latin face only)."""
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return (fonts.get(W + "eastAsia") or None) if fonts is not None else None


def _run_style(run: etree._Element) -> str | None:
    style = run.find(f"{W}rPr/{W}rStyle")
    return style.get(W + "val") if style is not None else None


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph, also inside hyperlinks, insertions and content controls.

    python-docx's ``Paragraph.runs`` holds only the paragraph's direct ``w:r`` children."""
    for child in element:
        if child.tag == W + "r":
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    for box in paragraph.iter(W + "txbxContent"):
        if _inside_fallback(box, paragraph):
            continue
        yield box


def _inside_fallback(element: etree._Element, stop: etree._Element) -> bool:
    """Inside ``mc:Fallback``: the same content again, for older readers."""
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def _owner_paragraph(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent


def _owner_row(cell: etree._Element) -> etree._Element | None:
    parent = cell.getparent()
    while parent is not None and parent.tag != W + "tr":
        parent = parent.getparent()
    return parent


def _continues_vertical_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and (merge.get(W + "val") or "continue") == "continue"

"""``add --from``: one article from a unit's Word or text file, as units really write them.

Each test builds the unit's file with python-docx (or as text in the unit's encoding), reads it,
and compares title, subtitle, body and sources exactly. Every piece of text of the file, taken
from its XML independently of the reader, is in the article or named in the findings.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_properties import LINE
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.importer.article import ArticleReading, read_article_file
from bulletin_cli.importer.text import end_attribution
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.profile import Profile

runner = CliRunner()
PROFILE = Profile(
    sections=["工作动态", "基层动态"],
    units=["市总办公室", "吴中区总工会", "常熟市总工会"],
    unit_sections={"吴中区总工会": "基层动态"},
)
BODY = [
    "1月10日，吴中区总工会开展送温暖活动，走访慰问困难职工120户。",
    "活动中，区总工会负责人深入企业和社区，送去慰问金和慰问品。",
]


def _title(doc: DocumentObject, text: str, *, size: float = 22, centred: bool = True) -> None:
    paragraph = doc.add_paragraph()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).font.size = Pt(size)


def _body(doc: DocumentObject, texts: list[str] = BODY) -> None:
    for text in texts:
        doc.add_paragraph("\u3000\u3000" + text).runs[0].font.size = Pt(16)


def _save(doc: DocumentObject, folder: Path, name: str) -> Path:
    path = folder / name
    doc.save(str(path))
    return path


def _file_text(path: Path) -> list[str]:
    """Every run of text of the file's XML parts (body, headers, footers, comments)."""
    pieces: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                pieces += re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)</w:", xml)
    return [piece for piece in pieces if piece.strip()]


def _words(text: str) -> str:
    """The letters and digits of a text: what must survive (brackets, dashes, labels' colons
    and spaces are the markup the reader reads)."""
    return "".join(ch for ch in text if ch.isalnum())


def _assert_accounted(path: Path, reading: ArticleReading) -> None:
    kept = _words(reading.accounted_text())
    for piece in _file_text(path):
        assert _words(piece) in kept, piece


def _read(path: Path) -> ArticleReading:
    reading = read_article_file(path, profile=PROFILE)
    if path.suffix == ".docx":
        _assert_accounted(path, reading)
    return reading


# ------------------------------------------------------------------- where units put things


def test_centred_title_dash_subtitle_and_bracketed_office_at_the_end(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "吴中区总工会开展送温暖活动")
    doc.add_paragraph("——走访慰问困难职工120户").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(doc, [BODY[0], BODY[1] + "\u3000\u3000（市总办公室）"])
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.title == "吴中区总工会开展送温暖活动"
    assert reading.subtitle == "走访慰问困难职工120户"
    assert reading.paragraphs == BODY
    assert reading.sources == ["市总办公室"]


@pytest.mark.parametrize(
    ("line", "units"),
    [
        ("供稿：吴中区总工会", ["吴中区总工会"]),
        ("供稿单位：吴中区总工会、市总办公室", ["吴中区总工会", "市总办公室"]),
        ("（吴中区总工会供稿）", ["吴中区总工会"]),
        ("吴中区总工会 供稿", ["吴中区总工会"]),
        ("（吴中区总工会）", ["吴中区总工会"]),
        ("吴中区总工会", ["吴中区总工会"]),
    ],
)
def test_attribution_on_its_own_line_at_the_end(
    tmp_path: Path, line: str, units: list[str]
) -> None:
    doc = Document()
    _title(doc, "吴中区总工会开展送温暖活动")
    _body(doc)
    doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert (reading.title, reading.subtitle) == ("吴中区总工会开展送温暖活动", None)
    assert reading.paragraphs == BODY
    assert reading.sources == units


@pytest.mark.parametrize("line", ["供稿：吴中区总工会", "（吴中区总工会）"])
def test_unit_under_the_title(tmp_path: Path, line: str) -> None:
    doc = Document()
    _title(doc, "吴中区总工会开展送温暖活动")
    doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.subtitle is None
    assert reading.paragraphs == BODY
    assert reading.sources == ["吴中区总工会"]


def test_people_are_not_units(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "吴中区总工会开展送温暖活动")
    _body(doc)
    doc.add_paragraph("（吴中区总工会）")
    doc.add_paragraph("撰稿：张三　审核：李四")
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.sources == ["吴中区总工会"]
    assert reading.paragraphs == BODY
    assert reading.people == ["撰稿：张三　审核：李四"]


def test_a_unit_and_people_on_one_line(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "吴中区总工会开展送温暖活动")
    _body(doc)
    doc.add_paragraph("供稿：吴中区总工会　撰稿：张三")
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.sources == ["吴中区总工会"]
    assert reading.people == ["撰稿：张三"]


def test_unit_line_at_the_top(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("常熟市总工会")
    _title(doc, "常熟市总工会召开全委会议")
    _body(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.title == "常熟市总工会召开全委会议"
    assert reading.paragraphs == BODY
    assert reading.sources == ["常熟市总工会"]
    assert reading.sources_from == "文首单位行"


def test_the_unit_from_the_file_name(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "开展送温暖活动")
    _body(doc)
    reading = _read(_save(doc, tmp_path, "稿件-吴中区总工会.docx"))
    assert reading.sources == ["吴中区总工会"]
    assert reading.sources_from == "文件名"


def test_a_file_named_after_its_title_names_no_unit(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "关于开展送温暖活动的情况")
    _body(doc)
    reading = _read(_save(doc, tmp_path, "关于开展送温暖活动的情况.docx"))
    assert reading.sources == []
    assert any("没有找到供稿单位" in finding for finding in reading.findings)


def test_signature_with_a_date_at_the_end(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "开展送温暖活动")
    _body(doc)
    doc.add_paragraph("吴中区总工会").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("2012年1月12日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.paragraphs == BODY
    assert reading.sources == ["吴中区总工会"]
    assert reading.dropped == ["2012年1月12日"]


# ----------------------------------------------------------------- how titles are marked


@pytest.mark.parametrize("style", ["Title", "Heading 1"])
def test_title_in_a_heading_style(tmp_path: Path, style: str) -> None:
    doc = Document()
    doc.add_paragraph("吴中区总工会开展送温暖活动", style=style)
    _body(doc)
    doc.add_paragraph("（吴中区总工会）")
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.title == "吴中区总工会开展送温暖活动"
    assert reading.paragraphs == BODY


def test_title_in_bold_a_long_one(tmp_path: Path) -> None:
    title = (
        "吴中区总工会深入开展“送温暖”活动，走访慰问困难职工、劳动模范和一线职工家庭共计一百二十户"
    )
    doc = Document()
    doc.add_paragraph().add_run(title).bold = True
    _body(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.title == title
    assert reading.paragraphs == BODY


def test_plain_text_first_short_line_and_a_second_short_line(tmp_path: Path) -> None:
    text = "开展送温暖活动\n走访慰问困难职工\n\n" + "\n".join(BODY) + "\n（吴中区总工会）\n"
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    reading = _read(path)
    assert (reading.title, reading.subtitle) == ("开展送温暖活动", "走访慰问困难职工")
    assert reading.paragraphs == BODY
    assert reading.sources == ["吴中区总工会"]


def test_first_line_a_sentence_gives_no_title(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("\n".join(BODY) + "\n（吴中区总工会）\n", encoding="utf-8")
    reading = _read(path)
    assert reading.title == ""
    assert reading.paragraphs == BODY
    assert any("没有找到标题" in finding for finding in reading.findings)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_text_files_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    text = "开展送温暖活动\r\n\r\n　　" + "\r\n　　".join(BODY) + "\r\n（吴中区总工会）\r\n"
    path = tmp_path / "x.txt"
    path.write_bytes(text.encode(encoding))
    reading = _read(path)
    assert (reading.title, reading.paragraphs, reading.sources) == (
        "开展送温暖活动",
        BODY,
        ["吴中区总工会"],
    )


def test_an_old_word_file_says_to_save_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "稿件.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(FileProblem, match=re.escape("另存为” .docx")):
        read_article_file(path, profile=PROFILE)


# ------------------------------------------------------------------------- Word variants


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _standard(doc: DocumentObject) -> None:
    _title(doc, "开展送温暖活动")


def _closing(doc: DocumentObject) -> None:
    doc.add_paragraph("（吴中区总工会）")


def _numbered(doc: DocumentObject) -> None:
    doc.add_paragraph("走访困难职工。", style="List Number")
    doc.add_paragraph("发放慰问金。", style="List Number")


def _table(doc: DocumentObject) -> None:
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([["项目", "户数", "金额"], ["困难职工", "120", "36万元"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _picture(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()))


def _text_box(doc: DocumentObject) -> None:
    paragraph = doc.add_paragraph()
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>文本框里的说明文字。</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(box)  # python-docx cannot write text boxes


_DRAWING_BOX = (
    '<w:r {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>'
    "<wps:txbx><w:txbxContent><w:p><w:r><w:t>框内的文字。</w:t></w:r></w:p></w:txbxContent>"
    "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内的文字。</w:t>"
    "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def _drawing_text_box(doc: DocumentObject) -> None:
    """A text box as Word 2010+ writes it: DrawingML, with a VML copy for older readers."""
    doc.add_paragraph()._p.append(parse_xml(_DRAWING_BOX.format(w=nsdecls("w"))))


def _line_breaks(doc: DocumentObject) -> None:
    paragraph = doc.add_paragraph("第一行写完了。")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行接着写。")


def _page_break_and_empty(doc: DocumentObject) -> None:
    doc.add_paragraph("")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("\u3000\u3000")


def _tracked(doc: DocumentObject) -> None:
    paragraph = doc.add_paragraph("会议强调，")
    paragraph._p.append(  # python-docx cannot write revisions
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>要把温暖送到职工心坎上。</w:t>'
            "</w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删掉的一句话。</w:delText>'
            "</w:r></w:del>"
        )
    )


def _comment(doc: DocumentObject) -> None:
    paragraph = doc.add_paragraph("活动持续到月底。")
    doc.add_comment(paragraph.runs, text="这句请核实", author="办公室")


def _header_footer(doc: DocumentObject) -> None:
    doc.sections[0].header.paragraphs[0].text = "吴中区总工会文件"
    doc.sections[0].footer.paragraphs[0].text = "第 1 页"


def _fangsong(doc: DocumentObject) -> None:
    """Every paragraph in 仿宋 by direct formatting; the title only in 方正小标宋."""
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
            face = "方正小标宋简体" if paragraph.text == "开展送温暖活动" else "仿宋_GB2312"
            fonts.set(qn("w:eastAsia"), face)
            run.font.size = Pt(16)


Variant = tuple[Callable[[DocumentObject], None], list[str], str]
VARIANTS: dict[str, Variant] = {
    "numbered": (_numbered, ["1.走访困难职工。", "2.发放慰问金。"], "自动编号"),
    "table": (_table, [], "表格 1 按表格保留（2 行）"),
    "picture": (_picture, [], "图片 1 张已保留"),
    "text-box": (_text_box, ["文本框里的说明文字。"], "文本框"),
    "text-box-drawingml": (_drawing_text_box, ["框内的文字。"], "文本框中的文字已写入正文（1 段）"),
    "line-breaks": (_line_breaks, ["第一行写完了。", "第二行接着写。"], "段内换行"),
    "page-break-and-empty": (_page_break_and_empty, [], ""),
    "tracked": (_tracked, ["会议强调，要把温暖送到职工心坎上。"], "修订中删除的文字未导入"),
    "comment": (_comment, ["活动持续到月底。"], "批注未导入：“这句请核实”"),
    "header-footer": (_header_footer, [], "页眉未导入：“吴中区总工会文件”"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_word_variants(tmp_path: Path, name: str) -> None:
    add, extra, finding = VARIANTS[name]
    doc = Document()
    _standard(doc)
    _body(doc)
    add(doc)
    _closing(doc)
    reading = _read(_save(doc, tmp_path, f"{name}.docx"))
    assert reading.title == "开展送温暖活动"
    assert reading.paragraphs == BODY + extra
    assert reading.sources == ["吴中区总工会"]
    if finding:
        assert any(finding in text for text in reading.findings), reading.findings
    else:
        assert reading.findings == []


def test_fangsong_by_direct_formatting_and_a_title_face(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("开展送温暖活动")
    _body(doc, ["1月10日，区总工会开展活动。", "活动走访困难职工，送去慰问金。"])
    _closing(doc)
    _fangsong(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.title == "开展送温暖活动"
    assert reading.paragraphs == ["1月10日，区总工会开展活动。", "活动走访困难职工，送去慰问金。"]
    assert reading.sources == ["吴中区总工会"]


def test_second_short_centred_line_is_the_subtitle(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "开展送温暖活动")
    doc.add_paragraph("走访慰问困难职工").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(doc)
    _closing(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.subtitle == "走访慰问困难职工"
    assert reading.paragraphs == BODY


def test_numbered_points_inside_the_body_stay_body(tmp_path: Path) -> None:
    doc = Document()
    _title(doc, "开展送温暖活动")
    doc.add_paragraph("一、走访慰问")
    _body(doc)
    _closing(doc)
    reading = _read(_save(doc, tmp_path, "x.docx"))
    assert reading.subtitle is None
    assert reading.paragraphs == ["一、走访慰问", *BODY]


# ---------------------------------------------------------------------------- the command


@pytest.fixture
def issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bulletin.toml").write_text(
        '[bulletin]\nsections = ["工作动态", "基层动态"]\nunits = ["吴中区总工会", "市总办公室"]\n'
        '[unit_sections]\n"吴中区总工会" = "基层动态"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "--date", "2012-01-20"])
    assert result.exit_code == 0, result.output
    return tmp_path / "issues" / "2012-01.toml"


def _unit_file(folder: Path, name: str = "稿件-吴中区总工会.docx") -> Path:
    doc = Document()
    _title(doc, "开展送温暖活动")
    doc.add_paragraph("——走访慰问困难职工")
    _body(doc)
    return _save(doc, folder, name)


def test_add_from_writes_what_was_read_with_the_units_section(issue: Path) -> None:
    source = _unit_file(issue.parent.parent)
    result = runner.invoke(app, ["add", str(issue), "--from", str(source)])
    assert result.exit_code == 0, result.output
    assert "标题：开展送温暖活动" in result.stderr
    assert "供稿单位：吴中区总工会（来自文件名）" in result.stderr
    article = load_issue(issue).issue.articles[0]
    assert (article.section, article.title, article.subtitle) == (
        "基层动态",
        "开展送温暖活动",
        "走访慰问困难职工",
    )
    assert article.sources == ["吴中区总工会"]
    assert article.paragraphs == BODY


def test_add_from_options_override_what_was_read(issue: Path) -> None:
    source = _unit_file(issue.parent.parent)
    args = ["add", str(issue), "--from", str(source), "-s", "工作动态", "-t", "新标题"]
    result = runner.invoke(app, [*args, "-u", "市总办公室", "--subtitle", ""])
    assert result.exit_code == 0, result.output
    article = load_issue(issue).issue.articles[0]
    assert (article.section, article.title, article.subtitle, article.sources) == (
        "工作动态",
        "新标题",
        None,
        ["市总办公室"],
    )


def test_add_from_without_a_section_in_a_script_is_a_usage_error(issue: Path) -> None:
    source = _unit_file(issue.parent.parent, "稿件.docx")
    before = issue.read_bytes()
    result = runner.invoke(app, ["add", str(issue), "--from", str(source)])
    assert result.exit_code == 2
    assert "--section" in result.stderr
    assert issue.read_bytes() == before


def test_add_from_refuses_an_article_that_fails_check(issue: Path) -> None:
    doc = Document()
    doc.add_paragraph("　　" + BODY[0])  # no title: T001 is an error
    source = _save(doc, issue.parent.parent, "稿件-吴中区总工会.docx")
    before = issue.read_bytes()
    result = runner.invoke(app, ["add", str(issue), "--from", str(source)])
    assert result.exit_code == 1, result.output
    assert issue.read_bytes() == before


def test_add_from_an_unreadable_file_exits_3(issue: Path) -> None:
    source = issue.parent.parent / "坏.docx"
    source.write_bytes(b"PK\x03\x04broken")
    result = runner.invoke(app, ["add", str(issue), "--from", str(source), "-s", "工作动态"])
    assert result.exit_code == 3
    assert "zip" in result.stderr


def test_add_from_with_body_is_a_usage_error(issue: Path) -> None:
    source = _unit_file(issue.parent.parent)
    result = runner.invoke(app, ["add", str(issue), "--from", str(source), "-b", "正文"])
    assert result.exit_code == 2


def test_reading_a_docx_as_paragraph_objects_stays_python_docx(tmp_path: Path) -> None:
    """The reader's paragraphs are python-docx's: a check that the library does the reading."""
    from bulletin_cli.importer.docx import open_word

    source = _unit_file(tmp_path)
    document = open_word(source.read_bytes(), str(source))
    assert isinstance(document.paragraphs[0], Paragraph)
    assert document.paragraphs[0].text == "开展送温暖活动"


def test_at_a_terminal_the_clerk_corrects_what_was_read_before_it_is_written(
    issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bulletin_cli.cli.collect_command as command

    monkeypatch.setattr(command, "stdin_is_terminal", lambda: True)
    source = _unit_file(issue.parent.parent)
    # 栏目: keep; 标题: corrected; 副标题: keep; 供稿单位: keep; 写入: yes
    answers = "\n市总工会开展送温暖活动\n\n\ny\n"
    result = runner.invoke(app, ["add", str(issue), "--from", str(source)], input=answers)
    assert result.exit_code == 0, result.output
    article = load_issue(issue).issue.articles[0]
    assert (article.section, article.title, article.subtitle, article.sources) == (
        "基层动态",
        "市总工会开展送温暖活动",
        "走访慰问困难职工",
        ["吴中区总工会"],
    )


def test_at_a_terminal_the_clerk_may_decline(issue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bulletin_cli.cli.collect_command as command

    monkeypatch.setattr(command, "stdin_is_terminal", lambda: True)
    source = _unit_file(issue.parent.parent)
    before = issue.read_bytes()
    result = runner.invoke(app, ["add", str(issue), "--from", str(source)], input="\n\n\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "未写入" in result.stderr
    assert issue.read_bytes() == before


# ------------------------------------------------------------------------------ properties

_UNIT_LINES = st.one_of(
    LINE,
    st.sampled_from(
        [
            "撰稿：张三　审核：李四",
            "供稿：吴中区总工会",
            "吴中区总工会 供稿",
            "（吴中区总工会供稿）",
            "吴中区总工会",
            "2012年1月12日",
        ]
    ),
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(_UNIT_LINES, min_size=1, max_size=25))
def test_a_unit_text_file_is_read_or_refused_and_no_text_is_lost(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "稿件.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        reading = read_article_file(path, profile=PROFILE)
    except FileProblem as err:
        assert err.exit_code == 3
        return
    kept = _words(reading.accounted_text())
    lost = [line for line in lines if not _kept(line, kept)]
    assert lost == []


def _kept(line: str, kept: str) -> bool:
    """The words of ``line`` are kept: together, or as a text and the units at its end."""
    if _words(line) in kept:
        return True
    found = end_attribution(line.strip(" \t\u3000"))
    return found is not None and all(_words(part) in kept for part in [found[0], *found[1]])


def _with_footnote(path: Path, text: str) -> None:
    """Add a footnotes part (python-docx cannot write one) holding ``text``."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    members["word/footnotes.xml"] = (
        f'<w:footnotes xmlns:w="{w}"><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    ).encode()
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_footnotes_are_named_as_dropped(tmp_path: Path) -> None:
    doc = Document()
    _standard(doc)
    _body(doc)
    _closing(doc)
    path = _save(doc, tmp_path, "x.docx")
    _with_footnote(path, "数据来自区总工会统计。")
    reading = _read(path)
    assert reading.paragraphs == BODY
    assert any("脚注、尾注未导入：“数据来自区总工会统计。”" in f for f in reading.findings)


def test_add_from_to_a_missing_issue_exits_3_before_reading(issue: Path) -> None:
    source = _unit_file(issue.parent.parent)
    missing = issue.parent / "2012-09.toml"
    result = runner.invoke(app, ["add", str(missing), "--from", str(source)])
    assert result.exit_code == 3
    assert "读到" not in result.stderr

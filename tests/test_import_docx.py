"""Importing DOCX bulletins: our own export, one made by hand in Word or WPS, and bad files."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.errors import FileProblem
from bulletin_cli.export import STYLE_IDS, build_docx, with_profile_defaults
from bulletin_cli.importer import import_docx_bytes, import_file
from bulletin_cli.importer.docx import ATTRIBUTION_RUN_STYLE, STYLE_ROLES
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.profile import Profile, load_profile

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture(scope="module")
def office() -> Profile:
    return load_profile(FIXTURES / "bulletin.toml")


def test_every_export_style_is_recognised() -> None:
    known = {*STYLE_ROLES, ATTRIBUTION_RUN_STYLE, "BulletinNoteLabel", "BulletinPageNumber"}
    assert set(STYLE_IDS) <= known
    assert set(STYLE_ROLES) <= set(STYLE_IDS)


# ----------------------------------------------------------------------- made by hand


def _hand_made(path: Path) -> list[str]:
    """A bulletin as a clerk types it in Word: Normal style only, formatting by hand.

    Returns the text of every paragraph and table cell, for the never-loses-text check."""
    doc = Document()
    texts: list[str] = []

    def para(
        text: str,
        align: WD_ALIGN_PARAGRAPH | None = None,
        size: float | None = None,
        bold: bool = False,
        red: bool = False,
    ) -> None:
        paragraph = doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        run.font.bold = bold
        if red:
            run.font.color.rgb = RGBColor(0xFF, 0, 0)
        texts.append(text)

    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    para("苏州工会工作简报", center, 42, red=True)
    para("第2期（总第216期）", center, 16)
    para("苏州市总工会办公室编\t\t\t2012年2月10日")
    para("")
    para("一、工作动态", bold=True, size=16)
    para("市总工会召开全委会议", center, 22)
    para("——部署全年工作", center, 16)
    para("　　2月8日，市总工会召开全委会议，部署全年工作。", WD_ALIGN_PARAGRAPH.JUSTIFY, 16)
    para("　　会议要求，各级工会要服务大局。", WD_ALIGN_PARAGRAPH.JUSTIFY, 16)
    para("（市总办公室、研究室）", right, 16)
    para("市总工会开展春风行动", center, 22)
    para("　　2月9日，市总工会开展春风行动。        （市总生活部）", WD_ALIGN_PARAGRAPH.JUSTIFY, 16)
    para("二、基层交流", bold=True, size=16)
    para("短标题", center, 22)
    para("张家港市总工会建成职工服务中心9个。", WD_ALIGN_PARAGRAPH.JUSTIFY, 16)
    para("张家港市总工会", right, 16)
    para("")
    table = doc.add_table(rows=3, cols=1)
    for cell, text in zip(
        table.columns[0].cells,
        ["报：省总工会，市委、市政府领导。", "发：各市、区总工会。", "（共印50份）"],
        strict=True,
    ):
        cell.text = text
        texts.append(text)
    doc.save(str(path))
    return texts


def test_hand_made_docx(tmp_path: Path, office: Profile) -> None:
    source = tmp_path / "第2期.docx"
    texts = _hand_made(source)
    result = import_file(source, profile=office)
    issue = result.issue
    assert result.report.kind == "docx"
    assert issue.name == "苏州工会工作简报"
    assert (issue.number, issue.total, issue.date) == (2, 216, dt.date(2012, 2, 10))
    assert issue.editor == "苏州市总工会办公室"
    assert [(a.section, a.title, a.subtitle, a.sources) for a in issue.articles] == [
        ("工作动态", "市总工会召开全委会议", "部署全年工作", ["市总办公室", "研究室"]),
        ("工作动态", "市总工会开展春风行动", None, ["市总生活部"]),
        ("基层交流", "短标题", None, ["张家港市总工会"]),
    ]
    assert issue.articles[0].paragraphs == [
        "2月8日，市总工会召开全委会议，部署全年工作。",
        "会议要求，各级工会要服务大局。",
    ]
    assert issue.articles[2].paragraphs == ["张家港市总工会建成职工服务中心9个。"]
    assert issue.distribution is not None
    assert issue.distribution.report == ["省总工会", "市委、市政府领导"]
    assert issue.distribution.distribute == ["各市、区总工会"]
    assert issue.distribution.copies == 50
    from test_import_text import lost_lines

    assert lost_lines(texts, issue) == []
    # paragraph numbers, not line numbers, point the clerk to the place
    assert result.report.unit == "段"
    assert "第 16 段：右对齐的一行当作供稿单位 ——“张家港市总工会”" in [
        result.report.describe_guess(g) for g in result.report.guesses
    ]


# ---------------------------------------------------------------------- our own export


def test_the_example_survives_export_and_import() -> None:
    profile = load_profile(REPO / "bulletin.toml")
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    result = import_docx_bytes(build_docx(example, profile), profile=profile)
    assert result.issue == example
    assert result.report.guesses == []
    assert (result.report.sections, result.report.articles, result.report.attributions) == (
        2,
        11,
        11,
    )


def test_the_reference_is_stable_through_export(tmp_path: Path) -> None:
    """import → export → import gives the same issue."""
    profile = load_profile(REPO / "bulletin.toml")
    first = import_file(
        Path(__file__).resolve().parent / "data" / "suzhou-union-bulletin-2012-01.txt",
        number=1,
        date=dt.date(2012, 1, 20),
        profile=profile,
    ).issue
    again = import_docx_bytes(build_docx(first, profile), profile=profile).issue
    assert again.articles == first.articles
    assert (again.number, again.date) == (first.number, first.date)
    twice = import_docx_bytes(build_docx(again, profile), profile=profile).issue
    assert twice == again


# ------------------------------------------------------------------------------ garbage


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""


_BAD_DOCX: dict[str, tuple[Callable[[], bytes], str]] = {
    "text": (lambda: b"just some text, not a zip", "不是有效的 DOCX 文件（不是 zip 压缩包）"),
    "broken-zip": (lambda: b"PK\x03\x04broken", "不是有效的 DOCX 文件（zip 压缩包已损坏）"),
    "no-document": (
        lambda: _zip({"hello.txt": b"hi"}),
        "不是有效的 DOCX 文件（找不到正文 word/document.xml）",
    ),
    "bad-xml": (
        lambda: _zip({"word/document.xml": b"<w:document"}),
        "DOCX 中的 word/document.xml 不是有效的 XML",
    ),
    "xxe": (
        lambda: _zip({"word/document.xml": _XXE}),
        "DOCX 中的 word/document.xml 含有 DTD 声明，出于安全原因不予读取",
    ),
    "zip-bomb": (
        lambda: _zip({"word/document.xml": b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>"}),
        "DOCX 中的 word/document.xml 解压后过大，不予读取",
    ),
    "members": (
        lambda: _zip({f"m{i}": b"" for i in range(5001)}),
        "DOCX 内部文件过多（超过 5000 个），不予读取",
    ),
}


@pytest.mark.parametrize("case", sorted(_BAD_DOCX))
def test_bad_docx_is_a_clear_file_problem(tmp_path: Path, case: str) -> None:
    make, message = _BAD_DOCX[case]
    source = tmp_path / "bad.docx"
    source.write_bytes(make())
    with pytest.raises(FileProblem) as caught:
        import_file(source)
    assert caught.value.exit_code == 3
    assert str(caught.value).startswith(f"{source}: {message}")
    assert "root:" not in str(caught.value)
    reason = str(caught.value).splitlines()[0].removeprefix(f"{source}: ")
    for name in ("DOCX", "zip", "XML", "DTD", "word/document.xml"):
        reason = reason.replace(name, "")
    assert not re.search("[A-Za-z]{3,}", reason), str(caught.value)  # no English reason


def test_a_docx_with_no_text_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "empty.docx"
    Document().save(str(source))
    with pytest.raises(FileProblem, match="没有找到任何稿件"):
        import_file(source)


def test_an_old_doc_file_says_what_to_do(tmp_path: Path) -> None:
    source = tmp_path / "old.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    with pytest.raises(FileProblem, match=re.escape("另存为” .docx")):
        import_file(source)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_every_text_fixture_is_stable_through_export(path: Path, office: Profile) -> None:
    first = import_file(path, profile=office).issue
    again = import_docx_bytes(build_docx(first, office), profile=office).issue
    assert again == with_profile_defaults(first, office)


def test_strict_open_xml_reads_like_transitional(office: Profile) -> None:
    """Word's "Strict Open XML Document" names the same elements in another namespace."""
    first = import_file(FIXTURES / "masthead-gbk-crlf.txt", profile=office).issue
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(build_docx(first, office))) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name).replace(
                b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                b"http://purl.oclc.org/ooxml/wordprocessingml/main",
            )
    again = import_docx_bytes(_zip(members), profile=office).issue
    assert again == with_profile_defaults(first, office)


@pytest.mark.parametrize("formatted", [False, True], ids=["plain", "centred-and-right-aligned"])
def test_the_reference_typed_into_word_imports_like_the_text(
    tmp_path: Path, formatted: bool
) -> None:
    """Each line of the reference a Normal paragraph; optionally titles centred and
    attributions on their own line right-aligned, as a clerk formats them by hand."""
    profile = load_profile(REPO / "bulletin.toml")
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    titles = {a.title for a in example.articles} | {a.subtitle for a in example.articles}
    doc = Document()
    reference = Path(__file__).resolve().parent / "data" / "suzhou-union-bulletin-2012-01.txt"
    for line in reference.read_text(encoding="utf-8").split("\n"):
        paragraph = doc.add_paragraph(line)
        text = line.strip(" \u3000")
        if formatted and text in titles:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif formatted and text.startswith("（") and text.endswith("）"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    source = tmp_path / "typed.docx"
    doc.save(str(source))
    result = import_file(source, profile=profile)
    assert result.issue.articles == example.articles
    expected = [] if formatted else [(3, "标题下的第二行短句当作副标题")]
    assert [(g.line, g.message) for g in result.report.guesses] == expected


_EXAMPLE_DOCX: list[bytes] = []


def _example_docx() -> bytes:
    if not _EXAMPLE_DOCX:
        profile = load_profile(REPO / "bulletin.toml")
        _EXAMPLE_DOCX.append(
            build_docx(load_issue(REPO / "issues" / "2012-01.toml").issue, profile)
        )
    return _EXAMPLE_DOCX[0]


@settings(max_examples=150, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=40000),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
)
def test_a_damaged_docx_is_read_or_refused_never_a_crash(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(_example_docx())
    for position, value in flips:
        data[position % len(data)] = value
    damaged = bytes(data[: len(data) - cut % len(data)])
    try:
        import_docx_bytes(damaged)
    except FileProblem as err:
        assert err.exit_code == 3


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROLE_STYLES = [*STYLE_ROLES, "Normal", "Heading1", "NoSuchStyle"]


@settings(max_examples=120, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.integers(min_value=0), st.sampled_from(_ROLE_STYLES)),
        min_size=1,
        max_size=30,
    )
)
def test_styles_in_any_order_never_crash_or_lose_text(picks: list[tuple[int, str]]) -> None:
    """Paragraphs of our export, shuffled and restyled at random: still read, nothing lost."""
    from lxml import etree  # type: ignore[import-untyped]
    from test_import_text import lost_lines

    with zipfile.ZipFile(io.BytesIO(_example_docx())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    body = root.find(_W + "body")
    paragraphs = [p for p in body if p.tag == _W + "p"]
    section = body[-1]
    for child in list(body):
        body.remove(child)
    texts = []
    for index, style in picks:
        paragraph = copy.deepcopy(paragraphs[index % len(paragraphs)])
        ppr = paragraph.find(_W + "pPr")
        if ppr is None:
            ppr = etree.SubElement(paragraph, _W + "pPr")
            paragraph.insert(0, ppr)
        for old in ppr.findall(_W + "pStyle"):
            ppr.remove(old)
        etree.SubElement(ppr, _W + "pStyle").set(_W + "val", style)
        body.append(paragraph)
        texts.append("".join(t.text or "" for t in paragraph.iter(_W + "t")))
    body.append(section)
    members["word/document.xml"] = etree.tostring(root)
    try:
        issue = import_docx_bytes(_zip(members)).issue
    except FileProblem as err:
        assert "没有找到任何稿件" in str(err)
        return
    assert lost_lines(texts, issue) == []


def _numbered(paragraph: Any) -> None:
    """Word's automatic numbering (一、 or 1. drawn by Word, not typed)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num.append(child)
    paragraph._p.get_or_add_pPr().append(num)


def test_word_numbered_sections_and_briefs(tmp_path: Path) -> None:
    doc = Document()
    _numbered(doc.add_paragraph("重点工作"))
    doc.add_paragraph("市总工会召开全委会议").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("2月8日，市总工会召开全委会议，部署全年工作。")
    doc.add_paragraph("（市总办公室）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _numbered(doc.add_paragraph("一句话信息"))
    _numbered(
        doc.add_paragraph("张家港市总工会举行职工书画展，展出作品200余幅。（张家港市总工会）")
    )
    _numbered(doc.add_paragraph("常熟市总工会开展女职工维权月活动。"))
    _numbered(doc.add_paragraph("吴江市总工会为环卫工人送清凉。（吴江市总工会）"))
    source = tmp_path / "numbered.docx"
    doc.save(str(source))
    result = import_file(source, profile=load_profile(FIXTURES / "bulletin.toml"))
    assert [(a.section, a.title, a.sources) for a in result.issue.articles] == [
        ("重点工作", "市总工会召开全委会议", ["市总办公室"]),
        ("一句话信息", "", ["张家港市总工会"]),
        ("一句话信息", "", []),
        ("一句话信息", "", ["吴江市总工会"]),
    ]
    assert [(g.line, g.message) for g in result.report.guesses] == [
        (1, "当作栏目“重点工作”（不在栏目目录中）"),
        (7, "这篇没有找到供稿单位"),
    ]

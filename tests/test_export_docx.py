"""The exported DOCX read as XML: page, grid, effective faces and sizes, rules, footers, 报尾."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli import export_docx
from bulletin_cli.export import STYLE_IDS, build_docx
from bulletin_cli.export.package import FIXED_DATE, PART_ORDER, core_xml, package_bytes
from bulletin_cli.export.styles import WORD_BORDER_OVERHANG
from bulletin_cli.export.writer import document_xml, masthead_size
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.layout import DEFAULT_LAYOUT
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile, load_profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
REPO = Path(__file__).resolve().parent.parent


def q(name: str) -> str:
    return f"{{{W}}}{name}"


class Docx:
    """The parts of an exported DOCX, with the effective run properties of a paragraph."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.part("word/document.xml")
        self.styles = self.part("word/styles.xml")
        self.settings = self.part("word/settings.xml")
        self.body = self.document.find("w:body", NS)
        assert self.body is not None

    def part(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    def style(self, style_id: str) -> etree._Element:
        found = self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, style_id
        return found

    def paragraphs(self, style_id: str) -> list[etree._Element]:
        found = self.body.xpath(f".//w:p[w:pPr/w:pStyle/@w:val='{style_id}']", namespaces=NS)
        return list(found)

    def _style_chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        while style_id:
            style = self.style(style_id)
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("val")) if based is not None else None
        return chain

    def effective(self, paragraph: etree._Element, run: etree._Element) -> tuple[str, float]:
        """The East Asian face and size (pt) of ``run``: run, character style, paragraph
        style chain, then document defaults (docs/layout.md §5)."""
        layers: list[etree._Element] = []
        rpr = run.find("w:rPr", NS)
        if rpr is not None:
            layers.append(rpr)
            rstyle = rpr.find("w:rStyle", NS)
            if rstyle is not None:
                layers += [s.find("w:rPr", NS) for s in self._style_chain(rstyle.get(q("val")))]
        pstyle = paragraph.find("w:pPr/w:pStyle", NS)
        style_id = pstyle.get(q("val")) if pstyle is not None else "Normal"
        layers += [s.find("w:rPr", NS) for s in self._style_chain(style_id)]
        layers.append(self.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        face = size = None
        for layer in layers:
            if layer is None:
                continue
            fonts = layer.find("w:rFonts", NS)
            if face is None and fonts is not None:
                assert fonts.get(q("eastAsiaTheme")) is None
                face = fonts.get(q("eastAsia"))
            sz = layer.find("w:sz", NS)
            if size is None and sz is not None:
                size = int(sz.get(q("val"))) / 2
        assert face is not None and size is not None
        return face, size

    def first_run(self, paragraph: etree._Element) -> etree._Element:
        run = paragraph.find("w:r", NS)
        assert run is not None
        return run

    def text(self, element: etree._Element) -> str:
        return "".join(element.itertext())


@pytest.fixture(scope="module")
def example() -> Docx:
    loaded = load_issue(REPO / "issues" / "2012-01.toml")
    return Docx(build_docx(loaded.issue, load_profile(REPO / "bulletin.toml")))


def test_page_size_margins_and_grid(example: Docx) -> None:
    sect = example.body.find("w:sectPr", NS)
    assert sect is not None
    size = sect.find("w:pgSz", NS)
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert {k: margins.get(q(k)) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1587",
        "right": "1474",
    }
    grid = sect.find("w:docGrid", NS)
    assert grid.get(q("type")) == "lines"
    assert grid.get(q("linePitch")) == "579"
    body_spacing = example.style("BulletinBody").find("w:pPr/w:spacing", NS)
    normal = example.style("Normal").find("w:pPr/w:spacing", NS)
    assert body_spacing is None or body_spacing.get(q("line")) in (None, "579")
    assert (normal.get(q("line")), normal.get(q("lineRule"))) == ("579", "exact")
    condense = example.style("BulletinBody").find("w:rPr/w:spacing", NS)
    assert condense.get(q("val")) == "-5"


@pytest.mark.parametrize(
    ("style_id", "face", "size"),
    [
        ("BulletinMasthead", "方正小标宋简体", 42),
        ("BulletinIssueNumber", "楷体_GB2312", 16),
        ("BulletinDateLine", "仿宋_GB2312", 16),
        ("BulletinSection", "黑体", 16),
        ("BulletinTitle", "方正小标宋简体", 22),
        ("BulletinSubtitle", "楷体_GB2312", 16),
        ("BulletinBody", "仿宋_GB2312", 16),
        ("BulletinDistribution", "仿宋_GB2312", 14),
    ],
)
def test_effective_east_asian_face_and_size(
    example: Docx, style_id: str, face: str, size: float
) -> None:
    paragraphs = example.paragraphs(style_id)
    assert paragraphs, style_id
    for paragraph in paragraphs:
        for run in paragraph.iterfind("w:r", NS):
            if run.find("w:rPr/w:rStyle", NS) is None:  # the attribution has its own
                assert example.effective(paragraph, run) == (face, size)


def test_attribution_is_kai_and_right_of_the_last_body_line(example: Docx) -> None:
    runs = example.body.xpath(
        ".//w:r[w:rPr/w:rStyle/@w:val='BulletinAttributionChar']", namespaces=NS
    )
    assert len(runs) == 11
    first = runs[0]
    paragraph = first.getparent()
    assert example.effective(paragraph, first) == ("楷体_GB2312", 16)
    assert "（市总办公室、研究室）" in example.text(paragraph)
    assert first.find("w:br", NS) is not None and first.find("w:tab", NS) is not None
    assert paragraph.find("w:pPr/w:tabs/w:tab", NS).get(q("val")) == "right"
    assert paragraph.find("w:pPr/w:widowControl", NS).get(q("val")) is None


def test_no_theme_fonts_and_chinese_language(example: Docx) -> None:
    for part in (example.styles, example.document):
        xml = etree.tostring(part).decode()
        assert "Theme" not in xml
    lang = example.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(q("eastAsia")) == "zh-CN"
    # the theme Word requires names the layout's own faces (tests/test_export_validate.py)
    theme = example.zip.read("word/theme/theme1.xml").decode()
    assert 'typeface="仿宋_GB2312"' in theme and 'typeface="方正小标宋简体"' in theme


def test_latin_letters_and_digits_take_times_new_roman(example: Docx) -> None:
    fonts = example.style("BulletinBody").find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("ascii")) == fonts.get(q("hAnsi")) == "Times New Roman"
    # runs never override the Latin face of plain text
    for paragraph in example.paragraphs("BulletinBody"):
        for run in paragraph.iterfind("w:r", NS):
            override = run.find("w:rPr/w:rFonts", NS)
            if override is not None and override.get(q("ascii")):
                assert run.findtext("w:t", namespaces=NS).isascii() is False


def test_red_name_and_red_rule(example: Docx) -> None:
    color = example.style("BulletinMasthead").find("w:rPr/w:color", NS)
    assert color.get(q("val")) == "FF0000"
    (name,) = example.paragraphs("BulletinMasthead")
    assert example.text(name) == "苏州工会工作简报"
    rule = example.style("BulletinDateLine").find("w:pPr/w:pBdr/w:bottom", NS)
    assert (rule.get(q("val")), rule.get(q("sz")), rule.get(q("color"))) == (
        "single",
        "18",
        "FF0000",
    )
    ind = example.style("BulletinDateLine").find("w:pPr/w:ind", NS)
    # Word draws the rule 29 twips past the indents: indented so, it spans the type area
    # exactly, and the first line still starts 1 字 in (docs/layout.md §5)
    assert ind.get(q("left")) == ind.get(q("right")) == str(WORD_BORDER_OVERHANG)
    assert int(ind.get(q("left"))) + int(ind.get(q("firstLine"))) == 320
    (number,) = example.paragraphs("BulletinIssueNumber")
    assert example.text(number) == "第1期（总第215期）"
    (date_line,) = example.paragraphs("BulletinDateLine")
    assert example.text(date_line) == "苏州市总工会办公室编2012年1月20日"


def test_page_numbers_in_odd_and_even_footers(example: Docx) -> None:
    assert example.settings.find("w:evenAndOddHeaders", NS) is not None
    sect = example.body.find("w:sectPr", NS)
    refs = {
        r.get(q("type")): r.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        )
        for r in sect.iterfind("w:footerReference", NS)
    }
    assert set(refs) == {"default", "even"}
    rels = example.part("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = example.part("word/" + targets[refs[kind]])
        assert " PAGE " in "".join(footer.itertext())
        assert footer.find(".//w:fldChar", NS) is not None
        assert footer.find(".//w:jc", NS).get(q("val")) == align
        text = "".join(t.text for t in footer.iterfind(".//w:t", NS))
        assert text == "\u2014 1 \u2014"
        ind = footer.find(".//w:ind", NS)
        assert ind.get(q("firstLineChars")) == "0"


def test_distribution_lines(example: Docx) -> None:
    (table,) = example.body.findall("w:tbl", NS)
    cells = [example.text(p) for p in table.iterfind(".//w:p", NS)]
    assert cells == [
        "报：省总工会，市委、市政府领导。",
        "送：市人大、市政协。",
        "发：各市、区总工会，市各产业工会。",
        "（共印120份）",
    ]
    styles = {p.find("w:pPr/w:pStyle", NS).get(q("val")) for p in table.iterfind(".//w:p", NS)}
    assert styles == {"BulletinDistribution"}
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert position.get(q("vertAnchor")) == "margin"
    assert position.get(q("tblpYSpec")) == "bottom"
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert borders.find("w:top", NS).get(q("sz")) == "8"
    assert borders.find("w:bottom", NS).get(q("sz")) == "8"
    above = [cell.find("w:tcPr/w:tcBorders/w:top", NS) for cell in table.iterfind(".//w:tc", NS)]
    assert above[0] is None  # the table's thick top rule
    assert [b.get(q("sz")) for b in above[1:3]] == ["6", "6"]  # thin between 报、送、发
    assert above[3].get(q("val")) == "nil"  # none above （共印N份）
    assert example.body[-2].tag == q("p")  # a small paragraph ends the body


def test_sections_in_catalogue_order_and_headings(example: Docx) -> None:
    headings = [example.text(p) for p in example.paragraphs("BulletinSection")]
    assert headings == ["【工作动态】", "【“送温暖”活动】"]
    titles = example.paragraphs("BulletinTitle")
    assert len(titles) == 11
    assert (
        example.text(example.paragraphs("BulletinSubtitle")[0]) == "——工会四项建议全部获得政府支持"
    )
    for style in ("BulletinSection", "BulletinTitle", "BulletinSubtitle"):
        assert example.style(style).find("w:pPr/w:keepNext", NS) is not None
    body = example.style("BulletinBody").find("w:pPr/w:ind", NS)
    assert (body.get(q("firstLineChars")), body.get(q("firstLine"))) == ("0", "640")
    assert example.style("BulletinBody").find("w:pPr/w:widowControl", NS).get(q("val")) == "0"


def test_large_type_does_not_snap_to_the_grid(example: Docx) -> None:
    for style in ("BulletinMasthead", "BulletinTitle"):
        ppr = example.style(style).find("w:pPr", NS)
        assert ppr.find("w:snapToGrid", NS).get(q("val")) == "0"
        assert ppr.find("w:spacing", NS).get(q("lineRule")) == "exact"


PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
SECT_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _assert_order(element: etree._Element, order: list[str]) -> None:
    names = [etree.QName(child).localname for child in element]
    positions = [order.index(name) for name in names]
    assert positions == sorted(positions), names


def test_properties_follow_the_schema_order(example: Docx) -> None:
    for part in (example.document, example.styles, example.part("word/footer1.xml")):
        for ppr in part.iter(q("pPr")):
            _assert_order(ppr, PPR_ORDER)
        for rpr in part.iter(q("rPr")):
            _assert_order(rpr, RPR_ORDER)
    _assert_order(example.body.find("w:sectPr", NS), SECT_ORDER)


def test_reopens_in_python_docx(tmp_path: Path, example_issue: Path) -> None:
    out = export_docx(example_issue, tmp_path / "out.docx")
    document = docx.Document(str(out))
    used = {p.style.style_id for p in document.paragraphs if p.style is not None}
    assert used <= set(STYLE_IDS) | {"Normal"}
    assert document.paragraphs[0].text == "苏州工会工作简报"
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)
    assert len(document.tables) == 1
    assert document.core_properties.title == "苏州工会工作简报第1期"


def test_same_issue_gives_identical_bytes(tmp_path: Path, example_issue: Path) -> None:
    first = export_docx(example_issue, tmp_path / "a.docx").read_bytes()
    second = export_docx(example_issue, tmp_path / "b.docx").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        # made on "MS-DOS" with fixed attributes: Windows and Linux give the same bytes
        assert {(info.create_system, info.external_attr) for info in infos} == {(0, 0o644 << 16)}
        assert [info.filename for info in infos] == list(PART_ORDER)
        assert archive.testzip() is None


def test_a_document_longer_than_one_chunk_is_streamed_whole() -> None:
    chunks = [f"<w:p>{index:07d}</w:p>" for index in range(20_000)]  # 340 KB in 17-byte pieces
    data = package_bytes(
        DEFAULT_LAYOUT, iter(chunks), core_xml(title="t", creator="c", when=FIXED_DATE)
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/document.xml").decode() == "".join(chunks)
        assert archive.testzip() is None


def test_default_output_is_build_folder_beside_the_issue(example_issue: Path) -> None:
    out = export_docx(example_issue)
    assert out == example_issue.parent / "build" / "2012-01.docx"
    assert out.is_file()
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "2012-01.docx"]
    assert leftovers == []


def _issue(**changes: object) -> Issue:
    issue = Issue(
        number=3,
        date=dt.date(2012, 3, 5),
        name="测试简报",
        editor="办公室",
        articles=[
            Article(section="工作动态", title="标题", body="第一段。\n\n第二段。", sources=["甲"]),
        ],
    )
    return dataclasses.replace(issue, **changes)  # type: ignore[arg-type]


def test_no_distribution_means_no_block() -> None:
    xml = document_xml(_issue(), Profile())
    assert "<w:tbl>" not in xml
    assert "共印" not in xml


def test_no_subtitle_or_total_leaves_no_empty_lines() -> None:
    document = Docx(build_docx(_issue(), Profile()))
    number = document.paragraphs("BulletinIssueNumber")[0]
    assert document.text(number) == "第3期"
    assert document.paragraphs("BulletinSubtitle") == []
    empty = [p for p in document.body.iterfind("w:p", NS) if not document.text(p)]
    assert empty == []  # no distribution, so not even the closing paragraph


def test_profile_defaults_fill_the_masthead_and_distribution() -> None:
    profile = Profile(
        name="某某简报",
        editor="某某办公室",
        distribution=Distribution(report=["上级"], copies=30),
    )
    document = Docx(build_docx(_issue(name=None, editor=None), profile))
    assert document.text(document.paragraphs("BulletinMasthead")[0]) == "某某简报"
    assert document.text(document.paragraphs("BulletinDateLine")[0]).startswith("某某办公室编")
    cells = [document.text(p) for p in document.paragraphs("BulletinDistribution")]
    assert cells == ["报：上级。", "（共印30份）"]


def test_layout_overrides_reach_the_document() -> None:
    profile = Profile(
        layout_table={
            "face_body": "仿宋",
            "rule_width": 1.0,
            "attribution_position": "end_of_paragraph",
        }
    )
    document = Docx(build_docx(_issue(), profile))
    body = document.paragraphs("BulletinBody")
    assert document.effective(body[0], document.first_run(body[0])) == ("仿宋", 16)
    rule = document.style("BulletinDateLine").find("w:pPr/w:pBdr/w:bottom", NS)
    assert rule.get(q("sz")) == "8"
    assert document.text(body[-1]) == "第二段。（甲）"
    assert body[-1].find(".//w:br", NS) is None


def test_briefs_print_one_paragraph_each_with_attribution() -> None:
    profile = Profile(sections=["工作动态", "一句话信息"], briefs=["一句话信息"])
    articles = [
        Article(section="一句话信息", title="", body="甲单位召开会议。", sources=["甲"]),
        Article(section="工作动态", title="标题", body="正文。", sources=["乙"]),
        Article(
            section="一句话信息", title="", body="乙单位开展活动。\n\n共十项。", sources=["乙"]
        ),
    ]
    document = Docx(build_docx(_issue(articles=articles), profile))
    headings = [document.text(p) for p in document.paragraphs("BulletinSection")]
    assert headings == ["【工作动态】", "【一句话信息】"]
    briefs = [document.text(p) for p in document.paragraphs("BulletinBrief")]
    assert briefs == ["甲单位召开会议。（甲）", "乙单位开展活动。共十项。（乙）"]


def test_articles_keep_file_order_within_a_section() -> None:
    articles = [
        Article(section="乙", title="一", body="x", sources=["a"]),
        Article(section="甲", title="二", body="x", sources=["a"]),
        Article(section="乙", title="三", body="x", sources=["a"]),
    ]
    document = Docx(build_docx(_issue(articles=articles), Profile(sections=["甲", "乙"])))
    assert [document.text(p) for p in document.paragraphs("BulletinTitle")] == ["二", "一", "三"]


def test_long_title_is_one_centred_paragraph() -> None:
    title = "关于" + "进一步加强和改进基层工会工作" * 4 + "的通知"
    assert len(title) >= 60
    document = Docx(
        build_docx(_issue(articles=[Article("工作动态", title, "x", ["甲"])]), Profile())
    )
    (paragraph,) = document.paragraphs("BulletinTitle")
    assert document.text(paragraph) == title
    assert document.style("BulletinTitle").find("w:pPr/w:jc", NS).get(q("val")) == "center"


def test_odd_text_is_escaped_and_quotes_get_the_chinese_face() -> None:
    body = "A<b>&c “引号” — 省略…\x01\x0b 结束"
    document = Docx(
        build_docx(_issue(articles=[Article("工作动态", "标<题>", body, ["甲"])]), Profile())
    )
    (paragraph,) = document.paragraphs("BulletinBody")
    assert document.text(paragraph).startswith("A<b>&c “引号” — 省略… 结束")
    quote_runs = [
        run
        for run in paragraph.iterfind("w:r", NS)
        if "“" in (run.findtext("w:t", namespaces=NS) or "")
    ]
    fonts = quote_runs[0].find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("hint")) == "eastAsia"
    # the body's Chinese face in every slot: no engine can pick Times New Roman for them
    slots = ("ascii", "hAnsi", "eastAsia", "cs")
    assert [fonts.get(q(slot)) for slot in slots] == ["仿宋_GB2312"] * 4


def test_a_long_name_shrinks_to_stay_on_one_line() -> None:
    name = "中华人民共和国某某省某某市总工会工作简报"
    size = masthead_size(name, DEFAULT_LAYOUT)
    assert size < 42
    assert size * len(name) * 20 <= DEFAULT_LAYOUT.type_area_width
    document = Docx(build_docx(_issue(name=name), Profile()))
    (paragraph,) = document.paragraphs("BulletinMasthead")
    sz = paragraph.find("w:r/w:rPr/w:sz", NS)
    assert int(sz.get(q("val"))) == round(size * 2)


def test_mark_and_note() -> None:
    document = Docx(build_docx(_issue(mark="内部资料", note="请各单位学习。"), Profile()))
    assert document.text(document.paragraphs("BulletinMark")[0]) == "内部资料"
    (note,) = document.paragraphs("BulletinNote")
    assert document.text(note) == "编者按：请各单位学习。"
    label = note.find("w:r", NS)
    assert label.find("w:rPr/w:rStyle", NS).get(q("val")) == "BulletinNoteLabel"
    assert document.effective(note, label) == ("黑体", 16)


def _many(count: int) -> Issue:
    text = "近日，某单位召开工作会议，部署2012年重点工作。" * 12
    articles = [
        Article("工作动态", f"第{n}篇稿件的标题", f"{text}\n\n{text}", ["办公室"])
        for n in range(count)
    ]
    return _issue(articles=articles, distribution=Distribution(report=["上级"], copies=5))


def test_a_thousand_articles_export_in_bounded_memory() -> None:
    # how the time grows (10, 100, 1000 articles) is measured in bench/, not asserted here
    large = _many(1000)
    tracemalloc.start()
    data = build_docx(large, Profile())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100 * 1024 * 1024
    document = docx.Document(io.BytesIO(data))
    assert len(document.paragraphs) > 3000


def test_style_ids_are_all_defined(example: Docx) -> None:
    defined = {s.get(q("styleId")) for s in example.styles.iterfind("w:style", NS)}
    assert set(STYLE_IDS) <= defined

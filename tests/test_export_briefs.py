"""Briefs: the lead words in their own face, the attribution flush right on the last line when
it fits, otherwise flush right on a line of its own."""

from __future__ import annotations

import datetime as dt

from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.export.writer import attribution_fits, document_xml
from bulletin_cli.model import Article, Issue
from bulletin_cli.profile import Profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PROFILE = Profile(sections=["一句话信息"], briefs=["一句话信息"])


def _brief_paragraph(article: Article, profile: Profile = PROFILE) -> etree._Element:
    issue = Issue(number=1, date=dt.date(2012, 1, 1), articles=[article])
    root = etree.fromstring(document_xml(issue, profile).encode())
    (paragraph,) = root.xpath("//w:p[w:pPr/w:pStyle/@w:val='BulletinBrief']", namespaces=NS)
    return paragraph


def _attribution_run(paragraph: etree._Element) -> etree._Element:
    (run,) = paragraph.xpath("w:r[w:rPr/w:rStyle/@w:val='BulletinAttributionChar']", namespaces=NS)
    return run


def test_lead_words_are_set_in_the_lead_face() -> None:
    paragraph = _brief_paragraph(
        Article("一句话信息", "送温暖", "常熟市总工会发放慰问金。", ["丙"])
    )
    first = paragraph.find("w:r", NS)
    assert "".join(first.itertext()) == "送温暖　"
    fonts = first.find("w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}eastAsia") == "黑体"
    assert fonts.get(f"{{{W}}}ascii") == "Times New Roman"
    # the text after the lead words keeps the paragraph's own face
    second = paragraph.findall("w:r", NS)[1]
    assert second.find("w:rPr/w:rFonts", NS) is None
    custom = Profile(
        sections=PROFILE.sections, briefs=PROFILE.briefs, layout_table={"face_brief_lead": "楷体"}
    )
    lead = _brief_paragraph(Article("一句话信息", "送温暖", "正文。", ["丙"]), custom).find(
        "w:r", NS
    )
    assert lead.find("w:rPr/w:rFonts", NS).get(f"{{{W}}}eastAsia") == "楷体"


def test_a_brief_without_lead_words_has_no_lead_run() -> None:
    paragraph = _brief_paragraph(Article("一句话信息", "", "常熟市总工会发放慰问金。", ["丙"]))
    assert paragraph.find("w:r/w:rPr/w:rFonts", NS) is None


def test_attribution_that_fits_goes_flush_right_on_the_last_line() -> None:
    paragraph = _brief_paragraph(
        Article("一句话信息", "", "常熟市总工会发放慰问金60万元。", ["丙"])
    )
    run = _attribution_run(paragraph)
    assert [child.tag.split("}")[1] for child in run if child.tag != f"{{{W}}}rPr"] == [
        "t",
        "tab",
        "t",
    ]
    tab = paragraph.find("w:pPr/w:tabs/w:tab", NS)
    assert tab.get(f"{{{W}}}val") == "right"
    assert paragraph.find("w:pPr/w:widowControl", NS) is not None


def test_attribution_that_does_not_fit_gets_a_line_of_its_own_flush_right() -> None:
    text = "张家港市总工会开展送春联活动，为职工书写春联近万副，"  # 2 + 26 = 28: a full line
    paragraph = _brief_paragraph(Article("一句话信息", "", text, ["张家港市总工会"]))
    run = _attribution_run(paragraph)
    tags = [child.tag.split("}")[1] for child in run if child.tag != f"{{{W}}}rPr"]
    assert tags[:3] == ["t", "br", "t"] and "tab" in tags


def test_attribution_fits_counts_the_indent_latin_and_the_gaps() -> None:
    assert attribution_fits("甲" * 10, "（丙）", 28)  # 2 + 10 + 1 + 3 <= 27
    assert not attribution_fits("甲" * 26, "（丙）", 28)  # the line is full
    assert not attribution_fits("甲" * 22, "（丙）", 28)  # 24 + 1 + 3 = 28 > 27
    assert attribution_fits("甲" * 21, "（丙）", 28)  # 23 + 1 + 3 = 27
    assert attribution_fits("甲" * 28 + "ab" * 4, "（丙）", 28)  # second line: 2 + 4 chars

"""What the DOCX says so that Word, WPS and LibreOffice lay it out alike (docs/layout.md §5):
headings kept whole and with what follows, indents in twips only, the punctuation settings
written explicitly, and the weak punctuation in the Chinese face in every font slot."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
import tomli_w
from layout_issues import long_issue
from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.export import build_docx
from bulletin_cli.export.ooxml import needs_east_asian_hint
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.layout import DEFAULT_LAYOUT
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
REPO = Path(__file__).resolve().parent.parent
PROFILE = Profile(sections=["工作动态", "一句话信息"], briefs=["一句话信息"])
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def _parts(data: bytes) -> dict[str, etree._Element]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {
        name: etree.fromstring(archive.read(name))
        for name in archive.namelist()
        if name.startswith("word/") and name.endswith(".xml") and "theme" not in name
    }


def _quoted_issue() -> Issue:
    """Weak punctuation everywhere text goes: name, titles, subtitle, body, brief, 报尾."""
    return Issue(
        name="“工会”工作简报",
        number=1,
        total=9,
        editor="市总工会“办公室”",
        articles=[
            Article(
                "工作动态",
                "2012—2014年度“爱心助学”合作协议……签订",
                "“1+3”模式覆盖800—1000人，GDP增长8.5%……‘好’——“APP”。",
                ["研究室"],
                subtitle="——记“送温暖”活动",
            ),
            Article("一句话信息", "“金秋”助学", "发放助学金20万元——“及时雨”。", ["市总生活部"]),
        ],
        distribution=Distribution(report=["省总工会“办公室”"], copies=20),
    )


@pytest.fixture(scope="module")
def quoted() -> dict[str, etree._Element]:
    return _parts(build_docx(_quoted_issue(), PROFILE))


@pytest.fixture(scope="module")
def example() -> dict[str, etree._Element]:
    loaded = load_issue(REPO / "issues" / "2012-01.toml")
    return _parts(build_docx(loaded.issue, Profile()))


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


@pytest.mark.parametrize(
    "style_id",
    [
        "BulletinSection",
        "BulletinTitle",
        "BulletinSubtitle",
        "BulletinMasthead",
        "BulletinIssueNumber",
    ],
)
def test_headings_stay_whole_and_with_what_follows(
    example: dict[str, etree._Element], style_id: str
) -> None:
    # keepNext alone keeps only the last line with the next paragraph (ECMA-376 17.3.1.15):
    # Word split the two-line title of the example across pages 2 and 3
    ppr = _style(example["word/styles.xml"], style_id).find("w:pPr", NS)
    keep_lines = ppr.find("w:keepLines", NS)
    assert keep_lines is not None and keep_lines.get(q("val")) in (None, "1", "true")
    keep_next = ppr.find("w:keepNext", NS)
    assert keep_next is not None and keep_next.get(q("val")) in (None, "1", "true")


def test_indents_are_in_twips_only(quoted: dict[str, etree._Element]) -> None:
    """A ``*Chars`` indent wins over the twips and Word and LibreOffice measure a character
    differently (the 报尾 started 3 字 in in Word, 1 字 in LibreOffice)."""
    seen = 0
    for name, root in quoted.items():
        for element in root.iter(q("ind")):
            seen += 1
            for key, value in element.attrib.items():
                if key.endswith("Chars"):
                    assert value == "0", (name, etree.tostring(element))
    assert seen > 15


def test_the_distribution_names_start_one_character_in(quoted: dict[str, etree._Element]) -> None:
    one = round(DEFAULT_LAYOUT.size_distribution * 20)
    cell = quoted["word/document.xml"].find(".//w:tbl//w:p/w:pPr/w:ind", NS)
    # continuation lines 3 字 in, the first line (「报：」) 2 字 further out: 1 字 in
    assert int(cell.get(q("left"))) == 3 * one
    assert int(cell.get(q("left"))) - int(cell.get(q("hanging"))) == one


def test_every_paragraph_style_says_no_hanging_and_no_autospace(
    example: dict[str, etree._Element],
) -> None:
    styles = example["word/styles.xml"]
    holders = [styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)]
    holders += [
        style.find("w:pPr", NS) for style in styles.iterfind("w:style[@w:type='paragraph']", NS)
    ]
    assert len(holders) >= 15
    for ppr in holders:
        for setting in ("overflowPunct", "autoSpaceDE", "autoSpaceDN"):
            element = ppr.find(f"w:{setting}", NS)
            assert element is not None and element.get(q("val")) == "0", (
                setting,
                etree.tostring(ppr.getparent()),
            )


def test_weak_punctuation_is_in_the_chinese_face_in_every_slot(
    quoted: dict[str, etree._Element],
) -> None:
    """Every “ ” ‘ ’ — … sits in a run of its own marks, whose four slots all name the
    Chinese face of its paragraph (LibreOffice picks the Latin slot next to digits)."""
    latin = DEFAULT_LAYOUT.face_latin
    checked = 0
    for name, root in quoted.items():
        for run in root.iter(q("r")):
            text = "".join(t.text or "" for t in run.iterfind("w:t", NS))
            if not needs_east_asian_hint(text):
                continue
            assert all(needs_east_asian_hint(ch) or ch.isspace() for ch in text), (name, text)
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert fonts is not None, (name, text)
            faces = [fonts.get(q(slot)) for slot in SLOTS]
            assert faces[0] and faces[0] != latin and len(set(faces)) == 1, (name, text, faces)
            assert fonts.get(q("hint")) == "eastAsia"
            checked += len(text)
    assert checked >= 40


def test_weak_punctuation_of_a_built_issue_keeps_its_text(tmp_path: Path) -> None:
    """Splitting the marks into runs of their own loses and moves nothing."""
    issue_file = tmp_path / "long.toml"
    issue_file.write_bytes(tomli_w.dumps(long_issue(6)).encode())
    issue = load_issue(issue_file).issue
    root = _parts(build_docx(issue, PROFILE))["word/document.xml"]
    text = "".join(t.text or "" for t in root.iter(q("t")))
    bodies = tomllib.loads(issue_file.read_text("utf-8"))["articles"]
    for article in bodies:
        for paragraph in article["body"].split("\n\n"):
            assert re.sub(r"\s", "", paragraph) in re.sub(r"\s", "", text)


def test_the_date_line_is_indented_by_words_border_overhang(
    example: dict[str, etree._Element],
) -> None:
    """Word draws a paragraph's border 1.45 pt past its indents: the red rule is the type
    area's width only with the date line indented that much on both sides."""
    ppr = _style(example["word/styles.xml"], "BulletinDateLine").find("w:pPr", NS)
    ind = ppr.find("w:ind", NS)
    assert ind.get(q("left")) == ind.get(q("right")) == "29"
    assert int(ind.get(q("left"))) + int(ind.get(q("firstLine"))) == 320  # text 1 字 in


def test_the_kinsoku_lists_are_written_out(example: dict[str, etree._Element]) -> None:
    """Word's own lists for Simplified Chinese, so that no engine's default decides (the
    PDF's conversion hands them to LibreOffice, whose DOCX import ignores them)."""
    settings = example["word/settings.xml"]
    before = settings.find("w:noLineBreaksBefore", NS)
    after = settings.find("w:noLineBreaksAfter", NS)
    assert before is not None and after is not None
    assert before.get(q("lang")) == after.get(q("lang")) == "zh-CN"
    assert all(mark in before.get(q("val")) for mark in "，。、；：？！”’）》」』】…")
    assert all(mark in after.get(q("val")) for mark in "“‘（《「『【")
    assert "—" not in before.get(q("val"))  # Word breaks before a dash after Chinese text

"""The exported DOCX as a reader sees it: rendered by LibreOffice with the official faces mapped
to free ones (tests/fontconfig/fonts.conf), then measured with pdftotext.

All documents are converted in one LibreOffice run per session (start-up dominates).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.check.pages import page_fit
from bulletin_cli.export import build_docx
from bulletin_cli.export.office import Office
from bulletin_cli.export.titles import break_title, line_capacity
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.layout import DEFAULT_LAYOUT
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile, load_profile

REPO = Path(__file__).resolve().parent.parent
FONTCONFIG = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        SOFFICE is None or PDFTOTEXT is None, reason="needs LibreOffice and poppler-utils"
    ),
]

PT = 1 / 20  # points per twip
TOP = 2098 * PT  # type area, points from the page top
BOTTOM = (16838 - 1984) * PT
LEFT = 1587 * PT
RIGHT = (11906 - 1474) * PT
PITCH = 579 * PT
XHTML = "{http://www.w3.org/1999/xhtml}"

HAN = "职工服务中心建设提高劳模医疗补贴做好市级劳模评选表彰工作和改善办公条件等四项建议"


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line: words at the same height merged."""

    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def slot(self) -> int:
        """Which of the 22 grid lines of the type area the row sits on (0-based)."""
        return int(((self.top + self.bottom) / 2 - TOP) // PITCH)

    @property
    def kind(self) -> str:
        if self.top > BOTTOM:
            return "footer"
        if self.text.startswith("【"):
            return "heading"
        if self.height > 24:
            return "title"
        if self.text.startswith("（") and self.text.endswith("）") and self.left > LEFT + 32:
            return "attribution"
        return "body"


Page = list[Row]


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(
        [str(PDFTOTEXT), "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(xml)
    pages: list[Page] = []
    for page in root.iter(f"{XHTML}page"):
        words: list[tuple[float, float, float, float, str]] = []
        for word in page.iter(f"{XHTML}word"):
            top, bottom, left, right = (
                float(word.get(k)) for k in ("yMin", "yMax", "xMin", "xMax")
            )
            words.append((top, bottom, left, right, word.text or ""))
        words.sort(key=lambda w: (round(w[1]), w[2]))
        rows: list[Row] = []
        for top, bottom, left, right, text in words:
            last = rows[-1] if rows else None
            if last is not None and abs(last.bottom - bottom) < 4:
                rows[-1] = Row(
                    min(last.top, top), max(last.bottom, bottom), last.left, right, last.text + text
                )
            else:
                rows.append(Row(top, bottom, left, right, text))
        pages.append(rows)
    return pages


def convert(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Write the documents and convert them all to PDF as ``export --pdf`` does: one
    LibreOffice (``export.office.Office``), which lays them out as Word does."""
    folder.mkdir(parents=True, exist_ok=True)
    assert SOFFICE is not None
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG)  # read first, then the substitutes
    try:
        with Office(SOFFICE) as office:
            for name, data in documents.items():
                path = folder / f"{name}.docx"
                path.write_bytes(data)
                office.convert(path, folder / f"{name}.pdf")
    finally:
        if saved is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = saved
    return {name: folder / f"{name}.pdf" for name in documents}


def _issue(articles: list[Article], **changes: object) -> Issue:
    issue = Issue(
        number=2,
        date=dt.date(2012, 2, 10),
        name="测试工作简报",
        editor="测试办公室",
        articles=articles,
        distribution=Distribution(report=["上级机关"], distribute=["各部门"], copies=20),
    )
    return dataclasses.replace(issue, **changes)  # type: ignore[arg-type]


def _documents() -> dict[str, bytes]:
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    profile = load_profile(REPO / "bulletin.toml")
    long_body = "\n\n".join((HAN * 12)[: 500 + 37 * n] + "。" for n in range(4))
    title60 = "关于" + "进一步加强和改进基层工会组织建设" * 3 + "的实施意见和工作安排"
    latin = (
        "Times New Roman 2012 年，World Wide Web 与 ABC 公司签订 3 项合作协议，"
        "金额 152.6 万元。" * 4
    )
    extras = _issue(
        [
            Article("工作动态", "市总工会召开全委会", "会议要求，各级工会要“围绕中心”。", ["甲"]),
            Article(
                "一句话信息", "", "张家港市总工会开展送春联活动，为职工书写春联近万副。", ["乙"]
            ),
            Article("一句话信息", "", "常熟市总工会发放慰问金60万元。", ["丙"]),
        ],
        name="中华人民共和国某某省某某市总工会工作简报",
        mark="内部资料",
        note="现将市总工会全委会情况刊发，请结合实际贯彻落实。",
        distribution=Distribution(
            report=[
                "省总工会",
                "市委、市政府领导",
                "市人大常委会办公室、市政协办公室、市纪委办公室",
            ],
            copies=120,
        ),
    )
    briefs = Profile(sections=["工作动态", "一句话信息"], briefs=["一句话信息"])
    titles = _issue(
        [Article("工作动态", title, HAN * 2 + "。", ["办公室"]) for title in LONG_TITLES]
    )
    brief_items = _issue(
        [
            Article("一句话信息", "送温暖", "常熟市总工会发放慰问金60万元。", ["丙"]),
            Article(
                "一句话信息",
                "",
                "张家港市总工会开展送春联活动，为职工书写春联近万副，" * 2,
                ["张家港市总工会"],
            ),
        ]
    )
    tails = {f"tail-{cut}": build_docx(too_long_by(cut), Profile()) for cut in (0, 1, 2)}
    return {
        **tails,
        "briefs": build_docx(brief_items, briefs),
        "forty": build_docx(forty_articles(), Profile(sections=SECTIONS)),
        "titles": build_docx(titles, Profile()),
        "extras": build_docx(extras, briefs),
        "example": build_docx(example, profile),
        "grid": build_docx(
            _issue([Article("工作动态", "网格测试", long_body, ["办公室"])]), Profile()
        ),
        "odd": build_docx(
            _issue(
                [
                    Article("工作动态", title60, HAN * 3 + "。", ["办公室"]),
                    Article("工作动态", "英文与数字", latin, ["研究室"]),
                ],
                distribution=None,
                total=None,
            ),
            Profile(),
        ),
    }


# long titles of two and three lines, with numbers, Latin words and quotations
LONG_TITLES = [
    "2012年春节“送温暖”活动在市工人文化宫启动",
    "全市500余名职工参加WiFi技能大赛暨《中华人民共和国劳动法》宣传周活动",
    "苏州市总工会深入开展“工会进万家、服务暖人心”主题实践活动并取得明显成效",
    "昆山市总工会举办2012年度职工职业技能竞赛暨第五届“金蓝领”技术比武",
    "相城区总工会积极推进非公企业建会入会工作取得新进展，全年新建工会组织120家",
]
SECTIONS = ["工作动态", "基层交流", "调研报告"]


def forty_articles(seed: int = 7, count: int = 40) -> Issue:
    """An issue of ``count`` articles in three sections: titles of one to three lines, one to
    four paragraphs of 20 to 160 characters each (seeded, so the same every run)."""
    chooser = random.Random(seed)
    titles = ["市总工会召开全委会", "张家港市总工会召开2012年度工作会议", *LONG_TITLES]
    articles = []
    for index in range(count):
        paragraphs = []
        for _ in range(chooser.randint(1, 4)):
            start = chooser.randint(0, len(HAN) - 1)
            paragraphs.append((HAN * 8)[start : start + chooser.randint(20, 160)] + "。")
        section = SECTIONS[index * len(SECTIONS) // count]
        title = titles[index % len(titles)]
        articles.append(Article(section, title, "\n\n".join(paragraphs), ["市总办公室"]))
    return _issue(articles)


def too_long_by(cut: int) -> Issue:
    """One article whose text ends ``cut`` lines too low for the 3-line 报尾 to fit under it on
    page 2 (22 lines: 18 of text, a spare line, the 报尾's 3: ``cut`` = 0 just fits)."""
    lines = 26 + cut  # 11 lines on page 1 under the masthead, heading and title
    body = (HAN * 30)[: 26 + 28 * (lines - 2) + 10] + "。"
    return _issue([Article("工作动态", "网格测试", body, ["办公室"])])


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return convert(_documents(), tmp_path_factory.mktemp("render"))


@pytest.fixture(scope="session")
def example_pages(rendered: dict[str, Path]) -> list[Page]:
    return read_pages(rendered["example"])


def _text_rows(page: Page) -> Iterator[Row]:
    return (row for row in page if row.kind != "footer")


def test_every_row_sits_on_the_22_line_grid(example_pages: list[Page]) -> None:
    assert len(example_pages) >= 4
    for number, page in enumerate(example_pages[1:], start=2):
        slots = [row.slot for row in _text_rows(page)]
        assert slots == sorted(set(slots)), (number, slots)
        assert all(0 <= slot < 22 for slot in slots), (number, slots)
        body = [row for row in _text_rows(page) if row.kind == "body"]
        for upper, lower in itertools.pairwise(body):
            steps = (lower.bottom - upper.bottom) / PITCH
            assert abs(steps - round(steps)) < 0.05, (number, upper.text, lower.text)


def _first_keep_group(page: Page) -> int:
    """Grid lines the first rows of ``page`` need together on one page when they are a heading
    or a title: the blank line before it, its own lines, any subtitle, and two body lines."""
    rows = list(_text_rows(page))
    index = 0
    while index < len(rows) and rows[index].kind in ("heading", "title"):
        index += 1
    if index == 0:
        return 0
    body = [row for row in rows[index:] if row.kind in ("body", "attribution")]
    # the first paragraph under the title has widow and orphan control: one of three lines or
    # fewer (its attribution line counted) cannot be split and goes over whole
    first: list[Row] = []
    for row in body:
        first.append(row)
        if row.kind == "attribution" or (
            row.text.endswith("。")
            and row is not body[-1]
            and body[body.index(row) + 1].kind != "attribution"
        ):
            break
    kept = first if len(first) <= 3 else body[:2]
    last = kept[-1] if kept else rows[index - 1]
    return last.slot - rows[0].slot + 2


def assert_pages_end_only_where_keeps_need(pages: list[Page]) -> None:
    """No heading or title in the last two lines of a page, and a page ends early only by the
    lines a keep rule needs: fewer than the heading or title group that follows, or at most two
    when body text follows (two lines of a paragraph, or its last line with the attribution,
    go over together)."""
    for number, page in enumerate(pages[:-1], start=1):
        rows = list(_text_rows(page))
        late = [row for row in rows if row.kind in ("heading", "title") and row.slot >= 20]
        assert late == [], (number, late)
        early = 21 - rows[-1].slot
        if early == 0:
            continue
        need = _first_keep_group(pages[number])
        if need:
            assert early < need, (number, early, need)
        else:
            assert early <= 2, (number, early, [row.text for row in rows[-2:]])


def test_full_pages_hold_22_lines_unless_a_keep_moved_the_rest(
    example_pages: list[Page],
) -> None:
    assert_pages_end_only_where_keeps_need(example_pages[1:])


def _is_full_line(row: Row) -> bool:
    return (
        row.kind == "body"
        and abs(row.left - LEFT) < 2
        and row.right > RIGHT - 3
        and not any(ch.isascii() for ch in row.text)
    )


def test_full_body_lines_hold_28_characters(example_pages: list[Page]) -> None:
    rows = [row for page in example_pages for row in _text_rows(page)]
    checked = 0
    for row, following in itertools.pairwise(rows):
        if not _is_full_line(row):
            continue
        checked += 1
        # no punctuation hangs in the margin (docs/layout.md §5)
        assert row.right <= RIGHT + 2, row
        if following.text[:1] in "“‘（《【「" or following.text[:1].isascii():
            # an opening mark may not end a line, a number or word is not split: the line
            # is spread to full width with one or two characters fewer
            assert 26 <= len(row.text) <= 28, row
        elif following.text[1:2] in "，。、；：？！”’）》】」…—":
            # a closing mark may not start a line and does not hang: when it would follow a
            # full line, it takes the line's last character down with it
            assert len(row.text) in (27, 28), (row, following)
        else:
            assert len(row.text) == 28, row
    assert checked > 50


def test_grid_document_has_22_lines_of_28_characters(rendered: dict[str, Path]) -> None:
    pages = read_pages(rendered["grid"])
    ends = [n for n, page in enumerate(pages) if any(r.text == "（办公室）" for r in page)]
    full = pages[1 : ends[0]]  # after the masthead page, before the article's last page
    assert len(full) >= 2
    for page in full:
        rows = list(_text_rows(page))
        assert [row.kind for row in rows] == ["body"] * 22
        assert [row.slot for row in rows] == list(range(22))
        for row in rows:
            assert len(row.text) <= 28, row
        widths = [len(row.text) for row in rows]
        assert widths.count(28) >= 18, widths
    # the 报尾 did not fit under the article's end: it went to a new page, still at the foot
    last = list(_text_rows(pages[-1]))
    assert [row.text for row in last] == ["报：上级机关。", "发：各部门。", "（共印20份）"]
    assert last[-1].slot == 21


def test_no_heading_or_title_ends_a_page_and_no_attribution_starts_one(
    example_pages: list[Page],
) -> None:
    for number, page in enumerate(example_pages, start=1):
        rows = list(_text_rows(page))
        assert rows[-1].kind not in ("heading", "title"), (number, rows[-1])
        assert rows[0].kind != "attribution", (number, rows[0])


def test_masthead_name_stays_on_one_line(example_pages: list[Page]) -> None:
    first = example_pages[0]
    names = [row for row in first if row.text == "苏州工会工作简报"]
    assert len(names) == 1 and names[0].height > 30
    # about 35 mm into the type area
    assert abs(names[0].top - TOP - 35 * 72 / 25.4) < 20
    assert any(row.text == "第1期（总第215期）" for row in first)


def test_page_numbers_odd_right_even_left(example_pages: list[Page]) -> None:
    for number, page in enumerate(example_pages, start=1):
        (footer,) = [row for row in page if row.kind == "footer"]
        assert footer.text == f"—{number}—"
        if number % 2:
            assert footer.right > RIGHT - 30
        else:
            assert footer.left < LEFT + 30
        assert abs(footer.top - BOTTOM - 7 * 72 / 25.4) < 6


def test_distribution_sits_at_the_foot_of_the_last_page(example_pages: list[Page]) -> None:
    last = list(_text_rows(example_pages[-1]))
    assert last[-1].text == "（共印120份）"
    assert last[-1].bottom > BOTTOM - PITCH
    texts = [row.text for row in last[-4:]]
    assert texts[0].startswith("报：") and texts[2].startswith("发：")


def test_long_title_wraps_centred_and_odd_input(rendered: dict[str, Path]) -> None:
    pages = read_pages(rendered["odd"])
    rows = [row for page in pages for row in _text_rows(page)]
    titles = [row for row in rows if row.kind == "title" and row.text != "测试工作简报"]
    assert len(titles) >= 3  # the 60-character title on several lines, then the second
    for row in titles[:2]:
        centre = (row.left + row.right) / 2
        assert abs(centre - (LEFT + RIGHT) / 2) < 12, row
    text = "".join(row.text for row in rows)
    assert "共印" not in text and "报：" not in text
    assert "总第" not in text
    assert rows[1].text == "第2期"
    fonts = subprocess.run(
        ["pdffonts", str(rendered["odd"])], capture_output=True, text=True
    ).stdout
    assert "LiberationSerif" in fonts  # Times New Roman, mapped


def test_mark_note_briefs_and_a_long_name(rendered: dict[str, Path]) -> None:
    first, last = read_pages(rendered["extras"])
    rows = list(_text_rows(first))
    texts = [row.text for row in rows]
    assert texts[0] == "内部资料" and rows[0].left < LEFT + 2
    name = rows[1]
    assert name.text == "中华人民共和国某某省某某市总工会工作简报"  # shrunk onto one line
    assert name.left >= LEFT - 1 and name.right <= RIGHT + 1
    assert texts[4].startswith("编者按：")
    assert texts[-1] == "常熟市总工会发放慰问金60万元。（丙）"  # a brief: one paragraph
    # the 报尾 did not fit: on the next page, at the foot; a continuation line is aligned
    # after the colon
    foot = list(_text_rows(last))
    assert foot[0].text.startswith("报：") and foot[1].left > foot[0].left + 20
    assert foot[-1].text == "（共印120份）" and foot[-1].slot == 21


def test_forty_articles_break_pages_only_where_the_keep_rules_need(
    rendered: dict[str, Path],
) -> None:
    pages = read_pages(rendered["forty"])
    assert len(pages) > 15
    assert_pages_end_only_where_keeps_need(pages[1:])
    for number, page in enumerate(pages, start=1):
        rows = list(_text_rows(page))
        assert rows[0].kind != "attribution", number
        # a title is followed on its page by at least two lines of its body
        for index, row in enumerate(rows):
            if row.kind == "title" and (index + 1 == len(rows) or rows[index + 1].kind != "title"):
                after = [r for r in rows[index + 1 :] if r.kind in ("body", "attribution")]
                assert len(after) >= 2, (number, row.text)


def test_long_titles_come_out_as_broken_balanced_and_whole(rendered: dict[str, Path]) -> None:
    rows = [row for page in read_pages(rendered["titles"]) for row in _text_rows(page)]
    titles = [row for row in rows if row.kind == "title" and row.text != "测试工作简报"]
    capacity = line_capacity(DEFAULT_LAYOUT.type_area_width, DEFAULT_LAYOUT.size_title)
    expected = [line for title in LONG_TITLES for line in break_title(title, capacity)]
    # the renderer kept every line as broken: none rewrapped, none split further
    assert [row.text for row in titles] == [line.replace(" ", "") for line in expected]
    counts = [len(break_title(title, capacity)) for title in LONG_TITLES]
    assert 2 in counts and 3 in counts
    for row in titles:
        centre = (row.left + row.right) / 2
        assert abs(centre - (LEFT + RIGHT) / 2) < 12, row


def test_brief_attributions_sit_flush_right_on_the_last_line_or_their_own(
    rendered: dict[str, Path],
) -> None:
    rows = list(_text_rows(read_pages(rendered["briefs"])[0]))
    texts = [row.text for row in rows]
    one_line = rows[texts.index("送温暖常熟市总工会发放慰问金60万元。（丙）")]
    own = rows[texts.index("（张家港市总工会）")]
    for row in (one_line, own):
        assert abs(row.right - (RIGHT - 16)) < 3, row  # 1 字 in from the right edge
    assert own.left > LEFT + 100  # on its own line, flush right, not at the left margin


def _is_distribution(row: Row) -> bool:
    return row.text.startswith(("报：", "送：", "发：", "（共印"))


@pytest.mark.parametrize("cut", [0, 1, 2])
def test_the_distribution_warning_counts_the_lines_to_cut(
    rendered: dict[str, Path], cut: int
) -> None:
    """The page estimate says how many lines to cut; the rendered pages agree: with that many
    lines fewer (``tail-0``) the 报尾 sits under the text, with fewer cut it stands alone."""
    fit = page_fit(too_long_by(cut), Profile())
    assert fit.lines_to_cut == cut
    message = fit.message()
    assert (message is None) == (cut == 0)
    if message:
        assert f"再删 {cut} 行" in message
    pages = read_pages(rendered[f"tail-{cut}"])
    last = list(_text_rows(pages[-1]))
    alone = all(_is_distribution(row) for row in last)
    assert alone == (cut > 0), [row.text for row in last]
    assert len(pages) == fit.printed_pages

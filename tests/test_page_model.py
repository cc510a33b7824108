"""check's page model (check/pages.py, check/setting.py) without LibreOffice: the keep rules,
the masthead's and the 报尾's heights, and rule P002 right in both directions (the lines it
says to cut are enough, one fewer is not)."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin_cli.check.pages import distribution_height, distribution_lines, page_fit
from bulletin_cli.check.setting import set_issue
from bulletin_cli.layout import DEFAULT_LAYOUT
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile

HAN = "职工服务中心建设提高劳模医疗补贴做好市级劳模评选表彰工作和改善办公条件等四项建议"
TAIL = Distribution(report=["上级机关"], send=["兄弟单位"], distribute=["各部门"], copies=20)


def issue_of(lines: int, distribution: Distribution | None = TAIL) -> Issue:
    """One article whose body takes ``lines`` lines (26 字 on the first, 28 on the others, 11
    on the last), its attribution on a line of its own."""
    body = (HAN * 60)[: 26 + 28 * (lines - 2) + 10] + "。"
    article = Article("工作动态", "网格测试", body, ["办公室"])
    return Issue(number=2, date=dt.date(2012, 2, 10), articles=[article], distribution=distribution)


def test_the_paragraph_lines_are_the_lines_asked_for() -> None:
    body = [p for p in set_issue(issue_of(30), Profile()) if p.kind == "body"]
    assert len(body) == 1 and len(body[0].lines) == 30 + 1  # and the attribution's line


def test_page_one_holds_eleven_lines_under_the_masthead_and_the_others_22() -> None:
    fit = page_fit(issue_of(100, distribution=None), Profile())
    # masthead (3 lines of text), heading, title, then 9 body lines on page 1
    assert [len(page) for page in fit.pages[:3]] == [3 + 2 + 9, 22, 22]
    assert fit.pages[1][0] == (HAN * 60)[26 + 28 * 8 : 26 + 28 * 9]


def test_the_distribution_is_its_lines_on_the_pitch_and_its_rules() -> None:
    assert distribution_lines(TAIL, DEFAULT_LAYOUT) == [
        "报：上级机关。",
        "送：兄弟单位。",
        "发：各部门。",
        "（共印20份）",
    ]
    # 4 lines of 579 twips, two thick rules of 1 pt, two thin ones of 0.75 pt
    assert distribution_height(TAIL, DEFAULT_LAYOUT) == 4 * 579 + 2 * 20 + 2 * 15
    long = Distribution(report=["市委办公室、市人大常委会办公室、市政府办公室、市政协办公室"])
    lines = distribution_lines(long, DEFAULT_LAYOUT)
    assert lines == ["报：市委办公室、市人大常委会办公室、市政府办公室、市政协办", "公室。"]


def test_a_heading_and_title_never_end_a_page() -> None:
    """Two articles: the second's title would take page 1's last line; it moves to page 2,
    with the lines of its body it keeps (heading, title, 6 lines, attribution, blank: 10)."""
    first = Article("工作动态", "第一篇", (HAN * 9)[: 26 + 28 * 4 + 10] + "。", ["办公室"])
    second = Article("工作动态", "第二篇", (HAN * 3)[:120] + "。", ["办公室"])
    fit = page_fit(Issue(number=1, articles=[first, second]), Profile())
    for page in fit.pages[:-1]:
        assert page[-1] not in ("第一篇", "第二篇", "【工作动态】")
    assert len(fit.pages[0]) == 3 + 1 + 1 + 6 + 1
    assert fit.pages[1][0] == "第二篇"


def _alone(lines: int) -> bool:
    return page_fit(issue_of(lines), Profile()).distribution_alone


@pytest.mark.parametrize("lines", range(20, 50))
def test_cutting_the_lines_p002_names_brings_the_distribution_back(lines: int) -> None:
    fit = page_fit(issue_of(lines), Profile())
    cut = fit.lines_to_cut
    if cut == 0:
        assert fit.printed_pages == fit.text_pages
        return
    message = fit.message()
    assert message is not None and f"再删 {cut} 行" in message
    assert fit.printed_pages == fit.text_pages + 1
    shorter = page_fit(issue_of(lines - cut), Profile())
    assert not shorter.distribution_alone  # cutting that many is enough ...
    assert shorter.printed_pages == fit.text_pages
    assert _alone(lines - cut + 1)  # ... and one line fewer is not


def test_p002_asks_for_one_to_several_lines() -> None:
    cuts = {page_fit(issue_of(lines), Profile()).lines_to_cut for lines in range(20, 50)}
    assert {0, 1, 2, 3} <= cuts


def test_the_note_label_is_condensed_like_the_note() -> None:
    """Measured: «编者按：» and 22 字 fill the note's first line, 2 字 in (28 字 at 15.75 pt)."""
    note = "现将市总工会全委会情况刊发，请结合实际贯彻落实。"
    note_lines = set_issue(Issue(number=1, note=note), Profile())[3].lines
    assert note_lines == ("编者按：现将市总工会全委会情况刊发，请结合实际贯彻落", "实。")

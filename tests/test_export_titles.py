"""Title breaking: balanced lines, words whole, nothing left alone, the clerk's breaks kept.

Word boundaries are checked against a real segmenter (rjieba, the Rust port of jieba, with
jieba's dictionary): the heuristic of ``export/titles.py`` must never break inside a word that
jieba finds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import rjieba  # type: ignore[import-untyped,unused-ignore]
from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.export.titles import break_title, line_capacity, text_width
from bulletin_cli.export.writer import document_xml
from bulletin_cli.layout import DEFAULT_LAYOUT
from bulletin_cli.model import Article, Issue
from bulletin_cli.profile import Profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

TITLE_CAPACITY = line_capacity(DEFAULT_LAYOUT.type_area_width, DEFAULT_LAYOUT.size_title)

# titles of the kind bulletins print, long enough to need two or three lines
TITLES = [
    "2012年春节“送温暖”活动在市工人文化宫启动",
    "吴中区加大力度“送温暖”志愿服务队温暖独居老人",
    "全市500余名职工参加WiFi技能大赛暨《中华人民共和国劳动法》宣传周活动",
    "苏州市总工会深入开展“工会进万家、服务暖人心”主题实践活动并取得明显成效",
    "关于进一步加强和改进新形势下基层工会组织建设工作的实施意见",
    "相城区总工会积极推进非公企业建会入会工作取得新进展，全年新建工会组织120家",
    "昆山市总工会举办2012年度职工职业技能竞赛暨第五届“金蓝领”技术比武",
    "市总工会与市人力资源和社会保障局联合召开全市集体协商工作推进会",
    "太仓市总工会为困难职工家庭送去价值35.6万元的米、油等慰问品",
    "常熟市总工会启动“春风行动”帮助农民工返岗就业",
    "吴江区总工会组织劳模先进代表赴革命老区开展学习交流活动",
    "张家港市总工会召开第十四届委员会第三次全体会议暨2012年工作会议",
    "市总工会女职工委员会举办“巾帼建功”女职工创新成果展示活动",
    "园区工会服务中心为外来务工人员免费提供法律咨询和职业介绍服务",
    "相城区总工会为困难职工家庭办实事解难题全年发放救助金800—1000万元",
]

_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*")


def _cut_points(lines: list[str]) -> list[int]:
    return list(itertools.accumulate(len(line) for line in lines))[:-1]


def _jieba_inner_points(text: str) -> set[int]:
    """Positions inside a word that jieba finds (breaking there would split it)."""
    inside: set[int] = set()
    position = 0
    for word in rjieba.cut(text):
        inside.update(range(position + 1, position + len(word)))
        position += len(word)
    return inside


def _quoted_inner_points(text: str) -> set[int]:
    inside: set[int] = set()
    for match in re.finditer(r"“[^”]*”|《[^》]*》", text):
        inside.update(range(match.start() + 1, match.end()))
    return inside


def _number_unit_points(text: str) -> set[int]:
    """Inside a number or Latin word, and between a number and the unit after it."""
    inside: set[int] = set()
    for match in _ATOM.finditer(text):
        end = match.end()
        if text[end : end + 1] in set("年月日名家万元人个届次项"):
            end += 1
        inside.update(range(match.start() + 1, end))
    return inside


@pytest.mark.parametrize("title", TITLES)
def test_long_titles_break_between_words_into_balanced_lines(title: str) -> None:
    lines = break_title(title, TITLE_CAPACITY)
    assert "".join(lines) == title
    assert 2 <= len(lines) <= 3, lines
    widths = [text_width(line) for line in lines]
    assert max(widths) <= TITLE_CAPACITY
    assert all(sum(ch.isalnum() for ch in line) >= 3 for line in lines), lines
    cuts = set(_cut_points(lines))
    assert not cuts & _jieba_inner_points(title), (lines, rjieba.cut(title))
    assert not cuts & _quoted_inner_points(title), lines
    assert not cuts & _number_unit_points(title), lines
    if len(lines) == 2:  # a trapezoid: the longer line first, the two close
        assert widths[0] >= widths[1] - 1.0, lines
        assert widths[0] - widths[1] <= 8, lines
    if len(lines) == 3:  # a diamond or a trapezoid
        diamond = widths[1] >= max(widths[0], widths[2])
        trapezoid = widths[0] >= widths[1] >= widths[2]
        assert diamond or trapezoid, lines
    for line in lines[1:]:
        assert line[0] not in "，。、：；！？”》）", lines
    for line in lines[:-1]:
        assert line[-1] not in "“《（", lines


def test_the_reported_titles_no_longer_leave_two_characters_alone() -> None:
    """The two titles of the issue: ``…启动`` and ``…老人`` each had a line of 1–2 characters."""
    assert break_title("2012年春节“送温暖”活动在市工人文化宫启动", TITLE_CAPACITY) == [
        "2012年春节“送温暖”活动",
        "在市工人文化宫启动",
    ]
    assert break_title("吴中区加大力度“送温暖”志愿服务队温暖独居老人", TITLE_CAPACITY) == [
        "吴中区加大力度“送温暖”",
        "志愿服务队温暖独居老人",
    ]


@pytest.mark.parametrize(
    ("title", "joined"),
    [
        ("市总工会与苏州科技学院签订2012—2014年度“爱心助学”合作协议", "2012—2014年度"),
        ("市总工会与苏州科技学院签订2012～2014年度职工子女助学协议书", "2012～2014年度"),
        ("市总工会与苏州科技学院签订2012-2014年度职工子女助学协议书", "2012-2014年度"),
        ("市总工会与苏州科技学院签订2012年至2014年职工子女助学协议书", "2012年至2014年"),
        ("相城区总工会为困难职工家庭办实事解难题全年发放救助金800—1000万元", "800—1000万元"),
    ],
)
def test_a_number_range_stays_whole(title: str, joined: str) -> None:
    """A range joined by —, ～, - or 至 is one figure: no line ends inside it."""
    lines = break_title(title, TITLE_CAPACITY)
    assert len(lines) == 2 and "".join(lines) == title
    assert any(joined in line for line in lines), lines


def test_the_break_falls_between_subject_and_predicate_rather_than_in_a_noun_phrase() -> None:
    """「志愿 / 服务队」 splits the subject; 「…服务队 / 温暖独居老人」 is where the action starts."""
    assert break_title("阳光社区“邻里守望”志愿服务队温暖独居老人", TITLE_CAPACITY) == [
        "阳光社区“邻里守望”志愿服务队",
        "温暖独居老人",
    ]
    assert break_title(
        "市总工会与市人力资源和社会保障局联合召开全市集体协商工作推进会", TITLE_CAPACITY
    ) == [
        "市总工会与市人力资源和社会保障局",
        "联合召开全市集体协商工作推进会",
    ]


def test_a_title_that_fits_stays_on_one_line() -> None:
    assert break_title("市政府与市总工会召开第八次联席会议", TITLE_CAPACITY) == [
        "市政府与市总工会召开第八次联席会议"
    ]
    assert break_title("  市总工会召开全委会  ", TITLE_CAPACITY) == ["市总工会召开全委会"]
    assert break_title("", TITLE_CAPACITY) == []


def test_the_clerks_line_break_forces_a_break_and_each_part_is_balanced() -> None:
    title = "市总工会召开全委会\n部署2012年工作"
    assert break_title(title, TITLE_CAPACITY) == ["市总工会召开全委会", "部署2012年工作"]
    long_first = "关于进一步加强和改进新形势下基层工会组织建设工作的实施意见\n（征求意见稿）"
    lines = break_title(long_first, TITLE_CAPACITY)
    assert lines[-1] == "（征求意见稿）" and len(lines) == 3
    assert break_title("甲乙丙\r\n丁戊己\r庚辛壬", TITLE_CAPACITY) == ["甲乙丙", "丁戊己", "庚辛壬"]


def test_three_lines_when_two_do_not_hold_it() -> None:
    title = "苏州市总工会深入开展“工会进万家、服务暖人心”主题实践活动并取得明显成效"
    lines = break_title(title, TITLE_CAPACITY)
    assert len(lines) == 3
    assert lines[1] == "“工会进万家、服务暖人心”"


def test_a_very_long_title_is_still_broken_within_the_line() -> None:
    title = "市总工会" + "召开全委会并部署工作" * 12
    lines = break_title(title, TITLE_CAPACITY)
    assert "".join(lines) == title
    assert all(text_width(line) <= TITLE_CAPACITY for line in lines)


def test_subtitle_capacity_follows_its_size() -> None:
    capacity = line_capacity(DEFAULT_LAYOUT.type_area_width, DEFAULT_LAYOUT.size_subtitle)
    assert 27 < capacity < 28  # 三号 on a 156 mm line, not condensed
    subtitle = "——记苏州市总工会“工会进万家、服务暖人心”主题实践活动中涌现的先进集体和个人"
    lines = break_title(subtitle, capacity)
    assert len(lines) == 2 and lines[0].startswith("——")
    assert not set(_cut_points(lines)) & _quoted_inner_points(subtitle)


def _paragraphs(issue: Issue, style: str) -> list[etree._Element]:
    root = etree.fromstring(document_xml(issue, Profile()).encode())
    return list(root.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style}']", namespaces=NS))


def _lines_of(paragraph: etree._Element) -> list[str]:
    text = ""
    for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}br"):
        text += "\n" if node.tag == f"{{{W}}}br" else node.text or ""
    return text.split("\n")


def test_the_writer_sets_titles_subtitles_and_the_name_on_the_broken_lines() -> None:
    title = "2012年春节“送温暖”活动在市工人文化宫启动"
    subtitle = "市总工会\n部署春节慰问"
    issue = Issue(
        number=1,
        date=dt.date(2012, 1, 20),
        name="苏州工会\n工作简报",
        articles=[Article("工作动态", title, "正文。", ["办公室"], subtitle=subtitle)],
    )
    (name,) = _paragraphs(issue, "BulletinMasthead")
    assert _lines_of(name) == ["苏州工会", "工作简报"]
    assert name.find("w:r/w:rPr/w:sz", NS) is None  # both lines fit at the set size
    (heading,) = _paragraphs(issue, "BulletinTitle")
    assert _lines_of(heading) == break_title(title, TITLE_CAPACITY)
    (sub,) = _paragraphs(issue, "BulletinSubtitle")
    assert _lines_of(sub) == ["——市总工会", "部署春节慰问"]


def test_a_long_name_without_a_break_stays_on_one_line_set_smaller() -> None:
    name = "中华人民共和国某某省某某市总工会工作简报"
    issue = Issue(number=1, date=dt.date(2012, 1, 20), name=name)
    (masthead,) = _paragraphs(issue, "BulletinMasthead")
    assert _lines_of(masthead) == [name]
    size = masthead.find("w:r/w:rPr/w:sz", NS)
    assert size is not None and int(size.get(f"{{{W}}}val")) < 84


def test_a_compound_noun_stays_whole() -> None:
    """「…温暖独居 / 老人，…」 split 独居老人 (two words of the list, now one)."""
    title = "姑苏区召开第42次联席会议，温暖独居老人，启动“互联网+”专项行动"
    lines = break_title(title, TITLE_CAPACITY)
    assert "".join(lines) == title and len(lines) == 2
    assert not lines[0].endswith("独居"), lines
    assert not set(_cut_points(lines)) & _jieba_inner_points(title), lines

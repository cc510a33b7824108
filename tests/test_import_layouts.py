"""``import`` of old bulletins laid out in ways seen in real ones.

A masthead on one line, the editing unit run together with the date, the name in 《》, a contents
list before the articles, and a single-report bulletin (一事一报) with 一、二、 sub-headings.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from bulletin_cli.importer import ImportResult, import_docx_bytes, import_text
from bulletin_cli.profile import Profile

PROFILE = Profile(sections=["工作动态"], units=["市总办公室", "吴中区总工会"])
BODY = """
【工作动态】

市总工会召开全委会议
　　1月8日，市总工会召开全委会议，部署全年工作。
（市总办公室）

吴中区开展送温暖活动
　　1月10日，吴中区总工会开展送温暖活动。
（吴中区总工会）
"""
ARTICLES = [
    ("工作动态", "市总工会召开全委会议", ["市总办公室"]),
    ("工作动态", "吴中区开展送温暖活动", ["吴中区总工会"]),
]


def _import(text: str) -> ImportResult:
    return import_text(text, profile=PROFILE)


def _articles(result: ImportResult) -> list[tuple[str, str, list[str]]]:
    return [(a.section, a.title, a.sources) for a in result.issue.articles]


@pytest.mark.parametrize(
    ("head", "name", "number", "total"),
    [
        ("简报　第3期", "简报", 3, None),
        ("工作简报 第3期（总第58期）", "工作简报", 3, 58),
        ("工作简报 2016年第1期(总第1期)", "工作简报", 1, 1),
        ("《现代高教信息》2016年第1期", "现代高教信息", 1, None),
    ],
)
def test_masthead_on_one_line(head: str, name: str, number: int, total: int | None) -> None:
    result = _import(f"{head}\n苏州市总工会办公室编　　2016年1月20日\n{BODY}")
    issue = result.issue
    assert (issue.name, issue.number, issue.total) == (name, number, total)
    assert (issue.editor, issue.date) == ("苏州市总工会办公室", dt.date(2016, 1, 20))
    assert _articles(result) == ARTICLES


def test_number_alone_on_one_line_with_the_year() -> None:
    result = _import(f"2016年第1期(总第1期)\n苏州市总工会办公室编　　2016年1月20日\n{BODY}")
    assert (result.issue.number, result.issue.total) == (1, 1)
    assert _articles(result) == ARTICLES


@pytest.mark.parametrize(
    "line",
    [
        "苏州市总工会办公室2012年1月20日",
        "苏州市总工会办公室编2012年1月20日",
        "第3期　苏州市总工会办公室编　2012年1月20日",
    ],
)
def test_editing_unit_run_together_with_the_date(line: str) -> None:
    number = "" if line.startswith("第") else "第3期\n"
    result = _import(f"工作简报\n{number}{line}\n{BODY}")
    issue = result.issue
    assert (issue.name, issue.number) == ("工作简报", 3)
    assert (issue.editor, issue.date) == ("苏州市总工会办公室", dt.date(2012, 1, 20))
    assert _articles(result) == ARTICLES


def test_name_in_book_title_marks() -> None:
    result = _import(f"《现代高教信息》\n第3期\n{BODY}")
    assert (result.issue.name, result.issue.number) == ("现代高教信息", 3)
    assert _articles(result) == ARTICLES


@pytest.mark.parametrize(
    "contents",
    [
        "本期导读\n市总工会召开全委会议\n吴中区开展送温暖活动",
        "目　录\n1.市总工会召开全委会议……1\n2.吴中区开展送温暖活动……2",
        "一、市总工会召开全委会议\n二、吴中区开展送温暖活动",
        "本期要目：\n【工作动态】\n△市总工会召开全委会议\n△吴中区开展送温暖活动",
    ],
)
def test_a_contents_list_is_not_an_article(contents: str) -> None:
    result = _import(
        f"工作简报\n第3期\n苏州市总工会办公室编　　2012年1月20日\n\n{contents}\n{BODY}"
    )
    assert _articles(result) == ARTICLES
    assert any("目录" in guess.message for guess in result.report.guesses)


def test_a_title_printed_twice_in_the_body_is_not_contents() -> None:
    """One title, no label, no second entry: an article, even if its title comes back later."""
    text = "【工作动态】\n重要通知\n　　请各单位按时报送。\n（市总办公室）\n重要通知\n　　再次提醒。\n（市总办公室）\n"
    result = _import(text)
    assert [a.title for a in result.issue.articles] == ["重要通知", "重要通知"]


SINGLE_REPORT = """工作简报
第5期
苏州市总工会办公室编　　2012年3月1日

关于全市工会送温暖活动情况的报告

　　今年以来，全市各级工会开展送温暖活动。现将有关情况报告如下。
{one}基本情况
　　全市共走访困难职工1200户，发放慰问金360万元。
{two}主要做法
　　一是加强领导。二是精准帮扶。
{three}下一步打算
　　继续做好帮扶工作。

苏州市总工会办公室
2012年3月1日
"""


@pytest.mark.parametrize(
    "marks",
    [("一、", "二、", "三、"), ("第一、", "第二、", "第三、"), ("（一）", "（二）", "（三）")],
)
def test_a_single_report_stays_one_article(marks: tuple[str, str, str]) -> None:
    one, two, three = marks
    result = _import(SINGLE_REPORT.format(one=one, two=two, three=three))
    issue = result.issue
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert article.title == "关于全市工会送温暖活动情况的报告"
    assert article.sources == ["苏州市总工会办公室"]
    assert article.paragraphs == [
        "今年以来，全市各级工会开展送温暖活动。现将有关情况报告如下。",
        f"{one}基本情况",
        "全市共走访困难职工1200户，发放慰问金360万元。",
        f"{two}主要做法",
        "一是加强领导。二是精准帮扶。",
        f"{three}下一步打算",
        "继续做好帮扶工作。",
    ]
    assert issue.date == dt.date(2012, 3, 1)


def test_a_single_report_signed_with_unit_and_date_on_one_line() -> None:
    text = SINGLE_REPORT.format(one="一、", two="二、", three="三、").replace(
        "苏州市总工会办公室\n2012年3月1日", "苏州市总工会办公室　　2012年3月1日"
    )
    result = _import(text)
    assert len(result.issue.articles) == 1
    assert result.issue.articles[0].sources == ["苏州市总工会办公室"]
    assert result.issue.articles[0].paragraphs[-1] == "继续做好帮扶工作。"


def test_a_single_report_typed_in_word() -> None:
    """The same bulletin as a hand-made DOCX: centred masthead and title, bold sub-headings."""
    doc = Document()
    lines = SINGLE_REPORT.format(one="一、", two="二、", three="三、").split("\n")
    for line in lines:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(line)
        if line in ("工作简报", "关于全市工会送温暖活动情况的报告"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
        elif line[:2] in ("一、", "二、", "三、"):
            run.bold = True
        elif line in ("苏州市总工会办公室", "2012年3月1日"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    result = import_docx_bytes(buffer.getvalue(), profile=PROFILE)
    assert len(result.issue.articles) == 1
    assert result.issue.articles[0].sources == ["苏州市总工会办公室"]
    assert len(result.issue.articles[0].paragraphs) == 7

"""``import`` of layouts seen in real old bulletins, each in a text of our own.

Old bulletins carry their masthead in a heading line, list their contents with dot leaders,
sign reports at the end (unit glued to the date), forward a report under a covering note, and
come as texts with no empty line at all (one paragraph a line). The texts below are written
for these tests in today's office language; only their structure follows the old ones.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin_cli.importer import ImportResult, import_text
from bulletin_cli.profile import Profile

PROFILE = Profile()


def _import(text: str) -> ImportResult:
    return import_text(text, profile=PROFILE)


def _shape(result: ImportResult) -> list[tuple[str, str, list[str]]]:
    return [(a.section, a.title, a.sources) for a in result.issue.articles]


# ------------------------------------------------------------------------------ mastheads


def test_the_unit_on_its_own_line_under_the_name_is_the_editor() -> None:
    text = (
        "高教信息\n第1期(总第7期)\n某某大学高等教育研究所\n2026年3月19日\n\n"
        "学校召开本科教学工作会议\n3月18日，学校召开本科教学工作会议，部署新学期工作。\n"
    )
    issue = _import(text).issue
    assert (issue.name, issue.number, issue.total) == ("高教信息", 1, 7)
    assert (issue.editor, issue.date) == ("某某大学高等教育研究所", dt.date(2026, 3, 19))
    assert [a.title for a in issue.articles] == ["学校召开本科教学工作会议"]


def test_number_total_and_date_on_the_line_after_the_unit() -> None:
    text = (
        "高教信息\n某某大学高等教育研究所\n第1期(总第7期)  2026年3月19日\n\n"
        "学校召开本科教学工作会议\n3月18日，学校召开本科教学工作会议，部署新学期工作。\n"
    )
    issue = _import(text).issue
    assert (issue.name, issue.number, issue.total) == ("高教信息", 1, 7)
    assert (issue.editor, issue.date) == ("某某大学高等教育研究所", dt.date(2026, 3, 19))
    assert len(issue.articles) == 1


def test_the_unit_glued_to_the_date() -> None:
    text = (
        "街道工作简报\n第4期\n城区街道办事处2026年4月15日\n\n"
        "街道开展垃圾分类宣传周活动\n4月13日起，街道在各社区开展垃圾分类宣传周活动。\n"
        "（城区街道城管科）\n"
    )
    issue = _import(text).issue
    assert (issue.editor, issue.date) == ("城区街道办事处", dt.date(2026, 4, 15))
    assert _shape(_import(text)) == [("", "街道开展垃圾分类宣传周活动", ["城区街道城管科"])]


def test_the_name_runs_into_the_number() -> None:
    text = "高教改革信息参考第1期\n\n学校推进课程思政建设\n学校出台课程思政建设方案，全面推进。\n"
    issue = _import(text).issue
    assert (issue.name, issue.number) == ("高教改革信息参考", 1)
    assert [a.title for a in issue.articles] == ["学校推进课程思政建设"]


@pytest.mark.parametrize(
    ("head", "editor", "name", "number"),
    [
        ("市委办公室《工作情况（专题）汇编》（十二）", "市委办公室", "工作情况（专题）汇编", 12),
        ("《市场监管工作简报（第八号）》", None, "市场监管工作简报", 8),
    ],
)
def test_a_heading_line_carries_the_masthead(
    head: str, editor: str | None, name: str, number: int
) -> None:
    text = f"{head}\n数字监管平台上线运行\n3月起，全市数字监管平台上线运行，企业可在网上办理。\n"
    issue = _import(text).issue
    assert (issue.editor, issue.name, issue.number) == (editor, name, number)
    assert [a.title for a in issue.articles] == ["数字监管平台上线运行"]


def test_a_title_run_together_with_the_name_after_a_colon() -> None:
    text = "《市场监管工作简报（第八号）》　：三个区县食品安全检查情况\n今年一季度，我局对三个区县开展了食品安全检查。\n"
    issue = _import(text).issue
    assert (issue.name, issue.number) == ("市场监管工作简报", 8)
    assert [a.title for a in issue.articles] == ["三个区县食品安全检查情况"]


def test_unit_about_title_with_a_number_names_the_series() -> None:
    """``某单位关于……简报（第N号）``: the unit, the series and the number, and the line is the
    report's title."""
    text = (
        "市应急管理局关于各区防汛准备情况简报（第十九号）\n"
        "入汛以来，各区按照市防指部署，扎实做好防汛准备工作，现将有关情况介绍如下：\n"
        "一、责任体系进一步压实\n各区逐级签订防汛责任书，落实包保责任人。\n"
        "二、隐患排查全面开展\n各区共排查风险点312处，已整改298处。\n"
        " 2026年6月5日\n"
    )
    issue = _import(text).issue
    assert (issue.editor, issue.name, issue.number) == ("市应急管理局", "各区防汛准备情况简报", 19)
    assert issue.date == dt.date(2026, 6, 5)
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert article.title == "市应急管理局关于各区防汛准备情况简报（第十九号）"
    assert article.paragraphs[-1] == "各区共排查风险点312处，已整改298处。"
    assert article.sources == []


def test_a_document_heading_over_a_titled_report_signed_by_its_unit() -> None:
    text = (
        "市教育局政治部关于情况的通报\n"
        "课后服务为什么家长不满意\n"
        "——  全市课后服务工作座谈会侧记\n"
        "近日，市教育局召集座谈会，研究课后服务工作中的问题。\n"
        "一、问题有哪些表现？\n家长反映服务内容单一，看管多、辅导少。\n"
        "二、下一步怎么办？\n各校要丰富服务内容，提高服务质量。\n"
        " 市教育局政治部2026.4.16\n"
        "(原载于《教育工作》2026年5月14日第27期)\n"
    )
    result = _import(text)
    issue = result.issue
    assert (issue.editor, issue.date) == ("市教育局政治部", dt.date(2026, 4, 16))
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert (article.title, article.subtitle) == (
        "课后服务为什么家长不满意",
        "全市课后服务工作座谈会侧记",
    )
    assert article.sources == []  # the heading's unit signs the issue, not the article
    assert article.paragraphs[-1] == "各校要丰富服务内容，提高服务质量。"
    assert any("原载于" in note for note in result.report.notes)


# ------------------------------------------------------------------------------- contents


CONTENTS_BOX = """市政务服务简报
第3期
目  录
全市政务服务中心
推行“一窗通办”……………………………………（1）
区县开展“帮办代办”服务，
企业办事更方便了…………………………………（２）
窗口作风专项整治情况……………………………（3）
全市政务服务中心推行“一窗通办”改革
今年以来，全市政务服务中心推行“一窗通办”，群众办事只进一扇门。
（市政务服务中心）
区县开展“帮办代办”服务 企业办事更方便
各区县组建帮办代办队伍，为企业提供全程服务。
（市营商环境办）
窗口作风专项整治情况
市纪委监委对窗口作风开展专项整治，查纠问题26个。
(市纪委监委驻市政务办纪检组)
"""


def test_a_contents_box_with_dot_leaders_is_not_articles() -> None:
    result = _import(CONTENTS_BOX)
    assert _shape(result) == [
        ("", "全市政务服务中心推行“一窗通办”改革", ["市政务服务中心"]),
        ("", "区县开展“帮办代办”服务 企业办事更方便", ["市营商环境办"]),
        ("", "窗口作风专项整治情况", ["市纪委监委驻市政务办纪检组"]),
    ]
    assert any("目录（3 条" in guess.message for guess in result.report.guesses)


# ------------------------------------------------------------------- texts with no empty line


def test_titles_in_a_text_with_no_empty_line() -> None:
    text = (
        "社区工作简报第2期\n"
        "阳光社区议事会讨论加装电梯\n"
        "阳光社区召开居民议事会，讨论老旧小区加装电梯。\n"
        "会上，居民代表逐条发表意见。\n"
        "幸福社区开办老年食堂，方便居民就餐\n"
        "幸福社区老年食堂开业，每天供应午餐两百余份。\n"
    )
    assert [a.title for a in _import(text).issue.articles] == [
        "阳光社区议事会讨论加装电梯",
        "幸福社区开办老年食堂，方便居民就餐",
    ]


SUBHEADINGS = """社区工作简报第2期
阳光社区
居民议事会讨论加装电梯的三种意见
一楼住户担心采光
一楼住户担心电梯遮挡采光，希望调整位置。
高层住户盼望早装
高层住户大多是老人，上下楼困难，盼望早日装上电梯。
中间楼层犹豫不决
中间楼层住户认为用处不大，对出资比例有顾虑。
社区将根据议事结果，制定加装方案。
 阳光社区通讯
阳光社区开展垃圾分类督导
社区组织志愿者在投放点值守，督导居民分类投放。          （李红）
幸福社区
幸福社区老年食堂开业
幸福社区老年食堂开业，每天供应午餐两百余份。
"""


def test_a_series_of_sub_headings_stays_in_its_article() -> None:
    """Short lines under a title, each over its paragraph, until the attribution: sub-headings
    of one article, not a subtitle and not articles; a unit over a title, where that shape
    recurs, is a section."""
    result = _import(SUBHEADINGS)
    assert _shape(result) == [
        ("阳光社区", "居民议事会讨论加装电梯的三种意见", ["阳光社区通讯"]),
        ("阳光社区", "阳光社区开展垃圾分类督导", ["李红"]),
        ("幸福社区", "幸福社区老年食堂开业", []),
    ]
    article = result.issue.articles[0]
    assert article.subtitle is None
    assert article.paragraphs[0] == "一楼住户担心采光"
    assert article.paragraphs[-1] == "社区将根据议事结果，制定加装方案。"


def test_a_heading_before_the_attribution_is_a_sub_heading() -> None:
    text = (
        "市总工会工作简报第5期\n"
        "各区工会推进职工服务阵地建设\n"
        "今年以来，各区工会加快职工服务阵地建设。\n"
        "阵地数量明显增加\n"
        "全市新建职工之家46个，户外劳动者驿站120个。\n"
        "服务内容不断丰富\n"
        "各阵地开展法律咨询、心理疏导等服务。\n"
        " （四月二十日各区工会电话汇报）\n"
        "市总工会召开全委会议\n"
        "4月22日，市总工会召开全委会议，部署下半年工作。\n"
        " （四月二十二日市总办公室、组织部汇报\n"
    )
    result = _import(text)
    assert _shape(result) == [
        ("", "各区工会推进职工服务阵地建设", ["四月二十日各区工会电话汇报"]),
        ("", "市总工会召开全委会议", ["四月二十二日市总办公室、组织部汇报"]),
    ]
    assert "阵地数量明显增加" in result.issue.articles[0].paragraphs


# ----------------------------------------------------------------- covering notes, signatures


COVERED = """市政府办公室批转市民政局关于养老服务工作情况的简报
各区人民政府，市政府各部门：
现将市民政局《关于养老服务工作情况的简报》转发给你们，请结合实际认真研究。
 市政府办公室二〇二六年五月二十六日
 （发至街道、乡镇）
市民政局关于养老服务工作情况的简报
（二〇二六年五月二十日）
市政府：
今年以来，全市养老服务工作稳步推进，新建社区养老服务站38个。
以上简报，如有不当，请指正。
 市民政局2026年5月20日
"""


def test_a_covering_note_over_a_forwarded_report() -> None:
    result = _import(COVERED)
    issue = result.issue
    assert _shape(result) == [
        ("", "市政府办公室批转市民政局关于养老服务工作情况的简报", ["市政府办公室"]),
        ("", "市民政局关于养老服务工作情况的简报", ["市民政局"]),
    ]
    cover, report = issue.articles
    assert cover.paragraphs == [
        "现将市民政局《关于养老服务工作情况的简报》转发给你们，请结合实际认真研究。"
    ]
    assert report.paragraphs[0].startswith("今年以来")
    assert report.paragraphs[-1] == "以上简报，如有不当，请指正。"
    # the forwarded report's unit and date, not the covering note's
    assert (issue.editor, issue.date) == ("市民政局", dt.date(2026, 5, 20))
    assert issue.distribution is not None
    assert issue.distribution.distribute == ["各区人民政府", "市政府各部门", "街道、乡镇"]
    assert issue.distribution.report == ["市政府"]
    assert any("2026-05-26" in note for note in result.report.notes)


def test_the_date_under_the_title_dates_an_unsigned_report() -> None:
    text = COVERED.replace(" 市民政局2026年5月20日\n", "").replace(
        "（二〇二六年五月二十日）", "（二〇二六年五月十八日）"
    )
    issue = _import(text).issue
    assert issue.date == dt.date(2026, 5, 18)
    assert issue.editor == "市民政局"  # from its title: 市民政局关于……
    assert issue.articles[1].sources == []


def test_a_one_report_bulletin_signed_with_a_date_alone() -> None:
    text = (
        "向社区提出的六条建议\n"
        "1．办事流程繁琐，一件事要跑好几趟。\n"
        "2．活动场地不足，老年人没有地方活动。\n"
        " 2026年7月28日\n"
    )
    issue = _import(text).issue
    assert issue.date == dt.date(2026, 7, 28)
    assert len(issue.articles) == 1
    assert issue.articles[0].paragraphs[-1] == "2．活动场地不足，老年人没有地方活动。"


@pytest.mark.parametrize(
    ("end", "sources"),
    [
        ("。            （王小明）", ["王小明"]),
        ("。(市总办公室)", ["市总办公室"]),
        ("。（摘自市场监管局的简报）", ["摘自市场监管局的简报"]),
    ],
)
def test_attributions_glued_to_the_last_paragraph(end: str, sources: list[str]) -> None:
    text = f"街道开展消防演练\n街道组织辖区单位开展消防演练，三百余人参加{end}\n"
    article = _import(text).issue.articles[0]
    assert article.sources == sources
    assert article.paragraphs == ["街道组织辖区单位开展消防演练，三百余人参加。"]


def test_half_width_punctuation_reads_as_full_width() -> None:
    """Texts that went through the web often have ， folded to , and （） to ()."""
    full = (
        "工作简报\n第3期\n\n【工作动态】\n"
        "市总工会召开全委会议\n1月8日，市总工会召开全委会议，部署全年工作。\n（市总办公室）\n"
    )
    half = full.replace("，", ",").replace("（", "(").replace("）", ")")
    assert (
        _shape(_import(half))
        == _shape(_import(full))
        == [("工作动态", "市总工会召开全委会议", ["市总办公室"])]
    )


# ------------------------------------------------------------- what these readings leave alone


@pytest.mark.parametrize(
    "title",
    ["全市安全生产检查情况通报", "《民法典》宣传进社区：居民学法热情高"],
)
def test_a_title_on_the_top_line_is_not_a_masthead(title: str) -> None:
    """A name alone on the top line ends in 简报 and the like; 通报 or a 《》 name before a
    colon start a title unless a 期号 goes with them."""
    text = f"{title}\n　　4月以来，全市开展专项行动，共走访群众120户。\n（市应急管理局）\n"
    issue = _import(text).issue
    assert (issue.name, issue.number) == (None, 0)
    assert _shape(_import(text)) == [("", title, ["市应急管理局"])]


def test_a_bracketed_sentence_in_the_body_is_not_an_attribution() -> None:
    text = (
        "工作简报\n第2期\n\n【工作动态】\n街道开展消防演练\n　　街道组织消防演练。\n"
        "（3月1日起，街道每月组织一次演练\n（城区街道）\n"
    )
    article = _import(text).issue.articles[0]
    assert article.sources == ["城区街道"]
    assert article.paragraphs[-1] == "（3月1日起，街道每月组织一次演练"


def test_a_correspondents_line_must_stand_apart() -> None:
    """``　三河通讯`` set off to the right closes an article; flush left it is body text."""
    body = "社区开展垃圾分类督导\n社区组织志愿者在投放点值守，督导居民分类投放。\n"
    assert _import(body + "  阳光社区通讯\n").issue.articles[0].sources == ["阳光社区通讯"]
    flush = _import(body + "阳光社区通讯\n").issue.articles[0]
    assert flush.sources == []
    assert flush.paragraphs[-1] == "阳光社区通讯"


def test_an_editors_note_over_a_forwarded_report() -> None:
    text = (
        "工作简报\n第6期\n市委办公室编　　2026年4月10日\n"
        "编者按：城区街道推行“街巷长制”的做法值得借鉴，现将其报告转发，供各地学习参考。\n"
        "城区街道关于推行“街巷长制”的情况报告\n"
        "市委办公室：\n"
        "今年以来，街道在辖区推行“街巷长制”，现将有关情况报告如下：\n"
        "一、主要做法\n街道为每条街巷明确一名街巷长，负责日常巡查。\n"
        "二、初步成效\n群众反映的问题办结率达到96%。\n"
        " 城区街道办事处2026年4月3日\n"
    )
    result = _import(text)
    issue = result.issue
    assert issue.note is not None and issue.note.startswith("城区街道推行")
    assert (issue.editor, issue.date) == ("市委办公室", dt.date(2026, 4, 10))  # the masthead's
    assert _shape(result) == [("", "城区街道关于推行“街巷长制”的情况报告", ["城区街道办事处"])]
    assert issue.articles[0].paragraphs[0].startswith("今年以来")
    assert issue.articles[0].paragraphs[-1] == "群众反映的问题办结率达到96%。"
    assert issue.distribution is not None and issue.distribution.report == ["市委办公室"]
    assert any("2026-04-03" in note for note in result.report.notes)

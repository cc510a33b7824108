"""The issues the page-model tests (and the figures in docs/layout.md) are measured on.

``many_articles()``: 36 articles in four sections, titles of one to three lines, bodies full of
digits, Latin words, quotation marks, number ranges and dashes; ``briefs()``: an issue whose
sections are briefs (简讯), with and without lead words and attributions; ``example()``: the
example issue of the repository. Each is built from a fixed seed, so every run (and every
machine) gets the same text. ``write_issue`` writes one as an issue file with its
``bulletin.toml`` beside it, for ``bulletin check`` / ``export`` by hand::

    python -m tests.layout_issues many OUTDIR
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.issuefile.tomlwrite import issue_toml
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile, load_profile, profile_template

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "issues" / "2012-01.toml"

SECTIONS = ["工作动态", "基层交流", "“送温暖”活动", "调研报告"]
BRIEF_SECTIONS = ["简讯", "基层快讯"]
DISTRIBUTION = Distribution(
    report=["省总工会", "市委、市政府领导"],
    send=["市人大常委会办公室", "市政协办公室"],
    distribute=["各市、区总工会", "市各产业工会", "市总机关各部室"],
    copies=150,
)

TITLES = [
    "市总工会召开全委会",
    "张家港市总工会召开2012年度工作会议",
    "市总工会与苏州科技学院签订2012—2014年度“爱心助学”合作协议",
    "阳光社区“邻里守望”志愿服务队温暖独居老人",
    "吴江市总工会开展“千企万人”职业技能竞赛",
    "常熟市今年“送温暖”增发救助金100万元",
    "昆山市总工会推进非公企业建会入会工作取得新进展全年新建工会组织120家覆盖职工3.5万人",
    "太仓市总工会举办第三届“APP开发”青年职工创新大赛",
    "工业园区工会开展“安康杯”竞赛",
    "相城区总工会深入开展“工会进万家”活动，为困难职工家庭办实事解难题，全年发放救助金800—1000万元",
    "高新区总工会启动WiFi职工书屋建设",
    "姑苏区总工会召开2012年工作会议暨表彰大会",
]
TIME_WORDS = ["", "近日", "日前", "今年"]
"""Put before a title when the list comes round again (titles of an issue are distinct)."""
SUBTITLES = ["工会四项建议全部获得政府支持", "全年培训职工5000人次", "GDP与职工收入同步增长"]
UNITS = ["市总办公室", "市总生活部", "张家港市总工会", "常熟市总工会", "吴江市总工会", "研究室"]

PHRASES = [
    "市总工会按照市委、市政府的部署",
    "进一步加大“送温暖”工作力度",
    "走访慰问了困难职工和劳模",
    "为他们送上了慰问品和慰问金",
    "把党和政府的关怀送到职工心坎上",
    "全市各级工会组织积极行动",
    "坚持“服务职工、服务基层”的工作理念",
    "着力提高职工的技能水平和综合素质",
    "活动得到了社会各界的广泛关注",
    "各级工会要切实履行维护职工合法权益的基本职责",
    "职工服务中心建设取得了明显成效",
    "推动建立工资集体协商制度",
    "引导职工积极参与企业民主管理",
    "开展了“职工书屋”“职工之家”等创建活动",
    "帮助困难职工解决实际问题——看病难、上学难、住房难",
    "会上，与会代表围绕“十二五”规划进行了讨论",
]
FIGURES = [
    "2012年1月18日",
    "1400户",
    "5195名",
    "152.6万元",
    "35.8%",
    "2011—2012年度",
    "800—1000元",
    "3万多元",
    "120家",
    "第8次",
    "10～15天",
    "2012年至2015年",
    "1+3",
    "24小时",
]
LATIN = ["APP", "GDP", "CEO", "WiFi", "Excel", "E-mail", "QQ群", "PPT", "ISO 9001", "KPI"]


def _sentence(chooser: random.Random) -> str:
    """A sentence of two to four phrases with a figure or a Latin word among them."""
    parts = chooser.sample(PHRASES, chooser.randint(2, 4))
    index = chooser.randrange(len(parts))
    extra = chooser.choice(FIGURES) if chooser.random() < 0.7 else chooser.choice(LATIN)
    kind = chooser.randrange(3)
    if kind == 0:
        parts[index] = f"{extra}{parts[index]}"
    elif kind == 1:
        parts[index] = f"{parts[index]}，共{extra}"
    else:
        parts[index] = f"通过“{extra}”{parts[index]}"
    return "，".join(parts) + chooser.choice("。。。！；")


def _paragraph(chooser: random.Random, sentences: int) -> str:
    text = "".join(_sentence(chooser) for _ in range(sentences))
    return text[:-1] + "。" if text[-1] in "；" else text


def many_articles(seed: int = 17, count: int = 36) -> Issue:
    """``count`` articles in four sections (titles of 1–3 lines, subtitles now and then)."""
    chooser = random.Random(seed)
    articles = []
    for index in range(count):
        paragraphs = [
            _paragraph(chooser, chooser.randint(1, 4)) for _ in range(chooser.randint(1, 3))
        ]
        section = SECTIONS[index * len(SECTIONS) // count]
        subtitle = chooser.choice(SUBTITLES) if index % 7 == 3 else None
        sources = chooser.sample(UNITS, chooser.randint(1, 2))
        title = TIME_WORDS[index // len(TITLES)] + TITLES[index % len(TITLES)]
        articles.append(Article(section, title, "\n\n".join(paragraphs), sources, subtitle))
    return Issue(
        number=3,
        total=217,
        date=dt.date(2012, 3, 15),
        name="苏州工会工作简报",
        editor="苏州市总工会办公室",
        articles=articles,
        distribution=DISTRIBUTION,
    )


def briefs(seed: int = 23, count: int = 30) -> Issue:
    """``count`` briefs in two brief sections, most with lead words (one in five without)."""
    chooser = random.Random(seed)
    articles = []
    for index in range(count):
        lead = TIME_WORDS[index // 9] + TITLES[index % 9] if index % 5 else ""
        text = _paragraph(chooser, chooser.randint(1, 2))
        sources = chooser.sample(UNITS, 1)
        section = BRIEF_SECTIONS[index * len(BRIEF_SECTIONS) // count]
        articles.append(Article(section, lead, text, sources))
    return Issue(
        number=4,
        total=218,
        date=dt.date(2012, 4, 6),
        name="苏州工会工作简报",
        editor="苏州市总工会办公室",
        articles=articles,
        distribution=DISTRIBUTION,
    )


def many_profile() -> Profile:
    return Profile(
        name="苏州工会工作简报", editor="苏州市总工会办公室", sections=SECTIONS, units=UNITS
    )


def briefs_profile() -> Profile:
    return Profile(
        name="苏州工会工作简报",
        editor="苏州市总工会办公室",
        sections=BRIEF_SECTIONS,
        briefs=BRIEF_SECTIONS,
    )


def example() -> Issue:
    return load_issue(EXAMPLE).issue


def example_profile() -> Profile:
    return load_profile(REPO / "bulletin.toml")


ISSUES = {
    "example": (example, example_profile),
    "many": (many_articles, many_profile),
    "briefs": (briefs, briefs_profile),
}


def write_issue(name: str, folder: Path) -> Path:
    """Write issue ``name`` and its profile into ``folder``; returns the issue file."""
    make_issue, make_profile = ISSUES[name]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bulletin.toml").write_text(profile_template(make_profile()), encoding="utf-8")
    path = folder / f"{name}.toml"
    path.write_text(issue_toml(make_issue()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_issue(sys.argv[1], Path(sys.argv[2])))

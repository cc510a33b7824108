"""Issues built for the layout comparisons: many articles full of digits, Latin words and
quotes with titles of one to three lines, and an issue of briefs.

The layout tests (tests/test_export_render.py and the page-model tests) and the comparison
script (bench/compare_layout.py) build them with the same seed, so every run lays out the same
text. ``write_long_issue`` and ``write_briefs_issue`` write a folder holding ``bulletin.toml``
and ``issues/NAME.toml`` and return the issue file's path.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import tomli_w

SECTIONS = ["工作动态", "基层创新", "“送温暖”活动", "一句话信息"]
BRIEFS = ["一句话信息"]
UNITS = [
    "市总办公室",
    "研究室",
    "市总生活部",
    "张家港市总工会",
    "常熟市总工会",
    "太仓市总工会",
    "吴江市总工会",
    "吴中区总工会",
    "苏州工业园区工会",
]

_PLACES = ["张家港市", "常熟市", "太仓市", "吴江区", "吴中区", "相城区", "姑苏区", "工业园区"]
_ORGANS = ["市总工会", "区总工会", "镇工会", "产业工会", "园区工会联合会", "职工服务中心"]
_PEOPLE = ["温祥华", "高慧芹", "王永康", "周英", "曹福龙", "陆美红"]
_LATIN = ["APP", "GDP", "5G", "Wi-Fi", "PPT", "O2O", "SOS", "LED", "CT", "QQ"]
_QUOTED = [
    "三进",
    "送温暖",
    "爱心助学",
    "邻里守望",
    "1+3",
    "职工之家",
    "四季送",
    "金秋助学",
    "两节",
    "互联网+",
]
_ACTIONS = [
    "走访慰问了困难职工和劳动模范",
    "召开专题会议研究部署下一阶段的重点工作",
    "开展职业技能竞赛，参赛职工比上年增加",
    "推进乡镇（街道）职工服务中心建设",
    "组织法律援助志愿者进企业、进社区",
    "发放慰问金和慰问品，把组织的关怀送到职工心坎上",
    "举办集体婚礼和青年职工联谊活动",
    "建立困难职工档案，实行动态管理",
]
_TAILS = [
    "受到广大职工的欢迎",
    "取得了明显成效",
    "为下一步工作打下了基础",
    "切实维护了职工的合法权益",
    "进一步增强了工会组织的凝聚力",
]
_TOPICS = ["送温暖", "助学", "维权", "竞赛", "建家", "培训", "帮扶"]
_TITLE_HEADS = [
    "{place}{organ}",
    "市总工会与苏州科技学院",
    "阳光社区“{quoted}”志愿服务队",
    "{place}",
    "{organ}",
]
_TITLE_VERBS = [
    "签订2012—2014年度“{quoted}”合作协议",
    "启动“{quoted}”专项行动",
    "温暖独居老人",
    "召开第{n}次联席会议",
    "为{n}名农民工送上年夜饭",
    "开展“{quoted}”活动",
    "推广{latin}服务平台，让职工办事少跑腿",
    "表彰{n}名优秀工会积极分子和先进集体代表",
]


def _sentence(rng: random.Random) -> str:
    """One sentence with a date, figures, a Latin word or a quotation, often several."""
    parts = [f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，"]
    parts.append(f"{rng.choice(_PLACES)}{rng.choice(_ORGANS)}")
    kind = rng.randrange(6)
    if kind == 0:
        parts.append(f"通过“{rng.choice(_QUOTED)}”活动，")
    elif kind == 1:
        parts.append(f"依托{rng.choice(_LATIN)}平台，")
    elif kind == 2:
        low = rng.randrange(100, 900, 50)
        parts.append(f"组织{low}—{low + rng.randrange(100, 500, 100)}名职工，")
    elif kind == 3:
        parts.append(f"投入资金{rng.randint(10, 999)}.{rng.randint(1, 9)}万元，")
    elif kind == 4:
        parts.append(f"在{rng.choice(_PEOPLE)}的带领下，")
    parts.append(rng.choice(_ACTIONS))
    if rng.random() < 0.5:
        parts.append(f"，共{rng.randint(2, 2000)}人次参加")
    if rng.random() < 0.3:
        parts.append(f"，“{rng.choice(_QUOTED)}”……")
    parts.append(f"，{rng.choice(_TAILS)}。")
    return "".join(parts)


def _title(rng: random.Random, lines: int) -> str:
    """A title of about ``lines`` lines of 二号 type (about 20 characters a line)."""
    values = {
        "place": rng.choice(_PLACES),
        "organ": rng.choice(_ORGANS),
        "quoted": rng.choice(_QUOTED),
        "latin": rng.choice(_LATIN),
        "n": str(rng.randint(2, 120)),
    }
    title = rng.choice(_TITLE_HEADS).format(**values) + rng.choice(_TITLE_VERBS).format(**values)
    while len(title) < 20 * (lines - 1) + 4:
        title += "，" + rng.choice(_TITLE_VERBS).format(**values)
    return title[: 20 * lines - 2].rstrip("，、")


def _profile(name: str) -> dict[str, object]:
    return {
        "bulletin": {
            "name": "苏州工会工作简报",
            "editor": "苏州市总工会办公室",
            "sections": SECTIONS,
            "required": [],
            "units": UNITS,
            "briefs": BRIEFS,
            "max_pages": 80,
            "title_max": 60,
            "mark": "",
        },
        "distribution": {
            "report": ["省总工会", "市委、市政府领导"],
            "send": ["市人大、市政协"],
            "distribute": ["各市、区总工会", "市各产业工会"],
            "copies": 120,
        },
    }


def _write(folder: Path, name: str, issue: dict[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bulletin.toml").write_bytes(tomli_w.dumps(_profile(name)).encode("utf-8"))
    path = folder / "issues" / f"{name}.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(tomli_w.dumps(issue).encode("utf-8"))
    return path


def long_issue(articles: int = 36, seed: int = 2012) -> dict[str, object]:
    """``articles`` articles in three sections: titles of 1, 2 and 3 lines, subtitles now and
    then, two to five paragraphs each."""
    rng = random.Random(seed)
    items: list[dict[str, object]] = []
    for index in range(articles):
        article: dict[str, object] = {
            "section": SECTIONS[index * 3 // articles],
            "title": _title(rng, 1 + index % 3),
            "sources": [rng.choice(UNITS)],
            "body": "\n\n".join(
                "".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
                for _ in range(rng.randint(2, 4))
            ),
        }
        if index % 5 == 1:
            article["subtitle"] = f"——{rng.choice(_PLACES)}开展“{rng.choice(_QUOTED)}”纪实"
        items.append(article)
    return {
        "issue": {"number": 3, "total": 217, "date": _date()},
        "articles": items,
    }


def briefs_issue(briefs: int = 40, seed: int = 2013) -> dict[str, object]:
    """One ordinary article and ``briefs`` briefs with lead words, of one to four sentences."""
    rng = random.Random(seed)
    items: list[dict[str, object]] = [
        {
            "section": "工作动态",
            "title": _title(rng, 2),
            "sources": [rng.choice(UNITS)],
            "body": "\n\n".join(_sentence(rng) + _sentence(rng) for _ in range(3)),
        }
    ]
    leads = [place + topic for place in _PLACES for topic in _TOPICS]
    rng.shuffle(leads)
    for index in range(briefs):
        items.append(
            {
                "section": "一句话信息",
                "title": leads[index % len(leads)],
                "sources": [rng.choice(UNITS)],
                "body": "".join(_sentence(rng) for _ in range(1 + index % 4)),
            }
        )
    return {
        "issue": {"number": 4, "total": 218, "date": _date()},
        "articles": items,
    }


def _date() -> dt.date:
    return dt.date(2012, 3, 20)


def write_long_issue(folder: Path, articles: int = 36) -> Path:
    return _write(folder, "long", long_issue(articles))


def write_briefs_issue(folder: Path, briefs: int = 40) -> Path:
    return _write(folder, "briefs", briefs_issue(briefs))

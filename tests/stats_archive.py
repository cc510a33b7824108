"""A small office archive whose 信息采用 figures are known by construction (tests/test_stats*.py).

Six readable issues (one in 2011, four in 2012, one in 2013) and one broken file. The 2012
issues hold, on purpose: joint articles (one written as a bracketed list with 供稿), a unit
written 街道公会 for the catalogue's 街道工会, one written 吴中区 总工会 with a stray space, a
unit outside the catalogue, an article without sources, and a catalogue unit (组织部) with
nothing adopted.
"""

from __future__ import annotations

from pathlib import Path

PROFILE = """\
[bulletin]
name = "测试工作简报"
editor = "测试市总工会办公室"
sections = ["工作动态", "基层交流", "一句话信息"]
units = ["市总办公室", "研究室", "街道工会", "吴中区总工会", "宣传部", "组织部"]
briefs = ["一句话信息"]
"""

# file name: (期号, date, [(section, sources)])
ISSUES: dict[str, tuple[int, str, list[tuple[str, list[str]]]]] = {
    "2011-24.toml": (24, "2011-12-20", [("工作动态", ["市总办公室"])]),
    "2012-01.toml": (
        1,
        "2012-01-10",
        [
            ("工作动态", ["市总办公室", "研究室"]),
            ("基层交流", ["街道工会"]),
            ("一句话信息", ["吴中区总工会"]),
        ],
    ),
    "2012-02.toml": (
        2,
        "2012-02-15",
        [
            ("工作动态", ["市总办公室"]),
            ("基层交流", ["街道公会"]),
            ("基层交流", ["吴中区 总工会"]),
        ],
    ),
    "2012-03.toml": (
        3,
        "2012-05-20",
        [
            ("工作动态", ["（市总办公室、宣传部）供稿"]),
            ("一句话信息", ["研究室"]),
            ("工作动态", []),
        ],
    ),
    "2012-04.toml": (
        4,
        "2012-11-30",
        [
            ("工作动态", ["宣传部"]),
            ("基层交流", ["街道工会", "研究室"]),
            ("工作动态", ["新单位"]),
        ],
    ),
    "2013-01.toml": (1, "2013-01-08", [("工作动态", ["研究室"])]),
}

BROKEN = "2012-99.toml"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def issue_text(number: int, date: str, articles: list[tuple[str, list[str]]]) -> str:
    lines = ["[issue]", f"number = {number}", f"date = {date}", ""]
    for index, (section, sources) in enumerate(articles, 1):
        listed = ", ".join(_quoted(unit) for unit in sources)
        lines += [
            "[[articles]]",
            f"section = {_quoted(section)}",
            f'title = "第{number}期第{index}篇"',
            f"sources = [{listed}]",
            'body = """',
            "正文第一段。",
            "",
            "正文第二段。",
            '"""',
            "",
        ]
    return "\n".join(lines)


def make_archive(root: Path) -> Path:
    """Write ``root/bulletin.toml`` and ``root/issues/`` (with the broken file); returns the
    issues folder."""
    (root / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    folder = root / "issues"
    folder.mkdir()
    for name, (number, date, articles) in ISSUES.items():
        (folder / name).write_text(issue_text(number, date, articles), encoding="utf-8")
    (folder / BROKEN).write_text('[issue]\nnumber = 99\ndate = "2012-12-\n', encoding="utf-8")
    return folder

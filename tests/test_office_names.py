"""Names a clerk mistypes and units write two ways (issue 19): check --fix mends a section or
unit with exactly one close catalogue entry, asks at a terminal when several, leaves it in a
script; stats flags 南门社区居委会 / 南门社区 and says how to merge them; show fits 80 columns."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from bulletin_cli.check.core import close_names
from bulletin_cli.cli import app
from bulletin_cli.cli.chinese import display_width
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.stats.units import likely_duplicates

runner = CliRunner()

PROFILE = """[bulletin]
name = "阳光街道工作简报"
editor = "阳光街道办公室"
sections = ["工作动态", "基层交流", "基层动态", "一句话信息"]
briefs = ["一句话信息"]
units = ["阳光社区", "新桥社区", "南门社区", "东门社区", "东门街道"]
"""


def _issue(*articles: tuple[str, list[str]]) -> str:
    text = "[issue]\nnumber = 1\ndate = 2026-03-10\n"
    for number, (section, sources) in enumerate(articles, start=1):
        units = ", ".join(f'"{unit}"' for unit in sources)
        text += (
            f'\n[[articles]]\nsection = "{section}"\ntitle = "第{number}篇稿件"\n'
            f'sources = [{units}]\nbody = "正文。"\n'
        )
    return text


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "issues").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("word", "close"),
    [
        ("工作动太", ["工作动态"]),
        ("新乔社区", ["新桥社区"]),
        ("阳光", ["阳光社区"]),
        ("南门社区居委会", ["南门社区"]),
        ("基层", ["基层交流", "基层动态"]),
        ("东门", ["东门社区", "东门街道"]),
        ("会议纪要", []),
    ],
)
def test_close_names(word: str, close: list[str]) -> None:
    catalogue = ["工作动态", "基层交流", "基层动态", "阳光社区", "新桥社区", "南门社区"]
    catalogue += ["东门社区", "东门街道"]
    assert close_names(word, catalogue) == close


def test_fix_mends_a_name_with_one_close_entry_and_says_so(office: Path) -> None:
    issue = office / "issues" / "2026-03.toml"
    issue.write_text(
        _issue(
            ("工作动太", ["新乔社区"]), ("基层交流", ["阳光"]), ("基层交流", ["南门社区居委会"])
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--fix", "issues/2026-03.toml"])
    assert "第 1 篇 栏目：“工作动太” → “工作动态”" in result.stdout
    assert "第 1 篇 供稿单位：“新乔社区” → “新桥社区”" in result.stdout
    assert "第 2 篇 供稿单位：“阳光” → “阳光社区”" in result.stdout
    articles = load_issue(issue).issue.articles
    assert [a.section for a in articles] == ["工作动态", "基层交流", "基层交流"]
    assert [a.sources for a in articles] == [["新桥社区"], ["阳光社区"], ["南门社区"]]
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["undo", "issues/2026-03.toml"]).exit_code == 0
    assert load_issue(issue).issue.articles[0].section == "工作动太"


def test_several_close_entries_are_left_in_a_script(office: Path) -> None:
    issue = office / "issues" / "2026-03.toml"
    issue.write_text(_issue(("基层", ["东门"])), encoding="utf-8")
    before = issue.read_bytes()
    result = runner.invoke(app, ["check", "--fix", "issues/2026-03.toml"])
    assert result.exit_code == 1  # S001 is an error
    assert issue.read_bytes() == before
    assert "S001" in result.stdout and "A002" in result.stdout


def test_several_close_entries_are_asked_at_a_terminal(office: Path) -> None:
    issue = office / "issues" / "2026-03.toml"
    issue.write_text(_issue(("基层", ["东门"])), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", "TERM": "dumb"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-c",
            "from bulletin_cli.cli import main; main()",
            "check",
            "--fix",
            "issues/2026-03.toml",
        ],
        cwd=str(office),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    try:
        child.expect("第 1 篇的栏目“基层”有几个相近的：1 基层交流　2 基层动态")
        child.expect("直接回车不改）：")
        child.sendline("2")
        child.expect("已改正 第 1 篇 栏目：“基层” → “基层动态”")
        child.expect("第 1 篇的供稿单位“东门”有几个相近的：1 东门社区　2 东门街道")
        child.expect("直接回车不改）：")
        child.sendline("")
        child.expect("A002")  # the unit was left, and the report says so
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0  # A002 is a warning
    [article] = load_issue(issue).issue.articles
    assert (article.section, article.sources) == ("基层动态", ["东门"])


def test_stats_flags_a_name_with_a_suffix_and_says_how_to_merge(office: Path) -> None:
    (office / "issues" / "2026-03.toml").write_text(
        _issue(("工作动态", ["南门社区居委会"]), ("工作动态", ["南门社区"])), encoding="utf-8"
    )
    result = runner.invoke(app, ["stats", "issues"])
    assert result.exit_code == 0, result.output
    assert "“南门社区居委会”（1 篇）与“南门社区”（1 篇）：只差“居委会”" in result.output
    assert "    bulletin units rename 南门社区居委会 南门社区 --issues issues\n" in result.output
    report = json.loads(runner.invoke(app, ["stats", "issues", "--format", "json"]).stdout)
    assert {"units": ["南门社区居委会", "南门社区"], "reason": "只差“居委会”"} in report[
        "duplicates"
    ]


@pytest.mark.parametrize(
    ("counts", "pair"),
    [
        ({"南门社区居委会": 1, "南门社区": 3}, ("南门社区居委会", "南门社区")),
        ({"阳光街道办事处": 1, "阳光街道": 2}, ("阳光街道办事处", "阳光街道")),
        ({"吴中区": 1, "吴中区总工会": 4}, ("吴中区", "吴中区总工会")),
        ({"团委": 1, "团委委员会": 1}, ("团委", "团委委员会")),
    ],
)
def test_lookalike_suffixes(counts: dict[str, int], pair: tuple[str, str]) -> None:
    found = likely_duplicates(counts, [])
    assert any(set(item.units) == set(pair) for item in found), found


def test_two_catalogue_names_are_the_offices_choice() -> None:
    assert likely_duplicates({}, ["东门社区", "东门社区居委会"]) == []


def test_show_keeps_each_article_on_one_line_at_80_columns(office: Path) -> None:
    long_title = "关于进一步加强和改进新形势下社区居民委员会换届选举工作的若干意见的贯彻落实情况"
    text = _issue(("工作动态", ["阳光社区", "新桥社区", "南门社区", "东门社区"]))
    text = text.replace("第1篇稿件", long_title)
    (office / "issues" / "2026-03.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["show", "issues/2026-03.toml"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if line.startswith("  1  ")]
    assert display_width(line) <= 80
    assert "…" in line and line.endswith("字")
    assert "报尾：（没有写，可在 bulletin.toml 的 [distribution] 中设默认值）" in result.stdout

"""The interactive ``add`` in a real pseudo-terminal, as a clerk types it.

Each answer is checked at once (unknown section, a number for the section, empty title, a brief
without title, an empty body), Ctrl-C and Ctrl-D exit 130 with the issue file untouched, and
nothing typed is lost: it is saved as a draft whose path is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from bulletin_cli.articleform import parse_form
from bulletin_cli.issuefile.store import load_issue

PROFILE = """[bulletin]
name = "阳光街道工作简报"
editor = "阳光街道办公室"
sections = ["工作动态", "基层交流", "一句话信息"]
briefs = ["一句话信息"]
units = ["党政办", "阳光社区", "研究室"]
"""

ISSUE = """[issue]
number = 1
date = 2026-01-20
"""


@pytest.fixture
def office(tmp_path: Path) -> Path:
    (tmp_path / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues" / "2026-01.toml").write_text(ISSUE, encoding="utf-8")
    return tmp_path


def spawn(office: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", "TERM": "dumb"}
    child = pexpect.spawn(
        sys.executable,
        ["-c", "from bulletin_cli.cli import main; main()", *args],
        cwd=str(office),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    return child


@pytest.fixture
def children() -> Iterator[list[pexpect.spawn]]:
    started: list[pexpect.spawn] = []
    yield started
    for child in started:
        child.close(force=True)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def drafts(office: Path) -> list[Path]:
    return sorted((office / "issues").glob("草稿/*.txt"))


def test_add_checks_each_answer_at_once(office: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(office, "add", "issues/2026-01.toml")
    children.append(child)
    child.expect("栏目目录：1 工作动态　2 基层交流　3 一句话信息（简讯）")
    child.expect("栏目（写序号或名称）：")
    child.sendline("工作动太")
    child.expect("“工作动太” 不在栏目目录中。您要写的是不是 “工作动态”？请重新输入。")
    child.sendline("7")
    child.expect("序号只能是 1 到 3")
    child.sendline("1")
    child.expect("标题：")
    child.sendline("")
    child.expect("标题不能空着：只有简讯栏目（一句话信息）的稿件可以没有标题。")
    child.expect("标题：")
    child.sendline("街道召开安全生产会议")
    child.expect("副标题（没有就直接回车）：")
    child.sendline("")
    child.expect("常用供稿单位：1 党政办　2 阳光社区　3 研究室")
    child.sendline("1、研究室")
    child.expect("并回车：")
    child.sendline("。")
    child.expect("正文是空的")
    child.sendline("会议部署了节前安全检查。")
    child.sendline("")
    child.sendline("与会人员一致表示。")
    child.sendline("．")
    child.expect("已添加第 1 篇：【工作动态】街道召开安全生产会议")
    assert finish(child) == 0
    article = load_issue(office / "issues" / "2026-01.toml").issue.articles[0]
    assert (article.section, article.title, article.sources) == (
        "工作动态",
        "街道召开安全生产会议",
        ["党政办", "研究室"],
    )
    assert article.body == "会议部署了节前安全检查。\n\n与会人员一致表示。\n"
    assert drafts(office) == []


def test_a_brief_asks_no_title_and_a_person_is_not_a_unit(
    office: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(office, "add", "issues/2026-01.toml")
    children.append(child)
    child.expect("栏目（写序号或名称）：")
    child.sendline("3")
    child.expect("“一句话信息” 是简讯栏目，不用标题。")
    child.expect("可留空）：")
    child.sendline("")
    child.expect("并回车：")
    child.sendline("阳光社区开展义诊活动，服务居民120人次。（阳光社区　李丽）")
    child.sendline("。")
    child.expect("李丽 看作作者")
    child.expect("已添加第 1 篇：【一句话信息】（无标题）")
    output = child.before or ""
    assert finish(child) == 0
    assert "A002" not in output
    article = load_issue(office / "issues" / "2026-01.toml").issue.articles[0]
    assert (article.title, article.sources) == ("", ["阳光社区"])
    assert article.body == "阳光社区开展义诊活动，服务居民120人次。\n"


def test_a_unit_like_a_known_one_is_asked_again_once(
    office: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(
        office, "add", "issues/2026-01.toml", "-s", "工作动态", "-t", "题", "-b", "正文。"
    )
    children.append(child)
    child.expect("可留空）：")
    child.sendline("党政")
    child.expect("“党政” 不在常用供稿单位中，是否应为“党政办”？")
    child.sendline("党政")
    child.expect("已添加第 1 篇")
    assert finish(child) == 0
    assert load_issue(office / "issues" / "2026-01.toml").issue.articles[0].sources == ["党政"]


@pytest.mark.parametrize("key", ["\x03", "\x04"], ids=["ctrl-c", "ctrl-d"])
def test_an_interrupt_writes_nothing_and_keeps_what_was_typed(
    office: Path, children: list[pexpect.spawn], key: str
) -> None:
    issue = office / "issues" / "2026-01.toml"
    before = issue.read_bytes()
    child = spawn(office, "add", "issues/2026-01.toml")
    children.append(child)
    child.expect("栏目（写序号或名称）：")
    child.sendline("2")
    child.expect("标题：")
    child.sendline("社区议事会议事")
    child.expect("副标题（没有就直接回车）：")
    child.sendline("")
    child.expect("可留空）：")
    child.sendline("阳光社区")
    child.expect("并回车：")
    child.sendline("第一段已经写好。")
    child.send(key)
    child.expect("已输入的稿件保存在 ")
    child.expect("已中断，文件未改动。")
    assert finish(child) == 130
    assert issue.read_bytes() == before
    [draft] = drafts(office)
    form = parse_form(draft.read_text(encoding="utf-8"))
    assert (form.section, form.title, form.sources) == ("基层交流", "社区议事会议事", ["阳光社区"])
    assert form.body == "第一段已经写好。"  # even the body line typed before the interrupt
    # the draft is finished in Notepad and added with --from
    draft.write_text(draft.read_text(encoding="utf-8") + "第二段。\n", encoding="utf-8")
    added = subprocess.run(
        [sys.executable, "-c", "from bulletin_cli.cli import main; main()", "add",
         "issues/2026-01.toml", "--from", str(draft)],
        cwd=office, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [article] = load_issue(issue).issue.articles
    assert (article.section, article.title, article.sources, article.body) == (
        "基层交流",
        "社区议事会议事",
        ["阳光社区"],
        "第一段已经写好。\n\n第二段。\n",
    )


def test_an_interrupt_before_anything_is_typed_leaves_no_draft(
    office: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(office, "add", "issues/2026-01.toml")
    children.append(child)
    child.expect("栏目（写序号或名称）：")
    child.sendcontrol("c")
    child.expect("已中断，文件未改动。")
    assert finish(child) == 130
    assert drafts(office) == []


def test_a_refusal_at_the_end_saves_the_draft(office: Path, children: list[pexpect.spawn]) -> None:
    issue = office / "issues" / "2026-01.toml"
    before = issue.read_bytes()
    child = spawn(office, "add", "issues/2026-01.toml", "--section", "不存在的栏目")
    children.append(child)
    child.expect("标题：")
    child.sendline("一篇写了很久的稿件")
    child.expect("副标题（没有就直接回车）：")
    child.sendline("")
    child.expect("可留空）：")
    child.sendline("研究室")
    child.expect("并回车：")
    child.sendline("很长的正文。")
    child.sendline("。")
    child.expect("稿件不符合要求，未添加")
    child.expect("已输入的稿件保存在 (\\S+)（期刊文件未改动）")
    assert finish(child) == 1
    assert issue.read_bytes() == before
    [draft] = drafts(office)
    form = parse_form(draft.read_text(encoding="utf-8"))
    assert (form.section, form.title, form.sources, form.body) == (
        "不存在的栏目",
        "一篇写了很久的稿件",
        ["研究室"],
        "很长的正文。",
    )

"""The clerk's second round at a real terminal: init asking the settings, the subtitle asked by
add, 是/否 answers, and a Ctrl-C in the middle of a body line keeping that half line."""

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
from bulletin_cli.profile import load_profile

PROFILE = """[bulletin]
name = "阳光街道工作简报"
editor = "阳光街道办公室"
sections = ["工作动态", "基层交流", "一句话信息"]
briefs = ["一句话信息"]
units = ["党政办", "阳光社区"]
"""

ISSUE = """[issue]
number = 1
date = 2026-01-20

[[articles]]
section = "工作动态"
title = "街道召开安全生产会议"
sources = ["党政办"]
body = "会议部署了节前安全检查。\\n"
"""


def spawn(folder: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", "TERM": "dumb"}
    return pexpect.spawn(
        sys.executable,
        ["-c", "from bulletin_cli.cli import main; main()", *args],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


@pytest.fixture
def children() -> Iterator[list[pexpect.spawn]]:
    started: list[pexpect.spawn] = []
    yield started
    for child in started:
        child.close(force=True)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    (tmp_path / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues" / "2026-01.toml").write_text(ISSUE, encoding="utf-8")
    return tmp_path


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def drafts(office: Path) -> list[Path]:
    return sorted((office / "issues").glob("草稿/*.txt"))


def test_init_asks_the_settings_one_by_one(tmp_path: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(tmp_path, "init")
    children.append(child)
    child.expect("简报名称（印在报头，如 阳光街道工作简报）：")
    child.sendline("")
    child.expect("简报名称不能空着")
    child.sendline("南门街道工作简报")
    child.expect("编印单位（如 阳光街道办公室）：")
    child.sendline("南门街道党政办")
    child.expect("栏目（按印刷顺序")
    child.sendline("")
    child.expect("至少要有一个栏目")
    child.sendline("【工作动态】、基层交流、一句话信息")
    child.expect("栏目：1 工作动态　2 基层交流　3 一句话信息")
    child.expect("没有就直接回车）：")
    child.sendline("简讯")
    child.expect("“简讯” 不是上面的栏目，请写序号（1 到 3）或栏目名称。")
    child.sendline("3")
    child.expect("可留空）：")
    child.sendline("南门社区、北门 社区")
    child.expect("已写好简报设置")
    assert finish(child) == 0
    profile = load_profile(tmp_path / "bulletin.toml")
    assert (profile.name, profile.editor) == ("南门街道工作简报", "南门街道党政办")
    assert profile.sections == ["工作动态", "基层交流", "一句话信息"]
    assert profile.briefs == ["一句话信息"]
    assert profile.units == ["南门社区", "北门社区"]


def test_init_interrupted_writes_nothing(tmp_path: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(tmp_path, "init")
    children.append(child)
    child.expect("简报名称")
    child.sendline("南门街道工作简报")
    child.expect("编印单位")
    child.sendcontrol("c")
    child.expect("已中断，文件未改动。")
    assert finish(child) == 130
    assert not (tmp_path / "bulletin.toml").exists()


def test_init_over_an_existing_profile_refuses_before_asking(
    office: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(office, "init")
    children.append(child)
    child.expect("简报设置已存在")
    output = child.before or ""
    assert finish(child) == 3
    assert "简报名称" not in output


def test_add_asks_the_subtitle_and_keeps_it(office: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(office, "add", "issues/2026-01.toml", "-s", "基层交流", "-u", "阳光社区")
    children.append(child)
    child.expect("标题：")
    child.sendline("社区议事会议事")
    child.expect("副标题（没有就直接回车）：")
    child.sendline("——居民的事居民商量着办")
    child.expect("并回车：")
    child.sendline("议事会每月召开一次。")
    child.sendline("。")
    child.expect("已添加第 2 篇")
    assert finish(child) == 0
    article = load_issue(office / "issues" / "2026-01.toml").issue.articles[1]
    assert article.subtitle == "居民的事居民商量着办"


def test_ctrl_c_in_the_middle_of_a_body_line_keeps_the_half_line(
    office: Path, children: list[pexpect.spawn]
) -> None:
    issue = office / "issues" / "2026-01.toml"
    before = issue.read_bytes()
    child = spawn(office, "add", "issues/2026-01.toml", "-s", "基层交流", "-u", "阳光社区")
    children.append(child)
    child.expect("标题：")
    child.sendline("社区议事会议事")
    child.expect("副标题")
    child.sendline("")
    child.expect("并回车：")
    child.sendline("第一段已经写好。")
    child.send("第二段写到一半")
    child.expect("第二段写到一半")  # echoed: the line is in the terminal, not yet sent
    child.sendcontrol("c")
    child.expect("已输入的稿件保存在 ")
    child.expect("已中断，文件未改动。")
    assert finish(child) == 130
    assert issue.read_bytes() == before
    [draft] = drafts(office)
    form = parse_form(draft.read_text(encoding="utf-8"))
    assert form.body == "第一段已经写好。\n第二段写到一半"


def test_a_draft_added_with_from_moves_to_used(office: Path) -> None:
    folder = office / "issues" / "草稿"
    folder.mkdir()
    draft = folder / "2026-01-20260120-090000.txt"
    draft.write_text(
        "栏目：基层交流\n标题：社区议事会议事\n供稿单位：阳光社区\n正文：\n议事会每月召开一次。\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-c", "from bulletin_cli.cli import main; main()", "add"]
    args = [*command, "issues/2026-01.toml", "--from", str(draft)]
    done = subprocess.run(
        args, cwd=office, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "（正文 1 段）" in done.stdout
    assert not draft.exists()
    assert (folder / "已用" / draft.name).is_file()
    assert "草稿已移到" in done.stderr
    again = subprocess.run(
        args, cwd=office, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    assert again.returncode == 3  # gone: it cannot be added twice by mistake
    assert len(load_issue(office / "issues" / "2026-01.toml").issue.articles) == 2


@pytest.mark.parametrize(
    ("answers", "removed"),
    [
        (["是"], True),
        (["y"], True),
        (["否"], False),
        (["n"], False),
        ([""], False),
        (["好的吧", "是"], True),
    ],
)
def test_remove_asks_shi_or_fou(
    office: Path, children: list[pexpect.spawn], answers: list[str], removed: bool
) -> None:
    child = spawn(office, "remove", "issues/2026-01.toml", "1")
    children.append(child)
    for answer in answers:
        child.expect("确定删除吗？（是/否，直接回车为否）：")
        child.sendline(answer)
        if answer == "好的吧":
            child.expect("请输入 是 或 否")
    assert finish(child) == 0
    articles = load_issue(office / "issues" / "2026-01.toml").issue.articles
    assert len(articles) == (0 if removed else 1)


def test_collects_table_never_breaks_a_file_name(
    office: Path, children: list[pexpect.spawn]
) -> None:
    from docx import Document

    inbox = office / "收稿"
    inbox.mkdir()
    name = "稿件-阳光社区-关于开展2026年春节送温暖活动情况的报告.docx"
    doc = Document()
    doc.add_paragraph("阳光社区开展春节送温暖活动")
    doc.add_paragraph("　　社区走访困难家庭二十户，送去慰问品。")
    doc.add_paragraph("（阳光社区）")
    doc.save(str(inbox / name))
    child = spawn(office, "collect", "收稿", "issues/2026-01.toml", "--dry-run", "-s", "基层交流")
    child.setwinsize(40, 100)
    children.append(child)
    assert finish(child) == 0
    lines = (child.before or "").splitlines()
    table = [line for line in lines if "│" in line or "┃" in line]
    assert table, lines
    assert not any("报告.docx" in line and "稿件-" not in line for line in table)
    assert any("稿件-" in line for line in table)
    assert all(len(line) <= 100 for line in table)


def test_add_from_at_a_terminal_keeps_with_enter_and_asks_shi_fou(
    office: Path, children: list[pexpect.spawn]
) -> None:
    source = office / "稿件.txt"
    source.write_text(
        "社区议事会议事\n——居民的事大家商量\n\n议事会每月召开一次。\n\n（阳光社区）\n",
        encoding="utf-8",
    )
    child = spawn(office, "add", "issues/2026-01.toml", "--from", "稿件.txt", "-s", "基层交流")
    children.append(child)
    child.expect("栏目（直接回车保留“基层交流”）：")
    child.sendline("")
    child.expect("标题（直接回车保留“社区议事会议事”）：")
    child.sendline("")
    child.expect("副标题（直接回车保留“居民的事大家商量”；写 - 去掉）：")
    child.sendline("-")
    child.expect("供稿单位（多个用、分隔）（直接回车保留“阳光社区”）：")
    child.sendline("")
    child.expect("写入这一篇吗？（是/否，直接回车为是）：")
    child.sendline("是")
    child.expect("已添加第 2 篇：【基层交流】社区议事会议事（正文 1 段）")
    assert finish(child) == 0
    article = load_issue(office / "issues" / "2026-01.toml").issue.articles[1]
    assert (article.subtitle, article.sources) == (None, ["阳光社区"])

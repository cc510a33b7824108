"""edit, remove, move and undo as a clerk uses them: options, the editor form, confirmations."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from bulletin_cli.articleform import ArticleForm
from bulletin_cli.cli import app
from bulletin_cli.cli.edit_commands import describe_action
from bulletin_cli.cli.editor import changed_fields, editor_command
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()


def _titles(issue: Path) -> list[str]:
    return [article.title for article in load_issue(issue).issue.articles]


@pytest.mark.parametrize("command", ["show", "edit", "remove", "move", "undo"])
def test_every_new_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"示例：bulletin {command}" in result.stdout


def test_edit_with_options_changes_only_those_values(example_issue: Path) -> None:
    before = example_issue.read_text(encoding="utf-8")
    old_title = _titles(example_issue)[2]
    result = runner.invoke(app, ["edit", str(example_issue), "3", "--title", "周英来苏送温暖"])
    assert result.exit_code == 0, result.output
    assert "已修改第 3 篇的标题：【“送温暖”活动】周英来苏送温暖" in result.stdout
    after = example_issue.read_text(encoding="utf-8")
    assert after == before.replace(f'title = "{old_title}"', 'title = "周英来苏送温暖"')


def test_edit_refused_by_the_rules_writes_nothing(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    result = runner.invoke(app, ["edit", str(example_issue), "3", "--section", "不存在"])
    assert result.exit_code == 1
    assert "S001" in result.stderr
    assert example_issue.read_bytes() == before


def test_edit_without_options_in_a_script_says_what_to_write(example_issue: Path) -> None:
    result = runner.invoke(app, ["edit", str(example_issue), "3"])
    assert result.exit_code == 2
    assert "没有写要改的项目" in result.stderr


def test_remove_move_and_undo_give_back_the_original_bytes(example_issue: Path) -> None:
    original = example_issue.read_bytes()
    titles = _titles(example_issue)
    removed = runner.invoke(app, ["remove", str(example_issue), "11", "--yes"])
    assert removed.exit_code == 0, removed.output
    assert f"已删除第 11 篇：【“送温暖”活动】{titles[10]}" in removed.stdout
    moved = runner.invoke(app, ["move", str(example_issue), "5", "--to", "2"])
    assert moved.exit_code == 0, moved.output
    assert f"已把第 5 篇《{titles[4]}》移到第 2 篇。" in moved.stdout
    assert _titles(example_issue)[1] == titles[4]
    undone = runner.invoke(app, ["undo", str(example_issue)])
    assert undone.stdout == "已撤销：把第 5 篇移到第 2 篇\n"
    undone = runner.invoke(app, ["undo", str(example_issue)])
    assert undone.stdout == "已撤销：删除第 11 篇\n"
    assert example_issue.read_bytes() == original
    nothing = runner.invoke(app, ["undo", str(example_issue)])
    assert nothing.exit_code == 1
    assert "没有可以撤销的改动" in nothing.stderr


def test_move_across_sections_is_refused_and_needs_one_target(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    across = runner.invoke(app, ["move", str(example_issue), "3", "--to", "1"])
    assert across.exit_code == 2
    assert "只能在本栏目内移动" in across.stderr
    neither = runner.invoke(app, ["move", str(example_issue), "3"])
    assert neither.exit_code == 2
    assert "--to 和 --to-issue 要写一个" in neither.stderr
    assert example_issue.read_bytes() == before


def test_move_to_another_issue_and_undo_both(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    other = example_dir / "issues" / "2012-02.toml"
    other.write_text("[issue]\nnumber = 2\ndate = 2012-02-20\n", encoding="utf-8")
    before, other_before = issue.read_bytes(), other.read_bytes()
    title = _titles(issue)[3]
    moved = runner.invoke(app, ["move", str(issue), "4", "--to-issue", str(other)])
    assert moved.exit_code == 0, moved.output
    assert _titles(other) == [title]
    undone = runner.invoke(app, ["undo", str(issue)])
    assert undone.exit_code == 0, undone.output
    assert "也已恢复" in undone.stdout
    assert (issue.read_bytes(), other.read_bytes()) == (before, other_before)


def test_a_wrong_article_number_names_how_many_there_are(example_issue: Path) -> None:
    result = runner.invoke(app, ["remove", str(example_issue), "99", "--yes"])
    assert result.exit_code == 2
    assert "共 11 篇" in result.stderr


@pytest.mark.parametrize(
    ("action", "words"),
    [
        ("add", "添加稿件"),
        ("edit 3", "修改第 3 篇"),
        ("remove 11", "删除第 11 篇"),
        ("move 5 → 2", "把第 5 篇移到第 2 篇"),
        ("move 4 → 2012-02.toml", "把第 4 篇移到 2012-02.toml"),
    ],
)
def test_undo_names_the_change_in_a_clerks_words(action: str, words: str) -> None:
    assert describe_action(action) == words


def test_only_the_changed_fields_are_written() -> None:
    before = ArticleForm("工作动态", "甲", "", ["办公室"], "正文。\n")
    after = ArticleForm("工作动态", "乙", "副", ["办公室"], "正文。")
    assert changed_fields(before, after) == {"title": "乙", "subtitle": "副"}


def test_the_editor_is_the_clerks_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", "code --wait")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.setenv("VISUAL", "nano")
    assert editor_command() == ["nano"]


# --- at a real terminal --------------------------------------------------------------------

FAKE_EDITOR = """
import pathlib, sys
path = pathlib.Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
log = pathlib.Path(sys.argv[0]).with_suffix(".log")
with log.open("a", encoding="utf-8") as seen:
    seen.write(text + "\\n=====\\n")
if "上次保存的内容有问题" in text:
    text = text.replace("栏目：送温暖活动", "栏目：“送温暖”活动")
else:
    text = text.replace("栏目：“送温暖”活动", "栏目：送温暖活动")
    text = text.replace("标题：省总副主席周英在苏州地区送温暖", "标题：周英来苏送温暖")
path.write_text(text, encoding="utf-8")
"""


@pytest.fixture
def terminal(example_dir: Path) -> Iterator[list[pexpect.spawn]]:
    started: list[pexpect.spawn] = []
    yield started
    for child in started:
        child.close(force=True)


def _spawn(example_dir: Path, *args: str) -> pexpect.spawn:
    editor = example_dir / "fake_editor.py"
    editor.write_text(FAKE_EDITOR, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": "",
    }
    return pexpect.spawn(
        sys.executable,
        ["-c", "from bulletin_cli.cli import main; main()", *args],
        cwd=str(example_dir),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


def _exit_code(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    code: int = child.exitstatus
    return code


def test_edit_in_the_editor_asks_again_and_keeps_the_text(
    example_dir: Path, terminal: list[pexpect.spawn]
) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    child = _spawn(example_dir, "edit", "issues/2012-01.toml", "3")
    terminal.append(child)
    child.expect("S001")
    child.expect("按回车重新打开编辑器改正")
    child.sendline("")
    child.expect("已修改第 3 篇的标题：【“送温暖”活动】周英来苏送温暖")
    assert _exit_code(child) == 0
    assert _titles(issue)[2] == "周英来苏送温暖"
    first, second = (
        (example_dir / "fake_editor.log").read_text(encoding="utf-8").split("\n=====\n")[:2]
    )
    assert "栏目：“送温暖”活动" in first and "供稿单位：张家港市总工会" in first
    assert "标题：周英来苏送温暖" in second  # the clerk's change is still there
    assert "# 上次保存的内容有问题" in second


@pytest.mark.parametrize("give_up", ["q", "\x03"], ids=["q", "ctrl-c"])
def test_giving_up_in_the_editor_writes_nothing_and_keeps_the_file(
    example_dir: Path, terminal: list[pexpect.spawn], give_up: str
) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    before = issue.read_bytes()
    child = _spawn(example_dir, "edit", "issues/2012-01.toml", "3")
    terminal.append(child)
    child.expect("按回车重新打开编辑器改正")
    if give_up == "q":
        child.sendline("q")
    else:
        child.sendcontrol("c")
    child.expect(r"改过的内容保存在 (\S+\.txt)")
    kept = Path(child.match.group(1))
    assert _exit_code(child) == 130
    assert issue.read_bytes() == before
    assert "标题：周英来苏送温暖" in kept.read_text(encoding="utf-8")


@pytest.mark.parametrize(("answer", "removed"), [("y", True), ("", False), ("\x03", False)])
def test_remove_asks_at_a_terminal(
    example_dir: Path, terminal: list[pexpect.spawn], answer: str, removed: bool
) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    before = issue.read_bytes()
    child = _spawn(example_dir, "remove", "issues/2012-01.toml", "2")
    terminal.append(child)
    child.expect("将删除第 2 篇：【“送温暖”活动】")
    child.expect("确定删除吗")
    if answer == "\x03":
        child.sendcontrol("c")
        assert _exit_code(child) == 130
    else:
        child.sendline(answer)
        assert _exit_code(child) == 0
    assert (issue.read_bytes() != before) is removed


@pytest.mark.parametrize("command", ["edit", "remove", "move"])
def test_a_number_beyond_the_issue_names_the_count_and_where_to_look(
    example_issue: Path, command: str
) -> None:
    before = example_issue.read_bytes()
    extra = {"edit": ["-t", "新标题"], "remove": ["--yes"], "move": ["--to", "1"]}[command]
    result = runner.invoke(app, [command, str(example_issue), "99", *extra])
    assert result.exit_code == 2, result.output
    assert "没有第 99 篇稿件（这一期共 11 篇）" in result.stderr
    assert f"用 bulletin show {example_issue} 查看各篇的序号" in result.stderr
    assert example_issue.read_bytes() == before

"""init, new, add and list as a clerk and a script use them."""

from __future__ import annotations

import datetime as dt
import json
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli import __version__
from bulletin_cli.cli import app
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"bulletin {__version__}"


@pytest.mark.parametrize("command", ["init", "new", "add", "list"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"bulletin {command}" in result.stdout
    assert "示例" in result.stdout


def test_init_writes_every_setting_commented(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "bulletin.toml").read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    assert set(doc["bulletin"]) >= {"name", "editor", "sections", "units", "briefs", "max_pages"}
    assert set(doc["distribution"]) == {"report", "send", "distribute", "copies"}
    assert doc["layout"]["face_body"] == "仿宋_GB2312"
    setting_lines = [line for line in text.splitlines() if " = " in line]
    comment_lines = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(comment_lines) >= len(setting_lines)
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 3
    assert "已存在" in again.stderr


def test_new_continues_numbering_and_never_overwrites(example_dir: Path) -> None:
    issues = example_dir / "issues"
    first = runner.invoke(app, ["new", "--dir", str(issues), "--date", "2012-02-20"])
    assert first.exit_code == 0, first.output
    path = Path(first.stdout.strip())
    assert path == issues / "2012-02.toml"
    head = tomllib.loads(path.read_text(encoding="utf-8"))["issue"]
    assert (head["number"], head["total"], head["date"]) == (2, 216, dt.date(2012, 2, 20))
    next_year = runner.invoke(app, ["new", "--dir", str(issues), "--date", "2013-01-08"])
    assert Path(next_year.stdout.strip()) == issues / "2013-01.toml"
    clash = runner.invoke(
        app, ["new", "--dir", str(issues), "--number", "2", "--date", "2012-05-01"]
    )
    assert clash.exit_code == 3
    assert "已存在" in clash.stderr


def test_new_defaults_to_today(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "--dir", str(tmp_path), "--no-profile"])
    assert result.exit_code == 0, result.output
    today = dt.date.today()
    assert Path(result.stdout.strip()).name == f"{today.year}-01.toml"


def test_new_rejects_a_bad_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "--dir", str(tmp_path), "--date", "2012-13-01"])
    assert result.exit_code == 2
    assert "2012-13-01" in result.stderr


def test_add_cleans_pasted_text_and_moves_the_attribution(example_issue: Path) -> None:
    body = "\u3000\u3000第一段文字。  \r\n\r\n\r\n   第二段文字。      （市总生活部）\r\n"
    result = runner.invoke(
        app,
        [
            "add",
            str(example_issue),
            "--section",
            "【工作动态】",
            "--title",
            "  新标题 ",
            "--body",
            body,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "已添加第 2 篇：【工作动态】新标题" in result.stdout  # after the one 工作动态 article
    assert "（市总生活部） 已移到供稿单位" in result.stderr
    article = load_issue(example_issue).issue.articles[1]
    assert article.section == "工作动态"
    assert article.title == "新标题"
    assert article.sources == ["市总生活部"]
    assert article.body == "第一段文字。\n\n第二段文字。\n"


def test_add_reads_the_body_from_a_file_and_stdin(example_issue: Path, tmp_path: Path) -> None:
    gbk = tmp_path / "稿件.txt"
    gbk.write_bytes("来自文件的正文。".encode("gb18030"))
    args = ["add", str(example_issue), "-s", "工作动态", "-t", "甲", "-u", "研究室"]
    assert runner.invoke(app, [*args, "--body-file", str(gbk)]).exit_code == 0
    piped = runner.invoke(
        app, [*args[:5], "乙", *args[6:], "--body-file", "-"], input="从管道来的正文。\n"
    )
    assert piped.exit_code == 0, piped.output
    bodies = [a.body for a in load_issue(example_issue).issue.articles[1:3]]
    assert bodies == ["来自文件的正文。\n", "从管道来的正文。\n"]


def test_add_splits_units_given_together(example_issue: Path) -> None:
    result = runner.invoke(
        app,
        [
            "add",
            str(example_issue),
            "-s",
            "工作动态",
            "-t",
            "甲",
            "-u",
            "市总办公室、研究室",
            "-b",
            "正文。",
        ],
    )
    assert result.exit_code == 0, result.output
    assert load_issue(example_issue).issue.articles[1].sources == ["市总办公室", "研究室"]


def test_add_in_a_script_never_asks_and_names_what_is_missing(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    result = runner.invoke(app, ["add", str(example_issue), "--section", "工作动态"])
    assert result.exit_code == 2
    assert "缺少 --title、--source、--body 或 --body-file" in result.stderr
    assert example_issue.read_bytes() == before


def test_add_at_a_terminal_asks_for_missing_fields(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulletin_cli.cli.issue_commands.stdin_is_terminal", lambda: True)
    typed = "工作动态\n问来的标题\n\n研究室\n第一段。\n\n第二段。\n.\n"  # Enter: no subtitle
    result = runner.invoke(app, ["add", str(example_issue)], input=typed)
    assert result.exit_code == 0, result.output
    article = load_issue(example_issue).issue.articles[1]
    assert (article.title, article.sources, article.body) == (
        "问来的标题",
        ["研究室"],
        "第一段。\n\n第二段。\n",
    )


def test_add_refuses_control_characters_with_their_position(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    body = "第一行\n第二行有\x07响铃"
    result = runner.invoke(
        app, ["add", str(example_issue), "-s", "工作动态", "-t", "甲", "-u", "研究室", "-b", body]
    )
    assert result.exit_code == 1
    assert "第 2 行第 5 个字符处的控制字符 U+0007" in result.stderr
    assert example_issue.read_bytes() == before


def test_add_to_a_missing_file_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["add", str(tmp_path / "无.toml"), "-s", "甲", "-t", "乙", "-u", "丙", "-b", "丁"]
    )
    assert result.exit_code == 3
    assert "无.toml" in result.stderr
    assert not (tmp_path / "无.toml").exists()


def test_add_to_an_invalid_file_exits_3_naming_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "坏.toml"
    original = b"[issue]\nnumber = 1\ndate = 2012-01-01\n[[articles]\n"
    path.write_bytes(original)
    result = runner.invoke(app, ["add", str(path), "-s", "甲", "-t", "乙", "-u", "丙", "-b", "丁"])
    assert result.exit_code == 3
    assert f"{path}:4:" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_bytes() == original


def test_unknown_option_exits_2(example_issue: Path) -> None:
    result = runner.invoke(app, ["add", str(example_issue), "--tilte", "甲"])
    assert result.exit_code == 2


def test_add_json_lines_is_all_or_nothing(example_issue: Path) -> None:
    good = json.dumps(
        {"section": "工作动态", "title": "甲", "sources": ["研究室"], "body": "正文。"}
    )
    bad = json.dumps({"section": "工作动态", "tilte": "乙"})
    before = example_issue.read_bytes()
    refused = runner.invoke(app, ["add", str(example_issue), "--json"], input=f"{good}\n{bad}\n")
    assert refused.exit_code == 2
    assert "标准输入第 2 行" in refused.stderr
    assert "tilte" in refused.stderr
    assert example_issue.read_bytes() == before
    accepted = runner.invoke(app, ["add", str(example_issue), "--json"], input=f"{good}\n{good}\n")
    assert accepted.exit_code == 0, accepted.output
    assert len(load_issue(example_issue).issue.articles) == 13


def test_list_as_table_and_json(example_issue: Path) -> None:
    text = runner.invoke(app, ["list", str(example_issue)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert len(lines) == 11
    assert lines[0].split("\t") == [
        "1",
        "工作动态",
        "市政府与市总工会召开第八次联席会议",
        "市总办公室、研究室",
        "679",
    ]
    data = json.loads(runner.invoke(app, ["list", str(example_issue), "--json"]).stdout)
    assert data["issue"] == {"number": 1, "total": 215, "date": "2012-01-20"}
    assert [a["number"] for a in data["articles"]] == list(range(1, 12))
    assert data["articles"][0]["subtitle"] == "工会四项建议全部获得政府支持"
    assert data["articles"][10]["sources"] == ["市总生活部"]


def test_everything_works_without_a_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    created = runner.invoke(app, ["new", "--date", "2026-03-02", "--no-profile"])
    assert created.exit_code == 0, created.output
    path = created.stdout.strip()
    added = runner.invoke(
        app, ["add", path, "-s", "任意栏目", "-t", "标题", "-u", "某单位", "-b", "正文。"]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["list", path])
    assert listed.stdout.split("\t")[:3] == ["1", "任意栏目", "标题"]


def test_help_lists_the_commands_in_a_clerks_working_order() -> None:
    order = [
        "init",
        "new",
        "add",
        "collect",
        "list",
        "show",
        "edit",
        "remove",
        "move",
        "undo",
        "check",
        "export",
        "preview",
        "fonts",
        "import",
        "stats",
        "mark",
    ]
    assert [info.name for info in app.registered_commands] == order
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    lines = [line.strip("│ ").split(" ")[0] for line in result.stdout.splitlines()]
    assert [name for name in lines if name in order] == order


def test_main_runs_a_command_and_keeps_every_command_registered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bulletin_cli.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["bulletin", "init"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 0
    assert (tmp_path / "bulletin.toml").is_file()
    from bulletin_cli.cli import _COMMANDS

    # every registered command and group is in the table (a new one is one line there), the
    # commands in the table's order
    commands = [str(info.name) for info in app.registered_commands]
    groups = [str(info.name) for info in app.registered_groups]
    assert sorted(commands + groups) == sorted(_COMMANDS)
    assert commands == [name for name in _COMMANDS if name in commands]

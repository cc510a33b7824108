"""``bulletin check`` and ``bulletin add`` (its article rules) through the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app

runner = CliRunner()


def _run(folder: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = runner.invoke(app, list(args), input=stdin)
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


def _break(issue: Path, old: str, new: str) -> None:
    text = issue.read_text(encoding="utf-8")
    assert old in text
    issue.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_budget(folder: Path, pages: int) -> None:
    path = folder / "bulletin.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^max_pages = \d+", f"max_pages = {pages}", text), encoding="utf-8")


def _raise_budget(folder: Path) -> None:
    _set_budget(folder, 20)


def test_the_example_passes(example_dir: Path) -> None:
    _set_budget(example_dir, 6)
    code, stdout, stderr = _run(example_dir, "check", "issues/2012-01.toml")
    assert code == 0, stdout + stderr
    assert stdout.splitlines()[-1] == "issues/2012-01.toml：0 个错误，1 个提醒，估计印 10 页。"


def test_clean_issue_text(example_dir: Path) -> None:
    _raise_budget(example_dir)
    code, stdout, stderr = _run(example_dir, "check", "issues/2012-01.toml")
    assert code == 0, stdout + stderr
    assert stdout == "issues/2012-01.toml：没有发现问题，估计印 10 页。\n"


def test_errors_text_grouped_by_article(example_dir: Path) -> None:
    _raise_budget(example_dir)
    _break(example_dir / "issues" / "2012-01.toml", 'section = "工作动态"', 'section = "工作动太"')
    code, stdout, stderr = _run(example_dir, "check", "issues/2012-01.toml")
    assert code == 1, stdout + stderr
    assert stdout.splitlines() == [
        "issues/2012-01.toml",
        "  全期",
        "    issues/2012-01.toml: 错误 S005 必备栏目“工作动态”没有稿件",
        "      提示：用 bulletin add 添加一篇 --section 工作动态 的稿件，"
        "或在 bulletin.toml 的 required 中去掉它",
        "  第 1 篇 【工作动太】市政府与市总工会召开第八次联席会议",
        "    issues/2012-01.toml:9: 错误 S001 栏目“工作动太”不在栏目目录中",
        "      提示：是否应为“工作动态”？（可用 bulletin check --fix 自动改正）",
        "issues/2012-01.toml：2 个错误，0 个提醒，估计印 10 页。",
    ]


def test_json_as_the_contract_says(example_dir: Path) -> None:
    _set_budget(example_dir, 6)
    _break(
        example_dir / "issues" / "2012-01.toml",
        'sources = ["市总办公室", "研究室"]',
        'sources = ["市总办公室", "研究所"]',
    )
    _break(
        example_dir / "issues" / "2012-01.toml",
        'sources = ["市总生活部"]',
        'sourse = ["市总生活部"]',
    )
    code, stdout, _ = _run(example_dir, "check", "issues/2012-01.toml", "--format", "json")
    assert code == 1
    document = json.loads(stdout)
    assert list(document) == ["files"]
    (entry,) = document["files"]
    assert entry["path"] == "issues/2012-01.toml"
    assert (entry["errors"], entry["warnings"], entry["pages"]) == (2, 2, 10)
    for finding in entry["findings"]:
        assert list(finding) == ["code", "severity", "line", "article", "message", "hint"]
    by_code = {finding["code"]: finding for finding in entry["findings"]}
    assert by_code["F001"] == {
        "code": "F001",
        "severity": "error",
        "line": 22,
        "article": 2,
        "message": "第 2 篇稿件中有未知的键 sourse",
        "hint": "是否应为 sources？",
    }
    assert (by_code["A001"]["line"], by_code["A001"]["article"]) == (19, 2)  # at the header
    assert (by_code["A002"]["line"], by_code["A002"]["article"]) == (12, 1)
    assert by_code["P001"] == {
        "code": "P001",
        "severity": "warning",
        "line": None,
        "article": None,
        "message": "估计要印 10 页，超过 6 页的上限",
        "hint": "删减或压缩稿件，或在 bulletin.toml 中把页数上限 max_pages 改为 10",
    }


def test_strict_reports_warnings_as_errors(example_dir: Path) -> None:
    _set_budget(example_dir, 6)
    code, stdout, _ = _run(
        example_dir, "check", "issues/2012-01.toml", "--format", "json", "--strict"
    )
    assert code == 1
    (entry,) = json.loads(stdout)["files"]
    assert (entry["errors"], entry["warnings"]) == (1, 0)
    assert entry["findings"][0]["severity"] == "error"


def test_several_files_highest_exit_code_wins(example_dir: Path) -> None:
    _set_budget(example_dir, 6)
    issues = example_dir / "issues"
    (issues / "2012-02.toml").write_text(
        "[issue]\nnumber = 2\ndate = 2012-02-20\ntotal = 216\n", encoding="utf-8"
    )
    code, stdout, stderr = _run(example_dir, "check", "issues/2012-01.toml", "issues/2012-02.toml")
    assert code == 1, stdout + stderr
    assert "issues/2012-02.toml: 错误 S005 必备栏目“工作动态”没有稿件" in stdout
    assert "合计：1 个错误，1 个提醒（2 个文件）。" in stdout

    (issues / "2012-03.toml").write_text(
        '[issue]\nnumber = 3\ndate = "2012-03-20\n', encoding="utf-8"
    )
    code, stdout, stderr = _run(
        example_dir, "check", "issues/2012-03.toml", "issues/2012-02.toml", "--format", "json"
    )
    assert code == 3
    files = json.loads(stdout)["files"]
    assert [entry["path"] for entry in files] == ["issues/2012-03.toml", "issues/2012-02.toml"]
    assert files[0]["problem"].startswith("issues/2012-03.toml:3:")
    assert files[1]["errors"] == 1
    assert "错误：issues/2012-03.toml:3:" in stderr
    assert "Traceback" not in stdout + stderr


def test_missing_file_exit_3(example_dir: Path) -> None:
    code, _, stderr = _run(example_dir, "check", "issues/无.toml")
    assert code == 3
    assert stderr.startswith("错误：issues/无.toml: 文件不存在")


def test_no_argument_is_a_usage_error(example_dir: Path) -> None:
    code, _, _ = _run(example_dir, "check")
    assert code == 2


def test_fix_prints_changes_and_keeps_the_rest(example_dir: Path) -> None:
    _raise_budget(example_dir)
    issue = example_dir / "issues" / "2012-01.toml"
    original = issue.read_bytes()
    _break(issue, 'section = "工作动态"', 'section = "【工作动态】"')
    _break(issue, 'sources = ["市总办公室", "研究室"]', 'sources = ["（市总办公室、研究室）供稿"]')
    _break(issue, "联席会议，工会在会上", "联席会议,工会在会上")
    code, stdout, stderr = _run(example_dir, "check", "--fix", "issues/2012-01.toml")
    assert code == 0, stdout + stderr
    assert stdout.splitlines() == [
        "issues/2012-01.toml:9: 已改正 S002 第 1 篇 栏目：“【工作动态】” → “工作动态”",
        "issues/2012-01.toml:12: 已改正 A003 第 1 篇 供稿单位："
        "“（市总办公室、研究室）供稿” → “市总办公室、研究室”",
        "issues/2012-01.toml:14: 已改正 T006 第 1 篇 正文：“联席会议,工会在会” → “联席会议，工会在会”",
        "issues/2012-01.toml：没有发现问题，估计印 10 页。",
    ]
    assert issue.read_bytes() == original


def test_add_refuses_an_article_with_errors(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    before = issue.read_bytes()
    args = ["add", "issues/2012-01.toml", "-s", "工作动太", "-t", "甲", "-u", "研究室"]
    code, stdout, stderr = _run(example_dir, *args, "-b", "正文。")
    assert code == 1, stdout + stderr
    assert stderr == (
        "错误：稿件不符合要求，未添加：\n"
        "  S001 栏目“工作动太”不在栏目目录中。是否应为“工作动态”？\n"
        "  提示：改正后再添加；确需照样写入时加 --force\n"
    )
    assert issue.read_bytes() == before

    code, stdout, stderr = _run(example_dir, *args, "-b", "正文。", "--force")
    assert code == 0, stdout + stderr
    assert "错误（已按 --force 写入）：S001 栏目“工作动太”不在栏目目录中" in stderr
    assert stdout == "已添加第 12 篇：【工作动太】甲\n"


def test_add_shows_warnings_and_writes(example_dir: Path) -> None:
    args = ["add", "issues/2012-01.toml", "-s", "工作动态", "-t", "新闻。", "-u", "新单位"]
    code, stdout, stderr = _run(example_dir, *args, "-b", "正文。")
    assert code == 0, stdout + stderr
    assert (
        "提醒：T003 标题末尾不应有“。”。标题改为“新闻”，可用 bulletin check --fix 自动改正\n"
        in stderr
    )
    assert "提醒：A002 供稿单位“新单位”不在已知单位中" in stderr
    assert stdout == "已添加第 2 篇：【工作动态】新闻。\n"  # after the one 工作动态 article


@pytest.mark.parametrize("args", [["check", "issues/2012-01.toml"]])
def test_check_stays_light(example_dir: Path, args: list[str]) -> None:
    probe = (
        "import json, sys; sys.argv = ['bulletin', *json.loads(sys.argv[1])]\n"
        "from bulletin_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps([m for m in ('docx', 'rich', 'lxml') if m in sys.modules]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(args)],
        cwd=example_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def test_rules_do_not_import_the_cli() -> None:
    code = (
        "import sys, bulletin_cli.check.engine, bulletin_cli.check.fixes, bulletin_cli.check.pages;"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_fix_in_json(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    _break(issue, 'section = "工作动态"', 'section = "[工作动态]"')
    code, stdout, stderr = _run(
        example_dir, "check", "issues/2012-01.toml", "--fix", "--format", "json"
    )
    assert code == 0, stdout + stderr
    (entry,) = json.loads(stdout)["files"]
    assert entry["fixed"] == [
        {
            "code": "S002",
            "line": 9,
            "article": 1,
            "key": "section",
            "change": "第 1 篇 栏目：“[工作动态]” → “工作动态”",
        }
    ]
    assert entry["errors"] == 0


def test_a_folder_checks_its_issues(example_dir: Path) -> None:
    (example_dir / "issues" / "2012-02.toml").write_text(
        "[issue]\nnumber = 1\ndate = 2012-02-20\n", encoding="utf-8"
    )
    code, stdout, _ = _run(example_dir, "check", "issues", "--format", "json")
    assert code == 1
    files = json.loads(stdout)["files"]
    assert [entry["path"] for entry in files] == ["issues/2012-01.toml", "issues/2012-02.toml"]
    assert "M003" in {finding["code"] for finding in files[0]["findings"]}


@pytest.mark.parametrize(
    "broken",
    [
        "x = " + "[" * 500 + "]" * 500 + "\n",  # nested too deep for the parser
        "[issue]\nnumber = " + "9" * 4_400 + "\n",  # more digits than Python converts
        "[issue]\nnumber = 2\ndate = \n",  # a plain syntax error
    ],
    ids=["deep nesting", "4400-digit integer", "syntax error"],
)
def test_an_unreadable_sibling_does_not_stop_the_check(example_dir: Path, broken: str) -> None:
    _raise_budget(example_dir)
    (example_dir / "issues" / "bad.toml").write_text(broken, encoding="utf-8")
    code, stdout, stderr = _run(example_dir, "check", "issues/2012-01.toml")
    assert code == 0, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "提醒 F003 同一文件夹中的 bad.toml 无法读取" in stdout
    code, stdout, _stderr = _run(example_dir, "check", "issues/2012-01.toml", "--format", "json")
    findings = json.loads(stdout)["files"][0]["findings"]
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [("F003", "warning", None)]


def test_fix_puts_the_articles_in_printed_order(example_dir: Path) -> None:
    """The example's 工作动态 article moved to the end: S003/S004 until --fix, which moves it
    back, every byte of the file as it was; undo takes the fix back."""
    _raise_budget(example_dir)
    issue = example_dir / "issues" / "2012-01.toml"
    original = issue.read_text(encoding="utf-8")
    start = original.index("[[articles]]")
    end = original.index("[[articles]]", start + 1)
    first = original[start:end]
    rest = original[end:]
    tail = rest.index("[distribution]")
    issue.write_text(original[:start] + rest[:tail] + first + rest[tail:], encoding="utf-8")
    code, stdout, _stderr = _run(example_dir, "check", "issues/2012-01.toml")
    assert "S004" in stdout
    code, stdout, stderr = _run(
        example_dir, "check", "issues/2012-01.toml", "--fix", "--format", "json"
    )
    assert code == 0, stdout + stderr
    (entry,) = json.loads(stdout)["files"]
    assert [(f["code"], f["key"], f["article"]) for f in entry["fixed"]] == [
        ("S004", "articles", 11)
    ]
    assert entry["fixed"][0]["change"].startswith("按印出的顺序重排稿件，依次为原第 11、1、2、")
    assert entry["findings"] == []
    assert issue.read_text(encoding="utf-8") == original
    code, stdout, stderr = _run(example_dir, "undo", "issues/2012-01.toml")
    assert code == 0, stdout + stderr
    assert "S004" in _run(example_dir, "check", "issues/2012-01.toml")[1]

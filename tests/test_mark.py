"""bulletin mark: records of adoption above and 批示, written in place, undoable, refused
clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.cli import app

runner = CliRunner()

SCORING = """
[scoring]
article = 10

[scoring.adoption]
"市级" = 10
"省级" = { "全文" = 20, "摘要" = 10 }

[scoring.instruction]
"市级" = 10
"""

ADOPTED = "省委办公厅《江苏信息》"


@pytest.fixture
def scored(example_dir: Path) -> Path:
    profile = example_dir / "bulletin.toml"
    profile.write_text(profile.read_text(encoding="utf-8") + SCORING, encoding="utf-8")
    return example_dir / "issues" / "2012-01.toml"


def _mark(issue: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["mark", str(issue), *args])
    return result.exit_code, result.stdout, result.stderr


def _only_added(before: bytes, after: bytes, block: bytes) -> None:
    """``after`` is ``before`` with ``block`` inserted once, every other byte as it was."""
    assert after.count(block) == 1
    at = after.index(block)
    assert after[:at] + after[at + len(block) :] == before


def test_mark_adds_a_table_after_the_article_and_nothing_else(scored: Path) -> None:
    before = scored.read_bytes()
    code, out, err = _mark(
        scored, "2", "--adopted-by", ADOPTED, "--level", "省级", "--form", "摘要"
    )
    assert code == 0, err
    assert "已记录第 2 篇" in out and ADOPTED in out
    block = f'\n[[articles.adopted]]\nby = "{ADOPTED}"\nlevel = "省级"\nform = "摘要"\n'
    _only_added(before, scored.read_bytes(), block.encode("utf-8"))
    doc = tomllib.loads(scored.read_text(encoding="utf-8"))
    assert doc["articles"][1]["adopted"] == [{"by": ADOPTED, "level": "省级", "form": "摘要"}]
    code, _out, err = _mark(
        scored, "2", "--instruction", "市长", "--level", "市级", "--date", "2012-1-25"
    )
    assert code == 0, err
    article = api.article_of(scored, 2)
    assert [(i.by, i.level, str(i.date)) for i in article.instructions] == [
        ("市长", "市级", "2012-01-25")
    ]
    shown = runner.invoke(app, ["show", str(scored)]).stdout
    assert f"上级采用：{ADOPTED}（省级，摘要）" in shown
    assert "批示：市长（市级，2012年1月25日）" in shown
    for _ in range(2):
        undone = runner.invoke(app, ["undo", str(scored)])
        assert undone.exit_code == 0, undone.output
    assert scored.read_bytes() == before


def test_mark_keeps_crlf_comments_and_a_bom(scored: Path) -> None:
    text = scored.read_text(encoding="utf-8").replace("\n", "\r\n")
    text = text.replace("[[articles]]\r\n", "# 下一篇\r\n[[articles]]\r\n", 3)
    scored.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    before = scored.read_bytes()
    code, _out, err = _mark(scored, "1", "--adopted-by", "市委办《苏州信息》", "--level", "市级")
    assert code == 0, err
    after = scored.read_bytes()
    block = '\r\n[[articles.adopted]]\r\nby = "市委办《苏州信息》"\r\nlevel = "市级"\r\n'
    _only_added(before, after, block.encode("utf-8"))
    assert after.startswith(b"\xef\xbb\xbf")
    code, _out, err = _mark(
        scored, "1", "--adopted-by", "市委办《苏州信息》", "--level", "市级", "--remove"
    )
    assert code == 0, err
    assert scored.read_bytes() == before


def test_remove_takes_back_the_matching_record(scored: Path) -> None:
    for level in ("市级", "省级"):
        assert _mark(scored, "3", "--adopted-by", ADOPTED, "--level", level)[0] == 0
    middle = scored.read_bytes()
    assert _mark(scored, "3", "--adopted-by", ADOPTED, "--level", "市级", "--remove")[0] == 0
    assert [a.level for a in api.article_of(scored, 3).adopted] == ["省级"]
    code, _out, err = _mark(scored, "3", "--adopted-by", "别的刊物", "--level", "省级", "--remove")
    assert code == 2
    assert "没有" in err and f"{ADOPTED}（省级）" in err
    undone = runner.invoke(app, ["undo", str(scored)])
    assert undone.exit_code == 0 and "取消第 3 篇的一条上级采用记录" in undone.stdout
    assert scored.read_bytes() == middle


def test_mark_refuses_a_missing_article_with_the_numbers(scored: Path) -> None:
    before = scored.read_bytes()
    code, _out, err = _mark(scored, "12", "--adopted-by", ADOPTED, "--level", "省部级")
    assert code == 2
    assert "没有第 12 篇稿件（这一期共 11 篇）" in err and "bulletin show" in err
    assert scored.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--adopted-by", ADOPTED, "--level", "省部级"], ["省部级", "是否应为 省级", "市级、省级"]),
        (["--instruction", "市长", "--level", "省级"], ["省级", "[scoring.instruction]"]),
        (["--level", "省级"], ["--adopted-by", "--instruction"]),
        (["--adopted-by", ADOPTED, "--instruction", "市长", "--level", "省级"], ["只"]),
        (["--adopted-by", ADOPTED], ["--level"]),
        (["--adopted-by", ADOPTED, "--level", "省级", "--form", "部分"], ["全文", "摘要"]),
        (["--adopted-by", " ", "--level", "省级"], ["--adopted-by 不能为空"]),
    ],
)
def test_mark_refuses_what_it_cannot_record(
    scored: Path, args: list[str], words: list[str]
) -> None:
    before = scored.read_bytes()
    code, _out, err = _mark(scored, "2", *args)
    assert code == 2, err
    for word in words:
        assert word in err
    assert scored.read_bytes() == before


def test_without_scoring_the_level_is_written_with_a_warning(example_issue: Path) -> None:
    code, _out, err = _mark(example_issue, "2", "--adopted-by", ADOPTED, "--level", "省级")
    assert code == 0
    assert "[scoring]" in err
    check = runner.invoke(app, ["check", str(example_issue)])
    assert "R001" not in check.stdout


def test_check_names_a_level_the_rules_lack(scored: Path) -> None:
    text = scored.read_text(encoding="utf-8")
    text += f'\n[[articles.adopted]]\nby = "{ADOPTED}"\nlevel = "部级"\n'
    scored.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(scored)])
    assert result.exit_code == 1
    assert "R001" in result.stdout and "部级" in result.stdout and "市级、省级" in result.stdout


def test_a_level_the_rules_lack_is_named_in_words_with_the_command(scored: Path) -> None:
    text = scored.read_text(encoding="utf-8")
    text += f'\n[[articles.adopted]]\nby = "{ADOPTED}"\nlevel = "部级"\n'
    scored.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(scored)])
    assert "上级采用的级别“部级”不在积分规则中，这一条无法计分" in result.stdout
    assert "或运行 bulletin scoring adoption 部级 分数，加上这一级别" in result.stdout
    assert "level = " not in result.stdout and "[scoring." not in result.stdout

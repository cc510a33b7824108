"""bulletin scoring: the rules of 信息采用积分 set in place, undoable, refused clearly."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.profile import load_profile

runner = CliRunner()


@pytest.fixture
def office(example_dir: Path) -> Iterator[Path]:
    """The example office as the current folder."""
    before = Path.cwd()
    os.chdir(example_dir)
    try:
        yield example_dir / "bulletin.toml"
    finally:
        os.chdir(before)


def _scoring(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scoring", *args])
    return result.exit_code, result.stdout, result.stderr


def test_commands_write_the_rules_and_keep_every_other_byte(office: Path) -> None:
    before = office.read_bytes()
    for args in (
        ["set", "article", "10"],
        ["set", "brief", "2.5"],
        ["set", "joint", "全分"],
        ["section", "工作动态", "15"],
        ["kind", "增刊", "30"],
        ["adoption", "省级", "20", "--summary", "10"],
        ["adoption", "市级", "10"],
        ["instruction", "市级", "10"],
    ):
        code, out, err = _scoring(*args)
        assert code == 0, err
        assert out.startswith("已改：")
    after = office.read_bytes()
    assert after.startswith(before)  # the rules were added after everything there was
    doc = tomllib.loads(after.decode("utf-8"))
    assert doc["scoring"] == {
        "article": 10,
        "brief": 2.5,
        "joint": "full",
        "sections": {"工作动态": 15},
        "kinds": {"增刊": 30},
        "adoption": {"省级": {"全文": 20, "摘要": 10}, "市级": 10},
        "instruction": {"市级": 10},
    }
    rules = load_profile(office).scoring
    assert rules is not None and rules.joint == "full" and str(rules.brief) == "5/2"
    code, out, _err = _scoring()
    assert code == 0 and "上级采用 省级\t全文 20，摘要 10" in out and "每条简讯\t2.5" in out
    for _ in range(8):
        assert runner.invoke(app, ["undo", str(office)]).exit_code == 0
    assert office.read_bytes() == before


def test_changing_and_removing_edit_in_place(office: Path) -> None:
    _scoring("section", "工作动态", "15")
    _scoring("section", "“送温暖”活动", "12")
    _scoring("adoption", "省级", "20")
    middle = office.read_bytes()
    assert _scoring("adoption", "省级", "25")[0] == 0
    assert _scoring("section", "工作动态", "--remove")[0] == 0
    text = office.read_text(encoding="utf-8")
    assert 'sections = { "“送温暖”活动" = 12 }' in text and '"省级" = 25' in text
    assert len(text.encode("utf-8")) == len(middle) - len(' "工作动态" = 15,'.encode())
    code, _out, err = _scoring("adoption", "县级", "--remove")
    assert code == 2 and "省级" in err


def test_a_sub_table_of_sections_is_kept(office: Path) -> None:
    text = office.read_text(encoding="utf-8")
    office.write_text(text + '\n[scoring.sections]\n"工作动态" = 15\n', encoding="utf-8")
    assert _scoring("section", "“送温暖”活动", "12")[0] == 0
    written = office.read_text(encoding="utf-8")
    assert written.endswith('[scoring.sections]\n"工作动态" = 15\n"“送温暖”活动" = 12\n')


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["set", "artcle", "10"], ["artcle", "是否应为 article"]),
        (["set", "article", "--", "-1"], ["不小于 0"]),
        (["set", "article", "十"], ["不小于 0"]),
        (["set", "joint", "一半"], ["split", "full"]),
        (["section", "工作动太", "15"], ["工作动太", "是否应为 工作动态"]),
        (["kind", "増刊", "30"], ["増刊", "增刊"]),
        (["adoption", "省级"], ["分数", "--remove"]),
        (["instruction", "市级", "--remove"], ["没有", "（还没有）"]),
    ],
)
def test_what_cannot_be_a_rule_is_refused(office: Path, args: list[str], words: list[str]) -> None:
    before = office.read_bytes()
    code, _out, err = _scoring(*args)
    assert code == 2, err
    for word in words:
        assert word in err
    assert office.read_bytes() == before


def test_without_a_profile_scoring_says_to_run_init(tmp_path: Path) -> None:
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        code, _out, err = _scoring("set", "article", "10")
    finally:
        os.chdir(before)
    assert code == 2 and "bulletin init" in err


def test_the_commented_example_of_init_is_a_valid_rule_set(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    profile = tmp_path / "bulletin.toml"
    lines = profile.read_text(encoding="utf-8").split("\n")
    start = lines.index("# [scoring]")
    lines[start:] = [line.removeprefix("# ") for line in lines[start:]]
    profile.write_text("\n".join(lines), encoding="utf-8")
    rules = load_profile(profile).scoring
    assert rules is not None
    assert rules.article == Fraction(10) and rules.joint == "split"
    assert list(rules.adoption) == ["市级", "省级"]
    assert rules.kinds == {"增刊": 30}

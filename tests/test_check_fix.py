"""``check --fix``: mechanical fixes in place, the rest of the file byte for byte."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bulletin_cli.check.engine import check_file
from bulletin_cli.check.fixes import fix_file
from bulletin_cli.errors import FileProblem


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BREAKS = [
    ('section = "工作动态"', 'section = "【工作动态】"'),
    ('section = "“送温暖”活动"', "section = '\"送温暖\"活动'  # 半角引号"),
    ('sources = ["市总办公室", "研究室"]', 'sources = ["市总办公室、研究室", "研究室"]'),
    ('sources = ["张家港市总工会"]', 'sources = [\n  "来源：张家港市总工会。",\n]'),
    ("联席会议，工会在会上", "联席会议,工会在会上"),
    ("乡镇（街道）职工服务中心建设", "乡镇(街道)职工服务中心建设"),
]


def test_fix_restores_the_example(example_issue: Path) -> None:
    original = example_issue.read_bytes()
    for old, new in BREAKS:
        _replace(example_issue, old, new)
    changes = fix_file(example_issue)
    assert [(c.article, c.key, c.code) for c in changes] == [
        (1, "section", "S002"),
        (1, "sources", "A003"),
        (1, "body", "T006"),
        (2, "section", "S002"),
        (3, "sources", "A003"),
    ]
    text = example_issue.read_text(encoding="utf-8")
    # what --fix cannot know (the comment, the list's layout) stays; the values are the example's
    assert 'section = "“送温暖”活动"  # 半角引号' in text
    assert tomllib.loads(text) == tomllib.loads(original.decode("utf-8"))
    assert check_file(example_issue).errors == 0


def test_fix_keeps_every_other_byte(example_issue: Path) -> None:
    original = example_issue.read_bytes()
    _replace(example_issue, "联席会议，工会在会上", "联席会议,工会在会上")
    _replace(example_issue, 'section = "工作动态"', 'section = " 工作动态"')
    assert len(fix_file(example_issue)) == 2
    assert example_issue.read_bytes() == original


def test_fix_keeps_bom_and_crlf(example_issue: Path) -> None:
    text = example_issue.read_text(encoding="utf-8")
    broken = text.replace("联席会议，工会在会上", "联席会议,工会在会上")
    broken = broken.replace('sources = ["市总生活部"]', 'sources = ["市总生活部 "]', 1)
    example_issue.write_bytes(("\ufeff" + broken.replace("\n", "\r\n")).encode("utf-8"))
    assert len(fix_file(example_issue)) == 2
    expected = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    assert example_issue.read_bytes() == expected


def test_fix_in_a_literal_string(example_issue: Path) -> None:
    _replace(
        example_issue,
        'title = "省总副主席周英在苏州地区送温暖"',
        "title = '省总副主席周英:在苏州地区送温暖'",
    )
    assert [change.new for change in fix_file(example_issue)] == [
        "省总副主席周英：在苏州地区送温暖"
    ]
    assert "title = '省总副主席周英：在苏州地区送温暖'" in example_issue.read_text(encoding="utf-8")


def test_nothing_to_fix_leaves_the_file_alone(example_issue: Path) -> None:
    before = example_issue.stat().st_mtime_ns
    assert fix_file(example_issue) == []
    assert example_issue.stat().st_mtime_ns == before


def test_unfixable_findings_remain(example_issue: Path) -> None:
    _replace(example_issue, 'section = "工作动态"', 'section = "工作动太"')
    assert fix_file(example_issue) == []
    assert "S001" in check_file(example_issue).codes()


def test_fix_refuses_a_broken_file(example_issue: Path) -> None:
    _replace(example_issue, "copies = 120", "copies = ")
    with pytest.raises(FileProblem) as caught:
        fix_file(example_issue)
    assert str(caught.value).startswith(f"{example_issue}:127:")

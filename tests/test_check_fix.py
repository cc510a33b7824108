"""``check --fix``: mechanical fixes in place, the rest of the file byte for byte."""

from __future__ import annotations

import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_fixtures import PROFILE, fixture_names, install

from bulletin_cli.check.engine import check_file
from bulletin_cli.check.fixes import fix_file
from bulletin_cli.errors import FileProblem
from bulletin_cli.issuefile import history


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
    assert "section = '“送温暖”活动'  # 半角引号" in text  # the clerk's quoting, too
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
    _replace(example_issue, 'section = "工作动态"', 'section = "会议纪要"')  # nothing close
    assert fix_file(example_issue) == []
    assert "S001" in check_file(example_issue).codes()


def test_fix_refuses_a_broken_file(example_issue: Path) -> None:
    _replace(example_issue, "copies = 120", "copies = ")
    with pytest.raises(FileProblem) as caught:
        fix_file(example_issue)
    assert str(caught.value).startswith(f"{example_issue}:127:")


DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
_HEADING_RE = re.compile(r"^### ([A-Z]\d{3})\n\n\*\*[^*]+\*\*（(.+)）$", re.MULTILINE)


def documented_fixable() -> dict[str, bool]:
    """Each rule code of docs/rules.md and whether the page says ``--fix`` corrects it."""
    return {
        code: "可自动改正" in marks
        for code, marks in _HEADING_RE.findall(DOCS.read_text(encoding="utf-8"))
    }


def test_the_docs_mark_every_rule() -> None:
    assert set(documented_fixable()) == {name.split("-")[0] for name in fixture_names()}


@pytest.mark.parametrize("name", fixture_names())
def test_fix_does_what_the_docs_promise(name: str, tmp_path: Path) -> None:
    """On each rule's fixture: a rule the docs mark fixable is gone after ``--fix`` (and only
    its values changed); any other rule's findings stay and the file is not touched."""
    code = name.split("-")[0]
    issue = install(name, tmp_path)
    before = issue.read_bytes()
    found = check_file(issue).codes()
    changes = fix_file(issue)
    after = check_file(issue).codes()
    if documented_fixable()[code]:
        assert changes and {change.code for change in changes} == {code}, changes
        # what is left of the rule is what it cannot decide (S001, A002: no close catalogue
        # entry, or several, for the clerk to choose)
        left = [finding for finding in check_file(issue).findings if finding.code == code]
        assert all(finding.fix is None for finding in left), left
        assert len(left) < found.count(code)
        assert [other for other in after if other != code] == [o for o in found if o != code]
    else:
        assert changes == []
        assert issue.read_bytes() == before
        assert after == found


def _issue_with(tmp_path: Path, article: str) -> Path:
    (tmp_path / "bulletin.toml").write_bytes(PROFILE.read_bytes())
    issue = tmp_path / "issue.toml"
    issue.write_text(
        '[issue]\nnumber = 1\ndate = 2012-01-20\n\n[[articles]]\nsection = "工作动态"\n' + article,
        encoding="utf-8",
    )
    return issue


def test_a_multiline_list_keeps_its_lines_and_comments(tmp_path: Path) -> None:
    article = (
        'title = "市总工会召开全委会"\n'
        "sources = [\n"
        '  "市总办公室",  # 主办\n'
        "  # 协办单位：\n"
        '  "研究室、市总生活部",\n'
        '  "市总办公室",  # 又写了一次\n'
        '  "张家港市总工会"  # 最后一项\n'
        "]\n"
        'body = "会议在市工人文化宫召开。"\n'
    )
    issue = _issue_with(tmp_path, article)
    changes = fix_file(issue)
    assert [(c.code, c.key) for c in changes] == [("A003", "sources")]
    assert issue.read_text(encoding="utf-8").endswith(
        'title = "市总工会召开全委会"\n'
        "sources = [\n"
        '  "市总办公室",  # 主办\n'
        "  # 协办单位：\n"
        '  "研究室", "市总生活部",\n'
        "  # 又写了一次\n"  # a comment is never lost, even that of a removed repeat
        '  "张家港市总工会"  # 最后一项\n'
        "]\n"
        'body = "会议在市工人文化宫召开。"\n'
    )
    assert check_file(issue).findings == []


def test_removing_the_last_element_takes_its_comma(tmp_path: Path) -> None:
    issue = _issue_with(
        tmp_path,
        'title = "市总工会召开全委会"\nsources = ["研究室", "研究室"]  # 供稿\n'
        'body = "会议在市工人文化宫召开。"\n',
    )
    assert [c.code for c in fix_file(issue)] == ["A004"]
    assert 'sources = ["研究室"]  # 供稿\n' in issue.read_text(encoding="utf-8")


@pytest.mark.parametrize("ending", [".", "。", "：", ",", ";"])
def test_a_title_ending_in_punctuation_loses_it(tmp_path: Path, ending: str) -> None:
    issue = _issue_with(
        tmp_path,
        f'title = "市总工会召开全委会{ending}"  # 标题\nsources = ["研究室"]\n'
        'body = "会议在市工人文化宫召开。"\n',
    )
    assert [(c.code, c.new) for c in fix_file(issue)] == [("T003", "市总工会召开全委会")]
    assert 'title = "市总工会召开全委会"  # 标题\n' in issue.read_text(encoding="utf-8")
    assert check_file(issue).findings == []


def test_a_fix_that_reveals_another_is_applied_in_a_second_round(tmp_path: Path) -> None:
    issue = _issue_with(
        tmp_path,
        'title = "市总工会召开全委会,审议报告."\nsources = ["研究室"]\n'
        'body = "会议在市工人文化宫召开。"\n',
    )
    changes = fix_file(issue)
    assert [c.code for c in changes] == ["T003", "T006"]
    assert changes[-1].new == "市总工会召开全委会，审议报告"
    assert check_file(issue).findings == []


def test_escapes_elsewhere_in_a_body_stay_as_written(tmp_path: Path) -> None:
    issue = _issue_with(
        tmp_path,
        'title = "市总工会召开全委会"\nsources = ["研究室"]\n'
        'body = "他说\\"要办实事\\"\\t会议,在市工人文化宫召开。"\n',
    )
    assert [c.code for c in fix_file(issue)] == ["T006"]
    assert 'body = "他说\\"要办实事\\"\\t会议，在市工人文化宫召开。"\n' in issue.read_text(
        encoding="utf-8"
    )


def _article_block(number: int, section: str) -> str:
    return (
        f"# 第 {number} 篇的说明\n[[articles]]\n"
        f'section = "{section}"  # 栏目\ntitle = "第{number}篇稿件"\nsources = ["研究室"]\n'
        f'body = """\n第{number}篇的正文。\n"""\n'
    )


def _issue_of_sections(folder: Path, sections: list[str]) -> Path:
    (folder / "bulletin.toml").write_bytes(PROFILE.read_bytes())
    issue = folder / "issue.toml"
    blocks = [_article_block(number, name) for number, name in enumerate(sections, start=1)]
    head = "[issue]\nnumber = 1\ndate = 2012-01-20\n\n"
    issue.write_text(head + "\n".join(blocks) + "\n[distribution]\ncopies = 3\n", encoding="utf-8")
    return issue


def test_fix_puts_the_articles_in_printed_order(tmp_path: Path) -> None:
    issue = _issue_of_sections(tmp_path, ["基层交流", "工作动态", "“送温暖”活动", "工作动态"])
    original = issue.read_text(encoding="utf-8")
    assert {"S003", "S004"} <= set(check_file(issue).codes())
    changes = fix_file(issue)
    assert [(c.code, c.key, c.article, c.line) for c in changes] == [("S004", "articles", 2, 15)]
    assert changes[0].describe() == "按印出的顺序重排稿件，依次为原第 2、4、3、1 篇"
    text = issue.read_text(encoding="utf-8")
    for number, name in enumerate(["基层交流", "工作动态", "“送温暖”活动", "工作动态"], start=1):
        assert _article_block(number, name) in text  # every article byte for byte
    order = [int(found) for found in re.findall(r'title = "第(\d)篇稿件"', text)]
    assert order == [2, 4, 3, 1]
    assert text.startswith("[issue]\nnumber = 1\ndate = 2012-01-20\n\n")
    assert text.endswith("\n[distribution]\ncopies = 3\n")
    assert check_file(issue).findings == []
    assert len(text) == len(original)


def test_undo_takes_back_a_fix(tmp_path: Path) -> None:
    issue = _issue_of_sections(tmp_path, ["“送温暖”活动", "工作动态"])
    original = issue.read_bytes()
    assert fix_file(issue)
    assert issue.read_bytes() != original
    result = history.undo(issue)
    assert result.action == "check --fix"
    assert issue.read_bytes() == original


def test_nothing_to_fix_records_no_undo_step(tmp_path: Path) -> None:
    issue = _issue_of_sections(tmp_path, ["工作动态", "“送温暖”活动"])
    assert fix_file(issue) == []
    assert history.steps(issue) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["工作动态", "“送温暖”活动", "基层交流", "一句话信息"]),
        min_size=1,
        max_size=7,
    )
)
def test_any_order_is_fixed_and_undone(sections: list[str]) -> None:
    """After --fix the file is in printed order (no S003/S004), every article is the same
    bytes, and undo gives back the original bytes."""
    folder = Path(tempfile.mkdtemp(prefix="bulletin-order-"))
    try:
        issue = _issue_of_sections(folder, sections)
        original = issue.read_bytes()
        changes = fix_file(issue)
        text = issue.read_text(encoding="utf-8")
        assert not {"S003", "S004"} & set(check_file(issue).codes())
        for number, name in enumerate(sections, start=1):
            assert _article_block(number, name) in text
        if changes:
            history.undo(issue)
        assert issue.read_bytes() == original
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _CountingText(str):
    """A text that counts the characters copied by slicing and joining it (shared count)."""

    copied: ClassVar[list[int]] = [0]

    def __getitem__(self, key: object) -> _CountingText:
        piece = _CountingText(str.__getitem__(self, key))  # type: ignore[index]
        self.copied[0] += len(piece)
        return piece

    def __add__(self, other: str) -> _CountingText:
        joined = _CountingText(str.__add__(self, other))
        self.copied[0] += len(joined)
        return joined


def test_fixes_are_applied_in_one_pass_not_one_copy_of_the_file_each(tmp_path: Path) -> None:
    """check --fix was quadratic: each fix copied the whole text (20,000 articles: 97 s)."""
    from bulletin_cli.check.engine import check_loaded
    from bulletin_cli.check.fixes import apply_fixes
    from bulletin_cli.issuefile.store import load_issue
    from bulletin_cli.profile import load_profile

    shutil.copy(PROFILE, tmp_path / "bulletin.toml")
    issue = tmp_path / "many.toml"
    articles = "".join(
        f'\n[[articles]]\nsection = "【工作动态】"\ntitle = "第{n}篇,标题"\n'
        f'sources = ["市总办公室"]\nbody = "正文第{n}段。"\n'
        for n in range(400)
    )
    issue.write_text("[issue]\nnumber = 1\ndate = 2012-01-10\n" + articles, encoding="utf-8")
    loaded = load_issue(issue)
    findings = check_loaded(loaded, load_profile(tmp_path / "bulletin.toml")).findings
    loaded.text = _CountingText(loaded.text)
    _CountingText.copied[0] = 0
    text, changes = apply_fixes(loaded, findings)
    assert len(changes) >= 800  # a section and a title in each of 400 articles
    assert _CountingText.copied[0] <= 2 * len(loaded.text)  # linear: the text once, not 800 times
    assert "【" not in text

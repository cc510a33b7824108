"""Every rule of ``check``, each triggered by a broken variant of the example issue.

``CASES`` is the table the registry is tested against: every rule code must appear in it, and
each case asserts the code, the article number and the exact line of the finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_cli.check.engine import RULES, RULES_BY_CODE, check_file
from bulletin_cli.check.findings import CheckReport, Finding

Edit = Callable[[Path], None]
"""Breaks the office folder (``bulletin.toml`` and ``issues/2012-01.toml``) in one way."""

ISSUE = Path("issues") / "2012-01.toml"


def _edit_file(relative: Path | str, change: Callable[[list[str]], list[str]]) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(change(lines)), encoding="utf-8")

    return edit


def line(number: int, text: str) -> Edit:
    """Replace line ``number`` (1-based) of the issue file."""

    def change(lines: list[str]) -> list[str]:
        lines[number - 1] = text
        return lines

    return _edit_file(ISSUE, change)


def insert(number: int, text: str) -> Edit:
    """Insert ``text`` so that it becomes line ``number``."""

    def change(lines: list[str]) -> list[str]:
        lines.insert(number - 1, text)
        return lines

    return _edit_file(ISSUE, change)


def delete(first: int, last: int | None = None) -> Edit:
    def change(lines: list[str]) -> list[str]:
        del lines[first - 1 : (last or first)]
        return lines

    return _edit_file(ISSUE, change)


def sub(old: str, new: str, *, relative: Path | str = ISSUE) -> Edit:
    """Replace the first occurrence of ``old``."""

    def change(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        assert old in text, old
        return text.replace(old, new, 1).split("\n")

    return _edit_file(relative, change)


def profile(old: str, new: str) -> Edit:
    return sub(old, new, relative="bulletin.toml")


def budget(pages: int) -> Edit:
    """Set the profile's ``max_pages`` (whatever the repo's profile says)."""

    def change(lines: list[str]) -> list[str]:
        return [re.sub(r"^max_pages = \d+", f"max_pages = {pages}", item) for item in lines]

    return _edit_file("bulletin.toml", change)


def sibling(name: str, masthead: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / "issues" / name).write_text(masthead, encoding="utf-8")

    return edit


def both(*edits: Edit) -> Edit:
    def edit(folder: Path) -> None:
        for each in edits:
            each(folder)

    return edit


@dataclass(frozen=True)
class Case:
    name: str
    code: str
    edit: Edit
    article: int | None
    line: int | None


# line numbers of the example: [issue] 1, number 3, total 4, date 5, editor 6; article 1 at 8
# (section 9, title 10, subtitle 11, sources 12, body 13, paragraphs 14 and 16); article 2 at 19
# (section 20, title 21, sources 22, body 23, paragraphs 24 and 26); article 3 at 29 (section 30,
# title 31); the last article (11) at 113 (section 114); [distribution] at 123, copies 127.
CASES = [
    # sections
    Case("typo in section", "S001", line(9, 'section = "工作动太"'), 1, 9),
    Case("two typos in section", "S001", line(20, 'section = "“送温暧”话动"'), 2, 20),
    Case("section in 【】", "S002", line(20, 'section = "【“送温暖”活动】"'), 2, 20),
    Case("section in []", "S002", line(9, 'section = "[工作动态]"'), 1, 9),
    Case("section with spaces", "S002", line(9, 'section = " 工作动态 "'), 1, 9),
    Case("half-width quotes", "S002", line(30, "section = '\"送温暖\"活动'"), 3, 30),
    Case("scattered section", "S003", line(30, 'section = "工作动态"'), 3, 30),
    Case(
        "out of catalogue order",
        "S004",
        both(line(9, 'section = "“送温暖”活动"'), line(114, 'section = "工作动态"')),
        11,
        114,
    ),
    Case("required section missing", "S005", line(9, 'section = "“送温暖”活动"'), None, None),
    Case("empty section", "S006", line(20, 'section = ""'), 2, 20),
    Case("section only brackets", "S006", line(20, 'section = "【】"'), 2, 20),
    # attribution
    Case("no sources", "A001", line(12, "sources = []"), 1, 12),
    Case("sources key missing", "A001", delete(22), 2, 19),
    Case("unknown unit", "A002", line(22, 'sources = ["市总生活布"]'), 2, 22),
    Case("two units in one", "A003", line(12, 'sources = ["市总办公室、研究室"]'), 1, 12),
    Case("units joined by space", "A003", line(12, 'sources = ["市总办公室 研究室"]'), 1, 12),
    Case("units joined by slash", "A003", line(12, 'sources = ["市总办公室/研究室"]'), 1, 12),
    Case("parentheses and 供稿", "A003", line(22, 'sources = ["（市总生活部）供稿"]'), 2, 22),
    Case("来源 label", "A003", line(22, 'sources = ["来源：市总生活部"]'), 2, 22),
    Case("trailing punctuation", "A003", line(22, 'sources = ["市总生活部。"]'), 2, 22),
    Case("unit twice", "A004", line(12, 'sources = ["研究室", "研究室"]'), 1, 12),
    Case(
        "attribution typed at the end",
        "A005",
        sub("送到困难职工心坎上。\n", "送到困难职工心坎上。（市总生活部）\n"),
        2,
        26,
    ),
    Case(
        "attribution on its own line",
        "A005",
        insert(27, "                （市总生活部）"),
        2,
        27,
    ),
    # titles, bodies, text
    Case("empty title", "T001", line(10, 'title = ""'), 1, 10),
    Case("empty body", "T002", both(delete(14, 17), line(13, 'body = ""')), 1, 13),
    Case(
        "title ending in 。", "T003", line(31, 'title = "省总副主席周英在苏州地区送温暖。"'), 3, 31
    ),
    Case(
        "title ending in ：", "T003", line(31, 'title = "省总副主席周英在苏州地区送温暖："'), 3, 31
    ),
    Case(
        "long title",
        "T004",
        line(10, 'title = "' + "市政府与市总工会召开联席会议" * 3 + '"'),
        1,
        10,
    ),
    Case(
        "same title twice", "T005", line(31, 'title = "市政府与市总工会召开第八次联席会议"'), 3, 31
    ),
    Case(
        "half-width comma in body",
        "T006",
        sub("全部获得政府支持。市委", "全部获得政府支持,市委"),
        1,
        14,
    ),
    Case(
        "half-width parentheses", "T006", sub("扶持乡镇（街道）职工", "扶持乡镇(街道)职工"), 1, 16
    ),
    Case(
        "half-width colon in title",
        "T006",
        line(31, 'title = "省总副主席周英:在苏州地区送温暖"'),
        3,
        31,
    ),
    Case("control character in body", "T007", sub("会议首先由", "会议\\u000b首先由"), 1, 16),
    Case("control character in title", "T007", line(21, 'title = "2012年春节\\u0007启动"'), 2, 21),
    # masthead
    Case("number 0", "M001", line(3, "number = 0"), None, 3),
    Case("number missing", "M001", delete(3), None, 1),
    Case("number as text", "M001", line(3, 'number = "第一期"'), None, 3),
    Case("date as text", "M002", line(5, 'date = "2012年1月20日"'), None, 5),
    Case("date missing", "M002", delete(5), None, 1),
    Case(
        "same number in the folder",
        "M003",
        sibling("2012-01b.toml", "[issue]\nnumber = 1\ndate = 2012-02-20\n"),
        None,
        3,
    ),
    Case(
        "same total in the folder",
        "M004",
        sibling("2011-12.toml", "[issue]\nnumber = 12\ntotal = 215\ndate = 2011-12-20\n"),
        None,
        4,
    ),
    Case("control character in masthead", "M005", line(6, 'editor = "苏州\\u0007办公室"'), None, 6),
    Case(
        "control character in distribution",
        "M005",
        sub('send = ["市人大、市政协"]', 'send = ["市人大\\u0008"]'),
        None,
        125,
    ),
    # file
    Case("typo tilte", "F001", line(10, 'tilte = "市政府与市总工会召开第八次联席会议"'), 1, 10),
    Case("typo sourse", "F001", line(22, 'sourse = ["市总生活部"]'), 2, 22),
    Case("unknown masthead key", "F001", insert(6, "totl = 3"), None, 6),
    Case("text where a list belongs", "F002", line(12, 'sources = "市总办公室"'), 1, 12),
    Case("number where text belongs", "F002", line(10, "title = 2012"), 1, 10),
    Case("copies as text", "F002", line(127, 'copies = "120"'), None, 127),
    # pages
    Case("over the page budget", "P001", budget(3), None, None),
]


def _check(folder: Path, edit: Edit, *, strict: bool = False) -> CheckReport:
    edit(folder)
    return check_file(folder / ISSUE, strict=strict)


def _shown(report: CheckReport) -> str:
    return "\n".join(
        f"{f.code} article={f.article} line={f.line} {f.message} | {f.hint}"
        for f in report.findings
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule_finds_the_broken_variant(case: Case, example_dir: Path) -> None:
    report = _check(example_dir, case.edit)
    matching = [f for f in report.findings if f.code == case.code]
    assert matching, _shown(report)
    assert any((f.article, f.line) == (case.article, case.line) for f in matching), _shown(report)
    assert all(f.severity == RULES_BY_CODE[case.code].severity for f in matching)
    assert all(f.message and f.path == example_dir / ISSUE for f in matching)


def test_every_rule_has_a_case_that_triggers_it() -> None:
    assert {rule.code for rule in RULES} == {case.code for case in CASES}


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert re.fullmatch(r"[SATMFP]\d{3}", rule.code), rule.code
        assert rule.summary and "\n" not in rule.summary, rule.code
        assert len(rule.doc) >= 20, rule.code
        assert rule.wrong.strip() and rule.right.strip(), rule.code
        assert rule.wrong != rule.right, rule.code
        assert (rule.check_article is None) != (rule.check_issue is None), rule.code


def test_the_example_has_no_errors(example_issue: Path) -> None:
    report = check_file(example_issue)
    assert report.errors == 0, _shown(report)
    # the only possible remark: on the 22 x 28 grid the example takes about 10 pages
    assert set(report.codes()) <= {"P001"}, _shown(report)


def test_the_example_within_its_page_budget_is_clean(example_dir: Path) -> None:
    report = _check(example_dir, budget(20))
    assert report.findings == [], _shown(report)


def _one(report: CheckReport, code: str) -> Finding:
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, _shown(report)
    return found[0]


def test_unknown_section_message_and_hint(example_dir: Path) -> None:
    finding = _one(_check(example_dir, line(9, 'section = "工作动太"')), "S001")
    assert finding.message == "栏目“工作动太”不在栏目目录中"
    assert finding.hint == "是否应为“工作动态”？"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("工做动太", "工作动态"), ("动态", "工作动态"), ("“送温暧”话动", "“送温暖”活动")],
)
def test_one_or_two_typos_find_the_section(example_dir: Path, written: str, meant: str) -> None:
    finding = _one(_check(example_dir, line(9, f'section = "{written}"')), "S001")
    assert finding.hint is not None and finding.hint.startswith(f"是否应为“{meant}”"), finding.hint


def test_section_form_gives_the_fixed_form(example_dir: Path) -> None:
    finding = _one(_check(example_dir, line(30, "section = '\"送温暖\"活动'")), "S002")
    assert finding.message == '栏目名“"送温暖"活动”的写法不对'
    assert finding.hint == '改为 section = "“送温暖”活动"（可用 bulletin check --fix 自动改正）'


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("张家巷市总工会", "张家港市总工会"),
        ("市总生活布", "市总生活部"),
        ("吴江总工会", "吴江市总工会"),
    ],
)
def test_unknown_unit_hint(example_dir: Path, written: str, meant: str) -> None:
    finding = _one(_check(example_dir, line(22, f'sources = ["{written}"]')), "A002")
    assert finding.message == f"供稿单位“{written}”不在已知单位中"
    assert finding.hint is not None and finding.hint.startswith(f"是否应为“{meant}”"), finding.hint


def test_composite_source_hint_gives_the_fixed_list(example_dir: Path) -> None:
    report = _check(example_dir, line(12, 'sources = ["（市总办公室、研究室）供稿"]'))
    finding = _one(report, "A003")
    assert finding.message == "供稿单位“（市总办公室、研究室）供稿”里写了 2 个单位"
    assert finding.hint == (
        '改为 sources = ["市总办公室", "研究室"]（可用 bulletin check --fix 自动改正）'
    )
    assert "A002" not in report.codes()


def test_a_stray_space_in_a_known_unit_is_not_two_units(example_dir: Path) -> None:
    finding = _one(_check(example_dir, line(22, 'sources = ["市总 生活部"]')), "A003")
    assert finding.message == "供稿单位“市总 生活部”带了多余的空格、括号、说明或标点"
    assert finding.hint == '改为 sources = ["市总生活部"]（可用 bulletin check --fix 自动改正）'


def test_strict_makes_warnings_errors(example_dir: Path) -> None:
    report = _check(example_dir, line(22, 'sources = ["新单位"]'), strict=True)
    finding = _one(report, "A002")
    assert finding.severity == "error"
    assert report.errors == report.warnings + len(report.findings) - report.warnings
    assert report.warnings == 0


def test_halfwidth_message_shows_the_corrected_text(example_dir: Path) -> None:
    report = _check(example_dir, sub("全部获得政府支持。市委", "全部获得政府支持,市委"))
    finding = _one(report, "T006")
    assert finding.message == "正文中汉字之间用了半角的“,”：“…获得政府支持,市委常委、常…”"
    assert (
        finding.hint == "改为“…获得政府支持，市委常委、常…”（可用 bulletin check --fix 自动改正）"
    )


def test_halfwidth_leaves_numbers_and_latin_alone(example_dir: Path) -> None:
    report = _check(
        example_dir, sub("投入资金152.6万元", "投入资金152.6万元, 见 www.szgh.gov.cn (2012) 10:30")
    )
    assert "T006" not in report.codes(), _shown(report)


def test_control_character_position(example_dir: Path) -> None:
    finding = _one(_check(example_dir, sub("会议首先由", "会议\\u000b首先由")), "T007")
    assert finding.message == "正文第 3 行第 3 个字符是无法写入 Word 文档的控制字符 U+000B"


def test_unknown_key_names_the_intended_key(example_dir: Path) -> None:
    finding = _one(_check(example_dir, line(12, 'sourse = ["市总办公室"]')), "F001")
    assert finding.message == "第 1 篇稿件中有未知的键 sourse"
    assert finding.hint == "是否应为 sources？"


def test_wrong_type_names_key_and_type(example_dir: Path) -> None:
    finding = _one(_check(example_dir, line(12, 'sources = "市总办公室"')), "F002")
    assert finding.message.startswith("sources 应为文本列表")


def test_duplicate_title_names_the_first(example_dir: Path) -> None:
    report = _check(example_dir, line(31, 'title = "市政府与市总工会召开第八次联席会议"'))
    assert _one(report, "T005").message == "标题与第 1 篇相同：“市政府与市总工会召开第八次联席会议”"


def test_briefs_take_untitled_items(example_dir: Path) -> None:
    edit = both(
        profile(
            'sections = ["工作动态", "“送温暖”活动"]',
            'sections = ["工作动态", "“送温暖”活动", "一句话信息"]',
        ),
        profile("briefs = []", 'briefs = ["一句话信息"]'),
        sub(
            "[distribution]",
            '[[articles]]\nsection = "一句话信息"\ntitle = ""\nsources = ["研究室"]\n'
            'body = "市总工会召开全委会。"\n\n[distribution]',
        ),
    )
    report = _check(example_dir, edit)
    assert "T001" not in report.codes(), _shown(report)
    assert report.errors == 0, _shown(report)


def test_without_catalogue_any_section_is_accepted(tmp_path: Path) -> None:
    issue = tmp_path / "2012-01.toml"
    issue.write_text(
        "[issue]\nnumber = 1\ndate = 2012-01-20\n\n"
        '[[articles]]\nsection = "随便一个栏目"\ntitle = "甲"\nsources = ["办公室"]\nbody = "正文。"\n\n'
        '[[articles]]\nsection = "另一个"\ntitle = "乙"\nsources = ["办公室"]\nbody = "正文。"\n\n'
        '[[articles]]\nsection = "随便一个栏目"\ntitle = "丙"\nsources = ["办公室"]\nbody = "正文。"\n',
        encoding="utf-8",
    )
    report = check_file(issue)
    assert report.codes() == ["S003"], _shown(report)
    assert (report.findings[0].article, report.findings[0].line) == (3, 18)


def test_findings_are_grouped_by_article(example_dir: Path) -> None:
    report = _check(
        example_dir,
        both(line(31, 'title = ""'), line(9, 'section = "工作动太"'), line(3, "number = 0")),
    )
    assert [(f.article, f.code) for f in report.findings if f.code != "P001"] == [
        (None, "M001"),
        (None, "S005"),
        (1, "S001"),
        (3, "T001"),
    ]


_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _halfwidth_by_regex(text: str) -> list[tuple[int, ...]]:
    """The T006 spots as the rule once found them, with lookaround regexes (the oracle)."""
    before, after = _HAN_CLASS + "”’）》」』", _HAN_CLASS + "“‘（《「『”’"
    han = re.compile(rf"[{_HAN_CLASS}]")
    found: list[tuple[int, ...]] = []
    taken: set[int] = set()
    for match in re.finditer(r"\(([^()\n]{0,80})\)", text):
        left = text[match.start() - 1] if match.start() else ""
        if han.match(left) or han.search(match.group(1)):
            found.append((match.start(), match.end() - 1))
            taken.update((match.start(), match.end() - 1))
    for match in re.finditer(rf"(?<=[{_HAN_CLASS}])[()](?=[{_HAN_CLASS}])", text):
        if match.start() not in taken:
            found.append((match.start(),))
    pattern = rf"(?<=[{before}])[,.:;?!](?=[{after}]|[ \t]*$)"
    found.extend((m.start(),) for m in re.finditer(pattern, text, re.MULTILINE))
    return sorted(found, key=lambda offsets: offsets[0])


@given(
    st.text(
        alphabet=st.sampled_from(
            [*",.:;?!() \t\n\r（）“”‘’《》「」『』ab1会议㐀䶿一鿿豈\ufaff\u4dc0\ua000"]
        ),
        max_size=60,
    )
)
def test_halfwidth_punctuation_agrees_with_the_regex_definition(text: str) -> None:
    from bulletin_cli.check.rules.text import halfwidth_punctuation

    assert [spot.offsets for spot in halfwidth_punctuation(text)] == _halfwidth_by_regex(text)

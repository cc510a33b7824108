"""Every rule of ``check`` on its own small fixture, like ruff's fixture files (see
``rule_fixtures.py`` for how a fixture says what it must give): each test asserts code, article
and exact line, and a fixture must give exactly the findings it expects, no more."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rule_fixtures import PROFILE, expected_findings, fixture_names, install

from bulletin_cli.check.codes import GROUPS, RULES, RULES_BY_CODE
from bulletin_cli.check.core import ArticleRule, IssueRule
from bulletin_cli.check.engine import check_file
from bulletin_cli.check.findings import CheckReport, Finding
from bulletin_cli.issuefile.tomlwrite import toml_value


def _shown(report: CheckReport) -> str:
    return "\n".join(
        f"{f.code} article={f.article} line={f.line} {f.message} | {f.hint}"
        for f in report.findings
    )


@pytest.mark.parametrize("name", fixture_names())
def test_fixture_gives_exactly_its_findings(name: str, tmp_path: Path) -> None:
    issue = install(name, tmp_path)
    expected = expected_findings(issue.read_text(encoding="utf-8"))
    code = name.split("-")[0]
    assert expected and all(item[0] == code for item in expected), f"{name}: expects {expected}"
    report = check_file(issue)
    assert [(f.code, f.article, f.line) for f in report.findings] == expected, _shown(report)
    for finding in report.findings:
        assert finding.severity == RULES_BY_CODE[code].severity
        assert finding.message and finding.path == issue


def test_every_rule_has_a_fixture() -> None:
    assert {rule.code for rule in RULES} == {name.split("-")[0] for name in fixture_names()}


def test_the_table_lists_each_code_once_in_order() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    groups = list(GROUPS)
    assert codes == sorted(codes, key=lambda code: (groups.index(code[0]), code))
    definitions = [id(rule.definition) for rule in RULES]
    assert len(definitions) == len(set(definitions)), "a definition listed under two codes"


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert re.fullmatch(r"[SATMFGPR]\d{3}", rule.code), rule.code
        assert rule.summary and "\n" not in rule.summary, rule.code
        assert len(rule.doc) >= 20, rule.code
        assert rule.wrong.strip() and rule.right.strip(), rule.code
        assert rule.wrong != rule.right, rule.code
        assert isinstance(rule.definition, ArticleRule | IssueRule), rule.code
        assert "--fix" not in rule.doc, f"{rule.code}: the fix sentence is generated"


def test_the_example_has_no_errors(example_issue: Path) -> None:
    report = check_file(example_issue)
    assert report.errors == 0, _shown(report)
    # the only possible remark: on the 22 x 28 grid the example takes about 10 pages
    assert set(report.codes()) <= {"P001"}, _shown(report)


CLEAN = """[issue]
number = 1
date = 2012-01-20

[[articles]]
section = "工作动态"
title = "市总工会召开全委会"
sources = ["市总办公室"]
body = "会议在市工人文化宫召开。"
"""


def check_text(folder: Path, text: str, *, strict: bool = False) -> CheckReport:
    """Check ``text`` as an issue file under the fixtures' profile."""
    shutil.copy(PROFILE, folder / "bulletin.toml")
    issue = folder / "issue.toml"
    issue.write_text(text, encoding="utf-8")
    return check_file(issue, strict=strict)


def with_article(folder: Path, **values: str) -> CheckReport:
    """Check the clean issue with some values of its article replaced (TOML text)."""
    text = CLEAN
    for key, raw in values.items():
        pattern = re.compile(rf"(?m)^{key} = .*$")
        text = pattern.sub(f"{key} = {raw}".replace("\\", "\\\\"), text)
    return check_text(folder, text)


def test_a_clean_issue_has_no_findings(tmp_path: Path) -> None:
    assert check_text(tmp_path, CLEAN).findings == []


def _one(report: CheckReport, code: str) -> Finding:
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, _shown(report)
    return found[0]


def test_unknown_section_message_and_hint(tmp_path: Path) -> None:
    finding = _one(with_article(tmp_path, section='"工作动太"'), "S001")
    assert finding.message == "栏目“工作动太”不在栏目目录中"
    # one catalogue entry is close: check --fix mends it
    assert finding.hint == "是否应为“工作动态”？（可用 bulletin check --fix 自动改正）"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("工做动太", "工作动态"), ("动态", "工作动态"), ("“送温暧”话动", "“送温暖”活动")],
)
def test_one_or_two_typos_find_the_section(tmp_path: Path, written: str, meant: str) -> None:
    finding = _one(with_article(tmp_path, section=f'"{written}"'), "S001")
    assert finding.hint is not None and finding.hint.startswith(f"是否应为“{meant}”"), finding.hint


def test_section_form_gives_the_fixed_form(tmp_path: Path) -> None:
    finding = _one(with_article(tmp_path, section="'\"送温暖\"活动'"), "S002")
    assert finding.message == '栏目名“"送温暖"活动”的写法不对'
    assert finding.hint == "栏目改为““送温暖”活动”（可用 bulletin check --fix 自动改正）"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("张家巷市总工会", "张家港市总工会"),
        ("市总生活布", "市总生活部"),
        ("吴江总工会", "吴江市总工会"),
    ],
)
def test_unknown_unit_hint(tmp_path: Path, written: str, meant: str) -> None:
    finding = _one(with_article(tmp_path, sources=f'["{written}"]'), "A002")
    assert finding.message == f"供稿单位“{written}”不在已知单位中"
    assert finding.hint is not None and finding.hint.startswith(f"是否应为“{meant}”"), finding.hint


def test_composite_source_hint_gives_the_fixed_list(tmp_path: Path) -> None:
    report = with_article(tmp_path, sources='["（市总办公室、研究室）供稿"]')
    finding = _one(report, "A003")
    assert finding.message == "供稿单位“（市总办公室、研究室）供稿”里写了 2 个单位"
    assert finding.hint == "供稿单位改为“市总办公室”“研究室”（可用 bulletin check --fix 自动改正）"
    assert "A002" not in report.codes()


def test_a_stray_space_in_a_known_unit_is_not_two_units(tmp_path: Path) -> None:
    finding = _one(with_article(tmp_path, sources='["市总 生活部"]'), "A003")
    assert finding.message == "供稿单位“市总 生活部”带了多余的空格、括号、说明或标点"
    assert finding.hint == "供稿单位改为“市总生活部”（可用 bulletin check --fix 自动改正）"


def test_repeats_are_reported_once_per_unit(tmp_path: Path) -> None:
    report = with_article(tmp_path, sources='["研究室", "研究室", "研究室", "市总办公室"]')
    finding = _one(report, "A004")
    assert finding.message == "供稿单位“研究室”写了 3 次"
    assert finding.hint == "供稿单位改为“研究室”“市总办公室”（可用 bulletin check --fix 自动改正）"


def test_a_long_list_is_not_spelled_out_in_the_hint(tmp_path: Path) -> None:
    units = [f"第{number}分会" for number in range(30)]
    raw = "[" + ", ".join(f'"{unit}"' for unit in [*units, units[0]]) + "]"
    finding = _one(with_article(tmp_path, sources=raw), "A004")
    assert finding.hint == "只留下一个“第0分会”（可用 bulletin check --fix 自动改正）"


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    shutil.copy(PROFILE, tmp_path / "bulletin.toml")
    (tmp_path / "issue.toml").write_text(CLEAN.replace("市总办公室", "新单位"), encoding="utf-8")
    report = check_file(tmp_path / "issue.toml", strict=True)
    assert _one(report, "A002").severity == "error"
    assert report.warnings == 0
    assert report.errors == len(report.findings)


def test_halfwidth_message_shows_the_corrected_text(tmp_path: Path) -> None:
    report = with_article(tmp_path, body='"全部获得政府支持,市委常委、常务副市长在会上说"')
    finding = _one(report, "T006")
    assert finding.message == "正文中汉字之间用了半角的“,”：“…获得政府支持,市委常委、常…”"
    assert (
        finding.hint == "改为“…获得政府支持，市委常委、常…”（可用 bulletin check --fix 自动改正）"
    )


def test_halfwidth_leaves_numbers_and_latin_alone(tmp_path: Path) -> None:
    body = '"投入资金152.6万元, 见 www.szgh.gov.cn (2012) 10:30。"'
    assert "T006" not in with_article(tmp_path, body=body).codes()


def test_a_title_ending_in_a_halfwidth_stop_is_t003_not_t006(tmp_path: Path) -> None:
    report = with_article(tmp_path, title='"市总工会召开全委会."')
    finding = _one(report, "T003")
    assert "T006" not in report.codes()
    assert finding.hint == "标题改为“市总工会召开全委会”（可用 bulletin check --fix 自动改正）"


def test_control_character_position(tmp_path: Path) -> None:
    body = '"""\n会议召开。\n\n会议\\u000b首先由\n"""'
    finding = _one(with_article(tmp_path, body=body), "T007")
    assert finding.message == "正文第 3 行第 3 个字符是无法写入 Word 文档的控制字符 U+000B"


def test_unknown_key_names_the_intended_key(tmp_path: Path) -> None:
    report = check_text(tmp_path, CLEAN.replace("sources = ", "sourse = "))
    finding = _one(report, "F001")
    assert finding.message == "第 1 篇稿件中有未知的键 sourse"
    assert finding.hint == "是否应为 sources？"


def test_wrong_type_names_key_and_type(tmp_path: Path) -> None:
    finding = _one(with_article(tmp_path, sources='"市总办公室"'), "F002")
    assert finding.message.startswith("供稿单位（sources）应为文本列表")
    assert finding.hint is not None and finding.hint.startswith("把 sources 改成文本列表")


@pytest.mark.parametrize(
    ("key", "raw", "named"),
    [
        ("title", "2012", "标题（title）"),
        ("body", "1", "正文（body）"),
        ("section", "[]", "栏目（section）"),
    ],
)
def test_wrong_type_names_the_field_as_the_clerk_calls_it(
    tmp_path: Path, key: str, raw: str, named: str
) -> None:
    finding = _one(with_article(tmp_path, **{key: raw}), "F002")
    assert finding.message.startswith(f"{named}应为文本，实际是"), finding.message


def test_duplicate_title_names_the_first(tmp_path: Path) -> None:
    second = CLEAN.split("\n\n", 1)[1].replace("市总办公室", "研究室")
    report = check_text(tmp_path, CLEAN + "\n" + second)
    assert _one(report, "T005").message == "标题与第 1 篇相同：“市总工会召开全委会”"


def test_an_unreadable_sibling_is_named(tmp_path: Path) -> None:
    (tmp_path / "2012-02.toml").write_text("[issue]\nnumber = 1 1\n", encoding="utf-8")
    report = check_text(tmp_path, CLEAN)
    finding = _one(report, "F003")
    assert finding.message.startswith("同一文件夹中的 2012-02.toml 无法读取（第 2 行")
    assert (
        finding.hint
        == f"运行 bulletin check {tmp_path / '2012-02.toml'} 查看并改正，或把它移出这个文件夹"
    )
    assert report.errors == 0


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


def test_findings_are_grouped_by_article(tmp_path: Path) -> None:
    text = CLEAN.replace("number = 1", "number = 0").replace('"工作动态"', '"工作动太"')
    text += (
        '\n[[articles]]\nsection = "基层交流"\ntitle = ""\nsources = ["研究室"]\nbody = "正文。"\n'
    )
    report = check_text(tmp_path, text)
    assert [(f.article, f.code) for f in report.findings] == [
        (None, "M001"),
        (None, "S005"),
        (1, "S001"),
        (2, "T001"),
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


_ASSIGNMENT_RE = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*) = ")
_ENDS = "（），。；、？！ "


def copies_cleanly(hint: str, match: re.Match[str]) -> bool:
    """Whether the ``key = value`` at ``match`` reads as TOML when copied: some stretch after
    the ``=``, up to a Chinese punctuation mark or the end of the hint, parses."""
    rest = hint[match.end() :]
    cuts = [at for at, char in enumerate(rest) if char in _ENDS] + [len(rest)]
    for cut in cuts:
        try:
            tomllib.loads(f"{match.group(1)} = {rest[:cut]}")
        except tomllib.TOMLDecodeError:
            continue
        return True
    return False


def assert_hints_copy_cleanly(report: CheckReport) -> int:
    """Every ``key = value`` in a hint parses with tomllib; returns how many were tried."""
    tried = 0
    for finding in report.findings:
        for match in _ASSIGNMENT_RE.finditer(finding.hint or ""):
            assert copies_cleanly(finding.hint or "", match), finding
            tried += 1
    return tried


def test_every_fixture_hint_copies_cleanly(tmp_path: Path) -> None:
    """A hint that shows ``key = value`` at all shows TOML that parses (today none does: see
    the next test; this one guards a hint that might again)."""
    for name in fixture_names():
        folder = tmp_path / name
        folder.mkdir()
        assert_hints_copy_cleanly(check_file(install(name, folder)))


_TOML_SYNTAX = re.compile(r'\b[A-Za-z_][A-Za-z0-9_]* = |\[\[|"""')


def test_no_fixture_hint_shows_toml(tmp_path: Path) -> None:
    """Hints say what to change in words, or give the command that changes it (issue 19):
    never ``section = "栏目名"``, ``[[articles]]`` or ``body = \"\"\"…\"\"\"``."""
    seen = 0
    for name in fixture_names():
        folder = tmp_path / name
        folder.mkdir()
        for finding in check_file(install(name, folder)).findings:
            assert not _TOML_SYNTAX.search(finding.hint or ""), finding
            seen += bool(finding.hint)
    assert seen >= 40  # every fixture's findings, nearly all with a hint


@pytest.mark.parametrize(
    ("code", "values", "command"),
    [
        ("S006", {"section": '""'}, "bulletin edit 期刊文件 序号 --section 栏目名"),
        ("A001", {"sources": "[]"}, "bulletin edit 期刊文件 序号 --source 供稿单位"),
        ("T002", {"body": '""'}, "bulletin edit 期刊文件 序号 --body-file 正文.txt"),
    ],
)
def test_a_missing_field_hint_gives_the_edit_command(
    tmp_path: Path, code: str, values: dict[str, str], command: str
) -> None:
    finding = _one(with_article(tmp_path, **values), code)
    assert finding.hint is not None and command in finding.hint


def test_the_issue_number_is_named_in_words(tmp_path: Path) -> None:
    finding = _one(check_text(tmp_path, CLEAN.replace("number = 1", "number = 0")), "M001")
    assert finding.message == "期号“0”不对，应不小于 1"
    assert finding.hint == "把 [issue] 下的期号 number 改为本年度的第几期（从 1 起）"
    missing = _one(check_text(tmp_path, CLEAN.replace("number = 1\n", "")), "M001")
    assert missing.hint == "在 [issue] 下加上期号 number，写本年度的第几期（从 1 起）"


def test_an_unknown_kind_names_the_kind_to_add(tmp_path: Path) -> None:
    text = CLEAN.replace("number = 1\n", 'number = 1\nkind = "情况反映"\n')
    finding = _one(check_text(tmp_path, text), "M006")
    assert finding.hint is not None
    assert finding.hint.endswith("别的类别先在 bulletin.toml 的 kinds 里加上“情况反映”")


@pytest.mark.parametrize(
    "title", ['他说"好"。', "C:\\路径。", "末尾有空格。\u3000", "引号‘内’：", '"""。']
)
def test_the_title_hint_shows_the_title_as_it_reads(tmp_path: Path, title: str) -> None:
    report = with_article(tmp_path, title=toml_value(title))
    finding = _one(report, "T003")
    fixed = title.rstrip("。：\u3000")
    assert finding.hint is not None and finding.hint.startswith(f"标题改为“{fixed}”")
    assert "title" not in finding.hint


@given(
    st.text(
        alphabet=st.sampled_from([*"会议\"'\\\n\t。，；：,;:.？ #=[]{}“”", "\u3000"]), max_size=12
    )
)
def test_title_hints_parse_for_any_title(title: str) -> None:
    from bulletin_cli.check.engine import check_issue
    from bulletin_cli.model import Article, Issue
    from bulletin_cli.profile import Profile

    article = Article(section="工作动态", title=title + "。", body="正文。", sources=["研究室"])
    report = check_issue(Issue(number=1, articles=[article]), Profile(sections=["工作动态"]))
    for finding in report.findings:
        for match in _ASSIGNMENT_RE.finditer(finding.hint or ""):
            assert copies_cleanly(finding.hint or "", match), finding


@pytest.mark.parametrize(
    ("char", "code"),
    [("\x0b", "U+000B"), ("\x85", "U+0085"), ("\ud800", "U+D800"), ("\ufffe", "U+FFFE")],
)
def test_every_kind_of_character_a_docx_cannot_hold_is_found(char: str, code: str) -> None:
    from bulletin_cli.check.rules.text import bad_character_hits

    hits = list(bad_character_hits("正文", f"会议召开。\n会议{char}首先"))
    assert hits == [(f"正文第 2 行第 3 个字符是无法写入 Word 文档的控制字符 {code}", 8)]
    assert list(bad_character_hits("正文", "会议召开。\n会议首先\t由")) == []


_ARTICLE_KEYS = re.compile(r"(?<![-\w])(section|sources|title|subtitle|body|staff|note)(?![\w])")


def test_article_hints_name_the_fields_in_chinese(tmp_path: Path) -> None:
    """The article rules' hints (S, A, T) say 栏目, 供稿单位, 标题, 副标题, 正文: the clerk
    changes them with add/edit and never needs the file's key names."""
    seen = 0
    for name in fixture_names():
        if name[0] not in "SAT":
            continue
        folder = tmp_path / name
        folder.mkdir()
        for finding in check_file(install(name, folder)).findings:
            assert not _ARTICLE_KEYS.search(finding.hint or ""), finding
            seen += 1
    assert seen >= 20

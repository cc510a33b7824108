"""The office set up without opening bulletin.toml: init's options, units and sections kept by
command (comments and every other byte kept, undoable), and new refusing without a profile."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.profile import load_profile

runner = CliRunner()

INIT = [
    "init",
    "--name",
    "阳光街道工作简报",
    "--editor",
    "阳光街道办公室",
    "--section",
    "工作动态",
    "--section",
    "基层交流",
    "--brief",
    "一句话信息",
    "--unit",
    "阳光社区",
    "--unit",
    "南门社区",
    "--unit-section",
    "阳光社区=基层交流",
]


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, INIT)
    assert result.exit_code == 0, result.output
    return tmp_path / "bulletin.toml"


def test_init_with_options_only_then_a_unit_and_a_section_by_command(office: Path) -> None:
    written = office.read_text(encoding="utf-8")
    profile = load_profile(office)
    assert profile.name == "阳光街道工作简报"
    assert profile.editor == "阳光街道办公室"
    assert profile.sections == ["工作动态", "基层交流", "一句话信息"]
    assert profile.briefs == ["一句话信息"]
    assert profile.units == ["阳光社区", "南门社区"]
    assert profile.unit_sections == {"阳光社区": "基层交流"}
    assert "[unit_sections]" in written

    added = runner.invoke(app, ["units", "add", "综治办", "--section", "工作动态"])
    assert added.exit_code == 0, added.output
    assert "综治办" in added.stdout
    section = runner.invoke(app, ["sections", "add", "经验交流", "--after", "工作动态"])
    assert section.exit_code == 0, section.output

    text = office.read_text(encoding="utf-8")
    assert _comments(text) == _comments(written)
    profile = load_profile(office)
    assert profile.units == ["阳光社区", "南门社区", "综治办"]
    assert profile.unit_sections == {"阳光社区": "基层交流", "综治办": "工作动态"}
    assert profile.sections == ["工作动态", "经验交流", "基层交流", "一句话信息"]
    # nothing else moved: only the changed lines differ
    old_lines, new_lines = written.splitlines(), text.splitlines()
    changed = [line for line in new_lines if line not in old_lines]
    assert changed == [
        'sections = ["工作动态", "经验交流", "基层交流", "一句话信息"]',
        'units = ["阳光社区", "南门社区", "综治办"]',
        '"综治办" = "工作动态"',
    ]


def test_undo_takes_back_a_settings_change_byte_for_byte(office: Path) -> None:
    before = office.read_bytes()
    assert runner.invoke(app, ["sections", "add", "经验交流"]).exit_code == 0
    assert runner.invoke(app, ["units", "remove", "南门社区"]).exit_code == 0
    assert load_profile(office).units == ["阳光社区"]
    first = runner.invoke(app, ["undo", "bulletin.toml"])
    assert first.exit_code == 0, first.output
    assert "删除供稿单位 南门社区" in first.stdout
    assert runner.invoke(app, ["undo", "bulletin.toml"]).exit_code == 0
    assert office.read_bytes() == before


def test_a_profile_with_crlf_and_a_bom_keeps_them(office: Path) -> None:
    text = office.read_text(encoding="utf-8")
    office.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    assert runner.invoke(app, ["units", "add", "北门社区"]).exit_code == 0
    data = office.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "北门社区" in load_profile(office).units


def test_a_profile_without_unit_sections_gets_the_table(office: Path) -> None:
    text = office.read_text(encoding="utf-8")
    start = text.index("# 各供稿单位的常用栏目")
    end = text.index("# 版式设置")
    office.write_text(text[:start] + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["units", "add", "北门社区", "--section", "工作动态"])
    assert result.exit_code == 0, result.output
    assert load_profile(office).unit_sections == {"北门社区": "工作动态"}


def test_rename_a_section_everywhere_the_profile_names_it(office: Path) -> None:
    result = runner.invoke(app, ["sections", "rename", "基层交流", "基层动态"])
    assert result.exit_code == 0, result.output
    profile = load_profile(office)
    assert profile.sections == ["工作动态", "基层动态", "一句话信息"]
    assert profile.unit_sections == {"阳光社区": "基层动态"}
    brief = runner.invoke(app, ["sections", "rename", "一句话信息", "简讯"])
    assert brief.exit_code == 0
    assert load_profile(office).briefs == ["简讯"]


def test_merging_a_unit_into_a_known_one(office: Path) -> None:
    assert runner.invoke(app, ["units", "add", "南门社区居委会"]).exit_code == 0
    result = runner.invoke(app, ["units", "rename", "南门社区居委会", "南门社区"])
    assert result.exit_code == 0, result.output
    assert "并入" in result.stdout
    assert load_profile(office).units == ["阳光社区", "南门社区"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["units", "remove", "南门社"], "南门社区"),
        (["units", "add", "某单位", "--section", "工作动"], "工作动态"),
        (["sections", "remove", "基层交"], "基层交流"),
        (["sections", "add", "新栏目", "--before", "不存在"], "sections"),
        (
            ["sections", "add", "新栏目", "--before", "工作动态", "--after", "基层交流"],
            "只能写一个",
        ),
        (["units", "rename", "阳光社区", "阳光社区"], "不用改"),
        (["units", "rename", "没有的单位", "阳光社区"], "--issues"),
    ],
)
def test_mistakes_are_refused_with_the_way_out(office: Path, args: list[str], said: str) -> None:
    before = office.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert office.read_bytes() == before


def test_adding_what_is_there_writes_nothing(office: Path) -> None:
    before = office.read_bytes()
    result = runner.invoke(app, ["units", "add", "阳光社区"])
    assert result.exit_code == 0
    assert "没有改动" in result.stderr
    assert office.read_bytes() == before
    assert runner.invoke(app, ["undo", "bulletin.toml"]).exit_code == 1


def test_units_and_sections_list(office: Path) -> None:
    units = runner.invoke(app, ["units"])
    assert units.stdout.splitlines() == ["阳光社区\t基层交流", "南门社区"]
    sections = runner.invoke(app, ["sections", "list"])
    assert sections.stdout.splitlines() == ["1\t工作动态", "2\t基层交流", "3\t一句话信息\t（简讯）"]


def test_settings_commands_without_a_profile_say_to_run_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["units", "add", "阳光社区"])
    assert result.exit_code == 2
    assert "bulletin init" in result.stderr


def test_init_refuses_a_usual_section_outside_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--section", "工作动态", "--unit-section", "甲=工作动"])
    assert result.exit_code == 2
    assert "工作动态" in result.stderr
    assert "--section 工作动" in result.stderr  # at init, the way out is another option
    assert not (tmp_path / "bulletin.toml").exists()
    bad = runner.invoke(app, ["init", "--unit-section", "甲"])
    assert bad.exit_code == 2
    assert "单位=栏目" in bad.stderr


def test_init_without_options_writes_the_examples_with_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    doc = tomllib.loads((tmp_path / "bulletin.toml").read_text(encoding="utf-8"))
    assert set(doc) >= {"bulletin", "distribution", "unit_sections", "layout"}
    assert set(doc["bulletin"]) >= {"name", "editor", "sections", "units", "briefs", "required"}


def test_new_without_a_profile_refuses_unless_no_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = runner.invoke(app, ["new"])
    assert refused.exit_code == 2
    assert "bulletin init" in refused.stderr and "--no-profile" in refused.stderr
    assert not (tmp_path / "issues").exists()
    done = runner.invoke(app, ["new", "--no-profile", "--date", "2026-03-01"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "issues" / "2026-01.toml").is_file()


def test_new_finds_the_profile_above(office: Path) -> None:
    result = runner.invoke(app, ["new", "--date", "2026-03-01"])
    assert result.exit_code == 0, result.output
    assert "没有找到" not in result.stderr


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["init", "--help"], "[文件夹]"),
        (["fonts", "--help"], "[期刊文件]..."),
        (["units", "add", "--help"], "名称..."),
        (["units", "rename", "--help"], "原名 新名"),
    ],
)
def test_usage_lines_name_arguments_in_chinese(args: list[str], usage: str) -> None:
    result = runner.invoke(app, args)
    first = result.stdout.splitlines()[0]
    assert usage in first
    assert not any(word in first for word in ("folder", "issues", "names", "old"))


def _issue_with(path: Path, number: int, articles: list[tuple[str, list[str]]]) -> None:
    text = f"[issue]\nnumber = {number}\ndate = 2026-0{number}-01\n"
    for index, (section, sources) in enumerate(articles, start=1):
        units = ", ".join(f'"{unit}"' for unit in sources)
        text += (
            f'\n# 第{index}篇，编辑的批注\n[[articles]]\nsection = "{section}"\n'
            f'title = "第{number}期第{index}篇"\nsources = [{units}]  # 单位\nbody = "正文。"\n'
        )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def folder(office: Path) -> Path:
    issues = office.parent / "issues"
    issues.mkdir()
    _issue_with(issues / "2026-01.toml", 1, [("工作动态", ["南门社区居委会"])])
    _issue_with(
        issues / "2026-02.toml",
        2,
        [
            ("工作动态", ["南门社区居委会", "阳光社区"]),
            ("基层交流", ["南门社区", "南门社区居委会"]),
        ],
    )
    _issue_with(issues / "2026-03.toml", 3, [("基层交流", ["阳光社区"])])
    return issues


def _bytes(office: Path, folder: Path) -> dict[str, bytes]:
    files = [office, *sorted(folder.glob("*.toml"))]
    return {file.name: file.read_bytes() for file in files}


def test_units_rename_issues_merges_across_a_folder_and_undo_takes_it_back(
    office: Path, folder: Path
) -> None:
    from bulletin_cli.issuefile.store import load_issue

    before = _bytes(office, folder)
    result = runner.invoke(
        app, ["units", "rename", "南门社区居委会", "南门社区", "--issues", "issues"]
    )
    assert result.exit_code == 0, result.output
    assert "2 期共 3 篇稿件中的“南门社区居委会”改为“南门社区”" in result.stdout
    sources = [
        article.sources
        for name in ("2026-01.toml", "2026-02.toml")
        for article in load_issue(folder / name).issue.articles
    ]
    assert sources == [["南门社区"], ["南门社区", "阳光社区"], ["南门社区"]]
    after = _bytes(office, folder)
    assert after["2026-03.toml"] == before["2026-03.toml"]
    assert after["bulletin.toml"] == before["bulletin.toml"]  # 南门社区 was there already
    for name in ("2026-01.toml", "2026-02.toml"):  # only sources values changed, comments kept
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        differ = [(o, n) for o, n in zip(old, new, strict=True) if o != n]
        assert differ and all(o.startswith("sources = ") for o, _n in differ)
        assert all(n.endswith("  # 单位") and "南门社区居委会" not in n for _o, n in differ)
    undone = runner.invoke(app, ["undo", "bulletin.toml"])
    assert undone.exit_code == 0, undone.output
    assert "2026-01.toml" in undone.stdout and "2026-02.toml" in undone.stdout
    assert _bytes(office, folder) == before


def test_sections_rename_issues_renames_the_catalogue_and_the_articles(
    office: Path, folder: Path
) -> None:
    from bulletin_cli.issuefile.store import load_issue

    before = _bytes(office, folder)
    result = runner.invoke(
        app, ["sections", "rename", "基层交流", "基层动态", "--issues", "issues"]
    )
    assert result.exit_code == 0, result.output
    assert load_profile(office).sections == ["工作动态", "基层动态", "一句话信息"]
    assert load_profile(office).unit_sections == {"阳光社区": "基层动态"}
    sections = [a.section for a in load_issue(folder / "2026-02.toml").issue.articles]
    assert sections == ["工作动态", "基层动态"]
    assert runner.invoke(app, ["undo", "issues/2026-03.toml"]).exit_code == 0  # any member
    assert _bytes(office, folder) == before


def test_rename_issues_is_all_files_or_none(office: Path, folder: Path) -> None:
    # the last file of the folder cannot be read: the rename is refused before any file changes
    (folder / "2026-09.toml").write_text('[issue]\nnumber = 9\ndate = "\n', encoding="utf-8")
    before = _bytes(office, folder)
    result = runner.invoke(
        app, ["units", "rename", "南门社区居委会", "南门社区", "--issues", "issues"]
    )
    assert result.exit_code == 3
    assert "2026-09.toml" in result.stderr
    assert _bytes(office, folder) == before
    assert runner.invoke(app, ["undo", "bulletin.toml"]).exit_code == 1  # nothing recorded


def test_rename_issues_of_a_name_nowhere_changes_nothing(office: Path, folder: Path) -> None:
    before = _bytes(office, folder)
    result = runner.invoke(app, ["units", "rename", "北门社区", "南门社区", "--issues", "issues"])
    assert result.exit_code == 2
    assert "都没有供稿单位“北门社区”" in result.stderr
    assert _bytes(office, folder) == before
    missing = runner.invoke(app, ["units", "rename", "甲", "乙", "--issues", "没有这个文件夹"])
    assert missing.exit_code == 2

"""What goes out to a terminal, a spreadsheet or an ``-o`` file: control sequences from titles
and file names shown as visible escapes, formulas neutralised in every CSV cell, an edited
file at ``-o`` kept as a backup; and the CLI's promises around it (undo --force, an article
bound to what the prompt showed, FIFOs among the issue files)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.cli.visible import cell, visible
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()
ESC_TITLE = "标题\x1b]0;被改的窗口标题\x07\x1b[2J后半"


def _issue_with(example_issue: Path, old: str, new: str) -> None:
    text = example_issue.read_text(encoding="utf-8")
    assert old in text
    example_issue.write_text(text.replace(old, new, 1), encoding="utf-8")


def _hostile(example_issue: Path) -> None:
    _issue_with(
        example_issue,
        'title = "市政府与市总工会召开第八次联席会议"',
        'title = "标题\\u001b]0;被改的窗口标题\\u0007\\u001b[2J后半"',
    )


def test_visible_escapes_every_control_character() -> None:
    assert visible(ESC_TITLE) == "标题\\x1b]0;被改的窗口标题\\x07\\x1b[2J后半"
    assert visible("两行\n\t缩进") == "两行\n\t缩进"  # messages keep their lines
    assert cell("两行\n\t缩进\r") == "两行\\n\\t缩进\\r"
    assert visible("\u202egnp.exe") == "\\u202egnp.exe"
    assert visible("\x9b2J") == "\\x9b2J"


@pytest.mark.parametrize("command", [["list"], ["show"], ["check"]])
def test_titles_reach_the_terminal_without_live_escapes(
    example_issue: Path, command: list[str]
) -> None:
    _hostile(example_issue)
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_cli", *command, str(example_issue)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    shown = done.stdout + done.stderr
    assert "\x1b" not in shown and "\x07" not in shown
    if command != ["check"]:
        assert "\\x1b]0;被改的窗口标题" in shown


def test_titles_at_a_real_terminal_show_escapes(example_dir: Path) -> None:
    _hostile(example_dir / "issues" / "2012-01.toml")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bulletin_cli", "list", "issues/2012-01.toml"],
        cwd=str(example_dir),
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
        timeout=60,
    )
    child.expect(pexpect.EOF)
    assert "\\x1b]0;" in child.before
    assert "\x1b]0;" not in child.before and "\x1b[2J" not in child.before


@pytest.mark.parametrize(
    "command",
    [
        ["list", "issues/2012-01.toml"],
        ["stats", "issues/2012-01.toml"],
        ["show", "issues/2012-01.toml"],
    ],
)
def test_rich_markup_in_a_title_or_unit_is_printed_as_text(
    example_dir: Path, command: list[str]
) -> None:
    # a title or unit holding [/bold] stopped list's table with rich's MarkupError traceback;
    # [white] would have hidden it
    issue = example_dir / "issues" / "2012-01.toml"
    _issue_with(
        issue, 'title = "市政府与市总工会召开第八次联席会议"', 'title = "关于[/bold]的通知"'
    )
    _issue_with(issue, '"市总办公室"', '"[white]研究会"')
    if command[0] == "show":  # a section name (not in the catalogue) in show's heading line
        _issue_with(issue, 'section = "工作动态"', 'section = "工作[/]动态"')
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bulletin_cli", *command],
        cwd=str(example_dir),
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in child.before and "MarkupError" not in child.before
    assert child.exitstatus == 0, child.before
    if command[0] == "list":
        assert "关于[/bold]的通知" in child.before
    if command[0] == "show":
        assert "【工作[/]动态】" in child.before
    else:
        assert "[white]研究会" in child.before


def _stats_office(root: Path, unit: str) -> Path:
    (root / "issues").mkdir(parents=True)
    (root / "bulletin.toml").write_text(
        '[bulletin]\nsections = ["工作动态"]\nunits = ["研究室"]\n', encoding="utf-8"
    )
    (root / "issues" / "2012-01.toml").write_text(
        "[issue]\nnumber = 1\ndate = 2012-01-10\n\n[[articles]]\n"
        f'section = "工作动态"\ntitle = "甲"\nsources = ["{unit}"]\nbody = "正文。"\n',
        encoding="utf-8",
    )
    return root / "issues"


@pytest.mark.parametrize(
    "unit", ['=HYPERLINK(\\"http://x\\",\\"点我\\")', "+1+1", "-2+3", "@SUM(A1)"]
)
def test_csv_cells_are_never_formulas(tmp_path: Path, unit: str) -> None:
    issues = _stats_office(tmp_path, unit)
    out = tmp_path / "统计.csv"
    result = runner.invoke(app, ["stats", str(issues), "--year", "2012", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    cells = [value for row in rows for value in row]
    assert not [value for value in cells if value[:1] in "=+-@"]
    assert any(value.startswith("'") for value in cells)
    stdout = runner.invoke(app, ["stats", str(issues), "--year", "2012", "--format", "csv"])
    assert not [v for row in csv.reader(io.StringIO(stdout.stdout)) for v in row if v[:1] in "=+@"]


def test_stats_o_keeps_a_hand_edited_file(tmp_path: Path) -> None:
    issues = _stats_office(tmp_path, "研究室")
    for name in ("统计.csv", "通报.docx", "统计.json"):
        out = tmp_path / name
        out.write_bytes(b"edited by hand")
        result = runner.invoke(app, ["stats", str(issues), "--year", "2012", "-o", str(out)])
        assert result.exit_code == 0, result.output
        backup = out.with_name(f"{out.stem}（改动备份）{out.suffix}")
        assert backup.read_bytes() == b"edited by hand"
        assert "改动备份" in result.stderr
        # written by the tool and unchanged since: replaced without another backup
        again = runner.invoke(app, ["stats", str(issues), "--year", "2012", "-o", str(out)])
        assert again.exit_code == 0
        assert not out.with_name(f"{out.stem}（改动备份2）{out.suffix}").exists()


def test_stats_o_through_a_link_keeps_the_target(tmp_path: Path) -> None:
    issues = _stats_office(tmp_path, "研究室")
    target = tmp_path / "别人的表.csv"
    target.write_bytes(b"someone's sheet")
    (tmp_path / "统计.csv").symlink_to(target)
    result = runner.invoke(
        app, ["stats", str(issues), "--year", "2012", "-o", str(tmp_path / "统计.csv")]
    )
    assert result.exit_code == 0, result.output
    assert b"someone's sheet" in [p.read_bytes() for p in tmp_path.glob("*改动备份*")]


def test_undo_force_exists_and_does_what_the_refusal_promised(example_issue: Path) -> None:
    original = example_issue.read_bytes()
    assert runner.invoke(app, ["remove", str(example_issue), "1", "--yes"]).exit_code == 0
    example_issue.write_bytes(example_issue.read_bytes() + b"# hand edit\n")
    refused = runner.invoke(app, ["undo", str(example_issue)])
    assert refused.exit_code == 1 and "--force" in refused.stderr
    forced = runner.invoke(app, ["undo", str(example_issue), "--force"])
    assert forced.exit_code == 0, forced.output
    assert example_issue.read_bytes() == original


def test_remove_deletes_the_article_it_showed_or_nothing(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2012-01.toml"
    titles = [a.title for a in load_issue(issue).issue.articles]
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bulletin_cli", "remove", "issues/2012-01.toml", "3"],
        cwd=str(example_dir),
        encoding="utf-8",
        timeout=60,
    )
    child.expect("确定删除吗")
    # meanwhile someone else removes the first article: "3" now names another one
    assert runner.invoke(app, ["remove", str(issue), "1", "--yes"]).exit_code == 0
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "已被改动或移走" in (child.before or "")
    assert [a.title for a in load_issue(issue).issue.articles] == titles[1:]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
@pytest.mark.parametrize("command", ["check", "stats", "new", "export"])
def test_a_sibling_that_is_not_a_regular_file_is_skipped(
    example_dir: Path, kind: str, command: str
) -> None:
    planted = example_dir / "issues" / "2012-99.toml"
    if kind == "fifo":
        os.mkfifo(planted)
    else:
        planted.symlink_to("/dev/zero")
    args = {
        "check": ["check", "issues/2012-01.toml"],
        "stats": ["stats", "issues", "--year", "2012"],
        "new": ["new", "--date", "2012-03-01"],
        "export": ["export", "issues/2012-01.toml", "-o", "out.docx", "--force"],
    }[command]
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_cli", *args],
        cwd=example_dir,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,  # a hang is the defect
        check=False,
    )
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.returncode in (0, 1, 3), done.stderr
    assert "2012-99.toml" in done.stdout + done.stderr  # the warning names it


def test_os_errors_are_said_in_chinese_only() -> None:
    import errno

    from bulletin_cli.errors import os_reason

    for code in (errno.EIO, errno.EEXIST, errno.ENOENT, errno.EBUSY, errno.ENOTSUP, 9999):
        reason = os_reason(OSError(code, os.strerror(code)))
        assert os.strerror(code) not in reason
        assert not [c for c in reason if "a" <= c <= "z"], reason  # a code like EIO at most
    package = Path(__file__).resolve().parent.parent / "bulletin_cli"
    formatted = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "{err.strerror" in path.read_text(encoding="utf-8")
    ]
    assert formatted == []  # every OS error goes through os_reason


def test_a_docx_missing_a_part_is_explained_in_chinese(tmp_path: Path) -> None:
    import zipfile

    import docx

    whole = tmp_path / "完整.docx"
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("正文。")
    document.save(str(whole))
    broken = tmp_path / "稿件.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                target.writestr(info, source.read(info.filename))
    done = runner.invoke(app, ["import", str(broken), "-o", str(tmp_path / "x.toml")])
    assert done.exit_code == 3
    assert "There is no item" not in done.stderr and "archive" not in done.stderr
    assert "缺少其中的 word/styles.xml" in done.stderr


def test_an_edit_bound_to_the_article_shown_refuses_when_it_moved(example_issue: Path) -> None:
    """What ``edit N`` in the editor does on saving: the change names the article it showed."""
    from bulletin_cli import api
    from bulletin_cli.issuefile.edits import ArticleMoved

    shown = api.article_of(example_issue, 3)
    api.remove_article(example_issue, 1)  # meanwhile: number 3 is now another article
    before = example_issue.read_bytes()
    with pytest.raises(ArticleMoved):
        api.edit_article(example_issue, 3, title="改过的标题", expect=shown)
    assert example_issue.read_bytes() == before
    api.edit_article(example_issue, 2, title="改过的标题", expect=shown, check=False)
    assert load_issue(example_issue).issue.articles[1].title == "改过的标题"

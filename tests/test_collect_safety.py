"""``collect`` against hostile and racing inboxes: duplicates judged under the issue's lock,
links never followed, FIFOs and huge files refused without reading them, undo moving the
files back, file names that cannot split the report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.importer import collect as collecting
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bulletin.toml").write_text(
        '[bulletin]\nsections = ["工作动态"]\nunits = ["常熟市总工会", "太仓市总工会"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["new", "--date", "2012-01-20"]).exit_code == 0
    return tmp_path


ISSUE = Path("issues/2012-01.toml")


def _txt(path: Path, title: str, unit: str = "常熟市总工会") -> None:
    path.write_text(
        f"{title}\n\n　　{unit}近日开展{title}工作，效果良好。\n供稿：{unit}\n", "utf-8"
    )


def _inbox(office: Path, count: int = 3) -> Path:
    inbox = office / "收稿"
    inbox.mkdir()
    for n in range(count):
        _txt(inbox / f"稿件{n + 1}.txt", f"第{n + 1}项活动")
    return inbox


def _titles() -> list[str]:
    return [article.title for article in load_issue(ISSUE).issue.articles]


def test_overlapping_runs_of_one_inbox_add_each_article_once(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = _inbox(office)
    judge = collecting._judge
    calls: list[Path] = []

    def judge_then_let_another_run_in(path: Path, **options: object) -> object:
        judged = judge(path, **options)  # type: ignore[arg-type]
        calls.append(path)
        if len(calls) == 3:  # the first run has read every file; a second run goes through
            monkeypatch.setattr(collecting, "_judge", judge)
            api.collect(inbox, ISSUE, section="工作动态")
        return judged

    monkeypatch.setattr(collecting, "_judge", judge_then_let_another_run_in)
    result = api.collect(inbox, ISSUE, section="工作动态")
    assert sorted(_titles()) == ["第1项活动", "第2项活动", "第3项活动"]
    assert {row.status for row in result.rows} == {"duplicate"}


def test_a_link_in_the_inbox_to_a_file_outside_is_not_taken(office: Path) -> None:
    inbox = _inbox(office, 1)
    secret = office / "机密.txt"
    _txt(secret, "不该收的稿件")
    (inbox / "链接.txt").symlink_to(secret)
    result = api.collect(inbox, ISSUE, section="工作动态")
    assert _titles() == ["第1项活动"]
    (row,) = [row for row in result.rows if row.file.name == "链接.txt"]
    assert row.status == "unreadable" and "链接" in row.findings[0]
    assert secret.exists() and (inbox / "链接.txt").is_symlink()


def test_a_linked_received_folder_is_refused_and_nothing_moves(office: Path) -> None:
    inbox = _inbox(office, 2)
    elsewhere = office / "别处"
    elsewhere.mkdir()
    (inbox / "已收").symlink_to(elsewhere)
    before = ISSUE.read_bytes()
    with pytest.raises(FileProblem, match="链接"):
        api.collect(inbox, ISSUE, section="工作动态")
    assert ISSUE.read_bytes() == before
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in inbox.glob("*.txt")) == ["稿件1.txt", "稿件2.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", ["collect", "add --from", "import"])
def test_a_fifo_named_like_a_units_file_is_refused_not_waited_for(
    office: Path, command: str
) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    os.mkfifo(inbox / "x.txt")
    args = {
        "collect": ["collect", "收稿", str(ISSUE), "--section", "工作动态"],
        "add --from": ["add", str(ISSUE), "--from", "收稿/x.txt", "--section", "工作动态"],
        "import": ["import", "收稿/x.txt", "-o", "issues/x.toml"],
    }[command]
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_cli", *args],
        cwd=office,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,  # a hang is the defect; a refusal takes well under a second
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert "不是普通文件" in done.stdout + done.stderr


def test_a_huge_text_file_is_refused_without_reading_it(office: Path) -> None:
    big = office / "大文件.txt"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(700 * 1024 * 1024)
    probe = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024, 600 * 1024 * 1024))\n"
        "sys.argv = ['bulletin', *sys.argv[1:]]\n"
        "from bulletin_cli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "add", str(ISSUE), "--from", str(big), "-s", "工作动态"],
        cwd=office,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr
    assert "太大" in done.stderr


def test_undo_of_a_collect_moves_the_files_back(office: Path) -> None:
    inbox = _inbox(office, 2)
    before = ISSUE.read_bytes()
    api.collect(inbox, ISSUE, section="工作动态")
    assert sorted(p.name for p in (inbox / "已收").iterdir()) == ["稿件1.txt", "稿件2.txt"]
    undone = runner.invoke(app, ["undo", str(ISSUE)])
    assert undone.exit_code == 0, undone.output
    assert "已放回" in undone.stderr
    assert ISSUE.read_bytes() == before
    assert sorted(p.name for p in inbox.glob("*.txt")) == ["稿件1.txt", "稿件2.txt"]
    again = api.collect(inbox, ISSUE, section="工作动态")  # and can be taken again
    assert len(again.added) == 2


def test_a_newline_in_a_file_name_cannot_split_the_report(office: Path) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    _txt(inbox / "第一行\n第二行\t.txt", "换行的文件名")
    result = runner.invoke(app, ["collect", "收稿", str(ISSUE), "--section", "工作动态"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert len(rows) == 1, rows
    assert rows[0].count("\t") == 6
    assert "第一行\\n第二行\\t.txt" in rows[0]

"""``bulletin import`` as a clerk and a script use it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = DATA / "suzhou-union-bulletin-2012-01.txt"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office folder with the example profile and the reference text, as the cwd."""
    shutil.copy(REPO / "bulletin.toml", tmp_path / "bulletin.toml")
    shutil.copy(REFERENCE, tmp_path / "2012年第1期.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", *args])
    return result.exit_code, result.stdout, result.stderr


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert result.exit_code == 0, result.output
    assert "bulletin import" in result.stdout
    assert "示例" in result.stdout


def test_import_then_check_has_no_errors(office: Path) -> None:
    code, stdout, stderr = _import(
        "2012年第1期.txt", "-o", "issues/2012-01.toml", "--number", "1", "--total", "215",
        "--date", "2012-01-20",
    )  # fmt: skip
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.splitlines() == [
        "已导入 2012年第1期.txt（UTF-8） → issues/2012-01.toml：2 个栏目，11 篇稿件，11 篇有供稿单位。",
        "以下 1 处是程序推断的，请核对：",
        "  第 3 行：标题下的第二行短句当作副标题 ——“工会四项建议全部获得政府支持”",
        "核对后可运行：bulletin check issues/2012-01.toml",
    ]
    loaded = load_issue(office / "issues" / "2012-01.toml")
    assert loaded.problems == []
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    assert loaded.issue.articles == example.articles
    checked = runner.invoke(app, ["check", "issues/2012-01.toml", "--format", "json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["files"][0]["errors"] == 0, report


def test_json_report_for_scripts(office: Path) -> None:
    code, stdout, stderr = _import("2012年第1期.txt", "-o", "issues/x.toml", "--json")
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["path"] == "issues/x.toml"
    assert report["kind"] == "text"
    assert (report["sections"], report["articles"], report["attributions"]) == (2, 11, 11)
    assert report["guesses"] == [
        {
            "line": 3,
            "message": "标题下的第二行短句当作副标题",
            "text": "工会四项建议全部获得政府支持",
        }
    ]
    assert len(report["notes"]) == 2


def test_never_overwrites_without_force(office: Path) -> None:
    target = office / "issues" / "2012-01.toml"
    target.parent.mkdir()
    target.write_text("# 手工改过的文件\n", encoding="utf-8")
    code, _stdout, stderr = _import("2012年第1期.txt", "-o", "issues/2012-01.toml")
    assert code == 3
    assert (
        stderr == "错误：issues/2012-01.toml: 文件已存在，不会覆盖\n  提示：确需覆盖时加 --force\n"
    )
    assert target.read_text(encoding="utf-8") == "# 手工改过的文件\n"
    code, _stdout, stderr = _import("2012年第1期.txt", "-o", "issues/2012-01.toml", "--force")
    assert code == 0, stderr
    assert len(load_issue(target).issue.articles) == 11


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: 文件是空的，没有可导入的文字"),
        ("photo.txt", bytes(range(256)) * 4, "photo.txt: 不是文本文件（含有二进制数据）"),
        ("fake.docx", b"not a zip at all", "fake.docx: 不是有效的 DOCX 文件（不是 zip 压缩包）"),
    ],
)
def test_garbage_exits_3_with_a_message(office: Path, name: str, data: bytes, message: str) -> None:
    (office / name).write_bytes(data)
    code, _stdout, stderr = _import(name, "-o", "issues/x.toml")
    assert code == 3, stderr
    assert stderr.startswith(f"错误：{message}")
    assert "Traceback" not in stderr
    assert not (office / "issues" / "x.toml").exists()


def test_missing_source(office: Path) -> None:
    code, _stdout, stderr = _import("none.txt", "-o", "issues/x.toml")
    assert code == 3
    assert stderr.startswith("错误：none.txt: 文件不存在")


def test_a_bad_date_is_a_usage_error(office: Path) -> None:
    code, _stdout, stderr = _import("2012年第1期.txt", "-o", "x.toml", "--date", "2012-13-01")
    assert code == 2
    assert stderr.startswith("错误：日期 “2012-13-01” 无法识别")


def test_missing_output_option_is_a_usage_error(office: Path) -> None:
    code, _stdout, _stderr = _import("2012年第1期.txt")
    assert code == 2


def test_the_importer_core_never_imports_the_cli() -> None:
    probe = (
        "import sys, bulletin_cli.importer as i; "
        "i.import_text('【工作动态】\\n标题\\n正文。（办公室）'); "
        "print(sorted(m for m in ('typer', 'rich', 'lxml', 'docx') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_profile_near_the_output_wins_over_the_one_near_the_source(office: Path) -> None:
    inbox = office / "收件"
    inbox.mkdir()
    shutil.copy(DATA / "import" / "briefs.txt", inbox / "briefs.txt")
    (inbox / "bulletin.toml").write_text('[bulletin]\nunits = ["某单位"]\n', encoding="utf-8")
    code, stdout, stderr = _import("收件/briefs.txt", "-o", "issues/b.toml", "--json")
    assert code == 0, stderr
    unknown = [g["line"] for g in json.loads(stdout)["guesses"] if "不在已知单位中" in g["message"]]
    assert unknown == [7, 9]  # only the persons: the office knows every unit
    code, stdout, stderr = _import("收件/briefs.txt", "-o", "收件/b.toml", "--json")
    assert code == 0, stderr
    unknown = [g["line"] for g in json.loads(stdout)["guesses"] if "不在已知单位中" in g["message"]]
    assert unknown == [4, 7, 8, 9, 10, 11, 13]

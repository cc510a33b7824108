"""python-docx is the Word reader, and only Word files load it.

``bulletin_cli.importer.docx`` imports python-docx; the editing commands, and ``add --from``
with a text file, never do (their start-up stays fast).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROBE = """
import json, sys
sys.argv = ["bulletin", *json.loads(sys.argv[1])]
from bulletin_cli.cli import main
try:
    main()
except SystemExit as done:
    code = done.code
print(json.dumps([code, "docx" in sys.modules]), file=sys.stderr)
"""


def _run(args: list[str], cwd: Path) -> tuple[int, bool]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return code, loaded


def test_the_word_reader_imports_python_docx() -> None:
    code = "import sys, bulletin_cli.importer.docx; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    shutil.copy(REPO / "bulletin.toml", tmp_path / "bulletin.toml")
    (tmp_path / "issues").mkdir()
    shutil.copy(REPO / "issues" / "2012-01.toml", tmp_path / "issues" / "2012-01.toml")
    (tmp_path / "稿件.txt").write_text(
        "开展送温暖活动\n　　吴中区总工会开展送温暖活动。\n（吴中区总工会）\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        [
            "add",
            "issues/2012-01.toml",
            "-s",
            "工作动态",
            "-t",
            "甲",
            "-u",
            "研究室",
            "-b",
            "正文。",
        ],
        ["add", "issues/2012-01.toml", "--from", "稿件.txt", "-s", "工作动态"],
        ["list", "issues/2012-01.toml"],
        ["check", "issues/2012-01.toml"],
        ["new", "--date", "2012-03-01"],
    ],
    ids=["add", "add-from-txt", "list", "check", "new"],
)
def test_commands_without_a_word_file_never_load_python_docx(office: Path, args: list[str]) -> None:
    code, loaded = _run(args, office)
    assert code in (0, None)
    assert loaded is False


def test_add_from_a_word_file_loads_it(office: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("开展送温暖活动")
    doc.add_paragraph("　　吴中区总工会开展送温暖活动。")
    doc.add_paragraph("（吴中区总工会）")
    doc.save(str(office / "稿件.docx"))
    code, loaded = _run(
        ["add", "issues/2012-01.toml", "--from", "稿件.docx", "-s", "工作动态"], office
    )
    assert (code, loaded) == (0, True)

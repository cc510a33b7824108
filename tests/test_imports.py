"""Start-up stays light: the core never imports the CLI, and add/list/new never load python-docx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
sys.argv = ["bulletin", *json.loads(sys.argv[1])]
from bulletin_cli.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ["docx", "lxml", "rich", "pydantic"]
print(json.dumps([name for name in heavy if name in sys.modules]), file=sys.stderr)
"""


def _loaded_after(args: list[str], cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return loaded


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
        ["list", "issues/2012-01.toml"],
        ["new", "--date", "2012-03-01"],
    ],
)
def test_editing_commands_load_no_heavy_modules(example_dir: Path, args: list[str]) -> None:
    assert _loaded_after(args, example_dir) == []


def test_core_does_not_import_the_cli() -> None:
    code = (
        "import sys, bulletin_cli.issuefile.store, bulletin_cli.editing, bulletin_cli.profile;"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""Start-up stays light: the core never imports the CLI, and add/list/new never load python-docx."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bulletin_cli"
CLI_STACK = ("typer", "rich", "click")

PROBE = """
import sys
watched = sys.argv[2].split()
sys.argv = ["bulletin", *sys.argv[1].split("\\n")]  # not json: the command's own imports count
from bulletin_cli.cli import main
try:
    main()
    code = 0
except SystemExit as done:
    code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
heavy = ["docx", "lxml", "rich", "pydantic", *watched]
loaded = [name for name in heavy if name in sys.modules]
import json
print(json.dumps({"code": code, "loaded": loaded}),
      file=sys.stderr)
"""


def _run_probe(args: list[str], cwd: Path, watched: tuple[str, ...] = ()) -> dict[str, object]:
    """Run a command in a fresh process: its exit code, and which heavy or ``watched``
    modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "\n".join(args), " ".join(watched)],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    outcome: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return outcome


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
    # the command must succeed: a command that failed early would load nothing and pass
    assert _run_probe(args, example_dir) == {"code": 0, "loaded": []}


ADD_ARGS = [
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
]
UNUSED_BY_ADD = (
    "bulletin_cli.check.engine",  # the whole rule table: add checks the article rules only
    "bulletin_cli.check.codes",
    "bulletin_cli.check.rules.issue",
    "bulletin_cli.check.pages",
    "bulletin_cli.check.setting",  # check's page model
    "bulletin_cli.check.linebreak",
    "bulletin_cli.check.metrics",
    "bulletin_cli.check.siblings",
    "bulletin_cli.issuefile.tomlerrors",  # only when a file fails to parse
    "bulletin_cli.export",
    "bulletin_cli.scoring",  # with decimal and fractions: only for a profile with [scoring]
    "decimal",
    "fractions",
    "tempfile",  # atomic writes make their temporary file themselves
)
UNUSED_BY_EXPORT = (
    "bulletin_cli.issuefile.history",  # undo steps are recorded by the writers of issue files
    "bulletin_cli.issuefile.edits",
    "dataclasses",  # the data classes are records (bulletin_cli.records)
    "bulletin_cli.scoring",
    "decimal",
    "fractions",
    "tempfile",
    "hashlib",
    "json",
    "base64",
    "bulletin_cli.issuefile.tomlerrors",
    "bulletin_cli.export.pdf",  # only for PDFs
    "bulletin_cli.export.office",  # the UNO conversion: PDFs and preview only
    "bulletin_cli._service.pdfs",
    "bulletin_cli._service.fonts",  # the fonts command's results
    "bulletin_cli.check.fixes",
    "bulletin_cli.importer",
    "bulletin_cli.stats",
    "bulletin_cli.cli.prompts",
)


@pytest.mark.parametrize(
    ("args", "unused"),
    [
        (ADD_ARGS, UNUSED_BY_ADD),
        (["export", "issues/2012-01.toml", "-o", "x.docx"], UNUSED_BY_EXPORT),
    ],
    ids=["add", "export"],
)
def test_add_and_export_load_only_what_they_use(
    example_dir: Path, args: list[str], unused: tuple[str, ...]
) -> None:
    # start-up is measured in bench/bench_startup.py; this keeps removed imports from creeping back
    assert _run_probe(args, example_dir, unused) == {"code": 0, "loaded": []}


def test_the_probe_sees_a_watched_module(example_dir: Path) -> None:
    outcome = _run_probe(ADD_ARGS, example_dir, ("bulletin_cli.issuefile.history", "re"))
    assert outcome == {"code": 0, "loaded": ["bulletin_cli.issuefile.history", "re"]}


def test_the_probe_sees_a_failing_command(example_dir: Path) -> None:
    outcome = _run_probe(["list", "issues/无此文件.toml"], example_dir)
    assert outcome["code"] == 3


def _core_modules() -> list[Path]:
    """Every module of the package outside ``cli/`` (and the ``python -m`` entry)."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "cli" not in path.relative_to(PACKAGE).parts[:-1] and path.name != "__main__.py"
    )


def _imported_names(path: Path) -> set[str]:
    """The top-level package of every import statement in a module, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_the_cli_stack_anywhere() -> None:
    modules = _core_modules()
    assert len(modules) > 30  # the whole core, not a few modules
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(_imported_names(path) & set(CLI_STACK))
        for path in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_importing_every_core_module_loads_no_cli_stack() -> None:
    names = [
        "bulletin_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in _core_modules()
    ]
    names = [name.removesuffix(".__init__") for name in names]
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {CLI_STACK!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


GC_PROBE = """
import gc, json, sys
sys.argv = ["bulletin", *sys.argv[1].split("\\n")]
import bulletin_cli  # as the command: sets the threshold
before = gc.get_stats()[0]["collections"]
from bulletin_cli.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps([gc.get_threshold()[0], gc.get_stats()[0]["collections"] - before]),
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [ADD_ARGS, ["export", "issues/2012-01.toml", "-o", "x.docx"]], ids=["add", "export"]
)
def test_the_command_collects_no_garbage_while_it_starts_and_runs(
    example_dir: Path, args: list[str]
) -> None:
    # the objects of start-up live as long as the process: scanning them is wasted (about 50
    # collections at Python's default threshold; see docs/performance.md)
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "\n".join(args)],
        cwd=example_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    threshold, collections = json.loads(done.stderr.strip().splitlines()[-1])
    assert (threshold, collections) == (100_000, 0)


def test_a_program_importing_the_library_keeps_its_collector_settings() -> None:
    code = "import gc, bulletin_cli.api; print(gc.get_threshold()[0])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "700"

"""Fuzz every command: random issue files, profiles, options and import sources.

Whatever goes in, a command ends with an exit code of the contract (0–3, 130 for an
interrupt), never a traceback, never a hang, and a command that fails leaves every file of the
folder as it was. The examples are bounded so that the whole module runs in well under a minute;
the hang guard is an upper bound far above any normal run, not a speed test.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_cli.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "issues" / "2012-01.toml").read_text(encoding="utf-8")
PROFILE = (REPO / "bulletin.toml").read_text(encoding="utf-8")
CONTRACT_CODES = {0, 1, 2, 3, 130}
HANG_GUARD_SECONDS = 60

runner = CliRunner()
fuzz_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# pieces a clerk's editor or a hostile file could leave in the TOML text
SNIPPETS = [
    "[",
    "]",
    "[[articles]]",
    "[issue]",
    "[distribution]",
    "[layout]",
    '"""',
    '"',
    "'",
    "“",
    "”",
    "，",
    "：",
    "=",
    "#",
    "\\",
    "\\u0000",
    "\x07",
    "\u3000",
    "\ufeff",
    "\r",
    "title = ",
    "tilte = 1",
    "sources = []",
    'sources = ["市总办公室"',
    "number = -1",
    "number = 99999999999999999999999",
    "date = 2012-13-45",
    "copies = 1e308",
    "size_body = nan",
    "chars_per_line = 0",
    'color_masthead = "red & <blue>"',
    "x = " + "[" * 600 + "]" * 600,
    "y = " + "9" * 5000,
    "z = {a = {b = {c = 1}}}",
    'section = "不存在的栏目"',
    "body = '''" + "长" * 2000 + "'''",
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text with a few lines deleted, duplicated, or spliced with snippets."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "splice", "truncate"]))
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "insert":
            lines.insert(index, draw(st.sampled_from(SNIPPETS)))
        elif kind == "splice":
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + draw(st.sampled_from(SNIPPETS)) + line[cut:]
        else:
            lines = lines[: index + 1]
    return "\n".join(lines)


class Hang(Exception):
    """A command ran past the hang guard."""


@contextlib.contextmanager
def hang_guard() -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"a command ran for more than {HANG_GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but outputs and history) with its bytes."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        hidden = relative.startswith(".") or "/." in relative
        if path.is_file() and not hidden and not relative.startswith(("out", "build")):
            files[relative] = path.read_bytes()
    return files


def office(root: Path, issue: str, profile: str) -> Path:
    """A fresh office folder under ``root`` with the given issue and profile texts."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "issues").mkdir(parents=True)
    (root / "bulletin.toml").write_text(profile, encoding="utf-8")
    path = root / "issues" / "2012-01.toml"
    path.write_text(issue, encoding="utf-8")
    return path


def run(args: list[str], *, stdin: str | None = None) -> tuple[int, str]:
    with hang_guard():
        result = runner.invoke(app, args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {type(result.exception).__name__}: {result.exception}")
    assert "Traceback" not in result.output, result.output
    assert result.exit_code in CONTRACT_CODES, (args, result.exit_code, result.output)
    return result.exit_code, result.output


def read_commands(path: Path, out: Path) -> list[list[str]]:
    """Commands that read the issue and may write only outputs."""
    return [
        ["list", str(path)],
        ["list", str(path), "--json"],
        ["check", str(path)],
        ["check", str(path), "--format", "json", "--strict"],
        ["export", str(path), "-o", str(out / "x.docx")],
        ["fonts", str(path)],
    ]


def write_commands(path: Path) -> list[list[str]]:
    """Commands that change the issue file: on failure the folder must be as it was."""
    return [
        ["check", str(path), "--fix"],
        [
            "add",
            str(path),
            "--section",
            "工作动态",
            "--title",
            "测试标题",
            "--source",
            "市总办公室",
            "--body",
            "正文。",
        ],
    ]


HOSTILE = st.sampled_from(SNIPPETS).map(lambda snippet: snippet + "\n")


@fuzz_settings
@given(issue=mutated(EXAMPLE), sibling=st.one_of(st.none(), HOSTILE, mutated(EXAMPLE)))
def test_any_issue_file_through_every_command(
    tmp_path: Path, issue: str, sibling: str | None
) -> None:
    path = office(tmp_path / "office", issue, PROFILE)
    if sibling is not None:
        (path.parent / "2012-02.toml").write_text(sibling, encoding="utf-8")
    for args in read_commands(path, tmp_path / "out"):
        before = snapshot(tmp_path / "office")
        run(args)
        assert snapshot(tmp_path / "office") == before, args
    for args in write_commands(path):
        before = snapshot(tmp_path / "office")
        code, _ = run(args)
        if code not in (0, 1):
            assert snapshot(tmp_path / "office") == before, args


@fuzz_settings
@given(profile=st.one_of(mutated(PROFILE), HOSTILE.map(lambda line: line + PROFILE)))
def test_any_profile_through_every_command(tmp_path: Path, profile: str) -> None:
    path = office(tmp_path / "office", EXAMPLE, profile)
    for args in [*read_commands(path, tmp_path / "out"), *write_commands(path)]:
        before = snapshot(tmp_path / "office")
        code, _ = run(args)
        if code not in (0, 1):
            assert snapshot(tmp_path / "office") == before, args


OPTION_VALUES = [
    "",
    "-",
    "0",
    "-1",
    "99999999999999999999999",
    "2026-12-1",
    "2026/12/01",
    "2026-02-30",
    "nan",
    "工作动态",
    "不存在",
    "x" * 300,
    "a/b/c",
    "\u3000",
    "--",
    "--help",
]
OPTIONS = {
    "new": ["--number", "--total", "--date", "--dir"],
    "add": ["--section", "--title", "--subtitle", "--source", "--body", "--body-file"],
    "list": ["--json"],
    "check": ["--format", "--strict", "--fix"],
    "export": ["-o", "--force", "--pdf"],
    "import": ["-o", "--number", "--total", "--date", "--force"],
    "init": [],
    "fonts": [],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    args = [command]
    if command not in ("new", "init"):
        args.append(draw(st.sampled_from(["ISSUE", "missing.toml", "", "issues"])))
    for _ in range(draw(st.integers(0, 3))):
        option = draw(st.sampled_from([*OPTIONS[command], "--bogus"]))
        args.append(option)
        if option not in ("--json", "--strict", "--fix", "--force", "--pdf"):
            args.append(draw(st.sampled_from(OPTION_VALUES)))
    return args


@fuzz_settings
@given(args=command_lines())
def test_any_command_line(tmp_path: Path, args: list[str]) -> None:
    path = office(tmp_path / "office", EXAMPLE, PROFILE)
    args = [str(path) if arg == "ISSUE" else arg for arg in args]
    with contextlib.chdir(tmp_path / "office"):
        before = snapshot(tmp_path / "office")
        code, _ = run(args, stdin="")
        if code not in (0, 1):
            assert snapshot(tmp_path / "office") == before, args


IMPORT_PIECES = [
    "苏州工会工作简报\n",
    "第1期\n",
    "2012年第1期（总第215期）\n",
    "苏州市总工会办公室编  2012年1月20日\n",
    "【工作动态】\n",
    "一、工作动态\n",
    "■ 简讯\n",
    "市政府与市总工会召开第八次联席会议\n",
    "　　1月18日，会议召开。\n",
    "（市总办公室、研究室）\n",
    "报：省总工会\n",
    "共印120份\n",
    "\n",
    "\x00",
    "\ufeff",
    "【" * 50 + "\n",
]


@fuzz_settings
@given(
    pieces=st.lists(st.sampled_from(IMPORT_PIECES), max_size=40),
    encoding=st.sampled_from(["utf-8", "gbk", "utf-16", "utf-8-sig"]),
)
def test_any_text_import(tmp_path: Path, pieces: list[str], encoding: str) -> None:
    office(tmp_path / "office", EXAMPLE, PROFILE)
    source = tmp_path / "old.txt"
    source.write_bytes("".join(pieces).encode(encoding, errors="replace"))
    target = tmp_path / "office" / "issues" / "imported.toml"
    code, _ = run(["import", str(source), "-o", str(target), "--date", "2012-01-20"])
    if code == 0:
        run(["check", str(target)])
    else:
        assert not target.exists()


@fuzz_settings
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_docx_import(tmp_path: Path, data: bytes) -> None:
    office(tmp_path / "office", EXAMPLE, PROFILE)
    source = tmp_path / "old.docx"
    source.write_bytes(b"PK\x03\x04" + data)
    target = tmp_path / "office" / "issues" / "imported.toml"
    code, _ = run(["import", str(source), "-o", str(target)])
    assert code in (0, 3)

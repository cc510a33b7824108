"""Fuzz every command: random issue files, profiles, options and import sources.

Whatever goes in, a command ends with an exit code of the contract (0–3, 130 for an
interrupt), never a traceback, never a hang, and a command that fails leaves every file of the
folder as it was. The examples are bounded so that the whole module runs in well under a minute;
the hang guard is an upper bound far above any normal run, not a speed test.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
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


# ---------------------------------------------------------------- the clerk's cycle: show … undo


@st.composite
def cycle_commands(draw: st.DrawFn) -> list[str]:
    """show, edit, remove, move (--to, --to-issue) or undo with odd numbers and values."""
    number = draw(st.sampled_from(["1", "2", "3", "0", "-1", "99", "x", "99999999999999999999"]))
    command = draw(st.sampled_from(["show", "edit", "remove", "move", "move-issue", "undo"]))
    if command == "show":
        return ["show", "ISSUE"]
    if command == "undo":
        return ["undo", "ISSUE"]
    if command == "remove":
        return ["remove", "ISSUE", number, "--yes"]
    if command == "move":
        to = draw(st.sampled_from(["1", "2", "5", "0", "-3", "99", "一"]))
        return ["move", "ISSUE", number, "--to", to]
    if command == "move-issue":
        return ["move", "ISSUE", number, "--to-issue", "OTHER"]
    args = ["edit", "ISSUE", number]
    for _ in range(draw(st.integers(1, 3))):
        option = draw(st.sampled_from(["--section", "--title", "--subtitle", "--source", "--body"]))
        args += [option, draw(st.sampled_from([*OPTION_VALUES, "市总办公室", "新的标题。"]))]
    return args


@fuzz_settings
@given(
    issue=st.one_of(st.just(EXAMPLE), mutated(EXAMPLE)),
    other=st.one_of(st.just(EXAMPLE), mutated(EXAMPLE), HOSTILE),
    steps=st.lists(cycle_commands(), min_size=1, max_size=4),
)
def test_any_cycle_of_show_edit_remove_move_undo(
    tmp_path: Path, issue: str, other: str, steps: list[list[str]]
) -> None:
    path = office(tmp_path / "office", issue, PROFILE)
    other_path = path.parent / "2012-02.toml"
    other_path.write_text(other, encoding="utf-8")
    names = {"ISSUE": str(path), "OTHER": str(other_path)}
    for step in steps:
        args = [names.get(arg, arg) for arg in step]
        before = snapshot(tmp_path / "office")
        code, _ = run(args, stdin="")
        if code not in (0, 1) or step[0] == "show":
            assert snapshot(tmp_path / "office") == before, args


# ------------------------------------------------------------- add --json: random JSON lines

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["工作动态", "市总办公室", "标题", "正文。", ""]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
ARTICLE_KEYS = ["section", "title", "subtitle", "sources", "body", "extra"]


@st.composite
def json_lines(draw: st.DrawFn) -> str:
    """Lines of JSON: articles with random fields, random values, and broken or huge lines."""
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["article", "value", "broken", "deep", "huge"]))
        if kind == "article":
            keys = draw(st.lists(st.sampled_from(ARTICLE_KEYS), unique=True))
            good: dict[str, object] = {"section": "工作动态", "title": "标题", "body": "正文。"}
            fields = {**good, "sources": ["市总办公室"]}
            fields.update({key: draw(JSON_VALUES) for key in keys})
            lines.append(json.dumps(fields, ensure_ascii=draw(st.booleans())))
        elif kind == "value":
            lines.append(json.dumps(draw(JSON_VALUES)))
        elif kind == "broken":
            lines.append(draw(st.sampled_from(['{"section": ', "{", "}", "[1,", "\x00", "NaN"])))
        elif kind == "deep":
            lines.append("[" * 3000 + "]" * 3000)
        else:
            lines.append('{"title": ' + "9" * 5000 + "}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@fuzz_settings
@given(stdin=json_lines())
def test_any_json_lines_to_add(tmp_path: Path, stdin: str) -> None:
    path = office(tmp_path / "office", EXAMPLE, PROFILE)
    before = snapshot(tmp_path / "office")
    code, _ = run(["add", str(path), "--json"], stdin=stdin)
    if code != 0:
        assert snapshot(tmp_path / "office") == before


# --------------------------------------------- add --from and collect: the units' own files


def _good_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("关于开展职工技能竞赛的情况")
    doc.add_paragraph("　　近日，市总办公室开展职工技能竞赛，取得良好效果。")
    doc.add_paragraph("（市总办公室）")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


GOOD_DOCX = _good_docx()
GOOD_TXT = "关于开展职工技能竞赛的情况\n\n　　近日，开展职工技能竞赛。\n供稿：市总办公室\n"


@st.composite
def unit_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A unit's file: a good or damaged .docx, a .txt in some encoding, or junk."""
    kind = draw(st.sampled_from(["docx", "cut-docx", "flipped-docx", "txt", "junk"]))
    if kind == "docx":
        return ".docx", GOOD_DOCX
    if kind == "cut-docx":
        return ".docx", GOOD_DOCX[: draw(st.integers(0, len(GOOD_DOCX) - 1))]
    if kind == "flipped-docx":
        data = bytearray(GOOD_DOCX)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return ".docx", bytes(data)
    if kind == "txt":
        pieces = draw(st.lists(st.sampled_from([GOOD_TXT, *IMPORT_PIECES]), max_size=8))
        encoding = draw(st.sampled_from(["utf-8", "gbk", "utf-16", "utf-8-sig"]))
        return ".txt", "".join(pieces).encode(encoding, errors="replace")
    suffix = draw(st.sampled_from([".docx", ".txt"]))
    return suffix, draw(st.binary(max_size=300))


@fuzz_settings
@given(unit_file=unit_files(), options=st.lists(st.sampled_from(["--section", "--title"])))
def test_any_unit_file_to_add_from(
    tmp_path: Path, unit_file: tuple[str, bytes], options: list[str]
) -> None:
    path = office(tmp_path / "office", EXAMPLE, PROFILE)
    suffix, data = unit_file
    source = tmp_path / f"稿件{suffix}"
    source.write_bytes(data)
    values = {"--section": "工作动态", "--title": "标题"}
    args = ["add", str(path), "--from", str(source)]
    for option in options:
        args += [option, values[option]]
    before = snapshot(tmp_path / "office")
    code, _ = run(args, stdin="")
    if code != 0:
        assert snapshot(tmp_path / "office") == before
    assert source.read_bytes() == data


@fuzz_settings
@given(files=st.lists(unit_files(), max_size=5), dry_run=st.booleans())
def test_any_inbox_to_collect(
    tmp_path: Path, files: list[tuple[str, bytes]], dry_run: bool
) -> None:
    path = office(tmp_path / "office", EXAMPLE, PROFILE)
    inbox = tmp_path / "office" / "收稿"
    inbox.mkdir()
    for number, (suffix, data) in enumerate(files):
        (inbox / f"稿件{number}{suffix}").write_bytes(data)
    issue_before, inbox_before = path.read_bytes(), snapshot(inbox)
    args = ["collect", str(inbox), str(path), "--section", "工作动态"]
    _, output = run([*args, "--dry-run"] if dry_run else args)
    inbox_after = snapshot(inbox)
    # no file is lost or changed: each stays where it was or moves, intact, into 已收
    assert sorted(inbox_before.items()) == sorted(
        (name.removeprefix("已收/"), data) for name, data in inbox_after.items()
    )
    if dry_run or "已添加" not in output:
        assert path.read_bytes() == issue_before
        assert inbox_after == inbox_before


# ------------------------------------------------------- stats: folders with hostile siblings


@fuzz_settings
@given(
    siblings=st.lists(st.one_of(mutated(EXAMPLE), HOSTILE), max_size=3),
    options=st.lists(
        st.sampled_from(
            [
                ["--year", "2012"],
                ["--year", "0"],
                ["--year", "99999999999999999999"],
                ["--quarter", "4"],
                ["--quarter", "5"],
                ["--from", "2012-01-01"],
                ["--to", "2011-01-01"],
                ["--format", "csv"],
                ["--format", "json"],
                ["--format", "xml"],
                ["-o", "OUT"],
            ]
        ),
        max_size=3,
    ),
)
def test_any_folder_to_stats(tmp_path: Path, siblings: list[str], options: list[list[str]]) -> None:
    path = office(tmp_path / "office", EXAMPLE, PROFILE)
    for number, text in enumerate(siblings, start=2):
        (path.parent / f"2012-{number:02d}.toml").write_text(text, encoding="utf-8")
    args = ["stats", str(path.parent)]
    for option in options:
        args += [str(tmp_path / "out" / "通报.docx") if part == "OUT" else part for part in option]
    before = snapshot(tmp_path / "office")
    run(args)
    assert snapshot(tmp_path / "office") == before


# --------------------------------------------------- real processes under a memory bound

MEMORY_BOUND = 1 << 30  # 1 GiB of address space for each process


def _bounded_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))


def _process_commands(path: Path, out: Path) -> list[list[str]]:
    return [
        *read_commands(path, out),
        *write_commands(path),
        ["show", str(path)],
        ["stats", str(path.parent), "--format", "json"],
        ["remove", str(path), "1", "--yes"],
        ["undo", str(path)],
    ]


def _bulletin_command() -> list[str]:
    """The installed ``bulletin`` script beside this interpreter, else the package as a module."""
    script = Path(sys.executable).with_name("bulletin")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bulletin_cli"]


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*_bulletin_command(), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_bounded_memory,
    )


@settings(fuzz_settings, max_examples=20)
@given(
    issue=st.one_of(mutated(EXAMPLE), HOSTILE),
    profile=st.one_of(st.just(PROFILE), mutated(PROFILE)),
    pick=st.integers(0, 1000),
)
def test_real_processes_under_a_memory_bound(
    tmp_path: Path, issue: str, profile: str, pick: int
) -> None:
    path = office(tmp_path / "office", issue, profile)
    commands = _process_commands(path, tmp_path / "out")
    args = commands[pick % len(commands)]
    before = snapshot(tmp_path / "office")
    process = _start(args, tmp_path / "office")
    _, err = process.communicate(timeout=HANG_GUARD_SECONDS)
    stderr = err.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, (args, stderr)
    assert process.returncode in CONTRACT_CODES, (args, process.returncode, stderr)
    if process.returncode not in (0, 1):
        assert snapshot(tmp_path / "office") == before, args


OUR_FRAME = re.compile(r'File "[^"]*bulletin_cli[/\\]')


@settings(fuzz_settings, max_examples=10)
@given(pick=st.integers(0, 1000), delay=st.floats(0.0, 0.6))
def test_ctrl_c_at_any_moment(tmp_path: Path, pick: int, delay: float) -> None:
    """SIGINT at a random moment: 130 (or the command's own code if it had finished), no
    traceback from bulletin's code, the issue file old or new, and no temporary file left.

    A signal that arrives before the interpreter has run a line of bulletin (while it starts,
    or while ``site`` loads a development install's path hooks) is Python's, not bulletin's:
    the process then dies of SIGINT (a shell reports 130) and any traceback holds none of
    bulletin's frames."""
    text = EXAMPLE.replace('"工作动态"', '"【工作动态】"', 1)  # something for check --fix
    path = office(tmp_path / "office", text, PROFILE)
    commands = _process_commands(path, tmp_path / "out")
    args = commands[pick % len(commands)]
    process = _start(args, tmp_path / "office")
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=HANG_GUARD_SECONDS)
    stderr = err.decode("utf-8", errors="replace")
    assert not OUR_FRAME.search(stderr), (args, stderr)
    if "Traceback" not in stderr:
        codes = CONTRACT_CODES | {-signal.SIGINT}
        assert process.returncode in codes, (args, process.returncode, stderr)
    after = path.read_text(encoding="utf-8")
    assert after == text or tomllib.loads(after)["articles"], args
    assert list(path.parent.glob(".*.tmp")) == [], args


# ------------------------------------------------ preview: LibreOffice is slow, two examples


@pytest.mark.skipif(shutil.which("soffice") is None, reason="preview needs LibreOffice")
@settings(fuzz_settings, max_examples=2)
@given(issue=st.one_of(st.just(EXAMPLE), mutated(EXAMPLE)), force=st.booleans())
def test_any_issue_file_to_preview(tmp_path: Path, issue: str, force: bool) -> None:
    path = office(tmp_path / "office", issue, PROFILE)
    args = ["preview", str(path), "-o", str(tmp_path / "pictures"), "--dpi", "50"]
    before = snapshot(tmp_path / "office")
    run([*args, "--force"] if force else args)
    assert snapshot(tmp_path / "office") == before

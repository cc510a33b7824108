"""check and check --fix never crash, whatever a clerk does to the file."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_cli.check.engine import check_file
from bulletin_cli.check.fixes import fix_file
from bulletin_cli.errors import FileProblem

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "issues" / "2012-01.toml").read_text(encoding="utf-8")
LINES = EXAMPLE.split("\n")

SYMBOLS = "[]{}\"'=,.:;()#\\ \n\t【】（），。、：工作动态研究室市总办公室abc0123"
WORDS = ["\u0007", "\u3000", "tilte", "sourse", "section", "sources", '"""']
pieces = st.lists(st.sampled_from([*SYMBOLS, *WORDS]), max_size=8).map("".join)


@st.composite
def broken_examples(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "splice"]))
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "insert":
            lines.insert(index, draw(pieces))
        else:
            line = lines[index]
            start = draw(st.integers(0, len(line)))
            end = draw(st.integers(start, min(len(line), start + 6)))
            lines[index] = line[:start] + draw(pieces) + line[end:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_examples())
def test_check_and_fix_never_crash(text: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bulletin-robust-"))
    try:
        shutil.copy(REPO / "bulletin.toml", folder / "bulletin.toml")
        issue = folder / "2012-01.toml"
        issue.write_text(text, encoding="utf-8")
        try:
            report = check_file(issue)
        except FileProblem:
            return
        line_count = text.count("\n") + 1
        for finding in report.findings:
            assert finding.line is None or 1 <= finding.line <= line_count, finding
            assert finding.article is None or finding.article >= 1, finding
        before = tomllib.loads(text)
        changes = fix_file(issue)
        after = tomllib.loads(issue.read_text(encoding="utf-8"))
        if not changes:
            assert issue.read_text(encoding="utf-8") == text
        assert set(after) == set(before)
        check_file(issue)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

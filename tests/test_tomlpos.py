"""tomlpos.scan against the plain character-by-character scanner that defines it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bulletin_cli.issuefile.positions import scan

REPO = Path(__file__).resolve().parent.parent


def _statement_lines(text: str) -> set[int]:
    """The lines that start outside strings and brackets, walking every character (the
    definition; scan skips what cannot change the state)."""
    multiline: str | None = None
    depth = 0
    starts: set[int] = set()
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if multiline is None and depth == 0:
            starts.add(number)
        i = 0
        while i < len(line):
            if multiline is not None:
                close = _close(line, i, multiline)
                if close < 0:
                    break
                multiline, i = None, close
            elif line[i] == "#":
                break
            elif line.startswith(('"""', "'''"), i):
                multiline, i = line[i : i + 3], i + 3
            elif line[i] in "\"'":
                i = _string_end(line, i)
            else:
                if line[i] in "[{":
                    depth += 1
                elif line[i] in "]}":
                    depth = max(0, depth - 1)
                i += 1
    return starts


def _close(line: str, start: int, delim: str) -> int:
    # one character at a time, as the first scanner did: independent of tomlpos's str.find
    i = start
    while i < len(line):
        if delim == '"""' and line[i] == "\\":
            i += 2
            continue
        if line.startswith(delim, i):
            end = i + 3
            while end < len(line) and line[end] == delim[0] and end - i < 5:
                end += 1
            return end
        i += 1
    return -1


def _string_end(line: str, start: int) -> int:
    quote = line[start]
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return len(line)


def _offsets(text: str) -> list[int]:
    offsets, offset = [], 0
    for line in text.splitlines(keepends=True):
        offsets.append(offset)
        offset += len(line)
    return offsets


PIECES = [
    *"\"'\\#[]{}=\n \tab.中\r\x0c",
    '"""',
    "'''",
    '\\"',
    "[[articles]]\n",
    "[issue]\n",
    "title = ",
    'body = """\n',
    "x.y = 1\n",
    "\r\n",
    "\u2028",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_scan_agrees_with_the_character_by_character_definition(text: str) -> None:
    positions = scan(text)
    assert positions.statement_lines == _statement_lines(text)
    assert positions.line_offsets == _offsets(text)


def test_scan_of_the_example() -> None:
    text = (REPO / "issues" / "2012-01.toml").read_text(encoding="utf-8")
    positions = scan(text)
    assert positions.statement_lines == _statement_lines(text)
    assert positions.line_offsets == _offsets(text)
    assert len(positions.article_headers) == 11
    assert positions.line_of("articles", 0, "title") == positions.article_headers[0] + 2

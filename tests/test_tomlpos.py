"""positions.scan against two oracles: tomllib itself (which line starts a statement, which key
each line defines) on valid documents, and a plain character-by-character scanner on any text."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.issuefile.positions import scan

REPO = Path(__file__).resolve().parent.parent


def _statement_lines(text: str) -> set[int]:
    """The lines that start outside strings and brackets, walking every character (the
    definition; scan skips what cannot change the state)."""
    multiline: str | None = None
    depth = 0
    starts: set[int] = set()
    for number, line in enumerate(_lines(text), start=1):
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
        if line[i] in "\r\n":
            break  # a one-line string cannot hold a line end: it stays open
        if quote == '"' and line[i] == "\\" and line[i + 1 : i + 2] not in ("\r", "\n", ""):
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return len(line)


def _lines(text: str) -> list[str]:
    """Lines as TOML counts them: only ``\\n`` ends a line."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    return [*lines, pieces[-1]] if pieces[-1] else lines


def _offsets(text: str) -> list[int]:
    offsets, offset = [], 0
    for line in _lines(text):
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


# --- tomllib as the oracle -------------------------------------------------------------------
# Valid documents are built from tricky pieces (strings holding quotes, backslashes, `"""`,
# headers and `key = ` lines; arrays over several lines with comments; inline tables; dotted and
# quoted keys). tomllib then decides, independently of the scanner, (1) which lines start a
# statement: a probe line `probe_ = 1` inserted before it parses as a key, and (2) which key or
# table each statement line defines: what the document up to the next statement adds to the
# document before it.

_CONTENT = st.lists(
    st.sampled_from(
        [
            *"ab中 \"'\\#[]{}=.\t,",
            "\n",
            '"""',
            "'''",
            '\\"',
            "\r\n",
            "\u2028",
            "\x7f",
            "\n[[articles]]\n",
            "\ntitle = 1\n",
            "\n[issue]\n",
            '""',
            "''",
            "# x\n",
        ]
    ),
    max_size=12,
).map("".join)


def _basic(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    return '"' + escaped.replace("\n", "\\n").replace("\u007f", "\\u007f") + '"'


def _multiline_basic(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n")
    return '"""' + escaped.replace("\r", "\\r").replace("\u007f", "\\u007f") + '"""'


@st.composite
def _string_value(draw: st.DrawFn) -> str:
    text = draw(_CONTENT)
    kind = draw(st.sampled_from(["basic", "literal", "ml_basic", "ml_literal", "quotes_at_end"]))
    one_line = not any(ch in text for ch in "\r\n'\u007f")
    if kind == "literal" and one_line:
        return "'" + text + "'"
    bare_ok = "\r" not in text.replace("\r\n", "")
    literal_ok = not (text.endswith("'") or "\u007f" in text)
    if kind == "ml_literal" and "'''" not in text and bare_ok and literal_ok:
        return "'''\n" + text + "'''"
    if kind == "ml_basic":
        return _multiline_basic(text)
    if kind == "quotes_at_end":  # `""""` and `"""""`: the extra quotes are content
        return _multiline_basic(text)[:-3] + draw(st.sampled_from(['"', '""'])) + '"""'
    return _basic(text)


@st.composite
def _value(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["string", "string", "integer", "array", "inline"]))
    if kind == "integer":
        return str(draw(st.integers(-99, 99)))
    if kind == "array":
        items = draw(st.lists(_string_value(), max_size=3))
        gaps = draw(st.lists(st.sampled_from([" ", "\n  ", "  # ]\n  ", "\r\n"]), min_size=4))
        inner = "".join(f"{gaps[i % 4]}{item}," for i, item in enumerate(items))
        return "[" + inner + gaps[-1] + "]"
    if kind == "inline":
        return "{ a = " + draw(_string_value()) + ', "b.c" = [1, 2] }'
    return draw(_string_value())


@st.composite
def _document(draw: st.DrawFn) -> str:
    counter = iter(range(10_000))
    names = {
        "bare": lambda n: f"k{n}",
        "quoted": lambda n: f'"k {n}"',
        "literal": lambda n: f"'k.{n}'",
        "dotted": lambda n: f"d{n}.x",
    }

    def keys(prefix: str = "") -> list[str]:
        out = []
        for _ in range(draw(st.integers(0, 3))):
            style = draw(st.sampled_from(sorted(names)))
            line = f"{prefix}{names[style](next(counter))} = {draw(_value())}"
            out.append(line + draw(st.sampled_from(["", "  # 注释 \"'", " "])))
            out.extend(draw(st.lists(st.sampled_from(["", "# [x]", "  "]), max_size=1)))
        return out

    lines = keys()
    tables = draw(st.lists(st.sampled_from(["table", "sub", "article", "extra"]), max_size=5))
    in_article = False
    for kind in tables:
        number = next(counter)
        if kind == "article":
            header, in_article = "[[articles]]", True
        elif kind == "extra" and in_article:
            header = f"[articles.e{number}]"
        elif kind == "sub":
            header, in_article = f'[ t{number} . "s {number}" ]', False
        else:
            header, in_article = f"[t{number}]", False
        lines.append(header + draw(st.sampled_from(["", "  # [[articles]]"])))
        lines.extend(keys(draw(st.sampled_from(["", "  "]))))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


def _paths(value: object, prefix: tuple[str | int, ...] = ()) -> set[tuple[str | int, ...]]:
    found: set[tuple[str | int, ...]] = set()
    items: list[tuple[str | int, object]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, item in items:
        found.add((*prefix, key))
        found |= _paths(item, (*prefix, key))
    return found


def _oracle_statement_lines(lines: list[str]) -> set[int]:
    starts = set()
    for number in range(1, len(lines) + 1):
        if number > 1 and not lines[number - 2].endswith("\n"):
            continue
        probed = "".join(lines[: number - 1]) + "probe_ = 1\n" + "".join(lines[number - 1 :])
        try:
            doc = tomllib.loads(probed)
        except tomllib.TOMLDecodeError:
            continue
        if any(path[-1] == "probe_" for path in _paths(doc)):
            starts.add(number)
    return starts


@settings(max_examples=150, deadline=None)
@given(_document())
def test_scan_agrees_with_tomllib_on_statement_and_key_lines(text: str) -> None:
    tomllib.loads(text)  # the generator writes valid TOML only
    lines = _lines(text)
    positions = scan(text)
    starts = _oracle_statement_lines(lines)
    assert positions.statement_lines == starts
    by_line: dict[int, list[tuple[str | int, ...]]] = {}
    for path, line in positions.lines.items():
        by_line.setdefault(line, []).append(path)
    ordered = sorted(starts)
    for at, number in enumerate(ordered):
        following = ordered[at + 1] if at + 1 < len(ordered) else len(lines) + 1
        before = _paths(tomllib.loads("".join(lines[: number - 1])))
        through = _paths(tomllib.loads("".join(lines[: following - 1])))
        new = through - before
        found = by_line.get(number, [])
        if not new:
            assert found == [], (number, found)
            continue
        assert len(found) == 1, (number, new, found)
        (path,) = found
        assert path in new
        assert all(p[: len(path)] == path or path[: len(p)] == p for p in new), (path, new)
    oracle_articles = [
        number
        for number in ordered
        if any(
            len(p) == 2 and p[0] == "articles" and isinstance(p[1], int)
            for p in by_line.get(number, [])
        )
    ]
    assert positions.article_headers == oracle_articles

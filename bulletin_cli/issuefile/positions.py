"""Where things are in a TOML file: the line of each table header and key.

``tomllib`` gives values but no positions. Findings must name the exact line of the offending
key, and ``add`` must insert a new article right after the last one without touching a byte of
the rest, so this module walks the text once, tracking strings, comments and brackets.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY_RE = re.compile(rf"\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_HEADER_RE = re.compile(rf"\s*(\[\[?)\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*\]\]?")
_SPLIT_RE = re.compile(rf"{_KEY_PART}")
_SPECIAL_RE = re.compile(r"[#\"'\[\]{}]")
"""The characters that change the scanner's state; the rest of a line is skipped at C speed."""
_BASIC_REST_RE = re.compile(r'(?:[^"\\\r\n]|\\[^\r\n])*"')
"""The rest of a basic string after its opening quote: up to the first unescaped quote."""
_LITERAL_REST_RE = re.compile(r"[^'\r\n]*'")
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")

Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class TomlPositions:
    """1-based lines of tables and keys, addressed like ``("articles", 0, "title")``."""

    lines: dict[Path_, int] = field(default_factory=dict)
    article_headers: list[int] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)
    header_paths: dict[int, Path_] = field(default_factory=dict)
    """The table each header line opens, e.g. ``("articles", 2)`` or ``("distribution",)``."""
    statement_lines: set[int] = field(default_factory=set)
    line_offsets: list[int] = field(default_factory=list)

    def line_of(self, *path: str | int) -> int | None:
        """The line of the key at ``path``, falling back to its nearest enclosing table."""
        probe: Path_ = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return None

    def insertion_offset(self, text: str) -> int:
        """Where a new article goes: after the last article's block (or the masthead's),
        before the next table and the comments that lead into it; else at the end."""
        anchor = self.article_headers[-1] if self.article_headers else self.lines.get(("issue",))
        if anchor is None:
            return len(text)
        later = [line for line in self.header_lines if line > anchor]
        if not later:
            return len(text)
        line = later[0]
        lines = split_lines(text)
        while line - 1 > anchor and (line - 1) in self.statement_lines:
            previous = lines[line - 2].strip()
            if previous and not previous.startswith("#"):
                break
            line -= 1
        while line < later[0] and not lines[line - 1].strip():
            line += 1
        return self.line_offsets[line - 1]


def _key_name(raw: str) -> list[str]:
    parts = []
    for part in _SPLIT_RE.findall(raw):
        if part[:1] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


class LineScanner:
    """Tracks whether the scan is inside a multi-line string or an open bracket."""

    def __init__(self) -> None:
        self.multiline: str | None = None
        self.depth = 0
        self.deepest = 0

    @property
    def at_statement_start(self) -> bool:
        return self.multiline is None and self.depth == 0

    def feed(self, line: str) -> None:
        i = 0
        n = len(line)
        while i < n:
            if self.multiline is not None:
                end = multiline_string_end(line, i, self.multiline)
                if end is None:
                    return
                self.multiline = None
                i = end
                continue
            special = _SPECIAL_RE.search(line, i)  # skip what cannot change the state
            if special is None:
                return
            i = special.start()
            ch = line[i]
            if ch == "#":
                return
            if line.startswith(('"""', "'''"), i):
                self.multiline = line[i : i + 3]
                i += 3
                continue
            if ch in "\"'":
                end = string_end(line, i)
                i = n if end is None else end
                continue
            if ch in "[{":
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)
            elif ch in "]}":
                self.depth = max(0, self.depth - 1)
            i += 1


def multiline_string_end(text: str, start: int, delim: str) -> int | None:
    """The offset just past the ``delim`` (\"\"\" or ''') that closes a multi-line string whose
    content starts at ``start``, or ``None`` when ``text`` ends first.

    The closing delimiter may carry one or two more quotes, which belong to the content; in a
    basic string a quote preceded by an odd number of backslashes is escaped. The one string-end
    scanner of the package: ``scan`` runs it on a line, ``spans`` on the whole text."""
    i = text.find(delim, start)
    while i >= 0:
        backslashes = 0
        if delim == '"""':
            while i - backslashes - 1 >= start and text[i - backslashes - 1] == "\\":
                backslashes += 1
        if backslashes % 2 == 0:
            end = i + 3
            while end < len(text) and text[end] == delim[0] and end - i < 5:
                end += 1
            return end
        i = text.find(delim, i + 1)
    return None


def string_end(text: str, start: int) -> int | None:
    """The offset just past the quote that closes the one-line string opening at ``start``, or
    ``None`` when the line (or the text) ends first."""
    if text[start] == "'":  # a literal string has no escapes
        end = _LITERAL_REST_RE.match(text, start + 1)
    else:
        end = _BASIC_REST_RE.match(text, start + 1)
    return None if end is None else end.end()


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends, split at ``\\n`` only, as TOML counts lines
    (``str.splitlines`` also splits at form feeds and U+2028, which a TOML string may hold)."""
    return _LINE_RE.findall(text)


def scan(text: str) -> TomlPositions:
    """Map every table header and key of ``text`` to its 1-based line."""
    lines = split_lines(text)
    offsets = itertools.accumulate(map(len, lines[:-1]), initial=0) if lines else ()
    positions = TomlPositions(line_offsets=list(offsets))
    scanner = LineScanner()
    table: Path_ = ()
    article_count = 0
    sub_tables: dict[Path_, int] = {}  # how many [[articles.x]] of each article were met
    for number, line in enumerate(lines, start=1):
        if scanner.multiline is not None and scanner.multiline not in line:
            continue  # a line inside a multi-line string (most of an article's body)
        if scanner.at_statement_start:
            positions.statement_lines.add(number)
            header = _HEADER_RE.match(line)
            key = None if header else _KEY_RE.match(line)
            if header:
                names = _key_name(header.group(2))
                positions.header_lines.append(number)
                if header.group(1) == "[[" and names == ["articles"]:
                    table = ("articles", article_count)
                    article_count += 1
                    positions.article_headers.append(number)
                elif names and names[0] == "articles" and article_count:
                    table = ("articles", article_count - 1, *names[1:])
                    if header.group(1) == "[[" and len(names) == 2:  # [[articles.adopted]]
                        positions.lines.setdefault(table, number)
                        seen = sub_tables.get(table, 0)
                        sub_tables[table] = seen + 1
                        table = (*table, seen)
                else:
                    table = tuple(names)
                positions.lines.setdefault(table, number)
                positions.header_paths[number] = table
            elif key:
                names = _key_name(key.group(1))
                positions.lines.setdefault((*table, *names), number)
        scanner.feed(line)
    return positions


def first_line_deeper_than(text: str, depth: int) -> int | None:
    """The first line where brackets are open more than ``depth`` deep, if any."""
    scanner = LineScanner()
    for number, line in enumerate(split_lines(text), start=1):
        scanner.feed(line)
        if scanner.deepest > depth:
            return number
    return None

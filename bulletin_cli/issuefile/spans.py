"""Where a key's value stands in TOML text, so ``check`` can point inside a body and
``check --fix`` can replace one value without touching a byte around it."""

from __future__ import annotations

import bisect
import re

from .positions import TomlPositions, multiline_string_end, string_end

KeyPath = tuple[str | int, ...]


def line_at(positions: TomlPositions, offset: int) -> int:
    """The 1-based line holding character ``offset``."""
    return max(1, bisect.bisect_right(positions.line_offsets, offset))


def value_span(text: str, positions: TomlPositions, path: KeyPath) -> tuple[int, int] | None:
    """(start, end) offsets of the raw value of the key at ``path``, or ``None`` when the key is
    not written on a line of its own table (inline tables, dotted keys, missing keys)."""
    line = positions.lines.get(path)
    key = path[-1] if path else None
    if line is None or not isinstance(key, str) or line > len(positions.line_offsets):
        return None
    start = positions.line_offsets[line - 1]
    pattern = re.compile(
        rf"[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')[ \t]*=[ \t]*"
    )
    match = pattern.match(text, start)
    if match is None:
        return None
    begin = match.end()
    end = _value_end(text, begin)
    return None if end is None else (begin, end)


def _value_end(text: str, i: int) -> int | None:
    if text.startswith('"""', i) or text.startswith("'''", i):
        return _multiline_end(text, i)
    if i >= len(text):
        return None
    char = text[i]
    if char in "\"'":
        return string_end(text, i)
    if char in "[{":
        return _bracket_end(text, i)
    end = i
    while end < len(text) and text[end] not in "\r\n#":
        end += 1
    while end > i and text[end - 1] in " \t":
        end -= 1
    return end


def _multiline_end(text: str, i: int) -> int | None:
    return multiline_string_end(text, i + 3, text[i : i + 3])


def _bracket_end(text: str, i: int) -> int | None:
    depth = 0
    j = i
    while j < len(text):
        if text.startswith('"""', j) or text.startswith("'''", j):
            end = _multiline_end(text, j)
            if end is None:
                return None
            j = end
            continue
        char = text[j]
        if char in "\"'":
            end = string_end(text, j)
            if end is None:
                return None
            j = end
            continue
        if char == "#":
            while j < len(text) and text[j] != "\n":
                j += 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


def string_value_line(
    text: str, positions: TomlPositions, path: KeyPath, value: str, offset: int
) -> int | None:
    """The file line of character ``offset`` of the string ``value`` held by the key at
    ``path``; the key's own line when the raw text does not map line for line (escapes)."""
    key_line = positions.line_of(*path)
    span = value_span(text, positions, path)
    if span is None:
        return key_line
    start, end = span
    raw = text[start:end]
    first = line_at(positions, start)
    if raw.startswith(('"""', "'''")):
        content = raw[3:-3]
        if content.startswith("\r\n"):
            content, first = content[2:], first + 1
        elif content.startswith("\n"):
            content, first = content[1:], first + 1
        if content.count("\n") != value.count("\n"):
            return key_line
        return first + value.count("\n", 0, max(0, offset))
    return first

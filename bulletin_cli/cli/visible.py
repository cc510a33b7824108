"""Text from others (titles, unit names, file names) made safe to show at a terminal.

A title can hold ESC sequences that retitle the window, clear the screen or hide the lines
before it; a file name can hold a newline that splits a Tab-separated report. Everything the
CLI prints goes through ``visible``: control characters become visible escapes (``\\x1b``,
``\\r``), and so do the invisible marks that reverse the direction of text.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


@functools.cache
def _pattern(extra: str) -> re.Pattern[str]:
    """The characters to escape (compiled on first use: ``add`` prints one line)."""
    return re.compile(f"[{_CONTROLS}{extra}]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control characters as visible escapes; line ends and tabs kept (for
    messages of several lines)."""
    return _pattern("").sub(_escape, text)


def cell(text: object) -> str:
    """One cell of a table or of a Tab-separated row: also tabs and line ends escaped, so a
    value never spills into the next cell or row."""
    return _pattern("\t\n").sub(_escape, str(text))


def table_cell(value: object) -> Text:
    """A cell of a rich table: ``cell`` as plain text, never read as rich markup (a title
    holding ``[/bold]`` would otherwise stop the table with an error, and ``[white]`` would
    hide it)."""
    from rich.text import Text

    return Text(cell(value))

"""The TOML mistakes a clerk makes in Notepad, explained in a clerk's words at their place.

tomllib reports where parsing failed, which is often not where the mistake is: an unclosed
quote is reported at the end of its line as an illegal newline, a missing closing triple quote
at a later article or the end of the file. ``explain`` looks at the text around the reported
place and names the likely mistake: an unclosed quote, Chinese quotes “” used as TOML quotes, a
quote inside a text ending it early, a full-width comma in a list, a colon instead of ``=``, a
body whose closing triple quote was deleted. ``None`` when nothing known fits.
"""

from __future__ import annotations

import re

from ..records import record
from .positions import LineScanner, multiline_string_end, split_lines, string_end

_HEADER_OR_KEY_RE = re.compile(
    r"^[ \t]*(?:\[\[?[ \t]*(?:articles|issue|distribution|bulletin|layout)[ \t]*\]\]?"
    r"|(?:section|title|subtitle|sources|body|number|date)[ \t]*=)"
)
_CHINESE_QUOTES = "“”‘’「」"
_LIST_PUNCTUATION = {"，": "中文逗号“，”", "、": "顿号“、”", "；": "中文分号“；”"}
_COLONS = {"：": "中文冒号“：”", ":": "冒号“:”", "＝": "全角等号“＝”"}


@record(frozen=True, slots=True)
class Explanation:
    """What went wrong, where (1-based line and column), and how to fix it."""

    message: str
    line: int
    column: int | None
    hint: str


def explain(text: str, what: str, line: int | None, column: int | None) -> Explanation | None:
    """The clerk's explanation of a tomllib error ``what`` reported at ``line``/``column``
    (``None`` for "at end of document"), or ``None`` when no known mistake fits."""
    lines = split_lines(text)
    unclosed_body = _swallowing_multiline(lines, line)
    if unclosed_body is not None:
        return unclosed_body
    if line is None or column is None or not 1 <= line <= len(lines):
        return _unclosed_at_end(lines)
    source = lines[line - 1]
    char = source[column - 1] if 0 < column <= len(source) else ""
    for explain_one in (_unclosed_quote, _quote_inside, _chinese_quotes, _punctuation):
        found = explain_one(what, source, line, column, char)
        if found is not None:
            return found
    return None


def _unclosed_quote(
    what: str, source: str, line: int, column: int, char: str
) -> Explanation | None:
    if not (what.startswith("Illegal character") and char in ("\n", "\r", "")):
        return None
    opening = _unclosed_string_start(source)
    if opening is None:
        return None
    return Explanation(
        '这一行的文字缺少结束的英文引号 "（引号从这里开始，到行尾还没有结束）',
        line,
        opening + 1,
        '在文字末尾补上英文引号 "；正文有好几段时，用三个英文引号 """ 把整段正文括起来',
    )


def _unclosed_string_start(source: str) -> int | None:
    """The index of the quote whose one-line string runs off the end of ``source``."""
    i = 0
    while i < len(source):
        char = source[i]
        if char == "#":
            return None
        if source.startswith(('"""', "'''"), i):
            end = multiline_string_end(source, i + 3, source[i : i + 3])
            if end is None:
                return None
            i = end
            continue
        if char in "\"'":
            end = string_end(source, i)
            if end is None:
                return i
            i = end
            continue
        i += 1
    return None


def _quote_inside(what: str, source: str, line: int, column: int, char: str) -> Explanation | None:
    """``title = "他说"好""``: the text's own quote ends it, the rest is left over."""
    if not what.startswith("Expected newline or end of document after a statement"):
        return None
    before = source[: column - 1].rstrip()
    if not before.endswith('"') or char in "#\r\n":
        return None
    return Explanation(
        '文字中间出现了英文引号 "，文字在这里被提前结束了',
        line,
        column - 1,
        "文字里要用的引号请改成中文引号“”",
    )


def _chinese_quotes(
    what: str, source: str, line: int, column: int, char: str
) -> Explanation | None:
    if not what.startswith("Invalid value") or char not in _CHINESE_QUOTES:
        return None
    return Explanation(
        f"值两边用了中文引号 {char}，文件格式要求英文双引号",
        line,
        column,
        '把这个值两边的中文引号改成英文双引号 "（文字中间的中文引号不用改）',
    )


def _punctuation(what: str, source: str, line: int, column: int, char: str) -> Explanation | None:
    if char in _LIST_PUNCTUATION and what.startswith(("Unclosed array", "Unclosed inline table")):
        return Explanation(
            f"列表里用了{_LIST_PUNCTUATION[char]}分隔，文件格式要求英文逗号",
            line,
            column,
            "把列表中各项之间的分隔符改成英文逗号 ,",
        )
    if char in _COLONS and what.startswith("Expected '=' after a key"):
        return Explanation(
            f"键和值之间用了{_COLONS[char]}，文件格式要求英文等号",
            line,
            column,
            "改成英文等号 =，写成“键 = 值”的样子",
        )
    return None


def _swallowing_multiline(lines: list[str], error_line: int | None) -> Explanation | None:
    """A multi-line string holding lines that look like the next article (a header, ``title =``)
    and closing right before the error: its own closing triple quote was most likely deleted,
    so it ran on to the next article's opening one."""
    scanner = LineScanner()
    start = 0
    looks_like_toml = False
    for number, source in enumerate(lines, start=1):
        if error_line is not None and number > error_line:
            return None
        inside_before = scanner.multiline is not None
        if inside_before and _HEADER_OR_KEY_RE.match(source):
            looks_like_toml = True
        scanner.feed(source)
        inside_after = scanner.multiline is not None
        if not inside_before and inside_after:
            start, looks_like_toml = number, False
        elif inside_before and not inside_after:
            if looks_like_toml and _error_follows(lines, number, error_line):
                return _missing_close(start)
            looks_like_toml = False
    return None


def _error_follows(lines: list[str], closing: int, error_line: int | None) -> bool:
    """Whether the parse error comes right after line ``closing`` (blank lines between)."""
    if error_line is None:
        return True
    return closing <= error_line and all(
        not line.strip() for line in lines[closing : error_line - 1]
    )


def _unclosed_at_end(lines: list[str]) -> Explanation | None:
    """The text ended inside a string: the last string opened and never closed."""
    scanner = LineScanner()
    start = None
    for number, source in enumerate(lines, start=1):
        was_inside = scanner.multiline is not None
        scanner.feed(source)
        if scanner.multiline is not None and not was_inside:
            start = number
    if scanner.multiline is not None and start is not None:
        return _missing_close(start)
    if lines:
        opening = _unclosed_string_start(lines[-1])
        if opening is not None:
            return _unclosed_quote("Illegal character", lines[-1], len(lines), 1, "")
    return None


def _missing_close(start: int) -> Explanation:
    return Explanation(
        f'从第 {start} 行开始的正文缺少结束的三个英文引号 """，后面的内容都被当成了正文',
        start,
        None,
        '在这段正文的最后一段之后另起一行，写上三个英文引号 """',
    )

"""Rewrite the raw TOML text of one value so that only what changed changes.

``check --fix`` corrects a value (a section name, a title, a body, a list of sources) inside a
file the clerk wrote by hand. The corrected text keeps the clerk's quoting, escapes, line ends
and, in a list written over several lines, the lines and comments of the elements that did
not change. Whatever this module produces is parsed again and compared with the intended
value; when it does not match (or the raw text is of a form it does not handle), the whole
value is written afresh by the TOML writer instead.
"""

from __future__ import annotations

import bisect
import difflib
import re
import tomllib

from ..issuefile.tomlwrite import toml_value
from ..records import record

_BASIC_ESCAPE_RE = re.compile(
    r'\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[btnfr"\\]|[ \t]*\r?\n[ \t\r\n]*)|\r\n'
)
_LITERAL_SPECIAL_RE = re.compile(r"\r\n")
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_ML_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_STRING_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{0,2})(?!")'
    r"|'''(?:[^']|'(?!''))*'''(?:'{0,2})(?!')"
    r'|"(?:[^"\\\r\n]|\\.)*"'
    r"|'[^'\r\n]*'",
    re.DOTALL,
)
_GAP_RE = re.compile(r"(?:[ \t\r\n,]|#[^\n]*)*")
MAX_DIFF_CELLS = 4_000_000
"""Above this many (old × new elements), a list is rewritten whole rather than diffed."""


def parses_to(raw: str, value: object) -> bool:
    """Whether ``raw`` is the TOML text of ``value``."""
    try:
        parsed: object = tomllib.loads("v = " + raw)["v"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return parsed == value


def rewrite_value(raw: str, old: object, new: str | list[str], newline: str) -> str:
    """The raw text to put in place of ``raw`` (the text of ``old``) so it reads ``new``."""
    edited: str | None = None
    if isinstance(new, str) and isinstance(old, str):
        edited = rewrite_string(raw, old, new, newline)
    elif isinstance(new, list) and isinstance(old, list):
        edited = rewrite_array(raw, old, new, newline)
    if edited is not None and parses_to(edited, new):
        return edited
    return toml_value(new).replace("\n", newline)


@record(frozen=True, slots=True)
class _Piece:
    """A stretch of a string's raw text and the value characters it stands for."""

    raw_start: int
    raw_end: int
    value_start: int
    value: str


def _pieces(raw: str, start: int, end: int, basic: bool) -> list[_Piece]:
    """The raw text ``raw[start:end]`` of a string's content cut into plain runs (value = raw)
    and single escapes or CRLF line ends, each with the value it stands for."""
    special = _BASIC_ESCAPE_RE if basic else _LITERAL_SPECIAL_RE
    pieces: list[_Piece] = []
    at, value_at = start, 0
    for match in special.finditer(raw, start, end):
        if match.start() > at:
            pieces.append(_Piece(at, match.start(), value_at, raw[at : match.start()]))
            value_at += match.start() - at
        text = match.group()
        decoded = "\n" if text == "\r\n" else tomllib.loads(f'v = """{text}"""')["v"]
        pieces.append(_Piece(match.start(), match.end(), value_at, decoded))
        value_at += len(decoded)
        at = match.end()
    if end > at:
        pieces.append(_Piece(at, end, value_at, raw[at:end]))
    return pieces


def _first_difference(a: str, b: str, at: int, limit: int) -> int:
    """The first position from ``at`` (below ``limit``) where ``a`` and ``b`` differ, else
    ``limit``: equal stretches are found by comparing slices of doubling, then halving, length
    (C speed), so each difference costs about the distance to it."""
    step = 16
    while at + step <= limit and a[at : at + step] == b[at : at + step]:
        at += step
        step *= 2
    while step > 1:
        step //= 2
        if at + step <= limit and a[at : at + step] == b[at : at + step]:
            at += step
    while at < limit and a[at] == b[at]:
        at += 1
    return at


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    return _first_difference(a, b, 0, min(len(a), len(b)))


def _differing_runs(a: str, b: str) -> list[tuple[int, int]]:
    """(start, end) of each run of positions where ``a`` and ``b`` (of one length) differ."""
    runs: list[tuple[int, int]] = []
    at = _first_difference(a, b, 0, len(a))
    while at < len(a):
        end = at + 1
        while end < len(a) and a[end] != b[end]:
            end += 1
        runs.append((at, end))
        at = _first_difference(a, b, end, len(a))
    return runs


def _changed_regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old`` that turn it into ``new``: the common start and end
    kept, and when the rest keeps its length, only the characters that differ."""
    prefix = _common_prefix(old, new)
    limit = min(len(old), len(new)) - prefix
    suffix = min(_common_prefix(old[::-1], new[::-1]), limit)
    old_mid = old[prefix : len(old) - suffix]
    new_mid = new[prefix : len(new) - suffix]
    if len(old_mid) != len(new_mid):
        return [(prefix, prefix + len(old_mid), new_mid)]
    return [
        (prefix + start, prefix + end, new_mid[start:end])
        for start, end in _differing_runs(old_mid, new_mid)
    ]


def _encode(text: str, kind: str, newline: str) -> str | None:
    """``text`` written inside a string of ``kind`` (its delimiter), or ``None`` if it cannot."""
    if kind in ("'", "'''"):
        bad = _CONTROL_RE if kind == "'" else _ML_CONTROL_RE
        if "'" in text or bad.search(text):
            return None
        return text.replace("\n", newline) if kind == "'''" else text
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    bad = _CONTROL_RE if kind == '"' else _ML_CONTROL_RE
    text = bad.sub(lambda match: f"\\u{ord(match.group()):04X}", text)
    return text.replace("\n", newline) if kind == '"""' else text


def rewrite_string(raw: str, old: str, new: str, newline: str) -> str | None:
    """``raw`` (a TOML string) with only the characters that differ between ``old`` and ``new``
    rewritten, in the string's own quoting; ``None`` when that cannot be done."""
    kind = raw[:3] if raw.startswith(('"""', "'''")) else raw[:1]
    if kind not in ('"', "'", '"""', "'''") or len(raw) < 2 * len(kind):
        return None
    start, end = len(kind), len(raw) - len(kind)
    if len(kind) == 3:
        if raw.startswith("\r\n", start):
            start += 2
        elif raw.startswith("\n", start):
            start += 1
    pieces = _pieces(raw, start, end, basic=kind.startswith('"'))
    if "".join(piece.value for piece in pieces) != old:
        return None  # e.g. quotes at the end of a multi-line string
    starts = [piece.value_start for piece in pieces]
    edits: list[tuple[int, int, str]] = []
    for value_start, value_end, replacement in _changed_regions(old, new):
        encoded = _encode(replacement, kind, newline)
        if encoded is None:
            return None
        raw_start = _raw_at(pieces, starts, value_start, end)
        edits.append((raw_start, _raw_end(pieces, starts, value_end, start), encoded))
    return _spliced(raw, edits)


def _spliced(raw: str, edits: list[tuple[int, int, str]]) -> str | None:
    """``raw`` with each (start, end, text) edit made, in one pass (a body with thousands of
    edits is copied once, not once per edit); ``None`` when edits overlap."""
    parts: list[str] = []
    at = 0
    for start, end, text in sorted(edits):
        if start < at or end < start:
            return None
        parts += (raw[at:start], text)
        at = end
    parts.append(raw[at:])
    return "".join(parts)


def _raw_at(pieces: list[_Piece], starts: list[int], value_offset: int, end: int) -> int:
    """The raw offset where the value character at ``value_offset`` begins."""
    index = bisect.bisect_right(starts, value_offset) - 1
    while 0 <= index < len(pieces) and not pieces[index].value:
        index += 1  # an escaped line end stands for nothing: start after it
    if index < 0 or index >= len(pieces):
        return end
    piece = pieces[index]
    if len(piece.value) == piece.raw_end - piece.raw_start and piece.value_start <= value_offset:
        return piece.raw_start + (value_offset - piece.value_start)
    return piece.raw_start


def _raw_end(pieces: list[_Piece], starts: list[int], value_end: int, start: int) -> int:
    """The raw offset just after the value character before ``value_end``."""
    if value_end == 0:
        return start
    index = bisect.bisect_right(starts, value_end - 1) - 1
    piece = pieces[index]
    if len(piece.value) == piece.raw_end - piece.raw_start:
        return piece.raw_start + (value_end - piece.value_start)
    return piece.raw_end


def _elements(raw: str) -> list[tuple[int, int]] | None:
    """(start, end) of each element of an array of strings written as ``raw``; ``None`` when
    an element is not a string."""
    if not (raw.startswith("[") and raw.endswith("]")):
        return None
    spans: list[tuple[int, int]] = []
    at = _GAP_RE.match(raw, 1)
    position = at.end() if at else 1
    while position < len(raw) - 1:
        token = _STRING_RE.match(raw, position)
        if token is None:
            return None
        spans.append((token.start(), token.end()))
        gap = _GAP_RE.match(raw, token.end())
        position = gap.end() if gap else token.end()
    return spans


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened to whole lines when nothing but spaces would remain on them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        return start, end
    if text[line_start:start].strip(" \t") or text[end:line_end].strip(" \t\r"):
        return start, end
    return line_start, line_end + 1


def _after_comma(raw: str, end: int) -> int | None:
    """Where the next element may start when a comma follows ``end`` on its line."""
    after = end
    while after < len(raw) and raw[after] in " \t":
        after += 1
    if after < len(raw) and raw[after] == ",":
        after += 1
        while after < len(raw) and raw[after] in " \t":
            after += 1
        return after
    return None


def _deletions(
    raw: str, spans: list[tuple[int, int]], first: int, last: int
) -> list[tuple[int, int]]:
    """The spans to remove so that elements ``first`` to ``last`` go with their commas; the
    comments between them stay."""
    start, end = spans[first][0], spans[last][1]
    if _after_comma(raw, end) is None and first > 0 and "#" not in raw[spans[first - 1][1] : end]:
        return [(spans[first - 1][1], end)]  # the list's end: the comma before goes too
    removed = []
    for index in range(first, last + 1):
        start, end = spans[index]
        after = _after_comma(raw, end)
        if after is not None:
            removed.append(_line_bounds(raw, start, after))
        else:
            removed.append(_line_bounds(raw, start, end))
    return removed


def _align(old: list[str], new: list[str]) -> list[list[str]]:
    """What each old element became, for a stretch of a list that changed: the new elements
    written inside it (``研究室、市总生活部`` → ``研究室``, ``市总生活部``; a repeat → none);
    one for one when that does not account for every new element."""
    groups: list[list[str]] = []
    taken = 0
    for item in old:
        group: list[str] = []
        while taken < len(new) and new[taken] and new[taken] in item:
            group.append(new[taken])
            taken += 1
        groups.append(group)
    if taken == len(new):
        return groups
    if len(old) == len(new):
        return [[item] for item in new]
    return [list(new)] + [[] for _ in old[1:]]


def _plan(old: list[str], new: list[str]) -> tuple[list[list[str] | None], dict[int, list[str]]]:
    """For each old element: ``None`` (kept), ``[]`` (removed) or what replaces it; and the
    elements inserted before an old index."""
    plan: list[list[str] | None] = [None] * len(old)
    inserted: dict[int, list[str]] = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            inserted[i1] = new[j1:j2]
        elif tag != "equal":
            plan[i1:i2] = _align(old[i1:i2], new[j1:j2])
    return plan, inserted


def rewrite_array(raw: str, old: list[str], new: list[str], newline: str) -> str | None:
    """``raw`` (an array of strings) with only the changed elements rewritten: kept elements,
    the line breaks and the comments between them stay as they are."""
    spans = _elements(raw)
    if spans is None or len(spans) != len(old) or len(old) * max(1, len(new)) > MAX_DIFF_CELLS:
        return None
    plan, inserted = _plan(old, new)
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(old):
        became = plan[index]
        start, end = spans[index]
        if became == []:
            last = index
            while last + 1 < len(old) and plan[last + 1] == []:
                last += 1
            edits.extend((*span, "") for span in _deletions(raw, spans, index, last))
            index = last + 1
            continue
        if became is not None:
            kept = None
            if len(became) == 1:
                kept = rewrite_string(raw[start:end], old[index], became[0], newline)
            written = ", ".join(toml_value(item) for item in became)
            edits.append((start, end, kept if kept is not None else written))
        index += 1
    for before, items in inserted.items():
        written = ", ".join(toml_value(item) for item in items)
        if before < len(spans):
            edits.append((spans[before][0], spans[before][0], written + ", "))
        elif spans:
            edits.append((spans[-1][1], spans[-1][1], ", " + written))
        else:
            edits.append((1, len(raw) - 1, written))
    for start, end, text in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw

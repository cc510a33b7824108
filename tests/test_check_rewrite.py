"""``check --fix`` rewrites one value's raw text: the result always reads as the new value,
and what did not change keeps its bytes (quoting, escapes, lines and comments)."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from bulletin_cli.check.rewrite import parses_to, rewrite_array, rewrite_value

ALPHABET = st.sampled_from(
    [*"会议工作,.:;()，。（）\"'\\ \t\n#[]=", "\u0007", "\u3000", "'''", '"""']
)
texts = st.lists(ALPHABET, max_size=12).map("".join)


def _raw_forms(value: str) -> list[str]:
    """Ways a clerk may have written ``value``: every form that reads back as it."""
    basic = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    basic = basic.replace("\n", "\\n").replace("\t", "\\t").replace("\u0007", "\\u0007")
    forms = [
        basic,
        '"""\n'
        + value.replace("\\", "\\\\").replace('"', '\\"').replace("\u0007", "\\u0007")
        + '"""',
        "'" + value + "'",
        "'''\n" + value + "'''",
        '"""\r\n'
        + value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\u0007", "\\u0007")
        .replace("\n", "\r\n")
        + '"""',
    ]
    return [form for form in forms if parses_to(form, value)]


@given(texts, texts, st.integers(0, 12), st.integers(0, 12))
def test_a_rewritten_string_reads_as_the_new_value(
    old: str, piece: str, start: int, length: int
) -> None:
    new = old[:start] + piece + old[start + length :]
    for raw in _raw_forms(old):
        newline = "\r\n" if "\r\n" in raw else "\n"
        assert parses_to(rewrite_value(raw, old, new, newline), new), raw


@given(texts.filter(lambda text: not any(mark in text for mark in "\"\\\n\t\u0007'")))
def test_punctuation_made_full_width_changes_only_those_characters(value: str) -> None:
    new = value.translate(str.maketrans(",.:;()", "，。：；（）"))
    for raw in ('"' + value + '"', "'" + value + "'", '"""\n' + value + '"""'):
        expected = raw.translate(str.maketrans(",.:;()", "，。：；（）"))
        assert rewrite_value(raw, value, new, "\n") == expected


units = st.lists(
    st.sampled_from(["研究室", "市总办公室", "市总生活部", "研究室、市总生活部"]), max_size=6
)


@given(units)
def test_a_rewritten_list_keeps_its_comments(old: list[str]) -> None:
    lines = ["["] + [f'  "{item}",  # 第{number}项' for number, item in enumerate(old)] + ["]"]
    raw = "\n".join(lines)
    new: list[str] = []
    for item in old:
        for unit in item.split("、"):
            if unit not in new:
                new.append(unit)
    written = rewrite_array(raw, old, new, "\n")
    assert written is not None and parses_to(written, new), written
    for number in range(len(old)):
        assert f"# 第{number}项" in written
    assert tomllib.loads("v = " + rewrite_value(raw, old, new, "\n"))["v"] == new


@given(st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from("ab")), max_size=300))
def test_differing_runs_agree_with_a_character_walk(pairs: list[tuple[str, str]]) -> None:
    from bulletin_cli.check.rewrite import _differing_runs

    a, b = "".join(x for x, _y in pairs), "".join(y for _x, y in pairs)
    expected: list[tuple[int, int]] = []
    for at, (x, y) in enumerate(pairs):
        if x != y:
            if expected and expected[-1][1] == at:
                expected[-1] = (expected[-1][0], at + 1)
            else:
                expected.append((at, at + 1))
    assert _differing_runs(a, b) == expected

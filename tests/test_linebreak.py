"""The line breaker of check's page model (check/linebreak.py), without LibreOffice: widths from
the faces' metrics, the condensing, 避头尾 and no hanging punctuation, Latin words and numbers
whole, tabs. The cases are the ones measured with word-layout (docs/layout.md §6)."""

from __future__ import annotations

import random

import pytest

from bulletin_cli.check.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    Frame,
    Measure,
    break_lines,
    break_runs,
    may_break,
)
from bulletin_cli.check.metrics import ADVANCE, UNITS_PER_EM, face_kind

WIDTH = 8845 / 20  # the type area, points
BODY = Measure(16, -0.25)  # 三号, condensed by a quarter point
INDENTED = Frame(WIDTH, 32)  # first line 2 字 in
HAN = "职工服务中心建设提高劳模医疗补贴做好市级劳模评选表彰工作和改善办公条件等四项建议"


def _han(count: int, start: int = 0) -> str:
    return (HAN * 4)[start : start + count]


def test_times_new_roman_widths_come_from_the_table() -> None:
    assert UNITS_PER_EM == 2048
    assert ADVANCE[ord("0")] == 1024  # every digit half an em
    assert {ADVANCE[ord(digit)] for digit in "0123456789"} == {1024}
    assert BODY.advance("1") == pytest.approx(8 - 0.25)
    assert BODY.advance("m") == pytest.approx(16 * 1593 / 2048 - 0.25)
    assert BODY.advance("职") == pytest.approx(15.75)
    assert BODY.advance("“") == pytest.approx(15.75)  # in the Chinese face: full width


def test_the_condensing_brings_the_28th_character_onto_the_line() -> None:
    assert break_lines(_han(28), BODY, Frame(WIDTH)) == [_han(28)]
    assert break_lines(_han(28), Measure(16), Frame(WIDTH)) == [_han(27), _han(1, 27)]
    assert [len(line) for line in break_lines(_han(80), BODY, INDENTED)] == [26, 28, 26]


def test_digits_and_latin_letters_take_their_own_widths() -> None:
    # 26 字 after the indent; 52 digits (half an em less the condensing each) fit there too
    assert break_lines("1" * 52, BODY, INDENTED) == ["1" * 52]  # 52 × 7.75 pt ≤ 410.25 pt
    # a number longer than the line is the one thing broken where the line is full
    assert break_lines("1" * 53, BODY, INDENTED) == ["1" * 52, "1"]
    text = _han(20) + "2012年" + _han(10)
    lines = break_lines(text, BODY, INDENTED)
    assert lines[0] == _han(20) + "2012年" + _han(3)  # 20 + 2 + 1 + 3 = 26 字


@pytest.mark.parametrize("mark", ["。", "，", "、", "”", "）", "》", "！", "？", "…"])
def test_a_closing_mark_past_a_full_line_takes_the_character_before_it_down(mark: str) -> None:
    """No hanging punctuation: the line gives up its last character instead."""
    text = _han(28) + mark + _han(5)
    lines = break_lines(text, BODY, Frame(WIDTH))
    assert lines == [_han(27), _han(1, 27) + mark + _han(5)]
    assert mark in NO_LINE_START


def test_two_closing_marks_move_together() -> None:
    text = _han(27) + "。”" + _han(5)
    assert break_lines(text, BODY, Frame(WIDTH)) == [_han(26), _han(1, 26) + "。”" + _han(5)]


@pytest.mark.parametrize("mark", ["“", "（", "《", "‘", "【"])
def test_an_opening_mark_never_ends_a_line(mark: str) -> None:
    text = _han(27) + mark + _han(5)
    assert break_lines(text, BODY, Frame(WIDTH)) == [_han(27), mark + _han(5)]
    assert mark in NO_LINE_END


def test_latin_words_stay_whole_but_break_after_a_hyphen_before_a_letter() -> None:
    assert not may_break("Excel", 2)
    assert may_break("E-mail", 2)
    assert not may_break("COVID-19", 6)  # a hyphen before a digit joins
    text = _han(26) + "Excel" + _han(5)
    assert break_lines(text, BODY, Frame(WIDTH))[1].startswith("Excel")


def test_a_dash_stays_with_the_number_before_it() -> None:
    """Measured: Word never ends a line between 800 and —, but may after the dash."""
    assert not may_break("800—900", 3)
    assert may_break("800—900", 4)
    assert may_break("问题——看", 2) and may_break("问题——看", 3)  # Word splits ——


def test_spaces_take_no_room_at_a_lines_end() -> None:
    text = _han(28) + " " + _han(3)
    assert break_lines(text, BODY, Frame(WIDTH)) == [_han(28), _han(3)]
    text = _han(28) + "\u3000" + _han(3)  # the ideographic space after a brief's lead words
    assert break_lines(text, BODY, Frame(WIDTH)) == [_han(28), _han(3)]


def test_a_line_break_starts_a_line_without_the_indent() -> None:
    assert break_lines(_han(3) + "\n" + _han(28), BODY, INDENTED) == [_han(3), _han(28)]


def test_the_right_tab_text_sits_on_the_last_line_when_it_fits() -> None:
    frame = Frame(WIDTH, 32, WIDTH - 16)
    attribution = "（市总办公室）"
    assert break_lines(_han(10) + "\t" + attribution, BODY, frame) == [
        _han(10) + "\t" + attribution
    ]
    assert break_lines(_han(10) + "\n\t" + attribution, BODY, frame) == [
        _han(10),
        "\t" + attribution,
    ]


def test_an_attribution_that_does_not_fit_runs_on_from_the_next_default_tab() -> None:
    """Measured: Word moves the tab to the next 21 pt stop and wraps the text after it."""
    frame = Frame(WIDTH, 32, WIDTH - 16)
    fits = _han(26) + _han(19, 26) + "\t（吴江市总工会）"  # 299.25 + 126 pt ≤ the stop
    assert break_lines(fits, BODY, frame) == [_han(26), _han(19, 26) + "\t（吴江市总工会）"]
    text = _han(26) + _han(20, 26) + "\t（吴江市总工会）"
    # 20 字 = 315 pt, the next default stop 336 pt, then 6 字 of 15.75 pt fit (430.5)
    lines = break_lines(text, BODY, frame)
    assert lines == [_han(26), _han(20, 26) + "\t（吴江市总工", "会）"]


def test_a_narrow_face_sets_its_quotation_marks_narrow() -> None:
    hei = Measure(16, -0.25, face_kind("黑体"))
    assert hei.advance("“") == pytest.approx(16 * 340 / 1024 - 0.25)
    assert face_kind("仿宋_GB2312") == "song" and face_kind("楷体_GB2312") == "kai"
    lead = "“安康杯”竞赛"
    lines = break_runs([(lead, hei), (_han(40), BODY)], INDENTED)
    assert len(lines[0]) == 26 + 1  # the two marks take 2/3 em less each: one more character


def test_random_paragraphs_keep_every_rule() -> None:
    """Every line within the width, 避头尾 kept, nothing lost, on 300 seeded paragraphs."""
    chooser = random.Random(17)
    pieces = [*HAN, "。", "，", "“", "”", "（", "）", "2012", "35.8%", "APP", "E-mail", "——"]
    for _ in range(300):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 120)))
        lines = break_lines(text, BODY, INDENTED)
        assert "".join(lines) == text
        for number, line in enumerate(lines):
            room = WIDTH - (32 if number == 0 else 0)
            words = len(line) == 1 or all(ord(char) in ADVANCE for char in line)
            assert BODY.width(line) <= room + 0.01 or words, line
            if number:
                assert line[0] not in NO_LINE_START or len(lines[number - 1]) <= 1, lines
            if number < len(lines) - 1:
                assert line[-1] not in NO_LINE_END, lines

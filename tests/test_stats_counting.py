"""Counting against an independent tally (hypothesis), and the period's names in titles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli.errors import InputProblem
from bulletin_cli.profile import Profile
from bulletin_cli.stats import count_records, make_period, notice_title, report_csv, report_dict
from bulletin_cli.stats.reading import ArticleRecord, IssueRecord

UNITS = ["市总办公室", "研究室", "宣传部", "组织部", "女职工部"]
SECTIONS = ["工作动态", "基层交流", "一句话信息"]
PROFILE = Profile(name="测试简报", editor="办公室", sections=SECTIONS, units=UNITS)

articles = st.builds(
    ArticleRecord,
    st.sampled_from(SECTIONS),
    st.lists(st.sampled_from(UNITS), max_size=3, unique=True).map(tuple),
)
issues = st.lists(
    st.tuples(st.dates(dt.date(2011, 1, 1), dt.date(2013, 12, 31)), st.lists(articles, max_size=6)),
    max_size=12,
)


def _records(drawn: list[tuple[dt.date, list[ArticleRecord]]]) -> list[IssueRecord]:
    return [
        IssueRecord(Path(f"{n}.toml"), n, date, None, tuple(items))
        for n, (date, items) in enumerate(drawn, 1)
    ]


@settings(max_examples=150, deadline=None)
@given(issues, st.sampled_from([None, 2011, 2012, 2013]), st.sampled_from([None, 1, 2, 3, 4]))
def test_figures_agree_with_a_plain_tally(
    drawn: list[tuple[dt.date, list[ArticleRecord]]], year: int | None, quarter: int | None
) -> None:
    if year is None:
        quarter = None
    period = make_period(year=year, quarter=quarter)
    report = count_records(_records(drawn), profile=PROFILE, period=period)
    adopted: Counter[str] = Counter()
    joint: Counter[str] = Counter()
    months: Counter[tuple[str, str]] = Counter()
    sections: Counter[tuple[str, str]] = Counter()
    count = 0
    for date, items in drawn:
        if year is not None and date.year != year:
            continue
        if quarter is not None and (date.month - 1) // 3 + 1 != quarter:
            continue
        for item in items:
            count += 1
            for unit in item.sources:
                adopted[unit] += 1
                joint[unit] += len(item.sources) > 1
                months[unit, f"{date.year}-{date.month:02d}"] += 1
                sections[unit, item.section] += 1
    assert report.articles == count
    assert report.attributions == sum(adopted.values())
    assert {t.unit for t in report.units} == set(UNITS)  # the catalogue's units, 0 included
    for tally in report.units:
        assert (tally.articles, tally.joint) == (adopted[tally.unit], joint[tally.unit])
        assert dict(tally.by_month) == {m: n for (u, m), n in months.items() if u == tally.unit}
        assert dict(tally.by_section) == {s: n for (u, s), n in sections.items() if u == tally.unit}
    assert report.zero_units == [unit for unit in UNITS if not adopted[unit]]
    figures = [tally.articles for tally in report.units]
    assert figures == sorted(figures, reverse=True)
    assert len(report_csv(report).splitlines()) == 1 + len(UNITS)


def test_by_section_follows_the_catalogue_order() -> None:
    record = IssueRecord(
        Path("1.toml"),
        1,
        dt.date(2012, 3, 1),
        None,
        (
            ArticleRecord("一句话信息", ("研究室",)),
            ArticleRecord("栏目外", ("研究室",)),
            ArticleRecord("工作动态", ("研究室",)),
        ),
    )
    report = count_records([record], profile=PROFILE, period=make_period())
    assert report.sections == [*SECTIONS, "栏目外"]
    (tally,) = [t for t in report.units if t.unit == "研究室"]
    assert [s for s in report.sections if tally.by_section[s]] == [
        "工作动态",
        "一句话信息",
        "栏目外",
    ]
    units = report_dict(report)["units"]
    assert isinstance(units, list) and units[0]["unit"] == "研究室"
    assert list(units[0]["by_section"]) == ["工作动态", "一句话信息", "栏目外"]


@pytest.mark.parametrize(
    ("options", "title"),
    [
        ({"year": 2012}, "2012年信息采用情况通报"),
        ({"year": 2012, "quarter": 4}, "2012年第四季度信息采用情况通报"),
        (
            {"start": dt.date(2012, 1, 1), "end": dt.date(2012, 6, 30)},
            "2012年1月1日至2012年6月30日信息采用情况通报",
        ),
        ({"start": dt.date(2012, 7, 1)}, "2012年7月1日以来信息采用情况通报"),
        ({}, "2011年至2012年信息采用情况通报"),
    ],
)
def test_titles_name_the_period(options: dict[str, object], title: str) -> None:
    records = [
        IssueRecord(Path("a.toml"), 24, dt.date(2011, 12, 20), None, ()),
        IssueRecord(Path("b.toml"), 1, dt.date(2012, 7, 10), None, ()),
    ]
    report = count_records(records, profile=PROFILE, period=make_period(**options))  # type: ignore[arg-type]
    assert notice_title(report) == title


def test_quarter_bounds() -> None:
    assert make_period(year=2012, quarter=1).end == dt.date(2012, 3, 31)
    assert make_period(year=2012, quarter=4).end == dt.date(2012, 12, 31)
    assert make_period(year=2012, quarter=2).start == dt.date(2012, 4, 1)
    with pytest.raises(InputProblem):
        make_period(year=2012, quarter=0)

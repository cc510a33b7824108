"""The period a 信息采用 report covers: a year, a quarter of a year, or a span of dates."""

from __future__ import annotations

import datetime as dt

from ..errors import InputProblem
from ..model import format_date
from ..records import record

QUARTER_NAMES = ("一", "二", "三", "四")


@record(frozen=True, slots=True)
class Period:
    """Which issues count, by their 印发日期: ``start`` to ``end`` inclusive (open when None).

    ``year`` and ``quarter`` remember how the period was asked for, for the report's title."""

    start: dt.date | None = None
    end: dt.date | None = None
    year: int | None = None
    quarter: int | None = None

    @property
    def is_open(self) -> bool:
        """Whether every issue counts (no bound at all)."""
        return self.start is None and self.end is None

    def contains(self, date: dt.date | None) -> bool:
        """Whether an issue of ``date`` counts; an undated issue counts only in an open period."""
        if date is None:
            return self.is_open
        if self.start is not None and date < self.start:
            return False
        return self.end is None or date <= self.end

    def label(self) -> str:
        """The period as a 通报 names it: 2012年, 2012年第四季度, 2012年1月1日至6月30日."""
        if self.year is not None and self.quarter is not None:
            return f"{self.year}年第{QUARTER_NAMES[self.quarter - 1]}季度"
        if self.year is not None:
            return f"{self.year}年"
        if self.start is not None and self.end is not None:
            return f"{format_date(self.start)}至{format_date(self.end)}"
        if self.start is not None:
            return f"{format_date(self.start)}以来"
        if self.end is not None:
            return f"截至{format_date(self.end)}"
        return ""


def make_period(
    *,
    year: int | None = None,
    quarter: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Period:
    """The period of ``--year``/``--quarter`` or ``--from``/``--to`` (``InputProblem`` when the
    options contradict each other)."""
    if quarter is not None:
        if year is None:
            raise InputProblem("--quarter 要和 --year 一起用", hint="如 --year 2012 --quarter 4")
        if not 1 <= quarter <= 4:
            raise InputProblem(f"季度 {quarter} 不存在", hint="--quarter 只能是 1、2、3 或 4")
    if year is not None and (start is not None or end is not None):
        raise InputProblem(
            "--year 和 --from/--to 只能选一种", hint="整年用 --year 2012，任意时段用 --from 和 --to"
        )
    if year is not None:
        if not 1 <= year <= 9999:
            raise InputProblem(f"年份 {year} 不对", hint="按四位数写，如 --year 2012")
        if quarter is None:
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), year=year)
        first_month = 3 * quarter - 2
        last = _month_end(year, first_month + 2)
        return Period(dt.date(year, first_month, 1), last, year=year, quarter=quarter)
    if start is not None and end is not None and start > end:
        raise InputProblem(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}",
            hint="--from 写较早的日期，--to 写较晚的日期",
        )
    return Period(start, end)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)

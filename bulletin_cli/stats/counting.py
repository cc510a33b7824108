"""Count what each 供稿单位 had adopted (信息采用情况) across issues of a period.

An article counts once for every unit in its ``sources``; ``joint`` says how many of a unit's
articles name more than one unit. Units of the profile's catalogue that had nothing adopted are
listed with 0: they are what the office most wants to see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..errors import EXIT_FILE, EXIT_OK
from ..kinds import REGULAR, kind_label
from ..model import Adoption, Instruction
from ..profile import Profile
from ..scoring import ScoringRules
from .period import Period
from .reading import ArticleRecord, IssueRecord, Unreadable, read_records
from .units import LikelyDuplicate, UnitMatcher, likely_duplicates


@dataclass(slots=True)
class UnitTally:
    """One unit's figures for the period."""

    unit: str
    known: bool
    articles: int = 0
    joint: int = 0
    by_section: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    rank: int = 0
    score: Fraction = Fraction(0)
    """积分 by the profile's ``[scoring]`` (exact; 0 without scoring rules)."""
    adopted: int = 0
    """How many adoptions above (上级采用) its articles had."""
    instructions: int = 0
    """How many leaders' 批示 its articles had."""


@dataclass(frozen=True, slots=True)
class RecordEntry:
    """One adoption above or 批示 of a counted article, for the 通报's appendix: where the
    article stands, the units it counts for, and the points the record brought (``None``
    when the rules have no such level)."""

    record: IssueRecord
    number: int
    """The article's 1-based number in its issue."""
    title: str
    units: tuple[str, ...]
    item: Adoption | Instruction
    points: Fraction | None


@dataclass(frozen=True, slots=True)
class RepeatedIssue:
    """Two or more files with the same 期号 in one year and kind: each was counted, perhaps
    twice."""

    year: int | None
    number: int
    paths: tuple[Path, ...]
    kind: str | None = None


@dataclass(slots=True)
class AdoptionReport:
    """The figures of a 信息采用情况 report and everything the clerk should know about them."""

    period: Period
    profile: Profile
    counted: list[IssueRecord]
    left_out: list[IssueRecord]
    failed: list[Unreadable]
    units: list[UnitTally]
    sections: list[str]
    articles: int
    joint_articles: int
    unattributed: int
    duplicates: list[LikelyDuplicate]
    repeated: list[RepeatedIssue]
    adoptions: list[RecordEntry] = field(default_factory=list)
    """Every adoption above of a counted article, in issue and article order."""
    instructions: list[RecordEntry] = field(default_factory=list)
    """Every 批示 on a counted article, in issue and article order."""
    kind: str | None = None
    """The one kind counted (``stats --kind``; 正刊 for the regular issues), or ``None``: all."""

    @property
    def kinds(self) -> dict[str, int]:
        """How many issues of each kind were counted: 正刊 first, then the kinds as met."""
        counts: Counter[str] = Counter(kind_label(record.kind) for record in self.counted)
        order = [REGULAR, *sorted({name for name in counts if name != REGULAR})]
        return {name: counts[name] for name in order if counts[name]}

    @property
    def year(self) -> int | None:
        return self.period.year

    @property
    def scoring(self) -> ScoringRules | None:
        """The rules the scores were counted by (the profile's ``[scoring]``), or ``None``."""
        return self.profile.scoring

    @property
    def unscored(self) -> list[RecordEntry]:
        """Records whose level the rules lack: they brought no points."""
        if self.scoring is None:
            return []
        return [e for e in [*self.adoptions, *self.instructions] if e.points is None]

    @property
    def total_score(self) -> Fraction:
        return sum((tally.score for tally in self.units), Fraction(0))

    @property
    def zero_units(self) -> list[str]:
        """The catalogue's units that had nothing adopted, in catalogue order."""
        counted = {tally.unit for tally in self.units if tally.articles}
        return [unit for unit in self.profile.units if unit not in counted]

    @property
    def attributions(self) -> int:
        """The sum of the units' figures (a joint article counts for each of its units)."""
        return sum(tally.articles for tally in self.units)

    @property
    def undated(self) -> list[Path]:
        """Issues without a 印发日期: counted in no month, and left out of any period."""
        return [record.path for record in [*self.counted, *self.left_out] if record.date is None]

    @property
    def exit_code(self) -> int:
        """3 when a file could not be read (the rest still counted), else 0."""
        return EXIT_FILE if self.failed else EXIT_OK

    def issue_range(self) -> str:
        """Which issues were counted, by 期号 within each year: ``2012年第1—12期``."""
        return issue_range(self.counted)

    def title_period(self) -> str:
        """The period for a title: as asked, or else the years of the issues counted."""
        label = self.period.label()
        if label:
            return label
        years = sorted({record.date.year for record in self.counted if record.date})
        if not years:
            return ""
        return f"{years[0]}年" if len(years) == 1 else f"{years[0]}年至{years[-1]}年"


def month_key(record: IssueRecord) -> str | None:
    return f"{record.date.year}-{record.date.month:02d}" if record.date else None


def count_records(
    records: Iterable[IssueRecord],
    *,
    profile: Profile,
    period: Period,
    failed: list[Unreadable] | None = None,
    kind: str | None = None,
) -> AdoptionReport:
    """The report of ``records`` that fall in ``period`` (issue order: by date, then 期号);
    with ``kind`` (a kind's name, or 正刊 for the regular issues) only the issues of that kind
    count, the others are passed over unmentioned."""
    counted: list[IssueRecord] = []
    left_out: list[IssueRecord] = []
    for record in records:
        if kind is not None and kind_label(record.kind) != kind:
            continue
        (counted if period.contains(record.date) else left_out).append(record)
    counted.sort(key=_issue_order)
    matcher = UnitMatcher(profile.units)
    matcher.prepare({entry for record in counted for a in record.articles for entry in a.sources})
    tallies = {unit: UnitTally(unit, known=True) for unit in profile.units}
    sections_met: dict[str, None] = {}
    articles = joint_articles = unattributed = 0
    scorer = _Records(profile)
    for record in counted:
        month = month_key(record)
        for number, article in enumerate(record.articles, start=1):
            articles += 1
            sections_met.setdefault(article.section, None)
            units = matcher.units(article.sources)
            if not units:
                unattributed += 1
            joint_articles += len(units) > 1
            share = scorer.share(record, number, article, tuple(units))
            for unit in units:
                tally = tallies.get(unit)
                if tally is None:
                    tally = tallies[unit] = UnitTally(unit, known=unit in matcher.catalogue)
                tally.articles += 1
                tally.joint += len(units) > 1
                tally.by_section[article.section] += 1
                if month is not None:
                    tally.by_month[month] += 1
                tally.score += share
                tally.adopted += len(article.adopted)
                tally.instructions += len(article.instructions)
    ranked = _ranked(tallies.values(), by_score=profile.scoring is not None)
    counts = {tally.unit: tally.articles for tally in ranked if tally.articles}
    sections = list(profile.sections)
    sections += [name for name in sections_met if name not in sections]
    return AdoptionReport(
        period=period,
        profile=profile,
        counted=counted,
        left_out=left_out,
        failed=list(failed or []),
        units=ranked,
        sections=sections,
        articles=articles,
        joint_articles=joint_articles,
        unattributed=unattributed,
        duplicates=likely_duplicates(counts, profile.units),
        repeated=_repeated(counted),
        adoptions=scorer.adoptions,
        instructions=scorer.instructions,
        kind=kind,
    )


class _Records:
    """The scoring of each article as it is counted, and the list of its records."""

    def __init__(self, profile: Profile) -> None:
        self.rules = profile.scoring
        self.briefs = set(profile.briefs)
        self.adoptions: list[RecordEntry] = []
        self.instructions: list[RecordEntry] = []

    def share(
        self, record: IssueRecord, number: int, article: ArticleRecord, units: tuple[str, ...]
    ) -> Fraction:
        """What each of ``units`` scores for ``article`` (0 without rules); its records are
        listed on the way."""
        rules = self.rules
        points = Fraction(0)
        if rules is not None:
            points = rules.base_points(
                section=article.section, kind=record.kind, brief=article.section in self.briefs
            )
        for adoption in article.adopted:
            gained = rules.adoption_points(adoption) if rules is not None else None
            points += gained or 0
            entry = RecordEntry(record, number, article.title, units, adoption, gained)
            self.adoptions.append(entry)
        for instruction in article.instructions:
            gained = rules.instruction_points(instruction) if rules is not None else None
            points += gained or 0
            entry = RecordEntry(record, number, article.title, units, instruction, gained)
            self.instructions.append(entry)
        return rules.share(points, len(units)) if rules is not None else Fraction(0)


def count_adoption(
    paths: Iterable[Path | str], *, profile: Profile, period: Period, kind: str | None = None
) -> AdoptionReport:
    """Read the issue files of ``paths`` (files or folders) once each and count them (only
    the issues of ``kind`` when given; 正刊 the regular ones)."""
    records, failed = read_records(paths)
    return count_records(records, profile=profile, period=period, failed=failed, kind=kind)


def _issue_order(record: IssueRecord) -> tuple[bool, str, str, int, str]:
    date = record.date.isoformat() if record.date else ""
    return (record.date is None, date, record.kind or "", record.number, str(record.path))


def _ranked(tallies: Iterable[UnitTally], *, by_score: bool = False) -> list[UnitTally]:
    """Most articles first (highest score first, ``by_score``; then most articles), then by
    name; equal figures share a rank (1, 2, 2, 4)."""

    def figure(tally: UnitTally) -> Fraction:
        return tally.score if by_score else Fraction(tally.articles)

    ranked = sorted(tallies, key=lambda tally: (-figure(tally), -tally.articles, tally.unit))
    for index, tally in enumerate(ranked):
        before = ranked[index - 1] if index else None
        same = before is not None and figure(before) == figure(tally)
        tally.rank = before.rank if same and before is not None else index + 1
    return ranked


def _repeated(records: list[IssueRecord]) -> list[RepeatedIssue]:
    groups: dict[tuple[int | None, str, int], list[Path]] = {}
    for record in records:
        year = record.date.year if record.date else None
        groups.setdefault((year, record.kind or "", record.number), []).append(record.path)
    return [
        RepeatedIssue(year, number, tuple(paths), kind or None)
        for (year, kind, number), paths in groups.items()
        if len(paths) > 1
    ]


def issue_range(records: Iterable[IssueRecord]) -> str:
    """``2011年第20—24期，2012年第1—5、7—12期、增刊第1—2期``: the 期号 counted, year by
    year, the regular series first and then each kind's."""
    by_year: dict[int | None, dict[str, set[int]]] = {}
    for record in records:
        year = record.date.year if record.date else None
        by_year.setdefault(year, {}).setdefault(record.kind or "", set()).add(record.number)
    parts = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        series = by_year[year]
        runs = "、".join(
            f"{kind}第{'、'.join(_runs(sorted(series[kind])))}期" for kind in sorted(series)
        )
        parts.append(f"{year}年{runs}" if year is not None else f"未写日期的{runs}")
    return "，".join(parts)


def _runs(numbers: list[int]) -> list[str]:
    runs: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        runs.append(str(start) if start == previous else f"{start}—{previous}")
        if number is not None:
            start = previous = number
    return runs

"""信息采用积分: scores against an independent tally (hypothesis) on generated archives, the
rules' errors, and the outputs with and without ``[scoring]``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from stats_archive import make_archive
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.issuefile.store import save_issue
from bulletin_cli.model import Adoption, Article, Instruction, Issue
from bulletin_cli.profile import Profile
from bulletin_cli.scoring import LevelPoints, ScoringRules
from bulletin_cli.stats import count_adoption, make_period, report_csv, report_dict

runner = CliRunner()

UNITS = ["市总办公室", "研究室", "宣传部", "组织部"]
SECTIONS = ["工作动态", "经验交流", "一句话信息"]
BRIEFS = ["一句话信息"]
LEVELS = ["市级", "省级", "国家级", "部级"]  # 部级: a level no rule set below names
KINDS = [None, None, "增刊"]
FORMS = [None, "全文", "摘要"]

points = st.integers(0, 60).map(Fraction) | st.sampled_from([Fraction(5, 2), Fraction(15, 2)])
rules = st.builds(
    ScoringRules,
    article=points,
    brief=st.none() | points,
    sections=st.dictionaries(st.sampled_from(SECTIONS), points, max_size=2),
    kinds=st.dictionaries(st.just("增刊"), points, max_size=1),
    joint=st.sampled_from(["split", "full"]),
    adoption=st.dictionaries(
        st.sampled_from(LEVELS[:3]), st.builds(LevelPoints, points, points), max_size=3
    ),
    instruction=st.dictionaries(st.sampled_from(LEVELS[:3]), points, max_size=3),
)
adoptions = st.builds(
    Adoption,
    st.sampled_from(["省委办公厅《江苏信息》", "市委办《苏州信息》"]),
    st.sampled_from(LEVELS),
    st.none() | st.dates(dt.date(2012, 1, 1), dt.date(2012, 12, 31)),
    st.sampled_from(FORMS),
)
instructions = st.builds(
    Instruction, st.sampled_from(["市长", "省长"]), st.sampled_from(LEVELS), st.none()
)
articles = st.builds(
    Article,
    section=st.sampled_from(SECTIONS),
    title=st.just("标题"),
    body=st.just("正文。"),
    sources=st.lists(st.sampled_from(UNITS), max_size=3, unique=True),
    adopted=st.lists(adoptions, max_size=2),
    instructions=st.lists(instructions, max_size=2),
)
archives = st.lists(
    st.tuples(st.sampled_from(KINDS), st.lists(articles, max_size=4)), min_size=1, max_size=5
)


def _tally(
    drawn: list[tuple[str | None, list[Article]]], rules: ScoringRules
) -> dict[str, Fraction]:
    """Each unit's score, counted the plain way: what the rules say, article by article."""
    scores: dict[str, Fraction] = defaultdict(Fraction)
    for kind, items in drawn:
        for article in items:
            if kind in rules.kinds:
                total = rules.kinds[kind]
            elif article.section in rules.sections:
                total = rules.sections[article.section]
            elif article.section in BRIEFS and rules.brief is not None:
                total = rules.brief
            else:
                total = rules.article
            for adoption in article.adopted:
                level = rules.adoption.get(adoption.level)
                if level is not None:
                    total += level.summary if adoption.form == "摘要" else level.full
            for instruction in article.instructions:
                total += rules.instruction.get(instruction.level, Fraction(0))
            units = article.sources
            for unit in units:
                share = total / len(units) if rules.joint == "split" else total
                scores[unit] += share
    return scores


@settings(max_examples=100, deadline=None)
@given(archives, rules)
def test_every_score_equals_an_independent_tally(
    drawn: list[tuple[str | None, list[Article]]], scoring: ScoringRules
) -> None:
    profile = Profile(sections=SECTIONS, briefs=BRIEFS, units=UNITS, scoring=scoring)
    with tempfile.TemporaryDirectory() as folder:
        for number, (kind, items) in enumerate(drawn, 1):
            issue = Issue(number=number, date=dt.date(2012, 1, number), kind=kind, articles=items)
            save_issue(Path(folder) / f"2012-{kind or ''}{number:02d}.toml", issue)
        report = count_adoption([folder], profile=profile, period=make_period())
    expected = _tally(drawn, scoring)
    assert {t.unit: t.score for t in report.units} == {u: expected[u] for u in UNITS}
    adopted = {u: 0 for u in UNITS}
    given_ = {u: 0 for u in UNITS}
    for _kind, items in drawn:
        for article in items:
            for unit in article.sources:
                adopted[unit] += len(article.adopted)
                given_[unit] += len(article.instructions)
    assert {t.unit: t.adopted for t in report.units} == adopted
    assert {t.unit: t.instructions for t in report.units} == given_
    scores = [t.score for t in report.units]
    assert scores == sorted(scores, reverse=True)  # ranked by score
    doc = report_dict(report)
    for entry, tally in zip(doc["units"], report.units, strict=True):  # type: ignore[call-overload]
        number = entry["score"]
        if tally.score.denominator == 1:
            assert number == tally.score and isinstance(number, int)
        else:
            assert abs(Fraction(number) - tally.score) < Fraction(1, 200)
    rows = list(csv.reader(io.StringIO(report_csv(report), newline="")))
    assert rows[0][-3:] == ["上级采用", "批示", "积分"]
    for row, tally in zip(rows[1:], report.units, strict=True):
        assert abs(Fraction(row[-1]) - tally.score) < Fraction(1, 200)


SCORED_PROFILE = """
[scoring]
article = 10
brief = 3
sections = { "基层交流" = 15 }
joint = "split"

[scoring.adoption]
"市级" = 10
"省级" = { "全文" = 20, "摘要" = 10 }

[scoring.instruction]
"市级" = 10
"""


def _archive(root: Path, scoring: str | None = SCORED_PROFILE) -> Path:
    folder = make_archive(root)
    (folder / "2012-99.toml").unlink()  # the broken file of the shared archive
    if scoring is not None:
        profile = root / "bulletin.toml"
        profile.write_text(profile.read_text(encoding="utf-8") + scoring, encoding="utf-8")
    return folder


def _mark(issue: Path, *args: str) -> None:
    result = runner.invoke(app, ["mark", str(issue), *args])
    assert result.exit_code == 0, result.output


def _json(*args: str) -> Any:
    result = runner.invoke(app, ["stats", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_known_scores_of_the_archive_with_marks(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    # 2012-04 article 2: 基层交流 (15) by 街道工会 and 研究室, adopted by the province in full
    _mark(folder / "2012-04.toml", "2", "--adopted-by", "省委办公厅《江苏信息》", "--level", "省级")
    _mark(folder / "2012-04.toml", "2", "--instruction", "市长", "--level", "市级")
    # 2012-01 article 3: a brief (3) of 吴中区总工会, adopted by the city as a summary
    _mark(
        folder / "2012-01.toml", "3", "--adopted-by", "市委办", "--level", "市级", "--form", "摘要"
    )
    doc = _json(str(folder), "--year", "2012")
    units = {u["unit"]: u for u in doc["units"]}
    # 街道工会: 基层交流 15 (2012-01) + half of 15 + 20 + 10 (2012-04) = 37.5
    assert units["街道工会"]["score"] == 37.5
    assert (units["街道工会"]["adopted"], units["街道工会"]["instructions"]) == (1, 1)
    # 研究室: 10 + 10 (joint, split: 5) -> 2012-01 工作动态 joint 5, 2012-03 brief 3, 2012-04 22.5
    assert units["研究室"]["score"] == 30.5
    # 吴中区总工会: the brief 3 + 10 (2012-01); 吴中区 总工会 (2012-02) is counted apart
    assert units["吴中区总工会"]["score"] == 13
    assert isinstance(units["吴中区总工会"]["score"], int)
    assert [u["unit"] for u in doc["units"]][:2] == ["街道工会", "研究室"]
    assert doc["score"] == sum(u["score"] for u in doc["units"])
    assert [a["level"] for a in doc["adoptions"]] == ["市级", "省级"]
    table = runner.invoke(app, ["stats", str(folder), "--year", "2012"])
    assert "积分" in table.stdout and "37.5" in table.stdout and "30.5" in table.stdout
    csv_out = runner.invoke(app, ["stats", str(folder), "--year", "2012", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(csv_out.stdout_bytes.decode("utf-8-sig"), newline="")))
    sections = ["工作动态", "基层交流", "一句话信息"]
    assert rows[0] == ["单位", "采用篇数", "联合篇数", *sections, "上级采用", "批示", "积分"]
    assert rows[1][0] == "街道工会" and rows[1][-3:] == ["1", "1", "37.5"]


def test_full_gives_each_unit_the_whole_points(tmp_path: Path) -> None:
    folder = _archive(tmp_path, SCORED_PROFILE.replace('"split"', '"full"'))
    _mark(folder / "2012-04.toml", "2", "--adopted-by", "省委办公厅《江苏信息》", "--level", "省级")
    units = {u["unit"]: u for u in _json(str(folder), "--year", "2012")["units"]}
    assert units["街道工会"]["score"] == 15 + 15 + 20
    assert units["研究室"]["score"] == 10 + 3 + 35


def test_kind_points_score_a_supplement(tmp_path: Path) -> None:
    folder = _archive(tmp_path, SCORED_PROFILE + '\n[scoring.kinds]\n"增刊" = 30\n')
    text = (folder / "2013-01.toml").read_text(encoding="utf-8")
    (folder / "2013-增刊01.toml").write_text(
        text.replace("[issue]\n", '[issue]\nkind = "增刊"\n'), encoding="utf-8"
    )
    units = {u["unit"]: u for u in _json(str(folder), "--year", "2013")["units"]}
    assert units["研究室"]["score"] == 10 + 30
    only = _json(str(folder), "--year", "2013", "--kind", "增刊")
    assert {u["unit"]: u["score"] for u in only["units"]}["研究室"] == 30


def test_without_scoring_the_outputs_are_as_before(tmp_path: Path) -> None:
    folder = _archive(tmp_path, None)
    _mark(folder / "2012-04.toml", "2", "--adopted-by", "省委办公厅《江苏信息》", "--level", "省级")
    doc = _json(str(folder), "--year", "2012")
    for unit in doc["units"]:
        assert set(unit) == {"unit", "articles", "joint", "by_section", "by_month", "rank", "known"}
    assert not {"score", "adoptions", "instructions"} & set(doc)
    figures = [u["articles"] for u in doc["units"]]
    assert figures == sorted(figures, reverse=True)
    table = runner.invoke(app, ["stats", str(folder), "--year", "2012"]).stdout
    assert "积分" not in table and "上级采用" not in table and "批示" not in table
    header = runner.invoke(app, ["stats", str(folder), "--format", "csv"]).stdout_bytes
    first = header.decode("utf-8-sig").splitlines()[0]
    assert first == "单位,采用篇数,联合篇数,工作动态,基层交流,一句话信息"


def _profile_error(tmp_path: Path, scoring: str) -> str:
    folder = _archive(tmp_path, scoring)
    result = runner.invoke(app, ["stats", str(folder)])
    assert result.exit_code == 3, result.output
    return result.stderr


def test_a_wrong_key_or_value_is_named(tmp_path: Path) -> None:
    cases = [
        ("[scoring]\nartcle = 10\n", ["artcle", "是否应为 article"]),
        ('[scoring]\njoint = "spilt"\n', ["joint", "是否应为 split"]),
        ('[scoring]\nsections = { "基层交留" = 15 }\n', ["基层交留", "是否应为 基层交流"]),
        ('[scoring]\nkinds = { "增干" = 30 }\n', ["增干", "增刊"]),
        ("[scoring]\narticle = -5\n", ["article", "不小于 0"]),
        ('[scoring]\narticle = "十"\n', ["article", "不小于 0"]),
        ('[scoring.adoption]\n"省级" = { "全部" = 20 }\n', ["全部", "全文"]),
        ('[scoring.instruction]\n"市级" = true\n', ["scoring.instruction.市级"]),
    ]
    for index, (scoring, words) in enumerate(cases):
        root = tmp_path / str(index)
        root.mkdir()
        message = _profile_error(root, scoring)
        for word in words:
            assert word in message, (scoring, message)
        assert "bulletin.toml" in message

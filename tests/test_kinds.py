"""Issue kinds (增刊, 专刊, ... and the profile's own): their own 期号 series, the 总第 series,
check's findings and stats' counting by kind."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.cli import app

runner = CliRunner()


def _new(issues: Path, *args: str) -> Path:
    result = runner.invoke(app, ["new", "--dir", str(issues), *args])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def _head(path: Path) -> dict[str, object]:
    head = tomllib.loads(path.read_text(encoding="utf-8"))["issue"]
    assert isinstance(head, dict)
    return head


def _add_kinds(profile: Path, line: str) -> None:
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("[bulletin]\n", f"[bulletin]\n{line}\n", 1), encoding="utf-8")


def test_a_kind_has_its_own_number_series_and_no_regular_total(example_dir: Path) -> None:
    issues = example_dir / "issues"
    first = _new(issues, "--kind", "增刊", "--date", "2012-01-25")
    assert first == issues / "2012-增刊01.toml"
    assert _head(first) == {"number": 1, "date": _head(first)["date"], "kind": "增刊"}
    second = _new(issues, "--kind", "增刊", "--date", "2012-03-01")
    assert second == issues / "2012-增刊02.toml"
    assert _head(second)["number"] == 2
    regular = _new(issues, "--date", "2012-02-20")
    assert (_head(regular)["number"], _head(regular)["total"]) == (2, 216)
    other = _new(issues, "--kind", "专报", "--date", "2012-04-01")
    assert _head(other)["number"] == 1
    next_year = _new(issues, "--kind", "增刊", "--date", "2013-01-05")
    assert next_year == issues / "2013-增刊01.toml"
    for path in (first, second, regular, other, next_year):
        result = runner.invoke(app, ["check", str(path), "--format", "json"])
        codes = [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]
        assert "M003" not in codes and "M004" not in codes and "M006" not in codes


def test_total_kinds_continue_the_regular_total(example_dir: Path) -> None:
    _add_kinds(example_dir / "bulletin.toml", 'total_kinds = ["增刊"]')
    issues = example_dir / "issues"
    extra = _new(issues, "--kind", "增刊", "--date", "2012-01-25")
    assert (_head(extra)["number"], _head(extra)["total"]) == (1, 216)
    regular = _new(issues, "--date", "2012-02-20")
    assert (_head(regular)["number"], _head(regular)["total"]) == (2, 217)


def test_the_profile_adds_kinds(example_dir: Path) -> None:
    _add_kinds(example_dir / "bulletin.toml", 'kinds = ["情况反映"]')
    issues = example_dir / "issues"
    path = _new(issues, "--kind", "情况反映", "--date", "2012-02-01")
    assert _head(path)["kind"] == "情况反映"
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert codes and "M006" not in codes  # an empty issue lacks its required section


def test_an_unknown_kind_is_refused_with_the_kinds(example_dir: Path) -> None:
    issues = example_dir / "issues"
    before = sorted(issues.iterdir())
    result = runner.invoke(app, ["new", "--dir", str(issues), "--kind", "增干"])
    assert result.exit_code == 2, result.output
    assert "增干" in result.stderr and "是否应为 增刊" in result.stderr
    assert "专报" in result.stderr
    assert sorted(issues.iterdir()) == before


def test_check_names_an_unknown_kind(example_issue: Path) -> None:
    text = example_issue.read_text(encoding="utf-8")
    example_issue.write_text(text.replace("[issue]\n", '[issue]\nkind = "专干"\n'), "utf-8")
    result = runner.invoke(app, ["check", str(example_issue), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    found = [f for f in findings if f["code"] == "M006"]
    assert len(found) == 1 and found[0]["line"] == 2
    assert "专干" in found[0]["message"] and "专刊" in found[0]["hint"]


def test_a_wrong_total_kinds_is_a_profile_error(example_dir: Path) -> None:
    _add_kinds(example_dir / "bulletin.toml", 'total_kinds = ["增干"]')
    result = runner.invoke(app, ["new", "--dir", str(example_dir / "issues")])
    assert result.exit_code == 3, result.output
    assert "total_kinds" in result.stderr and "增刊" in result.stderr


def test_a_typo_of_kinds_names_the_key(example_dir: Path) -> None:
    _add_kinds(example_dir / "bulletin.toml", 'kinde = ["情况反映"]')
    result = runner.invoke(app, ["check", str(example_dir / "issues" / "2012-01.toml")])
    assert result.exit_code == 3, result.output
    assert "kinds" in result.stderr


def test_stats_counts_every_kind_and_filters_by_kind(example_dir: Path) -> None:
    issues = example_dir / "issues"
    extra = _new(issues, "--kind", "增刊", "--date", "2012-01-25")
    added = runner.invoke(
        app,
        ["add", str(extra), "-s", "工作动态", "-t", "增刊的稿件", "-u", "研究室", "-b", "正文。"],
    )
    assert added.exit_code == 0, added.output
    every = api.adoption_stats(issues)
    only = api.adoption_stats(issues, kind="增刊")
    regular = api.adoption_stats(issues, kind="正刊")
    assert every.articles == only.articles + regular.articles
    assert (only.articles, len(only.counted), only.kinds) == (1, 1, {"增刊": 1})
    assert every.kinds == {"正刊": 1, "增刊": 1}
    assert not every.repeated  # 第1期 and 增刊第1期 are two series
    assert every.issue_range() == "2012年第1期、增刊第1期"
    result = runner.invoke(app, ["stats", str(issues), "--kind", "增刊", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["kind"], doc["issues"], doc["articles"]) == ("增刊", 1, 1)
    wrong = runner.invoke(app, ["stats", str(issues), "--kind", "増刊"])
    assert wrong.exit_code == 2 and "增刊" in wrong.stderr


def test_m004_compares_totals_within_a_series(example_dir: Path) -> None:
    issues = example_dir / "issues"
    extra = _new(issues, "--kind", "增刊", "--date", "2012-01-25", "--total", "215")
    result = runner.invoke(app, ["check", str(extra), "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert "M004" not in codes  # the 增刊's own 总第 series
    _add_kinds(example_dir / "bulletin.toml", 'total_kinds = ["增刊"]')
    result = runner.invoke(app, ["check", str(extra), "--format", "json"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["message"] for f in findings if f["code"] == "M004"] == [
        "总第 215 期已经有了：2012-01.toml"
    ]


def test_m003_names_the_kind_of_a_repeated_number(example_dir: Path) -> None:
    issues = example_dir / "issues"
    first = _new(issues, "--kind", "增刊", "--date", "2012-01-25")
    (issues / "2012-增刊01b.toml").write_bytes(first.read_bytes())
    result = runner.invoke(app, ["check", str(first), "--format", "json"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["message"] for f in findings if f["code"] == "M003"] == [
        "2012 年增刊第 1 期已经有了：2012-增刊01b.toml"
    ]


def test_the_notice_of_one_kind_names_it(example_dir: Path) -> None:
    from bulletin_cli.stats import notice_title

    issues = example_dir / "issues"
    assert notice_title(api.adoption_stats(issues, year=2012)) == "2012年信息采用情况通报"
    extra = _new(issues, "--kind", "增刊", "--date", "2012-01-25")
    assert extra.is_file()
    only = api.adoption_stats(issues, year=2012, kind="增刊")
    assert notice_title(only) == "2012年增刊信息采用情况通报"
    regular = api.adoption_stats(issues, year=2012, kind="正刊")
    assert notice_title(regular) == "2012年信息采用情况通报"


def test_an_empty_kind_name_is_explained_without_toml(example_dir: Path) -> None:
    _add_kinds(example_dir / "bulletin.toml", 'kinds = ["情况反映", ""]')
    result = runner.invoke(app, ["new", "--dir", str(example_dir / "issues")])
    assert result.exit_code == 3, result.output
    assert "在 kinds 里写上类别的名称，如“情况反映”，或删去空的一项" in result.stderr
    assert " = " not in result.stderr

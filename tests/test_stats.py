"""信息采用统计 on an archive with known figures (tests/stats_archive.py): JSON, CSV, periods,
likely duplicates, a broken file, and the command's exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from stats_archive import BROKEN, make_archive
from typer.testing import CliRunner

import bulletin_cli as bulletin
from bulletin_cli.cli import app
from bulletin_cli.profile import Profile
from bulletin_cli.stats import report_csv
from bulletin_cli.stats.units import UnitMatcher, likely_duplicates

runner = CliRunner()


@pytest.fixture
def issues(tmp_path: Path) -> Path:
    return make_archive(tmp_path)


def _stats(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["stats", *args])
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> dict[str, object]:
    code, stdout, stderr = _stats(*args, "--format", "json")
    assert code == 3, stderr  # the broken file
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def _units(data: dict[str, object]) -> dict[str, dict[str, object]]:
    units = data["units"]
    assert isinstance(units, list)
    return {entry["unit"]: entry for entry in units}


def test_year_figures_are_exact(issues: Path) -> None:
    data = _json(str(issues), "--year", "2012")
    assert (data["year"], data["issues"], data["articles"]) == (2012, 4, 12)
    assert (data["joint_articles"], data["attributions"], data["unattributed"]) == (3, 14, 1)
    assert data["counted"] == "2012年第1—4期"
    assert data["left_out"] == 2
    assert data["zero_units"] == ["组织部"]
    assert data["sections"] == ["工作动态", "基层交流", "一句话信息"]
    assert [(u["unit"], u["articles"], u["joint"], u["rank"]) for u in data["units"]] == [  # type: ignore[attr-defined]
        ("市总办公室", 3, 2, 1),
        ("研究室", 3, 2, 1),
        ("宣传部", 2, 1, 3),
        ("街道工会", 2, 1, 3),
        ("吴中区 总工会", 1, 0, 5),
        ("吴中区总工会", 1, 0, 5),
        ("新单位", 1, 0, 5),
        ("街道公会", 1, 0, 5),
        ("组织部", 0, 0, 9),
    ]
    units = _units(data)
    assert units["市总办公室"]["by_section"] == {"工作动态": 3}
    assert units["市总办公室"]["by_month"] == {"2012-01": 1, "2012-02": 1, "2012-05": 1}
    assert units["研究室"]["by_section"] == {"工作动态": 1, "基层交流": 1, "一句话信息": 1}
    assert units["研究室"]["by_month"] == {"2012-01": 1, "2012-05": 1, "2012-11": 1}
    assert units["宣传部"]["by_month"] == {"2012-05": 1, "2012-11": 1}
    assert units["街道工会"]["by_section"] == {"基层交流": 2}
    assert units["组织部"]["by_section"] == {} and units["组织部"]["by_month"] == {}
    assert [units[name]["known"] for name in ("新单位", "街道公会", "吴中区 总工会")] == [False] * 3
    assert units["街道工会"]["known"] is True


def test_likely_duplicates_are_reported_not_merged(issues: Path) -> None:
    data = _json(str(issues), "--year", "2012")
    assert data["duplicates"] == [
        {"units": ["吴中区 总工会", "吴中区总工会"], "reason": "只差空格"},
        {"units": ["街道公会", "街道工会"], "reason": "只差一个字"},
    ]


def test_broken_file_is_reported_and_the_rest_count(issues: Path) -> None:
    code, stdout, stderr = _stats(str(issues), "--year", "2012", "--format", "json")
    assert code == 3
    data = json.loads(stdout)
    failed = data["failed"]
    assert [Path(item["path"]).name for item in failed] == [BROKEN]
    assert "TOML 格式错误" in failed[0]["message"]
    assert f"{BROKEN}:3" in failed[0]["message"]  # the line of the error
    assert BROKEN in stderr and "其余 4 期已统计" in stderr


def test_without_broken_file_exit_zero(issues: Path) -> None:
    (issues / BROKEN).unlink()
    code, stdout, stderr = _stats(str(issues), "--year", "2012", "--format", "json")
    assert code == 0, stderr
    assert json.loads(stdout)["failed"] == []


@pytest.mark.parametrize(
    ("args", "issues_counted", "articles", "counted", "figures"),
    [
        (
            ["--year", "2012", "--quarter", "4"],
            1,
            3,
            "2012年第4期",
            {"宣传部": (1, 0), "街道工会": (1, 1), "研究室": (1, 1), "新单位": (1, 0)},
        ),
        (
            ["--year", "2012", "--quarter", "2"],
            1,
            3,
            "2012年第3期",
            {"市总办公室": (1, 1), "宣传部": (1, 1), "研究室": (1, 0)},
        ),
        (
            ["--from", "2012-02-01", "--to", "2012-05-31"],
            2,
            6,
            "2012年第2—3期",
            {
                "市总办公室": (2, 1),
                "宣传部": (1, 1),
                "研究室": (1, 0),
                "街道公会": (1, 0),
                "吴中区 总工会": (1, 0),
            },
        ),
        (
            [],
            6,
            14,
            "2011年第24期，2012年第1—4期，2013年第1期",
            {
                "市总办公室": (4, 2),
                "研究室": (4, 2),
                "街道工会": (2, 1),
                "宣传部": (2, 1),
                "吴中区总工会": (1, 0),
                "吴中区 总工会": (1, 0),
                "新单位": (1, 0),
                "街道公会": (1, 0),
            },
        ),
    ],
)
def test_periods(
    issues: Path,
    args: list[str],
    issues_counted: int,
    articles: int,
    counted: str,
    figures: dict[str, tuple[int, int]],
) -> None:
    data = _json(str(issues), *args)
    assert (data["issues"], data["articles"], data["counted"]) == (
        issues_counted,
        articles,
        counted,
    )
    assert data["left_out"] == 6 - issues_counted
    units = _units(data)
    for name, (adopted, joint) in figures.items():
        assert (units[name]["articles"], units[name]["joint"]) == (adopted, joint), name
    adopted_units = {name for name, entry in units.items() if entry["articles"]}
    assert adopted_units == set(figures)


def test_year_is_null_without_year(issues: Path) -> None:
    data = _json(str(issues), "--from", "2012-01-01")
    assert data["year"] is None and data["from"] == "2012-01-01" and data["to"] is None


def test_csv_columns_figures_and_bom(issues: Path) -> None:
    code, _stdout, stderr = _stats(str(issues), "--year", "2012", "--format", "csv")
    assert code == 3, stderr
    raw = runner.invoke(
        app, ["stats", str(issues), "--year", "2012", "--format", "csv"]
    ).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["单位", "采用篇数", "联合篇数", "工作动态", "基层交流", "一句话信息"]
    assert rows[1:] == [
        ["市总办公室", "3", "2", "3", "0", "0"],
        ["研究室", "3", "2", "1", "1", "1"],
        ["宣传部", "2", "1", "2", "0", "0"],
        ["街道工会", "2", "1", "0", "2", "0"],
        ["吴中区 总工会", "1", "0", "0", "1", "0"],
        ["吴中区总工会", "1", "0", "0", "0", "1"],
        ["新单位", "1", "0", "1", "0", "0"],
        ["街道公会", "1", "0", "0", "1", "0"],
        ["组织部", "0", "0", "0", "0", "0"],
    ]
    assert b"\r\n" in raw


def test_output_files_by_suffix(issues: Path, tmp_path: Path) -> None:
    for name in ("统计.csv", "统计.json"):
        code, _stdout, stderr = _stats(str(issues), "--year", "2012", "-o", str(tmp_path / name))
        assert code == 3, stderr
    assert (tmp_path / "统计.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads((tmp_path / "统计.json").read_text("utf-8"))["articles"] == 12
    code, _stdout, stderr = _stats(str(issues), "-o", str(tmp_path / "统计.txt"))
    assert code == 2 and "统计.txt" in stderr
    assert not (tmp_path / "统计.txt").exists()


def test_text_table_lists_ranks_zero_units_and_duplicates(issues: Path) -> None:
    code, stdout, _stderr = _stats(str(issues), "--year", "2012")
    assert code == 3
    assert "2012年信息采用情况" in stdout
    assert "统计 4 期（2012年第1—4期），稿件 12 篇" in stdout
    assert "未被采用的单位（1 个）：组织部" in stdout
    assert "“街道公会”（1 篇）与“街道工会”（2 篇）：只差一个字" in stdout
    assert "另有 2 期不在所选时段内，未统计。" in stdout
    assert "有 1 篇稿件没有写供稿单位。" in stdout
    lines = [line for line in stdout.splitlines() if "市总办公室" in line or "组织部" in line]
    assert "█" * 20 in lines[0] and "█" not in lines[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "4"], "--quarter 要和 --year 一起用"),
        (["--year", "2012", "--from", "2012-01-01"], "--year 和 --from/--to 只能选一种"),
        (["--from", "2012-06-01", "--to", "2012-01-01"], "开始日期 2012-06-01 晚于结束日期"),
        (["--from", "2012-13-01"], "日期 “2012-13-01” 无法识别"),
        (["--quarter", "5", "--year", "2012"], "季度 5 不存在"),
    ],
)
def test_bad_periods_exit_2(issues: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = _stats(str(issues), *args)
    assert code == 2, stdout + stderr
    assert message in stderr
    assert "Traceback" not in stderr


def test_missing_path_and_empty_folder_exit_3(tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    code, stdout, stderr = _stats(str(tmp_path / "没有"), str(tmp_path / "空"), "--format", "json")
    assert code == 3
    assert "文件不存在" in stderr and "文件夹里没有期刊文件" in stderr
    assert json.loads(stdout)["issues"] == 0


def test_gbk_file_is_reported(issues: Path) -> None:
    (issues / "2012-05.toml").write_bytes(
        "[issue]\nnumber = 5\ndate = 2012-12-01\n# 注释\n".encode("gbk")
    )
    data = _json(str(issues), "--year", "2012")
    messages = [item["message"] for item in data["failed"]]  # type: ignore[attr-defined]
    assert any("不是 UTF-8" in message for message in messages)
    assert data["issues"] == 4


def test_repeated_issue_number_is_reported(issues: Path) -> None:
    copy = issues / "2012-01 副本.toml"
    copy.write_bytes((issues / "2012-01.toml").read_bytes())
    data = _json(str(issues), "--year", "2012")
    repeated = data["repeated_issues"]
    assert [(r["year"], r["number"], len(r["paths"])) for r in repeated] == [(2012, 1, 2)]  # type: ignore[attr-defined]
    assert data["issues"] == 5


def test_api_matches_the_command(issues: Path) -> None:
    report = bulletin.adoption_stats(issues, year=2012)
    assert report.exit_code == 3
    assert (report.articles, report.attributions, report.zero_units) == (12, 14, ["组织部"])
    assert report_csv(report).splitlines()[1] == "市总办公室,3,2,3,0,0"
    same_folder_twice = bulletin.adoption_stats([issues, issues / "2012-01.toml"], year=2012)
    assert len(same_folder_twice.counted) == 4  # each file counted once


def test_units_split_as_check_does_but_spaces_are_kept() -> None:
    matcher = UnitMatcher(["市总办公室", "研究室", "吴中区总工会"])
    matcher.prepare(
        ["市总办公室 研究室", "吴中区 总工会", "（市总办公室、研究室）供稿", "研究室。"]
    )
    assert matcher.units(["市总办公室 研究室"]) == ["市总办公室", "研究室"]
    assert matcher.units(["吴中区 总工会"]) == ["吴中区 总工会"]
    assert matcher.units(["（市总办公室、研究室）供稿", "研究室。"]) == ["市总办公室", "研究室"]
    assert matcher.units(["  研究室\u3000"]) == ["研究室"]


def test_similar_catalogue_units_are_the_office_choice() -> None:
    catalogue = ["吴江市总工会", "吴中市总工会"]
    assert likely_duplicates({"吴江市总工会": 2, "吴中市总工会": 1}, catalogue) == []
    found = likely_duplicates({"吴江市总公会": 1}, catalogue)
    assert [item.units for item in found] == [("吴江市总公会", "吴江市总工会")]


def test_default_profile_without_units_lists_no_zero_units(tmp_path: Path) -> None:
    folder = make_archive(tmp_path)
    (tmp_path / "bulletin.toml").unlink()
    report = bulletin.adoption_stats(folder, year=2012, profile=Profile())
    assert report.zero_units == []
    assert all(not tally.known for tally in report.units)


def test_notice_refused_when_no_issue_in_the_period(issues: Path, tmp_path: Path) -> None:
    (issues / BROKEN).unlink()
    out = tmp_path / "通报.docx"
    code, stdout, stderr = _stats(str(issues), "--year", "2020", "-o", str(out))
    assert code == 1, stderr
    assert "所选时段内没有一期简报，未生成通报" in stderr
    assert "没有统计到任何一期" in stdout
    assert not out.exists()


def test_highest_exit_code_wins(issues: Path, tmp_path: Path) -> None:
    code, _stdout, stderr = _stats(str(issues), "--year", "2020", "-o", str(tmp_path / "x.docx"))
    assert code == 3, stderr  # the broken file (3) over the refused 通报 (1)


def test_notice_written_with_the_report(issues: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报" / "2012年信息采用情况通报.docx"
    code, stdout, stderr = _stats(
        str(issues), "--year", "2012", "-o", str(out), "--date", "2013-01-10"
    )
    assert code == 3, stderr
    assert out.read_bytes().startswith(b"PK")
    assert f"已写出：{out}" in stderr
    assert "2012年信息采用情况" in stdout


def test_undated_issue_counts_only_without_a_period(issues: Path) -> None:
    (issues / "无日期.toml").write_text(
        '[issue]\nnumber = 9\n\n[[articles]]\nsection = "工作动态"\ntitle = "标题"\n'
        'sources = ["组织部"]\nbody = "正文。"\n',
        encoding="utf-8",
    )
    dated = _json(str(issues), "--year", "2012")
    assert (dated["issues"], dated["left_out"]) == (4, 3)
    assert [Path(p).name for p in dated["undated"]] == ["无日期.toml"]  # type: ignore[attr-defined]
    assert dated["zero_units"] == ["组织部"]
    code, stdout, _stderr = _stats(str(issues), "--year", "2012")
    assert code == 3
    assert "无法判断是否在所选时段内，未统计" in stdout
    every = _json(str(issues))
    assert every["issues"] == 7 and "未写日期的第9期" in str(every["counted"])
    assert _units(every)["组织部"]["articles"] == 1
    assert _units(every)["组织部"]["by_month"] == {}

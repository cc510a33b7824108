"""show: the issue at a glance, numbered in printed order, with 报尾, pages and findings."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.cli import app

runner = CliRunner()


def test_show_prints_the_issue_as_it_will_print(example_issue: Path) -> None:
    result = runner.invoke(app, ["show", str(example_issue)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "苏州工会工作简报" in text
    assert "第1期（总第215期）" in text
    assert "苏州市总工会办公室编　　2012年1月20日" in text
    assert text.index("【工作动态】") < text.index("【“送温暖”活动】")
    assert "1  市政府与市总工会召开第八次联席会议（市总办公室、研究室）  679 字" in text
    assert "——工会四项建议全部获得政府支持" in text
    assert " 11  苏州科技学院爱心辅导260名困难职工子女（市总生活部）" in text
    assert "报：省总工会，市委、市政府领导" in text
    assert "（共印120份）" in text
    assert "共 11 篇" in text
    assert "约 " in text and "页（上限 12 页）" in text
    assert "检查：没有发现问题。" in text


def test_show_numbers_follow_the_file_and_lists_findings(example_dir: Path) -> None:
    issue = example_dir / "issues" / "2026-02.toml"
    issue.write_text(
        '[issue]\nnumber = 2\ndate = 2026-02-01\n\n[[articles]]\nsection = "一句话信息"\n'
        'title = ""\nsources = ["研究室"]\nbody = "社区开展义诊活动，服务居民一百二十人次。"\n\n'
        '[[articles]]\nsection = "工作动态"\ntitle = "会议"\nsources = []\nbody = "正文。"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["show", str(issue)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "【一句话信息】（不在栏目目录中）" in text
    assert "  1  （无标题）（研究室）" in text
    assert "  2  会议（缺供稿单位）" in text
    assert "检查：" in text and "个错误" in text
    assert "S001" in text
    overview = api.issue_overview(issue)
    assert [item.number for run in overview.sections for item in run.articles] == [1, 2]
    assert overview.characters == len("社区开展义诊活动，服务居民一百二十人次。正文。")


def test_show_of_a_brief_prints_its_text(example_dir: Path) -> None:
    profile = example_dir / "bulletin.toml"
    text = profile.read_text(encoding="utf-8").replace("briefs = []", 'briefs = ["一句话信息"]')
    profile.write_text(text, encoding="utf-8")
    issue = example_dir / "issues" / "2026-02.toml"
    issue.write_text(
        '[issue]\nnumber = 2\ndate = 2026-02-01\n\n[[articles]]\nsection = "一句话信息"\n'
        'title = ""\nsources = ["研究室"]\nbody = "社区开展义诊活动，服务居民一百二十人次。"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["show", str(issue)])
    assert "  1  简讯：社区开展义诊活动，服务居民一百二十人次。（研究室）" in result.stdout


def test_show_of_a_missing_file_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(tmp_path / "无.toml")])
    assert result.exit_code == 3
    assert "无.toml" in result.stderr


def test_show_without_a_profile_warns_where_it_looked(tmp_path: Path) -> None:
    issue = tmp_path / "2026-01.toml"
    issue.write_text("[issue]\nnumber = 1\ndate = 2026-01-20\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(issue)])
    assert result.exit_code == 0, result.output
    assert "提醒：没有找到 bulletin.toml" in result.stderr
    assert "bulletin init" in result.stderr
    assert "（还没有稿件，用 bulletin add 添加）" in result.stdout

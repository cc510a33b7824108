"""The TOML mistakes a clerk makes in Notepad get a message in a clerk's words, at the place of
the mistake (not where tomllib noticed it), with a hint that is safe to follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.issuefile.store import load_issue

runner = CliRunner()
HEAD = '[issue]\nnumber = 1\ndate = 2012-01-20\n\n[[articles]]\nsection = "工作动态"\n'
BODY = 'body = """\n第一段。\n\n第二段。\n"""\n'
NEXT = '\n[[articles]]\nsection = "工作动态"\ntitle = "第二篇"\nbody = """\n正文。\n"""\n'


def _problem(tmp_path: Path, text: str) -> FileProblem:
    path = tmp_path / "2012-01.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_issue(path)
    return caught.value


def test_an_unclosed_quote_points_at_the_line_and_quote_where_the_text_starts(
    tmp_path: Path,
) -> None:
    problem = _problem(tmp_path, HEAD + 'title = "市政府召开会议\nsources = ["办公室"]\n' + BODY)
    assert (problem.line, problem.column) == (7, 9)
    assert "缺少结束的英文引号" in problem.message
    assert "Illegal character" not in str(problem)


def test_an_unclosed_quote_on_the_last_line(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + BODY + 'title = "没写完')
    assert problem.line == 12
    assert "缺少结束的英文引号" in problem.message


@pytest.mark.parametrize(
    ("line", "column"),
    [("title = “市政府召开会议”\n", 9), ("sources = [“办公室”]\n", 12)],
)
def test_chinese_quotes_used_as_toml_quotes(tmp_path: Path, line: str, column: int) -> None:
    problem = _problem(tmp_path, HEAD + line + BODY)
    assert (problem.line, problem.column) == (7, column)
    assert "中文引号" in problem.message
    assert "值无效" not in problem.message


@pytest.mark.parametrize("comma", ["，", "、"])
def test_a_full_width_comma_in_a_list(tmp_path: Path, comma: str) -> None:
    problem = _problem(tmp_path, HEAD + f'sources = ["办公室"{comma}"研究室"]\n' + BODY)
    assert (problem.line, problem.column) == (7, 17)
    assert "英文逗号" in problem.message
    assert "没有闭合" not in problem.message


@pytest.mark.parametrize(
    ("line", "column"),
    [("copies：120\n", 7), ('x = {a："b"}\n', 7), ("copies: 120\n", 7), ("copies ＝ 120\n", 8)],
)
def test_a_colon_instead_of_the_equals_sign(tmp_path: Path, line: str, column: int) -> None:
    text = "[issue]\nnumber = 1\ndate = 2012-01-20\n\n[distribution]\n" + line
    problem = _problem(tmp_path, text)
    assert (problem.line, problem.column) == (6, column)
    assert "键和值之间用了" in problem.message and "等号" in problem.message


def test_a_deleted_closing_triple_quote_points_at_the_body_it_belongs_to(tmp_path: Path) -> None:
    text = HEAD + 'title = "第一篇"\nbody = """\n第一段。\n\n第二段。\n' + NEXT
    problem = _problem(tmp_path, text)
    assert problem.line == 8  # body = """ of the first article, not a line of the second
    assert '"""' in problem.message and "正文" in problem.message


def test_a_deleted_closing_triple_quote_of_the_last_body(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + 'title = "第一篇"\nbody = """\n第一段。\n\n第二段。\n')
    assert problem.line == 8
    assert "缺少结束的三个英文引号" in problem.message


def test_a_quote_inside_a_text_ends_it_early(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + 'title = "他说"好"\n' + BODY)
    assert problem.line == 7
    assert "提前结束" in problem.message


def test_other_errors_keep_the_translated_message(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + 'title = "a"\ntitle = "b"\n')
    assert problem.line == 8
    assert "同一个键写了两次" in problem.message


def test_check_shows_the_clerk_message_with_file_and_line(example_issue: Path) -> None:
    text = example_issue.read_text(encoding="utf-8")
    first_title = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("title"))
    lines = text.splitlines(keepends=True)
    lines[first_title - 1] = lines[first_title - 1].replace('"', "“", 1)
    example_issue.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["check", str(example_issue)])
    assert result.exit_code == 3
    assert f"2012-01.toml:{first_title}:" in result.stderr
    assert "中文引号" in result.stderr


_ENGLISH = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize(
    "broken",
    [
        "number = 1\nnumber = 2\n",  # Cannot overwrite a value
        "[issue]\n[issue]\n",  # Cannot declare ... twice
        "number = 1 2\n",  # Expected newline or end of document
        "[issue\nnumber = 1\n",  # Expected ']' at the end of a table declaration
        "[[articles]\n",  # Expected ']]' at the end of an array declaration
        'title = "\\uZZZZ"\n',  # Invalid hex value
        'title = "a\\qb"\n',  # Unescaped '\' in a string
        "x = {a = 1\n",  # Unclosed inline table
        "x = {a = 1, a = 2}\n",  # Duplicate inline table key
        "number = wrong\n",  # Invalid value
    ],
)
def test_no_english_reason_reaches_the_clerk(tmp_path: Path, broken: str) -> None:
    """tomllib's English reason is translated, never shown beside (or instead of) Chinese."""
    problem = _problem(tmp_path, broken)
    shown = str(problem)
    assert "TOML 格式错误：" in shown
    reason = shown.split("TOML 格式错误：", 1)[1]
    assert not _ENGLISH.search(reason), shown

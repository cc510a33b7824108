"""An import is bounded in what it produces: a small file must not become a huge issue.

A 54 KB DOCX of 200,000 ``【工作动态】`` paragraphs once became an issue of 200,000 empty
articles that every later command took seconds and hundreds of MB to read.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.importer import import_docx_bytes, import_text
from bulletin_cli.importer._limits import MAX_ARTICLES, MAX_EMPTY_ARTICLES, MAX_LINES

runner = CliRunner()


def _docx_of_repeated_paragraph(text: str, count: int) -> bytes:
    document = Document()
    paragraph = document.add_paragraph(text)._p
    for _ in range(count - 1):
        paragraph.addnext(copy.deepcopy(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_small_docx_of_200000_section_headings_is_refused_with_the_figure(
    tmp_path: Path,
) -> None:
    data = _docx_of_repeated_paragraph("【工作动态】", 200_000)
    assert len(data) < 100_000  # small on disk: the amplification is what is bounded
    with pytest.raises(FileProblem, match="200,000") as caught:
        import_docx_bytes(data)
    assert f"{MAX_LINES:,}" in str(caught.value)
    source = tmp_path / "amplified.docx"
    source.write_bytes(data)
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "x.toml")])
    assert result.exit_code == 3
    assert "200,000" in result.stderr
    assert not (tmp_path / "x.toml").exists()


def test_a_text_of_too_many_lines_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text("【工作动态】\n" * 300_000, encoding="utf-8")  # 5.7 MB
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "x.toml")])
    assert result.exit_code == 3
    assert "300,000" in result.stderr
    assert not (tmp_path / "x.toml").exists()


def test_too_many_articles_are_refused() -> None:
    count = MAX_ARTICLES + 1
    text = "【工作动态】\n\n" + "".join(
        f"标题{n}\n正文第{n}篇。（市总办公室）\n\n" for n in range(count)
    )
    with pytest.raises(FileProblem, match=f"{count:,}"):
        import_text(text)


def test_too_many_empty_articles_are_refused() -> None:
    count = MAX_EMPTY_ARTICLES + 1
    # the last heading holds the one article: every heading before it is an empty article
    text = "".join(f"【栏目{n}】\n" for n in range(count + 1)) + "标题\n正文。（市总办公室）\n"
    with pytest.raises(FileProblem, match=f"空稿件.*{count:,}"):
        import_text(text)


def test_an_import_just_inside_the_bounds_goes_through() -> None:
    text = "".join(f"【栏目{n}】\n" for n in range(MAX_EMPTY_ARTICLES)) + "标题\n正文。（办公室）\n"
    result = import_text(text)
    articles = result.issue.articles
    # the last heading holds the article; the ones before it are kept as empty articles
    assert len(articles) == MAX_EMPTY_ARTICLES
    assert sum(1 for a in articles if not (a.title or a.body)) == MAX_EMPTY_ARTICLES - 1

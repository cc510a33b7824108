"""The public Python API: names, keyword-only options, the documented example."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bulletin_cli as bulletin
from bulletin_cli.model import Article

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_public_name_resolves() -> None:
    for name in bulletin.__all__:
        assert getattr(bulletin, name) is not None, name


def test_options_after_the_first_argument_are_keyword_only() -> None:
    for name in bulletin.__all__:
        value = getattr(bulletin, name)
        if not inspect.isfunction(value):
            continue
        positional = [
            p
            for p in inspect.signature(value).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        # (path, issue), (source, out), (path, articles): the two obvious arguments
        limit = 2 if name in {"save_issue", "export_docx", "add_articles"} else 1
        # (path, number) of the article changed; (path, number, other) of a move between issues
        limit = 2 if name in {"edit_article", "remove_article", "move_article"} else limit
        limit = 3 if name == "move_article_to_issue" else limit
        assert len(positional) <= limit, name


def test_the_documented_example_runs_as_written(tmp_path: Path) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    example = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    done = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "added articles [1, 2]" in done.stdout
    assert (tmp_path / "build" / "2026-01.docx").is_file()


def test_add_articles_is_all_or_nothing(example_issue: Path) -> None:
    before = example_issue.read_bytes()
    good = {"section": "工作动态", "title": "甲", "sources": ["研究室"], "body": "正文。"}
    bad = {"section": "工作动态", "title": "乙", "sources": [], "body": "正文。"}
    with pytest.raises(bulletin.ContentRefused) as caught:
        bulletin.add_articles(example_issue, [good, bad])
    assert "第 2 篇" in str(caught.value)
    assert example_issue.read_bytes() == before
    with pytest.raises(bulletin.InputProblem):
        bulletin.add_articles(example_issue, [{"section": "工作动态", "tilte": "甲"}])
    # the example has one 工作动态 article first: new ones go after it, in printed order
    assert bulletin.add_articles(
        example_issue, [good, Article("工作动态", "丙", "正文。", ["研究室"])]
    ) == [2, 3]


def test_export_to_bytes_matches_the_file(example_issue: Path, tmp_path: Path) -> None:
    out = bulletin.export_docx(example_issue, tmp_path / "x.docx")
    assert out.read_bytes() == bulletin.export_docx_bytes(example_issue)


def test_check_and_import_through_the_api(example_issue: Path) -> None:
    report = bulletin.check_issue(example_issue)
    assert report.ok
    data = Path(__file__).parent / "data" / "suzhou-union-bulletin-2012-01.txt"
    imported = bulletin.import_bulletin(data, profile=bulletin.load_profile(example_issue))
    assert len(imported.issue.articles) == 11

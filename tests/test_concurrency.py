"""Concurrent writers of one issue file cannot lose each other's articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bulletin_cli.issuefile.store import load_issue

WRITERS = 30


def test_thirty_simultaneous_adds_leave_thirty_articles(example_issue: Path) -> None:
    before = len(load_issue(example_issue).issue.articles)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bulletin_cli",
                "add",
                str(example_issue),
                "--section",
                "工作动态",
                "--title",
                f"并发稿件{n:02d}",
                "--source",
                "研究室",
                "--body",
                f"第{n}篇的正文。",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    failures = []
    for process in processes:
        _out, err = process.communicate(timeout=120)
        if process.returncode != 0:
            failures.append(err.decode())
    assert failures == []
    articles = load_issue(example_issue).issue.articles
    assert len(articles) == before + WRITERS
    # each went after the last 工作动态 article (the example's first), in printed order
    titles = sorted(a.title for a in articles[1 : 1 + WRITERS])
    assert titles == [f"并发稿件{n:02d}" for n in range(WRITERS)]

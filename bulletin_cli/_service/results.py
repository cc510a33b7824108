"""What a service call did: the typed results a command prints and a script reads.

The results of ``init``, ``new``, ``add`` and ``list`` are here; those of ``check``,
``export``/``fonts`` and ``import`` stand at the top of their service modules, so a command
defines only the classes it returns (each dataclass costs start-up time).

Every result carries ``notes`` (what the tool did on the user's behalf, e.g. tidied a section
name) and ``warnings`` (what the user should know, e.g. no ``bulletin.toml`` was found); results
of checking carry the ``Finding`` objects of the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article
from ..records import field, record
from .base import Result

if TYPE_CHECKING:
    from ..check.findings import Finding
    from ..model import Issue


@record(kw_only=True)
class ProfileWritten(Result):
    """``init``: the profile written."""

    path: Path


@record(kw_only=True)
class IssueCreated(Result):
    """``new``: the issue file created and the masthead it holds."""

    path: Path
    issue: Issue


@record(frozen=True)
class Submission:
    """One article as a script or the clerk gave it, and where it came from for messages
    (e.g. ``标准输入第 2 行``)."""

    fields: Article | dict[str, object]
    origin: str


@record(kw_only=True)
class ArticlesAdded(Result):
    """``add``: the articles written, their 1-based numbers, and what the rules said.

    ``findings`` are the warnings of the article rules (and, with ``force``, the errors
    written anyway); each finding's ``article`` is the article's place among those added."""

    path: Path
    articles: list[Article]
    numbers: list[int]
    findings: list[Finding] = field(default_factory=list)

    def describe(self, finding: Finding) -> str:
        """A finding of ``findings`` in one line, naming the article when several were added."""
        return describe_article_finding(finding, len(self.articles))


_STOPS = "。？！"


def _sentence(text: str) -> str:
    return text if text.endswith(tuple(_STOPS)) else f"{text}。"


def describe_article_finding(finding: Finding, count: int, *, written: bool = True) -> str:
    """``第 2 篇稿件：S001 栏目……不在栏目目录中。是否应为“工作动态”？``: the message and the
    hint as two sentences (a hint in brackets would hold the fix note in brackets again). The
    article is named only when several are added. ``written``: whether the article is in the
    file; only then does the fix note (``check --fix`` mends it) apply."""
    from ..check.running import FIX_NOTE

    lead = f"第 {finding.article} 篇稿件：" if count > 1 else ""
    hint = (finding.hint or "").removesuffix(f"（{FIX_NOTE}）").removesuffix(FIX_NOTE)
    if written and finding.fix is not None:
        hint = (
            f"{hint}，{FIX_NOTE}" if hint and not hint.endswith(tuple(_STOPS)) else hint + FIX_NOTE
        )
    text = f"{lead}{finding.code} {finding.message}"
    return f"{_sentence(text)}{hint}" if hint else text


@record(frozen=True)
class ArticleRow:
    """One line of ``list``."""

    number: int
    section: str
    title: str
    subtitle: str | None
    sources: list[str]
    characters: int

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "section": self.section,
            "title": self.title,
            "subtitle": self.subtitle,
            "sources": list(self.sources),
            "characters": self.characters,
        }


@record(kw_only=True)
class ArticleList(Result):
    """``list``: an issue file's articles in order."""

    path: Path
    issue: Issue
    rows: list[ArticleRow]

    @property
    def characters(self) -> int:
        return sum(row.characters for row in self.rows)

    def as_dict(self) -> dict[str, object]:
        """The document of ``list --json``."""
        return {
            "path": str(self.path),
            "issue": {
                "number": self.issue.number,
                "total": self.issue.total,
                "date": self.issue.date.isoformat() if self.issue.date else None,
            },
            "articles": [row.as_dict() for row in self.rows],
        }

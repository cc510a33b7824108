"""An issue at a glance (``bulletin show``): masthead, sections, articles, 报尾, pages, findings.

Everything ``show`` prints, gathered in one object so the command only formats it, and a script
gets the same facts from ``bulletin_cli.issue_overview``.
"""

from __future__ import annotations

from pathlib import Path

from ..check.engine import check_loaded
from ..check.findings import Finding
from ..issuefile.store import load_issue
from ..model import Article, Distribution, Issue
from ..profile import Profile
from ..records import field, record
from .profiles import governing_profile


@record(frozen=True, slots=True)
class NumberedArticle:
    """An article with its number in printed order (the N of ``edit``, ``remove``, ``move``)."""

    number: int
    article: Article
    characters: int
    brief: bool


@record(slots=True)
class SectionRun:
    """Consecutive articles of one section, as they print under one 【heading】."""

    section: str
    in_catalogue: bool
    articles: list[NumberedArticle] = field(default_factory=list)


@record(slots=True)
class IssueOverview:
    """One issue as it will print, with its page estimate and check findings."""

    path: Path
    issue: Issue
    name: str
    editor: str
    sections: list[SectionRun]
    distribution: Distribution | None
    pages: int
    max_pages: int | None
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """The warning when no ``bulletin.toml`` governs the issue (the default stands in)."""

    @property
    def articles(self) -> int:
        return sum(len(run.articles) for run in self.sections)

    @property
    def characters(self) -> int:
        return sum(item.characters for run in self.sections for item in run.articles)


def characters_of(article: Article) -> int:
    """The length a clerk counts: characters of the body other than spaces and line ends."""
    return sum(1 for char in article.body if not char.isspace())


def section_runs(issue: Issue, profile: Profile) -> list[SectionRun]:
    """The articles in file order (the printed order), grouped where a section continues."""
    runs: list[SectionRun] = []
    for number, article in enumerate(issue.articles, start=1):
        if not runs or runs[-1].section != article.section:
            in_catalogue = not profile.sections or article.section in profile.sections
            runs.append(SectionRun(article.section, in_catalogue))
        brief = article.section in profile.briefs and not article.title.strip()
        runs[-1].articles.append(NumberedArticle(number, article, characters_of(article), brief))
    return runs


def issue_overview(path: Path | str) -> IssueOverview:
    """Read, estimate and check one issue file (``FileProblem`` when it cannot be read)."""
    path = Path(path)
    loaded = load_issue(path)
    governing = governing_profile(path)
    profile = governing.profile
    issue = loaded.issue
    report = check_loaded(loaded, profile)
    return IssueOverview(
        path=path,
        issue=issue,
        name=issue.name or profile.name,
        editor=issue.editor or profile.editor,
        sections=section_runs(issue, profile),
        distribution=issue.distribution or profile.distribution,
        pages=report.pages,
        max_pages=profile.max_pages,
        findings=list(report.findings),
        warnings=list(governing.warnings),
    )

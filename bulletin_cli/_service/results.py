"""What a service call did: the typed results a command prints and a script reads.

Every result carries ``notes`` (what the tool did on the user's behalf, e.g. tidied a section
name) and ``warnings`` (what the user should know, e.g. no ``bulletin.toml`` was found); results
of checking carry the ``Finding`` objects of the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError, ContentRefused
from ..export.fonts import gap_summary
from ..model import Article

if TYPE_CHECKING:
    from ..check.findings import CheckReport, Finding
    from ..check.fixes import Change
    from ..export.fonts import FontReport, MissingCharacter
    from ..importer import ImportResult
    from ..model import Issue


@dataclass(kw_only=True, slots=True)
class Result:
    """What every result carries besides its own fields."""

    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class ProfileWritten(Result):
    """``init``: the profile written."""

    path: Path


@dataclass(kw_only=True, slots=True)
class IssueCreated(Result):
    """``new``: the issue file created and the masthead it holds."""

    path: Path
    issue: Issue


@dataclass(frozen=True, slots=True)
class Submission:
    """One article as a script or the clerk gave it, and where it came from for messages
    (e.g. ``标准输入第 2 行``)."""

    fields: Article | dict[str, object]
    origin: str


@dataclass(kw_only=True, slots=True)
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


def describe_article_finding(finding: Finding, count: int) -> str:
    """``第 2 篇稿件：S001 栏目…（hint）``; the article is named only when several are added."""
    lead = f"第 {finding.article} 篇稿件：" if count > 1 else ""
    text = f"{lead}{finding.code} {finding.message}"
    return f"{text}（{finding.hint}）" if finding.hint else text


@dataclass(frozen=True, slots=True)
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


@dataclass(kw_only=True, slots=True)
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


@dataclass(kw_only=True, slots=True)
class CheckedFile:
    """One file of ``check``: its report, or the problem that kept it from being checked."""

    path: Path
    report: CheckReport | None = None
    issue: Issue | None = None
    problem: BulletinError | None = None
    fixes: list[Change] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.problem is not None:
            return EXIT_FILE
        assert self.report is not None
        return EXIT_OK if self.report.ok else EXIT_FINDINGS

    def as_dict(self) -> dict[str, object]:
        """The entry of ``check --format json``."""
        if self.report is None:
            return {
                "path": str(self.path),
                "errors": 0,
                "warnings": 0,
                "findings": [],
                "problem": str(self.problem),
            }
        entry = self.report.as_dict(str(self.path))
        if self.fixes:
            entry["fixed"] = [
                {
                    "code": fix.code,
                    "line": fix.line,
                    "article": fix.article,
                    "key": fix.key,
                    "change": fix.describe(),
                }
                for fix in self.fixes
            ]
        return entry


@dataclass(kw_only=True, slots=True)
class CheckRun(Result):
    """``check`` of one or more files."""

    files: list[CheckedFile]

    @property
    def exit_code(self) -> int:
        return max((checked.exit_code for checked in self.files), default=EXIT_OK)


@dataclass(kw_only=True, slots=True)
class ExportOutcome:
    """What happened to one issue of an export."""

    source: Path | None  # None for an ``Issue`` in memory
    out: Path | None = None
    written: bool = False
    refusal: ContentRefused | None = None  # why it was not written (check errors)
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    pages: int | None = None
    problem: BulletinError | None = None  # the file could not be read or written (exit 3)
    backup: Path | None = None  # the earlier DOCX, changed since it was exported, kept here
    pdf: Path | None = None
    pdf_problem: str | None = None
    gaps: list[MissingCharacter] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    @property
    def gap_summary(self) -> str:
        """The characters the GB2312 faces lack, in one line ("" when none)."""
        return gap_summary(self.gaps)

    @property
    def exit_code(self) -> int:
        if self.problem is not None:
            return EXIT_FILE
        if self.refused or self.pdf_problem is not None:
            return EXIT_FINDINGS
        return EXIT_OK


@dataclass(kw_only=True, slots=True)
class ExportRun(Result):
    """``export`` of one or more issues."""

    outcomes: list[ExportOutcome]

    @property
    def exit_code(self) -> int:
        return max((outcome.exit_code for outcome in self.outcomes), default=EXIT_OK)


@dataclass(frozen=True, slots=True)
class IssueGaps:
    """The characters of one issue that its GB2312 faces lack."""

    path: Path
    gaps: list[MissingCharacter]

    @property
    def summary(self) -> str:
        """The characters the GB2312 faces lack, in one line ("" when none)."""
        return gap_summary(self.gaps)


@dataclass(kw_only=True, slots=True)
class FontCheck(Result):
    """``fonts``: the faces of the layout, whether installed, and each issue's missing
    characters. ``installed_known`` is false when the machine cannot say (no fc-list)."""

    report: FontReport
    installed_known: bool
    issues: list[IssueGaps] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Imported(Result):
    """``import``: the issue file written from a past bulletin, and the import's report."""

    source: Path
    path: Path
    result: ImportResult

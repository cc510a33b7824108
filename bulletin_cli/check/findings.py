"""What ``check`` reports: one finding per mistake, and the report of one issue file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..records import field, record

Severity = Literal["error", "warning"]


@record(frozen=True, slots=True)
class Fix:
    """How ``check --fix`` corrects a finding: the article key and its corrected value."""

    key: str
    value: str | list[str]


@record(frozen=True, slots=True)
class Reorder:
    """How ``check --fix`` corrects the order of the articles: ``order[k]`` is the 0-based
    number of the article that goes to place ``k`` (the order export prints them in)."""

    order: tuple[int, ...]


@record(frozen=True, slots=True)
class Finding:
    """One mistake: the rule's code, how bad it is, what and where, and how to fix it.

    ``line`` is the 1-based line in the issue file of the key or table the finding is about;
    ``article`` the 1-based article number, or ``None`` for issue-level findings; ``fix`` the
    correction ``check --fix`` makes (a value, or the articles' order), for the findings of
    fixable rules."""

    code: str
    severity: Severity
    message: str
    hint: str | None
    line: int | None
    article: int | None
    path: Path | None = None
    fix: Fix | Reorder | None = None

    def as_dict(self) -> dict[str, object]:
        """The finding as in ``check --format json`` (docs/cli.md)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "line": self.line,
            "article": self.article,
            "message": self.message,
            "hint": self.hint,
        }


@record(slots=True)
class CheckReport:
    """Everything ``check`` found in one issue file, and its estimated printed pages."""

    path: Path | None
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "warning")

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return self.errors == 0

    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]

    def as_dict(self, path: str | None = None) -> dict[str, object]:
        """The file's entry in ``check --format json``; ``path`` as the user wrote it."""
        shown = path if path is not None else (str(self.path) if self.path else None)
        return {
            "path": shown,
            "errors": self.errors,
            "warnings": self.warnings,
            "pages": self.pages,
            "findings": [finding.as_dict() for finding in self.findings],
        }

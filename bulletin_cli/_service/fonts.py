"""``fonts``: the faces of the layout on this machine, and the characters each issue's GB2312
faces lack (apart from ``exporting.py``, so an export does not build these results)."""

from __future__ import annotations

from pathlib import Path

from ..export.fonts import (
    FontReport,
    MissingCharacter,
    font_report,
    gap_summary,
    gb2312_gaps,
    installed_families,
)
from ..export.writer import layout_of, with_profile_defaults
from ..issuefile.store import load_issue
from ..records import field, record
from .base import Result
from .profiles import ProfileCache


@record(frozen=True)
class IssueGaps:
    """The characters of one issue that its GB2312 faces lack."""

    path: Path
    gaps: list[MissingCharacter]
    summary: str  # ``gaps`` in one line for the clerk ("" when none)


@record(kw_only=True)
class FontCheck(Result):
    """``fonts``: the faces of the layout, whether installed, and each issue's missing
    characters. ``installed_known`` is false when the machine cannot say (no fc-list)."""

    report: FontReport
    installed_known: bool
    issues: list[IssueGaps] = field(default_factory=list)


def font_check(paths: list[Path]) -> FontCheck:
    """The faces of the layout (of the first issue's profile, else the current folder's) and
    whether they are installed; for each issue, the characters its GB2312 faces lack."""
    profiles = ProfileCache()
    profile = profiles.profile(paths[0] if paths else Path.cwd())
    families = installed_families()
    report = font_report(layout_of(profile), installed=families)
    issues = []
    for path in paths:
        issue_profile = profiles.profile(path)
        issue = with_profile_defaults(load_issue(path).issue, issue_profile)
        gaps = gb2312_gaps(issue, layout_of(issue_profile))
        issues.append(IssueGaps(path, gaps, gap_summary(gaps)))
    return FontCheck(
        report=report,
        installed_known=families is not None,
        issues=issues,
        warnings=profiles.warnings,
    )

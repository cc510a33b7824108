"""``check``: the engine that runs the rule table on an issue.

>>> from bulletin_cli.check.engine import check_file
>>> report = check_file("issues/2012-01.toml")  # doctest: +SKIP
>>> report.errors, report.warnings, report.pages  # doctest: +SKIP

The rules are listed in ``codes.py`` and defined by topic in ``rules/``: sections (S),
sources (A), text (T) and the issue as a whole (M, F, P). The engine gives each rule what it
looks at (the issue, the profile, the file's lines, the folder's other issues), turns its hits
into ``Finding``s with the exact line of the key, and attaches the fix of fixable rules
(``running.py``, which also checks one new article for ``add``).
"""

from __future__ import annotations

from pathlib import Path

from ..issuefile.store import LoadedIssue, load_issue
from ..model import Issue
from ..profile import Profile, profile_for
from .codes import RULES, RULES_BY_CODE
from .core import CheckContext, Rule
from .findings import CheckReport, Finding
from .pages import estimated_pages
from .running import check_article as check_article
from .running import run_rules
from .siblings import siblings_of

__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "CheckReport",
    "Finding",
    "Rule",
    "check_article",
    "check_file",
    "check_issue",
    "check_loaded",
]


def check_loaded(
    loaded: LoadedIssue, profile: Profile, *, strict: bool = False, siblings: bool = True
) -> CheckReport:
    """Every finding in a loaded issue file; ``siblings`` reads the other issue files of its
    folder for repeated 期号 and 总第N期 (a sibling that cannot be read is a finding, F003)."""
    ctx = CheckContext(
        issue=loaded.issue,
        profile=profile,
        text=loaded.text,
        positions=loaded.positions,
        path=loaded.path,
        problems=list(loaded.problems),
    )
    if siblings:
        ctx.siblings, ctx.unreadable_siblings = siblings_of(loaded.path)
    findings = run_rules(ctx, RULES, strict=strict)
    return CheckReport(loaded.path, findings, estimated_pages(ctx))


def check_file(
    path: Path | str, *, profile: Profile | None = None, strict: bool = False
) -> CheckReport:
    """Check one issue file with its profile (found beside or above it when ``None``).

    Raises ``FileProblem`` when the file (or its profile) cannot be read or parsed."""
    path = Path(path)
    loaded = load_issue(path)
    return check_loaded(
        loaded, profile if profile is not None else profile_for(path), strict=strict
    )


def check_issue(issue: Issue, profile: Profile, *, strict: bool = False) -> CheckReport:
    """Check an ``Issue`` built in memory (no file: findings carry no lines)."""
    ctx = CheckContext(issue=issue, profile=profile, path=None)
    return CheckReport(None, run_rules(ctx, RULES, strict=strict), estimated_pages(ctx))

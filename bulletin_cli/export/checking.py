"""Export's gate: the rules of ``bulletin check``, applied before an issue is written.

Uses ``rules.check_file`` (the same rules and findings as ``bulletin check``). Where the rules
module is not available, the schema problems found while loading stand in as errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..profile import Profile


@dataclass(slots=True)
class Verdict:
    """The findings of one issue file, as lines for the clerk, and the estimated pages."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None


def _line(path: Path, finding: Any) -> str:
    where = str(getattr(finding, "path", None) or path)
    line = getattr(finding, "line", None)
    if line:
        where += f":{line}"
    text = f"{where}: {finding.message}"
    hint = getattr(finding, "hint", None)
    if hint:
        text += f"（{hint}）"
    return text


def check_for_export(path: Path, profile: Profile) -> Verdict:
    """Run the check rules on ``path``; a ``FileProblem`` propagates (exit 3)."""
    try:
        from ..rules import check_file
    except ImportError:
        return _schema_only(path)
    report = check_file(path, profile=profile)
    verdict = Verdict(pages=getattr(report, "pages", None))
    for finding in report.findings:
        target = verdict.errors if finding.severity == "error" else verdict.warnings
        target.append(_line(path, finding))
    return verdict


def _schema_only(path: Path) -> Verdict:
    from ..store import load_issue

    loaded = load_issue(path)
    verdict = Verdict()
    for problem in loaded.problems:
        line = loaded.positions.line_of(*problem.path) if problem.path else None
        where = f"{path}:{line}" if line else str(path)
        hint = f"（{problem.hint}）" if problem.hint else ""
        verdict.errors.append(f"{where}: {problem.message}{hint}")
    return verdict

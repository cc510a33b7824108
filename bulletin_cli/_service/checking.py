"""``check``: run the rules over issue files (optionally fixing what is mechanical first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check.engine import check_loaded
from ..check.findings import CheckReport
from ..check.fixes import Change, fix_file
from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError, os_problem
from ..issuefile.store import load_issue
from ..model import Issue
from .base import Result
from .paths import expand_folders
from .profiles import ProfileCache


@dataclass(kw_only=True)
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


@dataclass(kw_only=True)
class CheckRun(Result):
    """``check`` of one or more files."""

    files: list[CheckedFile]

    @property
    def exit_code(self) -> int:
        return max((checked.exit_code for checked in self.files), default=EXIT_OK)


def check_files(paths: list[Path], *, strict: bool = False, fix: bool = False) -> CheckRun:
    """Check every issue file (a folder: the issue files in it); one file's problem never
    stops the others. With ``fix``, each file's mechanical fixes are applied first."""
    profiles = ProfileCache()
    files = [_check_one(path, profiles, strict=strict, fix=fix) for path in expand_folders(paths)]
    return CheckRun(files=files, warnings=profiles.warnings)


def _check_one(path: Path, profiles: ProfileCache, *, strict: bool, fix: bool) -> CheckedFile:
    checked = CheckedFile(path=path)
    try:
        profile = profiles.profile(path)
        if fix:
            checked.fixes = fix_file(path, profile=profile)
        loaded = load_issue(path)
        checked.report = check_loaded(loaded, profile, strict=strict)
        checked.issue = loaded.issue
    except BulletinError as err:
        checked.problem = err
    except OSError as err:
        checked.problem = os_problem(err, path)
    return checked


@dataclass(frozen=True, slots=True)
class NameChoice:
    """A section or unit of article ``article`` outside the catalogue with several close
    entries: ``check --fix`` leaves it, and at a terminal the clerk chooses one."""

    path: Path
    article: int
    key: str
    """``section`` or ``sources``."""
    name: str
    candidates: tuple[str, ...]


def name_choices(path: Path) -> list[NameChoice]:
    """The sections and units of ``path`` that ``check --fix`` could not mend because several
    catalogue entries are close (see ``check.core.close_names``)."""
    from ..check.core import close_names
    from ..check.rules.sections import canonical_section
    from ..check.rules.sources import fixed_sources
    from ..profile import profile_for
    from ..textclean import clean_section

    profile = profile_for(path)
    issue = load_issue(path).issue
    choices: list[NameChoice] = []
    known = set(profile.units)
    for number, article in enumerate(issue.articles, start=1):
        section = clean_section(article.section)
        if profile.sections and canonical_section(article.section, profile) is None:
            close = close_names(section, profile.sections)
            if len(close) > 1:
                choices.append(NameChoice(path, number, "section", section, tuple(close)))
        if not profile.units:
            continue
        for unit in fixed_sources(article.sources, profile, known):
            close = [] if unit in known else close_names(unit, profile.units)
            if len(close) > 1:
                choices.append(NameChoice(path, number, "sources", unit, tuple(close)))
    return choices

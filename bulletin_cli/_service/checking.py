"""``check``: run the rules over issue files (optionally fixing what is mechanical first)."""

from __future__ import annotations

from pathlib import Path

from ..check.engine import check_loaded
from ..check.fixes import fix_file
from ..errors import BulletinError
from ..issuefile.store import issue_files, load_issue
from .profiles import ProfileCache
from .results import CheckedFile, CheckRun


def expand_folders(paths: list[Path]) -> list[Path]:
    """The paths given, a folder standing for the issue files in it."""
    expanded: list[Path] = []
    for path in paths:
        inside = issue_files(path) if path.is_dir() else []
        expanded.extend(inside or [path])
    return expanded


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
    return checked

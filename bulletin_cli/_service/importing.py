"""``import``: a past bulletin (.txt or .docx) becomes an issue file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileProblem, InputProblem, os_problem
from ..importer import ImportResult, import_file
from ..issuefile.store import save_issue
from ..pictures import forget_pictures, keep_pictures
from ..profile import Profile, find_profile, load_profile
from .base import Result
from .paths import make_folder
from .profiles import governing_profile


@dataclass(kw_only=True)
class Imported(Result):
    """``import``: the issue file written from a past bulletin, and the import's report."""

    source: Path
    path: Path
    result: ImportResult


def read_bulletin(
    source: Path,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    profile: Profile | None = None,
) -> ImportResult:
    """A past bulletin as an ``Issue`` with the report of what was guessed."""
    _require_positive(number=number, total=total)
    return import_file(source, number=number, total=total, date=date, profile=profile)


def import_to_file(
    source: Path,
    output: Path,
    *,
    number: int | None = None,
    total: int | None = None,
    date: dt.date | None = None,
    force: bool = False,
) -> Imported:
    """Import ``source`` into the issue file ``output`` (never over one unless ``force``),
    with the profile governing ``output`` (else the one governing ``source``)."""
    _require_positive(number=number, total=total)
    try:
        exists = output.exists()
    except OSError as err:
        raise os_problem(err, output) from None
    if exists and not force:
        raise FileProblem(output, "文件已存在，不会覆盖", hint="确需覆盖时加 --force")
    warnings: list[str] = []
    found = find_profile(output) or find_profile(source)
    if found is not None:
        profile = load_profile(found)
    else:
        governing = governing_profile(output)
        profile, warnings = governing.profile, governing.warnings
    result = read_bulletin(source, number=number, total=total, date=date, profile=profile)
    make_folder(output.parent)
    written = keep_pictures(output, result.issue.articles, result.report.pictures)
    try:
        save_issue(output, result.issue, overwrite=force)
    except BaseException:
        forget_pictures(written)
        raise
    return Imported(source=source, path=output, result=result, warnings=warnings)


def _require_positive(*, number: int | None, total: int | None) -> None:
    for option, value in (("--number", number), ("--total", total)):
        if value is not None and value < 1:
            raise InputProblem(f"{option} 应是正整数")

"""``export``: the one path from an issue to its DOCX (the PDF: ``pdfs.py``).

Every export, of one issue or a batch, by the CLI or a script, an issue file or an ``Issue`` in
memory, goes through ``_judge`` (load, check) and ``_refusal``: an issue with check errors is
refused unless ``force``. Re-exporting over a DOCX that was changed since the tool wrote it
keeps the changed one as a backup: what the tool writes has fixed zip dates (1980-01-01),
``<Application>bulletin</Application>`` and revision 1, and Word, WPS or LibreOffice saving
the file changes all three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..check.engine import check_issue, check_loaded
from ..check.findings import CheckReport, Finding
from ..check.rules.issue import sibling_snapshot
from ..errors import (
    EXIT_FILE,
    EXIT_FINDINGS,
    EXIT_OK,
    BulletinError,
    ContentRefused,
    InputProblem,
    os_problem,
)
from ..export.fonts import (
    MissingCharacter,
    gap_summary,
    gb2312_gaps,
    layout_faces,
)
from ..export.writer import build_docx, default_output, layout_of, with_profile_defaults
from ..issuefile.store import load_issue
from ..model import Issue
from ..outputs import write_keeping_edits
from ..profile import DEFAULT_PROFILE, Profile
from .base import Result
from .paths import expand_folders, make_folder
from .profiles import ProfileCache

if TYPE_CHECKING:
    from ..export.pdf import FaceSubstitute


@dataclass(kw_only=True)
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
    gap_summary: str = ""  # ``gaps`` in one line for the clerk
    faces: list[str] = field(default_factory=list)  # the faces of its layout
    # faces of the layout this machine lacks, and what the PDF sets their text in
    substitutes: list[FaceSubstitute] = field(default_factory=list)
    substitute_summary: str = ""  # ``substitutes`` in one line for the clerk

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    @property
    def exit_code(self) -> int:
        # no PDF (LibreOffice missing, without uno, ended or hung): exit 3 like preview
        if self.problem is not None or self.pdf_problem is not None:
            return EXIT_FILE
        if self.refused:
            return EXIT_FINDINGS
        return EXIT_OK


@dataclass(kw_only=True)
class ExportRun(Result):
    """``export`` of one or more issues."""

    outcomes: list[ExportOutcome]
    wants_pdf: bool = False  # PDFs asked for (``pdf`` or an ``out`` ending in .pdf): pdfs.py

    @property
    def exit_code(self) -> int:
        return max((outcome.exit_code for outcome in self.outcomes), default=EXIT_OK)


@dataclass(frozen=True, slots=True)
class _Judged:
    issue: Issue
    profile: Profile
    report: CheckReport
    shown: str  # how messages name the issue: its path, or "" in memory
    base: Path | None = None  # the issue file's folder, where its pictures are


def _judge(
    source: Path | Issue, profile: Profile | None, profiles: ProfileCache | None = None
) -> _Judged:
    """Load (an issue file) and check the issue with its profile."""
    if isinstance(source, Issue):
        profile = profile or DEFAULT_PROFILE
        return _Judged(source, profile, check_issue(source, profile), "")
    loaded = load_issue(source)
    if profile is None:
        profile = (profiles or ProfileCache()).profile(source)
    report = check_loaded(loaded, profile)
    return _Judged(loaded.issue, profile, report, f"{source}: ", source.parent)


def _refusal(judged: _Judged) -> ContentRefused:
    report = judged.report
    first = next(f for f in report.findings if f.severity == "error")
    return ContentRefused(
        f"{judged.shown}有 {report.errors} 个错误，未导出（{first.code} {first.message}）",
        hint="运行 bulletin check 查看并改正，或加 --force 强制导出",
    )


def export_bytes(
    source: Path | Issue, *, profile: Profile | None = None, force: bool = False
) -> bytes:
    """The DOCX of an issue file (or ``Issue``), refused on check errors unless ``force``."""
    judged = _judge(source, profile)
    if judged.report.errors and not force:
        raise _refusal(judged)
    return build_docx(judged.issue, judged.profile, judged.base)


def export_to_file(
    source: Path | Issue,
    out: Path | None = None,
    *,
    profile: Profile | None = None,
    force: bool = False,
) -> ExportOutcome:
    """Write the DOCX of one issue file (or ``Issue``); raises what ``export_one`` records."""
    if out is None:
        if isinstance(source, Issue):
            raise InputProblem("导出内存中的一期时要给出输出文件名（out）")
        out = default_output(source)
    outcome = export_one(source, out, force=force, profile=profile)
    if outcome.problem is not None:
        raise outcome.problem
    if outcome.refused:
        assert outcome.refusal is not None
        raise outcome.refusal
    return outcome


def export_one(
    source: Path | Issue,
    target: Path,
    *,
    force: bool = False,
    profile: Profile | None = None,
    profiles: ProfileCache | None = None,
    fonts: bool = False,
) -> ExportOutcome:
    """Check and export one issue; a problem of that issue is recorded, never raised."""
    outcome = ExportOutcome(source=source if isinstance(source, Path) else None, out=target)
    try:
        judged = _judge(source, profile, profiles)
        outcome.pages = judged.report.pages
        outcome.faces = list(layout_faces(layout_of(judged.profile)))
        for finding in judged.report.findings:
            kind = outcome.errors if finding.severity == "error" else outcome.warnings
            kind.append(finding)
        if fonts:
            issue = with_profile_defaults(judged.issue, judged.profile)
            outcome.gaps = gb2312_gaps(issue, layout_of(judged.profile))
            outcome.gap_summary = gap_summary(outcome.gaps)
        if outcome.errors and not force:
            outcome.refusal = _refusal(judged)
            return outcome
        outcome.backup = _write_keeping_edits(
            target, build_docx(judged.issue, judged.profile, judged.base)
        )
        outcome.written = True
    except BulletinError as err:
        outcome.problem = err
    except OSError as err:
        outcome.problem = os_problem(err, target)
    return outcome


def _write_keeping_edits(target: Path, data: bytes) -> Path | None:
    """Write ``data`` to ``target`` atomically; a DOCX there that the tool did not write as it
    stands (edited in Word since, or someone else's) is first copied to a backup, returned."""
    created = _missing_folders(target.parent)
    make_folder(target.parent)
    try:
        backup = write_keeping_edits(target, data)
    except BaseException:
        _remove_empty(created)  # a failed export (a full disk) leaves no empty build/ behind
        raise
    return backup


def _missing_folders(folder: Path) -> list[Path]:
    """The folders of ``folder``'s path that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (another process wrote there) or already gone
            return


def output_paths(sources: list[Path], out: Path | None) -> tuple[list[Path], bool]:
    """Where each issue's DOCX goes, and whether ``out`` asked for a PDF by its name.

    ``out`` itself for one issue and an ``out`` ending in ``.docx``; for ``.pdf`` the PDF goes
    there and the DOCX beside it; else ``out/NAME.docx``; without ``out``, ``build/NAME.docx``
    beside each issue."""
    if out is None:
        return [default_output(source) for source in sources], False
    suffix = out.suffix.lower()
    if suffix in (".docx", ".pdf") and not out.is_dir():
        if len(sources) > 1:
            raise InputProblem(
                f"导出多期时 -o 应是一个文件夹，而不是 {out}",
                hint="例如：bulletin export issues/*.toml -o 导出",
            )
        return [out.with_suffix(".docx")], suffix == ".pdf"
    targets = [out / f"{source.stem}.docx" for source in sources]
    seen: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise InputProblem(
                f"有两期都会导出为 {target}（{seen[target].name} 和 {source.name} 重名）",
                hint="分两次导出到不同的文件夹",
            )
        seen[target] = source
    return targets, False


def export_issues(
    paths: list[Path],
    out: Path | None = None,
    *,
    force: bool = False,
    pdf: bool = False,
    progress: Callable[[ExportOutcome, int], None] | None = None,
) -> ExportRun:
    """Export every issue file (a folder: the issue files in it); one failing file never
    stops the others. The run says whether PDFs were asked for (``pdf`` or an ``out`` ending in
    ``.pdf``): ``pdfs.add_pdfs`` makes them in one LibreOffice run after the DOCX files."""
    sources = expand_folders(paths)
    targets, pdf_by_name = output_paths(sources, out)
    profiles = ProfileCache()
    outcomes = []
    with sibling_snapshot():  # each folder's other issues are read once for the batch
        for source, target in zip(sources, targets, strict=True):
            outcome = export_one(source, target, force=force, profiles=profiles, fonts=True)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome, len(sources))
    return ExportRun(outcomes=outcomes, warnings=profiles.warnings, wants_pdf=pdf or pdf_by_name)

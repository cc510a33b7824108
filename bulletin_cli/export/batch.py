"""Export several issue files: check each with the rules of ``bulletin check``, write the DOCX
of those without errors (or all with ``force``), optionally convert them to PDF.

One failing file never stops the others; each outcome carries its exit code (docs/cli.md:
3 unreadable, 1 refused or failed, 0 done).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check.findings import Finding
from ..errors import EXIT_FILE, EXIT_FINDINGS, EXIT_OK, BulletinError, InputProblem
from ..profile import Profile
from .fonts import MissingCharacter
from .pdf import FaceSubstitute


@dataclass(slots=True)
class ExportOutcome:
    """What happened to one issue file."""

    source: Path
    out: Path | None = None
    written: bool = False
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    pages: int | None = None
    problem: str | None = None  # the file could not be read or written (exit 3)
    pdf: Path | None = None
    pdf_problem: str | None = None
    gaps: list[MissingCharacter] = field(default_factory=list)
    # official faces this machine lacks, and what the PDF sets their text in
    substitutes: list[FaceSubstitute] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors) and not self.written

    @property
    def exit_code(self) -> int:
        if self.problem is not None:
            return EXIT_FILE
        if self.refused or self.pdf_problem is not None:
            return EXIT_FINDINGS
        return EXIT_OK


def output_paths(sources: list[Path], out: Path | None) -> list[Path]:
    """Where each issue's DOCX goes: ``out`` itself for one issue named ``*.docx``, else
    ``out/NAME.docx``; without ``out``, ``build/NAME.docx`` beside each issue."""
    from .writer import default_output

    if out is None:
        return [default_output(source) for source in sources]
    if out.suffix.lower() == ".docx" and not out.is_dir():
        if len(sources) > 1:
            raise InputProblem(
                f"导出多期时 -o 应是一个文件夹，而不是 {out}",
                hint="例如：bulletin export issues/*.toml -o 导出",
            )
        return [out]
    targets = [out / f"{source.stem}.docx" for source in sources]
    seen: set[Path] = set()
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise InputProblem(
                f"有两期都会导出为 {target}（{source.name} 重名）",
                hint="分两次导出到不同的文件夹",
            )
        seen.add(target)
    return targets


def export_one(
    source: Path, target: Path, *, force: bool = False, profile: Profile | None = None
) -> ExportOutcome:
    """Check and export one issue file; never raises for a problem of that file."""
    from ..check.engine import check_loaded
    from ..issuefile.store import load_issue
    from ..profile import profile_for
    from .fonts import gb2312_gaps
    from .writer import build_docx, layout_of, with_profile_defaults, write_output

    outcome = ExportOutcome(source, target)
    try:
        if profile is None:
            profile = profile_for(source)
        loaded = load_issue(source)
        report = check_loaded(loaded, profile)
        outcome.pages = report.pages
        for finding in report.findings:
            (outcome.errors if finding.severity == "error" else outcome.warnings).append(finding)
        outcome.gaps = gb2312_gaps(with_profile_defaults(loaded.issue, profile), layout_of(profile))
        if outcome.errors and not force:
            return outcome
        write_output(target, build_docx(loaded.issue, profile))
        outcome.written = True
    except BulletinError as err:
        outcome.problem = str(err)
    except OSError as err:  # e.g. the output folder cannot be created
        outcome.problem = f"{target}: 无法写入：{err.strerror}"
    return outcome


def export_files(
    sources: list[Path],
    out: Path | None = None,
    *,
    force: bool = False,
    pdf: bool = False,
    progress: Callable[[ExportOutcome], None] | None = None,
) -> list[ExportOutcome]:
    """Export every issue file; PDFs (if asked) in one LibreOffice run after the DOCX files.

    Raises ``InputProblem`` when ``out`` cannot hold the outputs; ``PdfUnavailable`` is
    recorded on each outcome, not raised."""
    from ..check.rules.issue import sibling_snapshot

    targets = output_paths(sources, out)
    outcomes = []
    profiles: dict[Path, Profile] = {}  # issues of one folder share their profile
    with sibling_snapshot():  # each folder's other issues are read once for the batch
        for source, target in zip(sources, targets, strict=True):
            profile = profiles.get(source.parent)
            if profile is None:
                try:
                    profile = profiles[source.parent] = _profile_for(source)
                except BulletinError:
                    profile = None  # reported by export_one, with the file's name
            outcome = export_one(source, target, force=force, profile=profile)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    if pdf:
        add_pdfs([o for o in outcomes if o.written])
    return outcomes


def _profile_for(source: Path) -> Profile:
    from ..profile import profile_for

    return profile_for(source)


def _pdf_substitutes(source: Path) -> list[FaceSubstitute]:
    from .fonts import layout_faces
    from .pdf import face_substitutes
    from .writer import layout_of

    try:
        return face_substitutes(layout_faces(layout_of(_profile_for(source))))
    except BulletinError:
        return []


def add_pdfs(outcomes: list[ExportOutcome]) -> None:
    """Convert the written DOCX files to PDF, recording each result on its outcome."""
    from .pdf import PdfUnavailable, convert_to_pdf, pdf_page_count

    documents = [o.out for o in outcomes if o.out is not None]
    if not documents:
        return
    try:
        results = convert_to_pdf(documents)
    except PdfUnavailable as err:
        for outcome in outcomes:
            outcome.pdf_problem = str(err)
        return
    except BulletinError as err:
        for outcome in outcomes:
            outcome.pdf_problem = str(err)
        return
    for outcome in outcomes:
        assert outcome.out is not None
        result = results.get(outcome.out, "LibreOffice 没有生成 PDF")
        if isinstance(result, Path):
            outcome.pdf = result
            outcome.pages = pdf_page_count(result) or outcome.pages
            outcome.substitutes = _pdf_substitutes(outcome.source)
        else:
            outcome.pdf_problem = f"{outcome.out}: PDF 转换失败：{result}"

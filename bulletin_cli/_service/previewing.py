"""``bulletin preview``: check and build an issue's DOCX as export does, then draw its pages
(the LibreOffice and PDF machinery is ``export/render.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import BulletinError
from ..export.fonts import layout_faces
from ..export.pdf import FaceSubstitute, face_substitutes, substitute_summary
from ..export.render import (
    DEFAULT_DPI,
    Office,
    new_office,
    open_in_viewer,
    render_docx,
    watch_file,
)
from ..export.writer import layout_of
from ..records import field, record
from .base import Result


@record(kw_only=True)
class PreviewResult(Result):
    """The pictures of one issue's pages, and the PDF they were drawn from."""

    source: Path
    pdf: Path
    pages: list[Path]
    # official faces this machine lacks, and what the pages set their text in
    substitutes: list[FaceSubstitute] = field(default_factory=list)
    substitute_summary: str = ""  # ``substitutes`` in one line for the clerk
    opened: bool | None = None  # the first page shown in a viewer; None: not asked


def preview_file(
    source: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    dpi: int = DEFAULT_DPI,
    open_first: bool = False,
    office: Office | None = None,
) -> PreviewResult:
    """Check and build the DOCX of an issue file as export does (refused on check errors
    unless ``force``), then draw its pages: ``out/NAME.pdf`` and ``out/NAME-01.png`` …"""
    from .exporting import export_bytes
    from .profiles import ProfileCache

    profiles = ProfileCache()
    profile = profiles.profile(source)
    docx = export_bytes(source, profile=profile, force=force)
    folder = out if out is not None else default_preview_folder(source)
    pdf, pages = render_docx(source.stem, docx, folder, office=office, dpi=dpi)
    substitutes = face_substitutes(layout_faces(layout_of(profile)))
    result = PreviewResult(
        source=source,
        pdf=pdf,
        pages=pages,
        substitutes=substitutes,
        substitute_summary=substitute_summary(substitutes),
        warnings=profiles.warnings,
    )
    if open_first and pages:
        result.opened = open_in_viewer(pages[0])
    return result


def watch_preview(
    source: Path,
    out: Path | None,
    on_render: Callable[[PreviewResult | BulletinError], None],
    *,
    force: bool = False,
    dpi: int = DEFAULT_DPI,
    open_first: bool = False,
    interval: float = 0.3,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """``preview_file`` now and after each save of ``source``, with one ``Office`` kept
    running; a render that fails is passed to ``on_render`` as its error and watching goes on."""
    with new_office() as office:
        rendered = False

        def render() -> None:
            nonlocal rendered
            try:
                result = preview_file(
                    source,
                    out,
                    force=force,
                    dpi=dpi,
                    open_first=open_first and not rendered,
                    office=office,
                )
            except BulletinError as err:
                on_render(err)
                return
            rendered = True
            on_render(result)

        watch_file(source, render, interval=interval, should_stop=should_stop)


def default_preview_folder(issue_path: Path) -> Path:
    """Where an issue's pictures go without ``-o``: ``build/NAME-preview`` beside the issue."""
    return issue_path.parent / "build" / f"{issue_path.stem}-preview"

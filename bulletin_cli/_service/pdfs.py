"""``export --pdf``: the written DOCX files converted to PDF in one LibreOffice run.

Apart from ``exporting.py`` so that an export to DOCX alone does not load the converter.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BulletinError
from ..export.pdf import (
    PdfUnavailable,
    convert_to_pdf,
    face_substitutes,
    pdf_page_count,
    substitute_summary,
)
from .exporting import ExportOutcome, ExportRun


def add_pdfs(run: ExportRun) -> None:
    """Convert the DOCX files the run wrote to PDF, recording each result on its outcome."""
    _convert([outcome for outcome in run.outcomes if outcome.written])


def _convert(outcomes: list[ExportOutcome]) -> None:
    documents = [o.out for o in outcomes if o.out is not None]
    if not documents:
        return
    try:
        results = convert_to_pdf(documents)
    except (PdfUnavailable, BulletinError) as err:
        for outcome in outcomes:
            outcome.pdf_problem = str(err)
        return
    for outcome in outcomes:
        assert outcome.out is not None
        result = results.get(outcome.out, "LibreOffice 没有生成 PDF")
        if isinstance(result, Path):
            outcome.pdf = result
            outcome.pages = pdf_page_count(result) or outcome.pages
            outcome.substitutes = face_substitutes(outcome.faces)
            outcome.substitute_summary = substitute_summary(outcome.substitutes)
        else:
            outcome.pdf_problem = f"{outcome.out}: PDF 转换失败：{result}"

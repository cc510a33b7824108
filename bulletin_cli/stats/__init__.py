"""信息采用统计: what each 供稿单位 had adopted across a period's issues, and the 通报.

``count_adoption`` reads issue files (each once) and counts them into an ``AdoptionReport``;
``report_dict`` and ``report_csv`` give it to scripts and spreadsheets; ``notice_docx`` makes
the 通报 in the official layout. See docs/stats.md.
"""

from __future__ import annotations

from .counting import AdoptionReport, RepeatedIssue, UnitTally, count_adoption, count_records
from .formats import CSV_ENCODING, output_kind, report_csv, report_dict, write_report
from .notice import notice_docx, notice_title
from .period import Period, make_period
from .units import LikelyDuplicate

__all__ = [
    "CSV_ENCODING",
    "AdoptionReport",
    "LikelyDuplicate",
    "Period",
    "RepeatedIssue",
    "UnitTally",
    "count_adoption",
    "count_records",
    "make_period",
    "notice_docx",
    "notice_title",
    "output_kind",
    "report_csv",
    "report_dict",
    "write_report",
]

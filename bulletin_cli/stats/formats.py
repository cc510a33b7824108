"""The report for scripts and spreadsheets: JSON (``stats --format json``) and CSV.

The JSON keeps the documented keys (``year``, ``issues``, ``articles``, ``units`` with ``unit``,
``articles``, ``joint``, ``by_section``, ``by_month``) and adds what else the report knows.
The CSV opens correctly in Excel: UTF-8 with a byte-order mark, CRLF line ends.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from ..errors import ContentRefused, FileProblem, InputProblem, os_reason
from ..kinds import issue_label
from ..model import Adoption
from ..scoring import points_number, points_text
from .counting import AdoptionReport, RecordEntry, UnitTally

OUTPUT_KINDS = {".docx": "notice", ".csv": "csv", ".json": "json"}

CSV_HEADER = ("单位", "采用篇数", "联合篇数")
"""The CSV's first columns, in Chinese: the clerk opens it in Excel and prints it."""

CSV_SCORING = ("上级采用", "批示", "积分")
"""The columns after the sections when the profile has ``[scoring]``."""

CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a BOM: without it Excel on a Chinese Windows reads the file as GBK."""


def _unit_entry(tally: UnitTally, sections: list[str], *, scored: bool) -> dict[str, object]:
    by_section = {name: tally.by_section[name] for name in sections if tally.by_section[name]}
    entry: dict[str, object] = {
        "unit": tally.unit,
        "articles": tally.articles,
        "joint": tally.joint,
        "by_section": by_section,
        "by_month": dict(sorted(tally.by_month.items())),
        "rank": tally.rank,
        "known": tally.known,
    }
    if scored:
        entry["score"] = points_number(tally.score)
        entry["adopted"] = tally.adopted
        entry["instructions"] = tally.instructions
    return entry


def _record_entry(entry: RecordEntry) -> dict[str, object]:
    item = entry.item
    record = entry.record
    return {
        "path": str(record.path),
        "issue": issue_label(record.number, record.kind),
        "date": record.date.isoformat() if record.date else None,
        "article": entry.number,
        "title": entry.title,
        "units": list(entry.units),
        "by": item.by,
        "level": item.level,
        "on": item.date.isoformat() if item.date else None,
        **({"form": item.form} if isinstance(item, Adoption) else {}),
        "points": points_number(entry.points) if entry.points is not None else None,
    }


def report_dict(report: AdoptionReport) -> dict[str, object]:
    """The JSON document of ``stats --format json``."""
    period = report.period
    return {
        "year": report.year,
        "issues": len(report.counted),
        "articles": report.articles,
        "units": [
            _unit_entry(tally, report.sections, scored=report.scoring is not None)
            for tally in report.units
        ],
        "quarter": period.quarter,
        "from": period.start.isoformat() if period.start else None,
        "to": period.end.isoformat() if period.end else None,
        "counted": report.issue_range(),
        "joint_articles": report.joint_articles,
        "attributions": report.attributions,
        "unattributed": report.unattributed,
        "sections": report.sections,
        "zero_units": report.zero_units,
        "left_out": len(report.left_out),
        "duplicates": [
            {"units": list(item.units), "reason": item.reason} for item in report.duplicates
        ],
        "repeated_issues": [
            {
                "year": item.year,
                "number": item.number,
                "kind": item.kind,
                "paths": [str(p) for p in item.paths],
            }
            for item in report.repeated
        ],
        "undated": [str(path) for path in report.undated],
        "kind": report.kind,
        "kinds": report.kinds,
        "failed": [{"path": str(item.path), "message": item.message} for item in report.failed],
        **(_scoring_entries(report) if report.scoring is not None else {}),
    }


def _scoring_entries(report: AdoptionReport) -> dict[str, object]:
    """What a report with ``[scoring]`` adds: the total and every record that scored."""
    return {
        "score": points_number(report.total_score),
        "adoptions": [_record_entry(entry) for entry in report.adoptions],
        "instructions": [_record_entry(entry) for entry in report.instructions],
    }


def report_csv(report: AdoptionReport) -> str:
    """单位, 采用篇数, 联合篇数 and one column per section in catalogue order, then 上级采用,
    批示, 积分 with ``[scoring]``; a row per unit (ranked, units with 0 included). Encode with
    ``CSV_ENCODING``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    scored = report.scoring is not None
    rows = [[*CSV_HEADER, *report.sections, *(CSV_SCORING if scored else ())]]
    for tally in report.units:
        counts = [tally.by_section[name] for name in report.sections]
        scores = [tally.adopted, tally.instructions, points_text(tally.score)] if scored else []
        rows.append([tally.unit, tally.articles, tally.joint, *counts, *scores])
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])  # every cell, header too
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that Excel and WPS show as text, never run as a formula: a text beginning
    with ``= + - @``, a tab or a carriage return gets a leading ``'`` (OWASP's advice on CSV
    injection); numbers, and texts that are plain numbers (a score of -1.5), stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def output_kind(path: Path) -> str:
    """What ``-o`` writes, by the name's suffix: ``notice`` (.docx), ``csv`` or ``json``."""
    kind = OUTPUT_KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputProblem(
            f"不知道要把统计写成什么格式：{path.name}",
            hint="文件名以 .docx（通报）、.csv（表格）或 .json 结尾",
        )
    return kind


def write_report(
    report: AdoptionReport, out: Path, *, date: dt.date, backups: list[Path] | None = None
) -> Path:
    """Write ``report`` atomically as ``out``'s suffix says (see ``output_kind``); the 通报 is
    dated ``date`` and refused (``ContentRefused``) when no issue was counted. A file at
    ``out`` that the tool did not write as it stands is kept as a （改动备份）, appended to
    ``backups`` (see ``outputs``)."""
    from ..outputs import write_keeping_edits
    from .notice import notice_docx

    kind = output_kind(out)
    if kind == "notice":
        if not report.counted:
            raise ContentRefused(
                "所选时段内没有一期简报，未生成通报", hint="检查 --year 等时段和文件夹"
            )
        data = notice_docx(report, date=date)
    elif kind == "csv":
        data = report_csv(report).encode(CSV_ENCODING)
    else:
        data = (json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n").encode()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileProblem(out.parent, f"无法建立文件夹：{os_reason(err)}") from None
    backup = write_keeping_edits(out, data)
    if backup is not None and backups is not None:
        backups.append(backup)
    return out

"""The one rule for every ``-o``: a file there that the tool did not write as it stands (a
通报 edited by hand in Word, a spreadsheet someone keeps, the target of a link) is copied to
``NAME（改动备份）.ext`` before the new one is written, atomically, over it; a file the tool
wrote and nobody changed since is simply replaced. ``export``, ``stats -o`` (DOCX, CSV,
JSON) keep it; ``import -o`` and ``new`` never replace a file without ``--force``.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from .errors import FileProblem, os_reason
from .issuefile.atomic import atomic_write

_TOOL_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def written_by_tool(data: bytes, suffix: str) -> bool:
    """Whether ``data`` is an output as the tool writes it, unchanged since: a DOCX with the
    tool's fixed zip dates and first revision, a CSV with the stats header, a stats JSON."""
    suffix = suffix.lower()
    if suffix == ".docx":
        return _docx_by_tool(data)
    if suffix == ".csv":
        from .stats.formats import CSV_ENCODING, CSV_HEADER

        first = data.split(b"\r\n", 1)[0]
        return first.startswith(",".join(CSV_HEADER).encode(CSV_ENCODING))
    if suffix == ".json":
        import json  # not on export's path

        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return False
        return isinstance(document, dict) and {"year", "units", "counted"} <= set(document)
    return False


def _docx_by_tool(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if any(info.date_time != _TOOL_ZIP_DATE for info in archive.infolist()):
                return False
            app = archive.read("docProps/app.xml")
            core = archive.read("docProps/core.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError):
        return False
    return b"<Application>bulletin</Application>" in app and b"<cp:revision>1<" in core


def write_keeping_edits(target: Path, data: bytes) -> Path | None:
    """Write ``data`` to ``target`` atomically (through a link, to its target); a file there
    that the tool did not write as it stands is first copied to a backup, which is returned."""
    backup = None
    try:
        if target.is_file():
            current = target.read_bytes()
            if current != data and not written_by_tool(current, target.suffix):
                backup = backup_name(target)
                shutil.copy2(target, backup)
    except OSError as err:
        raise FileProblem(target, f"无法备份原有的文件：{os_reason(err)}，未写入") from None
    atomic_write(target, data)
    return backup


def backup_name(target: Path) -> Path:
    """``NAME（改动备份）.ext``, or ``（改动备份2）`` … when that is taken."""
    for count in range(1, 10_000):
        mark = "（改动备份）" if count == 1 else f"（改动备份{count}）"
        candidate = target.with_name(f"{target.stem}{mark}{target.suffix}")
        if not candidate.exists():
            return candidate
    raise FileProblem(target, "备份文件太多，无法再备份", hint="清理旧的（改动备份）文件后再写")

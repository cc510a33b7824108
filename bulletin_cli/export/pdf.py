"""PDF through LibreOffice: ``soffice --headless --convert-to pdf``, one run for many files.

LibreOffice is optional; when it is missing, ``PdfUnavailable`` says how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import EXIT_FINDINGS, BulletinError
from .writer import write_output

INSTALL_HINT = (
    "请先安装 LibreOffice（免费）：Windows 和 macOS 从 https://zh-cn.libreoffice.org/ 下载安装；"
    "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui。"
    "装好后重新运行 bulletin export … --pdf。DOCX 文件不受影响，已经写好。"
)
_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
)
TIMEOUT_SECONDS = 600


class PdfUnavailable(BulletinError):
    """LibreOffice is not installed, or it could not convert a file (exit 1)."""

    exit_code = EXIT_FINDINGS


def find_soffice() -> str | None:
    """The LibreOffice program, from ``PATH`` or its usual install places."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _CANDIDATES:
        if os.path.isfile(candidate):
            return candidate
    return None


def pdf_page_count(pdf: Path) -> int | None:
    """The number of pages of a PDF written by LibreOffice (page objects counted)."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    return count or None


def convert_to_pdf(documents: list[Path]) -> dict[Path, Path | str]:
    """Convert DOCX files to PDFs beside them; each maps to its PDF or a problem message.

    Raises ``PdfUnavailable`` when LibreOffice is not installed."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("本机没有安装 LibreOffice，无法生成 PDF", hint=INSTALL_HINT)
    results: dict[Path, Path | str] = {}
    # one LibreOffice run per group of distinct file names (they share an output folder)
    groups: list[list[Path]] = []
    for document in documents:
        for group in groups:
            if all(other.stem != document.stem for other in group):
                group.append(document)
                break
        else:
            groups.append([document])
    for group in groups:
        results.update(_convert_group(soffice, group))
    return results


def _convert_group(soffice: str, documents: list[Path]) -> dict[Path, Path | str]:
    results: dict[Path, Path | str] = {}
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as temp:
        folder = Path(temp)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            *(str(document) for document in documents),
        ]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                if sys.platform == "win32"
                else 0,
            )
            failure = completed.stderr.strip() if completed.returncode else ""
        except subprocess.TimeoutExpired:
            failure = f"LibreOffice 超过 {TIMEOUT_SECONDS} 秒没有完成转换"
        except OSError as err:
            failure = f"无法启动 LibreOffice：{err.strerror}"
        for document in documents:
            produced = folder / "out" / f"{document.stem}.pdf"
            if produced.is_file():
                target = document.with_suffix(".pdf")
                write_output(target, produced.read_bytes())
                results[document] = target
            else:
                results[document] = failure or "LibreOffice 没有生成 PDF"
    return results

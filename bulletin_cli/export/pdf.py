"""PDF through LibreOffice: one LibreOffice for many files (``office.Office``), which lays
each DOCX out as Word does before exporting it (docs/layout.md §7).

LibreOffice is optional; when it is missing, ``PdfUnavailable`` says how to install it.

The LibreOffice started here reads the project's font substitutes (``fontconfig/
substitutes.conf``, after the system configuration, through ``FONTCONFIG_FILE`` of that process
only): where the official faces are missing it sets Song, FangSong, Kai and Hei text in free
faces of the same kind with simplified forms, not in whatever CJK face fontconfig prefers (a
Japanese sans on Debian). ``face_substitutes`` says which faces are replaced, and by what.
Fontconfig is how LibreOffice finds fonts on Linux and the BSDs; on Windows and macOS it uses
the system's own font lookup and the file is ignored.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_FILE, BulletinError
from ..records import record
from .ooxml import esc as escape  # not xml.sax.saxutils: it loads urllib, http and ssl
from .writer import write_output

if TYPE_CHECKING:
    from .office import Office

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
_SYSTEM_FONTCONFIG = (
    "/etc/fonts/fonts.conf",
    "/usr/local/etc/fonts/fonts.conf",
    "/opt/homebrew/etc/fonts/fonts.conf",
)


# no console window flashing up for each LibreOffice run on Windows
NO_WINDOW: int = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0


class PdfUnavailable(BulletinError):
    """LibreOffice is not installed (exit 3)."""

    exit_code = EXIT_FILE


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


def office_environment(folder: Path) -> dict[str, str]:
    """The environment for a LibreOffice process: this one's, with ``FONTCONFIG_FILE`` naming
    a configuration written into ``folder`` that loads the system's and then the substitutes,
    and the temporary folder inside ``folder``."""
    environment = dict(os.environ)
    environment["FONTCONFIG_FILE"] = str(write_fontconfig(folder))
    # its temporary files there too, removed with the folder even when it is ended by force
    temporary = folder / "tmp"
    temporary.mkdir(exist_ok=True)
    for name in ("TMPDIR", "TMP", "TEMP"):
        environment[name] = str(temporary)
    return environment


def write_fontconfig(folder: Path) -> Path:
    """Write ``folder/fonts.conf`` (and the substitutes beside it); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    rules = folder / "bulletin-substitutes.conf"
    rules.write_bytes(
        (resources.files(__package__) / "fontconfig" / "substitutes.conf").read_bytes()
    )
    includes = [
        f'  <include ignore_missing="yes">{escape(path)}</include>' for path in _system_config()
    ]
    includes.append(f"  <include>{escape(str(rules))}</include>")
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n" + "\n".join(includes) + "\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def _system_config() -> list[str]:
    """The configuration fontconfig would read without us: the caller's own, or the system's."""
    chosen = os.environ.get("FONTCONFIG_FILE")
    if chosen:
        return [chosen]
    return [path for path in _SYSTEM_FONTCONFIG if os.path.isfile(path)][:1]


@record(frozen=True, slots=True)
class FaceSubstitute:
    """An official face this machine lacks, and the face LibreOffice sets its text in."""

    face: str
    substitute: str | None  # None: the machine cannot tell (no fontconfig)


def face_substitutes(faces: Iterable[str]) -> list[FaceSubstitute]:
    """The faces among ``faces`` that the PDF sets in a substitute on this machine."""
    return list(_substitutes(tuple(dict.fromkeys(faces))))


@lru_cache(maxsize=8)
def _substitutes(faces: tuple[str, ...]) -> tuple[FaceSubstitute, ...]:
    from .fonts import installed_families

    installed = installed_families()
    fc_match = shutil.which("fc-match")
    if installed is None or fc_match is None:
        return ()
    missing = [face for face in faces if face.casefold() not in installed]
    if not missing:
        return ()
    with tempfile.TemporaryDirectory(prefix="bulletin-fonts-") as temp:
        environment = office_environment(Path(temp))
        return tuple(
            FaceSubstitute(face, _matched_family(fc_match, face, environment)) for face in missing
        )


def _matched_family(fc_match: str, face: str, environment: dict[str, str]) -> str | None:
    try:
        matched = subprocess.run(
            [fc_match, "-f", "%{family[0]}", f"{face}:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return matched or None


def substitute_summary(substitutes: list[FaceSubstitute]) -> str:
    """One line for the clerk: 仿宋_GB2312 → AR PL UMing CN、黑体 → WenQuanYi Zen Hei."""
    return "、".join(f"{s.face} → {s.substitute or '未知字体'}" for s in substitutes)


def convert_to_pdf(documents: list[Path]) -> dict[Path, Path | str]:
    """Convert DOCX files to PDFs beside them, with one LibreOffice; each maps to its PDF or
    a problem message.

    Raises ``PdfUnavailable`` when LibreOffice is not installed and ``office.OfficeFailed``
    when it cannot be started (no Python with ``uno``, say)."""
    from .office import Office, OfficeFailed

    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("本机没有安装 LibreOffice，无法生成 PDF", hint=INSTALL_HINT)
    results: dict[Path, Path | str] = {}
    with Office(soffice) as office:
        for document in documents:
            try:
                results[document] = _convert_one(office, document)
            except OfficeFailed as err:
                results[document] = str(err)
                if not office.running:  # it ended: the rest cannot be converted either
                    for rest in documents:
                        results.setdefault(rest, str(err))
                    break
    return results


def _convert_one(office: Office, document: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as temp:
        produced = Path(temp) / f"{document.stem}.pdf"
        office.convert(document, produced)
        target = document.with_suffix(".pdf")
        write_output(target, produced.read_bytes())
    return target

"""Preview's machinery: an issue's pages as PNG pictures, through LibreOffice's PDF.

The DOCX goes through LibreOffice (``office.Office``: the font substitutes of ``pdf``, the
page layout of Word) to a PDF, which pypdfium2 rasterises; the PNG files are written with the
standard library. ``--watch`` keeps one ``Office`` running: a conversion by a running
LibreOffice takes about a second, against several for a cold start (bench/bench_preview.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..errors import EXIT_FILE, BulletinError, os_reason
from .office import Office as Office
from .orphans import OFFICE_PREFIX as OFFICE_PREFIX
from .orphans import PID_FILE as PID_FILE
from .orphans import end_orphans as end_orphans
from .pdf import find_soffice

DEFAULT_DPI = 150
OFFICE_INSTALL_HINT = (
    "请先安装 LibreOffice（免费）：Windows 从 https://zh-cn.libreoffice.org/ 下载安装包，"
    "双击安装，一路默认即可（装在 C:\\Program Files\\LibreOffice 时 bulletin 能自动找到）；"
    "macOS 同样从该网站下载；Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui。"
    "装好后重新运行 bulletin preview。"
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def render_docx(
    stem: str,
    docx: bytes,
    outdir: Path,
    *,
    office: Office | None = None,
    dpi: int = DEFAULT_DPI,
) -> tuple[Path, list[Path]]:
    """Write ``outdir/STEM.pdf`` of a DOCX and a PNG of each of its pages; returns both.

    With ``office`` a running LibreOffice converts, else one started for this alone."""
    from .writer import write_output

    with tempfile.TemporaryDirectory(prefix="bulletin-preview-") as temp:
        folder = Path(temp)
        document = folder / f"{stem}.docx"
        document.write_bytes(docx)
        produced = folder / f"{stem}.pdf"
        if office is not None:
            office.convert(document, produced)
        else:
            convert_once(document, produced)
        pdf = outdir / f"{stem}.pdf"
        try:
            write_output(pdf, produced.read_bytes())
        except OSError as err:
            raise RenderFailed(f"{pdf}: 无法写入：{os_reason(err)}") from None
    return pdf, render_pages(pdf, outdir, stem, dpi=dpi)


class OfficeMissing(BulletinError):
    """LibreOffice, which draws the pages, is not installed (exit 3)."""

    exit_code = EXIT_FILE


class RenderFailed(BulletinError):
    """LibreOffice or the rasteriser could not produce the pages (exit 3)."""

    exit_code = EXIT_FILE


def require_soffice() -> str:
    """The LibreOffice program, or ``OfficeMissing`` saying how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing("本机没有安装 LibreOffice，无法生成预览图", hint=OFFICE_INSTALL_HINT)
    return soffice


def new_office() -> Office:
    """A LibreOffice for many conversions (``--watch``), started by ``with``."""
    return Office(require_soffice())


def convert_once(document: Path, pdf: Path) -> None:
    """Convert one DOCX to ``pdf`` with a LibreOffice started for it alone (cold)."""
    with Office(require_soffice()) as office:
        office.convert(document, pdf)


# what each page picture of this process showed: (folder, stem, dpi) -> one signature a page.
# --watch draws again only the pages that changed (an edit of one title leaves the others).
_DRAWN: dict[tuple[str, str, int], list[bytes]] = {}


def render_pages(pdf: Path, outdir: Path, stem: str, *, dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write one PNG per page of ``pdf`` as ``outdir/STEM-01.png`` …; returns their paths.

    PDFium draws the pages one by one; their PNG encoding (zlib, which releases the GIL) runs
    on a few threads, a bounded number of pages at a time. A page this process drew before into
    the same file, with the same text at the same places and the same objects (rules,
    pictures) at the same places, is not drawn again while its file is there. Pictures of pages
    beyond the new last page (left by a longer earlier preview) are removed, so the folder
    always shows the issue as it is."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        raise RenderFailed(
            f"{pdf}: 无法读取 LibreOffice 生成的 PDF（文件不完整或已损坏）"
        ) from None
    key = (str(outdir.resolve()), stem, dpi)
    before = _DRAWN.get(key, [])
    drawn: list[bytes] = []
    workers = min(4, os.cpu_count() or 1)
    pages: list[Path] = []
    pending: list[Future[None]] = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for index in range(len(document)):
                page = document[index]
                target = outdir / f"{stem}-{index + 1:02d}.png"
                signature = page_signature(page)
                drawn.append(signature)
                pages.append(target)
                if index < len(before) and before[index] == signature and target.is_file():
                    continue
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=False)
                pixels = bytes(memoryview(bitmap.buffer).cast("B"))
                size = (bitmap.width, bitmap.height, bitmap.stride)
                pending.append(pool.submit(_write_png, target, size, pixels))
                if len(pending) >= 2 * workers:  # at most this many pages held in memory
                    pending.pop(0).result()
            for future in pending:
                future.result()
    except BaseException:
        _DRAWN.pop(key, None)
        raise
    finally:
        document.close()
    _DRAWN[key] = drawn
    _remove_stale_pages(outdir, stem, len(pages))
    return pages


def page_signature(page: object) -> bytes:
    """What a page shows, short of drawing it: every character with its origin, and every
    other page object's (rules, pictures) kind and bounds, to 0.1 pt (a fifth of a pixel at
    150 dpi), as a digest. LibreOffice's PDF of an unchanged page can place its text a hundredth
    of a point elsewhere and group it into other text objects; neither is seen here."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    digest = hashlib.blake2b(digest_size=16)
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        digest.update(f"{code}:{x.value:.1f}:{y.value:.1f};".encode())
    for item in page.get_objects(max_depth=3):  # type: ignore[attr-defined]
        if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        bounds = ",".join(f"{value:.1f}" for value in item.get_bounds())
        digest.update(f"{item.type}:{bounds};".encode())
    return digest.digest()


def _write_png(target: Path, size: tuple[int, int, int], pixels: bytes) -> None:
    from .writer import write_output

    width, height, stride = size
    try:
        write_output(target, png_bytes(width, height, stride, pixels))
    except OSError as err:
        raise RenderFailed(f"{target}: 无法写入：{os_reason(err)}") from None


def _remove_stale_pages(outdir: Path, stem: str, count: int) -> None:
    for old in outdir.glob(f"{stem}-*.png"):
        number = old.stem[len(stem) + 1 :]
        if number.isdigit() and int(number) > count:
            old.unlink(missing_ok=True)


def png_bytes(width: int, height: int, stride: int, pixels: bytes) -> bytes:
    """An RGB picture (8 bits a channel, rows ``stride`` bytes apart) as PNG file bytes."""
    view = memoryview(pixels)
    row = width * 3
    scanlines = b"".join(
        b"\x00" + view[top : top + row] for top in range(0, height * stride, stride)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        _PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(scanlines, 1))  # the fastest: pages are mostly white
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def file_signature(path: Path) -> tuple[int, int] | None:
    """What tells that a file was saved: its modification time and size (None: missing)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def watch_file(
    path: Path,
    on_change: Callable[[], None],
    *,
    interval: float = 0.3,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """Call ``on_change`` now and after each save of ``path`` (polled every ``interval``
    seconds; a save counts once the file has stayed the same for a moment, so an editor
    writing in several steps gives one call). Runs until ``should_stop()`` or Ctrl-C."""
    seen = file_signature(path)
    on_change()
    while should_stop is None or not should_stop():
        time.sleep(interval)
        current = file_signature(path)
        if current == seen or current is None:
            continue
        time.sleep(min(interval, 0.2))
        settled = file_signature(path)
        if settled != current:
            continue  # still being written: look again at the next poll
        seen = settled
        on_change()


def open_in_viewer(path: Path) -> bool:
    """Show a file in the system's viewer (the program the desktop opens PNG files with);
    False when this machine has none."""
    if sys.platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return False
    try:
        completed = subprocess.run(
            [opener, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0

"""Preview's machinery: an issue's pages as PNG pictures, through LibreOffice's PDF.

The DOCX goes through LibreOffice (with the font substitutes of ``pdf``) to a PDF, which
pypdfium2 rasterises; the PNG files are written with the standard library. ``Office`` keeps
one LibreOffice running for ``--watch``: a conversion handed to a running instance takes a
fraction of a second, against seconds for a cold start (bench/bench_preview.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from ..errors import EXIT_FILE, BulletinError, os_reason
from .pdf import NO_WINDOW, find_soffice, office_environment, run_conversion

DEFAULT_DPI = 150
STARTUP_SECONDS = 120  # at most, for the kept LibreOffice to start on a slow machine
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
        produced = office.convert(document, folder) if office else convert_once(document, folder)
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


class Office:
    """A LibreOffice of our own (own user profile, own font substitutes) for many conversions.

    Used as a context manager: ``start`` runs ``soffice --headless`` holding an empty text
    document open (a headless LibreOffice quits when its last document closes, which the first
    delegated conversion would do); each ``--convert-to`` run with the same profile hands its
    work to that instance and returns when it is done. ``close`` ends the instance (its process
    group on POSIX, its process tree on Windows)."""

    def __init__(self, soffice: str | None = None) -> None:
        self.soffice = soffice or require_soffice()
        end_orphans()  # the LibreOffice of a bulletin that was killed (preview --watch)
        self._temp = tempfile.TemporaryDirectory(prefix=OFFICE_PREFIX)
        self.folder = Path(self._temp.name)
        self.profile = self.folder / "profile"
        self.environment = office_environment(self.folder)
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Office:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        keep_open = self.folder / "keep-open.txt"
        keep_open.write_bytes(b"bulletin\n")
        try:
            self._process = subprocess.Popen(
                [
                    self.soffice,
                    f"-env:UserInstallation={self.profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    str(keep_open),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self.environment,
                # its own group: the clerk's Ctrl-C reaches bulletin, which then ends it
                start_new_session=sys.platform != "win32",
                creationflags=NO_WINDOW | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
            )
        except OSError as err:
            raise OfficeMissing(
                f"无法启动 LibreOffice：{os_reason(err)}", hint=OFFICE_INSTALL_HINT
            ) from None
        # who started it and its process group: a later bulletin ends it if we are killed
        (self.folder / PID_FILE).write_text(f"{os.getpid()} {self._process.pid}\n", "ascii")
        self._wait_until_listening(keep_open)

    def _wait_until_listening(self, keep_open: Path) -> None:
        """Wait until the instance has opened its document, which it marks with LibreOffice's
        lock file ``.~lock.NAME#`` beside it. A conversion handed over before that would
        close the instance's only document and so end it (measured: it quits, and every
        later conversion starts a LibreOffice of its own)."""
        deadline = time.monotonic() + STARTUP_SECONDS
        opened = keep_open.with_name(f".~lock.{keep_open.name}#")
        while time.monotonic() < deadline and not opened.exists():
            if self._process is None or self._process.poll() is not None:
                return  # it ended: each conversion then starts a LibreOffice of its own
            time.sleep(0.05)

    @property
    def running(self) -> bool:
        """Whether the kept instance is still there to take conversions."""
        return self._process is not None and self._process.poll() is None

    def convert(self, document: Path, outdir: Path) -> Path:
        """Convert one DOCX to ``outdir/STEM.pdf`` (by the running instance when there is
        one, else by a LibreOffice of its own); returns the PDF."""
        produced = outdir / f"{document.stem}.pdf"
        produced.unlink(missing_ok=True)
        failure = run_conversion(self.soffice, self.profile, self.environment, outdir, [document])
        if not produced.is_file():
            raise RenderFailed(f"LibreOffice 没有生成 PDF：{failure or '原因不明'}")
        return produced

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            _end_process_tree(process)
        self._temp.cleanup()


OFFICE_PREFIX = "bulletin-office-"
PID_FILE = "office.pid"
"""In each Office's folder: the process id of the bulletin that started it, and of its
LibreOffice (the id of its process group)."""


def end_orphans(root: Path | None = None) -> list[Path]:
    """End the LibreOffice left by a bulletin that was killed (SIGKILL of ``preview --watch``
    gives it no chance to close it) and remove its folder; returns the folders removed.

    Found by the pid file in each ``bulletin-office-*`` folder of the temporary folder (this
    user's only), never by a program's name: the starter must be gone, and the recorded group
    must still run a program whose command line names that folder (so a reused process id is
    never signalled). POSIX only; on Windows the folders are left to the system."""
    if sys.platform == "win32":
        return []
    removed: list[Path] = []
    base = root if root is not None else Path(tempfile.gettempdir())
    for folder in sorted(base.glob(f"{OFFICE_PREFIX}*")):
        owner, group = _pid_record(folder)
        if owner is None or group is None or owner == os.getpid() or _alive(owner):
            continue
        if _group_runs_in(group, folder):
            _signal_group(group, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _pid_record(folder: Path) -> tuple[int | None, int | None]:
    try:
        if folder.is_symlink() or folder.stat().st_uid != os.getuid():
            return None, None
        owner, group = (folder / PID_FILE).read_text("ascii").split()[:2]
        return int(owner), int(group)
    except (OSError, ValueError):
        return None, None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _group_runs_in(group: int, folder: Path) -> bool:
    """Whether a process of the process group ``group`` has ``folder`` in its command line."""
    marker = str(folder)
    proc = Path("/proc")
    if proc.is_dir():
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) != group:
                    continue
                command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except (OSError, ValueError, IndexError):
                continue
            if marker in command:
                return True
        return False
    listed = subprocess.run(
        ["ps", "-A", "-o", "pgid=,command="], capture_output=True, text=True, check=False
    )
    return any(
        line.split(None, 1)[0] == str(group) and marker in line
        for line in listed.stdout.splitlines()
        if line.strip()
    )


def _end_process_tree(process: subprocess.Popen[bytes]) -> None:
    """End the LibreOffice we started and the program it started (soffice → soffice.bin)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/T", "/F", "/PID", str(process.pid)],
            capture_output=True,
            creationflags=NO_WINDOW,
            check=False,
        )
        process.wait(timeout=30)
        return
    # its own process group (start_new_session): the group id is its process id
    _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        process.poll()  # reaps it once it has ended, so the group can empty
        if not _signal_group(process.pid, 0):
            return
        time.sleep(0.05)
    _signal_group(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def _signal_group(group: int, number: int) -> bool:
    """Send a signal to a process group; False when no process of it is left."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        return False
    return True


def convert_once(document: Path, outdir: Path) -> Path:
    """Convert one DOCX with a LibreOffice started for it alone (cold); returns the PDF."""
    soffice = require_soffice()
    end_orphans()  # the LibreOffice of a killed preview --watch
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as temp:
        folder = Path(temp)
        produced = outdir / f"{document.stem}.pdf"
        produced.unlink(missing_ok=True)
        failure = run_conversion(
            soffice, folder / "profile", office_environment(folder), outdir, [document]
        )
    if not produced.is_file():
        raise RenderFailed(f"LibreOffice 没有生成 PDF：{failure or '原因不明'}")
    return produced


def render_pages(pdf: Path, outdir: Path, stem: str, *, dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write one PNG per page of ``pdf`` as ``outdir/STEM-01.png`` …; returns their paths.

    PDFium draws the pages one by one; their PNG encoding (zlib, which releases the GIL) runs
    on a few threads, a bounded number of pages at a time. Pictures of pages beyond the new
    last page (left by a longer earlier preview) are removed, so the folder always shows the
    issue as it is."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        raise RenderFailed(
            f"{pdf}: 无法读取 LibreOffice 生成的 PDF（文件不完整或已损坏）"
        ) from None
    workers = min(4, os.cpu_count() or 1)
    pages: list[Path] = []
    pending: list[Future[None]] = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for index in range(len(document)):
                bitmap = document[index].render(
                    scale=dpi / 72, rev_byteorder=True, prefer_bgrx=False
                )
                target = outdir / f"{stem}-{index + 1:02d}.png"
                pixels = bytes(memoryview(bitmap.buffer).cast("B"))
                size = (bitmap.width, bitmap.height, bitmap.stride)
                pending.append(pool.submit(_write_png, target, size, pixels))
                pages.append(target)
                if len(pending) >= 2 * workers:  # at most this many pages held in memory
                    pending.pop(0).result()
            for future in pending:
                future.result()
    finally:
        document.close()
    _remove_stale_pages(outdir, stem, len(pages))
    return pages


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

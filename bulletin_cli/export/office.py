"""A LibreOffice of our own that turns DOCX into PDF laid out as Word lays it out.

``Office`` starts ``soffice --headless`` listening on a named pipe (its own user profile, the
font substitutes of ``pdf``) and, beside it, ``office_script.py`` under LibreOffice's own Python
(the one that has ``uno``). For each DOCX the script loads it, sets what LibreOffice's DOCX
import leaves out (no Asian/Latin spacing, no hanging punctuation, the DOCX's kinsoku, Word's
letter spacing and line breaks: docs/layout.md §7) and exports the PDF. It runs inside
LibreOffice as a macro when the Python script provider is there, and over the bridge when not.

Everything that can go wrong (no LibreOffice, no Python with ``uno``, LibreOffice ending or
hanging) is an ``OfficeFailed`` (exit 3) with a message in Chinese; the processes started
here are always ended (their process group on POSIX, their tree on Windows).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path
from types import TracebackType

from ..errors import EXIT_FILE, BulletinError, os_reason
from .orphans import OFFICE_PREFIX, PID_FILE, end_orphans, signal_group
from .pdf import NO_WINDOW, office_environment

STARTUP_SECONDS = 120  # at most, for LibreOffice to start and answer on a slow machine
CONVERT_SECONDS = 300  # at most, for one document
MACRO_FILE = "bulletin_office.py"  # the script's name in the profile's Scripts/python
PYTHON_HINT = (
    "PDF 要由 LibreOffice 自带的 Python（含 uno 模块）按 Word 的版式排出。"
    "Windows 和 macOS：重新安装 LibreOffice（官方安装包自带 Python）；"
    "Debian/Ubuntu：sudo apt-get install python3-uno libreoffice-script-provider-python。"
)


class OfficeFailed(BulletinError):
    """LibreOffice could not make the PDF: missing, without ``uno``, ended or hung (exit 3)."""

    exit_code = EXIT_FILE


_PYTHONS: dict[str, str | None] = {}


def find_office_python(soffice: str) -> str | None:
    """LibreOffice's Python: the one shipped beside ``soffice`` (Windows, macOS, the official
    Linux builds), else the system's ``python3`` if it can ``import uno`` (Debian's
    python3-uno). None when there is none."""
    if soffice not in _PYTHONS:
        _PYTHONS[soffice] = next(
            (python for python in _python_candidates(soffice) if _has_uno(python)), None
        )
    return _PYTHONS[soffice]


def _python_candidates(soffice: str) -> list[str]:
    program = Path(os.path.realpath(soffice)).parent
    names = ["python.exe"] if sys.platform == "win32" else ["python", "python3"]
    beside = [program / name for name in names]
    beside.append(program.parent / "Resources" / "python")  # macOS: Contents/Resources
    candidates = [str(path) for path in beside if path.is_file()]
    if sys.platform != "win32":
        candidates += [path for path in ("/usr/bin/python3", "/usr/local/bin/python3")]
        found = shutil.which("python3")
        if found:
            candidates.append(found)
    return list(dict.fromkeys(path for path in candidates if os.path.isfile(path)))


def _has_uno(python: str) -> bool:
    try:
        completed = subprocess.run(
            [python, "-c", "import uno"],
            capture_output=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            creationflags=NO_WINDOW,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


def _script_text() -> bytes:
    return (resources.files(__package__) / "office_script.py").read_bytes()


class Office:
    """One LibreOffice and its script, kept for as many conversions as asked (a context
    manager: ``close`` ends both)."""

    def __init__(self, soffice: str) -> None:
        self.soffice = soffice
        python = find_office_python(soffice)
        if python is None:
            raise OfficeFailed(
                "找不到带 uno 模块的 LibreOffice Python，无法生成 PDF", hint=PYTHON_HINT
            )
        self.python = python
        end_orphans()  # the LibreOffice of a bulletin that was killed (preview --watch)
        self._temp = tempfile.TemporaryDirectory(prefix=OFFICE_PREFIX)
        self.folder = Path(self._temp.name)
        self.environment = office_environment(self.folder)
        self._office: subprocess.Popen[bytes] | None = None
        self._script: subprocess.Popen[str] | None = None
        self._replies: queue.Queue[str | None] = queue.Queue()
        self.in_process = False
        self.last_seconds: dict[str, float] = {}  # the last conversion's steps (the bench)

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

    # -- starting ------------------------------------------------------------------------
    def start(self) -> None:
        profile = self.folder / "profile"
        scripts = profile / "user" / "Scripts" / "python"
        scripts.mkdir(parents=True)
        (scripts / MACRO_FILE).write_bytes(_script_text())
        script = self.folder / "office_script.py"
        script.write_bytes(_script_text())
        pipe = f"bulletin{os.getpid()}x{secrets.token_hex(6)}"
        self._office = self._popen_office(profile, pipe)
        # who started it and its process group: a later bulletin ends it if we are killed
        (self.folder / PID_FILE).write_text(f"{os.getpid()} {self._office.pid}\n", "ascii")
        try:
            self._script = subprocess.Popen(
                [self.python, str(script), pipe],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                env=_script_environment(),
                start_new_session=sys.platform != "win32",
                creationflags=NO_WINDOW | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
            )
        except OSError as err:
            raise OfficeFailed(
                f"无法启动 LibreOffice 的 Python（{self.python}）：{os_reason(err)}",
                hint=PYTHON_HINT,
            ) from None
        threading.Thread(target=self._read_replies, daemon=True).start()
        ready = self._reply(STARTUP_SECONDS, starting=True)
        if "ready" not in ready:
            self._refuse(str(ready.get("error") or "原因不明"))
        self.in_process = bool(ready.get("in_process"))

    def _refuse(self, error: str) -> None:
        """Raise the clearest ``OfficeFailed`` for a start that failed with ``error``."""
        office = self._office
        code = None
        if office is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = office.wait(timeout=1)  # did LibreOffice itself end?
        self.close()
        if code is not None:
            raise OfficeFailed(f"LibreOffice 启动后随即退出（退出码 {code}）")
        if error == "no-uno":
            raise OfficeFailed(f"{self.python} 不能导入 uno 模块，无法生成 PDF", hint=PYTHON_HINT)
        raise OfficeFailed(f"LibreOffice 没有启动：{office_reason(error)}")

    def _popen_office(self, profile: Path, pipe: str) -> subprocess.Popen[bytes]:
        try:
            return subprocess.Popen(
                [
                    self.soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--invisible",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--nolockcheck",
                    f"--accept=pipe,name={pipe};urp;",
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
            raise OfficeFailed(f"无法启动 LibreOffice：{os_reason(err)}") from None

    def _read_replies(self) -> None:
        script = self._script
        assert script is not None and script.stdout is not None
        for line in script.stdout:
            self._replies.put(line)
        self._replies.put(None)

    def _reply(self, seconds: float, *, starting: bool = False) -> dict[str, object]:
        """The script's next answer; ``OfficeFailed`` when LibreOffice or the script ended or
        did not answer within ``seconds`` (both are then ended)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = self._replies.get(timeout=0.2)
            except queue.Empty:
                line = ""
                if self._office is not None and self._office.poll() is not None:
                    code = self._office.returncode
                    self.close()
                    what = "启动后随即退出" if starting else "在转换中意外退出"
                    raise OfficeFailed(f"LibreOffice {what}（退出码 {code}）") from None
                if time.monotonic() > deadline:
                    self.close()
                    raise OfficeFailed(
                        f"LibreOffice 超过 {round(seconds)} 秒没有完成，已将其结束",
                        hint="再试一次；如仍如此，关闭其他 LibreOffice 窗口后重试。",
                    ) from None
                continue
            if line is None:
                self.close()
                raise OfficeFailed("LibreOffice 的 Python 意外退出，没有生成 PDF") from None
            try:
                answer = json.loads(line)
            except ValueError:
                continue  # something else it printed
            if isinstance(answer, dict):
                return answer

    # -- converting ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Whether LibreOffice and the script are still there to take conversions."""
        return all(p is not None and p.poll() is None for p in (self._office, self._script))

    def convert(self, docx: Path, pdf: Path) -> None:
        """Write ``pdf`` from ``docx``; ``OfficeFailed`` if LibreOffice could not."""
        script = self._script
        if not self.running or script is None or script.stdin is None:
            raise OfficeFailed("LibreOffice 已经退出，无法生成 PDF")
        pdf.unlink(missing_ok=True)
        job = {"docx": str(docx.resolve()), "pdf": str(pdf.resolve())}
        try:
            script.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
            script.stdin.flush()
        except OSError:
            self.close()
            raise OfficeFailed("LibreOffice 的 Python 意外退出，没有生成 PDF") from None
        answer = self._reply(CONVERT_SECONDS)
        if "ok" not in answer or not pdf.is_file():
            raise OfficeFailed(f"LibreOffice 没有生成 PDF：{office_reason(answer.get('error'))}")
        seconds = answer.get("seconds")
        self.last_seconds = dict(seconds) if isinstance(seconds, dict) else {}

    def close(self) -> None:
        script, self._script = self._script, None
        office, self._office = self._office, None
        if script is not None:
            with contextlib.suppress(OSError):
                if script.stdin is not None:
                    script.stdin.close()
            try:
                script.wait(timeout=5)
            except subprocess.TimeoutExpired:
                end_process_tree(script)
        if office is not None and office.poll() is None:
            end_process_tree(office)
        self._temp.cleanup()


_OFFICE_REASONS = (
    ("connect:", "连接不上 LibreOffice"),
    ("could not open the document", "打不开导出的 Word 文件"),
    ("IOException", "无法写入 PDF 文件（可能正在别的程序中打开，或文件夹不能写入）"),
    ("DisposedException", "LibreOffice 在转换中关闭了"),
    ("RuntimeException", "LibreOffice 内部出错"),
)


def office_reason(error: object) -> str:
    """What went wrong, in Chinese, from the script's report (``NoConnectException: …``, an
    English sentence of LibreOffice's): never the English itself."""
    text = str(error or "")
    for sign, reason in _OFFICE_REASONS:
        if sign in text:
            return reason
    return "LibreOffice 内部出错" if text else "原因不明"


def _script_environment() -> dict[str, str]:
    """The script's environment: this one's without the variables of bulletin's own Python
    (a virtual environment's PYTHONHOME or PYTHONPATH would break LibreOffice's Python)."""
    environment = dict(os.environ)
    for name in ("PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        environment.pop(name, None)
    environment["PYTHONIOENCODING"] = "utf-8"
    return environment


def end_process_tree(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """End a process we started and the programs it started (soffice → soffice.bin)."""
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
    signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        process.poll()  # reaps it once it has ended, so the group can empty
        if not signal_group(process.pid, 0):
            return
        time.sleep(0.05)
    signal_group(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

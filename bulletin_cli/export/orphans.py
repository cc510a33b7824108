"""The LibreOffice a killed ``bulletin`` left running, found and ended by the next one.

SIGKILL of ``preview --watch`` gives it no chance to close its LibreOffice. Each ``Office``
writes a pid file in its own ``bulletin-office-*`` folder (the pid of the bulletin that started
it and of its LibreOffice, whose process group has that id); the next ``Office`` ends the
LibreOffice of a starter that is gone and removes the folder. Found by that file, never by a
program's name.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

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
            signal_group(group, signal.SIGKILL)
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


def signal_group(group: int, number: int) -> bool:
    """Send a signal to a process group; False when no process of it is left."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        return False
    return True

"""SIGKILL of ``preview --watch`` leaves its LibreOffice and its ``bulletin-office-*`` folder;
the next LibreOffice that bulletin starts ends that orphan by the pid file in its folder
(never by a program's name) and removes the folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin_cli.export.render import OFFICE_PREFIX, PID_FILE, end_orphans

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")


def _stand_in(folder: Path) -> subprocess.Popen[bytes]:
    """A long-running process in its own group whose command line names ``folder``, as
    LibreOffice's names its profile there."""
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(600)", f"{folder}/profile"],
        start_new_session=True,
    )


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_an_orphan_is_ended_and_its_folder_removed(tmp_path: Path) -> None:
    folder = tmp_path / f"{OFFICE_PREFIX}orphan"
    folder.mkdir()
    office = _stand_in(folder)
    try:
        (folder / PID_FILE).write_text(f"{_dead_pid()} {office.pid}\n", "ascii")
        assert end_orphans(tmp_path) == [folder]
        assert office.wait(timeout=30) == -signal.SIGKILL
        assert not folder.exists()
    finally:
        if office.poll() is None:
            office.kill()


def test_a_live_previews_office_and_a_reused_pid_are_left_alone(tmp_path: Path) -> None:
    live = tmp_path / f"{OFFICE_PREFIX}live"
    live.mkdir()
    office = _stand_in(live)
    # a folder whose recorded process is not running in that folder (a reused id)
    stranger = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True
    )
    reused = tmp_path / f"{OFFICE_PREFIX}reused"
    reused.mkdir()
    try:
        (live / PID_FILE).write_text(f"{os.getpid() + 0} {office.pid}\n", "ascii")
        (reused / PID_FILE).write_text(f"{_dead_pid()} {stranger.pid}\n", "ascii")
        # the live one's starter is this test's own process: not an orphan
        assert end_orphans(tmp_path) == [reused]
        assert office.poll() is None and live.exists()
        assert stranger.poll() is None  # its id was recorded, but it is not our LibreOffice
    finally:
        for process in (office, stranger):
            process.kill()
            process.wait()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_killing_preview_watch_then_previewing_again_leaves_no_office(
    example_dir: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    watch = subprocess.Popen(
        [sys.executable, "-m", "bulletin_cli", "preview", "issues/2012-01.toml", "--watch"],
        cwd=example_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(1200):  # until its LibreOffice runs (pid file written)
            if list(temp.glob(f"{OFFICE_PREFIX}*/{PID_FILE}")):
                break
            time.sleep(0.1)
        (record,) = temp.glob(f"{OFFICE_PREFIX}*/{PID_FILE}")
        group = int(record.read_text().split()[1])
    finally:
        watch.send_signal(signal.SIGKILL)
        watch.wait()
    try:
        os.killpg(group, 0)  # the orphan is there
        done = subprocess.run(
            [sys.executable, "-m", "bulletin_cli", "preview", "issues/2012-01.toml", "--force"],
            cwd=example_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert not record.parent.exists()
        assert _running_in_group(group) == []  # ended (a zombie waiting for its reaper aside)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # never leave it behind, whatever happened


def _running_in_group(group: int) -> list[int]:
    """The processes of ``group`` that are not zombies (a container's init may reap late)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found

"""Preview: a cold render against a re-render by the LibreOffice that ``--watch`` keeps running.

    .venv/bin/python bench/bench_preview.py [--rounds N]

Printed, as medians over ``--rounds`` (default 5) of the example issue (10 pages):

- the parts: a cold LibreOffice conversion (one started for it, as ``export --pdf`` and a
  single ``preview`` do), the same conversion by a running LibreOffice (``Office``, which
  lays the DOCX out as Word does before exporting it),
  and drawing the PDF's pages at 150 dpi with pypdfium2 against poppler's ``pdftoppm -r 150``;
- the whole of ``preview`` in one process, cold (check, DOCX, conversion, pictures);
- what a clerk waits with ``--watch``: a ``bulletin preview --watch`` process is started, and
  for each round the issue file is saved with a changed title and the time until the process
  reports the new pictures is taken (the poll of the file included).

Not a test: nothing is asserted. Needs LibreOffice.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bulletin_cli.api import export_docx_bytes, preview_issue
from bulletin_cli.export.render import convert_once, new_office, render_pages

REPO = Path(__file__).resolve().parent.parent


def median_seconds(action: Callable[[int], object], rounds: int) -> float:
    """The median wall time of ``action(round)`` over ``rounds`` runs (after one not counted)."""
    action(-1)
    times = []
    for number in range(rounds):
        start = time.perf_counter()
        action(number)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def office_folder(root: Path) -> Path:
    """An office folder with the repo's profile and example issue."""
    (root / "issues").mkdir(parents=True)
    shutil.copy(REPO / "bulletin.toml", root / "bulletin.toml")
    shutil.copy(REPO / "issues" / "2012-01.toml", root / "issues" / "2012-01.toml")
    return root / "issues" / "2012-01.toml"


def retitled(issue: Path, number: int) -> None:
    """Save the issue with the first title changed (another title each round)."""
    text = issue.read_text(encoding="utf-8")
    changed, count = re.subn(r"第[^第次]{1,3}次联席会议", f"第{number + 10}次联席会议", text)
    if count == 0:
        raise SystemExit("the example issue no longer has the title this bench edits")
    issue.write_text(changed, encoding="utf-8")


def parts(root: Path, rounds: int) -> None:
    issue = office_folder(root / "parts")
    docx = root / "2012-01.docx"
    docx.write_bytes(export_docx_bytes(issue))
    out = root / "pdf"
    out.mkdir()
    pdf = out / "2012-01.pdf"
    cold = median_seconds(lambda _: convert_once(docx, pdf), rounds)
    with new_office() as office:
        warm = median_seconds(lambda _: office.convert(docx, pdf), rounds)
    pictures = root / "png"
    pictures.mkdir()
    # another name each round: a page drawn before into the same file is not drawn again
    pdfium = median_seconds(lambda n: render_pages(pdf, pictures, f"p{n + 1}"), rounds)
    print(f"LibreOffice conversion, cold         {cold * 1000:7.0f} ms")
    print(f"LibreOffice conversion, running      {warm * 1000:7.0f} ms")
    print(f"10 pages to PNG, pypdfium2 150 dpi   {pdfium * 1000:7.0f} ms")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:
        poppler = median_seconds(
            lambda _: subprocess.run(
                [pdftoppm, "-r", "150", "-png", str(pdf), str(pictures / "q")], check=True
            ),
            rounds,
        )
        print(f"10 pages to PNG, pdftoppm -r 150     {poppler * 1000:7.0f} ms")


def whole_preview(root: Path, rounds: int) -> None:
    issue = office_folder(root / "cold")
    cold = median_seconds(lambda _: preview_issue(issue), rounds)
    print(f"preview, cold (one process's work)   {cold * 1000:7.0f} ms")


def watched(root: Path, rounds: int) -> None:
    issue = office_folder(root / "watch")
    process = subprocess.Popen(
        [sys.executable, "-m", "bulletin_cli", "preview", str(issue), "--watch"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)

    def rendered() -> None:
        while "已生成" not in (line := lines.get(timeout=300)):
            if line.startswith("错误"):
                raise SystemExit(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        rendered()  # the first render, LibreOffice starting
        times = []
        for number in range(rounds):
            time.sleep(1.5)  # the clerk reads before editing again
            start = time.perf_counter()
            retitled(issue, number)
            rendered()
            times.append(time.perf_counter() - start)
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: the LibreOffice it keeps is ended
        process.wait(timeout=60)
    print(f"--watch: save to new pictures        {statistics.median(times) * 1000:7.0f} ms")
    print(f"         (each: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as temp:
        root = Path(temp)
        parts(root, rounds)
        whole_preview(root, rounds)
        watched(root, rounds)


if __name__ == "__main__":
    main()

"""bulletin preview: the pages as PNG pictures, once and again after each save (--watch)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.export import render
from bulletin_cli.export.pdf import pdf_page_count

runner = CliRunner()

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# how long the bounded watch test waits for one render at most (a loaded machine is slow)
RENDER_WAIT_SECONDS = 180


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _pdf_text(pdf: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return "".join(
            document[index].get_textpage().get_text_range() for index in range(len(document))
        )
    finally:
        document.close()


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_one_png_per_page_of_the_pdf(example_issue: Path, tmp_path: Path) -> None:
    folder = tmp_path / "预览"
    result = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    pages = [Path(line) for line in result.stdout.splitlines()]
    pdf = folder / "2012-01.pdf"
    count = pdf_page_count(pdf)
    assert count is not None and count >= 4
    assert pages == [folder / f"2012-01-{number:02d}.png" for number in range(1, count + 1)]
    assert sorted(folder.iterdir()) == sorted([*pages, pdf])
    # A4 (210 x 297 mm) at 150 dots an inch, give or take the rounding of a pixel
    for width, height in map(_png_size, pages):
        assert abs(width - 210 / 25.4 * 150) < 1.5 and abs(height - 297 / 25.4 * 150) < 1.5
    assert f"已生成 {count} 页预览图" in result.stderr


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_a_shorter_issue_leaves_no_pictures_of_old_pages(
    example_issue: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    first = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder)])
    assert first.exit_code == 0, first.output
    text = example_issue.read_text(encoding="utf-8")
    cut = text.index("[[articles]]", text.index("[[articles]]") + 1)
    example_issue.write_text(text[:cut], encoding="utf-8")  # only the first article
    second = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder)])
    assert second.exit_code == 0, second.output
    pages = second.stdout.splitlines()
    assert len(pages) < len(first.stdout.splitlines())
    assert sorted(str(p) for p in folder.glob("*.png")) == sorted(pages)


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_the_kept_libreoffice_outlives_the_conversions_handed_to_it(
    example_issue: Path, tmp_path: Path
) -> None:
    from bulletin_cli.api import export_docx_bytes

    document = tmp_path / "2012-01.docx"
    document.write_bytes(export_docx_bytes(example_issue))
    assert SOFFICE is not None
    with render.Office(SOFFICE) as office:
        assert office.running
        for round_number in range(2):
            out = tmp_path / f"round-{round_number}"
            out.mkdir()
            first, second = out / "first.pdf", out / "second.pdf"
            office.convert(document, first)
            office.convert(document, second)
            assert pdf_page_count(first) == pdf_page_count(second) == 10
            # closing the converted documents does not end the kept LibreOffice
            assert office.running
    assert not office.running
    assert not office.folder.exists()


def test_an_issue_with_errors_is_refused_like_export(example_issue: Path, tmp_path: Path) -> None:
    text = example_issue.read_text(encoding="utf-8")
    example_issue.write_text(text.replace('"工作动态"', '"工作动太"', 1), encoding="utf-8")
    folder = tmp_path / "out"
    result = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder)])
    assert result.exit_code == 1, result.output
    assert "个错误" in result.stderr and "工作动态" in result.stderr
    assert result.stdout == ""
    assert not folder.exists()
    assert "--force" in result.stderr  # the hint names a way that preview has


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_force_previews_an_issue_with_errors(example_issue: Path, tmp_path: Path) -> None:
    text = example_issue.read_text(encoding="utf-8")
    example_issue.write_text(text.replace('"工作动态"', '"工作动太"', 1), encoding="utf-8")
    folder = tmp_path / "out"
    args = ["preview", str(example_issue), "-o", str(folder), "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [Path(line) for line in result.stdout.splitlines()] == sorted(folder.glob("*.png"))


def test_without_libreoffice_says_how_to_install_it_on_windows(
    example_issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "find_soffice", lambda: None)
    for args in (["preview", str(example_issue)], ["preview", str(example_issue), "--watch"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 3, result.output
        assert "没有安装 LibreOffice" in result.stderr
        assert "Windows" in result.stderr and "libreoffice.org" in result.stderr
        assert "Traceback" not in result.output


def test_help_has_chinese_examples() -> None:
    result = runner.invoke(app, ["preview", "--help"])
    assert result.exit_code == 0
    assert "示例：bulletin preview issues/2012-01.toml" in result.stdout
    assert "--watch" in result.stdout and "--open" in result.stdout


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_open_shows_the_first_page_or_says_there_is_no_viewer(
    example_issue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the viewer is faked through xdg-open")
    tools = tmp_path / "bin"
    tools.mkdir()
    opened = tmp_path / "opened.txt"
    viewer = tools / "xdg-open"
    viewer.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n', encoding="utf-8")
    viewer.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "out"
    result = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder), "--open"])
    assert result.exit_code == 0, result.output
    assert opened.read_text(encoding="utf-8") == str(folder / "2012-01-01.png")

    viewer.unlink()
    # no xdg-open on this machine (LibreOffice still found)
    monkeypatch.setattr(render, "find_soffice", lambda: SOFFICE)
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    again = runner.invoke(app, ["preview", str(example_issue), "-o", str(folder), "--open"])
    assert again.exit_code == 0, again.output
    assert "没有可用的看图程序" in again.stderr and str(folder) in again.stderr


def test_png_bytes_is_a_valid_rgb_picture() -> None:
    # 2 x 2 pixels, rows padded to 8 bytes as PDFium pads them
    pixels = bytes([255, 0, 0, 0, 255, 0, 9, 9, 0, 0, 255, 255, 255, 255, 9, 9])
    data = render.png_bytes(2, 2, 8, pixels)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks = {}
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = body
        offset += 12 + length
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (2, 2, 8, 2, 0, 0, 0)
    rows = zlib.decompress(chunks[b"IDAT"])
    assert rows == b"\x00" + pixels[0:6] + b"\x00" + pixels[8:14]


def test_watch_file_calls_once_now_and_once_per_save(tmp_path: Path) -> None:
    watched = tmp_path / "issue.toml"
    watched.write_text("a", encoding="utf-8")
    calls: list[str] = []

    def on_change() -> None:
        calls.append(watched.read_text(encoding="utf-8"))

    def edit_twice() -> None:
        for text in ("ab", "abc"):
            while len(calls) < len(text) - 1:  # the previous state was seen
                time.sleep(0.01)
            time.sleep(0.05)
            watched.write_text(text, encoding="utf-8")

    editor = threading.Thread(target=edit_twice, daemon=True)
    editor.start()
    deadline = time.monotonic() + 60
    render.watch_file(
        watched,
        on_change,
        interval=0.02,
        should_stop=lambda: len(calls) >= 3 or time.monotonic() > deadline,
    )
    editor.join(timeout=5)
    assert calls == ["a", "ab", "abc"]


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def _wait_for(lines: queue.Queue[str], text: str, seen: list[str]) -> None:
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return
    pytest.fail(f"no “{text}” within {RENDER_WAIT_SECONDS} s: {''.join(seen)}")


@pytest.mark.render
@pytest.mark.skipif(
    SOFFICE is None or not Path("/proc").is_dir(), reason="needs LibreOffice and /proc"
)
def test_watch_renders_again_after_a_save_and_ctrl_c_ends_it_quietly(
    example_issue: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    temp = tmp_path / "temp"  # where LibreOffice's profile goes: to find it afterwards
    temp.mkdir()
    environment = dict(os.environ, TMPDIR=str(temp), PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "bulletin_cli", "preview", str(example_issue)]
    process = subprocess.Popen(
        [*command, "--watch", "-o", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=environment,
    )
    messages: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, messages), daemon=True).start()
    seen: list[str] = []
    try:
        _wait_for(messages, "已生成", seen)
        assert "第八次联席会议" in _pdf_text(folder / "2012-01.pdf")
        text = example_issue.read_text(encoding="utf-8")
        example_issue.write_text(text.replace("第八次联席会议", "第九次联席会议"), "utf-8")
        _wait_for(messages, "已生成", seen)
        assert "第九次联席会议" in _pdf_text(folder / "2012-01.pdf")
        # a save with a check error is reported, and the watch goes on
        text = example_issue.read_text(encoding="utf-8")
        example_issue.write_text(text.replace('"工作动态"', '"工作动太"', 1), "utf-8")
        _wait_for(messages, "改好并保存后会自动重新生成", seen)
        example_issue.write_text(text.replace("第九次联席会议", "第十次联席会议"), "utf-8")
        _wait_for(messages, "已生成", seen)
        assert "第十次联席会议" in _pdf_text(folder / "2012-01.pdf")
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, "".join(seen) + rest
    assert "Traceback" not in "".join(seen) + rest
    # the LibreOffice kept running for the re-renders was ended with it
    leftovers = [
        pid
        for pid in os.listdir("/proc")
        if pid.isdigit() and str(temp).encode() in _command_line(pid)
    ]
    assert leftovers == []
    assert list(temp.iterdir()) == []  # its profile and temporary files removed


def _command_line(pid: str) -> bytes:
    try:
        return Path("/proc", pid, "cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.render
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
def test_a_watch_render_draws_only_the_pages_that_changed(
    example_issue: Path, tmp_path: Path
) -> None:
    from bulletin_cli._service.previewing import preview_file

    folder = tmp_path / "pictures"
    assert SOFFICE is not None
    with render.Office(SOFFICE) as office:
        first = preview_file(example_issue, folder, office=office)
        drawn = {page: page.read_bytes() for page in first.pages}
        for page in first.pages:
            os.utime(page, ns=(1, 1))  # so a redrawn page shows
        text = example_issue.read_text(encoding="utf-8")
        # a title on page 1 gets one character other, the same width: nothing moves after it
        example_issue.write_text(text.replace("第八次联席会议", "第九次联席会议", 1), "utf-8")
        second = preview_file(example_issue, folder, office=office)
    assert second.pages == first.pages
    redrawn = [page for page in second.pages if page.stat().st_mtime_ns != 1]
    assert redrawn == [first.pages[0]]
    assert first.pages[0].read_bytes() != drawn[first.pages[0]]
    assert all(page.read_bytes() == drawn[page] for page in first.pages[1:])

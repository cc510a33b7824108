"""Reading Word files: milliseconds per DOCX, python-docx's reader against lxml alone.

    .venv/bin/python bench/bench_import.py [--rounds R]

The example issue exported to DOCX (46 paragraphs, about 180 runs) is read R times by
``importer.docx.docx_lines`` (the vetting of the zip, python-docx's document, the paragraphs with
their styles, runs and formatting) and by a bare lxml walk over ``word/document.xml`` that only
collects each paragraph's ``w:t`` text: the floor any reader pays for unzipping and parsing.
A unit's article (the same export, as a unit would send it) read by ``read_article_file`` too.
Printed: the median of each. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.export import build_docx
from bulletin_cli.importer.article import read_article_file
from bulletin_cli.importer.docx import W, docx_lines
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.profile import load_profile

REPO = Path(__file__).resolve().parent.parent


def _bare_lxml(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return sum(1 for p in root.iter(W + "p") if "".join(t.text or "" for t in p.iter(W + "t")))


def _median_ms(action: object, rounds: int) -> float:
    assert callable(action)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    profile = load_profile(REPO / "bulletin.toml")
    data = build_docx(load_issue(REPO / "issues" / "2012-01.toml").issue, profile)
    docx_lines(data, "example.docx")  # imports and caches warmed
    with tempfile.TemporaryDirectory() as folder:
        unit_file = Path(folder) / "稿件-吴中区总工会.docx"
        unit_file.write_bytes(data)
        results = {
            "docx_lines (python-docx)": _median_ms(lambda: docx_lines(data, "x"), rounds),
            "bare lxml walk": _median_ms(lambda: _bare_lxml(data), rounds),
            "read_article_file": _median_ms(
                lambda: read_article_file(unit_file, profile=profile), rounds
            ),
        }
    paragraphs = len(docx_lines(data, "x"))
    print(
        f"example DOCX, {len(data) // 1024} KB, {paragraphs} paragraphs, median of {rounds} rounds"
    )
    for name, value in results.items():
        print(f"  {name:26} {value:7.1f} ms")


if __name__ == "__main__":
    main()

"""Whole-process `bulletin export` of the example issue against pandoc making a DOCX of the
same text with a reference document.

    python bench/bench_pandoc.py [--bulletin EXECUTABLE] [--rounds N] [--text FILE]

Run it with the Python of the install to measure (it reads the example with bulletin_cli to
write the Markdown), e.g. ``/tmp/bv/bin/python bench/bench_pandoc.py`` after
``python3 -m venv /tmp/bv && /tmp/bv/bin/pip install .``. Needs pandoc
(``apt-get install pandoc``). pandoc converts a Markdown rendering of the example issue
(section headings, titles, paragraphs, sources; ``--text`` takes another file, e.g.
tests/data/suzhou-union-bulletin-2012-01.txt) with ``--reference-doc`` set to the DOCX
bulletin exports, so both write a styled DOCX of the same text. Paired runs, medians of wall
and CPU time. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import load_note, paired, paired_ratio, report, run_once

REPO = Path(__file__).resolve().parent.parent
API = """
import sys
from bulletin_cli import export_docx
export_docx(sys.argv[1], sys.argv[2])
"""


def markdown_of(path: Path) -> str:
    """The example issue as Markdown: what pandoc gets to typeset."""
    from bulletin_cli import load_issue

    issue = load_issue(path)
    lines = [f"% {issue.name or '工作简报'} 第{issue.number}期", ""]
    for article in issue.articles:
        lines += [f"# 【{article.section}】", "", f"## {article.title}", ""]
        if article.subtitle:
            lines += [f"### ——{article.subtitle}", ""]
        for paragraph in article.paragraphs:
            lines += [paragraph, ""]
        if article.sources:
            lines += [f"（{'、'.join(article.sources)}）", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletin", help="the bulletin executable (default: beside python)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--text", type=Path, help="the file pandoc converts (default: Markdown)")
    args = parser.parse_args()
    bulletin = Path(args.bulletin or Path(sys.executable).parent / "bulletin")
    python = bulletin.parent / "python"
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(REPO / "bulletin.toml", work / "bulletin.toml")
        (work / "issues").mkdir()
        issue = work / "issues" / "2012-01.toml"
        shutil.copy(REPO / "issues" / "2012-01.toml", issue)
        reference = work / "reference.docx"
        run_once([str(bulletin), "export", str(issue), "-o", str(reference)])
        source = args.text or work / "2012-01.md"
        if args.text is None:
            source.write_text(markdown_of(issue), encoding="utf-8")
        commands = {
            "bulletin export": [str(bulletin), "export", str(issue), "-o", str(work / "b.docx")],
            "pandoc --reference-doc": [
                pandoc,
                "-f",
                "markdown",
                str(source),
                "--reference-doc",
                str(reference),
                "-o",
                str(work / "p.docx"),
            ],
            "floor: python -c pass": [str(python), "-c", "pass"],
            "floor: export_docx() via the API": [str(python), "-c", API, str(issue), "a.docx"],
        }
        results = paired(commands, args.rounds, cwd=folder)
    print(f"measured {bulletin} against {pandoc} on {source.name} ({load_note()})")
    report(results, args.rounds)
    ours, other = results[0], results[1]
    print(
        f"bulletin export / pandoc: {ours.wall_ms / other.wall_ms:.2f} (medians), "
        f"{paired_ratio(ours, other):.2f} (median of paired ratios), "
        f"CPU {ours.cpu_ms / other.cpu_ms:.2f}; target at most 1"
    )


if __name__ == "__main__":
    main()

"""Word's pages against the PDF's, line by line (docs/layout.md §7).

    .venv/bin/python bench/compare_layout.py --word-layout PATH [--keep DIR] [ISSUE.toml ...]

For each issue (default: the example, and the 36-article and briefs issues of
tests/layout_issues.py, built into a temporary folder) it exports the DOCX and the PDF with
``bulletin export --pdf``, runs ``PATH FILE.docx --json OUT`` (word-layout, a Word-compatible
layout engine run outside the project: given on the command line, never found by itself), and
prints per issue: Word's pages, the PDF's pages, the pages that start at the same character,
the line starts that agree, the characters of the DOCX missing from the PDF, and every page
or line that differs. ``--keep DIR`` leaves the DOCX, PDF and JSON files there.

Lines are compared by where they start in the document's text with all white space removed:
a line of Word and a line of the PDF agree when they start at the same character of that text.
The PDF's lines are PDFium's (pypdfium2), its page numbers left out; Word's lines come from the
JSON, the 报尾's table lines (``cells``) after the page's other lines.

Not a test, and not run by the tests: it needs word-layout, which the project never depends on.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from layout_issues import write_briefs_issue, write_long_issue  # noqa: E402
from pdf_reading import docx_text, pdf_pages  # noqa: E402

_SPACE = re.compile(r"\s+")


@dataclass
class Layout:
    pages: list[list[str]]  # each page's lines, white space removed

    @property
    def text(self) -> str:
        return "".join(line for page in self.pages for line in page)

    def starts(self) -> list[int]:
        """The offset in ``text`` where each line starts."""
        offsets, at = [], 0
        for page in self.pages:
            for line in page:
                offsets.append(at)
                at += len(line)
        return offsets

    def page_starts(self) -> list[int]:
        offsets, at = [], 0
        for page in self.pages:
            offsets.append(at)
            at += sum(len(line) for line in page)
        return offsets


def word_layout(json_path: Path) -> Layout:
    data = json.loads(json_path.read_text("utf-8"))
    pages = []
    for page in data["pages"]:
        lines = [_SPACE.sub("", line["text"]) for line in page["lines"]]
        lines += [_SPACE.sub("", cell["text"]) for cell in page.get("cells", [])]
        # the evaluation mode's hidden marker paragraph
        pages.append([line for line in lines if line and line != "[|]"])
    return Layout(pages)


def pdf_layout(pdf: Path) -> Layout:
    return Layout(pdf_pages(pdf))


@dataclass
class Comparison:
    name: str
    word_pages: int
    pdf_pages: int
    pages_alike: int
    lines_alike: int
    lines: int
    missing: collections.Counter[str]
    extra: collections.Counter[str]
    differences: list[str]

    def row(self) -> str:
        share = 100 * self.lines_alike / self.lines if self.lines else 100.0
        return (
            f"| {self.name} | {self.word_pages} | {self.pdf_pages} | "
            f"{self.pages_alike} of {max(self.word_pages, self.pdf_pages)} | "
            f"{self.lines_alike} of {self.lines} ({share:.1f} %) | "
            f"{sum(self.missing.values())} |"
        )


def compare(name: str, docx: Path, word: Layout, pdf: Layout) -> Comparison:
    differences: list[str] = []
    if word.text != pdf.text:
        differences.append("the texts differ: line offsets compared as far as they agree")
    word_pages, pdf_pages = word.page_starts(), pdf.page_starts()
    pages_alike = 0
    for number, (w, p) in enumerate(zip(word_pages, pdf_pages, strict=False), start=1):
        if w == p:
            pages_alike += 1
        else:
            differences.append(
                f"page {number}: Word starts «{word.text[w : w + 12]}», "
                f"the PDF «{pdf.text[p : p + 12]}»"
            )
    word_starts, pdf_starts = set(word.starts()), set(pdf.starts())
    alike = len(word_starts & pdf_starts)
    for offset in sorted(word_starts ^ pdf_starts)[:40]:
        who = "Word" if offset in word_starts else "PDF"
        differences.append(f"a line starts only in {who} at «{word.text[offset : offset + 12]}»")
    source = collections.Counter(docx_text(docx))
    printed = collections.Counter(pdf.text)
    return Comparison(
        name=name,
        word_pages=len(word.pages),
        pdf_pages=len(pdf.pages),
        pages_alike=pages_alike,
        lines_alike=alike,
        lines=max(len(word_starts), len(pdf_starts)),
        missing=source - printed,
        extra=printed - source,
        differences=differences,
    )


def run_issue(issue: Path, tool: str, folder: Path) -> Comparison:
    docx = folder / f"{issue.stem}.docx"
    subprocess.run(
        [sys.executable, "-m", "bulletin_cli", "export", str(issue), "-o", str(docx), "--pdf"],
        check=True,
        capture_output=True,
    )
    pdf = docx.with_suffix(".pdf")
    json_path = folder / f"{issue.stem}-word.json"
    subprocess.run(
        [tool, str(docx), "--json", str(json_path)], check=True, capture_output=True, text=True
    )
    return compare(issue.stem, docx, word_layout(json_path), pdf_layout(pdf))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--word-layout", required=True, help="the word-layout program")
    parser.add_argument("--keep", type=Path, help="leave the DOCX, PDF and JSON here")
    parser.add_argument("--details", action="store_true", help="print every difference")
    parser.add_argument("issues", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bulletin-compare-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        issues = list(args.issues) or [
            REPO / "issues" / "2012-01.toml",
            write_long_issue(folder / "long"),
            write_briefs_issue(folder / "briefs"),
        ]
        print(
            "| issue | Word pages | PDF pages | pages starting alike | line starts agreeing |"
            " characters missing from the PDF |"
        )
        print("|---|---|---|---|---|---|")
        results = [run_issue(issue, args.word_layout, folder) for issue in issues]
        for result in results:
            print(result.row())
        for result in results:
            if result.missing or result.extra:
                print(f"{result.name}: missing {dict(result.missing)}, extra {dict(result.extra)}")
            if args.details:
                for line in result.differences:
                    print(f"{result.name}: {line}")


if __name__ == "__main__":
    main()

"""check's page model against the PDF and (optionally) Word, line by line (docs/layout.md §8).

    .venv/bin/python bench/compare_model.py [--word-layout PATH] [--keep DIR] [ISSUE.toml ...]

For each issue (default: the example, and the 36-article and briefs issues of
tests/layout_issues.py, built into a temporary folder) it exports the DOCX, converts it to PDF
with the project's converter (as ``bulletin export --pdf`` does), works out check's pages
(``check/pages.py:page_fit``) and, given ``--word-layout PATH`` (word-layout, a Word-compatible
layout engine run outside the project: named on the command line, never found by itself), runs
``PATH FILE.docx --json OUT``. Printed per issue: the page counts (check, PDF, Word), the pages
that start at the same character as check says, the share of line starts that agree with
check's, and the first lines that differ.

Lines are compared by where they start in the issue's text with white space removed: a line
of check's and one of the PDF (or Word) agree when they start at the same character of that
text. The 报尾's lines follow the last page's other lines.

Not a test, and not run by the tests: it needs LibreOffice (and word-layout for Word).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from layout_issues import write_briefs_issue, write_long_issue  # noqa: E402

from bulletin_cli.check.pages import distribution_lines, page_fit, with_distribution  # noqa: E402
from bulletin_cli.export import build_docx  # noqa: E402
from bulletin_cli.export.pdf import convert_to_pdf  # noqa: E402
from bulletin_cli.issuefile.store import load_issue  # noqa: E402
from bulletin_cli.profile import profile_for  # noqa: E402

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Pages:
    """Each page's lines, white space removed."""

    pages: list[list[str]]

    def starts(self) -> list[int]:
        offsets, at = [], 0
        for page in self.pages:
            for line in page:
                offsets.append(at)
                at += len(line)
        return offsets

    def page_starts(self) -> list[str]:
        return [page[0][:6] if page else "" for page in self.pages]


def _clean(lines: list[str]) -> list[str]:
    return [text for text in (_SPACE.sub("", line) for line in lines) if text]


def model_pages(path: Path) -> Pages:
    issue, profile = load_issue(path).issue, profile_for(path)
    fit = page_fit(issue, profile)
    pages = [_clean(list(page)) for page in fit.pages]
    dist = with_distribution(issue, profile)
    if dist is not None:
        if fit.distribution_alone:
            pages.append([])
        pages[-1] += distribution_lines(dist, profile.layout)
    return Pages(pages)


def pdf_pages(pdf: Path, foot_points: float) -> Pages:
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    document = pdfium.PdfDocument(str(pdf))
    pages = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage().get_text_bounded(0, foot_points, width, height)
        pages.append(_clean(text.replace("\r\n", "\n").split("\n")))
    document.close()
    return Pages(pages)


def word_pages(word_layout: str, docx: Path) -> Pages:
    out = docx.with_suffix(".json")
    subprocess.run([word_layout, str(docx), "--json", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    pages = []
    for page in data["pages"]:
        lines = [line["text"] for line in page["lines"] if line["text"] != "[|]"]
        pages.append(_clean(lines + [cell["text"] for cell in page["cells"]]))
    return Pages(pages)


def compare(name: str, model: Pages, other: Pages) -> str:
    same_pages = sum(a == b for a, b in zip(model.page_starts(), other.page_starts(), strict=False))
    mine, theirs = set(model.starts()), set(other.starts())
    share = len(mine & theirs) / max(len(mine), len(theirs), 1)
    text = (
        f"  {name}: {len(other.pages)} pages, {same_pages} of {len(model.pages)} start alike, "
        f"{len(mine & theirs)} of {len(mine)} line starts agree ({100 * share:.1f} %)"
    )
    flat_model = [line for page in model.pages for line in page]
    flat_other = [line for page in other.pages for line in page]
    shown = 0
    for a, b in zip(flat_model, flat_other, strict=False):
        if a[:1] != b[:1] and shown < 3:
            text += f"\n    check «{a}»\n    {name:5} «{b}»"
            shown += 1
    return text


def _issues(folder: Path, given: list[str]) -> list[Path]:
    if given:
        return [Path(item) for item in given]
    return [
        REPO / "issues" / "2012-01.toml",
        write_long_issue(folder / "long"),
        write_briefs_issue(folder / "briefs"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("issues", nargs="*", help="issue files (default: the three test issues)")
    parser.add_argument("--word-layout", help="the word-layout program, to compare with Word")
    parser.add_argument("--keep", help="a folder to leave the DOCX, PDF and JSON files in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        issues = _issues(folder, args.issues)
        documents = []
        for path in issues:
            docx = folder / f"{path.stem}.docx"
            docx.write_bytes(build_docx(load_issue(path).issue, profile_for(path)))
            documents.append(docx)
        pdfs = convert_to_pdf(documents)
        for path, docx in zip(issues, documents, strict=True):
            profile = profile_for(path)
            model = model_pages(path)
            print(f"{path.stem}: check {len(model.pages)} pages, {len(model.starts())} lines")
            pdf = pdfs[docx]
            if isinstance(pdf, Path):
                foot = (profile.layout.margin_bottom - 0.2 * profile.layout.line_pitch) / 20
                print(compare("PDF", model, pdf_pages(pdf, foot)))
            else:
                print(f"  PDF: not made ({pdf})")
            if args.word_layout:
                print(compare("Word", model, word_pages(args.word_layout, docx)))


if __name__ == "__main__":
    main()

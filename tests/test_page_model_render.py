"""The PDF the project makes (export/pdf.py) has the pages check's model predicts: the same page
count, every page starting at the same characters, every line at the same character, on the
example issue and the two issues tests/layout_issues.py builds; and rule P002's count of lines
to cut is right in both directions on the rendered pages.

All documents go through one conversion (LibreOffice's start-up dominates)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from layout_issues import write_briefs_issue, write_long_issue
from test_page_model import issue_of

from bulletin_cli.check.pages import PageFit, distribution_lines, page_fit, with_distribution
from bulletin_cli.export import build_docx
from bulletin_cli.export.pdf import convert_to_pdf
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.model import Issue
from bulletin_cli.profile import Profile, load_profile, profile_for

REPO = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        shutil.which("soffice") is None and shutil.which("libreoffice") is None,
        reason="needs LibreOffice",
    ),
]


@dataclass(frozen=True, slots=True)
class Case:
    issue: Issue
    profile: Profile

    @property
    def fit(self) -> PageFit:
        return page_fit(self.issue, self.profile)

    def predicted(self) -> list[list[str]]:
        """The model's pages as printed: text lines, the 报尾's lines at the foot of the last
        page (or on a page of their own)."""
        pages = [[_visible(line) for line in page] for page in self.fit.pages]
        pages = [[line for line in page if line] for page in pages]
        dist = with_distribution(self.issue, self.profile)
        if dist is not None:
            if self.fit.distribution_alone:
                pages.append([])
            pages[-1] += distribution_lines(dist, self.profile.layout)
        return pages


def _visible(line: str) -> str:
    return line.replace("\t", "").replace(" ", "").replace("\u3000", "")


def _tail_cases() -> dict[str, Case]:
    """An article too long by two lines for the 报尾, cut by two lines, cut by one."""
    lines = next(n for n in range(20, 60) if page_fit(issue_of(n), Profile()).lines_to_cut == 2)
    return {f"tail-{cut}": Case(issue_of(lines - cut), Profile()) for cut in (0, 1, 2)}


def _cases(folder: Path) -> dict[str, Case]:
    cases = {"example": Case(load_issue(REPO / "issues" / "2012-01.toml").issue, _example())}
    for name, path in (
        ("long", write_long_issue(folder / "long")),
        ("briefs", write_briefs_issue(folder / "briefs")),
    ):
        cases[name] = Case(load_issue(path).issue, profile_for(path))
    return cases | _tail_cases()


def _example() -> Profile:
    return load_profile(REPO / "bulletin.toml")


def pdf_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as the PDF's text holds them, within the type area (the page number
    under it left out)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    layout = Profile().layout
    foot = (layout.margin_bottom - 0.2 * layout.line_pitch) / 20  # points above the page's foot
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage().get_text_bounded(0, foot, width, height)
            lines = [_visible(line) for line in text.replace("\r\n", "\n").split("\n")]
            pages.append([line for line in lines if line])
        return pages
    finally:
        document.close()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Case, list[list[str]]]]:
    folder = tmp_path_factory.mktemp("model")
    cases = _cases(folder)
    paths = {}
    for name, case in cases.items():
        paths[name] = folder / f"{name}.docx"
        paths[name].write_bytes(build_docx(case.issue, case.profile))
    results = convert_to_pdf(list(paths.values()))
    out = {}
    for name, case in cases.items():
        pdf = results[paths[name]]
        assert isinstance(pdf, Path), pdf
        out[name] = (case, pdf_lines(pdf))
    return out


ISSUES = ["example", "long", "briefs"]
# every page and line of the PDF as check says: the PDF's conversion spaces each portion as
# Word does (docs/layout.md §7), so the lines Word fills to within 0.23 pt hold in the PDF too
EXACT = ISSUES


@pytest.mark.parametrize("name", ISSUES)
def test_the_pdf_has_the_page_count_check_predicts(
    rendered: dict[str, tuple[Case, list[list[str]]]], name: str
) -> None:
    case, pages = rendered[name]
    assert len(pages) == case.fit.printed_pages


@pytest.mark.parametrize("name", EXACT)
def test_every_page_starts_where_check_says(
    rendered: dict[str, tuple[Case, list[list[str]]]], name: str
) -> None:
    case, pages = rendered[name]
    predicted = [page[0][:6] if page else "" for page in case.predicted()]
    assert [page[0][:6] if page else "" for page in pages] == predicted


@pytest.mark.parametrize("name", EXACT)
def test_every_line_starts_with_the_character_check_says(
    rendered: dict[str, tuple[Case, list[list[str]]]], name: str
) -> None:
    case, pages = rendered[name]
    for number, (got, want) in enumerate(zip(pages, case.predicted(), strict=False), 1):
        assert [line[0] for line in got] == [line[0] for line in want], (number, got, want)


@pytest.mark.parametrize("cut", [0, 1, 2])
def test_cutting_the_lines_p002_names_is_enough_and_one_fewer_is_not(
    rendered: dict[str, tuple[Case, list[list[str]]]], cut: int
) -> None:
    """``tail-2`` is two lines too long: P002 says cut 2; cut by 1 it still asks for 1; cut by
    2 the 报尾 sits under the text. The rendered last page agrees each time."""
    case, pages = rendered[f"tail-{cut}"]
    assert case.fit.lines_to_cut == 2 - cut
    alone = pages[-1][0].startswith("报：")
    assert alone == (cut < 2), pages[-1]
    assert len(pages) == case.fit.printed_pages

"""Pictures and tables as a reader sees them: the exported DOCX rendered by LibreOffice (the
machinery of test_export_render), the pictures located with pdftohtml, the text with pdftotext.

The picture stays inside the type area, and the text after a picture or a table stays on the
22-line grid of the text before it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from drawn import png
from lxml import etree  # type: ignore[import-untyped]
from test_export_render import BOTTOM, LEFT, PITCH, RIGHT, TOP, convert, read_pages

from bulletin_cli.export import build_docx
from bulletin_cli.model import Article, Distribution, Issue, Picture, Table
from bulletin_cli.profile import Profile

PDFTOHTML = shutil.which("pdftohtml")
pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        shutil.which("soffice") is None or PDFTOHTML is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and poppler-utils",
    ),
]

BEFORE = "春节前夕，全市各级工会深入企业、社区，走访慰问困难职工、劳动模范和坚守岗位的一线职工。"
AFTER = "市总工会领导分成六个组，分赴各市、区走访慰问。慰问中，大家详细了解职工的生活情况。"
LAST = "各级工会表示，将把送温暖活动贯穿全年，建立帮扶长效机制。"


def _issue(pictures: list[Picture], tables: list[Table]) -> Issue:
    body = "\n\n".join([BEFORE, AFTER, LAST])
    return Issue(
        number=1,
        date=dt.date(2026, 3, 10),
        name="测试工作简报",
        editor="测试办公室",
        articles=[
            Article(
                "工作动态",
                "全市工会开展春节送温暖活动",
                body,
                ["市总生活部"],
                pictures=pictures,
                tables=tables,
            )
        ],
        distribution=Distribution(report=["上级机关"], copies=20),
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("figures")
    (folder / "wide.png").write_bytes(png(3000, 1200, 72))  # 41 inches at 72 dpi: capped
    (folder / "share.png").write_bytes(png(900, 700, 300))
    table = Table(
        [["地区", "户数", "金额（万元）"], ["张家港市", "1200户", "360"],
         ["常熟市", "980户", "294"], ["吴中区", "860户", "258"]],
        "表1　慰问情况",
        2,
    )  # fmt: skip
    documents = {
        "wide": build_docx(_issue([Picture("wide.png", "图为会场全景", 1)], []), Profile(), folder),
        "share": build_docx(
            _issue([Picture("share.png", "图为慰问现场", 2, 0.5)], [table]), Profile(), folder
        ),
    }
    return convert(documents, folder / "out")


def _images(pdf: Path) -> list[tuple[int, float, float, float, float]]:
    """(page, top, bottom, left, right) of each picture, in points."""
    folder = pdf.parent / f"{pdf.stem}-html"
    folder.mkdir(exist_ok=True)
    xml = subprocess.run(
        [str(PDFTOHTML), "-xml", "-zoom", "1", "-stdout", str(pdf), "images"],
        capture_output=True,
        check=True,
        cwd=folder,
    ).stdout
    root = etree.fromstring(xml.split(b"\n", 2)[2])  # past the DOCTYPE
    found = []
    for page in root.iter("page"):
        for image in page.iter("image"):
            top, left = float(image.get("top")), float(image.get("left"))
            height, width = float(image.get("height")), float(image.get("width"))
            found.append((int(page.get("number")), top, top + height, left, left + width))
    return found


def _on_grid_after(pdf: Path, first: str, later: str) -> float:
    """How far (in lines) the row starting with ``later`` is off the grid of the row starting
    with ``first``, on the page that holds both."""
    for page in read_pages(pdf):
        rows = {row.text[:6]: row for row in page}
        if first[:6] in rows and later[:6] in rows:
            steps = (rows[later[:6]].bottom - rows[first[:6]].bottom) / PITCH
            return abs(steps - round(steps))
    raise AssertionError(f"{first[:6]} and {later[:6]} are not on one page")


@pytest.mark.parametrize("name", ["wide", "share"])
def test_the_picture_lies_inside_the_type_area(rendered: dict[str, Path], name: str) -> None:
    [(_page, top, bottom, left, right)] = _images(rendered[name])
    assert LEFT - 1 <= left < right <= RIGHT + 1, (left, right)
    assert TOP - 1 <= top < bottom <= BOTTOM + 1, (top, bottom)
    centre = (left + right) / 2
    assert abs(centre - (LEFT + RIGHT) / 2) < 2  # centred
    if name == "wide":
        # capped at the type area's width (less what rounding its height down to whole grid
        # lines takes: at most one line's height times its aspect, 2.5)
        assert right - left > RIGHT - LEFT - PITCH * 2.5
    else:
        assert abs((right - left) / (RIGHT - LEFT) - 0.5) < 0.03


@pytest.mark.parametrize("name", ["wide", "share"])
def test_the_text_after_the_picture_stays_on_the_grid(rendered: dict[str, Path], name: str) -> None:
    # wide: the caption under the picture, at the foot of page 1 (its line is on the grid);
    # share: the paragraph after the picture and a table, on page 2
    later = "图为会场全景" if name == "wide" else LAST
    first = BEFORE if name == "wide" else AFTER
    assert _on_grid_after(rendered[name], first, later) < 0.05


def test_the_text_after_a_table_stays_on_the_grid(rendered: dict[str, Path]) -> None:
    pages = read_pages(rendered["share"])
    text = "".join(row.text for page in pages for row in page)
    for cell in ("地区", "张家港市", "1200户", "258", "表1"):
        assert cell in text
    assert _on_grid_after(rendered["share"], AFTER, LAST) < 0.05
    attribution = [row for page in pages for row in page if row.text == "（市总生活部）"]
    assert attribution

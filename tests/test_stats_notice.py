"""The 信息采用情况通报 as a reader sees it: rendered by LibreOffice with the official faces mapped
to free ones (tests/fontconfig/fonts.conf), then measured with pdftotext, pdffonts and the
pixels of pdftoppm (the table's ruled lines must sit inside the type area)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]
from openxml_audit import FileFormat, OpenXmlValidator  # type: ignore[import-untyped]
from stats_archive import make_archive

import bulletin_cli as bulletin
from bulletin_cli.profile import Profile
from bulletin_cli.stats import count_records, make_period, notice_docx, notice_title
from bulletin_cli.stats.reading import ArticleRecord, IssueRecord

FONTCONFIG = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdffonts"))

PT = 1 / 20  # points per twip
TOP = 2098 * PT
BOTTOM = (16838 - 1984) * PT
LEFT = 1587 * PT
RIGHT = (11906 - 1474) * PT
CHAR = 16.0  # one 字 of body text, points
XHTML = "{http://www.w3.org/1999/xhtml}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTICE_DATE = dt.date(2013, 1, 10)
HANGING = "、，。；：！？"

render = pytest.mark.skipif(
    SOFFICE is None or not POPPLER, reason="needs LibreOffice and poppler-utils"
)


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line: words at the same height merged (points from the page's top left)."""

    page: int
    top: float
    bottom: float
    left: float
    right: float
    text: str


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notice")
    folder = make_archive(root)
    report = bulletin.adoption_stats(folder, year=2012)
    return bulletin.export_stats(report, out=root / "通报.docx", date=NOTICE_DATE)


@pytest.fixture(scope="module")
def pdf(notice: Path) -> Path:
    if SOFFICE is None or not POPPLER:
        pytest.skip("needs LibreOffice and poppler-utils")
    folder = notice.parent
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG))
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(notice),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return notice.with_suffix(".pdf")


def _rows(pdf: Path) -> list[Row]:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    rows: list[Row] = []
    for number, page in enumerate(etree.fromstring(xml).iter(f"{XHTML}page"), 1):
        words = sorted(
            (
                (
                    float(w.get("yMin")),
                    float(w.get("yMax")),
                    float(w.get("xMin")),
                    float(w.get("xMax")),
                    w.text or "",
                )
                for w in page.iter(f"{XHTML}word")
            ),
            key=lambda w: (round(w[1]), w[2]),
        )
        page_rows: list[Row] = []
        for top, bottom, left, right, text in words:
            last = page_rows[-1] if page_rows else None
            if last is not None and abs(last.bottom - bottom) < 4:
                page_rows[-1] = Row(
                    number,
                    min(last.top, top),
                    max(last.bottom, bottom),
                    last.left,
                    right,
                    last.text + text,
                )
            else:
                page_rows.append(Row(number, top, bottom, left, right, text))
        rows += page_rows
    return rows


def _dark_columns(pdf: Path, folder: Path) -> tuple[int, int, list[int]]:
    """On page 1 at 72 dpi (one pixel a point): the leftmost and rightmost dark pixel of the
    table's band, and the columns holding a long vertical rule."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
    )
    (image,) = folder.glob("page*.pgm")
    data = image.read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match is not None
    width, height = int(match.group(1)), int(match.group(2))
    pixels = data[match.end() :]

    def dark(x: int, y: int) -> bool:
        return pixels[y * width + x] < 128

    run_length = [0] * width
    longest = [0] * width
    for y in range(height):
        for x in range(width):
            run_length[x] = run_length[x] + 1 if dark(x, y) else 0
            longest[x] = max(longest[x], run_length[x])
    rules = [x for x in range(width) if longest[x] > 100]
    assert rules, "no vertical rule found"
    return min(rules), max(rules), rules


def test_title_paragraph_and_signature_text(notice: Path) -> None:
    report = bulletin.adoption_stats(notice.parent / "issues", year=2012)
    assert notice_title(report) == "2012年信息采用情况通报"
    xml = zipfile.ZipFile(notice).read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert text.startswith("2012年信息采用情况通报各供稿单位：")
    assert "共编发4期（2012年第1—4期），采用各单位报送的信息12篇，其中联合供稿3篇" in text
    assert "1个单位未被采用" in text
    assert text.endswith("测试市总工会办公室2013年1月10日")
    assert notice_docx(report, date=NOTICE_DATE) == notice.read_bytes()  # deterministic


def test_table_cells_name_the_official_faces(notice: Path) -> None:
    root = etree.fromstring(zipfile.ZipFile(notice).read("word/document.xml"))
    (table,) = root.iter(f"{W}tbl")
    rows = list(table.iter(f"{W}tr"))
    assert len(rows) == 1 + 9 + 1  # heading, nine units, total
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None

    def faces(row: etree._Element) -> set[str]:
        return {f.get(f"{W}eastAsia") for f in row.iter(f"{W}rFonts") if f.get(f"{W}eastAsia")}

    assert faces(rows[0]) == {"黑体"}
    assert faces(rows[1]) == {"仿宋_GB2312"}
    widths = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
    assert sum(widths) == 11906 - 1587 - 1474  # exactly the type area's width
    title = root.find(f"{W}body/{W}p/{W}pPr/{W}pStyle")
    assert title is not None and title.get(f"{W}val") == "BulletinTitle"


@render
def test_rendered_table_sits_inside_the_type_area(pdf: Path) -> None:
    left, right, rules = _dark_columns(pdf, pdf.parent)
    assert left >= LEFT - 1.5 and right <= RIGHT + 1.5, (left, right, LEFT, RIGHT)
    groups = [x for index, x in enumerate(rules) if index == 0 or x - rules[index - 1] > 2]
    assert len(groups) == 5  # the ruled lines of four columns


@render
def test_rendered_text_in_the_type_area_and_in_the_official_faces(pdf: Path) -> None:
    rows = _rows(pdf)
    body = [row for row in rows if row.top < BOTTOM]

    def inside(row: Row) -> bool:
        # LibreOffice hangs a line's closing punctuation (、，。) into the margin, as CJK
        # typesetting allows: one 字 at most
        hanging = CHAR if row.text[-1] in HANGING else 0
        return row.left >= LEFT - 1 and row.right <= RIGHT + 1 + hanging

    assert all(inside(row) for row in body), [row for row in body if not inside(row)]
    assert all(row.top >= TOP - 1 for row in body)
    assert body[0].text.replace(" ", "") == "2012年信息采用情况通报"
    assert body[0].bottom - body[0].top > 18  # 二号
    printed = "".join(row.text for row in rows)
    for unit in (
        "市总办公室",
        "研究室",
        "宣传部",
        "街道工会",
        "吴中区总工会",
        "新单位",
        "街道公会",
        "组织部",
    ):
        assert unit in printed
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    # 方正小标宋简体, 仿宋_GB2312 and 黑体 as tests/fontconfig/fonts.conf maps them
    for face in ("NotoSerifCJK", "UMing", "NotoSansCJK"):
        assert face in fonts, fonts


@render
def test_rendered_signature_date_four_characters_from_the_right(pdf: Path) -> None:
    rows = _rows(pdf)
    date = next(row for row in rows if row.text.replace(" ", "") == "2013年1月10日")
    unit = next(row for row in rows if row.text == "测试市总工会办公室")
    assert date.page == unit.page and unit.bottom < date.top
    assert abs((RIGHT - date.right) - 4 * CHAR) < 3, date
    assert abs((unit.left + unit.right) / 2 - (date.left + date.right) / 2) < CHAR, (unit, date)
    total = next(row for row in rows if row.text.startswith("合计"))
    assert total.page == date.page  # the last row keeps with the signature


def _odd_report() -> bytes:
    """A 通报 of awkward names: XML specials, “quotes”, a long unit, a profile without units."""
    units = (
        "A&B <公司>",
        "“送温暖”工作小组",
        "中华全国总工会江苏省苏州市吴中区某某街道某某社区联合工会",
    )
    record = IssueRecord(
        Path("1.toml"),
        1,
        dt.date(2012, 3, 1),
        None,
        (ArticleRecord("工作动态", units), ArticleRecord("工作动态", ())),
    )
    profile = Profile(name="名称 & <简报>", editor="编印 & <单位>")
    report = count_records([record], profile=profile, period=make_period(year=2012))
    return notice_docx(report, date=NOTICE_DATE)


def test_notice_validates_as_microsoft_365_checks_it(notice: Path, tmp_path: Path) -> None:
    validator = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365)
    odd = tmp_path / "odd.docx"
    odd.write_bytes(_odd_report())
    for path in (notice, odd):
        result = validator.validate(path)
        assert [error.description for error in result.errors] == [], path.name
        assert result.is_valid

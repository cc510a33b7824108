"""Pictures, tables, an article's 编者按, the 本期要目 box and 增刊 (issue 20): the issue file,
add/edit, a unit's Word file (add --from, collect), check, export and import of the export.

Every picture here is drawn by code (tests/drawn.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from drawn import jpeg_header, png
from lxml import etree  # type: ignore[import-untyped]
from openxml_audit import FileFormat, OpenXmlValidator  # type: ignore[import-untyped]
from typer.testing import CliRunner

from bulletin_cli import api
from bulletin_cli.check.engine import check_file
from bulletin_cli.cli import app
from bulletin_cli.export import build_docx, with_profile_defaults
from bulletin_cli.importer import import_docx_bytes
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.issuefile.subtables import append_item_text, remove_item_text
from bulletin_cli.pictures import NotAPicture, picture_info, printed_size
from bulletin_cli.profile import load_profile

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PHOTO = png(900, 600, 200)
TABLE = [["类别", "户数", "金额（万元）"], ["困难职工", "120户", "36.5"], ["农民工", "86户", "12"]]

PROFILE = """[bulletin]
name = "苏州工会工作简报"
editor = "苏州市总工会办公室"
sections = ["工作动态", "基层交流", "一句话信息"]
briefs = ["一句话信息"]
units = ["市总办公室", "吴中区总工会", "常熟市总工会"]

[distribution]
report = ["省总工会"]
distribute = ["各市、区总工会"]
copies = 50
"""

FULL = """[issue]
number = 1
date = 2026-03-10
kind = "增刊"
contents = true

[[articles]]
section = "工作动态"
title = "全市工会开展春节送温暖活动"
sources = ["市总办公室"]
body = \"\"\"
春节前夕，全市各级工会深入企业、社区，走访慰问困难职工、劳动模范和坚守岗位的一线职工。

市总工会领导分赴各市、区走访慰问。

慰问情况见下表。
\"\"\"
note = "现将全市工会春节送温暖情况刊发。"

[[articles.pictures]]
file = "images/2026-增刊01/photo.png"
caption = "图为慰问现场"
after = 2
width = 0.4

[[articles.tables]]
rows = [
  ["类别", "户数", "金额（万元）"],
  ["困难职工", "120户", "36.5"],
  ["农民工", "86户", "12"],
]
caption = "表1　慰问情况"

[[articles]]
section = "一句话信息"
title = ""
sources = ["常熟市总工会"]
body = \"\"\"
常熟市总工会发放慰问金60万元。
\"\"\"
"""


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "issues").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _full(office: Path) -> Path:
    issue = office / "issues" / "2026-增刊01.toml"
    issue.write_text(FULL, encoding="utf-8")
    folder = office / "issues" / "images" / "2026-增刊01"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(PHOTO)
    return issue


def _new(office: Path) -> Path:
    result = runner.invoke(app, ["new", "--date", "2026-03-10"])
    assert result.exit_code == 0, result.output
    return office / "issues" / "2026-01.toml"


# -- the headers and the printed size --------------------------------------------------------


def test_png_and_jpeg_headers_are_read_by_hand() -> None:
    info = picture_info(png(300, 200, 150))
    assert (info.format, info.width, info.height, round(info.dpi or 0)) == ("png", 300, 200, 150)
    info = picture_info(jpeg_header(1200, 800, 72))
    assert (info.format, info.width, info.height, info.dpi) == ("jpeg", 1200, 800, 72.0)
    assert picture_info(png(40, 30)).dpi is None
    for data, name in ((b"GIF89a....", "GIF"), (b"BM......", "BMP"), (b"hello", "无法识别")):
        with pytest.raises(NotAPicture, match=name):
            picture_info(data)


def test_the_printed_height_is_whole_grid_lines_and_never_wider_than_the_type_area() -> None:
    for width, height, share in ((900, 600, 0.6), (4000, 1000, None), (300, 3000, 1.0)):
        size = printed_size(
            picture_info(png(width, height, 300)),
            share,
            area_width=8845,
            pitch=579,
            max_lines=20,
        )
        assert (size.height + 20) % 579 == 0
        assert size.width <= 8845
        assert 1 <= size.lines <= 20
        assert abs(size.width / size.height - width / height) < 0.01 or size.width == 8845


# -- the issue file, check, export, import -----------------------------------------------------


def test_a_full_issue_passes_check_exports_valid_and_imports_back_the_same(
    office: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    issue = _full(office)
    report = check_file(issue)
    assert [f.code for f in report.findings] == [], [f.message for f in report.findings]
    profile = load_profile(office / "bulletin.toml")
    loaded = load_issue(issue).issue
    data = build_docx(loaded, profile, issue.parent)
    path = tmp_path_factory.mktemp("audit") / "full.docx"
    path.write_bytes(data)
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(path)
    assert [error.description for error in result.errors] == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/media/image1.png") == PHOTO
        document = etree.fromstring(archive.read("word/document.xml"))
    headers = document.findall(f".//{W}tblHeader")
    assert len(headers) == 1  # the table's first row repeats on each page
    # import of the DOCX: the same issue, the picture beside the target with the same bytes
    target = office / "back" / "2026-增刊01.toml"
    result_cli = runner.invoke(app, ["import", str(path), "-o", str(target)])
    assert result_cli.exit_code == 0, result_cli.output
    back = load_issue(target).issue
    # the masthead and 报尾 come back printed, as the profile filled them in
    assert back == with_profile_defaults(loaded, profile)
    assert (target.parent / back.articles[0].pictures[0].file).read_bytes() == PHOTO


def test_import_reads_the_supplement_line_and_the_article_note() -> None:
    from bulletin_cli.model import Article, Issue

    issue = Issue(
        number=3,
        kind="专刊",
        articles=[Article("工作动态", "标题", "正文。", ["市总办公室"], note="按语。")],
    )
    imported = import_docx_bytes(build_docx(issue)).issue
    assert (imported.kind, imported.number) == ("专刊", 3)
    assert imported.articles[0].note == "按语。"
    assert imported.note is None


def test_a_missing_picture_is_an_error_naming_it_and_export_refuses(office: Path) -> None:
    issue = _full(office)
    (office / "issues" / "images" / "2026-增刊01" / "photo.png").unlink()
    report = check_file(issue)
    assert [f.code for f in report.findings] == ["G001"]
    assert "images/2026-增刊01/photo.png" in report.findings[0].message
    result = runner.invoke(app, ["export", str(issue)])
    assert result.exit_code == 1


# -- add and edit --------------------------------------------------------------------------------


def test_add_with_a_note_and_pictures_and_edit_them_byte_for_byte(office: Path) -> None:
    issue = _new(office)
    (office / "会议.png").write_bytes(PHOTO)
    (office / "第二张.png").write_bytes(png(600, 400, 300, seed=1))
    result = runner.invoke(
        app,
        ["add", str(issue), "-s", "工作动态", "-t", "市总工会召开全委会", "-u", "市总办公室",
         "-b", "会议在市工人文化宫召开。", "--note", "请认真学习。",
         "--picture", "会议.png", "--caption", "图为会议现场"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    article = load_issue(issue).issue.articles[0]
    assert article.note == "请认真学习。"
    assert [(p.file, p.caption) for p in article.pictures] == [
        ("images/2026-01/会议.png", "图为会议现场")
    ]
    assert (office / "issues" / "images" / "2026-01" / "会议.png").read_bytes() == PHOTO
    before = issue.read_bytes()
    result = runner.invoke(
        app, ["edit", str(issue), "1", "--picture", "第二张.png", "--caption", "图为又一张"]
    )
    assert result.exit_code == 0, result.output
    after = issue.read_bytes()
    assert after.startswith(before.rstrip(b"\n"))  # appended after the article, nothing else
    result = runner.invoke(
        app, ["edit", str(issue), "1", "--replace-picture", "1", "--caption", "图为全委会"]
    )
    assert result.exit_code == 0, result.output
    pictures = load_issue(issue).issue.articles[0].pictures
    assert [p.caption for p in pictures] == ["图为全委会", "图为又一张"]
    result = runner.invoke(app, ["edit", str(issue), "1", "--remove-picture", "2"])
    assert result.exit_code == 0, result.output
    assert len(load_issue(issue).issue.articles[0].pictures) == 1
    result = runner.invoke(app, ["edit", str(issue), "1", "--note", ""])
    assert result.exit_code == 0, result.output
    assert load_issue(issue).issue.articles[0].note is None
    for _ in range(3):
        assert runner.invoke(app, ["undo", str(issue)]).exit_code == 0
    assert issue.read_bytes() == after


def test_a_picture_that_is_not_png_or_jpeg_is_refused_and_nothing_is_written(
    office: Path,
) -> None:
    issue = _new(office)
    before = issue.read_bytes()
    (office / "图.gif").write_bytes(b"GIF89a" + b"\0" * 40)
    result = runner.invoke(
        app,
        ["add", str(issue), "-s", "工作动态", "-t", "标题", "-u", "市总办公室", "-b", "正文。",
         "--picture", "图.gif"],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "GIF" in result.output and "JPEG" in result.output
    assert issue.read_bytes() == before
    assert not (office / "issues" / "images").exists()
    result = runner.invoke(app, ["edit", str(issue), "1", "--remove-picture", "1"])
    assert result.exit_code == 2


def test_the_item_text_transforms_keep_every_other_byte() -> None:
    text = FULL.replace("\n", "\r\n")
    added = append_item_text(text, 1, "pictures", {"file": "a.png", "caption": "图为"})
    assert added.startswith(text.rstrip("\r\n"))
    assert "\n" not in added.replace("\r\n", "")
    assert remove_item_text(added, 1, "pictures", 0) == text
    removed = remove_item_text(text, 0, "pictures", 0)
    assert "photo.png" not in removed
    assert removed.replace("\r\n", "\n").count("[[articles.tables]]") == 1


# -- a unit's Word file --------------------------------------------------------------------------


def _unit_file(path: Path, *, picture: bool, table: bool, merged: bool = False) -> None:
    document = docx.Document()
    title = document.add_paragraph("吴中区总工会开展送温暖活动")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("1月10日，吴中区总工会走访慰问困难职工120户。")
    if picture:
        document.add_picture(io.BytesIO(PHOTO), width=Cm(12))
        caption = document.add_paragraph("图为慰问现场")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("慰问情况如下：")
    if table:
        cells = document.add_table(rows=3, cols=3)
        for r, row in enumerate(TABLE):
            for c, text in enumerate(row):
                cells.cell(r, c).text = text
        if merged:
            cells.cell(1, 2).merge(cells.cell(2, 2))
    document.add_paragraph("活动得到职工好评。")
    document.add_paragraph("（吴中区总工会）")
    document.save(str(path))


@pytest.mark.parametrize(
    ("picture", "table"),
    [(True, False), (False, True), (True, True)],
    ids=["photo", "table", "both"],
)
def test_add_from_keeps_the_photo_its_caption_and_the_table(
    office: Path, picture: bool, table: bool
) -> None:
    issue = _new(office)
    source = office / "稿件.docx"
    _unit_file(source, picture=picture, table=table)
    result = runner.invoke(app, ["add", str(issue), "--from", str(source), "-s", "基层交流"])
    assert result.exit_code == 0, result.output
    article = load_issue(issue).issue.articles[0]
    assert "图为" not in article.body and "困难职工　120户" not in article.body
    assert article.paragraphs[-1] == "活动得到职工好评。"
    if picture:
        [kept] = article.pictures
        assert (kept.caption, kept.after) == ("图为慰问现场", 1)
        assert (issue.parent / kept.file).read_bytes() == PHOTO
    else:
        assert article.pictures == []
    if table:
        [rows] = article.tables
        assert rows.rows == TABLE
        assert rows.after == 2
    else:
        assert article.tables == []
    assert check_file(issue).errors == 0


def test_merged_cells_keep_their_text_and_the_report_says_so(office: Path) -> None:
    issue = _new(office)
    source = office / "稿件.docx"
    _unit_file(source, picture=False, table=True, merged=True)
    made = api.article_from_file(issue, source, section="基层交流")
    assert any("合并的单元格" in finding for finding in made.reading.findings)
    [table] = made.article.tables
    cells = [cell for row in table.rows for cell in row]
    assert "36.5\n12" in cells  # the merge's text, in its first cell
    assert table.rows[2][2] == ""


def test_a_second_collect_adds_nothing_twice(office: Path) -> None:
    issue = _new(office)
    inbox = office / "收稿"
    inbox.mkdir()
    _unit_file(inbox / "吴中.docx", picture=True, table=True)
    result = runner.invoke(app, ["collect", str(inbox), str(issue), "-s", "基层交流"])
    assert result.exit_code == 0, result.output
    first = issue.read_bytes()
    pictures = sorted((office / "issues" / "images" / "2026-01").iterdir())
    assert [p.read_bytes() for p in pictures] == [PHOTO]
    # the same file sent again
    _unit_file(inbox / "吴中（重发）.docx", picture=True, table=True)
    result = runner.invoke(app, ["collect", str(inbox), str(issue), "-s", "基层交流"])
    assert "已有" in result.output
    assert issue.read_bytes() == first
    assert sorted((office / "issues" / "images" / "2026-01").iterdir()) == pictures


def test_show_lists_the_note_pictures_and_tables_by_the_numbers_edit_takes(office: Path) -> None:
    issue = _full(office)
    result = runner.invoke(app, ["show", str(issue)])
    assert result.exit_code == 0, result.output
    assert "增刊第1期" in result.output
    assert "编者按：现将全市工会春节送温暖情况刊发。" in result.output
    assert "图片 1：图为慰问现场（photo.png）" in result.output
    assert "表格 1：表1 慰问情况（3 行）" in result.output

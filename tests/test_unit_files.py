"""What units really send (issue 19): a sign-off with a date, a space inside a unit's name,
撰稿/审核 lines, a one-paragraph brief, a dropped picture's caption; Word files built here."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.importer.captions import caption_text, captions_of_pictures
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.textclean import split_units

runner = CliRunner()

PROFILE = """[bulletin]
name = "阳光街道工作简报"
editor = "阳光街道办公室"
sections = ["工作动态", "基层交流", "一句话信息"]
briefs = ["一句话信息"]
units = ["阳光社区", "南门社区"]

[unit_sections]
"阳光社区" = "基层交流"
"""

ISSUE = "[issue]\nnumber = 3\ndate = 2026-03-10\n"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues" / "2026-03.toml").write_text(ISSUE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _word(
    path: Path, paragraphs: list[str], *, title: str | None = None, picture_after: int = -1
) -> Path:
    doc = Document()
    if title is not None:
        doc.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, text in enumerate(paragraphs):
        doc.add_paragraph(text)
        if index == picture_after:
            doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    doc.save(str(path))
    return path


def _add_from(path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["add", "issues/2026-03.toml", "--from", str(path)])
    return result.exit_code, result.stdout, result.stderr


def _articles(office: Path) -> list:  # type: ignore[type-arg]
    return load_issue(office / "issues" / "2026-03.toml").issue.articles


@pytest.mark.parametrize(
    "sign_off", ["（阳光社区 2026年3月5日）", "阳光社区 2026.3.5", "（阳光社区 供稿 3月5日）"]
)
def test_a_sign_off_with_a_date_is_one_unit(office: Path, sign_off: str) -> None:
    path = _word(
        office / "稿件.docx",
        ["　　社区开展义诊活动，服务居民120人次。", "　　下一步将每月开展一次。", sign_off],
        title="阳光社区开展义诊活动",
    )
    code, _out, err = _add_from(path)
    assert code == 0, err
    [article] = _articles(office)
    assert article.sources == ["阳光社区"]
    assert article.section == "基层交流"


@pytest.mark.parametrize("spaced", ["阳光 社区", "阳光\u3000社区"])
def test_a_space_inside_a_unit_never_splits_it(office: Path, spaced: str) -> None:
    result = runner.invoke(
        app,
        [
            "add",
            "issues/2026-03.toml",
            "-s",
            "工作动态",
            "-t",
            "题目",
            "-u",
            spaced,
            "-b",
            "正文。",
        ],
    )
    assert result.exit_code == 0, result.output
    assert _articles(office)[0].sources == ["阳光社区"]
    assert "空格已去掉" in result.stderr
    stats = runner.invoke(app, ["stats", "issues", "--format", "json"])
    assert '"joint": 0' in stats.stdout


def test_only_the_listed_separators_separate_units() -> None:
    assert split_units("阳光社区、南门社区，北门社区;东门社区", at_spaces=False) == [
        "阳光社区",
        "南门社区",
        "北门社区",
        "东门社区",
    ]
    assert split_units("2012年春节“送温暖”活动") == ["2012年春节“送温暖”活动"]


def test_staff_lines_are_kept_with_the_article_and_named(office: Path) -> None:
    path = _word(
        office / "稿件.docx",
        ["　　社区开展义诊活动，服务居民120人次。", "（阳光社区）", "撰稿：周小军　审核：陈伟"],
        title="阳光社区开展义诊活动",
    )
    code, _out, err = _add_from(path)
    assert code == 0, err
    assert "撰稿：周小军" in err
    [article] = _articles(office)
    assert article.staff == "撰稿：周小军　审核：陈伟"
    assert "周小军" not in article.body and article.sources == ["阳光社区"]
    shown = runner.invoke(app, ["show", "issues/2026-03.toml"])
    assert "撰稿：周小军　审核：陈伟" in shown.stdout


def test_a_one_paragraph_file_without_a_title_is_a_brief(office: Path) -> None:
    path = _word(office / "简讯.docx", ["阳光社区开展义诊活动，服务居民120人次。（阳光社区）"])
    code, _out, err = _add_from(path)
    assert code == 0, err
    assert "没有找到标题" not in err
    [article] = _articles(office)
    assert (article.section, article.title) == ("一句话信息", "")


def test_a_dropped_pictures_caption_is_not_body_text(office: Path) -> None:
    path = _word(
        office / "稿件.docx",
        [
            "　　社区开展义诊活动，服务居民120人次。",
            "图为义诊现场。",
            "　　下一步将每月开展一次。",
            "（阳光社区）",
        ],
        title="阳光社区开展义诊活动",
        picture_after=0,
    )
    code, _out, err = _add_from(path)
    assert code == 0, err
    [article] = _articles(office)
    assert "图为" not in article.body
    assert article.paragraphs == ["社区开展义诊活动，服务居民120人次。", "下一步将每月开展一次。"]
    # the picture is kept now (issue 20), its caption with it
    assert "图片 1 张已保留" in err
    assert [picture.caption for picture in article.pictures] == ["图为义诊现场。"]


def test_a_paragraph_starting_tu_wei_without_a_picture_stays() -> None:
    lines = [(1, "图为什么要这样写，是一段正文。"), (5, "图为现场。")]
    assert captions_of_pictures(lines, [4]) == {1: "图为现场。"}
    assert captions_of_pictures(lines, []) == {}
    assert caption_text("（图为现场）") == "图为现场"
    assert caption_text("图为" + "很长" * 80) is None


def test_collect_takes_the_brief_and_the_dated_sign_off(office: Path) -> None:
    inbox = office / "收稿"
    inbox.mkdir()
    _word(inbox / "a.docx", ["社区开展义诊活动，服务居民120人次。（南门社区 2026年3月5日）"])
    _word(
        inbox / "b.docx",
        ["　　社区召开议事会。", "阳光社区", "2026年3月6日"],
        title="阳光社区召开议事会",
    )
    result = runner.invoke(app, ["collect", "收稿", "issues/2026-03.toml"])
    assert result.exit_code == 0, result.output
    by_title = {article.title: article for article in _articles(office)}
    assert by_title[""].section == "一句话信息"
    assert by_title[""].sources == ["南门社区"]
    assert by_title["阳光社区召开议事会"].sources == ["阳光社区"]

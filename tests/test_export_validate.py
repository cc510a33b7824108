"""Every kind of exported DOCX passes the Office schemas and semantic rules as Microsoft 365
checks them (openxml-audit, a port of the Open XML SDK's validation data), and names the
substitutes Word and WPS need when the official faces are missing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]
from openxml_audit import FileFormat, OpenXmlValidator  # type: ignore[import-untyped]

from bulletin_cli.export import build_docx
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile, load_profile

REPO = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SECTIONS = ["工作动态", "一句话信息"]
BRIEFS = Profile(sections=SECTIONS, briefs=["一句话信息"])


def _issue(articles: list[Article], **changes: object) -> Issue:
    issue = Issue(
        number=5,
        date=dt.date(2012, 5, 4),
        name="测试工作简报",
        editor="测试办公室",
        total=300,
        articles=articles,
        distribution=Distribution(
            report=["上级机关"], send=["同级"], distribute=["各部门"], copies=30
        ),
    )
    return dataclasses.replace(issue, **changes)  # type: ignore[arg-type]


def _variants() -> dict[str, bytes]:
    example = load_issue(REPO / "issues" / "2012-01.toml").issue
    many = [
        Article(
            SECTIONS[n % 2],
            f"第{n}篇稿件的标题" if n % 2 == 0 else "",
            "正文。" * (n % 7 + 1),
            ["办公室"],
        )
        for n in range(200)
    ]
    special = _issue(
        [
            Article(
                "工作动态",
                "A&B <公司> “引号” 'x' \"y\" — … · № ①",
                "控制字符\x01\x0b与代理\ud800被删去；& < > \" ' 照常。\tTab\r\n换行。",
                ["<办公室>&"],
                subtitle="——副标题 & <b>",
            )
        ],
        name="名称 & <简报>",
        editor="编印 & <单位>",
        mark="内部资料 & <x>",
        note="编者按 & <x>",
    )
    return {
        "example": build_docx(example, load_profile(REPO / "bulletin.toml")),
        "briefs": build_docx(
            _issue(
                [
                    Article("工作动态", "市总工会召开全委会", "会议要求。", ["甲"]),
                    Article("一句话信息", "", "张家港市总工会开展送春联活动。", ["乙"]),
                    Article("一句话信息", "送温暖", "常熟市总工会发放慰问金60万元。", ["丙"]),
                ]
            ),
            BRIEFS,
        ),
        "no-distribution": build_docx(
            _issue([Article("工作动态", "标题", "正文。", ["甲"])], distribution=None, total=None),
            Profile(),
        ),
        "subtitles": build_docx(
            _issue(
                [
                    Article("工作动态", "标题一", "正文。", ["甲"], subtitle="副标题一"),
                    Article(
                        "工作动态",
                        "2012年春节“送温暖”活动在市工人文化宫启动",
                        "正文。",
                        ["乙"],
                        subtitle="——记苏州市总工会“工会进万家、服务暖人心”主题实践活动中的先进集体",
                    ),
                ]
            ),
            Profile(),
        ),
        "special": build_docx(special, Profile()),
        "two-hundred": build_docx(_issue(many), BRIEFS),
        "other-faces": build_docx(
            _issue([Article("工作动态", "标题", "正文。", ["甲"])]),
            Profile(
                layout_table={"face_body": "仿宋", "face_kai": "楷体", "face_title": "华文中宋"}
            ),
        ),
    }


@pytest.fixture(scope="module")
def variants() -> dict[str, bytes]:
    return _variants()


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365)


@pytest.mark.parametrize(
    "name",
    ["example", "briefs", "no-distribution", "subtitles", "special", "two-hundred", "other-faces"],
)
def test_every_variant_validates_with_zero_findings(
    name: str, variants: dict[str, bytes], validator: OpenXmlValidator, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(variants[name])
    result = validator.validate(path)
    assert [error.description for error in result.errors] == []
    assert result.is_valid


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_every_official_face_names_a_stock_windows_substitute(variants: dict[str, bytes]) -> None:
    fonts = {
        font.get(f"{W}name"): font for font in _part(variants["example"], "word/fontTable.xml")
    }
    expected_alt = {
        "仿宋_GB2312": "仿宋",
        "楷体_GB2312": "楷体",
        "方正小标宋简体": "宋体",
        "黑体": "SimHei",
        "宋体": "SimSun",
    }
    for face, alt in expected_alt.items():
        font = fonts[face]
        assert font.find(f"{W}altName").get(f"{W}val") == alt
        assert font.find(f"{W}charset").get(f"{W}val") == "86"
        assert len(font.find(f"{W}panose1").get(f"{W}val")) == 20
        sig = font.find(f"{W}sig")
        assert int(sig.get(f"{W}csb0"), 16) & (1 << 18)  # the GB 2312 code page
    # the Song, Hei, Kai and Fang Song classes differ, so a substitute is of the right kind
    assert fonts["方正小标宋简体"].find(f"{W}panose1").get(f"{W}val") == "02010600030101010101"
    assert fonts["黑体"].find(f"{W}family").get(f"{W}val") == "modern"
    latin = fonts["Times New Roman"]
    assert latin.find(f"{W}charset").get(f"{W}val") == "00"


def test_the_theme_fonts_are_the_layouts_own_faces(variants: dict[str, bytes]) -> None:
    theme = _part(variants["other-faces"], "word/theme/theme1.xml")
    major = theme.find(f".//{A}majorFont")
    minor = theme.find(f".//{A}minorFont")
    assert major.find(f"{A}ea").get("typeface") == "华文中宋"
    assert minor.find(f"{A}ea").get("typeface") == "仿宋"
    assert minor.find(f"{A}latin").get("typeface") == "Times New Roman"
    assert minor.find(f"{A}font[@script='Hans']").get("typeface") == "仿宋"
    styles = _part(variants["example"], "word/styles.xml")
    themed = [
        name for element in styles.iter(f"{W}rFonts") for name in element.attrib if "Theme" in name
    ]
    assert themed == []


def test_the_rendered_test_documents_validate_too(
    validator: OpenXmlValidator, tmp_path: Path
) -> None:
    """The documents the rendered-page tests look at (40 articles, long titles, briefs, the
    报尾 cases, odd input) are valid as well."""
    from test_export_render import _documents

    findings: dict[str, list[str]] = {}
    for name, data in _documents().items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        errors = [error.description for error in validator.validate(path).errors]
        if errors:
            findings[name] = errors
    assert findings == {}

"""Every ``[layout]`` value is checked when the profile is read; nothing reaches the XML raw.

The bad values are those of the fuzzing campaign: markup in colours, nan/inf/1e308, zero and
negative sizes and counts. Each is refused with exit 3, naming ``bulletin.toml``, the line of
the key, the key and the allowed range, and nothing is written.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import FileProblem
from bulletin_cli.export import build_docx
from bulletin_cli.export.ooxml import Border, rpr
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.layout import DEFAULT_LAYOUT, layout_from_table, layout_problems
from bulletin_cli.profile import Profile, load_profile

runner = CliRunner()

# (key, the TOML value as written, what the message must say about the allowed values)
BAD_VALUES = [
    ("color_masthead", '"red & <blue>"', "6 位十六进制 RGB"),
    ("color_masthead", "'FF0000\"/><w:vanish/><w:color w:val=\"FF0000'", "6 位十六进制 RGB"),
    ("color_rule", '"F00"', "6 位十六进制 RGB"),
    ("size_body", "nan", "1 到 400 磅"),
    ("size_title", "inf", "1 到 400 磅"),
    ("masthead_top_mm", "inf", "0 到 150 毫米"),
    ("size_masthead", "1e308", "1 到 400 磅"),
    ("chars_per_line", "0", "1 到 100 字"),
    ("page_width", "0", "2880 到 31680 缇"),
    ("lines_per_page", "0", "1 到 100 行"),
    ("size_body", "-16.0", "1 到 400 磅"),
    ("size_page_number", "-14", "1 到 400 磅"),
    ("line_pitch", "-579", "100 到 2880 缇"),
    ("rule_width", "0.0", "0.25 到 12 磅"),
    ("margin_left", "-1", "0 到 15840 缇"),
    ("face_body", '"仿宋\\"/><w:vanish/>"', "字体名称"),
    ("face_title", '""', "字体名称"),
    ("chars_per_line", "28.5", "整数"),
    ("margin_left", "9000", "至少 1440 缇"),
]


def _set(profile: Path, key: str, value: str) -> int:
    """Replace ``key = …`` in the profile's ``[layout]``; returns the key's line number."""
    lines = profile.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if re.match(rf"{key} = ", line))
    lines[number] = f"{key} = {value}"
    profile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(("key", "value", "allowed"), BAD_VALUES)
@pytest.mark.parametrize("command", ["export", "check"])
def test_a_bad_layout_value_is_refused_with_its_line_and_range(
    example_dir: Path, example_issue: Path, command: str, key: str, value: str, allowed: str
) -> None:
    line = _set(example_dir / "bulletin.toml", key, value)
    out = example_dir / "out.docx"
    arguments = [command, str(example_issue)] + (["-o", str(out)] if command == "export" else [])
    result = runner.invoke(app, arguments)
    assert result.exit_code == 3, result.output
    assert f"bulletin.toml:{line}:" in result.output
    assert key in result.output
    assert allowed in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(("key", "value", "allowed"), BAD_VALUES)
def test_load_profile_raises_a_file_problem(
    example_dir: Path, key: str, value: str, allowed: str
) -> None:
    line = _set(example_dir / "bulletin.toml", key, value)
    with pytest.raises(FileProblem) as caught:
        load_profile(example_dir / "bulletin.toml")
    assert caught.value.line == line
    assert allowed in str(caught.value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("color_masthead", "c00000"),
        ("size_masthead", 36),
        ("size_body", 15.5),
        ("chars_per_line", 27),
        ("body_condense", 0),
        ("rule_gap_mm", 0),
        ("face_body", "仿宋"),
        ("face_latin", "Times New Roman"),
    ],
)
def test_ordinary_values_pass(key: str, value: object) -> None:
    assert layout_problems({key: value}) == []
    assert getattr(layout_from_table({key: value}), key) == value


def test_an_in_memory_profile_with_bad_values_falls_back_to_the_defaults(
    example_issue: Path,
) -> None:
    """A script may build a ``Profile`` without reading a file: bad values are skipped, so the
    DOCX still holds only valid, escaped values."""
    issue = load_issue(example_issue).issue
    bad = {
        "color_masthead": 'FF0000"/><w:vanish/><w:color w:val="FF0000',
        "color_rule": "red & <blue>",
        "size_body": float("nan"),
        "size_masthead": 1e308,
        "chars_per_line": 0,
        "face_title": 'x"/><w:vanish/>',
    }
    data = build_docx(issue, Profile(layout_table=bad))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml")
        document = archive.read("word/document.xml")
    etree.fromstring(styles)
    etree.fromstring(document)
    assert b"vanish" not in styles and b"vanish" not in document
    assert b'w:color w:val="FF0000"' in styles


def test_markup_in_a_colour_is_escaped_even_past_validation() -> None:
    """The builders escape what they are given, validated or not."""
    props = rpr(color='FF0000"/><w:vanish/><w:x a="')
    border = Border(8, "a&b<c>").xml("top")
    for xml in (props, border):
        element = etree.fromstring(f'<r xmlns:w="urn:w">{xml}</r>')
        assert [child.tag for child in element] in (["{urn:w}rPr"], ["{urn:w}top"])
    assert "&quot;" in props and "&amp;" in border


def test_the_default_layout_is_valid() -> None:
    table = {key: getattr(DEFAULT_LAYOUT, key) for key in DEFAULT_LAYOUT.__slots__}
    assert layout_problems(table) == []

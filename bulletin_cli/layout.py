"""The official layout as one typed settings object (docs/layout.md), overridable by ``[layout]``.

Every face, size, colour and distance the DOCX writer uses lives here, with its default and a
Chinese note that ``bulletin init`` writes into the profile. Lengths are in twips (1/20 pt,
1/1440 inch) where OOXML wants twips, sizes in points.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any


def _f(default: Any, doc: str, low: float | None = None, high: float | None = None) -> Any:
    """A setting with its default, its note for ``bulletin init`` and, for numbers, the range
    the DOCX can hold (checked when the profile is read)."""
    return field(default=default, metadata={"doc": doc, "range": (low, high)})


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Page, grid, faces, sizes and colours of an exported issue."""

    # page and grid (GB/T 9704 5.1-5.2)
    page_width: int = _f(11906, "纸张宽度（缇，1/20 磅）：A4 为 11906", 2880, 31680)
    page_height: int = _f(16838, "纸张高度（缇）：A4 为 16838", 2880, 31680)
    margin_top: int = _f(2098, "天头（上边距，缇）：37 毫米", 0, 15840)
    margin_bottom: int = _f(1984, "下边距（缇）：35 毫米", 0, 15840)
    margin_left: int = _f(1587, "订口（左边距，缇）：28 毫米", 0, 15840)
    margin_right: int = _f(1474, "右边距（缇）：26 毫米", 0, 15840)
    lines_per_page: int = _f(22, "每页行数", 1, 100)
    chars_per_line: int = _f(28, "每行字数", 1, 100)
    line_pitch: int = _f(579, "正文固定行距（缇）：28.95 磅", 100, 2880)
    body_condense: int = _f(-5, "正文字符间距（1/20 磅，负数为紧缩），使一行排满 28 字", -200, 200)
    # faces
    face_masthead: str = _f("方正小标宋简体", "报头简报名称字体")
    face_title: str = _f("方正小标宋简体", "文章标题字体")
    face_body: str = _f("仿宋_GB2312", "正文字体")
    face_heading: str = _f("黑体", "栏目标题（【工作动态】）字体")
    face_kai: str = _f("楷体_GB2312", "期号、副标题、供稿单位、编者按字体")
    face_latin: str = _f("Times New Roman", "西文与数字字体")
    face_page_number: str = _f("宋体", "页码字体")
    face_mark: str = _f("黑体", "密级或“内部资料”字体")
    face_brief_lead: str = _f("黑体", "简讯引题（简讯的标题）字体")
    face_caption: str = _f("楷体_GB2312", "图片说明（图注）与表格标题字体")
    # sizes in points
    size_masthead: float = _f(42.0, "简报名称字号（磅）：初号 42", 1, 400)
    size_issue_number: float = _f(16.0, "期号字号（磅）：三号 16", 1, 400)
    size_date_line: float = _f(16.0, "编印单位与日期字号（磅）：三号 16", 1, 400)
    size_heading: float = _f(16.0, "栏目标题字号（磅）：三号 16", 1, 400)
    size_title: float = _f(22.0, "文章标题字号（磅）：二号 22", 1, 400)
    size_subtitle: float = _f(16.0, "副标题字号（磅）：三号 16", 1, 400)
    size_body: float = _f(16.0, "正文字号（磅）：三号 16", 1, 400)
    size_attribution: float = _f(16.0, "供稿单位字号（磅）：三号 16", 1, 400)
    size_distribution: float = _f(14.0, "报尾字号（磅）：四号 14", 1, 400)
    size_page_number: float = _f(14.0, "页码字号（磅）：四号 14", 1, 400)
    size_caption: float = _f(14.0, "图片说明与表格标题字号（磅）：四号 14", 1, 400)
    size_table: float = _f(14.0, "表格文字字号（磅）：四号 14", 1, 400)
    # colours and rules
    color_masthead: str = _f("FF0000", "简报名称颜色（RGB 十六进制）")
    color_rule: str = _f("FF0000", "红色分隔线颜色（RGB 十六进制）")
    rule_width: float = _f(2.25, "红色分隔线粗细（磅）", 0.25, 12)
    rule_gap_mm: float = _f(4.0, "编印单位行与红线的距离（毫米）", 0, 10)
    masthead_top_mm: float = _f(35.0, "简报名称上边缘距版心上边缘（毫米）", 0, 150)
    page_number_gap_mm: float = _f(7.0, "页码距版心下边缘（毫米）", 0, 30)
    # placement
    attribution_position: str = _f(
        "own_line", "供稿单位位置：own_line 单独一行右对齐；end_of_paragraph 接在末段之后"
    )

    @property
    def type_area_width(self) -> int:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def type_area_height(self) -> int:
        return self.page_height - self.margin_top - self.margin_bottom


ATTRIBUTION_POSITIONS = ("own_line", "end_of_paragraph")

DEFAULT_LAYOUT = LayoutSettings()


def layout_keys() -> dict[str, tuple[type, object, str]]:
    """Each overridable key with its type, default and note."""
    return dict(_layout_keys())


@functools.cache
def _layout_keys() -> dict[str, tuple[type, object, str]]:
    result: dict[str, tuple[type, object, str]] = {}
    for item in fields(LayoutSettings):
        default = item.default
        result[item.name] = (type(default), default, item.metadata["doc"])
    return result


def layout_problems(table: dict[str, object]) -> list[tuple[str, str]]:
    """(key, message) for every key of a ``[layout]`` table that cannot be applied: unknown,
    of the wrong type, or outside the range the DOCX can hold (each message says the range)."""
    problems: list[tuple[str, str]] = []
    known = _layout_keys()
    for key, value in table.items():
        if key not in known:
            problems.append((key, f"未知的版式设置 {key}"))
            continue
        message = _value_problem(key, known[key][0], value)
        if message:
            problems.append((key, message))
    bad = {key for key, _ in problems}
    problems += [item for item in _area_problems(table) if item[0] not in bad]
    return problems


def _value_problem(key: str, kind: type, value: object) -> str | None:
    """Why ``value`` cannot be the setting ``key`` (of type ``kind``), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float if kind is float else kind):
        return f"版式设置 {key} 应为{_TYPE_NAMES[kind]}"
    if isinstance(value, int | float):
        low, high = _ranges()[key]
        if not math.isfinite(value) or (
            low is not None and high is not None and not low <= value <= high
        ):
            return (
                f"版式设置 {key} = {value:g} 超出范围："
                f"应在 {_number(low)} 到 {_number(high)}{_unit(key)}之间"
            )
        return None
    assert isinstance(value, str)
    if key.startswith("color_") and not _COLOUR.fullmatch(value):
        return f'版式设置 {key} 应为 6 位十六进制 RGB 颜色，如 "FF0000"（红色）'
    if key.startswith("face_") and not _FACE.fullmatch(value):
        return f"版式设置 {key} 应为字体名称（1 到 31 个字符，不含引号、尖括号、& 和控制字符）"
    if key == "attribution_position" and value not in ATTRIBUTION_POSITIONS:
        return f"attribution_position 只能是 {' 或 '.join(ATTRIBUTION_POSITIONS)}"
    return None


_AREA_SIDES = (
    ("宽度", "type_area_width", ("margin_left", "margin_right", "page_width")),
    ("高度", "type_area_height", ("margin_top", "margin_bottom", "page_height")),
)


def _area_problems(table: dict[str, object]) -> list[tuple[str, str]]:
    """The page and margins must leave a type area of at least one inch each way."""
    merged: dict[str, Any] = {k: v for k, v in table.items() if _value_problem_safe(k, v)}
    layout = replace(DEFAULT_LAYOUT, **merged)
    problems: list[tuple[str, str]] = []
    for what, measure, keys in _AREA_SIDES:
        size: int = getattr(layout, measure)
        changed = [key for key in keys if key in table]
        if size < 1440 and changed:  # the defaults leave a full type area
            message = (
                f"版式设置 {changed[0]} 使版心{what}（{keys[2]} 减去两边的边距）只剩 {size} 缇："
                "应至少 1440 缇（1 英寸）"
            )
            problems.append((changed[0], message))
    return problems


def _value_problem_safe(key: str, value: object) -> bool:
    known = _layout_keys()
    return key in known and _value_problem(key, known[key][0], value) is None


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@functools.cache
def _ranges() -> dict[str, tuple[float | None, float | None]]:
    return {item.name: item.metadata["range"] for item in fields(LayoutSettings)}


_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")
# a face name as Word stores it: at most 31 characters, nothing that XML or a font list would
# read as markup or a separator
_FACE = re.compile(r"[^\x00-\x1f\x7f\"'<>&;,]{1,31}")


def _unit(key: str) -> str:
    if key.endswith("_mm"):
        return " 毫米"
    if key.startswith("size_") or key == "rule_width":
        return " 磅"
    if key == "body_condense":
        return "（1/20 磅）"
    return {"lines_per_page": " 行", "chars_per_line": " 字"}.get(key, " 缇")


def layout_from_table(table: dict[str, object]) -> LayoutSettings:
    """The default layout with the valid overrides of ``table`` applied (bad keys are skipped)."""
    # the types are part of the key: 1, 1.0 and True are equal but not equally valid
    items = tuple((key, type(value), value) for key, value in table.items())
    try:
        return _layout_from_items(items)
    except TypeError:  # a value that cannot be hashed (a list): a wrong type, not cached
        return _layout_from_items.__wrapped__(items)


@functools.lru_cache(maxsize=64)
def _layout_from_items(items: tuple[tuple[str, type, object], ...]) -> LayoutSettings:
    """``Profile.layout`` is read for each issue and by several rules: the settings (frozen)
    are made once per distinct ``[layout]`` table."""
    table = {key: value for key, _kind, value in items}
    bad = {key for key, _ in layout_problems(table)}
    changes: dict[str, Any] = {}
    known = _layout_keys()
    for key, value in table.items():
        if key in bad:
            continue
        kind = known[key][0]
        changes[key] = float(value) if kind is float else value  # type: ignore[arg-type]
    return replace(DEFAULT_LAYOUT, **changes)


_TYPE_NAMES: dict[type, str] = {int: "整数", float: "数字", str: "文本"}

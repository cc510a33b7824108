"""Turn parsed TOML into the model, collecting every unknown key and wrong type as a problem.

Loading never fails on content: a wrong value is replaced by an empty one and reported, so
``list`` still lists and ``check`` can report every problem with its line at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING, Literal

from ..kinds import known_kinds
from ..layout import layout_keys, layout_problems
from ..model import (
    ADOPTION_FORMS,
    Adoption,
    Article,
    Distribution,
    Instruction,
    Issue,
    Picture,
    Table,
)
from ..records import field, record

if TYPE_CHECKING:  # scoring loads decimal and fractions: only a profile with [scoring] needs it
    from ..scoring import ScoringRules

KeyPath = tuple[str | int, ...]
ProblemKind = Literal["unknown_key", "wrong_type", "missing"]


@record(frozen=True, slots=True)
class SchemaProblem:
    """A key that is unknown, missing or of the wrong type, at ``path`` in the document."""

    kind: ProblemKind
    path: KeyPath
    message: str
    hint: str | None = None


_TEXT = "文本"
_TEXT_LIST = '文本列表（如 ["甲", "乙"]）'
_INTEGER = "整数"
_DATE = "日期（如 2012-01-20，不加引号）"
_BOOL = "真假值（true 或 false，不加引号）"
_NUMBER = "数字（如 0.8）"
_ROWS = '表格各行（如 [["类别", "户数"], ["困难职工", "120户"]]）'
_PICTURES = "图片表数组（[[articles.pictures]]）"
_TABLES = "表格表数组（[[articles.tables]]）"

KEY_NAMES: dict[str, str] = {
    "name": "简报名称",
    "number": "期号",
    "total": "总期号",
    "date": "印发日期",
    "editor": "编印单位",
    "mark": "报头标识",
    "note": "编者按",
    "kind": "类别",
    "contents": "要目",
    "copies": "印数",
    "section": "栏目",
    "title": "标题",
    "subtitle": "副标题",
    "sources": "供稿单位",
    "body": "正文",
    "staff": "作者",
    "file": "图片文件",
    "caption": "图片说明",
    "after": "图片位置",
    "width": "图片宽度",
}
"""What the clerk calls each key of an issue file: a wrong type names both (标题（title）)."""

ISSUE_KEYS: dict[str, str] = {
    "name": _TEXT,
    "number": _INTEGER,
    "total": _INTEGER,
    "date": _DATE,
    "editor": _TEXT,
    "mark": _TEXT,
    "note": _TEXT,
    "kind": _TEXT,
    "contents": _BOOL,
}
ARTICLE_KEYS: dict[str, str] = {
    "section": _TEXT,
    "title": _TEXT,
    "subtitle": _TEXT,
    "sources": _TEXT_LIST,
    "body": _TEXT,
    "note": _TEXT,
    "staff": _TEXT,
    "pictures": _PICTURES,
    "tables": _TABLES,
    "adopted": "表数组（每条写成 [[articles.adopted]]）",
    "instructions": "表数组（每条写成 [[articles.instructions]]）",
}
PICTURE_KEYS: dict[str, str] = {
    "file": _TEXT,
    "caption": _TEXT,
    "after": _INTEGER,
    "width": _NUMBER,
}
TABLE_KEYS: dict[str, str] = {"rows": _ROWS, "caption": _TEXT, "after": _INTEGER}
SUBTABLE_KEYS: dict[str, dict[str, str]] = {"pictures": PICTURE_KEYS, "tables": TABLE_KEYS}
"""The arrays of tables an article may hold, and their keys."""
ADOPTION_KEYS: dict[str, str] = {"by": _TEXT, "level": _TEXT, "date": _DATE, "form": _TEXT}
"""``[[articles.adopted]]``: who adopted the article, at what level, when, in what form."""
INSTRUCTION_KEYS: dict[str, str] = {"by": _TEXT, "level": _TEXT, "date": _DATE}
"""``[[articles.instructions]]``: a leader's 批示 on the article."""
DISTRIBUTION_KEYS: dict[str, str] = {
    "report": _TEXT_LIST,
    "send": _TEXT_LIST,
    "distribute": _TEXT_LIST,
    "copies": _INTEGER,
}
PROFILE_KEYS: dict[str, str] = {
    "name": _TEXT,
    "editor": _TEXT,
    "sections": _TEXT_LIST,
    "units": _TEXT_LIST,
    "briefs": _TEXT_LIST,
    "required": _TEXT_LIST,
    "max_pages": _INTEGER,
    "title_max": _INTEGER,
    "mark": _TEXT,
    "contents": _BOOL,
    "kinds": _TEXT_LIST,
    "total_kinds": _TEXT_LIST,
}
ISSUE_TABLES = {"issue": ISSUE_KEYS, "articles": ARTICLE_KEYS, "distribution": DISTRIBUTION_KEYS}
PROFILE_TABLES = {
    "bulletin": PROFILE_KEYS,
    "distribution": DISTRIBUTION_KEYS,
    "layout": {},
    "unit_sections": {},
    "scoring": {},
}


def closest(word: str, candidates: list[str] | dict[str, str], n: int = 3) -> list[str]:
    """The candidates nearest to ``word``, best first (typos of one or two characters)."""
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.5)


class _Reader:
    """Reads typed values out of one document, recording problems."""

    def __init__(self) -> None:
        self.problems: list[SchemaProblem] = []

    def unknown_keys(self, table: dict[str, object], known: dict[str, str], path: KeyPath) -> None:
        for key in table:
            if key in known:
                continue
            guess = closest(key, known, n=1)
            hint = f"是否应为 {guess[0]}？" if guess else f"可用的键：{'、'.join(known)}"
            where = ".".join(str(p) for p in path) or "顶层"
            self.problems.append(
                SchemaProblem("unknown_key", (*path, key), f"未知的键 {key}（在 {where} 中）", hint)
            )

    def _wrong(self, path: KeyPath, expected: str, value: object) -> None:
        key = str(path[-1])
        named = f"{KEY_NAMES[key]}（{key}）" if key in KEY_NAMES else key
        self.problems.append(
            SchemaProblem(
                "wrong_type",
                path,
                f"{named}应为{expected}，实际是 {_describe(value)}",
                f"把 {key} 改成{expected}",
            )
        )

    def text(self, table: dict[str, object], key: str, path: KeyPath) -> str | None:
        value = table.get(key)
        if value is None or isinstance(value, str):
            return value
        self._wrong((*path, key), _TEXT, value)
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""

    def integer(self, table: dict[str, object], key: str, path: KeyPath) -> int | None:
        value = table.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self._wrong((*path, key), _INTEGER, value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return None

    def date(self, table: dict[str, object], key: str, path: KeyPath) -> dt.date | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self._wrong((*path, key), _DATE, value)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return None
        return None

    def text_list(self, table: dict[str, object], key: str, path: KeyPath) -> list[str]:
        value = table.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return list(value)
        self._wrong((*path, key), _TEXT_LIST, value)
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [str(item) for item in value]
        return []

    def boolean(self, table: dict[str, object], key: str, path: KeyPath) -> bool | None:
        value = table.get(key)
        if value is None or isinstance(value, bool):
            return value
        self._wrong((*path, key), _BOOL, value)
        return None

    def number(self, table: dict[str, object], key: str, path: KeyPath) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self._wrong((*path, key), _NUMBER, value)
        return None

    def rows(self, table: dict[str, object], key: str, path: KeyPath) -> list[list[str]]:
        value = table.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(
            isinstance(row, list) and all(isinstance(cell, str) for cell in row) for row in value
        ):
            return [list(row) for row in value]
        self._wrong((*path, key), _ROWS, value)
        return []

    def items(self, table: dict[str, object], key: str, path: KeyPath) -> list[dict[str, object]]:
        """The tables of an array of tables (``[[articles.pictures]]``), each checked."""
        value = table.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return list(value)
        self._wrong((*path, key), ARTICLE_KEYS.get(key, "表数组"), value)
        return []

    def table(self, doc: dict[str, object], key: str, path: KeyPath = ()) -> dict[str, object]:
        value = doc.get(key)
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self._wrong((*path, key), "表（如 [" + key + "]）", value)
        return {}


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文本 “{value[:20]}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "表"
    if isinstance(value, dt.date):
        return f"日期 {value}"
    return type(value).__name__


def issue_from_document(doc: dict[str, object]) -> tuple[Issue, list[SchemaProblem]]:
    """Build an ``Issue`` from a parsed issue file, with every schema problem found."""
    reader = _Reader()
    reader.unknown_keys(doc, {k: "" for k in ISSUE_TABLES}, ())
    head = reader.table(doc, "issue")
    reader.unknown_keys(head, ISSUE_KEYS, ("issue",))
    issue = Issue(
        number=reader.integer(head, "number", ("issue",)) or 0,
        date=reader.date(head, "date", ("issue",)),
        name=reader.text(head, "name", ("issue",)),
        total=reader.integer(head, "total", ("issue",)),
        editor=reader.text(head, "editor", ("issue",)),
        mark=reader.text(head, "mark", ("issue",)),
        note=reader.text(head, "note", ("issue",)),
        kind=reader.text(head, "kind", ("issue",)),
        contents=reader.boolean(head, "contents", ("issue",)),
    )
    if "number" not in head:
        reader.problems.append(
            SchemaProblem(
                "missing",
                ("issue", "number"),
                "缺少期号 number",
                "在 [issue] 下加上期号 number，写本年度的第几期（从 1 起）",
            )
        )
    if "date" not in head:
        reader.problems.append(
            SchemaProblem(
                "missing",
                ("issue", "date"),
                "缺少印发日期 date",
                "在 [issue] 下加上印发日期 date，写成 2012-01-20 的样子（不加引号）",
            )
        )
    issue.articles = _articles(reader, doc.get("articles"))
    if "distribution" in doc:
        issue.distribution = distribution_from_table(reader, reader.table(doc, "distribution"))
    return issue, reader.problems


def _articles(reader: _Reader, value: object) -> list[Article]:
    if value is None:
        return []
    if not isinstance(value, list):
        reader.problems.append(
            SchemaProblem("wrong_type", ("articles",), "articles 应写成 [[articles]] 表数组")
        )
        return []
    articles = []
    for index, table in enumerate(value):
        path: KeyPath = ("articles", index)
        if not isinstance(table, dict):
            reader.problems.append(
                SchemaProblem("wrong_type", path, "每篇稿件应是 [[articles]] 表")
            )
            continue
        reader.unknown_keys(table, ARTICLE_KEYS, path)
        articles.append(
            Article(
                section=reader.text(table, "section", path) or "",
                title=reader.text(table, "title", path) or "",
                subtitle=reader.text(table, "subtitle", path),
                sources=reader.text_list(table, "sources", path),
                body=reader.text(table, "body", path) or "",
                note=reader.text(table, "note", path),
                pictures=_pictures(reader, table, path),
                tables=_tables(reader, table, path),
                staff=reader.text(table, "staff", path),
                adopted=[
                    _adoption(reader, *item) for item in _records(reader, table, "adopted", path)
                ],
                instructions=[
                    _instruction(reader, *item)
                    for item in _records(reader, table, "instructions", path)
                ],
            )
        )
    return articles


def _pictures(reader: _Reader, article: dict[str, object], path: KeyPath) -> list[Picture]:
    pictures = []
    for index, table in enumerate(reader.items(article, "pictures", path)):
        where: KeyPath = (*path, "pictures", index)
        reader.unknown_keys(table, PICTURE_KEYS, where)
        file = reader.text(table, "file", where)
        if file is None:
            reader.problems.append(
                SchemaProblem(
                    "missing",
                    where,
                    "图片缺少文件名 file",
                    '在 [[articles.pictures]] 下加一行 file = "images/图片.jpg"',
                )
            )
        pictures.append(
            Picture(
                file=file or "",
                caption=reader.text(table, "caption", where),
                after=reader.integer(table, "after", where),
                width=reader.number(table, "width", where),
            )
        )
    return pictures


def _tables(reader: _Reader, article: dict[str, object], path: KeyPath) -> list[Table]:
    tables = []
    for index, table in enumerate(reader.items(article, "tables", path)):
        where: KeyPath = (*path, "tables", index)
        reader.unknown_keys(table, TABLE_KEYS, where)
        tables.append(
            Table(
                rows=reader.rows(table, "rows", where),
                caption=reader.text(table, "caption", where),
                after=reader.integer(table, "after", where),
            )
        )
    return tables


_RECORD_NAMES = {"adopted": "上级采用记录", "instructions": "批示记录"}


def _records(
    reader: _Reader, table: dict[str, object], key: str, path: KeyPath
) -> list[tuple[dict[str, object], KeyPath]]:
    """The tables of ``[[articles.KEY]]``, each with its path; anything else is a problem."""
    value = table.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        reader.problems.append(
            SchemaProblem(
                "wrong_type",
                (*path, key),
                f"{key} 应写成 [[articles.{key}]] 表，每条{_RECORD_NAMES[key]}一个",
                f"用 bulletin mark 记录，或写成 [[articles.{key}]] 下的 by = …、level = …",
            )
        )
        return []
    records = []
    for index, item in enumerate(value):
        where: KeyPath = (*path, key, index)
        for needed, example in (("by", "省委办公厅《江苏信息》"), ("level", "省级")):
            if needed not in item:
                reader.problems.append(
                    SchemaProblem(
                        "missing",
                        (*where, needed),
                        f"{_RECORD_NAMES[key]}缺少 {needed}",
                        f'在 [[articles.{key}]] 下加一行 {needed} = "{example}"',
                    )
                )
        records.append((item, where))
    return records


def _adoption(reader: _Reader, item: dict[str, object], path: KeyPath) -> Adoption:
    reader.unknown_keys(item, ADOPTION_KEYS, path)
    form = reader.text(item, "form", path)
    if form is not None and form not in ADOPTION_FORMS:
        reader.problems.append(
            SchemaProblem(
                "wrong_type",
                (*path, "form"),
                f"form = “{form}” 不对，应为 全文 或 摘要",
                "整篇采用写 全文，摘编采用写 摘要；不清楚就删去这一行",
            )
        )
        form = None
    return Adoption(
        by=reader.text(item, "by", path) or "",
        level=reader.text(item, "level", path) or "",
        date=reader.date(item, "date", path),
        form=form,
    )


def _instruction(reader: _Reader, item: dict[str, object], path: KeyPath) -> Instruction:
    reader.unknown_keys(item, INSTRUCTION_KEYS, path)
    return Instruction(
        by=reader.text(item, "by", path) or "",
        level=reader.text(item, "level", path) or "",
        date=reader.date(item, "date", path),
    )


def distribution_from_table(reader: _Reader, table: dict[str, object]) -> Distribution:
    path: KeyPath = ("distribution",)
    reader.unknown_keys(table, DISTRIBUTION_KEYS, path)
    return Distribution(
        report=reader.text_list(table, "report", path),
        send=reader.text_list(table, "send", path),
        distribute=reader.text_list(table, "distribute", path),
        copies=reader.integer(table, "copies", path),
    )


@record(slots=True)
class ProfileValues:
    """The typed content of a profile document, before defaults are applied."""

    bulletin: dict[str, object]
    distribution: Distribution | None
    layout: dict[str, object]
    unit_sections: dict[str, str] = field(default_factory=dict)
    """``[unit_sections]``: the section a unit's articles usually go to (``add --from``)."""
    scoring: ScoringRules | None = None
    """``[scoring]``: the rules of 信息采用积分, when the office has them."""


def profile_from_document(doc: dict[str, object]) -> tuple[ProfileValues, list[SchemaProblem]]:
    """Read a ``bulletin.toml`` document, collecting its schema problems."""
    reader = _Reader()
    reader.unknown_keys(doc, {k: "" for k in PROFILE_TABLES}, ())
    head = reader.table(doc, "bulletin")
    reader.unknown_keys(head, PROFILE_KEYS, ("bulletin",))
    values: dict[str, object] = {}
    readers = {
        _TEXT: reader.text,
        _INTEGER: reader.integer,
        _TEXT_LIST: reader.text_list,
        _BOOL: reader.boolean,
    }
    for key, kind in PROFILE_KEYS.items():
        if key in head:
            values[key] = readers[kind](head, key, ("bulletin",))
    _check_kinds(reader, values)
    distribution = None
    if "distribution" in doc:
        distribution = distribution_from_table(reader, reader.table(doc, "distribution"))
    layout = reader.table(doc, "layout")
    for key, message in layout_problems(layout):
        guess = closest(key, _layout_names(), n=1)
        problem_kind: ProblemKind = "unknown_key" if message.startswith("未知") else "wrong_type"
        hint = f"是否应为 {guess[0]}？" if guess and problem_kind == "unknown_key" else None
        reader.problems.append(SchemaProblem(problem_kind, ("layout", key), message, hint))
    unit_sections: dict[str, str] = {}
    table = reader.table(doc, "unit_sections")
    for unit in table:
        section = reader.text(table, unit, ("unit_sections",))
        if section:
            unit_sections[unit] = section
    scoring = None
    if "scoring" in doc:
        scoring = _scoring(reader, doc, values)
    result = ProfileValues(values, distribution, layout, unit_sections, scoring)
    return result, reader.problems


def _scoring(reader: _Reader, doc: dict[str, object], values: dict[str, object]) -> ScoringRules:
    from .scoring_schema import scoring_from_table

    def names(key: str) -> list[str]:
        value = values.get(key)
        return [str(name) for name in value] if isinstance(value, list) else []

    rules, problems = scoring_from_table(
        reader.table(doc, "scoring"),
        sections=[*names("sections"), *(n for n in names("briefs") if n not in names("sections"))],
        kinds=names("kinds"),
    )
    reader.problems.extend(problems)
    return rules


def _check_kinds(reader: _Reader, values: dict[str, object]) -> None:
    """``kinds`` names no empty kind; ``total_kinds`` only kinds that exist."""
    extra = values.get("kinds")
    extra_names = (
        [name for name in extra if isinstance(name, str)] if isinstance(extra, list) else []
    )
    if any(not name.strip() for name in extra_names):
        reader.problems.append(
            SchemaProblem(
                "wrong_type",
                ("bulletin", "kinds"),
                "kinds 中有空的类别名称",
                "在 kinds 里写上类别的名称，如“情况反映”，或删去空的一项",
            )
        )
    known = known_kinds(extra_names)
    totals = values.get("total_kinds")
    for name in totals if isinstance(totals, list) else []:
        if name not in known:
            guess = closest(str(name), known, n=1)
            hint = f"是否应为 {guess[0]}？" if guess else ""
            reader.problems.append(
                SchemaProblem(
                    "wrong_type",
                    ("bulletin", "total_kinds"),
                    f"total_kinds 中的 “{name}” 不是期刊类别",
                    f"{hint}可用的类别：{'、'.join(known)}；新的类别先加到 kinds 中",
                )
            )


def _layout_names() -> list[str]:
    return list(layout_keys())

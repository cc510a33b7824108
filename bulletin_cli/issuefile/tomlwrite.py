"""Write TOML text by hand where layout matters to the clerk who reads the file.

tomli-w escapes values exactly; this module only chooses the layout: one key a line, lists
inline, bodies as multi-line strings that read like the text itself.
"""

from __future__ import annotations

import tomli_w

from ..model import Article, Distribution, Issue


def toml_value(value: object) -> str:
    """One value as TOML: strings escaped by tomli-w, lists inline, text with newlines as \"\"\"."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):  # an inline table: { "经验交流" = 15 }
        pairs = ", ".join(f"{toml_key(key)} = {toml_value(item)}" for key, item in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    rendered = tomli_w.dumps({"v": value}, multiline_strings=True)
    return rendered[len("v = ") :].rstrip("\n")


def toml_key(key: str) -> str:
    """A key as TOML: bare when it may be (ASCII letters, digits, - and _), else quoted."""
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else toml_value(key)


def _pairs(table: dict[str, object]) -> list[str]:
    return [f"{key} = {toml_value(value)}" for key, value in table.items()]


def article_toml(article: Article) -> str:
    """An ``[[articles]]`` block ending in a newline; lists of tables (``adopted``) follow as
    ``[[articles.adopted]]`` blocks."""
    table = article.to_table()
    plain = {key: value for key, value in table.items() if not _is_table_list(value)}
    text = "[[articles]]\n" + "\n".join(_pairs(plain)) + "\n"
    for key, value in table.items():
        if _is_table_list(value) and isinstance(value, list):
            for item in value:
                text += "\n" + subtable_toml(key, item)
    return text


def subtable_toml(key: str, table: dict[str, object]) -> str:
    """One ``[[articles.KEY]]`` block ending in a newline; a table's rows one a line."""
    lines = [f"[[articles.{key}]]"]
    for name, value in table.items():
        if name == "rows" and isinstance(value, list) and value:
            rows = "".join(f"  {toml_value(row)},\n" for row in value)
            lines.append(f"rows = [\n{rows}]")
        else:
            lines.append(f"{name} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


def distribution_toml(distribution: Distribution) -> str:
    return "[distribution]\n" + "\n".join(_pairs(distribution.to_table())) + "\n"


def issue_toml(issue: Issue, *, comments: bool = True) -> str:
    """A whole issue file: masthead, articles, then the 报尾 if the issue has its own."""
    head = issue.masthead_table()
    notes = {
        "name": "简报名称（不写则用 bulletin.toml 中的）",
        "number": "期号（本年度第几期）",
        "total": "总期号（总第几期）",
        "date": "印发日期",
        "editor": "编印单位（不写则用 bulletin.toml 中的）",
        "mark": "报头左上角标识，如“内部资料”",
        "note": "编者按",
        "kind": "期刊类别：增刊、专刊等单独编号；正刊不写这一行",
        "contents": "第 1 页印本期要目（true 印，false 不印）",
    }
    lines = ["[issue]"]
    for key, value in head.items():
        line = f"{key} = {toml_value(value)}"
        if comments and "\n" not in line:
            line = f"{line}  # {notes[key]}"
        lines.append(line)
    parts = ["\n".join(lines) + "\n"]
    parts.extend(article_toml(article) for article in issue.articles)
    if issue.distribution is not None:
        parts.append(distribution_toml(issue.distribution))
    return "\n".join(parts)

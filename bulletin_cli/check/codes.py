"""Every rule of ``check``, listed once: code → severity and definition.

This table is the registry. A rule exists when it is listed here (there is no registration by
importing a module), its code never changes once released, and ``docs/rules.md`` is generated
from this table (``python -m bulletin_cli.check.docgen``). The engine runs the rules in this
order; findings are sorted afterwards, so the order matters only for reading.

To add a rule: define it in the topic module under ``rules/`` (an ``ArticleRule`` or
``IssueRule``, with a ``fix`` function if ``check --fix`` can correct it), list it here under
a new code, add its fixture ``tests/fixtures/rules/CODE.toml`` (``# expect:`` marks), and
regenerate ``docs/rules.md``.
"""

from __future__ import annotations

from .core import Rule
from .rules import issue, sections, sources, text

RULES: tuple[Rule, ...] = (
    # S: sections (栏目)
    Rule("S001", "error", sections.UNKNOWN_SECTION),
    Rule("S002", "error", sections.SECTION_FORM),
    Rule("S003", "warning", sections.SCATTERED_SECTION),
    Rule("S004", "warning", sections.SECTION_ORDER),
    Rule("S005", "error", sections.REQUIRED_SECTION),
    Rule("S006", "error", sections.EMPTY_SECTION),
    # A: attribution (供稿单位)
    Rule("A001", "error", sources.NO_SOURCES),
    Rule("A002", "warning", sources.UNKNOWN_UNIT),
    Rule("A003", "error", sources.COMPOSITE_SOURCE),
    Rule("A004", "error", sources.REPEATED_SOURCE),
    Rule("A005", "error", sources.ATTRIBUTION_IN_BODY),
    # T: titles, bodies and text
    Rule("T001", "error", text.EMPTY_TITLE),
    Rule("T002", "error", text.EMPTY_BODY),
    Rule("T003", "warning", text.TITLE_PUNCTUATION),
    Rule("T004", "warning", text.LONG_TITLE),
    Rule("T005", "error", text.REPEATED_TITLE),
    Rule("T006", "warning", text.HALFWIDTH),
    Rule("T007", "error", text.BAD_CHARACTERS_IN_ARTICLE),
    # M: the masthead ([issue])
    Rule("M001", "error", issue.ISSUE_NUMBER),
    Rule("M002", "error", issue.ISSUE_DATE),
    Rule("M003", "error", issue.REPEATED_NUMBER),
    Rule("M004", "error", issue.REPEATED_TOTAL),
    Rule("M005", "error", issue.BAD_CHARACTERS_IN_MASTHEAD),
    # F: the file and its keys
    Rule("F001", "error", issue.UNKNOWN_KEY),
    Rule("F002", "error", issue.WRONG_TYPE),
    Rule("F003", "warning", issue.UNREADABLE_SIBLING),
    # P: length
    Rule("P001", "warning", issue.PAGE_BUDGET),
    Rule("P002", "warning", issue.DISTRIBUTION_ALONE),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

GROUPS: dict[str, str] = {
    "S": "栏目（section）",
    "A": "供稿单位（sources）",
    "T": "标题、正文与文字",
    "M": "报头（[issue]）",
    "F": "文件与键",
    "P": "篇幅",
}
"""The code letters in the order of the table, with the heading of each in docs/rules.md."""

"""Every rule of ``check``, listed once: code → severity and definition.

This table is the registry. A rule exists when it is listed here (there is no registration by
importing a module), its code never changes once released, and ``docs/rules.md`` is generated
from this table (``python -m bulletin_cli.check.docgen``). The engine runs the rules in this
order; findings are sorted afterwards, so the order matters only for reading.

The table has two parts: the rules about the articles' content (S, A, T) are listed in
``content_codes.py`` (``add`` loads that part alone), those about the issue as a whole (M, F, P)
here, after them.

To add a rule: define it in the topic module under ``rules/`` (an ``ArticleRule`` or
``IssueRule``, with a ``fix`` function if ``check --fix`` can correct it), list it in its part
of the table under a new code, add its fixture ``tests/fixtures/rules/CODE.toml`` (``# expect:``
marks), and regenerate ``docs/rules.md``.
"""

from __future__ import annotations

from .content_codes import CONTENT_RULES
from .core import Rule
from .rules import figures, issue, records

RULES: tuple[Rule, ...] = (
    # S, A, T: the articles' content (content_codes.py)
    *CONTENT_RULES,
    # M: the masthead ([issue])
    Rule("M001", "error", issue.ISSUE_NUMBER),
    Rule("M002", "error", issue.ISSUE_DATE),
    Rule("M003", "error", issue.REPEATED_NUMBER),
    Rule("M004", "error", issue.REPEATED_TOTAL),
    Rule("M005", "error", issue.BAD_CHARACTERS_IN_MASTHEAD),
    Rule("M006", "error", issue.UNKNOWN_KIND),
    # F: the file and its keys
    Rule("F001", "error", issue.UNKNOWN_KEY),
    Rule("F002", "error", issue.WRONG_TYPE),
    Rule("F003", "warning", issue.UNREADABLE_SIBLING),
    # G: pictures and tables
    Rule("G001", "error", figures.MISSING_PICTURE),
    Rule("G002", "warning", figures.BLURRED_PICTURE),
    Rule("G003", "warning", figures.RAGGED_TABLE),
    # P: length
    Rule("P001", "warning", issue.PAGE_BUDGET),
    Rule("P002", "warning", issue.DISTRIBUTION_ALONE),
    Rule("P003", "warning", figures.CONTENTS_OVERFLOW),
    # R: records for scoring (上级采用, 批示)
    Rule("R001", "error", records.UNSCORED_LEVEL),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

GROUPS: dict[str, str] = {
    "S": "栏目（section）",
    "A": "供稿单位（sources）",
    "T": "标题、正文与文字",
    "M": "报头（[issue]）",
    "F": "文件与键",
    "G": "图片与表格",
    "P": "篇幅",
    "R": "上级采用与批示（积分）",
}
"""The code letters in the order of the table, with the heading of each in docs/rules.md."""

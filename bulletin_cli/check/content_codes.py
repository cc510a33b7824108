"""The first part of the rule table (``codes.py``): the rules about the articles' content.

Sections (S), sources (A), titles, bodies and text (T). ``add`` checks a new article against
the article rules of this part alone, so it does not load the masthead, file and page rules
(``rules/issue.py``, with the page estimate and the reader of the sibling issue files). The
registry is ``codes.py``, which lists this part first; see its docstring to add a rule.
"""

from __future__ import annotations

from .core import Rule
from .rules import sections, sources, text

CONTENT_RULES: tuple[Rule, ...] = (
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
)

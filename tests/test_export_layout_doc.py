"""docs/layout.md keeps up with the layout settings and with the code that cites it."""

from __future__ import annotations

import re
from pathlib import Path

from bulletin_cli.layout import layout_keys

ROOT = Path(__file__).resolve().parent.parent
LAYOUT_DOC = ROOT / "docs" / "layout.md"


def test_layout_doc_gives_every_setting_its_place() -> None:
    """Each ``[layout]`` key is named beside the number and source it stands for."""
    text = LAYOUT_DOC.read_text(encoding="utf-8")
    missing = [key for key in layout_keys() if f"`{key}`" not in text]
    assert missing == []


def test_code_points_at_sections_that_exist() -> None:
    """Every ``docs/layout.md §N`` in the code and tests names a section the document has."""
    headings = set(re.findall(r"(?m)^## (§\d+) ", LAYOUT_DOC.read_text(encoding="utf-8")))
    cited: set[str] = set()
    for path in [*ROOT.glob("bulletin_cli/**/*.py"), *ROOT.glob("tests/*.py")]:
        cited |= set(re.findall(r"docs/layout\.md (§\d+)", path.read_text(encoding="utf-8")))
    assert cited, "the code cites no section: the pattern is wrong"
    assert cited <= headings

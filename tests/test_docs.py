"""The documentation keeps up with the code."""

from __future__ import annotations

from pathlib import Path

from bulletin_cli.issuefile.schema import ARTICLE_KEYS, DISTRIBUTION_KEYS, ISSUE_KEYS, PROFILE_KEYS
from bulletin_cli.layout import layout_keys

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_format_doc_names_every_key() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    keys = [*ISSUE_KEYS, *ARTICLE_KEYS, *DISTRIBUTION_KEYS, *PROFILE_KEYS, *layout_keys()]
    missing = [key for key in keys if f"`{key}`" not in text]
    assert missing == []

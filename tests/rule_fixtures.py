"""The rule fixtures: one small issue file per rule of ``check``, like ruff's fixture files.

``tests/fixtures/rules/`` holds one issue file per rule (``S001.toml``), or a folder when the
rule needs other files beside the issue (``M003/issue.toml`` and its siblings, or its own
``bulletin.toml``); variants are named ``CODE-variant``. Each fixture is checked with the small
profile ``tests/fixtures/rules/bulletin.toml`` and says what it must give: a line ending in
``# expect: CODE`` expects a finding of that code on that very line (the article is the one
the line belongs to), and a comment ``# expect: CODE article=N line=N`` (``-`` for none) one
that cannot carry a marker (inside a body, or without a line)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
PROFILE = FIXTURES / "bulletin.toml"
_MARKER_RE = re.compile(r"#\s*expect:\s*([A-Z]\d{3})\s*$")
_EXPLICIT_RE = re.compile(r"^#\s*expect:\s*([A-Z]\d{3})\s+article=(\d+|-)\s+line=(\d+|-)\s*$")

Expected = tuple[str, int | None, int | None]


def fixture_names() -> list[str]:
    return sorted(
        path.stem if path.is_file() else path.name
        for path in FIXTURES.iterdir()
        if path != PROFILE and (path.suffix == ".toml" or path.is_dir())
    )


def install(name: str, folder: Path) -> Path:
    """Copy the fixture ``name`` (with the shared profile unless it has its own) into
    ``folder``; returns the issue file to check."""
    shutil.copy(PROFILE, folder / "bulletin.toml")
    source = FIXTURES / name
    if source.is_dir():
        for item in source.iterdir():
            shutil.copy(item, folder / item.name)
        return folder / "issue.toml"
    shutil.copy(FIXTURES / f"{name}.toml", folder / "issue.toml")
    return folder / "issue.toml"


def expected_findings(text: str) -> list[Expected]:
    """What the fixture's ``# expect:`` comments ask for, sorted as check sorts findings."""
    expected: list[Expected] = []
    article: int | None = None
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("[[articles]]"):
            count += 1
            article = count
        elif stripped.startswith("[") and not stripped.startswith(("[[articles.", "[articles.")):
            article = None  # an article's own sub-tables ([[articles.adopted]]) stay in it
        explicit = _EXPLICIT_RE.match(stripped)
        if explicit:
            code, where, at = explicit.groups()
            expected.append(
                (code, None if where == "-" else int(where), None if at == "-" else int(at))
            )
        elif not stripped.startswith("#") and (marker := _MARKER_RE.search(line)):
            expected.append((marker.group(1), article, number))
    return sorted(expected, key=lambda item: (item[1] or 0, item[2] or 1 << 30, item[0]))

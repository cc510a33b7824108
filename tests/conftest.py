"""Shared fixtures: a realistic office folder built from the repo's own example issue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ISSUE = REPO / "issues" / "2012-01.toml"
EXAMPLE_PROFILE = REPO / "bulletin.toml"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """An office folder: ``bulletin.toml`` and ``issues/2012-01.toml`` copied from the repo."""
    (tmp_path / "issues").mkdir()
    shutil.copy(EXAMPLE_PROFILE, tmp_path / "bulletin.toml")
    shutil.copy(EXAMPLE_ISSUE, tmp_path / "issues" / "2012-01.toml")
    return tmp_path


@pytest.fixture
def example_issue(example_dir: Path) -> Path:
    """The path of the copied example issue inside ``example_dir``."""
    return example_dir / "issues" / "2012-01.toml"

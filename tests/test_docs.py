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


def test_cli_doc_names_every_command_and_option() -> None:
    import typer

    from bulletin_cli.cli import app

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    missing = []
    for name, command in group.commands.items():
        if f"### `bulletin {name}" not in text:
            missing.append(name)
        for param in command.params:
            for option in param.opts:
                documented = option in ("-h", "--help") or option in text
                if option.startswith("-") and not documented:
                    missing.append(f"{name} {option}")
    assert missing == []

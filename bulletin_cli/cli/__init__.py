"""The command line: a thin layer that parses arguments, calls the library once, and prints."""

from __future__ import annotations

import sys

from . import issue_commands as _issue_commands  # noqa: F401  (registers init/new/add/list)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``bulletin`` command."""
    try:
        app(prog_name="bulletin")
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        sys.exit(130)

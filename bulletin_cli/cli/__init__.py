"""The command line: a thin layer that parses arguments, calls the library once, and prints."""

from __future__ import annotations

import sys

from .app import app

# isort: off
# registration order is the order --help lists the commands in: a clerk's working order
from . import issue_commands as _issue_commands  # noqa: F401  (init, new, add, list)
from . import check_command as _check_command  # noqa: F401  (check)
from . import export_command as _export_command  # noqa: F401  (export, fonts)
from . import import_command as _import_command  # noqa: F401  (import)

# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``bulletin`` command."""
    for stream in (sys.stdout, sys.stderr):
        # a Windows console in GBK cannot show every character of an article (emoji, rare
        # characters): show an escape rather than crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app(prog_name="bulletin")
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        sys.exit(130)

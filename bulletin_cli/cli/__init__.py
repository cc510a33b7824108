"""The command line: a thin layer that parses arguments, calls the library once, and prints.

Each command module registers its commands on the Typer ``app`` when imported. ``main`` imports
only the module of the command it runs (Typer builds a click command for every registered
command at each start, and the other modules' imports would be wasted), so ``bulletin add``
starts faster (see docs/performance.md); ``bulletin_cli.cli.app`` (for tests and embedding)
has every command.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from . import app as _app_module

if TYPE_CHECKING:
    import typer

    app: typer.Typer

__all__ = ["app", "main"]

# the import above bound the submodule to the name ``app``; the name stands for the Typer
# object with every command, given by ``__getattr__`` below
del globals()["app"]

_MODULES = (
    "issue_commands",
    "check_command",
    "export_command",
    "preview_command",
    "import_command",
)
"""Every command module."""

_COMMANDS = {
    "init": "issue_commands",
    "new": "issue_commands",
    "add": "issue_commands",
    "list": "issue_commands",
    "check": "check_command",
    "export": "export_command",
    "preview": "preview_command",
    "fonts": "export_command",
    "import": "import_command",
}
"""Each command and its module, in the order ``--help`` lists them: a clerk's working order."""


def _register(modules: tuple[str, ...]) -> None:
    for module in modules:
        importlib.import_module(f".{module}", __name__)
    # the listing order of ``--help`` whichever module a caller imported first
    order = list(_COMMANDS)
    _app_module.app.registered_commands.sort(
        key=lambda info: order.index(info.name) if info.name in order else len(order)
    )


def __getattr__(name: str) -> Any:
    if name == "app":
        _register(_MODULES)
        return _app_module.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``bulletin`` command."""
    for stream in (sys.stdout, sys.stderr):
        # a Windows console in GBK cannot show every character of an article (emoji, rare
        # characters): show an escape rather than crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    module = _COMMANDS.get(name)
    _register((module,) if module is not None else _MODULES)
    app = _app_module.app
    registered = app.registered_commands
    if module is not None:
        # only the command that runs: Typer builds a click command for each one registered
        app.registered_commands = [info for info in registered if info.name == name]
    try:
        app(prog_name="bulletin")
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        sys.exit(130)
    finally:
        app.registered_commands = registered

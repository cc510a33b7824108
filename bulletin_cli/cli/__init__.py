"""The command line: a thin layer that parses arguments, calls the library once, and prints.

Each command module registers its commands on the Typer ``app`` when imported. ``main`` imports
only the module of the command it runs (Typer builds a click command for every registered
command at each start, and the other modules' imports would be wasted), so ``bulletin add``
starts faster (see docs/performance.md); ``bulletin_cli.cli.app`` (for tests and embedding)
has every command.

A new command: define it with ``@app.command("name")`` in a module of ``cli/`` and add one line,
``"name": "module"``, to ``_COMMANDS`` at its place in the ``--help`` order (a new module needs
nothing more; a test fails if a registered command is missing from the table).

Importing this module loads nothing heavy: ``main`` first makes Ctrl-C quit quietly (exit 130)
and only then imports Typer and the command, so an interrupt during start-up never shows a
traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    app: typer.Typer

__all__ = ["app", "main"]

_COMMANDS = {
    "init": "issue_commands",
    "new": "issue_commands",
    "add": "issue_commands",
    "collect": "collect_command",
    "list": "issue_commands",
    "show": "show_command",
    "edit": "edit_commands",
    "remove": "edit_commands",
    "move": "edit_commands",
    "undo": "edit_commands",
    "check": "check_command",
    "export": "export_command",
    "preview": "preview_command",
    "fonts": "export_command",
    "import": "import_command",
    "stats": "stats_command",
    "units": "settings_commands",
    "sections": "settings_commands",
    "mark": "mark_command",
    "scoring": "scoring_commands",
}
"""Every command and the module (in ``cli/``) that registers it with ``@app.command``, in the
order ``--help`` lists them: a clerk's working order. Adding a command is one line here; ``main``
imports only the module of the command that runs."""

_MODULES = tuple(dict.fromkeys(_COMMANDS.values()))
"""Every command module, each once (imported for ``--help`` and ``bulletin_cli.cli.app``)."""


def _typer_app() -> typer.Typer:
    """The Typer application (its module binds the name ``app`` of this package's namespace
    to itself when imported: the name stands for the Typer object, see ``__getattr__``)."""
    module = importlib.import_module(".app", __name__)
    globals().pop("app", None)
    application: typer.Typer = module.app
    return application


def _register(modules: tuple[str, ...]) -> None:
    application = _typer_app()
    for module in modules:
        importlib.import_module(f".{module}", __name__)
    globals().pop("app", None)
    # the listing order of ``--help`` whichever module a caller imported first
    order = list(_COMMANDS)
    application.registered_commands.sort(
        key=lambda info: order.index(info.name) if info.name in order else len(order)
    )


def __getattr__(name: str) -> Any:
    if name == "app":
        _register(_MODULES)
        return _typer_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``bulletin`` command."""
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    _prepare_standard_streams()
    sys.argv[1:] = [_as_utf8(argument) for argument in sys.argv[1:]]
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    module = _COMMANDS.get(name)
    _register((module,) if module is not None else _MODULES)
    app = _typer_app()
    registered = app.registered_commands
    groups = app.registered_groups
    if module is not None:
        # only the command that runs: Typer builds a click command for each one registered
        app.registered_commands = [info for info in registered if info.name == name]
        app.registered_groups = [info for info in groups if info.name == name]
    from ..errors import BulletinError
    from .app import ReaderMayLeave, finish_output, say, unwritable_output

    if sys.stdout is not None:
        sys.stdout = ReaderMayLeave.around(sys.stdout)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        app(prog_name="bulletin")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        say("已中断。")
        code = 130
    except BulletinError as err:  # raised outside a command (``--version`` writing)
        say(f"错误：{err}")
        code = err.exit_code
    except OSError as err:  # standard output failed while Click or rich wrote to it
        code = unwritable_output(err)
    finally:
        app.registered_commands = registered
        app.registered_groups = groups
    sys.exit(finish_output(code))


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C before the command runs: nothing has been written, so quit at once."""
    with contextlib.suppress(OSError, LookupError):
        os.write(2, "已中断。\n".encode(sys.stderr.encoding if sys.stderr else "utf-8", "replace"))
    os._exit(130)


def _prepare_standard_streams() -> None:
    """Closed standard streams get ``os.devnull`` behind their descriptor (so no file opened
    later takes descriptor 1 and receives the output); output never fails on a character the
    console's code page lacks."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # takes the lowest free descriptor: this one
    ascii_locale = "PYTHONIOENCODING" not in os.environ
    for stream in (sys.stdout, sys.stderr):
        # a Windows console in GBK cannot show every character of an article (emoji, rare
        # characters): show an escape rather than crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        reconfigure(errors="backslashreplace")
        if ascii_locale and codecs.lookup(stream.encoding).name == "ascii":
            # a bare locale (LC_ALL=C) says ASCII, but terminals and files today take UTF-8
            reconfigure(encoding="utf-8")


def _as_utf8(argument: str) -> str:
    """An argument as typed: under a locale that is not UTF-8 (``LC_ALL=C``) Python decodes
    the UTF-8 bytes of a Chinese argument to surrogate escapes; decode them as UTF-8."""
    if not any("\udc80" <= ch <= "\udcff" for ch in argument):
        return argument
    try:
        return os.fsencode(argument).decode("utf-8")
    except UnicodeError:
        return argument

"""The command line: open the app, or export, import, check and merge plans from scripts.

One module per command, each with ``add_parser`` (its arguments and help) and ``run`` (the work,
returning the exit code); this module builds the parser from them and turns every failure into
one plain sentence on stderr and an exit code. No traceback reaches the user. A file a command
could not use is left as it was; outputs are written whole or not at all.

The entry points are ``offsite.cli:main`` (the ``offsite`` command) and ``offsite.cli:main_gui``
(the desktop entry).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from offsite import __version__
from offsite.cli import (
    check,
    checkins,
    cycle,
    demo,
    desktop,
    draft,
    export,
    import_,
    merge,
    new,
    open_,
    pack,
    report,
    room,
    verify,
)
from offsite.cli.common import IN_USE_ADVICE, UsageError
from offsite.cli.open_ import VIEWS
from offsite.domain.errors import (
    DiskFullError,
    ExportError,
    ImportFormatError,
    NotAPlanError,
    OffsiteError,
    PlanTooNewError,
    UnreadableFileError,
)

__all__ = ["IN_USE_ADVICE", "VIEWS", "UsageError", "main", "main_gui"]

#: Each command and its module, in the order ``offsite --help`` lists them.
COMMANDS: dict[str, ModuleType] = {
    "open": open_,
    "new": new,
    "demo": demo,
    "export": export,
    "report": report,
    "import": import_,
    "check": check,
    "verify": verify,
    "pack": pack,
    "draft": draft,
    "merge": merge,
    "cycle": cycle,
    "checkins": checkins,
    "room": room,
    "install-desktop": desktop,
    "uninstall-desktop": desktop,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="offsite", description="Plan a sales and marketing leadership offsite."
    )
    parser.add_argument("--version", action="version", version=f"Offsite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return _dispatch(args)
    except (
        UsageError,
        NotAPlanError,
        PlanTooNewError,
        UnreadableFileError,
        ImportFormatError,
        ExportError,
        DiskFullError,
    ) as error:
        # Input the command cannot read (no plan, an altered one, one too new), or an output it
        # could not write (a full disk): exit 2, as for ``check``; nothing was left half-written.
        print(str(error), file=sys.stderr)
        return 2
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted; nothing was left half-written.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one sentence, never a traceback
        print(f"Offsite failed unexpectedly ({type(error).__name__}: {error}).", file=sys.stderr)
        return 1


def main_gui() -> int:
    """The desktop entry's command: open the plan file it was given (a double-click), or the last plan."""
    files = [argument for argument in sys.argv[1:] if not argument.startswith("-")]
    return main(["open", files[0]] if files else [])


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` name; no command opens the app on the last plan."""
    if args.command is None:
        return open_.run_last()
    run: Callable[[argparse.Namespace], int] = COMMANDS[args.command].run
    return run(args)

"""``offsite open PLAN`` (and ``offsite`` alone): the app, on a plan, a phase, or a screenshot of it."""

from __future__ import annotations

import argparse
from pathlib import Path

#: The phases ``--view`` can show.
VIEWS = ("prepare", "brainstorm", "plan", "agreements", "buyin", "signoff", "review")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    opener = sub.add_parser("open", help="open PLAN in the app")
    opener.add_argument("plan", type=Path, metavar="PLAN")
    opener.add_argument("--view", choices=VIEWS, help="the phase to show")
    opener.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="render the window at 1280x800 to PNG once loaded, then exit",
    )
    opener.add_argument(
        "--projector",
        action="store_true",
        help="open the projector window too; with --screenshot, render it (1280x720) instead",
    )


def run(args: argparse.Namespace) -> int:
    # Qt is imported only here: every other command runs without loading it.
    from offsite.gui.app import run as run_app

    return run_app(args.plan, view=args.view, screenshot=args.screenshot, projector=args.projector)


def run_last() -> int:
    """``offsite`` with no command: the last plan, or the demo plan on first run."""
    from offsite.gui.app import run as run_app

    return run_app()

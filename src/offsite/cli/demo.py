"""``offsite demo PLAN``: write the demo plan, a realistic offsite to try the app on."""

from __future__ import annotations

import argparse
from pathlib import Path

from offsite.domain.errors import OffsiteError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="write the demo plan to PLAN")
    demo.add_argument("plan", type=Path, metavar="PLAN")


def run(args: argparse.Namespace) -> int:
    from offsite.services.demo import write_demo_plan
    from offsite.store.files import output_file

    output_file(args.plan)
    if args.plan.exists():
        raise OffsiteError(f"“{args.plan.name}” already exists; choose a new file name for the demo plan.")
    write_demo_plan(args.plan).close()
    return 0

"""``offsite demo PLAN``: write the demo plan, a realistic offsite to try the app on."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="write the demo plan to PLAN")
    demo.add_argument("plan", type=Path, metavar="PLAN")


def run(args: argparse.Namespace) -> int:
    from offsite.exchange.demo import write_demo_plan

    write_demo_plan(args.plan).close()  # refuses an existing file, or what is no file, with a sentence
    return 0

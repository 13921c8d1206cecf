"""``offsite import IN.json PLAN``: a new plan file from an interchange document."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = sub.add_parser("import", help="create PLAN from an interchange file")
    importer.add_argument("source", type=Path, metavar="IN.json")
    importer.add_argument("plan", type=Path, metavar="PLAN")


def run(args: argparse.Namespace) -> int:
    from offsite.exchange.interchange import import_json

    import_json(args.source, args.plan).close()
    return 0

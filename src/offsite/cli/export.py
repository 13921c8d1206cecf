"""``offsite export PLAN OUT``: the plan as a PDF or as an interchange JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path

from offsite.cli.common import add_language_option, speak
from offsite.domain.errors import OffsiteError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export PLAN to OUT (.pdf or .json)")
    export.add_argument("plan", type=Path, metavar="PLAN")
    export.add_argument("out", type=Path, metavar="OUT")
    add_language_option(export)


def run(args: argparse.Namespace) -> int:
    plan_path: Path = args.plan
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise OffsiteError(f"“{out.name}” should end in .pdf or .json, so Offsite knows what to write.")
    from offsite.services.plans import open_plan
    from offsite.store.files import output_file

    speak(args.language)
    output_file(out)  # before the work: a pipe or a folder there is said at once, not after the layout
    # One read transaction: a plan another program is writing is exported as one state of it.
    with open_plan(plan_path, readonly=True) as plan, plan.snapshot():
        if suffix == ".pdf":
            from offsite.exchange.pdf import export_plan_pdf

            export_plan_pdf(plan, out)
        else:
            from offsite.exchange.interchange import write_json

            write_json(plan, out)
    return 0

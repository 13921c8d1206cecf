"""``offsite checkins export|import``: the review cadence's check-ins from the command line.

``export PLAN OUT``: the plan's check-ins as a tidy CSV or XLSX file. ``import PLAN FILE``: actuals
from a CRM's or a spreadsheet's export, by a saved mapping or by the file's column names
(``cli.import_checkins``, its parser and its work).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from offsite.cli import import_checkins


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    checkins = sub.add_parser(
        "checkins", help="export the plan's check-ins, or import actuals from a CRM or a spreadsheet"
    )
    verbs = checkins.add_subparsers(dest="checkins_command", metavar="VERB", required=True)
    export = verbs.add_parser(
        "export",
        help="write PLAN's check-ins to OUT (.csv: one row per check-in; .xlsx: with metrics, "
        "objectives and an About sheet)",
        description="Write PLAN's check-ins to OUT: a .csv file (UTF-8, one row per check-in) or an "
        ".xlsx workbook (sheets Check-ins, Metrics, Objectives and About). Text that a spreadsheet "
        "would run as a formula is written so that it shows as text.",
    )
    export.add_argument("plan", type=Path, metavar="PLAN")
    export.add_argument("out", type=Path, metavar="OUT", help="a file name ending in .csv or .xlsx")
    import_checkins.register(verbs)


def run(args: argparse.Namespace) -> int:
    verbs: dict[str, Callable[[argparse.Namespace], int]] = {
        "export": run_export,
        "import": import_checkins.run,
    }
    return verbs[args.checkins_command](args)


def run_export(args: argparse.Namespace) -> int:
    from offsite.exchange.tidy import read_table, refuse_a_plan, tidy_format, write_tidy
    from offsite.services.plans import open_plan
    from offsite.store.files import output_file

    plan_path: Path = args.plan
    out: Path = args.out
    chosen = tidy_format(out)  # before any reading: a wrong suffix is said at once
    output_file(out)  # a folder, a pipe or a device there is said before the plan is read
    # One read transaction: a plan another program is writing is exported as one state of it.
    with open_plan(plan_path, readonly=True) as plan:
        refuse_a_plan(out, plan.path)
        with plan.snapshot():
            table = read_table(plan)
    write_tidy(table, out, chosen)
    count = len(table.check_ins)
    print(
        f"Wrote “{out.name}”: {count:,} check-in{'s' if count != 1 else ''} "
        f"of {len(table.metrics):,} metric{'s' if len(table.metrics) != 1 else ''}."
    )
    return 0

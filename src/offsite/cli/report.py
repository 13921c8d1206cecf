"""``offsite report PLAN OUT.pdf [--period 2027-Q1] [--as-of 2027-03-31]``: the results report as a PDF.

The report covers a quarter, a month or an ISO week (default: the last quarter finished since the
plan started, or the one under way) and reads the plan as of the period's last day, or today when
that is earlier; ``--as-of`` names another day (a report as it stood then). The plan is opened for
reading only and read in one transaction; the PDF is written whole or not at all, and never over a
plan file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from offsite.cli.common import UsageError, add_language_option, speak
from offsite.domain.errors import NotAPlanError, PlanTooNewError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser(
        "report", help="write the results report of PLAN for a quarter, month or week to OUT (.pdf)"
    )
    report.add_argument("plan", type=Path, metavar="PLAN")
    report.add_argument("out", type=Path, metavar="OUT")
    report.add_argument(
        "--period",
        metavar="PERIOD",
        help="2027-Q1, 2027-03 or 2027-W05 (default: the last quarter finished, or the current one)",
    )
    report.add_argument(
        "--as-of",
        dest="as_of",
        metavar="DATE",
        help="read the plan as it stood on DATE, e.g. 2027-03-31 (default: today, or the latest check-in's day if later)",
    )

    add_language_option(report)


def run(args: argparse.Namespace) -> int:
    from offsite.domain.reporting import as_of_in_words, report_period

    plan_path: Path = args.plan
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise UsageError(f"“{out.name}” should end in .pdf: the results report is a PDF.")
    period = None
    if args.period is not None:
        try:
            period = report_period(args.period)
        except ValueError as error:
            raise UsageError(str(error)) from None
    as_of = None if args.as_of is None else _day(args.as_of)
    _refuse_a_plan(out, plan_path)

    from offsite.exchange.report import export_report, read_report
    from offsite.services.checkins import review_day
    from offsite.services.plans import open_plan
    from offsite.store.files import output_file

    speak(args.language)
    output_file(out)  # before the work: a pipe or a folder there is said at once, not after the layout
    with open_plan(plan_path, readonly=True) as plan:
        # Today, or the latest check-in's day for a plan ahead of the clock (as the app reads it).
        report = read_report(plan, period, as_of or review_day(plan))
    export_report(report, out)
    print(
        f"Wrote the results report on {report.period.words}, "
        f"{as_of_in_words(report.period, report.as_of)}, to “{out}”."
    )
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"“{text.strip()}” is not a date Offsite can read; write it as 2027-03-31."
        ) from None


def _refuse_a_plan(out: Path, plan_path: Path) -> None:
    """Never write a report over a plan: the plan given, or any Offsite plan standing at ``out``."""
    from offsite.store.fileformat import read_header

    try:
        same = out.exists() and plan_path.exists() and out.samefile(plan_path)
    except OSError:
        same = False
    if same:
        raise UsageError(f"“{out.name}” is the plan itself; choose another name for the report.")
    if not out.is_file():
        return
    try:
        read_header(out)  # a plan from a newer Offsite (PlanTooNewError) is a plan too
    except NotAPlanError:
        return  # not a plan: an earlier report, say, which the new one replaces
    except PlanTooNewError:
        pass
    raise UsageError(f"“{out.name}” is an Offsite plan; choose another name for the report.")

"""``offsite check PLAN``: exit 0 for a sound plan, 1 listing its problems, 2 for no plan at all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from offsite.domain.errors import NotAPlanError, OffsiteError, PlanTooNewError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check", help="exit 0 if PLAN is sound, 1 listing its problems, 2 if it is no plan"
    )
    check.add_argument("plan", type=Path, metavar="PLAN")


def run(args: argparse.Namespace) -> int:
    from offsite.services.plans import check_plan

    plan_path: Path = args.plan
    try:
        result = check_plan(plan_path)
    except (NotAPlanError, PlanTooNewError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return 2
    if result.signed_version is not None:
        signed = f"locked at version {result.signed_version} (signed or awaiting signatures)"
    else:
        signed = None
    if result.sound:
        what = f"a sound draft ({result.draft_of})" if result.draft_of else "a sound plan"
        print(f"{plan_path.name}: {what}" + (f", {signed}." if signed else "."))
        return 0
    if signed:
        print(f"{plan_path.name} is {signed}.")
    print(f"{plan_path.name}: {len(result.problems)} problem(s):")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1

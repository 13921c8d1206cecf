"""``offsite cycle PLAN NEW``: the next offsite's plan, started from PLAN.

NEW gets PLAN's teams, leaders, company goals and definitions (to be agreed again), the objectives
PLAN left unfinished as candidates of the brainstorm (or those named with ``--objective``), each
quarter review's lessons in the parking lot, and a link back to PLAN (``offsite.exchange.cycle``).
PLAN is only read; NEW is never written over an existing file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from offsite.cli.common import UsageError, unreadable_is_usage
from offsite.domain.errors import OffsiteError

if TYPE_CHECKING:
    from offsite.domain.cycle import ObjectiveOutcome


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cycle = sub.add_parser(
        "cycle",
        help="start the next offsite's plan NEW from PLAN: the unfinished objectives become candidates",
        description=(
            "Write NEW, the next offsite's plan, from PLAN: its teams, leaders, company goals and "
            "definitions (buy-in is asked again), the objectives PLAN left unfinished as candidates "
            "of the brainstorm, and the quarter reviews' lessons in the parking lot."
        ),
    )
    cycle.add_argument("plan", type=Path, metavar="PLAN")
    cycle.add_argument("new", type=Path, metavar="NEW", help="the new plan to write (.offsite)")
    cycle.add_argument(
        "--objective",
        action="append",
        metavar="UID",
        help="carry this objective (its uid, or its statement); repeat for several. "
        "Default: the unfinished ones (last review kept or changed it, scored below 0.7, or none)",
    )
    cycle.add_argument("--title", help="the next offsite's title (default: the year or half moved on)")
    cycle.add_argument("--horizon", help="the period it plans for (default: the one after PLAN's)")


def run(args: argparse.Namespace) -> int:
    from offsite.domain.cycle import retrospective
    from offsite.exchange.cycle import next_cycle_exists, proposed_title, start_next_cycle
    from offsite.services.cycle import read_outcomes
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.files import output_file

    plan_path: Path = args.plan
    new: Path = args.new
    if new.suffix.lower() != ".offsite":
        raise UsageError(f"“{new.name}” should end in .offsite: it is a new plan.")
    output_file(new)
    if new.exists() or new.is_symlink():
        raise OffsiteError(next_cycle_exists(new))
    try:
        plan = open_plan(plan_path, readonly=True)
    except OffsiteError as error:
        raise unreadable_is_usage(error) from None
    with plan, plan.snapshot():
        details = read_plan(plan).details
        outcomes = read_outcomes(plan)
        if args.objective is None:
            carried = [o for o in outcomes if o.unfinished]
        else:
            chosen = {_objective(outcomes, given) for given in args.objective}
            carried = [o for o in outcomes if o.uid in chosen]
        title, horizon = proposed_title(details.title, details.horizon)
        title = title if args.title is None else args.title.strip()
        horizon = horizon if args.horizon is None else args.horizon.strip()
        start_next_cycle(plan, new, objective_uids=[o.uid for o in carried], title=title, horizon=horizon)
    print(f"Wrote “{new.name}”: “{title}” ({horizon or 'no horizon'}), continuing “{details.title}”.")
    if carried:
        print(f"Carried over as candidates of the brainstorm ({len(carried)}):")
        for o in carried:
            print(f"  {o.statement} — {o.why}")
    else:
        print("No objective carried over.")
    lessons = sum(1 for o in outcomes if retrospective(o))
    if lessons:
        print(f"The quarter reviews of {lessons} objective(s) are in its parking lot, as “Last cycle” items.")
    print("Its definitions need every leader's buy-in again: a new cycle, a new agreement.")
    return 0


def _objective(outcomes: list[ObjectiveOutcome], given: str) -> str:
    """The uid of the objective ``given`` names: its uid, or its statement (any case)."""
    found = [o for o in outcomes if o.uid == given.strip()]
    if not found:
        wanted = " ".join(given.split()).casefold()
        found = [o for o in outcomes if " ".join(o.statement.split()).casefold() == wanted]
    if len(found) == 1:
        return found[0].uid
    names = "; ".join(f"“{o.statement}” ({o.uid})" for o in outcomes) or "none"
    if not found:
        raise UsageError(f"The plan has no objective “{given.strip()}”; its objectives are: {names}.")
    raise UsageError(f"“{given.strip()}” names {len(found)} objectives; give the uid of one: {names}.")

"""Write a plan N times the size of the demo plan, worded in several scripts, for the benchmarks.

    python bench/generate.py --scale 1000 big.offsite
    python bench/generate.py --metrics 5000 --check-ins 200000 tracked.offsite

"N×" multiplies what a plan grows by as a room works: objectives (each with one to three metrics
and the concerned leaders' buy-in), candidates, why-chains and data definitions, each N times as
many as the demo plan holds (``resources/demo.json``, counted when the plan is made, so the scale
follows the demo). The room stays a room: ten leaders in five teams, whatever N is. Its agreements
beyond goals (a customer journey, hand-offs, decision rights, incentives, joint practices) grow by
markets, not by objectives: the demo plan's count, once per 100× (one market's set per 600
objectives), so hundreds at 1,000×, as a company that size runs a journey per market.

The words are mostly English, the rest German, French, Russian, Arabic, Hebrew, Japanese, Chinese
and Hindi (``offsite.services.generated_words``); every value passes ``offsite.domain.rules`` as a
typed one would (``offsite.services.generated.make_plan`` writes it).

A tracked plan (``--check-ins``) is one of those plans, sized by its metrics (about 2 an objective),
after two years of review: weekly check-ins of every metric over 104 weeks, typed or imported from a
CRM export (``offsite.services.generated_checkins.add_check_ins``, in bulk, not a verb per check-in).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from offsite.exchange.demo import demo_document_path
from offsite.exchange.interchange import read_document
from offsite.services.generated import make_plan
from offsite.services.generated_checkins import add_check_ins
from offsite.store import PlanFile

#: The room, at every scale: a leadership offsite seats 8–14 leaders from 3–6 teams.
LEADERS = 10
TEAMS = 5
#: A plan tracked for two years: the metrics and weekly check-ins the review cadence is measured on.
TRACKED_METRICS = 5_000
TRACKED_CHECK_INS = 200_000
TRACKED_WEEKS = 104
#: A plan gets the demo plan's count of agreements once for every this many times its size.
AGREEMENTS_EVERY = 100


@dataclass(frozen=True, slots=True)
class DemoSize:
    """What the demo plan holds of everything that grows with a plan."""

    objectives: int
    metrics: int
    candidates: int
    why_chains: int
    why_depth: int
    definitions: int
    agreements: int


def demo_size() -> DemoSize:
    """Count the demo plan's objectives, candidates, why-chains (and their depth), definitions and
    agreements."""
    document = read_document(demo_document_path())
    nodes = document["why_chains"]
    roots = sum(1 for node in nodes if node["parent"] is None)
    return DemoSize(
        objectives=len(document["objectives"]),
        metrics=sum(len(o["metrics"]) for o in document["objectives"]),
        candidates=len(document["candidates"]),
        why_chains=roots,
        why_depth=max(1, round(len(nodes) / max(roots, 1))),
        definitions=len(document["definitions"]),
        agreements=len(document["agreements"]),
    )


def promoted(objectives: int) -> int:
    """How many of ``objectives`` the generator promotes from a candidate (seven in ten)."""
    return sum(1 for n in range(objectives) if n % 10 < 7)


def generate(path: Path | str, scale: int, *, metrics: int | None = None) -> PlanFile:
    """Create the plan at ``path`` (which must not exist) at ``scale`` times the demo plan; return it open.

    ``metrics``, if given, is how many metrics its objectives hold together (else one to three each).
    """
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, not {scale}.")
    demo = demo_size()
    objectives = demo.objectives * scale
    return make_plan(
        path,
        objectives=objectives,
        leaders=LEADERS,
        teams=TEAMS,
        goals=3,
        scripts=True,
        ideas=max(0, demo.candidates * scale - promoted(objectives)),
        why_chains=demo.why_chains * scale,
        why_depth=demo.why_depth,
        definitions=demo.definitions * scale,
        metrics=metrics,
        agreements=agreements_at(scale),
    )


def agreements_at(scale: int) -> int:
    """How many agreements the plan at ``scale`` times the demo's size holds: the demo's count, once
    per AGREEMENTS_EVERY times (at least once)."""
    return demo_size().agreements * max(1, scale // AGREEMENTS_EVERY)


def generate_tracked(
    path: Path | str,
    metrics: int = TRACKED_METRICS,
    check_ins: int = TRACKED_CHECK_INS,
    weeks: int = TRACKED_WEEKS,
) -> PlanFile:
    """Create at ``path`` a plan of ``metrics`` metrics (the demo plan's mix, scaled to hold them)
    and ``check_ins`` weekly check-ins spread over ``weeks`` weeks; return it open."""
    scale = max(1, round(metrics / demo_size().metrics))
    plan = generate(path, scale, metrics=metrics)
    try:
        add_check_ins(plan, check_ins, weeks=weeks)
    except BaseException:
        plan.close()
        raise
    return plan


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="times the demo plan's size (default 1)")
    parser.add_argument(
        "--check-ins",
        type=int,
        help=f"instead, a plan tracked for two years: this many weekly check-ins (e.g. {TRACKED_CHECK_INS})",
    )
    parser.add_argument(
        "--metrics",
        type=int,
        default=TRACKED_METRICS,
        help=f"with --check-ins, the metrics they are spread over (default {TRACKED_METRICS})",
    )
    parser.add_argument("out", type=Path, help="the plan file to write (must not exist)")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new file name.")
    start = time.perf_counter()
    if args.check_ins is not None:
        generate_tracked(args.out, args.metrics, args.check_ins).close()
        made = f"{args.metrics:,} metrics and {args.check_ins:,} check-ins"
    else:
        generate(args.out, args.scale).close()
        made = f"{args.scale}× the demo plan"
    print(f"{args.out}: {made} in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

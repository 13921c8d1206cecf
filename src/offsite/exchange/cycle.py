"""The next cycle from this plan: a new plan file for the next offsite, started from this one.

What the new plan holds, and why:

- **The table and the aim**: the teams, the leaders (titles and signing initials) and the company
  goals, as they are (with their identities, so that the same leader is the same leader across
  cycles); the vision, the dot budget and the shortlist size. The title and horizon move on
  (``offsite.domain.cycle.next_title``/``next_horizon``, or as given); the dates and the venue are
  blank: they are the next offsite's to decide.
- **The definitions**, with their text and **without** their buy-in: a new cycle is a new
  agreement, so every leader concerned agrees to each again (the dialog says so).
- **The agreements beyond goals** (the customer journey, hand-offs, decision rights, incentives,
  joint practices) and the business model, likewise without their buy-in. What an agreement named
  among the objectives (a metric, an objective) does not come along, so it names none.
- **The unfinished objectives**, each a **candidate** in the brainstorm's pool (exercise “carried
  over”, the old objective's uid as its origin): where it came from in its origin label, its metrics
  with their last actual (the next baseline) in the SMART “measurable” note, its last review in
  the “achievable” note. Candidates, not objectives: the next offsite weighs them against new ideas,
  votes, keeps the top few of each team and promotes those, as it does any idea.
- **The retrospectives**: one open **parking-lot** item per objective the quarter reviews spoke of
  (“Last cycle › “Go outbound”: Q1 2027 score 0.4, decision: keep. Worked: … Did not work: …”),
  raised in “Last cycle”. The parking lot is what the facilitator walks through with the room and
  settles item by item (resolved with a note, or made a candidate), and it is open from every screen:
  the lessons are at hand in any exercise, without filling a team's ask-why chain with statements
  nobody there wrote (chains feed the common-theme search).
- **The day's agenda** (items and time boxes; nothing running): the next offsite usually runs the
  same exercises, and the facilitator edits it.
- **The link back**: ``previous_cycle`` = this plan's uid, title, file name, the fingerprint of the
  last version its leaders signed (null when none was), and when the next cycle was started.

Nothing else of this plan comes along: no objectives, buy-in, brainstorm, votes, overlaps, versions,
signatures, survey, check-ins, import mappings, reviews, wins or drafting records.

The new file is a new plan (its own uid), checked by the same rules as an imported document, built
beside the target and put there whole; an existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from offsite.domain.cycle import (
    LAST_CYCLE,
    ObjectiveOutcome,
    carried_by_default,
    carried_notes,
    carried_origin,
    clipped,
    next_horizon,
    next_title,
    retrospective,
)
from offsite.domain.errors import EditRefusedError, ExportError, OffsiteError
from offsite.domain.exercises import Exercise, SmartCriterion
from offsite.domain.language import translate
from offsite.domain.rules import clean_text
from offsite.exchange.drafts.pack import same_file
from offsite.exchange.interchange.io import create_plan_from_document
from offsite.exchange.interchange.validate import Problem, check_document
from offsite.services.buyin import utc_now
from offsite.services.cycle import read_outcomes
from offsite.store import PlanFile
from offsite.store.document import plan_document, utc_text
from offsite.store.document.fields import FORMAT, VERSION
from offsite.store.files import output_file
from offsite.store.models import new_uid

log = logging.getLogger(__name__)

#: The sections of a plan a next cycle leaves behind, each empty in the new plan.
LEFT_BEHIND = (
    "objectives",
    "buy_in",
    "why_chains",
    "themes",
    "dismissed_suggestions",
    "team_goals",
    "funnels",
    "team_switches",
    "votes",
    "overlap_resolutions",
    "versions",
    "survey",
    "check_ins",
    "import_mappings",
    "objective_reviews",
    "wins",
    "alignment_readings",
)


def next_cycle_exists(target: Path) -> str:
    return translate(
        "NextCycle", "“{file}” already exists; choose a new file name for the next cycle's plan."
    ).format(file=target.name)


def proposed_title(title: str, horizon: str) -> tuple[str, str]:
    """The next offsite's (title, horizon) as the dialog and the command propose them."""
    following = next_horizon(horizon)
    return next_title(title, horizon, following), following


def start_next_cycle(
    plan: PlanFile,
    target: Path | str,
    *,
    objective_uids: Collection[str] | None = None,
    title: str | None = None,
    horizon: str | None = None,
    at: dt.datetime | None = None,
) -> Path:
    """Write ``target``: the next offsite's plan, started from ``plan`` (see the module); returns it.

    ``objective_uids``: the objectives to carry over as candidates, by uid (None: the unfinished
    ones, ``offsite.domain.cycle``); ``title`` and ``horizon`` default to the proposed ones. The
    plan is only read. Refuses (EditRefusedError) the plan's own file, a draft, an objective it does
    not have; refuses (OffsiteError) a ``target`` that exists, never replacing it; raises the store's
    typed errors (e.g. DiskFullError) when the file cannot be written, leaving nothing behind.
    """
    target = Path(target)
    if same_file(target, plan.path):
        raise EditRefusedError(
            translate(
                "NextCycle", "“{file}” is this plan itself; save the next cycle under another name."
            ).format(file=target.name)
        )
    output_file(target)
    if target.exists() or target.is_symlink():
        raise OffsiteError(next_cycle_exists(target))
    with plan.snapshot():  # the objectives and their reviews from one state of the plan
        document = plan_document(plan)
        outcomes = read_outcomes(plan)
    if document["drafting"]["draft"] is not None:
        raise EditRefusedError(
            translate(
                "NextCycle",
                "“{plan}” is a leader's draft; start the next cycle from the plan the facilitator keeps.",
            ).format(plan=plan.name)
        )
    carried = _carried(outcomes, objective_uids)
    new = next_cycle_document(
        document,
        outcomes,
        carried,
        title=title,
        horizon=horizon,
        file_name=plan.path.name,
        at=at or utc_now(),
    )
    try:
        check_document(new)
    except Problem as problem:
        raise ExportError(
            translate(
                "NextCycle", "“{plan}” cannot start a next cycle: {problem}. Run “offsite check” on it."
            ).format(plan=plan.name, problem=problem)
        ) from None
    create_plan_from_document(new, target, exists=next_cycle_exists(target), done="written").close()
    log.info("started the next cycle of %s in %s (%d objectives carried)", plan.path, target, len(carried))
    return target


def _carried(outcomes: list[ObjectiveOutcome], uids: Collection[str] | None) -> frozenset[str]:
    """The uids of the objectives to carry: those given (each one the plan has), else the unfinished."""
    wanted = frozenset(carried_by_default(outcomes) if uids is None else uids)
    unknown = wanted - {o.uid for o in outcomes}
    if unknown:
        raise EditRefusedError(
            translate(
                "NextCycle", "The plan has no objective {objectives} (removed meanwhile?); choose again."
            ).format(objectives=", ".join(sorted(unknown)))
        )
    return wanted


def next_cycle_document(
    document: Mapping[str, Any],
    outcomes: list[ObjectiveOutcome],
    carried: Collection[str],
    *,
    title: str | None,
    horizon: str | None,
    file_name: str,
    at: dt.datetime,
) -> dict[str, Any]:
    """The interchange document of the next cycle's plan, from this plan's ``document`` and its
    objectives' ``outcomes`` (in plan order): those ``carried`` (uids) become candidates, and every
    objective a quarter review spoke of leaves its “Last cycle” item in the parking lot."""
    details = document["plan"]
    proposed = proposed_title(details["title"], details["horizon"])
    new_title = (
        proposed[0] if title is None else clean_text(title, translate("NextCycle", "The title")).strip()
    )
    new_horizon = (
        proposed[1] if horizon is None else clean_text(horizon, translate("NextCycle", "The horizon")).strip()
    )
    started = utc_text(at)
    objectives = {o["uid"]: o for o in document["objectives"]}
    candidates = [_candidate(details["title"], objectives[o.uid], o) for o in outcomes if o.uid in carried]
    lessons = [
        {
            "uid": new_uid(),
            "text": text,
            "raised_at": started,
            "raised_in": LAST_CYCLE,
            "resolved_at": None,
            "resolution": "",
            "candidate_uid": None,
        }
        for outcome in outcomes
        if (text := retrospective(outcome))
    ]
    agenda = document["agenda"]
    return {
        "format": FORMAT,
        "version": VERSION,
        "plan": {
            "uid": new_uid(),
            "title": new_title,
            "starts_on": None,
            "ends_on": None,
            "venue": "",
            "horizon": new_horizon,
            "vision": details["vision"],
            "dot_budget": details["dot_budget"],
            "top_n": details["top_n"],
            "business_model": details["business_model"],
            "business_model_why": details["business_model_why"],
        },
        "teams": list(document["teams"]),
        "leaders": list(document["leaders"]),
        "company_goals": list(document["company_goals"]),
        **{section: [] for section in LEFT_BEHIND},
        "candidates": candidates,
        "definitions": [{**d, "stances": []} for d in document["definitions"]],
        "agreements": [_carried_agreement(a) for a in document["agreements"]],
        "parking_lot": lessons,
        "agenda": {
            "items": list(agenda["items"]),
            "day": {
                "starts_at": agenda["day"]["starts_at"],
                "current_item_uid": None,
                "item_started_at": None,
            },
        },
        "drafting": {"draft": None, "merges": []},
        "previous_cycle": {
            "plan_uid": details["uid"],
            "title": details["title"],
            "fingerprint": last_signed_fingerprint(document),
            "file_name": file_name,
            "started_at": started,
        },
    }


def _carried_agreement(agreement: Mapping[str, Any]) -> dict[str, Any]:
    """An agreement for the next cycle: its text, its team, owner and definition, without its buy-in
    and without the metric or objective it named (the objectives stay behind)."""
    return {**agreement, "stances": [], "metric": None, "objective": None}


def _candidate(plan_title: str, objective: Mapping[str, Any], outcome: ObjectiveOutcome) -> dict[str, Any]:
    """A carried-over objective as a candidate of the next brainstorm (module docstring)."""
    teams = objective["teams"]
    notes = carried_notes(outcome)
    return {
        "uid": new_uid(),
        # A shared objective is no one team's candidate: the origin label names its teams.
        "team": teams[0] if len(teams) == 1 else None,
        "text": clipped(" ".join(outcome.statement.split())) or "An objective of the last cycle",
        "exercise": Exercise.CARRIED_OVER.value,
        "origin_uid": outcome.uid,
        "origin_label": carried_origin(plan_title, outcome),
        "smart": {c.value: {"value": None, "note": notes.get(c.value, "")} for c in SmartCriterion},
        "impact": None,
        "shortlisted": False,
    }


def last_signed_fingerprint(document: Mapping[str, Any]) -> str | None:
    """The fingerprint of the last version leaders signed (re-opened since or not); None when none was."""
    signed = [v for v in document["versions"] if v["signatures"]]
    return signed[-1]["fingerprint"] if signed else None

"""Years of check-ins for a generated plan: what a plan tracked for a long time holds, made to order.

``add_check_ins(plan, 200_000)`` gives every metric of ``plan`` its share of the check-ins, weekly
(a Monday each), a run of consecutive weeks starting somewhere in the ``weeks`` after the offsite,
so together they span the whole time: most typed by a leader with a confidence that follows the
numbers, one metric in five imported from a CRM export (no confidence, by the CRM user named in
the file); values move from the metric's baseline towards its target, some metrics falling short,
with noise; now and then a note.

Written in one transaction, by the plan import's bulk insert (a verb call per check-in would take
minutes at this size), every value held to the rules a typed one keeps (``services.checkins.clean_value``,
``clean_day``, ``domain.rules``). The same arguments give the same check-ins (a seeded random
generator; uids aside).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Table, select

from offsite.domain import rules
from offsite.services.checkins import clean_day, clean_value, save_mapping
from offsite.store.document.write import insert_many
from offsite.store.models import CheckIn, Leader, Metric, new_uid
from offsite.store.planfile import PlanFile

#: The Monday after the generated plans' offsite (14–15 January 2027): the first week checked in.
FIRST_WEEK = dt.date(2027, 1, 18)
#: The source of the imported check-ins, saved as an import mapping of the plan.
SOURCE = "CRM export"
CRM_USERS = ("Jordan Ellis", "Sam Ortiz", "Mei Lin", "Noor Haddad")
NOTES = tuple(
    rules.clean_text(note, "Note")
    for note in (
        "Two enterprise deals slipped to next quarter",
        "Webinar series doubled MQLs",
        "New sequences live",
        "Routing fixed in the CRM",
        "Holiday week: fewer meetings",
        "Pricing change landed",
        "Partner campaign started",
        "Data corrected after the CRM clean-up",
    )
)
#: Rows per insert statement: bounded memory, whatever the count.
CHUNK = 10_000


def add_check_ins(
    plan: PlanFile, count: int, *, weeks: int = 104, first_week: dt.date = FIRST_WEEK, seed: int = 2027
) -> int:
    """Add ``count`` check-ins to ``plan``'s metrics, weekly over ``weeks`` weeks from ``first_week``.

    Each metric gets ``count // metrics`` of them (the first ones one more); ValueError when that
    is more than ``weeks`` (one a week) or the plan has no metric. Returns how many were written.
    """
    rng = random.Random(seed)
    with plan.read() as session:
        metrics = list(session.execute(select(Metric.id, Metric.baseline, Metric.target).order_by(Metric.id)))
        leaders = list(session.scalars(select(Leader.id).order_by(Leader.position, Leader.id)))
    if not metrics:
        raise ValueError("The plan has no metric to check in.")
    most = count // len(metrics) + (count % len(metrics) > 0)
    if most > weeks:
        raise ValueError(f"{most:,} check-ins of a metric do not fit in {weeks:,} weeks, one a week.")
    if len(metrics) >= 5:  # one metric in five is imported: the mapping it comes through
        save_mapping(plan, SOURCE, _TOTALS)
    table = CheckIn.__table__
    assert isinstance(table, Table)
    written = 0
    with plan.write_rows() as connection:
        batch: list[dict[str, Any]] = []
        for n, (metric_id, baseline, target) in enumerate(metrics):
            share = count // len(metrics) + (n < count % len(metrics))
            start = rng.randint(0, weeks - share)
            days = [first_week + dt.timedelta(weeks=start + k) for k in range(share)]
            leader = leaders[n % len(leaders)] if leaders else None
            batch.extend(_course(rng, metric_id, baseline, target, days, leader, n % 5 == 4))
            if len(batch) >= CHUNK or n == len(metrics) - 1:
                insert_many(connection, table, batch)
                written += len(batch)
                batch = []
    return written


_TOTALS = {
    "layout": "totals",
    "metric_column": "KPI",
    "date_column": "Week",
    "value_column": "Actual",
    "note_column": "Comment",
    "owner_column": "Owner",
    "aggregate": "sum",
    "period": "week",
    "cumulative": False,
    "decimal": "auto",
    "dates": "auto",
}


def _course(
    rng: random.Random,
    metric_id: int,
    baseline: float | None,
    target: float | None,
    days: Sequence[dt.date],
    leader: int | None,
    imported: bool,
) -> Iterator[dict[str, Any]]:
    """One metric's check-ins on ``days``: from its baseline towards its target, short of it or past."""
    start = 100.0 if baseline is None else baseline
    end = start * 1.2 if target is None else target
    reach = rng.uniform(0.4, 1.15)
    confidence = 7.0
    by_name = rng.choice(CRM_USERS) if imported else ""
    for k, day in enumerate(days):
        made = reach * (k + 1) / len(days)
        value = clean_value(round(start + (end - start) * made * (1 + rng.gauss(0, 0.05)), 1))
        # The confidence drifts with how far the metric is from where it should be by now.
        expected = (k + 1) / len(days)
        confidence = 0.6 * confidence + 0.4 * min(10.0, 10 * made / expected - 1) + rng.gauss(0, 0.5)
        yield {
            "uid": new_uid(),
            "metric_id": metric_id,
            "as_of": clean_day(day),
            "value": value,
            "confidence": None
            if imported
            else rules.clean(rules.CONFIDENCE, max(0, min(10, round(confidence))), "Confidence"),
            "note": rng.choice(NOTES) if rng.random() < 0.05 else "",
            "leader_id": None if imported else leader,
            "by_name": by_name,
            "source": SOURCE if imported else "",
            "recorded_at": dt.datetime.combine(day, dt.time(16, 0))
            + dt.timedelta(minutes=rng.randint(0, 600)),
        }

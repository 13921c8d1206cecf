"""The replica takes the server's rows whatever it numbered itself meanwhile.

A laptop that kept check-ins offline numbered them itself; the server gave them other numbers,
and another laptop's rows took the ones it used. Copying the server's rows must land each where
the server has it, in whatever order they come, without the replica refusing one as a duplicate of
a row of its own that the server no longer has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from offsite.services.plans import read_plan
from offsite.store import PlanFile
from offsite.store.models import CheckIn
from offsite.store.room.replica import write_rows


def _row(row_id: int, metric: int, day: dt.date, value: float) -> dict[str, Any]:
    return {
        "id": row_id,
        "uid": f"uid-{row_id}",
        "metric_id": metric,
        "as_of": day,
        "value": value,
        "confidence": None,
        "note": "",
        "leader_id": None,
        "by_name": "",
        "source": "",
        "recorded_at": dt.datetime(2027, 5, 1, 9, 0),
    }


def test_the_servers_rows_land_under_its_numbers_over_a_stale_row_holding_the_same_day(
    plan: PlanFile,
) -> None:
    from offsite.services.objectives import add_metric, add_objective

    objective = add_objective(plan, "Grow pipeline").id
    metric = add_metric(plan, objective, "Opportunities").id
    first, second = dt.date(2027, 5, 1), dt.date(2027, 5, 8)
    with plan.engine.begin() as replica:  # what the laptop made offline: its own number 9001, the 8th
        replica.execute(CheckIn.__table__.insert(), [_row(9001, metric, second, 3.0)])
    # The server: 9001 is the 1st's now, and the 8th came back as 9002; the 9002 comes first.
    present = {
        "check_in": {(9002,): _row(9002, metric, second, 3.0), (9001,): _row(9001, metric, first, 7.0)}
    }

    with plan.engine.begin() as replica:
        write_rows(replica, {"check_in": {(9001,), (9002,)}}, present)

    with plan.engine.connect() as connection:
        rows = connection.execute(select(CheckIn.id, CheckIn.as_of, CheckIn.value).order_by(CheckIn.id)).all()
    assert [tuple(row) for row in rows] == [(9001, first, 7.0), (9002, second, 3.0)]
    assert read_plan(plan).objective(objective) is not None

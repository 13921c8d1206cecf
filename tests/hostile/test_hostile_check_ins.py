"""A plan whose check-ins were edited by hand: `offsite check` names each row, and everything that
reads check-ins says the plan may be damaged in a sentence instead of crashing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offsite.domain.errors import NotAPlanError
from offsite.services.checkins import latest_check_ins, read_check_ins, review_day
from offsite.services.plans import check_plan, open_plan


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ("as_of = '2027-02-30'", "A check-in (#1) holds a day that is no date: “2027-02-30”."),
        ("as_of = 'last tuesday'", "A check-in (#1) holds a day that is no date: “last tuesday”."),
        ("as_of = '9999-12-31'", "A check-in (#1) holds a day that is no date: “9999-12-31”."),
        ("value = 'lots'", "A check-in (#1) holds a value that is no number of a metric's size."),
        ("value = 1e300", "A check-in (#1) holds a value that is no number of a metric's size."),
    ],
)
def test_a_check_in_edited_by_hand_is_named_by_check_and_read_as_a_damaged_plan(
    tmp_path: Path, demo_plan_bytes: bytes, edit: str, problem: str
) -> None:
    path = tmp_path / "edited.offsite"
    path.write_bytes(demo_plan_bytes)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"UPDATE check_in SET {edit} WHERE id = 1")
    connection.close()
    assert problem in check_plan(path).problems
    with open_plan(path, readonly=True) as plan:
        with pytest.raises(NotAPlanError, match=r"holds a check-in Offsite cannot read.*offsite check"):
            read_check_ins(plan)
        # The weekly screen's read and the review day read less (the latest check-ins, the latest
        # day): each either does not meet the damaged row or says the same sentence, never crashes.
        for read in (latest_check_ins, review_day):
            said = ""
            try:
                read(plan)
            except NotAPlanError as error:
                said = str(error)
            assert said in (
                "",
                "“edited.offsite” holds a check-in Offsite cannot read, so it may be damaged. "
                "Run “offsite check edited.offsite” to list its problems.",
            )

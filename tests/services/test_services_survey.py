"""The alignment survey: each leader rates alignment 1-5 once, changes it, and undo puts it back."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.values import Kind
from offsite.services.changes import Created, Updated, remove, restore
from offsite.services.prepare import add_leader, add_team
from offsite.services.survey import rate_alignment, read_ratings
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 15, 16, 0)


def _leaders(plan: PlanFile) -> tuple[int, int, int]:
    sales = add_team(plan, "Sales").id
    return (
        add_leader(plan, "Maya Okafor", "", sales).id,
        add_leader(plan, "Tomás Herrera", "", sales).id,
        add_leader(plan, "Priya Raman", "", sales).id,
    )


def test_ratings_are_read_in_leader_order_with_the_mean_and_who_has_not_rated(plan: PlanFile) -> None:
    maya, tomas, priya = _leaders(plan)
    assert read_ratings(plan).mean is None
    first = rate_alignment(plan, priya, 2, "Lead scoring is ours alone.", at=T0)
    rate_alignment(plan, maya, 4, at=T0)
    assert isinstance(first, Created)
    assert first.kind is Kind.SURVEY_RATING

    survey = read_ratings(plan)
    assert [(r.leader_id, r.rating, r.comment) for r in survey.ratings] == [
        (maya, 4, ""),
        (priya, 2, "Lead scoring is ours alone."),
    ]
    assert survey.mean == 3
    assert survey.unrated_leader_ids == (tomas,)
    assert survey.rating_of(priya).rated_at == T0  # type: ignore[union-attr]
    assert survey.rating_of(tomas) is None


def test_rating_again_updates_and_undo_gives_the_previous_rating_back(plan: PlanFile) -> None:
    maya, _tomas, _priya = _leaders(plan)
    first = rate_alignment(plan, maya, 3, "Closer.", at=T0)
    again = rate_alignment(plan, maya, 5, "Aligned.", at=T0 + dt.timedelta(hours=1))
    assert isinstance(again, Updated)
    assert again.id == first.id
    assert read_ratings(plan).rating_of(maya).rating == 5  # type: ignore[union-attr]

    rate_alignment(plan, **again.previous)
    (rating,) = read_ratings(plan).ratings
    assert (rating.rating, rating.comment, rating.rated_at) == (3, "Closer.", T0)


def test_the_first_rating_is_undone_by_removing_it(plan: PlanFile) -> None:
    maya, _tomas, _priya = _leaders(plan)
    created = rate_alignment(plan, maya, 3, at=T0)
    removed = remove(plan, Kind.SURVEY_RATING, created.id)
    assert read_ratings(plan).ratings == ()
    restore(plan, removed)
    assert read_ratings(plan).rating_of(maya).rating == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rating", "message"), [(0, "from 1 to 5"), (6, "from 1 to 5"), (2.5, "whole number")]
)
def test_a_rating_outside_one_to_five_is_refused(plan: PlanFile, rating: float, message: str) -> None:
    maya, _tomas, _priya = _leaders(plan)
    with pytest.raises(EditRefusedError, match=message):
        rate_alignment(plan, maya, rating)  # type: ignore[arg-type]
    assert read_ratings(plan).ratings == ()


def test_a_missing_leader_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="leader no longer exists"):
        rate_alignment(plan, 999, 3)


def test_the_database_itself_refuses_a_rating_out_of_range(plan: PlanFile) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    maya, _tomas, _priya = _leaders(plan)
    with pytest.raises(IntegrityError), plan.write() as session:
        session.execute(
            text(
                "INSERT INTO survey_rating (uid, leader_id, rating, comment, rated_at) "
                "VALUES ('x', :leader, 9, '', '2027-01-15 16:00:00')"
            ),
            {"leader": maya},
        )


def test_removing_a_leader_takes_their_rating_and_undo_restores_it(plan: PlanFile) -> None:
    maya, tomas, _priya = _leaders(plan)
    rate_alignment(plan, maya, 4, at=T0)
    rate_alignment(plan, tomas, 2, at=T0)
    before = read_ratings(plan)
    removed = remove(plan, Kind.LEADER, tomas)
    assert [r.leader_id for r in read_ratings(plan).ratings] == [maya]
    restore(plan, removed)
    assert read_ratings(plan) == before

"""The plan view read straight from rows: patched per edit it equals a fresh read; a damaged value is refused.

``read_plan`` builds the frozen values every screen and the PDF read, with plain ``sqlite3``;
``patch_plan`` reads again only the objectives an edit touched. A patched view must be exactly
the view read afresh, whatever the edit; and since SQLite keeps any value in any column, a plan
someone sent holding a word where a number belongs is reported as damaged, naming the value,
never shown.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offsite.domain.errors import NotAPlanError
from offsite.domain.values import (
    NO_TEAM_HEADING,
    SHARED_HEADING,
    Kind,
    ObjectiveLine,
    ObjectiveList,
    Stance,
    heading_of,
)
from offsite.services import buyin, objectives
from offsite.services.changes import remove, restore, update_fields
from offsite.services.plans import open_plan, read_plan
from offsite.store.document.view import (
    patch_plan,
    read_heading_ids,
    read_heading_lines,
    read_heading_place,
    read_objective_counts,
    read_outline,
)
from offsite.store.planfile import PlanFile


def test_a_patched_view_equals_the_plan_read_afresh_after_every_kind_of_edit(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    sales = next(t.id for t in view.teams if t.name == "Sales")
    first = view.objectives[0]

    def patched(ids: set[int], *, reordered: bool = False) -> None:
        nonlocal view
        view = patch_plan(demo_plan, view, ids, reordered=reordered)
        assert view == read_plan(demo_plan)

    update_fields(demo_plan, Kind.OBJECTIVE, first.id, {"statement": "Win mid-market"})
    patched({first.id})
    assert view.objective(first.id).statement == "Win mid-market"  # type: ignore[union-attr]
    made = objectives.add_objective(demo_plan, "Grow partners", [sales]).id
    patched({made}, reordered=True)
    metric = objectives.add_metric(demo_plan, made, "Partner deals", target=12).id
    patched({made})
    assert view.objective_of_metric(metric) == made
    leader = next(p.id for p in view.leaders if p.team_id == sales)
    buyin.record_stance(demo_plan, made, leader, Stance.DECLINED, "Not this year")
    patched({made})
    assert [e.stance for e in view.stances if e.objective_id == made] == [Stance.DECLINED]
    gone = remove(demo_plan, Kind.OBJECTIVE, made)
    patched({made}, reordered=True)
    assert view.objective(made) is None
    assert all(e.objective_id != made for e in view.stances)
    restore(demo_plan, gone)
    patched({made}, reordered=True)
    assert view.objective(made) is not None


def test_the_headings_counted_and_read_in_sql_are_the_headings_of_the_plan_read_whole(
    demo_plan: PlanFile,
) -> None:
    """The Plan page lists a plan's objectives from counts and batches of lines read under each
    heading (``heading_of``); those are the counts, order and lines of the plan read whole, for a
    team's own objectives, shared ones (of two teams or three), those of no team, and two
    objectives of a team given the same place."""
    view = read_plan(demo_plan)
    sales = view.teams[0].id
    objectives.add_objective(demo_plan, "Orphan pipeline", [])
    objectives.add_objective(demo_plan, "Every team at once", [t.id for t in view.teams[:3]])
    tied = objectives.add_objective(demo_plan, "Same place", [sales]).id
    first_of_sales = next(o.id for o in view.objectives if o.team_ids == (sales,))
    with demo_plan.write_rows() as connection:  # as a plan imported from elsewhere may hold them
        connection.exec_driver_sql(
            "UPDATE objective SET position = (SELECT position FROM objective WHERE id = ?) WHERE id = ?",
            (first_of_sales, tied),
        )
    view = read_plan(demo_plan)
    expected: dict[object, list[ObjectiveLine]] = {}
    for line in ObjectiveList.of(view).objectives:
        expected.setdefault(heading_of(line.team_ids), []).append(line)
    assert {SHARED_HEADING, NO_TEAM_HEADING} <= expected.keys()
    assert [line.id for line in expected[sales][:2]] == sorted([first_of_sales, tied])

    counts = read_objective_counts(demo_plan)
    assert counts.counts == {heading: len(lines) for heading, lines in expected.items()}
    assert counts.first == view.objectives[0].id
    for heading, lines in expected.items():
        assert read_heading_lines(demo_plan, view, heading, 0, 100) == lines
        assert read_heading_lines(demo_plan, view, heading, 1, 2) == lines[1:3]
        assert read_heading_ids(demo_plan, heading) == [line.id for line in lines]
        for row, line in enumerate(lines):
            assert read_heading_place(demo_plan, line.id) == (heading, row)
    assert read_heading_place(demo_plan, max(o.id for o in view.objectives) + 1) is None


def test_the_outline_holds_the_plan_but_no_objective(demo_plan: PlanFile) -> None:
    whole, outline = read_plan(demo_plan), read_outline(demo_plan)
    assert (outline.details, outline.teams, outline.leaders, outline.goals) == (
        whole.details,
        whole.teams,
        whole.leaders,
        whole.goals,
    )
    assert outline.objectives == ()
    assert whole.objectives


@pytest.mark.parametrize(
    ("statement", "shown"),
    [
        ("UPDATE metric SET target = 'lots' WHERE id = (SELECT min(id) FROM metric)", "lots"),
        (
            "UPDATE objective SET statement = x'00ff' WHERE id = (SELECT min(id) FROM objective)",
            "binary data",
        ),
        ("UPDATE stance_record SET stance = 'maybe' WHERE id = (SELECT min(id) FROM stance_record)", "maybe"),
        ("UPDATE metric SET due = 'soon' WHERE id = (SELECT min(id) FROM metric)", "soon"),
    ],
)
def test_a_value_of_the_wrong_kind_is_a_damaged_plan_naming_it(
    tmp_path: Path, demo_plan_bytes: bytes, statement: str, shown: str
) -> None:
    path = tmp_path / "sent.offsite"
    path.write_bytes(demo_plan_bytes)
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.close()
    with open_plan(path, readonly=True) as plan, pytest.raises(NotAPlanError) as refused:
        read_plan(plan)
    message = str(refused.value)
    assert f"“{shown}”" in message
    assert "damaged" in message
    assert "offsite check sent.offsite" in message

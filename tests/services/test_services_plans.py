"""Whole plans: the demo, reading a plan in one snapshot, and checking a file without changing it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from offsite.domain.errors import OffsiteError
from offsite.domain.guidance import method_guidance, metric_guidance, statement_guidance
from offsite.domain.values import Direction
from offsite.exchange.demo import write_demo_plan
from offsite.services.plans import check_plan, create_plan, open_plan, read_plan
from offsite.store import PlanFile


def test_demo_plan_holds_the_offsite_from_the_articles(tmp_path: Path) -> None:
    with write_demo_plan(tmp_path / "demo.offsite") as plan:
        view = read_plan(plan)
    assert view.details.title == "Sales & Marketing Offsite 2027"
    assert view.details.horizon == "H1 2027"
    assert [t.name for t in view.teams] == ["Sales", "Marketing", "Customer Success", "RevOps"]
    assert len(view.leaders) == 6
    assert all(view.team(p.team_id) is not None for p in view.leaders if p.team_id is not None)
    assert [g.statement for g in view.goals] == [
        "Grow revenue 50% in 2027",
        "Net revenue retention above 110%",
    ]
    outbound = view.objectives[0]
    assert outbound.statement == "Go outbound"
    assert [m.name for m in outbound.metrics] == ["Appointments booked", "Opportunities from outbound"]
    assert len(view.objectives) == 6
    assert len(view.stances) == 13
    time_to_touch = next(m for o in view.objectives for m in o.metrics if m.name == "Time to first touch")
    assert time_to_touch.direction is Direction.DOWN
    # Three objectives came out of the brainstorm and say so.
    origins = {o.statement: o.origin_label for o in view.objectives if o.origin_label}
    assert origins == {
        "Go outbound": "Work back from “Grow revenue 50% in 2027” › Sales: “Book 180 outbound meetings a quarter”",
        "Fill the pipeline": "Work back from “Grow revenue 50% in 2027” › Marketing: “Deliver 1,400 MQLs a quarter”",
        "Expand happy customers": (
            "Work back from “Grow revenue 50% in 2027” › Customer Success: “Expansion revenue of 2 M USD”"
        ),
    }


def test_demo_plan_follows_its_own_guidance(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    for objective in view.objectives:
        assert statement_guidance(objective.statement).ok, objective.statement
        assert method_guidance(objective.method).ok, (objective.statement, method_guidance(objective.method))
        assert objective.metrics, objective.statement
        for metric in objective.metrics:
            assert metric_guidance(metric.name, metric.target).ok, metric.name


def test_demo_plan_is_not_written_over_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.offsite"
    path.write_text("keep")
    with pytest.raises(OffsiteError, match=re.escape("“demo.offsite” already exists")):
        write_demo_plan(path)
    assert path.read_text() == "keep"


def test_new_plan_has_its_title_and_nothing_else(tmp_path: Path) -> None:
    with create_plan(tmp_path / "new.offsite", "Kick-off") as plan:
        view = read_plan(plan)
    assert view.details.title == "Kick-off"
    assert (view.teams, view.leaders, view.goals, view.objectives, view.stances) == ((), (), (), (), ())


def test_plan_reopened_through_open_plan_reads_the_same(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    demo_plan.close()
    with open_plan(demo_plan.path) as again:
        assert read_plan(again) == before


def test_demo_plan_checks_sound(demo_plan: PlanFile) -> None:
    result = check_plan(demo_plan.path)
    assert result.sound
    assert result.problems == ()


def _damaged(tmp_path: Path, demo_plan_bytes: bytes, *statements: str) -> Path:
    path = tmp_path / "damaged.offsite"
    path.write_bytes(demo_plan_bytes)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return path


def test_check_reports_a_metric_of_a_missing_objective(tmp_path: Path, demo_plan_bytes: bytes) -> None:
    path = _damaged(
        tmp_path,
        demo_plan_bytes,
        "INSERT INTO metric (id, uid, objective_id, name, unit, direction, data_source, customer_centric, "
        "shared, position) VALUES (500, 'u-500', 999, 'Orphan', '', 'up', '', 0, 0, 99)",
    )
    result = check_plan(path)
    assert not result.sound
    assert "A metric row (#500) points at a missing objective." in result.problems


def test_check_reports_an_unknown_stance_and_direction(tmp_path: Path, demo_plan_bytes: bytes) -> None:
    path = _damaged(
        tmp_path,
        demo_plan_bytes,
        "UPDATE stance_record SET stance = 'maybe' WHERE id = 1",
        "UPDATE metric SET direction = 'sideways' WHERE id = 1",
    )
    problems = check_plan(path).problems
    assert "Unknown buy-in stance “maybe”." in problems
    assert "Unknown metric direction “sideways”." in problems


def test_check_reports_a_missing_plan_record_and_a_nameless_team(
    tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = _damaged(tmp_path, demo_plan_bytes, "DELETE FROM plan", "UPDATE team SET name = '  ' WHERE id = 1")
    problems = check_plan(path).problems
    assert "The file should hold exactly one plan record; it holds 0." in problems
    assert "A team has no name." in problems


def test_check_leaves_the_file_exactly_as_it_was(tmp_path: Path, demo_plan_bytes: bytes) -> None:
    path = _damaged(tmp_path, demo_plan_bytes, "UPDATE stance_record SET stance = 'maybe' WHERE id = 1")
    before = path.read_bytes()
    assert not check_plan(path).sound
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["damaged.offsite"]


def test_reading_a_plan_with_an_unknown_stance_says_it_may_be_damaged(demo_plan) -> None:
    import sqlite3

    import pytest

    from offsite.domain.errors import NotAPlanError
    from offsite.services.plans import read_plan

    raw = sqlite3.connect(demo_plan.path)
    raw.execute("UPDATE stance_record SET stance = 'maybe' WHERE id = 1")
    raw.commit()
    raw.close()
    with pytest.raises(
        NotAPlanError, match=r"buy-in stance Offsite does not know \(“maybe”\).*offsite check"
    ):
        read_plan(demo_plan)


def test_yes_no_fields_take_only_yes_or_no(demo_plan) -> None:
    import pytest

    from offsite.domain.errors import EditRefusedError
    from offsite.services.changes import Kind, update_fields
    from offsite.services.plans import read_plan

    metric = read_plan(demo_plan).objectives[0].metrics[0]
    with pytest.raises(EditRefusedError, match="yes or no"):
        update_fields(demo_plan, Kind.METRIC, metric.id, {"shared": "false"})
    leader = read_plan(demo_plan).leaders[0]
    with pytest.raises(EditRefusedError, match="must name a team"):
        update_fields(demo_plan, Kind.LEADER, leader.id, {"team_id": True})
    assert read_plan(demo_plan).objectives[0].metrics[0].shared is False


def test_check_finds_a_merge_record_no_merge_could_have_written(demo_plan: PlanFile) -> None:
    path = demo_plan.path
    demo_plan.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE merge_record SET action = 'borrowed'")
    connection.close()
    result = check_plan(path)
    assert result.problems == ("A merge record holds an unknown outcome “borrowed”.",)

"""The plan's shape is declared once (``store/document/data.py``): what a user edits by the one verb,
what a draft's item needs, and the columns a record is written to are read from there.

A field added to a record is editable, needed by its draft item (a reference), written and shown
by the screens' plain view, with nothing else to list; a field the declaration cannot give a rule
stops the generation of the resource below, rather than being silently left out. What the verbs
and the plain view need of the declaration is generated from it (``columns.json``), so neither
loads pydantic; the resource is checked here against the declaration. A damaged id says the same
words whichever reader meets it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from offsite.domain import rules
from offsite.domain.drafting import items_of
from offsite.domain.errors import NotAPlanError
from offsite.domain.values import Kind, MetricView, ObjectiveView
from offsite.services.changes import _REFERENCED, EDITABLE
from offsite.services.plans import open_plan, read_plan
from offsite.store import PlanFile
from offsite.store.document import data, declared, view
from offsite.store.document.columns import (
    KIND_RECORDS,
    REFERENCE_RULES,
    columns_of,
    editable_columns,
    generated_text,
    stored_columns,
)
from offsite.store.document.declared import COLUMNS_PATH
from offsite.store.document.fields import Choice, Edit, Ref, Text
from offsite.store.document.registry import KIND_MODELS
from offsite.store.document.rows import RowReader


class WiderObjective(data.Objective):
    """An objective as it would be declared with one more owner and one more text."""

    sponsor: Annotated[str | None, Ref(target="Leader", nullable=True)] = Field(
        default=None, description="The leader who sponsors it."
    )
    risk: Annotated[str, Text()] = Field(default="", description="What could stop it.")


def test_every_field_a_user_edits_is_a_column_of_its_kinds_table() -> None:
    for kind, fields in EDITABLE.items():
        columns = KIND_MODELS[kind].__table__.c  # type: ignore[attr-defined]
        assert set(fields) <= set(columns.keys()), kind
    assert set(KIND_RECORDS) == set(KIND_MODELS)


def test_a_field_added_to_an_objective_is_editable_written_and_needed_with_nothing_else_listed() -> None:
    editable = editable_columns(WiderObjective)
    assert editable["sponsor_id"] == rules.LEADER_REF
    assert editable["risk"] == rules.TEXT
    assert editable.items() >= editable_columns(data.Objective).items()

    def id_of(target: str, uid: str | None) -> int | None:
        return {"leader-1": 7}[uid] if uid is not None and target == "Leader" else None

    values = dict.fromkeys(WiderObjective.model_fields) | {"statement": "Go outbound", "period": ""}
    values |= {"method": "", "origin_label": "", "sponsor": "leader-1", "risk": "Hiring"}
    columns = columns_of(WiderObjective, values, id_of)
    assert columns["sponsor_id"] == 7
    assert columns["risk"] == "Hiring"

    assert ("sponsor",) in data.needs_of(WiderObjective, ())


def test_what_a_record_holds_but_a_user_never_types_stays_out_of_the_verb() -> None:
    candidate = editable_columns(data.Candidate)
    assert {"exercise", "origin_uid", "origin_label"}.isdisjoint(candidate)
    assert candidate["smart_specific"] == rules.MAYBE_BOOL
    assert candidate["smart_timely_note"] == rules.TEXT
    assert editable_columns(data.BuyIn) == {}
    assert "parent_id" not in editable_columns(data.WhyNode)


def test_a_field_whose_kind_gives_no_rule_is_refused_until_the_declaration_says_one() -> None:
    class Chosen(data.Record):
        colour: Annotated[str, Choice(choices=("red", "blue"))] = Field(description="A colour.")

    with pytest.raises(TypeError, match=r"Chosen\.colour is edited"):
        editable_columns(Chosen)

    class Ruled(data.Record):
        colour: Annotated[str, Choice(choices=("red", "blue")), Edit(rules.SIDE)] = Field(
            description="A colour."
        )

    assert editable_columns(Ruled) == {"colour": rules.SIDE}


def test_an_objectives_draft_item_needs_every_leader_its_owners_and_metrics_name() -> None:
    metric = {"uid": "m-1", "name": "Meetings", "owner": "leader-3"}
    objective = {
        "uid": "o-1",
        "statement": "Go outbound",
        "teams": ["team-1"],
        "company_goals": ["goal-1"],
        "metrics": [metric],
        "owner": "leader-1",
        "method_owner": None,
    }
    item = items_of({"objectives": [objective]}, data.DRAFTED)["o-1"]
    assert set(item.requires) == {"team-1", "goal-1", "leader-1", "leader-3"}


def test_a_damaged_id_is_named_alike_by_the_plan_view_and_a_plain_read(
    tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "sent.offsite"
    path.write_bytes(demo_plan_bytes)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE objective SET owner_id = 'nobody' WHERE id = (SELECT min(id) FROM objective)")
    connection.commit()
    connection.close()
    with open_plan(path, readonly=True) as plan, pytest.raises(NotAPlanError) as by_view:
        read_plan(plan)
    with pytest.raises(NotAPlanError) as by_row:
        RowReader(sqlite3.connect(":memory:"), "sent.offsite").integer("nobody")
    assert "“sent.offsite” holds an id Offsite cannot read (“nobody”)" in str(by_view.value)
    assert str(by_row.value) == str(by_view.value)


# -- the generated resource: the declaration as the verbs and the plain view read it ---------------


def test_the_generated_columns_are_those_the_declaration_says() -> None:
    assert COLUMNS_PATH.read_text(encoding="utf-8") == generated_text(), (
        "The plan's declaration changed: run `python -m offsite.store.document.columns --write` "
        "and commit src/offsite/store/document/columns.json."
    )


def test_the_edit_verb_holds_each_field_to_the_rule_its_declaration_gives() -> None:
    assert {kind: editable_columns(record) for kind, record in KIND_RECORDS.items()} == EDITABLE
    named = {
        rule: next(k for k, r in KIND_RECORDS.items() if r.__name__ == t)
        for t, rule in REFERENCE_RULES.items()
    }
    assert (
        named
        == _REFERENCED
        == {
            rules.LEADER_REF: Kind.LEADER,
            rules.TEAM_REF: Kind.TEAM,
            rules.OBJECTIVE_REF: Kind.OBJECTIVE,
            rules.METRIC_REF: Kind.METRIC,
            rules.DEFINITION_REF: Kind.DEFINITION,
        }
    )


def _selected(statements: list[str], table: str) -> set[str]:
    """The columns the SELECTs of ``statements`` read from ``table``."""
    found: set[str] = set()
    for statement in statements:
        for columns in re.findall(rf"SELECT (.+?) FROM {table}\b(?!_)", statement):
            found.update(c.strip() for c in columns.split(","))
    return found


def test_every_column_the_plan_view_reads_of_an_objective_or_metric_is_one_its_record_declares(
    demo_plan: PlanFile,
) -> None:
    statements: list[str] = []
    with demo_plan.rows_snapshot():
        with demo_plan.read_rows() as rows:
            rows.set_trace_callback(statements.append)
        whole = read_plan(demo_plan)
    assert whole.objectives
    assert whole.objectives[0].metrics
    for table, shown in (("objective", ObjectiveView), ("metric", MetricView)):
        stored = declared.stored(table)
        fields = {f.name for f in dataclasses.fields(shown)}
        selected = _selected(statements, table)
        # Read: each column its record declares that its view shows; and the row's ids, nothing else.
        assert selected == (fields & stored.keys()) | ({"id", "objective_id"} & fields), table
        assert {"statement", "owner_id"} <= selected or {"name", "direction"} <= selected


def test_the_plan_view_names_no_column_of_a_declared_record_but_its_ids() -> None:
    source = Path(view.__file__).read_text(encoding="utf-8")
    for table in declared.tables():
        for columns in re.findall(rf"SELECT ([^\"]+?) FROM {table}\b(?!_)", source):
            # Ids, display positions (the order of the lists, no field of a record) and counts of rows
            # only: every column a record declares is read through the declaration.
            allowed = {"id", "objective_id", "position", "COUNT(*)"}
            assert {c.strip() for c in columns.split(",")} <= allowed, (table, columns)


@dataclasses.dataclass(frozen=True, slots=True)
class WiderObjectiveView(ObjectiveView):
    """The objective's view, with the field the wider objective adds."""

    risk: str = ""


def test_a_field_declared_on_an_objective_is_read_into_its_view_by_name_and_checked(
    tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "wider.offsite"
    path.write_bytes(demo_plan_bytes)
    connection = sqlite3.connect(path)
    connection.execute("ALTER TABLE objective ADD COLUMN risk TEXT NOT NULL DEFAULT ''")
    connection.execute("UPDATE objective SET risk = 'Hiring' WHERE id = (SELECT min(id) FROM objective)")
    columns = [row[1] for row in connection.execute("PRAGMA table_info(objective)")]
    stored = stored_columns(WiderObjective, columns)  # what ``--write`` would put in columns.json
    assert stored == {**declared.stored("objective"), "risk": "text"}  # sponsor_id: no column yet
    given = ("team_ids", "goal_ids", "metrics", "merged_from")
    wider = view._Rows("objective", WiderObjectiveView, ("id",), given, stored)
    reader = view._Reader(connection, "wider.offsite")
    reader.sound("objective", "id", None, wider.types)
    read = [wider.value(reader, row, ((), (), (), ())) for row in connection.execute(wider.select)]
    assert read[0].risk == "Hiring"
    assert read[0].statement
    assert {o.risk for o in read[1:]} == {""}

    connection.execute("UPDATE objective SET risk = x'00ff' WHERE id = (SELECT min(id) FROM objective)")
    with pytest.raises(NotAPlanError) as refused:
        reader.sound("objective", "id", None, wider.types)
    assert "“wider.offsite” holds a text Offsite cannot read (“binary data”)" in str(refused.value)
    connection.close()


_IMPORTS = """
import json, sys
import offsite.services.changes, offsite.store.document.view
heavy = ("pydantic", "pydantic_core", "offsite.store.document.data")
print(json.dumps(sorted(m for m in sys.modules if m in heavy or m.split(".")[0] in heavy)))
"""


def test_the_edit_verbs_and_the_plan_view_load_without_the_declarations_pydantic() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTS], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert json.loads(result.stdout) == []

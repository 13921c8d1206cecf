"""The plan's shape is declared once (``store/document/data.py``): what a user edits by the one verb,
what a draft's item needs, and the columns a record is written to are read from there.

A field added to a record is editable, needed by its draft item (a reference) and written, with
nothing else to list; a field the declaration cannot give a rule stops the program at import,
rather than being silently left out. A damaged id says the same words whichever reader meets it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from offsite.domain import rules
from offsite.domain.drafting import items_of
from offsite.domain.errors import NotAPlanError
from offsite.services.changes import EDITABLE
from offsite.services.plans import open_plan, read_plan
from offsite.store.document import data
from offsite.store.document.columns import columns_of, editable_columns
from offsite.store.document.fields import Choice, Edit, Ref, Text
from offsite.store.document.registry import KIND_MODELS, KIND_RECORDS
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

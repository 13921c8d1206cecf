"""The agenda in the interchange document: exported, imported losslessly, checked, not signed."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from offsite.domain.errors import ImportFormatError
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.interchange import export_document, import_json, json_schema, write_json
from offsite.services.agenda import read_agenda, start_item
from offsite.store.document import signed_content

T0 = dt.datetime(2027, 1, 14, 9, 20, 5, 123456)


def _write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_agenda_round_trips_losslessly_and_is_not_signed(tmp_path: Path) -> None:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    try:
        start_item(plan, read_agenda(plan).items[1].id, at=T0)
        before = read_agenda(plan)
        signed = signed_content(plan)
        first = write_json(plan, tmp_path / "first.json")
    finally:
        plan.close()
    document = json.loads(first.read_text(encoding="utf-8"))
    jsonschema.validate(document, json_schema())
    assert document["agenda"]["day"] == {
        "starts_at": "09:00",
        "current_item_uid": before.items[1].uid,
        "item_started_at": "2027-01-14T09:20:05.123456Z",
    }
    assert [i["minutes"] for i in document["agenda"]["items"]] == [20, 45, 40, 60, 45, 90, 60, 60]
    assert "agenda" not in signed
    imported = import_json(first, tmp_path / "imported.offsite")
    try:
        after = read_agenda(imported)
        second = write_json(imported, tmp_path / "second.json")
    finally:
        imported.close()
    assert [(i.uid, i.title, i.minutes, i.view) for i in after.items] == [
        (i.uid, i.title, i.minutes, i.view) for i in before.items
    ]
    assert (after.day_start, after.current, after.started_at) == (before.day_start, after.items[1], T0)
    strip = ("exported_at",)
    assert {k: v for k, v in json.loads(second.read_text("utf-8")).items() if k not in strip} == {
        k: v for k, v in document.items() if k not in strip
    }


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda a: a["items"][0].update(view="lunch"),
            r"is no screen; use a phase \(prepare, brainstorm, plan, agreements,",
        ),
        (lambda a: a["items"][0].update(minutes=0), "minutes"),
        (lambda a: a["day"].update(starts_at="9am"), "HH:MM"),
        (lambda a: a["day"].update(starts_at="25:00"), "no time of day"),
        (lambda a: a["day"].update(current_item_uid=a["items"][0]["uid"]), "both or neither"),
        (
            lambda a: a["day"].update(
                current_item_uid="0f8fad5b-d9cb-469f-a165-70867728950e",
                item_started_at="2027-01-14T09:00:00Z",
            ),
            "agenda item",
        ),
    ],
)
def test_a_broken_agenda_is_refused_in_words(tmp_path: Path, change: Any, words: str) -> None:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    try:
        document = export_document(plan)
    finally:
        plan.close()
    broken = copy.deepcopy(document)
    change(broken["agenda"])
    with pytest.raises(ImportFormatError, match=words):
        import_json(_write(broken, tmp_path / "broken.json"), tmp_path / "broken.offsite")

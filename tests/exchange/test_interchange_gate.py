"""The import's native gate lets through no value the field-by-field checks would refuse, and a
valid plan's import runs those checks on none of its values: the work does not grow with each value."""

from __future__ import annotations

import json
import sys
import typing
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from offsite.domain import rules
from offsite.domain.errors import ImportFormatError
from offsite.domain.rules import MAX_TEXT, document_faults
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.interchange import export_document, import_json, read_document, write_json
from offsite.exchange.interchange.gate import gate_schema
from offsite.exchange.interchange.validate import field_problem, passes_quickly
from offsite.services.generated import make_plan
from offsite.store.document import fields
from offsite.store.document.data import Document, Record

UID = "0f8fad5b-d9cb-469f-a165-70867728950e"
OTHER_UID = "1f8fad5b-d9cb-469f-a165-70867728950e"

#: Values of every kind, and just beyond each kind's and each rule's edges.
VALUES: list[Any] = [
    *("", "x", "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "a\x00b", "a\ud800b", "🙂 Zürich", " ", "\n"),
    *(None, True, False, 0, 1, -1, 5, 6, 99, 100, 101, 1440, 1441, 2**53, 2**53 + 1, -(2**70)),
    *(0.0, 0.5, 3.0, -0.5, 100.5, 1e308, 10**309, float("inf"), float("nan")),
    *([], [""], ["x"], ["x", 1], [1], [1.5, 2], [-1], [0, 100], [True], [UID], [UID, UID], [UID, OTHER_UID]),
    *({}, {"value": True, "note": ""}),
    *(UID, UID.upper(), UID + "\n", " " + UID, UID[:-1]),
    *("up", "down", "UP", "agreed", "played", "real", "goal", "plan", "prepare", "brainstorm:Work back"),
    *("2027-02-28", "2027-02-29", "2028-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "0001-01-01"),
    *("2027-1-1", "2027-01-01\n", "2027-01-15 ", 7.0),
    "2027-01-15T09:00:00Z",
    "2027-01-15T09:00:00.000000Z",
    "2027-01-15T09:00:00.1234567Z",
    "2027-01-15T24:00:00Z",
    "2027-01-15T09:00:60Z",
    "2027-02-30T09:00:00Z",
    "2027-01-15T09:00:00+24:00",
    "2027-01-15T09:00:00+02:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "2027-01-15T09:00:00",
    "2027-01-15 09:00:00Z",
    *("offsite-plan", 7, 8, "0" * 64, "A" * 64, f"funnel:{UID}", f"vote:{UID}:{OTHER_UID}", "09:00"),
]


def _full_checks_accept(document: dict[str, Any]) -> bool:
    """Whether the field-by-field checks accept it: the data classes' kinds, the identities, the typing rules."""
    return field_problem(document) is None and not document_faults(document)


def _records(value: Any, model: type[Record]) -> Iterator[tuple[type[Record], dict[str, Any]]]:
    """Every record in ``value`` (a record of ``model``) with its class, the record first."""
    yield model, value
    for name, info in model.model_fields.items():
        held, parts = value[name], typing.get_args(info.annotation) or (info.annotation,)
        for record in (p for p in parts if isinstance(p, type) and issubclass(p, Record)):
            for item in held if isinstance(held, list) else [held] if held is not None else []:
                yield from _records(item, record)


def _with_references_kept(document: dict[str, Any]) -> dict[str, Any]:
    """The document with each reference naming the first record of its kind, which every list keeps."""
    found = list(_records(document, Document))
    first: dict[str, str] = {}
    for model, record in found:
        if "uid" in record:
            first.setdefault(model.__name__, record["uid"])
    for model, record in found:
        for name, info in model.model_fields.items():
            kind = next((m for m in info.metadata if isinstance(m, fields.Kind)), None)
            if isinstance(kind, fields.Ref) and record[name] is not None:
                record[name] = first[kind.target]
            elif isinstance(kind, fields.Refs):
                record[name] = record[name][:1] and [first[kind.target]]
    return document


def _leaves(value: Any, place: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The place of every field: a list of values counts as one field."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*place, key)
            yield from _leaves(item, (*place, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield from _leaves(item, (*place, index))


def _at(document: dict[str, Any], place: tuple[Any, ...]) -> Any:
    held: Any = document
    for part in place:
        held = held[part]
    return held


def _first_of_each(value: Any) -> Any:
    """A copy of ``value`` whose lists of records keep their first record only."""
    if isinstance(value, dict):
        return {key: _first_of_each(item) for key, item in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_first_of_each(value[0])]
    return list(value) if isinstance(value, list) else value


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with write_demo_plan(tmp_path_factory.mktemp("gate") / "demo.offsite") as plan:
        return export_document(plan)


@pytest.fixture
def every_record(demo_document: dict[str, Any]) -> dict[str, Any]:
    """Each kind of record once: the demo plan's first of each, and the records the demo lacks."""
    document: dict[str, Any] = _first_of_each(demo_document)
    moment = "2027-01-15T09:00:00.000000Z"
    document["parking_lot"] = [
        {
            "uid": str(uuid.uuid4()),
            "text": "Pricing page",
            "raised_at": moment,
            "raised_in": "Ask why",
            "resolved_at": moment,
            "resolution": "Later",
            "candidate_uid": None,
        }
    ]
    document["dismissed_suggestions"] = [{"uid": str(uuid.uuid4()), "first": UID, "second": OTHER_UID}]
    document["drafting"]["draft"] = {
        "uid": str(uuid.uuid4()),
        "plan_uid": None,
        "plan_title": "",
        "leader_uid": UID,
        "leader_name": "Maya",
        "made_at": moment,
        "revision": 3,
        "bases": [{"item_key": UID, "fingerprint": "0" * 64}],
    }
    version = document["versions"][0]
    version["reopening"] = {"uid": str(uuid.uuid4()), "by": "Dana", "at": moment, "reason": "A typo"}
    version["withdrawals"] = [
        {**version["signatures"][0], "uid": str(uuid.uuid4()), "signature_uid": UID, "withdrawn_at": moment}
    ]
    document["objectives"][0]["merged_from"] = [
        {
            "uid": str(uuid.uuid4()),
            "origin_uid": UID,
            "label": "Sales",
            "origin_candidate_uid": None,
            "origin_label": "",
        }
    ]
    metric = document["objectives"][0]["metrics"][0]["uid"]
    objective = document["objectives"][0]["uid"]
    leader = document["leaders"][0]["uid"]
    document["check_ins"] = [
        {
            "uid": str(uuid.uuid4()),
            "metric": metric,
            "as_of": "2027-02-05",
            "value": 41.5,
            "confidence": 7,
            "note": "Two sequences live",
            "leader": leader,
            "by_name": "",
            "source": "",
            "recorded_at": moment,
        }
    ]
    document["import_mappings"] = [
        {
            "uid": str(uuid.uuid4()),
            "name": "HubSpot deals",
            "layout": "records",
            "metric_column": "",
            "date_column": "Close Date",
            "value_column": "Amount",
            "note_column": "",
            "owner_column": "Deal Owner",
            "metric": metric,
            "aggregate": "sum",
            "period": "month",
            "cumulative": True,
            "decimal": "point",
            "dates": "month_first",
            "filters": [{"column": "Deal Stage", "values": ["Closed Won"]}],
            "aliases": [{"label": "Won", "metric": metric}],
        }
    ]
    document["objective_reviews"] = [
        {
            "uid": str(uuid.uuid4()),
            "objective": objective,
            "period": "2027-Q1",
            "score": 0.6,
            "reason": "Two deals slipped",
            "worked": "Sequences",
            "did_not_work": "Events",
            "decision": "keep",
            "reviewed_at": moment,
        }
    ]
    document["wins"] = [
        {
            "uid": str(uuid.uuid4()),
            "on": "2027-03-02",
            "text": "First outbound enterprise deal",
            "thanks": "Priya",
            "objective": objective,
            "recorded_at": moment,
        }
    ]
    document["alignment_readings"] = [
        {
            "uid": str(uuid.uuid4()),
            "period": "2027-Q1",
            "evidence": 72,
            "self_rating": 3.8,
            "taken_at": moment,
        }
    ]
    document["previous_cycle"] = {
        "plan_uid": OTHER_UID,
        "title": "Offsite 2026",
        "fingerprint": "0" * 64,
        "file_name": "offsite-2026.offsite",
        "started_at": moment,
    }
    document["agreements"] = [
        {
            "uid": str(uuid.uuid4()),
            "kind": "hand_off",
            "title": "Demo request",
            "team": document["teams"][0]["uid"],
            "owner": leader,
            "message": "",
            "trigger": "",
            "route": "Round-robin to SDRs",
            "service_level": "Within 4 hours",
            "on_miss": "Manager alerted",
            "consulted": "",
            "why": "",
            "reward": "",
            "cadence": "quarterly",
            "metric": metric,
            "definition": document["definitions"][0]["uid"],
            "objective": objective,
            "stances": [
                {
                    "uid": str(uuid.uuid4()),
                    "leader": leader,
                    "stance": "agreed",
                    "comment": "Yes",
                    "recorded_at": moment,
                }
            ],
        }
    ]
    for place in _leaves(document):
        assert _at(document, place) != [] or place[-1] in ("nodes", "company_goals"), place
    return _with_references_kept(document)


def test_the_gate_lets_through_no_value_the_kinds_or_the_typing_rules_refuse(
    every_record: dict[str, Any],
) -> None:
    document = every_record
    assert passes_quickly(document)  # a sound document takes the quick way
    assert _full_checks_accept(document)
    let_through: list[tuple[tuple[Any, ...], Any]] = []
    for place in list(_leaves(document)):
        parent, key = _at(document, place[:-1]), place[-1]
        kept = parent[key]
        for value in VALUES:
            parent[key] = value
            if passes_quickly(document) and not _full_checks_accept(document):
                let_through.append((place, value))
        del parent[key]
        if passes_quickly(document) and not _full_checks_accept(document):
            let_through.append((place, "(left out)"))
        parent[key] = kept
        parent["unknown"] = 1
        if passes_quickly(document):
            let_through.append((place[:-1], "an unknown field"))
        del parent["unknown"]
    assert let_through == [], let_through


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["leaders"][1].update(uid=d["leaders"][0]["uid"]), "leaders[1].uid repeats the uid of"),
        (lambda d: d["buy_in"][2].update(leader=UID), "buy_in[2].leader names a leader"),
        (lambda d: d["objectives"][0].update(teams=[d["teams"][0]["uid"]] * 2), "names the same team twice"),
        (lambda d: d["themes"][0].update(nodes=[UID]), "themes[0].nodes[0] names a statement"),
        (lambda d: d["why_chains"][3].update(team=d["leaders"][0]["uid"]), "why_chains[3].team names a team"),
    ],
)
def test_the_identity_pass_sends_every_repeated_or_dangling_uid_to_the_full_checks(
    demo_document: dict[str, Any], change: Any, problem: str
) -> None:
    document: dict[str, Any] = json.loads(json.dumps(demo_document))
    assert passes_quickly(document)
    assert field_problem(document) is None
    change(document)
    assert not passes_quickly(document)
    assert problem in str(field_problem(document))


def test_the_gate_holds_every_field_to_the_rule_typing_keeps_for_it() -> None:
    """Every rule of domain.rules for a document's field has a native check; a rule it could not
    state stops the gate from being built (GateError), rather than letting values through."""
    gate_schema()  # builds: every kind and every rule found its native check
    rules_checked = {(place, name) for place, name, _ in rules.document_rules()}
    assert (("funnels",), "win_rate") in rules_checked  # a percentage, which no kind bounds
    assert (("candidates", "smart", "*"), "value") in rules_checked


@contextmanager
def _value_checks_counted() -> Iterator[list[str]]:
    """Every call of a kind's check or of the typing rules' document check while the block runs."""
    watched = {fields.Kind.validate.__code__, document_faults.__code__}
    calls: list[str] = []

    def count(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code in watched:
            calls.append(frame.f_code.co_name)

    sys.setprofile(count)
    try:
        yield calls
    finally:
        sys.setprofile(None)


def test_a_valid_plans_import_checks_no_value_one_by_one_in_python(tmp_path: Path) -> None:
    with make_plan(tmp_path / "plan.offsite", objectives=200, leaders=6, teams=4) as plan:
        source = write_json(plan, tmp_path / "plan.json")
    with _value_checks_counted() as calls:
        import_json(source, tmp_path / "imported.offsite").close()
    assert calls == []


def test_a_document_the_gate_refuses_is_refused_in_the_words_of_the_full_checks(tmp_path: Path) -> None:
    with make_plan(tmp_path / "plan.offsite", objectives=20, leaders=6, teams=4) as plan:
        source = write_json(plan, tmp_path / "plan.json")
    document = json.loads(source.read_text(encoding="utf-8"))
    document["objectives"][3]["metrics"][0]["baseline"] = "12"
    source.write_text(json.dumps(document), encoding="utf-8")
    with _value_checks_counted() as calls, pytest.raises(ImportFormatError) as refused:
        read_document(source)
    assert str(refused.value) == (
        "“plan.json” cannot be imported: objectives[3].metrics[0].baseline must be a number, or null "
        'when blank, not "12". Correct the file and try again.'
    )
    assert calls  # the field-by-field checks found it and named it

"""The JSON interchange format: schema, lossless round trips, and refusals that change nothing."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import select, update
from tests.exchange.older import as_version_7

from offsite.domain.buyin import current_stances
from offsite.domain.errors import ExportError, ImportFormatError, OffsiteError, PlanSignedError
from offsite.domain.exercises import Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.fingerprint import canonical_form, fingerprint
from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Direction, Kind, Stance
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.interchange import (
    FORMAT,
    GENERATED_FIELDS,
    VERSION,
    export_document,
    import_json,
    json_schema,
    read_document,
    write_json,
)
from offsite.services.agreements import read_agreements
from offsite.services.brainstorm import (
    add_candidate,
    add_switch_item,
    add_team_goal,
    add_team_switch,
    add_theme,
    add_why_node,
    dismiss_suggestion,
    promote_candidate,
    read_brainstorm,
    set_brainstorm_settings,
    set_empathy_note,
    set_funnel,
    set_impact,
    set_smart,
    vote,
)
from offsite.services.buyin import record_stance
from offsite.services.changes import remove, update_fields
from offsite.services.objectives import add_metric, add_objective
from offsite.services.overlaps import resolve_overlap
from offsite.services.parking import park, park_to_candidate, resolve_parked
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.shortlist import set_shortlist
from offsite.services.signoff import freeze, freeze_version, sign
from offsite.store import PlanFile, create_plan_file
from offsite.store.document import SIGNED_CONTENT_KEYS, signed_content
from offsite.store.models import (
    Candidate,
    CompanyGoal,
    Leader,
    Metric,
    Objective,
    Team,
    TeamGoal,
    WhyNode,
)

SCHEMA_PATH = Path(__file__).parents[2] / "docs" / "interchange.schema.json"

NASTY = (
    "<b>bold</b> & &amp; \"quotes\" 'single' \\ backslash 🚀👩🏽‍💻 "
    "مرحبا بالعالم עברית 中文字符 日本語 한국어\nsecond line\r\nthird\ttabbed \u200f\u202e end"
)
LONG = ("Ten thousand characters of method, 🚀 & <i>markup</i>, עברית, 中文.\n" * 200)[:10_000]


def plan_content(document: dict[str, Any]) -> str:
    """The document without its generated fields, serialised exactly (so 180 and 180.0 differ)."""
    content = {key: value for key, value in document.items() if key not in GENERATED_FIELDS}
    return json.dumps(content, ensure_ascii=False, indent=2)


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(name))


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[PlanFile]:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    yield plan
    plan.close()


@pytest.fixture
def demo_document(demo: PlanFile) -> dict[str, Any]:
    return export_document(demo)


@pytest.fixture
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


# --- The published schema ----------------------------------------------------------------------


def test_published_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["buy_in"]["properties"]["stance"]["enum"] == [s.value for s in Stance]
    assert schema["$defs"]["metric"]["properties"]["direction"]["enum"] == [d.value for d in Direction]


def test_published_schema_is_the_one_the_reader_enforces(schema: dict[str, Any]) -> None:
    # The reader and the schema come from one declaration; after changing it, regenerate the file with
    # json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n" (see docs/interchange.md).
    assert schema == json_schema(), "docs/interchange.schema.json is out of date; regenerate it"


def test_demo_export_validates_against_the_schema(
    demo: PlanFile, tmp_path: Path, schema: dict[str, Any]
) -> None:
    out = write_json(demo, tmp_path / "demo.json")
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["format"] == FORMAT
    assert document["version"] == VERSION
    assert document["generator"] == "Offsite 0.2.0"
    assert document["exported_at"].endswith("Z")
    assert len(document["objectives"]) == 6
    assert len(document["buy_in"]) == 13


def test_export_never_shows_local_ids(demo_document: dict[str, Any]) -> None:
    def keys(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    assert not {k for k in keys(demo_document) if k == "id" or k.endswith("_id") or k == "position"}


def test_written_file_is_utf8_indented_and_ends_with_a_newline(demo: PlanFile, tmp_path: Path) -> None:
    out = write_json(demo, tmp_path / "demo.json")
    text = out.read_bytes().decode("utf-8")
    assert "Tomás Herrera" in text  # not escaped to \u00e1
    assert text.startswith(f'{{\n  "format": "offsite-plan",\n  "version": {VERSION},')
    assert text.endswith("}\n")
    assert '"baseline": 40,' in text  # whole numbers as a person writes them
    assert '"baseline": 4.2,' in text


# --- Lossless round trips ------------------------------------------------------------------------


def test_round_trip_gives_the_identical_document(demo: PlanFile, tmp_path: Path) -> None:
    first = write_json(demo, tmp_path / "first.json")
    imported = import_json(first, tmp_path / "imported.offsite")
    try:
        second = write_json(imported, tmp_path / "second.json")
    finally:
        imported.close()
    assert plan_content(read_document(second)) == plan_content(read_document(first))


def test_round_trip_keeps_every_uid(demo: PlanFile, demo_document: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(demo_document), encoding="utf-8")
    imported = import_json(source, tmp_path / "imported.offsite")
    try:
        with demo.read() as s:
            original = list(s.scalars(select(Team.uid).order_by(Team.position)))
        with imported.read() as s:
            kept = list(s.scalars(select(Team.uid).order_by(Team.position)))
        again = export_document(imported)
    finally:
        imported.close()
    assert kept == original
    assert again["plan"]["uid"] == demo_document["plan"]["uid"]
    assert [e["uid"] for e in again["buy_in"]] == [e["uid"] for e in demo_document["buy_in"]]
    metric_uids = [[m["uid"] for m in o["metrics"]] for o in demo_document["objectives"]]
    assert [[m["uid"] for m in o["metrics"]] for o in again["objectives"]] == metric_uids


def test_import_takes_the_display_order_from_the_lists(demo_document: dict[str, Any], tmp_path: Path) -> None:
    document = copy.deepcopy(demo_document)
    for key in ("teams", "leaders", "company_goals", "objectives"):
        document[key].reverse()
    for objective in document["objectives"]:
        objective["metrics"].reverse()
    source = tmp_path / "reversed.json"
    source.write_text(json.dumps(document), encoding="utf-8")

    imported = import_json(source, tmp_path / "reversed.offsite")
    try:
        again = export_document(imported)
        view = read_plan(imported)
    finally:
        imported.close()
    for key in ("teams", "leaders", "company_goals", "objectives"):
        assert [item["uid"] for item in again[key]] == [item["uid"] for item in document[key]], key
    assert [[m["uid"] for m in o["metrics"]] for o in again["objectives"]] == [
        [m["uid"] for m in o["metrics"]] for o in document["objectives"]
    ]
    assert [t.name for t in view.teams] == ["RevOps", "Customer Success", "Marketing", "Sales"]
    assert view.objectives[0].statement == "Own the category"


def test_a_stance_recorded_on_a_clock_behind_stays_current_through_export_and_import(tmp_path: Path) -> None:
    plan = create_plan(tmp_path / "plan.offsite", "Offsite")
    try:
        sales = add_team(plan, "Sales").id
        maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
        objective = add_objective(plan, "Go outbound", [sales]).id
        record_stance(plan, objective, maya, Stance.AGREED, at=dt.datetime(2027, 1, 14, 10, 0))
        record_stance(
            plan, objective, maya, Stance.DECLINED, "Budget cut.", at=dt.datetime(2026, 12, 6, 9, 0)
        )
        exported = write_json(plan, tmp_path / "plan.json")
    finally:
        plan.close()
    listed = read_document(exported)["buy_in"]
    assert [(e["stance"], e["comment"]) for e in listed] == [("agreed", ""), ("declined", "Budget cut.")]

    imported = import_json(exported, tmp_path / "imported.offsite")
    try:
        view = read_plan(imported)
        again = export_document(imported)
    finally:
        imported.close()
    (current,) = current_stances(view.stances).values()
    assert (current.stance, current.comment) == (Stance.DECLINED, "Budget cut.")
    assert [e["uid"] for e in again["buy_in"]] == [e["uid"] for e in listed]


def test_nasty_text_and_awkward_numbers_round_trip_exactly(tmp_path: Path) -> None:
    plan = create_plan(tmp_path / "nasty.offsite", NASTY)
    try:
        update_plan_details(plan, venue=NASTY, horizon="", vision=LONG, starts_on=dt.date(1, 1, 1))
        team = add_team(plan, NASTY).id
        leader = add_leader(plan, "عائشة 🚀", NASTY, team).id
        add_leader(plan, "No team", "")
        goal = add_company_goal(plan, NASTY, baseline=0.1 + 0.2, target=-1e300, unit="<%>", due=None).id
        objective = add_objective(plan, NASTY, [team], period="\n", method=LONG, goal_ids=[goal]).id
        add_metric(
            plan,
            objective,
            NASTY,
            unit="&",
            baseline=None,
            target=2**60,
            direction=Direction.DOWN,
            due=dt.date(9999, 12, 31),
            data_source=LONG,
            customer_centric=True,
        )
        same_moment = dt.datetime(2027, 1, 14, 10, 0, 0, 123456)
        record_stance(plan, objective, leader, Stance.CHANGES_REQUESTED, LONG, at=same_moment)
        record_stance(plan, objective, leader, Stance.AGREED, NASTY, at=same_moment)
        first = write_json(plan, tmp_path / "nasty.json")
        before = read_plan(plan)
    finally:
        plan.close()

    imported = import_json(first, tmp_path / "copy.offsite")
    try:
        second = write_json(imported, tmp_path / "copy.json")
        after = read_plan(imported)
    finally:
        imported.close()
    assert plan_content(read_document(second)) == plan_content(read_document(first))
    assert after.details == before.details
    assert len(LONG) == 10_000
    assert after.details.vision == LONG
    assert after.teams[0].name == NASTY
    assert after.goals[0].baseline == 0.1 + 0.2
    assert after.goals[0].target == -1e300
    assert after.objectives[0].method == LONG
    assert after.objectives[0].metrics[0].target == 2**60
    assert after.leaders[1].team_id is None
    # Two stances at the same moment keep their order, so the later one stays current.
    history = [(e.stance, e.comment) for e in after.stances]
    assert history == [(Stance.CHANGES_REQUESTED, LONG), (Stance.AGREED, NASTY)]


def test_a_document_written_by_another_tool_imports(tmp_path: Path) -> None:
    team, objective, leader = (str(uuid.uuid4()) for _ in range(3))
    document = {
        "format": FORMAT,
        "version": 1,
        "plan": {
            "uid": str(uuid.uuid4()),
            "title": "From a script",
            "starts_on": None,
            "ends_on": None,
            "venue": "",
            "horizon": "",
            "vision": "",
        },
        "teams": [{"uid": team, "name": "Sales"}],
        "leaders": [{"uid": leader, "name": "Ana", "title": "", "team": team}],
        "company_goals": [],
        "objectives": [
            {
                "uid": objective,
                "statement": "Go outbound",
                "period": "",
                "method": "",
                "teams": [team],
                "company_goals": [],
                "metrics": [],
            }
        ],
        "buy_in": [
            {
                "uid": str(uuid.uuid4()),
                "objective": objective,
                "leader": leader,
                "stance": "agreed",
                "comment": "",
                "recorded_at": "2027-01-14T12:00:00+02:00",
            }
        ],
    }
    source = tmp_path / "script.json"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode("utf-8"))  # with a byte-order mark

    imported = import_json(source, tmp_path / "script.offsite")
    try:
        again = export_document(imported)
    finally:
        imported.close()
    assert again["buy_in"][0]["recorded_at"] == "2027-01-14T10:00:00.000000Z"  # converted to UTC
    assert again["objectives"][0]["teams"] == [team]


# --- Refusals that leave nothing behind ------------------------------------------------------------


Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete_venue(document: dict[str, Any]) -> None:
    del document["plan"]["venue"]


def _repeat_team_uid(document: dict[str, Any]) -> None:
    document["teams"][1]["uid"] = document["teams"][0]["uid"]


def _unknown_field(document: dict[str, Any]) -> None:
    document["teams"][0]["colour"] = "blue"


DANGLING = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

#: (mutation, what the message must say, whether the JSON Schema alone catches it too)
MALFORMED: dict[str, tuple[Mutation, str, bool]] = {
    "wrong format": (_set("format", "trello-board"), "is not an Offsite plan export", True),
    "newer version": (_set("version", VERSION + 1), "newer Offsite", True),
    "dangling team reference": (
        _set("objectives.0.teams.0", DANGLING),
        "objectives[0].teams[0] names a team",
        False,
    ),
    "dangling leader reference": (
        _set("buy_in.3.leader", DANGLING),
        "buy_in[3].leader names a leader",
        False,
    ),
    "bad stance": (_set("buy_in.0.stance", "maybe"), "buy_in[0].stance must be one of pending", True),
    "bad direction": (_set("objectives.1.metrics.0.direction", "sideways"), "must be one of up, down", True),
    "target as a string": (
        _set("objectives.2.metrics.0.target", "3.0"),
        "objectives[2].metrics[0].target must be a number",
        True,
    ),
    "duplicate uid": (_repeat_team_uid, "teams[1].uid repeats the uid of teams[0]", False),
    "text with NUL": (_set("plan.title", "Offsite\x002027"), "plan.title contains a NUL character", True),
    "missing field": (_delete_venue, "plan.venue is missing", True),
    "unknown field": (_unknown_field, "teams[0] has an unknown field “colour”", True),
    "impossible date": (
        _set("company_goals.0.due", "2027-02-30"),
        "company_goals[0].due is not a real date",
        False,
    ),
    "date in another form": (_set("plan.starts_on", "14/01/2027"), "plan.starts_on must be a date", True),
    "uid not a uuid": (_set("leaders.0.uid", "maya"), "leaders[0].uid must be a uid", True),
    "boolean as text": (_set("objectives.0.metrics.0.shared", "yes"), "must be true or false", True),
    "list is an object": (_set("teams", {}), "teams must be a list", True),
    "lone surrogate": (
        _set("leaders.0.name", "Maya \ud83d"),
        "leaders[0].name contains a broken character",
        False,
    ),
    "number too large": (
        _set("company_goals.0.target", 10**400),
        "company_goals[0].target is too large",
        False,
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_document_is_refused_with_a_sentence_and_leaves_no_plan(
    case: str, demo_document: dict[str, Any], tmp_path: Path, schema: dict[str, Any]
) -> None:
    mutate, expected, schema_catches = MALFORMED[case]
    document = copy.deepcopy(demo_document)
    mutate(document)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document), encoding="utf-8")  # ASCII, so a lone surrogate can be written

    with pytest.raises(ImportFormatError) as refused:
        import_json(source, tmp_path / "new.offsite")

    message = str(refused.value)
    assert expected in message
    assert message.startswith("“bad.json”")
    assert message.endswith(".")
    assert leftovers(tmp_path, "new.offsite") == []
    # The published schema agrees with the reader wherever a schema can say it.
    assert jsonschema.Draft202012Validator(schema).is_valid(document) is not schema_catches


RAW: dict[str, tuple[bytes, str]] = {
    "not JSON": (b'{"format": "offsite-plan", "version": 1, "plan": {', "is not valid JSON (line 1"),
    "not UTF-8": ('{"format": "offsite-plan", "title": "Tomás"}'.encode("latin-1"), "is not UTF-8 text"),
    "empty file": (b"", "is empty"),
    "JSON but a list": (b"[1, 2, 3]", "is JSON but not an Offsite plan export"),
    "NaN as a number": (b'{"format": "offsite-plan", "version": 1, "x": NaN}', "NaN, which is not a number"),
    "repeated key": (b'{"format": "offsite-plan", "format": "x"}', "names the field “format” twice"),
    "no format": (b'{"version": 1}', "it has no “format” field"),
    "version as text": (b'{"format": "offsite-plan", "version": "1"}', "has no valid format version"),
    "nested deeply": (b"[" * 100_000 + b"]" * 100_000, "nested far too deeply"),
}


@pytest.mark.parametrize("case", RAW)
def test_unreadable_file_is_refused_with_a_sentence_and_leaves_no_plan(case: str, tmp_path: Path) -> None:
    data, expected = RAW[case]
    source = tmp_path / "bad.json"
    source.write_bytes(data)
    with pytest.raises(ImportFormatError) as refused:
        import_json(source, tmp_path / "new.offsite")
    assert expected in str(refused.value)
    assert leftovers(tmp_path, "new.offsite") == []


def test_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"“gone\.json” does not exist"):
        read_document(tmp_path / "gone.json")


def test_newer_version_says_to_update(demo_document: dict[str, Any], tmp_path: Path) -> None:
    # A newer document may carry fields this reader has never heard of: the version is what it reports.
    document = {**demo_document, "version": VERSION + 1, "sign_offs": []}
    source = tmp_path / "future.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="update Offsite to import it"):
        read_document(source)


def test_import_refuses_an_existing_destination_and_leaves_it_unchanged(
    demo: PlanFile, tmp_path: Path
) -> None:
    source = write_json(demo, tmp_path / "demo.json")
    destination = tmp_path / "precious.offsite"
    destination.write_bytes(b"the only copy of something precious\x00\xff")
    before = destination.read_bytes()

    with pytest.raises(OffsiteError, match="already exists"):
        import_json(source, destination)

    assert destination.read_bytes() == before
    assert leftovers(tmp_path, "precious.offsite") == ["precious.offsite"]


def test_import_refuses_an_existing_plan_file(demo: PlanFile, tmp_path: Path) -> None:
    source = write_json(demo, tmp_path / "demo.json")
    before = demo.path.read_bytes()
    with pytest.raises(OffsiteError, match="already exists"):
        import_json(source, demo.path)
    assert demo.path.read_bytes() == before


def test_import_refuses_a_missing_folder(demo: PlanFile, tmp_path: Path) -> None:
    source = write_json(demo, tmp_path / "demo.json")
    with pytest.raises(OffsiteError, match="folder"):
        import_json(source, tmp_path / "no such folder" / "new.offsite")


# --- Writing whole or not at all ---------------------------------------------------------------------


def test_write_json_replaces_an_earlier_export_and_leaves_no_temporary_file(
    demo: PlanFile, tmp_path: Path
) -> None:
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert write_json(demo, out) == out
    assert read_document(out)["plan"]["title"] == "Sales & Marketing Offsite 2027"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".json", ".tmp")) == ["plan.json"]


def test_failed_export_leaves_the_existing_output_untouched(tmp_path: Path) -> None:
    empty = create_plan_file(tmp_path / "empty.offsite")  # a file without plan details cannot be exported
    out = tmp_path / "plan.json"
    out.write_bytes(b'{"an": "earlier export"}\n')
    try:
        with pytest.raises(ExportError, match="holds no plan details"):
            write_json(empty, out)
    finally:
        empty.close()
    assert out.read_bytes() == b'{"an": "earlier export"}\n'


def test_damaged_plan_is_refused_rather_than_exported_unimportable(demo: PlanFile, tmp_path: Path) -> None:
    with demo.write() as session:  # as a damaged file or another program might leave it
        damaged = update(Metric).where(Metric.name == "Time to first touch").values(direction="sideways")
        session.execute(damaged)
    out = tmp_path / "plan.json"
    out.write_bytes(b'{"an": "earlier export"}\n')
    with pytest.raises(ExportError) as refused:
        write_json(demo, out)
    assert "objectives[4].metrics[2].direction must be one of up, down" in str(refused.value)
    assert out.read_bytes() == b'{"an": "earlier export"}\n'


def test_export_to_a_missing_folder_is_refused(demo: PlanFile, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_json(demo, tmp_path / "nowhere" / "plan.json")


_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    from offsite.domain.errors import OffsiteError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    {prepare}
    resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
    try:
        {act}
    except OffsiteError as error:
        print(type(error).__name__, error)
        sys.exit(3)
    """
)


def _run_with_file_size_limit(prepare: str, act: str, limit: int) -> subprocess.CompletedProcess[str]:
    script = _LIMITED.format(prepare=prepare, act=act, limit=limit)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses RLIMIT_FSIZE to make writes fail")
def test_write_json_failing_midway_leaves_the_existing_output_untouched(
    demo: PlanFile, tmp_path: Path
) -> None:
    demo.close()
    out = tmp_path / "plan.json"
    out.write_bytes(b'{"an": "earlier export"}\n')
    done = _run_with_file_size_limit(
        prepare=(
            "from offsite.services.plans import open_plan\n"
            "from offsite.exchange.interchange import export_document, write_json\n"
            f"plan = open_plan({str(demo.path)!r})\n"
            "export_document(plan)  # the plan's own -shm file is sized before the limit"
        ),
        act=f"write_json(plan, {str(out)!r})",
        limit=4096,
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("ExportError"), done.stdout
    assert "is unchanged" in done.stdout
    assert out.read_bytes() == b'{"an": "earlier export"}\n'
    assert sorted(p.name for p in tmp_path.iterdir() if "plan.json" in p.name) == ["plan.json"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses RLIMIT_FSIZE to make writes fail")
def test_import_failing_midway_leaves_no_plan_file(tmp_path: Path) -> None:
    big = create_plan(tmp_path / "big.offsite", "Big")
    try:
        team = add_team(big, "Sales").id
        for index in range(150):
            add_objective(big, f"Objective {index}", [team], method=LONG)
        source = write_json(big, tmp_path / "big.json")
    finally:
        big.close()
    assert source.stat().st_size > 1_000_000
    destination = tmp_path / "new.offsite"
    done = _run_with_file_size_limit(
        prepare="from offsite.exchange.interchange import import_json",
        act=f"import_json({str(source)!r}, {str(destination)!r})",
        limit=512 * 1024,  # room for the empty schema, not for 1.5 MB of objectives
    )
    assert done.returncode == 3, done.stderr
    assert "nothing was imported" in done.stdout or "disk is full" in done.stdout, done.stdout
    assert leftovers(tmp_path, "new.offsite") == []


# --- Brainstorm (version 2) -----------------------------------------------------------------------


def write_brainstorm_plan(path: Path) -> PlanFile:
    """A plan with a row of every brainstorm kind, made through the Brainstorm verbs."""
    plan = create_plan(path, "Brainstorm offsite")
    sales = add_team(plan, "Sales").id
    marketing = add_team(plan, "Marketing").id
    ana = add_leader(plan, "Ana", "VP of Sales", sales).id
    ben = add_leader(plan, "Ben", "CMO", marketing).id
    growth = add_company_goal(plan, "Grow revenue 50%", baseline=10, target=15, unit="M USD").id
    add_company_goal(plan, "Delight customers")

    missed = add_why_node(plan, sales, "We miss our targets").id
    few = add_why_node(plan, sales, "Too few meetings", missed).id
    add_why_node(plan, sales, "Nobody owns outbound 🚀", few)
    add_why_node(plan, sales, "Deals stall", missed)
    unseen = add_why_node(plan, marketing, "Leads go cold").id
    add_theme(plan, "Nobody owns the hand-off", [few, unseen])
    nodes = {n.id: n.uid for n in read_brainstorm(plan).nodes}
    dismiss_suggestion(plan, nodes[unseen], nodes[missed])

    closes = add_team_goal(
        plan, growth, "Sales closes 40 more deals", team_id=sales, target=40, unit="deals"
    ).id
    add_team_goal(plan, growth, "Book 120 meetings", team_id=sales, parent_id=closes, target=120.5)
    add_team_goal(plan, growth, "A shared pipeline review")
    set_funnel(
        plan,
        growth,
        revenue_target=5_000_000,
        average_deal_size=25_000.5,
        win_rate=25,
        sql_to_opportunity=50,
        mql_to_sql=40,
        lead_to_mql=10.5,
        quarters=["Q1 2027", "Q2 2027", "Q3 2027"],
        weights=[1, 2.5, 0],
    )

    switch = add_team_switch(plan, sales, marketing, prepare_minutes=15, present_minutes=5).id
    add_switch_item(plan, switch, SwitchSide.PLAYED, SwitchItemKind.GOAL, "More leads")
    add_switch_item(plan, switch, SwitchSide.REAL, SwitchItemKind.GOAL, "Better leads")
    played_plan = add_switch_item(plan, switch, SwitchSide.PLAYED, SwitchItemKind.PLAN, "Buy ads").id
    add_switch_item(plan, switch, SwitchSide.REAL, SwitchItemKind.PLAN, "Score leads with Sales")
    set_empathy_note(plan, switch, marketing, "They need fewer, warmer leads")
    add_team_switch(plan, marketing, sales)

    view = read_brainstorm(plan)
    item_uid = next(i.uid for w in view.switches for i in w.items if i.id == played_plan)
    goal_uid = next(g.uid for g in view.team_goals if g.id == closes)
    outbound = add_candidate(plan, "Own outbound in Sales", sales, Exercise.WHY_CHAIN, nodes[few]).id
    deals = add_candidate(plan, "Close 40 more deals", sales, Exercise.WORK_BACK, goal_uid).id
    ads = add_candidate(plan, "Agree lead scoring", marketing, Exercise.TEAM_SWITCH, item_uid).id
    add_candidate(plan, "A shared CRM", None, detail="From the hallway")
    set_smart(plan, outbound, SmartCriterion.SPECIFIC, True, "Clear owner")
    set_smart(plan, outbound, SmartCriterion.MEASURABLE, False, "No number yet")
    set_smart(plan, deals, SmartCriterion.TIMELY, True)
    set_impact(plan, outbound, 5)
    set_impact(plan, ads, 2)
    set_brainstorm_settings(plan, dot_budget=5, top_n=2)
    vote(plan, ben, outbound, 2)
    vote(plan, ana, deals, 3)
    vote(plan, ana, outbound, 2)
    vote(plan, ben, ads, 1)
    promote_candidate(plan, outbound, period="Q1 2027")
    return plan


def brainstorm_by_uid(plan: PlanFile) -> dict[str, Any]:
    """read_brainstorm with every local id replaced by the uid it stands for."""
    view = read_brainstorm(plan)
    with plan.read() as s:
        uid: dict[type[Any], dict[int | None, str | None]] = {
            model: {**{row.id: row.uid for row in s.execute(select(model.id, model.uid))}, None: None}
            for model in (Team, Leader, CompanyGoal, WhyNode, TeamGoal, Candidate, Objective)
        }
    team = uid[Team]
    return {
        "nodes": [(n.uid, team[n.team_id], uid[WhyNode][n.parent_id], n.text, n.depth) for n in view.nodes],
        "themes": [(t.uid, t.name, [uid[WhyNode][i] for i in t.node_ids]) for t in view.themes],
        "dismissed": [(d.first_uid, d.second_uid) for d in view.dismissed],
        "team_goals": [
            (
                g.uid,
                uid[CompanyGoal][g.company_goal_id],
                uid[TeamGoal][g.parent_id],
                team[g.team_id],
                g.statement,
                g.target,
                g.unit,
                g.depth,
            )
            for g in view.team_goals
        ],
        "funnels": [
            (uid[CompanyGoal][f.company_goal_id], dataclasses.replace(f, id=0, company_goal_id=0))
            for f in view.funnels
        ],
        "switches": [
            (
                w.uid,
                team[w.player_team_id],
                team[w.played_team_id],
                w.prepare_minutes,
                w.present_minutes,
                [dataclasses.replace(i, id=0) for i in w.items],
                [(n.uid, team[n.team_id], n.text) for n in w.notes],
            )
            for w in view.switches
        ],
        "candidates": [
            (
                team[c.team_id],
                uid[Objective][c.objective_id],
                dataclasses.replace(c, id=0, team_id=0, objective_id=0),
            )
            for c in view.candidates
        ],
        "votes": sorted(
            (uid[Leader][v.leader_id], uid[Candidate][v.candidate_id], v.dots) for v in view.votes
        ),
        "settings": (view.dot_budget, view.top_n),
    }


def objectives_by_content(plan: PlanFile) -> list[tuple[Any, ...]]:
    view = read_plan(plan)
    return [
        (o.statement, o.period, o.method, o.origin_candidate_uid, o.origin_label, len(o.metrics))
        for o in view.objectives
    ]


@pytest.fixture(scope="module")
def brainstorm_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brainstorm")
    plan = write_brainstorm_plan(folder / "brainstorm.offsite")
    try:
        return write_json(plan, folder / "brainstorm.json")
    finally:
        plan.close()


@pytest.fixture
def brainstorm_document(brainstorm_export: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(brainstorm_export.read_text(encoding="utf-8"))
    return loaded


def test_brainstorm_round_trips_losslessly(tmp_path: Path, schema: dict[str, Any]) -> None:
    plan = write_brainstorm_plan(tmp_path / "brainstorm.offsite")
    try:
        first = write_json(plan, tmp_path / "first.json")
        before, objectives_before, details_before = (
            brainstorm_by_uid(plan),
            objectives_by_content(plan),
            read_plan(plan).details,
        )
    finally:
        plan.close()
    document = json.loads(first.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)

    imported = import_json(first, tmp_path / "imported.offsite")
    try:
        second = write_json(imported, tmp_path / "second.json")
        after, objectives_after, details_after = (
            brainstorm_by_uid(imported),
            objectives_by_content(imported),
            read_plan(imported).details,
        )
    finally:
        imported.close()
    assert after == before
    assert objectives_after == objectives_before
    assert details_after == details_before
    assert plan_content(read_document(second)) == plan_content(read_document(first))

    # Everything the plan holds is carried, not just some of it.
    assert [
        len(document[key]) for key in ("why_chains", "themes", "dismissed_suggestions", "team_goals")
    ] == [
        5,
        1,
        1,
        3,
    ]
    assert [len(document[key]) for key in ("funnels", "team_switches", "candidates", "votes")] == [1, 2, 4, 4]
    assert (document["plan"]["dot_budget"], document["plan"]["top_n"]) == (5, 2)
    promoted = document["objectives"][0]
    assert promoted["origin_candidate_uid"] == document["candidates"][0]["uid"]
    assert promoted["origin_label"].startswith("Sales' ask-why chain")
    assert document["funnels"][0]["weights"] == [1, 2.5, 0]
    assert document["candidates"][0]["smart"]["measurable"] == {"value": False, "note": "No number yet"}
    assert document["candidates"][0]["impact"] == 5
    switch = document["team_switches"][0]
    assert [(i["side"], i["kind"]) for i in switch["items"]] == [
        ("played", "goal"),
        ("real", "goal"),
        ("played", "plan"),
        ("real", "plan"),
    ]
    assert before["nodes"][2][3] == "Nobody owns outbound 🚀"
    assert before["nodes"][2][4] == 2


def test_demo_brainstorm_round_trips(demo: PlanFile, tmp_path: Path) -> None:
    first = write_json(demo, tmp_path / "first.json")
    before = brainstorm_by_uid(demo)
    imported = import_json(first, tmp_path / "imported.offsite")
    try:
        after = brainstorm_by_uid(imported)
    finally:
        imported.close()
    assert after == before


V2_SECTIONS = (
    "why_chains",
    "themes",
    "dismissed_suggestions",
    "team_goals",
    "funnels",
    "team_switches",
    "candidates",
    "votes",
)


V3_SECTIONS = ("definitions", "overlap_resolutions", "versions", "survey")


def as_version_6(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 6 writer would have written it: no owners."""
    old = as_version_7(document)
    old["version"] = 6
    for objective in old["objectives"]:
        del objective["owner"], objective["method_owner"]
        for metric in objective["metrics"]:
            del metric["owner"]
    return old


def as_version_5(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 5 writer would have written it: no initials, shortlist, on-behalf or withdrawals."""
    old = as_version_6(document)
    old["version"] = 5
    for leader in old["leaders"]:
        del leader["initials"]
    for candidate in old["candidates"]:
        del candidate["shortlisted"]
    for version in old["versions"]:
        del version["withdrawals"]
        for signature in version["signatures"]:
            del signature["signed_by"], signature["behalf_reason"]
    return old


def as_version_4(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 4 writer would have written it: without drafting and merges."""
    old = as_version_5(document)
    old["version"] = 4
    del old["drafting"]
    return old


def as_version_3(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 3 writer would have written it: without the parking lot."""
    old = as_version_4(document)
    old["version"] = 3
    del old["parking_lot"]
    old.pop("agenda", None)  # the agenda is version 4 too
    return old


def as_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 2 writer would have written it: without anything version 3 added."""
    old = as_version_3(document)
    old["version"] = 2
    for key in V3_SECTIONS:
        del old[key]
    for objective in old["objectives"]:
        del objective["merged_from"]
    return old


def as_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 1 writer would have written it: without anything version 2 added."""
    old = as_version_2(document)
    old["version"] = 1
    for key in V2_SECTIONS:
        del old[key]
    del old["plan"]["dot_budget"], old["plan"]["top_n"]
    for objective in old["objectives"]:
        del objective["origin_candidate_uid"], objective["origin_label"]
    return old


def test_a_version_1_document_still_imports(brainstorm_document: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(as_version_1(brainstorm_document)), encoding="utf-8")
    imported = import_json(source, tmp_path / "v1.offsite")
    try:
        again = export_document(imported)
        view = read_brainstorm(imported)
    finally:
        imported.close()
    assert again["version"] == VERSION
    assert all(again[key] == [] for key in V2_SECTIONS)
    assert (again["plan"]["dot_budget"], again["plan"]["top_n"]) == (3, 3)
    assert (view.dot_budget, view.top_n) == (3, 3)
    assert [(o["origin_candidate_uid"], o["origin_label"]) for o in again["objectives"]] == [(None, "")]
    assert as_version_1(again) | {"version": 1} == as_version_1(brainstorm_document) | {
        key: again[key] for key in GENERATED_FIELDS
    }


def test_a_version_1_document_may_not_use_version_2_fields(
    brainstorm_document: dict[str, Any], tmp_path: Path
) -> None:
    document = as_version_1(brainstorm_document)
    document["plan"]["top_n"] = 4
    source = tmp_path / "mixed.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="plan has the field “top_n”, which interchange version 1"):
        import_json(source, tmp_path / "mixed.offsite")
    assert leftovers(tmp_path, "mixed.offsite") == []


def _parent_listed_later(document: dict[str, Any]) -> None:
    document["why_chains"][1], document["why_chains"][2] = (
        document["why_chains"][2],
        document["why_chains"][1],
    )


def _answer_in_another_chain(document: dict[str, Any]) -> None:
    document["why_chains"][1]["team"] = document["teams"][1]["uid"]


def _switch_with_itself(document: dict[str, Any]) -> None:
    switch = document["team_switches"][1]
    switch["played_team"] = switch["player_team"]


def _repeat_vote(document: dict[str, Any]) -> None:
    document["votes"].append(dict(document["votes"][0]))


BRAINSTORM_MALFORMED: dict[str, tuple[Mutation, str, bool]] = {
    "dangling why-chain team": (
        _set("why_chains.0.team", DANGLING),
        "why_chains[0].team names a team",
        False,
    ),
    "dangling why-chain parent": (
        _set("why_chains.1.parent", DANGLING),
        "why_chains[1].parent names a statement",
        False,
    ),
    "dangling theme node": (
        _set("themes.0.nodes.1", DANGLING),
        "themes[0].nodes[1] names a statement",
        False,
    ),
    "dangling team goal company goal": (
        _set("team_goals.0.company_goal", DANGLING),
        "team_goals[0].company_goal names a company goal",
        False,
    ),
    "dangling team goal parent": (
        _set("team_goals.1.parent", DANGLING),
        "team_goals[1].parent names a team goal",
        False,
    ),
    "dangling team goal team": (
        _set("team_goals.0.team", DANGLING),
        "team_goals[0].team names a team",
        False,
    ),
    "dangling funnel company goal": (
        _set("funnels.0.company_goal", DANGLING),
        "funnels[0].company_goal names a company goal",
        False,
    ),
    "dangling switch team": (
        _set("team_switches.0.played_team", DANGLING),
        "team_switches[0].played_team names a team",
        False,
    ),
    "dangling empathy note team": (
        _set("team_switches.0.empathy_notes.0.team", DANGLING),
        "team_switches[0].empathy_notes[0].team names a team",
        False,
    ),
    "dangling candidate team": (
        _set("candidates.1.team", DANGLING),
        "candidates[1].team names a team",
        False,
    ),
    "dangling vote leader": (_set("votes.0.leader", DANGLING), "votes[0].leader names a leader", False),
    "dangling vote candidate": (
        _set("votes.2.candidate", DANGLING),
        "votes[2].candidate names a candidate",
        False,
    ),
    "answer before its statement": (
        _parent_listed_later,
        "why_chains[1].parent names a statement listed after",
        False,
    ),
    "answer in another team's chain": (
        _answer_in_another_chain,
        "why_chains[1].team differs from the team of the statement it answers",
        False,
    ),
    "weights and quarters differ": (
        _set("funnels.0.weights", [1, 2]),
        "funnels[0].weights has 2 weights for 3 quarters",
        False,
    ),
    "team plays itself": (_switch_with_itself, "a team cannot play itself", False),
    "repeated vote": (_repeat_vote, "votes[4] repeats a leader and candidate", False),
    "bad exercise": (
        _set("candidates.0.exercise", "dreaming"),
        "candidates[0].exercise must be one of",
        True,
    ),
    "impact out of range": (
        _set("candidates.0.impact", 6),
        "candidates[0].impact must be a whole number from 1 to 5",
        True,
    ),
    "smart answer as text": (
        _set("candidates.0.smart.specific.value", "yes"),
        "candidates[0].smart.specific.value must be true or false",
        True,
    ),
    "zero dot budget": (
        _set("plan.dot_budget", 0),
        "plan.dot_budget must be a whole number from 1 to 99",
        True,
    ),
    "missing section": (lambda d: d.pop("votes"), "votes is missing", True),
}


@pytest.mark.parametrize("case", BRAINSTORM_MALFORMED)
def test_malformed_brainstorm_is_refused_with_its_path_and_leaves_no_plan(
    case: str, brainstorm_document: dict[str, Any], tmp_path: Path, schema: dict[str, Any]
) -> None:
    mutate, expected, schema_catches = BRAINSTORM_MALFORMED[case]
    document = copy.deepcopy(brainstorm_document)
    mutate(document)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(ImportFormatError) as refused:
        import_json(source, tmp_path / "new.offsite")

    assert expected in str(refused.value)
    assert leftovers(tmp_path, "new.offsite") == []
    assert jsonschema.Draft202012Validator(schema).is_valid(document) is not schema_catches


# --- From buy-in to a signed plan (version 3) ----------------------------------------------------------

SIGNED_AT = dt.datetime(2027, 1, 19, 11, 0)
MINUTE = dt.timedelta(minutes=1)


def clear_owners(plan: PlanFile) -> None:
    """Take every owner off ``plan``'s objectives, methods and metrics, as a plan held before version 7,
    every funnel stage off its metrics, as before version 8, and its agreements beyond goals and
    business model, as before version 9."""
    for agreement in read_agreements(plan):
        remove(plan, Kind.AGREEMENT, agreement.id)
    update_fields(
        plan, Kind.PLAN, read_plan(plan).details.id, {"business_model": "", "business_model_why": ""}
    )
    for objective in read_plan(plan).objectives:
        update_fields(plan, Kind.OBJECTIVE, objective.id, {"owner_id": None, "method_owner_id": None})
        for metric in objective.metrics:
            update_fields(plan, Kind.METRIC, metric.id, {"owner_id": None, "funnel_stage": ""})


def write_signed_plan(path: Path, *, shortlist: bool = True) -> PlanFile:
    """The demo (version 1 signed, re-opened, edited), then a merge and version 2, signed by two leaders.

    So every version 3 section holds something, and the plan is locked at version 2. Without
    ``shortlist`` version 2 is signed with no candidate kept, as a plan before version 6 was.
    """
    plan = write_demo_plan(path)
    view = read_plan(plan)
    objective = {o.statement: o.id for o in view.objectives}
    resolve_overlap(
        plan,
        OverlapRule.SIMILAR_WORDING,
        objective["Fill the pipeline"],
        objective["Own the category"],
        ResolutionAction.MERGED,
        "One marketing objective, two motions.",
        statement="Fill the pipeline and own the category",
        at=SIGNED_AT,
    )
    travel = park(plan, "Travel budget for field events", "Ask why", at=SIGNED_AT).id
    park_to_candidate(plan, travel, view.teams[0].id, at=SIGNED_AT)
    if not shortlist:
        set_shortlist(plan, [])
        clear_owners(plan)  # nor owners, which came with version 7, nor funnel stages (version 8)
    version = freeze(plan, frozen_by="Sam Whitfield", override_reason="Board pack.", at=SIGNED_AT).id
    for minutes, leader in enumerate(view.leaders[:2]):
        sign(
            plan,
            version,
            leader.id,
            "".join(w[0] for w in leader.name.split()),
            at=SIGNED_AT + (minutes + 1) * MINUTE,
        )
    # The parking lot is no part of what was signed: a locked plan still takes it.
    crm = park(plan, "Who owns the CRM?", "Sign-off", at=SIGNED_AT + 5 * MINUTE).id
    resolve_parked(plan, crm, "RevOps does.", at=SIGNED_AT + 6 * MINUTE)
    park(plan, "Offsite dates for next year", "", at=SIGNED_AT + 7 * MINUTE)
    return plan


@pytest.fixture(scope="module")
def signed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signed")
    with write_signed_plan(folder / "signed.offsite") as plan:
        return write_json(plan, folder / "signed.json")


@pytest.fixture(scope="module")
def signed_export_before_shortlists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The signed plan as a version 5 plan could hold it: signed with no candidate kept."""
    folder = tmp_path_factory.mktemp("signed-v5")
    with write_signed_plan(folder / "signed.offsite", shortlist=False) as plan:
        return write_json(plan, folder / "signed.json")


@pytest.fixture
def signed_document(signed_export: Path) -> dict[str, Any]:
    with signed_export.open(encoding="utf-8") as file:
        document: dict[str, Any] = json.load(file)
    return document


def test_signed_plan_round_trips_losslessly_with_every_version_3_section(
    signed_export: Path, signed_document: dict[str, Any], tmp_path: Path, schema: dict[str, Any]
) -> None:
    jsonschema.Draft202012Validator(schema).validate(signed_document)
    assert signed_document["version"] == VERSION == 9
    assert len(signed_document["definitions"]) == 3
    assert sum(len(d["stances"]) for d in signed_document["definitions"]) == 7
    assert [r["action"] for r in signed_document["overlap_resolutions"]] == ["kept", "merged"]
    merged = next(o for o in signed_document["objectives"] if o["merged_from"])
    assert merged["statement"] == "Fill the pipeline and own the category"
    assert len(merged["merged_from"]) == 2
    assert len(signed_document["survey"]) == 5
    first, second = signed_document["versions"]
    assert (first["number"], len(first["signatures"]), first["reopening"]["by"]) == (1, 6, "Priya Raman")
    assert (second["number"], len(second["signatures"]), second["reopening"]) == (2, 2, None)
    assert isinstance(first["content"], str)  # byte-exact: its SHA-256 is the fingerprint
    travel, crm, dates = signed_document["parking_lot"]
    made = next(c for c in signed_document["candidates"] if c["uid"] == travel["candidate_uid"])
    assert made["origin_label"] == "Parking lot: “Travel budget for field events”"
    assert (crm["raised_in"], crm["resolution"], crm["resolved_at"]) == (
        "Sign-off",
        "RevOps does.",
        "2027-01-19T11:06:00.000000Z",
    )
    assert (dates["resolved_at"], dates["candidate_uid"]) == (None, None)

    imported = import_json(signed_export, tmp_path / "imported.offsite")
    try:
        assert imported.locked_version() == 2  # the content went in before the versions that lock it
        with pytest.raises(PlanSignedError):
            update_plan_details(imported, venue="Elsewhere")
        second_file = write_json(imported, tmp_path / "second.json")
    finally:
        imported.close()
    assert plan_content(read_document(second_file)) == plan_content(read_document(signed_export))


def test_a_signed_plans_fingerprint_is_reproducible_from_its_exported_json(signed_export: Path) -> None:
    # Only the JSON file, json.load, signed_content and the canonical form: no plan file, no Offsite reader.
    document = json.loads(signed_export.read_bytes())
    locked = document["versions"][-1]
    assert locked["reopening"] is None
    assert fingerprint(signed_content(document)) == locked["fingerprint"]
    for version in document["versions"]:
        assert hashlib.sha256(version["content"].encode("utf-8")).hexdigest() == version["fingerprint"]
        assert fingerprint(json.loads(version["content"])) == version["fingerprint"]
    # Version 1 was signed before the room made its agreements beyond goals: the empty section is
    # left out, as a version 8 plan signed it. Version 2 holds them.
    first, second = (set(json.loads(v["content"])) for v in document["versions"])
    assert first == set(SIGNED_CONTENT_KEYS) - {"agreements"}
    assert second == set(SIGNED_CONTENT_KEYS)


def test_the_demo_holds_a_signed_version_and_later_edits(demo_document: dict[str, Any]) -> None:
    (version,) = demo_document["versions"]
    assert version["override_reason"].startswith("The CEO asked for a signed plan")
    assert version["reopening"]["by"] == "Priya Raman"
    assert [g["initials"] for g in version["signatures"]] == ["MO", "TH", "PR", "LF", "DK", "AT"]
    assert fingerprint(signed_content(demo_document)) != version["fingerprint"]  # edited since

    def coverage(content: dict[str, Any]) -> Any:
        metrics = [m for o in content["objectives"] for m in o["metrics"]]
        return next(m["target"] for m in metrics if m["name"] == "Full-funnel pipeline coverage")

    assert (coverage(json.loads(version["content"])), coverage(demo_document)) == (3, 3.5)


def _write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_tampered_version_is_refused(signed_document: dict[str, Any], tmp_path: Path) -> None:
    version = signed_document["versions"][0]
    tampered = version["content"].replace('"target":3,', '"target":4,', 1)
    assert tampered != version["content"]
    version["content"] = tampered
    source = _write(signed_document, tmp_path / "tampered.json")
    with pytest.raises(
        ImportFormatError, match=r"versions\[0\]\.content does not match versions\[0\]\.fingerprint"
    ):
        import_json(source, tmp_path / "tampered.offsite")
    assert leftovers(tmp_path, "tampered.offsite") == []


def test_a_signed_plan_changed_after_signing_is_refused(
    signed_document: dict[str, Any], tmp_path: Path
) -> None:
    signed_document["objectives"][0]["metrics"][0]["target"] = 1_000
    source = _write(signed_document, tmp_path / "changed.json")
    with pytest.raises(ImportFormatError, match=r"is signed \(version 2\), but its content does not match"):
        import_json(source, tmp_path / "changed.offsite")
    assert leftovers(tmp_path, "changed.offsite") == []
    # Recording who re-opened it makes the same document an honest, importable one.
    signed_document["versions"][-1]["reopening"] = {
        "uid": str(uuid.uuid4()),
        "by": "Priya Raman",
        "at": "2027-01-20T09:00:00.000000Z",
        "reason": "Outbound target corrected.",
    }
    imported = import_json(_write(signed_document, tmp_path / "reopened.json"), tmp_path / "reopened.offsite")
    try:
        assert imported.locked_version() is None
    finally:
        imported.close()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unsorted versions", r"versions\[1\]\.number is not above that of versions\[0\]"),
        ("earlier version not re-opened", r"versions\[0\] was never re-opened, yet a later version"),
        ("signed twice", r"versions\[0\]\.signatures\[1\] is a second signature by the same leader"),
        ("bad initials", r"versions\[0\]\.signatures\[0\]\.initials: Initials are one to 5 letters"),
        ("rated twice", r"survey\[1\]\.leader has rated already in survey\[0\]"),
        ("bad fingerprint", r"versions\[0\]\.fingerprint must be a SHA-256"),
        ("content not canonical", r"versions\[0\]\.content is not a plan's content in canonical form"),
    ],
)
def test_malformed_signoff_is_refused_with_a_sentence(
    case: str, expected: str, signed_document: dict[str, Any], tmp_path: Path
) -> None:
    versions, survey = signed_document["versions"], signed_document["survey"]
    if case == "unsorted versions":
        versions[1]["number"] = 1
    elif case == "earlier version not re-opened":
        versions[0]["reopening"] = None
    elif case == "signed twice":
        versions[0]["signatures"][1]["leader_uid"] = versions[0]["signatures"][0]["leader_uid"]
    elif case == "bad initials":
        versions[0]["signatures"][0]["initials"] = "M0RE!!"
    elif case == "rated twice":
        survey[1]["leader"] = survey[0]["leader"]
    elif case == "bad fingerprint":
        versions[0]["fingerprint"] = versions[0]["fingerprint"].upper()
    elif case == "content not canonical":
        versions[0]["content"] = json.dumps(json.loads(versions[0]["content"]), indent=1)
        versions[0]["fingerprint"] = hashlib.sha256(versions[0]["content"].encode()).hexdigest()
    source = _write(signed_document, tmp_path / "bad.json")
    with pytest.raises(ImportFormatError, match=expected):
        import_json(source, tmp_path / "bad.offsite")
    assert leftovers(tmp_path, "bad.offsite") == []


def test_a_version_2_document_still_imports(demo_document: dict[str, Any], tmp_path: Path) -> None:
    source = _write(as_version_2(demo_document), tmp_path / "v2.json")
    imported = import_json(source, tmp_path / "v2.offsite")
    try:
        again = export_document(imported)
        assert imported.locked_version() is None
    finally:
        imported.close()
    assert all(again[key] == [] for key in V3_SECTIONS)
    assert all(o["merged_from"] == [] for o in again["objectives"])
    assert as_version_2(again) | {"version": 2} == as_version_2(demo_document) | {
        key: again[key] for key in GENERATED_FIELDS
    }


def test_a_version_3_document_still_imports_with_an_empty_parking_lot(
    signed_export_before_shortlists: Path, tmp_path: Path
) -> None:
    signed_document = json.loads(signed_export_before_shortlists.read_text(encoding="utf-8"))
    source = _write(as_version_3(signed_document), tmp_path / "v3.json")
    imported = import_json(source, tmp_path / "v3.offsite")
    try:
        again = export_document(imported)
        assert imported.locked_version() == 2
    finally:
        imported.close()
    assert again["parking_lot"] == []
    assert again["agenda"]["items"] == []
    assert again["agenda"]["day"]["starts_at"] == "09:00"
    assert as_version_3(again) | {"version": 3} == as_version_3(signed_document) | {
        key: again[key] for key in GENERATED_FIELDS
    }


def test_a_version_2_document_may_not_use_version_3_fields(
    demo_document: dict[str, Any], tmp_path: Path
) -> None:
    document = as_version_2(demo_document)
    document["survey"] = []
    with pytest.raises(
        ImportFormatError, match="the document has the field “survey”, which interchange version 2"
    ):
        import_json(_write(document, tmp_path / "mixed.json"), tmp_path / "mixed.offsite")
    document = as_version_2(demo_document)
    document["objectives"][0]["merged_from"] = []
    with pytest.raises(ImportFormatError, match=r"objectives\[0\] has the field “merged_from”"):
        import_json(_write(document, tmp_path / "mixed2.json"), tmp_path / "mixed2.offsite")


def test_a_plan_signed_when_buy_in_was_listed_by_time_exports_and_imports_still_signed(
    tmp_path: Path,
) -> None:
    plan = create_plan(tmp_path / "plan.offsite", "Offsite")
    try:
        sales = add_team(plan, "Sales").id
        maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
        tomas = add_leader(plan, "Tomás Herrera", "Head of SDR", sales).id
        objective = add_objective(plan, "Go outbound", [sales]).id
        record_stance(plan, objective, maya, Stance.AGREED, at=dt.datetime(2027, 1, 14, 10, 0))
        record_stance(
            plan, objective, tomas, Stance.AGREED, at=dt.datetime(2027, 1, 13, 16, 0)
        )  # clock behind
        # Frozen as Offsite froze plans while it listed the buy-in history by time.
        content = signed_content(plan)
        content["buy_in"] = sorted(content["buy_in"], key=lambda e: e["recorded_at"])
        canonical = canonical_form(content)
        freeze_version(
            plan, canonical.decode("utf-8"), hashlib.sha256(canonical).hexdigest(), frozen_by="Sam Whitfield"
        )
        exported = write_json(plan, tmp_path / "plan.json")
    finally:
        plan.close()
    imported = import_json(exported, tmp_path / "imported.offsite")  # not refused as changed after signing
    try:
        assert imported.locked_version() == 1
    finally:
        imported.close()


def test_a_version_5_signed_document_imports_and_its_fingerprint_still_matches(
    signed_export_before_shortlists: Path, tmp_path: Path
) -> None:
    """Signed before leaders had initials and teams a kept shortlist: the version still verifies."""
    from offsite.services.signoff import content_fingerprint, read_signoff

    signed_document = json.loads(signed_export_before_shortlists.read_text(encoding="utf-8"))
    source = _write(as_version_5(signed_document), tmp_path / "v5.json")
    with import_json(source, tmp_path / "v5.offsite") as imported:
        current = read_signoff(imported).current
        assert current is not None
        assert content_fingerprint(imported) == current.fingerprint
        assert all(p.initials == "" for p in read_plan(imported).leaders)
        again = export_document(imported)
    assert all(c["shortlisted"] is False for c in again["candidates"])
    assert all(v["withdrawals"] == [] for v in again["versions"])

"""The JSON interchange format: schema, lossless round trips, and refusals that change nothing."""

from __future__ import annotations

import copy
import datetime as dt
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

from offsite.domain.errors import ExportError, ImportFormatError, OffsiteError
from offsite.domain.values import Direction, Stance
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
from offsite.services.buyin import record_stance
from offsite.services.demo import write_demo_plan
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.store import PlanFile, create_plan_file
from offsite.store.models import Metric, Team

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
    assert document["generator"] == "Offsite 0.1.0"
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
    assert text.startswith('{\n  "format": "offsite-plan",\n  "version": 1,')
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


def _history_out_of_order(document: dict[str, Any]) -> None:
    document["buy_in"].reverse()


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
    "history out of order": (_history_out_of_order, "list the buy-in history oldest first", False),
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

"""Plan data -> rows: the one writer that turns a plan's document into the rows of a plan file.

The document is the shape ``offsite.store.document.read`` produces and the interchange format
carries (``offsite.store.document.data`` declares it), already validated: references name uids the
document lists, parents come before their children. Uids are kept; each row's position is
re-derived from the order of its list. Each section has its own function, gathering its rows (with
the ids they will have) into ``PlanRows``, which writes each table with one statement: a plan of
5,000 objectives takes as many statements as one of 50. The record columns functions
(``objective_columns``…) are shared with the merge of a draft's items.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from offsite.domain.drafting import Outcome
from offsite.domain.exercises import FUNNEL_INPUTS, Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Stance
from offsite.store import revision
from offsite.store.document import data
from offsite.store.document import registry as tables
from offsite.store.document.columns import IdOf, columns_of, moment_in
from offsite.store.document.registry import PLAN_MODELS

#: A validated document's date and time as naive UTC, as the plan file stores it.
moment = moment_in


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


# --- One record's columns ------------------------------------------------------------------------------
# What a record of the document says, as its row's columns (without uid, position and the ids its
# references resolve to): the import writes whole plans with them, and a merge of a draft's items
# can write one record the same way.


def plan_columns(p: Mapping[str, Any]) -> dict[str, Any]:
    return columns_of(data.Plan, p)


def team_columns(t: Mapping[str, Any]) -> dict[str, Any]:
    return columns_of(data.Team, t)


def leader_columns(p: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    return columns_of(data.Leader, p, id_of)


def company_goal_columns(g: Mapping[str, Any]) -> dict[str, Any]:
    return columns_of(data.CompanyGoal, g)


def objective_columns(o: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    return columns_of(data.Objective, o, id_of)


def metric_columns(m: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    return columns_of(data.Metric, m, id_of)


# --- A whole plan ------------------------------------------------------------------------------------


class PlanRows:
    """The rows of a new plan file, table by table, each row given its id as it is added.

    The file is new, so ids start at 1 and ascend with the lists, as the plan's own writes would
    have given them (an id breaks ties: the last stance listed is the current one). Knowing every
    id before anything is written, each table goes in with one statement (an executemany), in
    registry order, so that a reference always names a row already there: an import issues the
    same few statements at 50 objectives as at 5,000.
    """

    def __init__(self) -> None:
        self._tables: dict[type[tables.Base], list[dict[str, Any]]] = {model: [] for model in PLAN_MODELS}
        #: uid -> id of the rows added so far, by the record class (``Ref.target``) that names them.
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def add(self, model: type[tables.Base], values: dict[str, Any], record: str | None = None) -> int:
        """Add a row of ``model`` (``record``: the record class its uid is looked up by); returns its id."""
        rows = self._tables[model]
        row_id = len(rows) + 1
        values["id"] = row_id
        rows.append(values)
        if record is not None:
            self.ids[record][values["uid"]] = row_id
        return row_id

    def link(self, model: type[tables.Base], values: dict[str, Any]) -> None:
        """Add a row of a link table (keyed by the rows it links, no id of its own)."""
        self._tables[model].append(values)

    def id_of(self, target: str, uid: str | None) -> int | None:
        """The id of the row added for ``uid`` of the record class ``target`` (None for None)."""
        return None if uid is None else self.ids[target][uid]

    def write(self, connection: Connection) -> None:
        """Insert every row, one statement per table, in registry order, in the caller's transaction.

        Registry order puts the content before the versions: a version that is not re-opened locks
        the plan the moment it is in, and the lock's triggers would refuse content after it.
        """
        for model, rows in self._tables.items():
            if rows:
                insert_many(connection, cast(Table, model.__table__), rows)


def insert_many(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany of ``rows`` into ``table``, each value bound as SQLAlchemy's Core binds it.

    Core's own executemany works the binding out again for every row; at tens of thousands of rows
    that costs more than SQLite's inserting them. Here each column's bind processor is looked up
    once. A column the rows leave out takes its declared default, as Core would give it.
    """
    dialect = connection.dialect
    given = list(rows[0])
    defaults = [
        (column.name, column.default.arg)
        for column in table.columns
        if column.name not in rows[0] and isinstance(column.default, ScalarElementColumnDefault)
    ]
    names = [*given, *(name for name, _ in defaults)]
    bind = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    convert = [(index, process) for index, process in enumerate(bind) if process is not None]
    if set(map(len, rows)) != {len(given)}:  # each table's rows are gathered by one piece of code
        row = next(row for row in rows if len(row) != len(given))
        raise ValueError(f"a {table.name} row has other columns than {given}: {sorted(row)}")
    # Column by column: each bind processor runs over its column's values, not a loop step per row.
    columns = [[row[name] for row in rows] for name in given]
    columns += [[value] * len(rows) for _, value in defaults]
    for index, process in convert:
        columns[index] = _bound(columns[index], process)
    parameters = list(zip(*columns, strict=True))
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join([_placeholder(dialect)] * len(names))})"
    )
    connection.exec_driver_sql(sql, parameters)


def _placeholder(dialect: Any) -> str:
    """A positional parameter in the driver's own style: ``?`` for SQLite, ``%s`` for psycopg."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def _bound(values: list[Any], process: Callable[[Any], Any]) -> list[Any]:
    """A column's values through its bind processor, each distinct value once: a processor's result
    depends on the value alone, and a column of flags or days holds a handful among thousands."""
    done: dict[tuple[type, Any], Any] = {}
    bound: list[Any] = []
    for value in values:
        if value is None:
            bound.append(None)
            continue
        key = (type(value), value)  # 1 and True are equal, yet bound apart
        if key not in done:
            done[key] = process(value)
        bound.append(done[key])
    return bound


def insert_document(connection: Connection, document: Mapping[str, Any]) -> None:
    """Write every row of a validated document into a new, empty plan file, keeping uids and
    deriving positions from list order, in the caller's transaction (ids start at 1)."""
    rows = PlanRows()
    plan_rows(rows, document)
    brainstorm_rows(rows, document)
    drafting_rows(rows, document["drafting"])
    signoff_rows(rows, document)
    agreement_rows(rows, document["agreements"])
    agenda_rows(rows, document["agenda"])
    progress_rows(rows, document)
    rows.write(connection)
    if document["drafting"]["draft"] is not None:
        revision.install(connection)  # a draft keeps counting its leader's edits, from the revision it had


def plan_rows(rows: PlanRows, document: Mapping[str, Any]) -> None:
    """The plan's details, teams, leaders, company goals, objectives with their metrics, and buy-in."""
    details = document["plan"]
    rows.add(tables.Plan, {"uid": details["uid"], **plan_columns(details)})
    for i, t in enumerate(document["teams"]):
        rows.add(tables.Team, {"uid": t["uid"], "position": i, **team_columns(t)}, "Team")
    for i, p in enumerate(document["leaders"]):
        rows.add(tables.Leader, {"uid": p["uid"], "position": i, **leader_columns(p, rows.id_of)}, "Leader")
    for i, g in enumerate(document["company_goals"]):
        rows.add(
            tables.CompanyGoal, {"uid": g["uid"], "position": i, **company_goal_columns(g)}, "CompanyGoal"
        )

    team_id, goal_id = rows.ids["Team"], rows.ids["CompanyGoal"]
    metric_position = 0  # one sequence across the table, as the services number them
    for i, o in enumerate(document["objectives"]):
        values = {"uid": o["uid"], "position": i, **objective_columns(o, rows.id_of)}
        objective_id = rows.add(tables.Objective, values, "Objective")
        for uid in o["teams"]:
            rows.link(tables.ObjectiveTeam, {"objective_id": objective_id, "team_id": team_id[uid]})
        for uid in o["company_goals"]:
            rows.link(tables.ObjectiveGoal, {"objective_id": objective_id, "goal_id": goal_id[uid]})
        for m in o["metrics"]:
            values = {"uid": m["uid"], "objective_id": objective_id, "position": metric_position}
            rows.add(tables.Metric, {**values, **metric_columns(m, rows.id_of)}, "Metric")
            metric_position += 1
        for position, g in enumerate(o["merged_from"]):
            rows.add(
                tables.ObjectiveOrigin,
                {
                    "uid": g["uid"],
                    "objective_id": objective_id,
                    "origin_uid": g["origin_uid"],
                    "label": g["label"],
                    "origin_candidate_uid": g["origin_candidate_uid"],
                    "origin_label": g["origin_label"],
                    "position": position,
                },
            )

    # In history order, so ids ascend with the list: the last listed stays current.
    objective_ids, leader_id = rows.ids["Objective"], rows.ids["Leader"]
    for r in document["buy_in"]:
        rows.add(
            tables.StanceRecord,
            {
                "uid": r["uid"],
                "objective_id": objective_ids[r["objective"]],
                "leader_id": leader_id[r["leader"]],
                "stance": Stance(r["stance"]).value,
                "comment": r["comment"],
                "recorded_at": moment(r["recorded_at"]),
            },
        )


def signoff_rows(rows: PlanRows, document: Mapping[str, Any]) -> None:
    """The version 3 rows: definitions and their stances, overlap resolutions, the survey, the
    parking lot, and the versions with their signatures, withdrawals and reopenings (written last)."""
    team_id, leader_id = rows.ids["Team"], rows.ids["Leader"]
    for i, d in enumerate(document["definitions"]):
        definition_id = rows.add(
            tables.Definition,
            {
                "uid": d["uid"],
                "term": d["term"],
                "definition": d["definition"],
                "team_id": None if d["team"] is None else team_id[d["team"]],
                "position": i,
            },
            "Definition",
        )
        for r in d["stances"]:  # ids ascend with the list: the last listed stays current
            rows.add(
                tables.DefinitionStance,
                {
                    "uid": r["uid"],
                    "definition_id": definition_id,
                    "leader_id": leader_id[r["leader"]],
                    "stance": Stance(r["stance"]).value,
                    "comment": r["comment"],
                    "recorded_at": moment(r["recorded_at"]),
                },
            )
    for r in document["overlap_resolutions"]:
        rows.add(
            tables.OverlapResolution,
            {
                "uid": r["uid"],
                "key": f"{r['rule']}:{r['first']}:{r['second']}",
                "action": ResolutionAction(r["action"]).value,
                "note": r["note"],
                "resolved_at": moment(r["resolved_at"]),
                "merged_objective_uid": r["merged_objective_uid"],
            },
        )
    for r in document["survey"]:
        rows.add(
            tables.SurveyRating,
            {
                "uid": r["uid"],
                "leader_id": leader_id[r["leader"]],
                "rating": r["rating"],
                "comment": r["comment"],
                "rated_at": moment(r["rated_at"]),
            },
        )
    for index, p in enumerate(document["parking_lot"]):
        rows.add(
            tables.ParkingItem,
            {
                "uid": p["uid"],
                "text": p["text"],
                "raised_at": moment(p["raised_at"]),
                "raised_in": p["raised_in"],
                "position": index,
                "resolved_at": None if p["resolved_at"] is None else moment(p["resolved_at"]),
                "resolution": p["resolution"],
                "candidate_uid": p["candidate_uid"],
            },
        )

    for v in document["versions"]:
        version_id = rows.add(
            tables.PlanVersion,
            {
                "uid": v["uid"],
                "number": v["number"],
                "frozen_at": moment(v["frozen_at"]),
                "frozen_by": v["frozen_by"],
                "content": v["content"],
                "fingerprint": v["fingerprint"],
                "override_reason": v["override_reason"],
            },
        )
        for g in v["signatures"]:
            rows.add(
                tables.Signature,
                {
                    "uid": g["uid"],
                    "version_id": version_id,
                    "leader_uid": g["leader_uid"],
                    "leader_name": g["leader_name"],
                    "initials": g["initials"],
                    "signed_at": moment(g["signed_at"]),
                    "signed_by": g["signed_by"],
                    "behalf_reason": g["behalf_reason"],
                },
            )
        for w in v["withdrawals"]:
            rows.add(
                tables.SignatureWithdrawal,
                {
                    "uid": w["uid"],
                    "version_id": version_id,
                    "signature_uid": w["signature_uid"],
                    "leader_uid": w["leader_uid"],
                    "leader_name": w["leader_name"],
                    "initials": w["initials"],
                    "signed_at": moment(w["signed_at"]),
                    "signed_by": w["signed_by"],
                    "behalf_reason": w["behalf_reason"],
                    "withdrawn_at": moment(w["withdrawn_at"]),
                },
            )
        r = v["reopening"]
        if r is not None:
            rows.add(
                tables.Reopening,
                {
                    "uid": r["uid"],
                    "version_id": version_id,
                    "by": r["by"],
                    "at": moment(r["at"]),
                    "reason": r["reason"],
                },
            )


def _sibling_position(counters: dict[Any, int], key: Any) -> int:
    """The next position among the rows sharing ``key``, in list order."""
    position = counters[key] = counters.get(key, -1) + 1
    return position


def brainstorm_rows(rows: PlanRows, document: Mapping[str, Any]) -> None:
    """The brainstorm rows; parents come before their answers in the lists, so each finds its id."""
    team_id, leader_id, goal_id = rows.ids["Team"], rows.ids["Leader"], rows.ids["CompanyGoal"]
    counters: dict[Any, int] = {}
    node_id = rows.ids["WhyNode"]
    for n in document["why_chains"]:
        parent = None if n["parent"] is None else node_id[n["parent"]]
        values = {
            "uid": n["uid"],
            "team_id": team_id[n["team"]],
            "parent_id": parent,
            "text": n["text"],
            "position": _sibling_position(counters, ("why", n["team"] if parent is None else None, parent)),
        }
        rows.add(tables.WhyNode, values, "WhyNode")

    for i, t in enumerate(document["themes"]):
        theme_id = rows.add(tables.Theme, {"uid": t["uid"], "name": t["name"], "position": i})
        for uid in t["nodes"]:
            rows.link(tables.ThemeLink, {"theme_id": theme_id, "node_id": node_id[uid]})
    for d in document["dismissed_suggestions"]:  # ids ascend with the list, the order they are shown in
        rows.add(
            tables.DismissedSuggestion, {"uid": d["uid"], "first_uid": d["first"], "second_uid": d["second"]}
        )

    team_goal_id = rows.ids["TeamGoal"]
    for g in document["team_goals"]:
        parent = None if g["parent"] is None else team_goal_id[g["parent"]]
        values = {
            "uid": g["uid"],
            "company_goal_id": goal_id[g["company_goal"]],
            "parent_id": parent,
            "team_id": None if g["team"] is None else team_id[g["team"]],
            "statement": g["statement"],
            "target": _float(g["target"]),
            "unit": g["unit"],
            "position": _sibling_position(
                counters, ("goal", g["company_goal"] if parent is None else None, parent)
            ),
        }
        rows.add(tables.TeamGoal, values, "TeamGoal")

    for f in document["funnels"]:
        rows.add(
            tables.Funnel,
            {
                "uid": f["uid"],
                "company_goal_id": goal_id[f["company_goal"]],
                **{name: _float(f[name]) for name in FUNNEL_INPUTS},
                "quarters": json.dumps(f["quarters"], ensure_ascii=False),
                "weights": None if f["weights"] is None else json.dumps([float(w) for w in f["weights"]]),
            },
        )

    for i, w in enumerate(document["team_switches"]):
        switch_id = rows.add(
            tables.TeamSwitch,
            {
                "uid": w["uid"],
                "player_team_id": team_id[w["player_team"]],
                "played_team_id": team_id[w["played_team"]],
                "prepare_minutes": w["prepare_minutes"],
                "present_minutes": w["present_minutes"],
                "position": i,
            },
        )
        for item in w["items"]:  # ids ascend with the list: they break ties between the two sides
            rows.add(
                tables.SwitchItem,
                {
                    "uid": item["uid"],
                    "switch_id": switch_id,
                    "side": SwitchSide(item["side"]).value,
                    "kind": SwitchItemKind(item["kind"]).value,
                    "text": item["text"],
                    "position": _sibling_position(counters, ("item", switch_id, item["side"])),
                },
            )
        for note in w["empathy_notes"]:
            values = {
                "uid": note["uid"],
                "switch_id": switch_id,
                "team_id": team_id[note["team"]],
                "text": note["text"],
            }
            rows.add(tables.EmpathyNote, values)

    criteria = [(k.value, f"smart_{k.value}", f"smart_{k.value}_note") for k in SmartCriterion]
    for i, c in enumerate(document["candidates"]):
        smart: dict[str, Any] = {}
        for criterion, value_column, note_column in criteria:  # an enum's .value is slow, per candidate
            smart[value_column] = c["smart"][criterion]["value"]
            smart[note_column] = c["smart"][criterion]["note"]
        values = {
            "uid": c["uid"],
            "team_id": None if c["team"] is None else team_id[c["team"]],
            "text": c["text"],
            "exercise": Exercise(c["exercise"]).value,
            "origin_uid": c["origin_uid"],
            "origin_label": c["origin_label"],
            "impact": c["impact"],
            "position": i,
            "shortlisted": c["shortlisted"],
            **smart,
        }
        rows.add(tables.Candidate, values, "Candidate")
    candidate_id = rows.ids["Candidate"]
    for v in document["votes"]:
        values = {
            "leader_id": leader_id[v["leader"]],
            "candidate_id": candidate_id[v["candidate"]],
            "dots": v["dots"],
        }
        rows.link(tables.DotVote, values)


def agenda_rows(rows: PlanRows, section: Mapping[str, Any]) -> None:
    """The agenda's items (positions from list order) and its day (process rows: never locked)."""
    for index, item in enumerate(section["items"]):
        values = {
            "uid": item["uid"],
            "title": item["title"],
            "minutes": item["minutes"],
            "view": item["view"],
        }
        rows.add(tables.AgendaItem, {**values, "position": index})
    day = section["day"]
    started = day["item_started_at"]
    rows.add(
        tables.AgendaDay,
        {
            "starts_at": day["starts_at"],
            "current_item_uid": day["current_item_uid"],
            "item_started_at": None if started is None else moment(started),
        },
    )


def drafting_rows(rows: PlanRows, section: Mapping[str, Any]) -> None:
    """The draft marking with its bases, and the merge records in list order (their ids break ties)."""
    draft = section["draft"]
    if draft is not None:
        rows.add(
            tables.Draft,
            {
                "uid": draft["uid"],
                "plan_uid": draft["plan_uid"],
                "plan_title": draft["plan_title"],
                "leader_uid": draft["leader_uid"],
                "leader_name": draft["leader_name"],
                "made_at": moment(draft["made_at"]),
                "revision": draft["revision"],
            },
        )
        for b in draft["bases"]:
            rows.add(tables.DraftBase, {"item_key": b["item_key"], "fingerprint": b["fingerprint"]})
    for r in section["merges"]:
        rows.add(
            tables.MergeRecord,
            {
                "uid": r["uid"],
                "draft_uid": r["draft_uid"],
                "item_key": r["item_key"],
                "section": r["section"],
                "action": Outcome(r["action"]).value,
                "leader_uid": r["leader_uid"],
                "leader_name": r["leader_name"],
                "draft_name": r["draft_name"],
                "merged_at": moment(r["merged_at"]),
                "draft_fingerprint": r["draft_fingerprint"],
                "plan_fingerprint": r["plan_fingerprint"],
                "draft_revision": r["draft_revision"],
            },
        )


def agreement_rows(rows: PlanRows, agreements: Sequence[Mapping[str, Any]]) -> None:
    """The agreements beyond goals (version 9), after the definitions, metrics and objectives they
    name, each with its buy-in history in the order recorded."""
    for i, a in enumerate(agreements):
        agreement_id = rows.add(
            tables.Agreement,
            {"uid": a["uid"], "position": i, **columns_of(data.Agreement, a, rows.id_of)},
            "Agreement",
        )
        for r in a["stances"]:  # ids ascend with the list: the last listed stays current
            rows.add(
                tables.AgreementStance,
                {
                    "uid": r["uid"],
                    "agreement_id": agreement_id,
                    "leader_id": rows.ids["Leader"][r["leader"]],
                    "stance": Stance(r["stance"]).value,
                    "comment": r["comment"],
                    "recorded_at": moment(r["recorded_at"]),
                },
            )


def progress_rows(rows: PlanRows, document: Mapping[str, Any]) -> None:
    """The review cadence's rows (process records, never locked): check-ins, import mappings,
    quarter reviews, wins, alignment readings and the previous cycle."""
    for c in document["check_ins"]:
        rows.add(tables.CheckIn, {"uid": c["uid"], **columns_of(data.CheckIn, c, rows.id_of)})
    for m in document["import_mappings"]:
        rows.add(
            tables.ImportMapping,
            {
                "uid": m["uid"],
                **columns_of(data.ImportMapping, m, rows.id_of),
                "filters": json.dumps(m["filters"], ensure_ascii=False),
                "aliases": json.dumps(m["aliases"], ensure_ascii=False),
            },
        )
    for r in document["objective_reviews"]:
        rows.add(tables.ObjectiveReview, {"uid": r["uid"], **columns_of(data.ObjectiveReview, r, rows.id_of)})
    for w in document["wins"]:
        rows.add(tables.Win, {"uid": w["uid"], **columns_of(data.Win, w, rows.id_of)})
    for a in document["alignment_readings"]:
        rows.add(tables.AlignmentReading, {"uid": a["uid"], **columns_of(data.AlignmentReading, a)})
    if document["previous_cycle"] is not None:
        rows.add(tables.PreviousCycle, columns_of(data.PreviousCycle, document["previous_cycle"]))

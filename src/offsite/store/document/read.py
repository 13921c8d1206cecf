"""The plan as a document: plain data keyed by uids, as the interchange format and sign-off read it.

One reader of the whole plan, so that an export and the fingerprint a leader signs are made
from exactly the same content. Local integer ids never appear; lists keep display order.

**What a signature covers** (:func:`signed_content`): the sections of the document listed in
``SIGNED_CONTENT_KEYS``, which are the sections whose rows the lock of a signed plan freezes
(offsite.store.lock), drafting aside: the plan's details, teams, leaders, company goals,
objectives (with metrics and the objectives they were merged from), the buy-in history, the
brainstorm, the definitions with their buy-in, the overlap resolutions, and the agreements beyond
goals with their buy-in (journey, hand-offs, decision rights, incentives, practices). Left out are the
envelope (format, version, generator, exported_at) and ``PROCESS_KEYS``: ``versions`` (the versions
themselves, their signatures and reopenings), ``survey`` (the leaders' alignment ratings),
``parking_lot`` (the off-topic items parked in the room) and ``agenda``, which are kept in the
tables a locked plan still writes. So signing, re-opening, rating or parking never changes the
fingerprint, and any change to what the lock protects does. The fingerprint is
``offsite.domain.fingerprint.fingerprint(signed_content(document))``, computable from an exported
JSON file alone.

Left out too is ``DRAFTING_KEYS`` (``drafting``: whose draft a file is, and where a merge brought
each item from): locked like content, but not signed; ``DRAFTING_KEYS`` says why.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Row, inspect, select
from sqlalchemy.orm import Session

from offsite.domain.errors import ExportError
from offsite.domain.exercises import FUNNEL_INPUTS, SmartCriterion
from offsite.domain.fingerprint import fingerprint, without_later_defaults
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.signoff import split_overlap_key
from offsite.store.document import data
from offsite.store.document import registry as tables
from offsite.store.document.columns import moment_out, number_out, record_of
from offsite.store.document.data import LATER
from offsite.store.planfile import PlanFile

#: The sections of a document that a signature covers, in document order: everything the lock freezes.
SIGNED_CONTENT_KEYS = (
    "plan",
    "teams",
    "leaders",
    "company_goals",
    "objectives",
    "buy_in",
    "why_chains",
    "themes",
    "dismissed_suggestions",
    "team_goals",
    "funnels",
    "team_switches",
    "candidates",
    "votes",
    "definitions",
    "overlap_resolutions",
    "agreements",
)
#: The sections that record the sign-off process itself; a signature cannot cover them (signing adds to them).
PROCESS_KEYS = (
    "versions",
    "survey",
    "parking_lot",
    "agenda",
    # After the offsite: progress tracked against the plan, which no signature covers.
    "check_ins",
    "import_mappings",
    "objective_reviews",
    "wins",
    "alignment_readings",
    "previous_cycle",
)
#: The sections that record drafting and merging: whose draft a file is (``drafting.draft``, with the
#: pack's base fingerprints) and each merged item's origin (``drafting.merges``). Not signed content,
#: although a signed plan's lock freezes these rows too (a merge is refused into a signed plan):
#: the signed content's canonical form is what every earlier signature hashed, so a new signed
#: section would change the fingerprint of every plan signed before it, and their versions would
#: no longer verify. A signature covers what the plan says; where an item came from is its history.
DRAFTING_KEYS = ("drafting",)


#: Each SMART criterion of a candidate and the columns that hold its mark and its note.
_SMART_COLUMNS = tuple((k.value, f"smart_{k.value}", f"smart_{k.value}_note") for k in SmartCriterion)


#: A naive-UTC or aware datetime as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
utc_text = moment_out


def date_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def plan_document(plan: PlanFile) -> dict[str, Any]:
    """The whole plan as plain data keyed by uids, read in one transaction, in display order.

    This is the body of an interchange document (``offsite.exchange.interchange`` adds the
    envelope: format, version, generator, time) and the content a sign-off fingerprints.
    Raises ExportError when the file holds no plan details or a damaged value.
    """
    with plan.read() as s:
        return document_of(s, plan.name)


def document_of(s: Session, name: str, *, cadence: bool = True) -> dict[str, Any]:
    """``plan_document`` inside a transaction the caller holds: a merge reads the plan it is writing.

    ``cadence=False`` leaves out the review cadence's sections (``progress_sections``): no signature
    covers them, and years of check-ins are most of a tracked plan's rows.
    """
    s.flush()  # what the caller has written so far is read too (plain rows do not flush it first)
    found = _rows(s, tables.Plan, tables.Plan.id, limit=1)
    details = found[0] if found else None
    if details is None:
        raise ExportError(
            translate(
                "PlanDocument",
                "“{name}” holds no plan details, so it cannot be exported; run “offsite check” on it.",
            ).format(name=name)
        )
    teams = _rows(s, tables.Team, tables.Team.position, tables.Team.id)
    leaders = _rows(s, tables.Leader, tables.Leader.position, tables.Leader.id)
    goals = _rows(s, tables.CompanyGoal, tables.CompanyGoal.position, tables.CompanyGoal.id)
    objectives = _rows(s, tables.Objective, tables.Objective.position, tables.Objective.id)
    metrics: dict[int, list[Row[Any]]] = defaultdict(list)
    for metric in _rows(s, tables.Metric, tables.Metric.position, tables.Metric.id):
        metrics[metric.objective_id].append(metric)
    team_links: dict[int, list[int]] = defaultdict(list)
    for objective_id, team_id in s.execute(
        select(tables.ObjectiveTeam.objective_id, tables.ObjectiveTeam.team_id)
    ):
        team_links[objective_id].append(team_id)
    goal_links: dict[int, list[int]] = defaultdict(list)
    for objective_id, goal_id in s.execute(
        select(tables.ObjectiveGoal.objective_id, tables.ObjectiveGoal.goal_id)
    ):
        goal_links[objective_id].append(goal_id)
    origins: dict[int, list[Row[Any]]] = defaultdict(list)
    for origin in _rows(
        s, tables.ObjectiveOrigin, tables.ObjectiveOrigin.position, tables.ObjectiveOrigin.id
    ):
        origins[origin.objective_id].append(origin)
    stances = _rows(s, tables.StanceRecord, tables.StanceRecord.id)
    leader_uid = {p.id: p.uid for p in leaders}
    team_uid = {t.id: t.uid for t in teams}
    team_rank = {t.id: i for i, t in enumerate(teams)}
    goal_uid = {g.id: g.uid for g in goals}
    goal_rank = {g.id: i for i, g in enumerate(goals)}
    objective_uid = {o.id: o.uid for o in objectives}
    metric_uid = {m.id: m.uid for listed in metrics.values() for m in listed}
    definition_uid: dict[int, str] = {
        d.id: d.uid for d in s.execute(select(tables.Definition.id, tables.Definition.uid))
    }
    uids = {
        "Leader": leader_uid,
        "Team": team_uid,
        "Metric": metric_uid,
        "Definition": definition_uid,
        "Objective": {o.id: o.uid for o in objectives},
    }

    def uid_of(target: str, row_id: int | None) -> str | None:
        return None if row_id is None else uids[target][row_id]

    return {
        "plan": record_of(data.Plan, details._mapping, uid_of),
        "teams": [record_of(data.Team, t._mapping, uid_of) for t in teams],
        "leaders": [record_of(data.Leader, p._mapping, uid_of) for p in leaders],
        "company_goals": [record_of(data.CompanyGoal, g._mapping, uid_of) for g in goals],
        "objectives": [
            record_of(
                data.Objective,
                o._mapping,
                uid_of,
                teams=[team_uid[i] for i in sorted(team_links[o.id], key=team_rank.__getitem__)],
                company_goals=[goal_uid[i] for i in sorted(goal_links[o.id], key=goal_rank.__getitem__)],
                metrics=[record_of(data.Metric, m._mapping, uid_of) for m in metrics[o.id]],
                merged_from=[
                    {
                        "uid": g.uid,
                        "origin_uid": g.origin_uid,
                        "label": g.label,
                        "origin_candidate_uid": g.origin_candidate_uid,
                        "origin_label": g.origin_label,
                    }
                    for g in origins[o.id]
                ],
            )
            for o in objectives
        ],
        "buy_in": [
            {
                "uid": r.uid,
                "objective": objective_uid[r.objective_id],
                "leader": leader_uid[r.leader_id],
                "stance": r.stance,
                "comment": r.comment,
                "recorded_at": utc_text(r.recorded_at),
            }
            for r in stances
        ],
        **_brainstorm_sections(s, teams, leaders, goals),
        **_signoff_sections(s, teams, leaders),
        "agreements": agreements_section(s, uid_of, leader_uid),
        "parking_lot": [
            {
                "uid": p.uid,
                "text": p.text,
                "raised_at": utc_text(p.raised_at),
                "raised_in": p.raised_in,
                "resolved_at": None if p.resolved_at is None else utc_text(p.resolved_at),
                "resolution": p.resolution,
                "candidate_uid": p.candidate_uid,
            }
            for p in _rows(s, tables.ParkingItem, tables.ParkingItem.position, tables.ParkingItem.id)
        ],
        "agenda": agenda_section(s),
        "drafting": drafting_section(s, name),
        **(
            progress_sections(s, [o.id for o in objectives], metrics, leader_uid, objective_uid)
            if cadence
            else {}
        ),
    }


def _rows(s: Session, model: type[tables.Base], *order: Any, limit: int | None = None) -> list[Row[Any]]:
    """A table's rows as plain rows (an attribute per column), not ORM objects: nothing here writes
    them back, and a plan of thousands of objectives reads several times faster so."""
    statement = select(model.__table__).order_by(*order)
    if limit is not None:
        statement = statement.limit(limit)
    return list(s.execute(statement))


def signed_content(source: PlanFile | Mapping[str, Any]) -> dict[str, Any]:
    """What a signature covers: the ``SIGNED_CONTENT_KEYS`` sections of a plan or of a document.

    ``source`` is an open plan, or a document: ``plan_document``'s result or an interchange
    document as parsed from JSON (the envelope and the process sections are simply left out).
    Raises ExportError as ``plan_document`` does, and ValueError when a document lacks a section
    (a version 1 or 2 interchange document, before its reader has given it the later sections).
    """
    document: Mapping[str, Any]
    if isinstance(source, PlanFile):  # read without the check-ins and the rest of the cadence
        with source.read() as s:
            document = document_of(s, source.name, cadence=False)
    else:
        document = source
    missing = [key for key in SIGNED_CONTENT_KEYS if key not in document]
    if missing:
        raise ValueError(f"The document has no {', '.join(missing)}, so its signed content is incomplete.")
    content = {key: document[key] for key in SIGNED_CONTENT_KEYS}
    # Fields added since plans were first signed count only when set (offsite.domain.fingerprint.Later).
    return without_later_defaults(content, LATER)


def signed_fingerprints(content: Mapping[str, Any]) -> frozenset[str]:
    """The fingerprints a version may have been frozen with for ``content`` (``signed_content``'s result).

    Its own, and, while Offsite listed the buy-in histories by time rather than in the order
    recorded, the fingerprint of the same content listed that way, when it reads alike: the same
    entry current for every leader, so the plan says what was signed. A history listed otherwise
    only where that changes what a leader's current stance is was not what they signed.
    """
    found = {fingerprint(content)}
    by_time = _listed_by_time(content)
    if by_time is not None:
        found.add(fingerprint(by_time))
    return frozenset(found)


def _listed_by_time(content: Mapping[str, Any]) -> dict[str, Any] | None:
    """``content`` with each buy-in history listed by time (ties in their order), as before; None when
    that changes nothing, or changes a current stance."""

    def by_time(entries: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return sorted(entries, key=lambda e: dt.datetime.fromisoformat(e["recorded_at"]))

    def current(entries: list[Mapping[str, Any]], subject: str) -> dict[tuple[Any, Any], Any]:
        return {(e.get(subject), e["leader"]): e["uid"] for e in entries}  # the last listed wins

    try:
        buy_in = by_time(content["buy_in"])
        definitions = [{**d, "stances": by_time(d["stances"])} for d in content["definitions"]]
    except (KeyError, TypeError, ValueError):  # a time that is not one: nothing to compare
        return None
    if buy_in == content["buy_in"] and definitions == content["definitions"]:
        return None
    if current(buy_in, "objective") != current(content["buy_in"], "objective"):
        return None
    for then, now in zip(definitions, content["definitions"], strict=True):
        if current(then["stances"], "definition") != current(now["stances"], "definition"):
            return None
    return {**content, "buy_in": buy_in, "definitions": definitions}


def _depth_first(roots: list[Row[Any]], children: Mapping[int, list[Row[Any]]]) -> list[Row[Any]]:
    """Rows of a tree in display order: each parent before its answers."""
    ordered: list[Row[Any]] = []
    stack = list(reversed(roots))
    while stack:
        row = stack.pop()
        ordered.append(row)
        stack += reversed(children.get(row.id, []))
    return ordered


def _brainstorm_sections(
    s: Session, teams: list[Row[Any]], leaders: list[Row[Any]], goals: list[Row[Any]]
) -> dict[str, Any]:
    """The brainstorm rows as the version 2 sections, in the order the Brainstorm phase shows them."""
    team_uid = {t.id: t.uid for t in teams}
    team_rank = {t.id: i for i, t in enumerate(teams)}
    goal_uid = {g.id: g.uid for g in goals}
    goal_rank = {g.id: i for i, g in enumerate(goals)}
    leader_uid = {p.id: p.uid for p in leaders}
    leader_rank = {p.id: i for i, p in enumerate(leaders)}

    why = _rows(s, tables.WhyNode, tables.WhyNode.position, tables.WhyNode.id)
    why_children: dict[int, list[Row[Any]]] = defaultdict(list)
    for node in why:
        if node.parent_id is not None:
            why_children[node.parent_id].append(node)
    why_roots = sorted(
        (n for n in why if n.parent_id is None), key=lambda n: (team_rank.get(n.team_id, 0), n.position, n.id)
    )
    nodes = _depth_first(why_roots, why_children)
    node_uid = {n.id: n.uid for n in why}
    node_rank = {n.id: i for i, n in enumerate(nodes)}
    links: dict[int, list[int]] = defaultdict(list)
    for theme_id, node_id in s.execute(select(tables.ThemeLink.theme_id, tables.ThemeLink.node_id)):
        links[theme_id].append(node_id)

    team_goals = _rows(s, tables.TeamGoal, tables.TeamGoal.position, tables.TeamGoal.id)
    goal_children: dict[int, list[Row[Any]]] = defaultdict(list)
    for goal in team_goals:
        if goal.parent_id is not None:
            goal_children[goal.parent_id].append(goal)
    goal_roots = sorted(
        (g for g in team_goals if g.parent_id is None),
        key=lambda g: (goal_rank.get(g.company_goal_id, 0), g.position, g.id),
    )
    team_goal_uid = {g.id: g.uid for g in team_goals}

    funnels = sorted(_rows(s, tables.Funnel), key=lambda f: (goal_rank.get(f.company_goal_id, 0), f.id))
    items: dict[int, list[Row[Any]]] = defaultdict(list)
    for item in _rows(s, tables.SwitchItem, tables.SwitchItem.position, tables.SwitchItem.id):
        items[item.switch_id].append(item)
    notes: dict[int, list[Row[Any]]] = defaultdict(list)
    for note in _rows(s, tables.EmpathyNote, tables.EmpathyNote.id):
        notes[note.switch_id].append(note)
    candidates = _rows(s, tables.Candidate, tables.Candidate.position, tables.Candidate.id)
    candidate_uid = {c.id: c.uid for c in candidates}
    candidate_rank = {c.id: i for i, c in enumerate(candidates)}
    votes = sorted(
        _rows(s, tables.DotVote),
        key=lambda v: (leader_rank.get(v.leader_id, 0), candidate_rank.get(v.candidate_id, 0)),
    )
    uids = {"Team": team_uid, "WhyNode": node_uid, "CompanyGoal": goal_uid, "TeamGoal": team_goal_uid}

    def uid_of(target: str, row_id: int | None) -> str | None:
        return None if row_id is None else uids[target][row_id]

    return {
        "why_chains": [record_of(data.WhyNode, n._mapping, uid_of) for n in nodes],
        "themes": [
            {
                "uid": t.uid,
                "name": t.name,
                "nodes": [node_uid[i] for i in sorted(links[t.id], key=lambda i: node_rank.get(i, 0))],
            }
            for t in _rows(s, tables.Theme, tables.Theme.position, tables.Theme.id)
        ],
        "dismissed_suggestions": [
            {"uid": d.uid, "first": d.first_uid, "second": d.second_uid}
            for d in _rows(s, tables.DismissedSuggestion, tables.DismissedSuggestion.id)
        ],
        "team_goals": [
            record_of(data.TeamGoal, g._mapping, uid_of) for g in _depth_first(goal_roots, goal_children)
        ],
        "funnels": [
            {
                "uid": f.uid,
                "company_goal": goal_uid[f.company_goal_id],
                **{name: number_out(getattr(f, name)) for name in FUNNEL_INPUTS},
                "quarters": _stored_list(f.quarters, _QUARTERS_DAMAGED),
                "weights": None
                if f.weights is None
                else [number_out(w) for w in _stored_list(f.weights, _WEIGHTS_DAMAGED)],
            }
            for f in funnels
        ],
        "team_switches": [
            {
                "uid": w.uid,
                "player_team": team_uid[w.player_team_id],
                "played_team": team_uid[w.played_team_id],
                "prepare_minutes": w.prepare_minutes,
                "present_minutes": w.present_minutes,
                "items": [
                    {"uid": i.uid, "side": i.side, "kind": i.kind, "text": i.text} for i in items[w.id]
                ],
                "empathy_notes": [
                    {"uid": n.uid, "team": team_uid[n.team_id], "text": n.text} for n in notes[w.id]
                ],
            }
            for w in _rows(s, tables.TeamSwitch, tables.TeamSwitch.position, tables.TeamSwitch.id)
        ],
        "candidates": [
            {
                "uid": c.uid,
                "team": None if c.team_id is None else team_uid[c.team_id],
                "text": c.text,
                "exercise": c.exercise,
                "origin_uid": c.origin_uid,
                "origin_label": c.origin_label,
                "smart": {
                    criterion: {"value": c._mapping[value], "note": c._mapping[note]}
                    for criterion, value, note in _SMART_COLUMNS
                },
                "impact": c.impact,
                "shortlisted": bool(c.shortlisted),
            }
            for c in candidates
        ],
        "votes": [
            {"leader": leader_uid[v.leader_id], "candidate": candidate_uid[v.candidate_id], "dots": v.dots}
            for v in votes
        ],
    }


def _signoff_sections(s: Session, teams: list[Row[Any]], leaders: list[Row[Any]]) -> dict[str, Any]:
    """Definitions, overlap resolutions, versions and the survey: the version 3 sections."""
    team_uid = {t.id: t.uid for t in teams}
    leader_uid = {p.id: p.uid for p in leaders}
    leader_rank = {p.id: i for i, p in enumerate(leaders)}
    definition_stances: dict[int, list[Row[Any]]] = defaultdict(list)
    for stance in _rows(s, tables.DefinitionStance, tables.DefinitionStance.id):
        definition_stances[stance.definition_id].append(stance)
    signatures: dict[int, list[Row[Any]]] = defaultdict(list)
    for signature in _rows(s, tables.Signature, tables.Signature.signed_at, tables.Signature.id):
        signatures[signature.version_id].append(signature)
    reopenings = {r.version_id: r for r in _rows(s, tables.Reopening)}
    withdrawals: dict[int, list[Row[Any]]] = defaultdict(list)
    for withdrawal in _rows(
        s, tables.SignatureWithdrawal, tables.SignatureWithdrawal.withdrawn_at, tables.SignatureWithdrawal.id
    ):
        withdrawals[withdrawal.version_id].append(withdrawal)
    ratings = sorted(
        _rows(s, tables.SurveyRating), key=lambda r: (leader_rank.get(r.leader_id, len(leaders)), r.id)
    )
    return {
        "definitions": [
            {
                "uid": d.uid,
                "term": d.term,
                "definition": d.definition,
                "team": None if d.team_id is None else team_uid[d.team_id],
                "stances": [
                    {
                        "uid": r.uid,
                        "leader": leader_uid[r.leader_id],
                        "stance": r.stance,
                        "comment": r.comment,
                        "recorded_at": utc_text(r.recorded_at),
                    }
                    for r in definition_stances[d.id]
                ],
            }
            for d in _rows(s, tables.Definition, tables.Definition.position, tables.Definition.id)
        ],
        "overlap_resolutions": [
            {
                "uid": r.uid,
                **_key_fields(r.key),
                "action": r.action,
                "note": r.note,
                "resolved_at": utc_text(r.resolved_at),
                "merged_objective_uid": r.merged_objective_uid,
            }
            for r in _rows(
                s, tables.OverlapResolution, tables.OverlapResolution.resolved_at, tables.OverlapResolution.id
            )
        ],
        "versions": [
            {
                "uid": v.uid,
                "number": v.number,
                "frozen_at": utc_text(v.frozen_at),
                "frozen_by": v.frozen_by,
                "override_reason": v.override_reason,
                "content": v.content,
                "fingerprint": v.fingerprint,
                "signatures": [
                    {
                        "uid": g.uid,
                        "leader_uid": g.leader_uid,
                        "leader_name": g.leader_name,
                        "initials": g.initials,
                        "signed_at": utc_text(g.signed_at),
                        "signed_by": g.signed_by,
                        "behalf_reason": g.behalf_reason,
                    }
                    for g in signatures[v.id]
                ],
                "reopening": None
                if (r := reopenings.get(v.id)) is None
                else {"uid": r.uid, "by": r.by, "at": utc_text(r.at), "reason": r.reason},
                "withdrawals": [
                    {
                        "uid": w.uid,
                        "signature_uid": w.signature_uid,
                        "leader_uid": w.leader_uid,
                        "leader_name": w.leader_name,
                        "initials": w.initials,
                        "signed_at": utc_text(w.signed_at),
                        "signed_by": w.signed_by,
                        "behalf_reason": w.behalf_reason,
                        "withdrawn_at": utc_text(w.withdrawn_at),
                    }
                    for w in withdrawals[v.id]
                ],
            }
            for v in _rows(s, tables.PlanVersion, tables.PlanVersion.number)
        ],
        "survey": [
            {
                "uid": r.uid,
                "leader": leader_uid[r.leader_id],
                "rating": r.rating,
                "comment": r.comment,
                "rated_at": utc_text(r.rated_at),
            }
            for r in ratings
        ],
    }


def agreements_section(
    s: Session, uid_of: Callable[[str, int | None], str | None], leader_uid: Mapping[int, str]
) -> list[dict[str, Any]]:
    """The agreements beyond goals, in display order, each with its buy-in history as recorded."""
    stances: dict[int, list[Row[Any]]] = defaultdict(list)
    for stance in _rows(s, tables.AgreementStance, tables.AgreementStance.id):
        stances[stance.agreement_id].append(stance)
    return [
        record_of(
            data.Agreement,
            a._mapping,
            uid_of,
            stances=[
                {
                    "uid": r.uid,
                    "leader": leader_uid[r.leader_id],
                    "stance": r.stance,
                    "comment": r.comment,
                    "recorded_at": utc_text(r.recorded_at),
                }
                for r in stances[a.id]
            ],
        )
        for a in _rows(s, tables.Agreement, tables.Agreement.position, tables.Agreement.id)
    ]


def _key_fields(key: str) -> dict[str, str]:
    """An overlap resolution's stored key as the document's rule, first and second uid."""
    try:
        rule, first, second = split_overlap_key(key)
    except ValueError:
        raise ExportError(
            translate(
                "PlanDocument",
                "an overlap resolution's key (“{key}”) cannot be read; run “offsite check” on the plan",
            ).format(key=key)
        ) from None
    return {"rule": rule, "first": first, "second": second}


#: The sentences that refuse a stored JSON list Offsite cannot read (translated where raised).
_QUARTERS_DAMAGED = QT_TRANSLATE_NOOP(
    "PlanDocument", "a reverse funnel's quarters cannot be read; run “offsite check” on the plan"
)
_WEIGHTS_DAMAGED = QT_TRANSLATE_NOOP(
    "PlanDocument", "a reverse funnel's weights cannot be read; run “offsite check” on the plan"
)
_FILTERS_DAMAGED = QT_TRANSLATE_NOOP(
    "PlanDocument",
    "The plan's import mapping filters are damaged, so it cannot be exported; run “offsite check” on it.",
)
_ALIASES_DAMAGED = QT_TRANSLATE_NOOP(
    "PlanDocument",
    "The plan's import mapping aliases are damaged, so it cannot be exported; run “offsite check” on it.",
)


def _stored_list(text: str, damaged: str) -> Any:
    """A funnel's stored JSON list; what cannot be read is refused as a damaged plan (``damaged``, the
    sentence that says so, is marked for translation where it is written)."""
    try:
        value = json.loads(text)
    except ValueError:
        raise ExportError(translate("PlanDocument", damaged)) from None
    return value


def agenda_section(s: Session) -> dict[str, Any]:
    """The day's agenda (a process section): its items in order, and the day's start and state.

    A running item that has since been removed is no longer running: the section names only listed items.
    """
    from offsite.store.models import AgendaDay, AgendaItem

    items = _rows(s, AgendaItem, AgendaItem.position, AgendaItem.id)
    days = _rows(s, AgendaDay, AgendaDay.id, limit=1)
    day = days[0] if days else None
    running = (
        day is not None and day.item_started_at is not None and day.current_item_uid in {i.uid for i in items}
    )
    return {
        "items": [{"uid": i.uid, "title": i.title, "minutes": i.minutes, "view": i.view} for i in items],
        "day": {
            "starts_at": "09:00" if day is None else day.starts_at,
            "current_item_uid": day.current_item_uid if running and day is not None else None,
            "item_started_at": utc_text(day.item_started_at)
            if running and day is not None and day.item_started_at is not None
            else None,
        },
    }


def drafting_section(s: Session, name: str) -> dict[str, Any]:
    """Drafting and merging (``DRAFTING_KEYS``): the file's draft marking and the plan's merge records.

    ``draft`` is null in a plan; in a leader's draft it says whose draft of which plan it is, with
    ``bases``: each pack item's fingerprint at export, the first merge's common ancestor.
    ``merges`` lists each item a merge brought or settled, in the order written (``merged_at`` is
    the merging machine's clock): its origin, and both sides' fingerprints then, the next merge's
    common ancestor. A file older than drafts (read without upgrading) has neither.
    Raises ExportError for what the section cannot carry: more than one draft marking, or
    base fingerprints in a file that is no draft.
    """
    if not inspect(s.connection()).has_table("merge_record"):
        return {"draft": None, "merges": []}
    markings = _rows(s, tables.Draft, tables.Draft.id, limit=2)
    bases = _rows(s, tables.DraftBase, tables.DraftBase.id)
    if len(markings) > 1:
        raise ExportError(
            translate(
                "PlanDocument",
                "“{name}” is marked as more than one draft, so it cannot be exported; "
                "run “offsite check” on it.",
            ).format(name=name)
        )
    if bases and not markings:
        raise ExportError(
            translate(
                "PlanDocument",
                "“{name}” holds a draft pack's base fingerprints but is marked as no draft, so it cannot be "
                "exported; run “offsite check” on it.",
            ).format(name=name)
        )
    draft = None
    if markings:
        d = markings[0]
        draft = {
            "uid": d.uid,
            "plan_uid": d.plan_uid,
            "plan_title": d.plan_title,
            "leader_uid": d.leader_uid,
            "leader_name": d.leader_name,
            "made_at": utc_text(d.made_at),
            "revision": d.revision,
            "bases": [{"item_key": b.item_key, "fingerprint": b.fingerprint} for b in bases],
        }
    return {
        "draft": draft,
        "merges": [
            {
                "uid": r.uid,
                "draft_uid": r.draft_uid,
                "item_key": r.item_key,
                "section": r.section,
                "action": r.action,
                "leader_uid": r.leader_uid,
                "leader_name": r.leader_name,
                "draft_name": r.draft_name,
                "merged_at": utc_text(r.merged_at),
                "draft_fingerprint": r.draft_fingerprint,
                "plan_fingerprint": r.plan_fingerprint,
                "draft_revision": r.draft_revision,
            }
            for r in _rows(s, tables.MergeRecord, tables.MergeRecord.id)
        ],
    }


def progress_sections(
    s: Session,
    objective_order: list[int],
    metrics: Mapping[int, list[Row[Any]]],
    leader_uid: Mapping[int, str],
    objective_uid: Mapping[int, str],
) -> dict[str, Any]:
    """The review cadence's sections (process records): check-ins, import mappings, quarter reviews,
    wins, alignment readings and the previous cycle. ``metrics`` are the plan's, by objective id.

    Check-ins list by metric (in plan order), then day, then source; quarter reviews by quarter,
    then objective (in plan order). A file older than the cadence (read without upgrading) has none.
    """
    if not inspect(s.connection()).has_table("check_in"):
        return {key: [] for key in PROCESS_KEYS[4:-1]} | {"previous_cycle": None}
    metric_order = [m for objective_id in objective_order for m in metrics.get(objective_id, [])]
    metric_uid = {m.id: m.uid for m in metric_order}
    metric_rank = {m.id: i for i, m in enumerate(metric_order)}
    objective_rank = {o: i for i, o in enumerate(objective_order)}
    uids = {"Leader": leader_uid, "Metric": metric_uid, "Objective": objective_uid}

    def uid_of(target: str, row_id: int | None) -> str | None:
        return None if row_id is None else uids[target][row_id]

    check_ins = sorted(
        _rows(s, tables.CheckIn, tables.CheckIn.as_of, tables.CheckIn.source, tables.CheckIn.id),
        key=lambda c: metric_rank[c.metric_id],  # stable: day, then source, within each metric
    )
    reviews = sorted(
        _rows(s, tables.ObjectiveReview, tables.ObjectiveReview.period, tables.ObjectiveReview.id),
        key=lambda r: (r.period, objective_rank[r.objective_id]),
    )
    cycles = _rows(s, tables.PreviousCycle, tables.PreviousCycle.id, limit=1)
    return {
        "check_ins": [record_of(data.CheckIn, c._mapping, uid_of) for c in check_ins],
        "import_mappings": [
            record_of(
                data.ImportMapping,
                m._mapping,
                uid_of,
                filters=_json_list(m.filters, _FILTERS_DAMAGED),
                aliases=_json_list(m.aliases, _ALIASES_DAMAGED),
            )
            for m in _rows(s, tables.ImportMapping, tables.ImportMapping.name, tables.ImportMapping.id)
        ],
        "objective_reviews": [record_of(data.ObjectiveReview, r._mapping, uid_of) for r in reviews],
        "wins": [
            record_of(data.Win, w._mapping, uid_of)
            for w in _rows(s, tables.Win, tables.Win.on, tables.Win.id)
        ],
        "alignment_readings": [
            record_of(data.AlignmentReading, a._mapping, uid_of)
            for a in _rows(s, tables.AlignmentReading, tables.AlignmentReading.period)
        ],
        "previous_cycle": (
            record_of(data.PreviousCycle, {**cycles[0]._mapping, "uid": None}, uid_of) if cycles else None
        ),
    }


def _json_list(text: str, damaged: str) -> list[Any]:
    """A JSON list column as stored; the document's validation checks what each item holds.
    ``damaged`` is the sentence that refuses it, marked for translation where it is written."""
    try:
        value = json.loads(text)
    except ValueError:
        raise ExportError(translate("PlanDocument", damaged)) from None
    if not isinstance(value, list):
        raise ExportError(translate("PlanDocument", damaged))
    return value

"""Generic edit results and their inverses: update, remove (with cascade capture), restore, reorder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from offsite.domain import rules
from offsite.domain.errors import EditRefusedError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.values import Kind
from offsite.services.outbox import removal
from offsite.services.signatures import final_signatures_refusal
from offsite.store.document import declared
from offsite.store.document.registry import KIND_MODELS
from offsite.store.models import (
    CLEARED_ON_REMOVE,
    Base,
    Leader,
    PlanVersion,
    Reopening,
    Signature,
)
from offsite.store.planfile import PlanFile
from offsite.store.room import RESTORABLE, RESTORE_FUNCTION

#: The table of each kind of row, from the one registry of a plan's tables.
MODELS = KIND_MODELS

#: The fields a user may change, per kind (by column), and the rule each typed value is held to: as the
#: plan's declaration (``offsite.store.document.data``) says, so a field declared there is editable here
#: without another list. Read from what was generated from it (``declared``): the verbs load after the
#: plan is shown, and the declaration (pydantic) would cost them a third of a second on the UI thread.
#: What a version, its signatures, a buy-in entry hold is a record: nothing.
EDITABLE: dict[Kind, dict[str, str]] = {kind: declared.editable(kind.value) for kind in KIND_MODELS}


#: Each kind of row as a leader says it in a refusal (English: the kind's own noun).
_NOUNS: dict[Kind, str] = {
    Kind.PLAN: QT_TRANSLATE_NOOP("PlanChanges", "plan"),
    Kind.TEAM: QT_TRANSLATE_NOOP("PlanChanges", "team"),
    Kind.LEADER: QT_TRANSLATE_NOOP("PlanChanges", "leader"),
    Kind.GOAL: QT_TRANSLATE_NOOP("PlanChanges", "goal"),
    Kind.OBJECTIVE: QT_TRANSLATE_NOOP("PlanChanges", "objective"),
    Kind.METRIC: QT_TRANSLATE_NOOP("PlanChanges", "metric"),
    Kind.STANCE: QT_TRANSLATE_NOOP("PlanChanges", "stance"),
    Kind.WHY_NODE: QT_TRANSLATE_NOOP("PlanChanges", "why node"),
    Kind.THEME: QT_TRANSLATE_NOOP("PlanChanges", "theme"),
    Kind.DISMISSAL: QT_TRANSLATE_NOOP("PlanChanges", "dismissal"),
    Kind.TEAM_GOAL: QT_TRANSLATE_NOOP("PlanChanges", "team goal"),
    Kind.FUNNEL: QT_TRANSLATE_NOOP("PlanChanges", "funnel"),
    Kind.SWITCH: QT_TRANSLATE_NOOP("PlanChanges", "team switch"),
    Kind.SWITCH_ITEM: QT_TRANSLATE_NOOP("PlanChanges", "switch item"),
    Kind.EMPATHY_NOTE: QT_TRANSLATE_NOOP("PlanChanges", "empathy note"),
    Kind.CANDIDATE: QT_TRANSLATE_NOOP("PlanChanges", "candidate"),
    Kind.VOTE: QT_TRANSLATE_NOOP("PlanChanges", "vote"),
    Kind.DEFINITION: QT_TRANSLATE_NOOP("PlanChanges", "definition"),
    Kind.DEFINITION_STANCE: QT_TRANSLATE_NOOP("PlanChanges", "definition stance"),
    Kind.AGREEMENT: QT_TRANSLATE_NOOP("PlanChanges", "agreement"),
    Kind.AGREEMENT_STANCE: QT_TRANSLATE_NOOP("PlanChanges", "agreement stance"),
    Kind.OVERLAP_RESOLUTION: QT_TRANSLATE_NOOP("PlanChanges", "overlap resolution"),
    Kind.VERSION: QT_TRANSLATE_NOOP("PlanChanges", "plan version"),
    Kind.SIGNATURE: QT_TRANSLATE_NOOP("PlanChanges", "signature"),
    Kind.REOPENING: QT_TRANSLATE_NOOP("PlanChanges", "reopening"),
    Kind.SURVEY_RATING: QT_TRANSLATE_NOOP("PlanChanges", "survey rating"),
    Kind.PARKED: QT_TRANSLATE_NOOP("PlanChanges", "parking item"),
    Kind.AGENDA_ITEM: QT_TRANSLATE_NOOP("PlanChanges", "agenda item"),
    Kind.AGENDA_DAY: QT_TRANSLATE_NOOP("PlanChanges", "agenda day"),
    Kind.CHECK_IN: QT_TRANSLATE_NOOP("PlanChanges", "check in"),
    Kind.IMPORT_MAPPING: QT_TRANSLATE_NOOP("PlanChanges", "import mapping"),
    Kind.OBJECTIVE_REVIEW: QT_TRANSLATE_NOOP("PlanChanges", "objective review"),
    Kind.WIN: QT_TRANSLATE_NOOP("PlanChanges", "win"),
    Kind.ALIGNMENT_READING: QT_TRANSLATE_NOOP("PlanChanges", "alignment reading"),
}


def noun(kind: Kind) -> str:
    """The kind of row as a leader says it, in the leader's language."""
    return translate("PlanChanges", _NOUNS[kind]) if kind in _NOUNS else kind.noun


@dataclass(frozen=True, slots=True)
class Created:
    kind: Kind
    id: int


@dataclass(frozen=True, slots=True)
class Updated:
    kind: Kind
    id: int
    previous: Mapping[str, Any]


#: The kind of row a reference of each shape names, checked before it is stored.
_REFERENCED = {rule: Kind(kind) for rule, kind in declared.references().items()}


@dataclass(frozen=True, slots=True)
class Removed:
    """A deleted row and everything its deletion cascaded to, ready to be restored as it was.

    ``cleared``: the rows that named it, or a row its deletion cascaded to, in a column the removal
    clears (an owner; a win's objective; a saved mapping's metric), as (table, id, column, the id
    named), so that restoring it names it there again.
    """

    kind: Kind
    id: int
    rows: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=())
    cleared: tuple[tuple[str, int, str, Any], ...] = field(default=())


def _clean_value(kind: Kind, name: str, value: Any) -> Any:
    label = name.replace("_", " ").capitalize()
    shape = EDITABLE[kind].get(name)
    if shape is None:
        if kind.value[0] in "aeiou":
            refusal = translate("PlanChanges", "{field} cannot be changed on an {kind}.")
        else:
            refusal = translate("PlanChanges", "{field} cannot be changed on a {kind}.")
        raise EditRefusedError(refusal.format(field=label, kind=noun(kind)))
    return rules.clean(shape, value, label)


def _get(session: Session, kind: Kind, row_id: int) -> Any:
    row = session.get(MODELS[kind], row_id)
    if row is None:
        raise EditRefusedError(
            translate("PlanChanges", "That {kind} no longer exists in the plan (removed elsewhere?).").format(
                kind=noun(kind)
            )
        )
    return row


def update_fields(plan: PlanFile, kind: Kind, row_id: int, changes: Mapping[str, Any]) -> Updated:
    """Change fields of one row; returns the previous values, which undo passes back in."""
    cleaned = {name: _clean_value(kind, name, value) for name, value in changes.items()}
    with plan.write() as session:
        row = _get(session, kind, row_id)
        for name, value in cleaned.items():
            named = _REFERENCED.get(EDITABLE[kind][name])
            if named is not None and value is not None:
                _get(session, named, value)
        previous = {name: getattr(row, name) for name in cleaned}
        for name, value in cleaned.items():
            setattr(row, name, value)
    return Updated(kind, row_id, previous)


def _table(kind: Kind) -> Table:
    table = MODELS[kind].__table__
    assert isinstance(table, Table)
    return table


def _capture(
    session: Session,
    table: Table,
    where: ColumnElement[bool],
    seen: set[tuple[str, tuple[Any, ...]]] | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """The rows matching ``where`` and, recursively, every row that deleting them cascades to.

    A row reached along two paths (a team's why-node that is also the answer to another of its
    nodes; a team's empathy note in the team's own switch) is captured once, so restore can put it back.
    """
    seen = set() if seen is None else seen
    rows = []
    for mapping in session.execute(select(table).where(where)).mappings():
        key = (table.name, tuple(mapping[c.name] for c in table.primary_key.columns))
        if key not in seen:
            seen.add(key)
            rows.append(dict(mapping))
    captured = [(table.name, row) for row in rows]
    if not rows:
        return captured
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table and fk.ondelete == "CASCADE":
                keys = [row[fk.column.name] for row in rows]
                captured += _capture(session, child, fk.parent.in_(keys), seen)
    return captured


def _parents_first(table: Table, rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Order rows of a table that points at itself (a tree) so that each parent precedes its children."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return rows
    pending, ordered, placed = list(rows), [], set[Any]()
    present = {row[fk.column.name] for row in rows for fk in own}
    while pending:
        ready = [
            row
            for row in pending
            if all(
                row[fk.parent.name] is None
                or row[fk.parent.name] in placed
                or row[fk.parent.name] not in present
                for fk in own
            )
        ]
        if not ready:  # a cycle cannot be stored, so cannot have been captured; keep going anyway
            ready = pending[:1]
        for row in ready:
            ordered.append(row)
            placed.update(row[fk.column.name] for fk in own)
        pending = [row for row in pending if not any(row is r for r in ready)]
    return ordered


@removal
def remove(plan: PlanFile, kind: Kind, row_id: int) -> Removed:
    """Delete one row (and what cascades from it); returns all of it for ``restore``.

    Raises EditRefusedError for a team that still has leaders: they would lose their team silently.
    """
    table = _table(kind)
    with plan.write() as session:
        row = _get(session, kind, row_id)
        if kind is Kind.TEAM:
            count = (
                session.scalar(select(func.count()).select_from(Leader).where(Leader.team_id == row_id)) or 0
            )
            if count:
                refusal = plural(
                    count,
                    translate(
                        "PlanChanges",
                        "{team} still has {count} leader: move them to another team or remove them first.",
                    ),
                    translate(
                        "PlanChanges",
                        "{team} still has {count} leaders: move them to another team or remove them first.",
                    ),
                )
                raise EditRefusedError(refusal.format(team=row.name, count=format_number(count)))
        if kind is Kind.PLAN:
            raise EditRefusedError(translate("PlanChanges", "The plan itself cannot be removed."))
        if kind is Kind.VERSION:
            _check_version_removable(session, row)
        if kind is Kind.SIGNATURE:
            _check_signature_removable(session, row)
        if kind is Kind.REOPENING:
            raise EditRefusedError(
                translate(
                    "PlanChanges",
                    "A re-opening is part of the record and stays; freeze a new version to sign again.",
                )
            )
        rows = _capture(session, table, table.c.id == row_id)
        cleared = detach(session, rows)
        session.delete(row)
    return Removed(kind, row_id, tuple(rows), cleared)


def detach(
    session: Session, rows: Sequence[tuple[str, Mapping[str, Any]]]
) -> tuple[tuple[str, int, str, Any], ...]:
    """Inside a verb's transaction, before deleting ``rows`` (as ``capture`` gives them): clear every
    column marked ``CLEARED_ON_REMOVE`` that names one of them; returns where each was, for ``reattach``.

    Removing a leader who owns objectives, methods or metrics leaves them without an owner in the
    same step, rather than refusing: a leader leaving the room should not wait on a round of
    reassignments, and the plan shows “No owner” where a new one is to be chosen. The same holds for
    what a removal cascades to: removing an objective leaves its wins, and a saved import mapping
    of one of its metrics, naming none.
    """
    named: dict[str, list[Mapping[str, Any]]] = {}
    for name, row in rows:
        named.setdefault(name, []).append(row)
    cleared: list[tuple[str, int, str, Any]] = []
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            gone = named.get(fk.column.table.name)
            if not gone or not fk.parent.info.get(CLEARED_ON_REMOVE):
                continue
            keys = list({row[fk.column.name] for row in gone})
            found = session.execute(select(child.c.id, fk.parent).where(fk.parent.in_(keys))).all()
            if found:
                ids = [i for i, _ in found]
                session.execute(update(child).where(child.c.id.in_(ids)).values({fk.parent.name: None}))
                cleared += [(child.name, i, fk.parent.name, value) for i, value in found]
    return tuple(cleared)


def reattach(session: Session, cleared: Sequence[tuple[str, int, str, Any]]) -> None:
    """Inside a verb's transaction, once the rows are back: name them again where ``detach`` cleared them."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    for name, row_id, column, value in cleared:
        table = tables[name]
        session.execute(update(table).where(table.c.id == row_id).values({column: value}))


def _check_signature_removable(session: Session, signature: Any) -> None:
    """Undoing a signature takes it out as if never given: only while its version awaits other leaders.

    Once every leader has signed, the signatures are final; a re-opened version's stay in the record.
    """
    refusal = final_signatures_refusal(session, signature.version_id)
    if refusal is not None:
        raise EditRefusedError(refusal)


def _check_version_removable(session: Session, version: Any) -> None:
    """Only undoing a freeze removes a version: the latest one, before anyone signed or re-opened it."""
    signed = session.scalar(
        select(func.count()).select_from(Signature).where(Signature.version_id == version.id)
    )
    if signed:
        raise EditRefusedError(
            translate(
                "PlanChanges",
                "Version {number} has been signed, so freezing it cannot be undone; re-open the plan instead.",
            ).format(number=version.number)
        )
    if session.scalar(select(Reopening.id).where(Reopening.version_id == version.id)) is not None:
        raise EditRefusedError(
            translate("PlanChanges", "Version {number} has been re-opened; it stays in the record.").format(
                number=version.number
            )
        )
    latest = session.scalar(select(func.max(PlanVersion.number)))
    if latest != version.number:
        raise EditRefusedError(
            translate(
                "PlanChanges", "Version {number} is an earlier version; earlier versions are kept."
            ).format(number=version.number)
        )


def capture(session: Session, kind: Kind, ids: Sequence[int]) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    """Inside a verb's transaction: the rows ``ids`` and all that deleting them cascades to.

    What ``put_back`` needs to make them again, as ``remove`` captures for ``restore``.
    """
    table = _table(kind)
    return tuple(_capture(session, table, table.c.id.in_(list(ids))))


def put_back(session: Session, rows: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
    """Inside a verb's transaction: insert captured rows again, parents before children, same ids."""
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    by_table: dict[str, list[Mapping[str, Any]]] = {}
    for name, row in rows:
        by_table.setdefault(name, []).append(row)
    hosted = session.get_bind().dialect.name == "postgresql"
    for name in sorted(by_table, key=order.__getitem__):
        for row in _parents_first(tables[name], by_table[name]):
            if hosted and name in RESTORABLE:
                # A room's server: a leader's record comes back only as it was removed (store.room.schema).
                session.execute(
                    text(f"SELECT {RESTORE_FUNCTION}(:target, CAST(:row AS jsonb))"),
                    {"target": name, "row": _as_json(tables[name], row)},
                )
            else:
                session.execute(insert(tables[name]).values(**row))


def _as_json(table: Table, row: Mapping[str, Any]) -> str:
    """A captured row as PostgreSQL's ``to_jsonb`` writes it: dates and times in ISO form."""
    import json

    def value(item: Any) -> Any:
        return item.isoformat() if isinstance(item, (dt.date, dt.datetime)) else item

    return json.dumps({column.name: value(row.get(column.name)) for column in table.columns})


def restore(plan: PlanFile, removed: Removed) -> Created:
    """Put back exactly what ``remove`` took out, with the same ids."""
    with plan.write() as session:
        put_back(session, removed.rows)
        reattach(session, removed.cleared)
    return Created(removed.kind, removed.id)


def reorder(plan: PlanFile, kind: Kind, ordered_ids: Sequence[int]) -> Updated:
    """Give the listed rows the order listed, reusing their current positions.

    Returns the previous order (in ``previous["order"]``) for undo.
    """
    table = _table(kind)
    ids = list(ordered_ids)
    with plan.write() as session:
        current = session.execute(
            select(table.c.id, table.c.position)
            .where(table.c.id.in_(ids))
            .order_by(table.c.position, table.c.id)
        ).all()
        if len(current) != len(set(ids)):
            raise EditRefusedError(
                translate("PlanChanges", "Some of those {kind}s no longer exist in the plan.").format(
                    kind=noun(kind)
                )
            )
        previous = [row.id for row in current]
        slots = sorted(row.position for row in current)
        # Positions may collide (rows added at the same slot); spread them to keep the order strict.
        for index, slot in enumerate(slots):
            if index and slot <= slots[index - 1]:
                slots[index] = slots[index - 1] + 1
        for row_id, position in zip(ids, slots, strict=True):
            session.execute(update(table).where(table.c.id == row_id).values(position=position))
    return Updated(kind, ids[0] if ids else 0, {"order": previous})


class _NewRow(Protocol):
    @property
    def id(self) -> int: ...


def add_row(session: Session, kind: Kind, row: _NewRow) -> Created:
    """Add a new ``kind`` row in the caller's transaction and return it as created, with its id."""
    session.add(row)
    session.flush()
    return Created(kind, row.id)


def next_position(session: Session, kind: Kind) -> int:
    table = _table(kind)
    return int(session.scalar(select(func.coalesce(func.max(table.c.position), -1))) or 0) + 1

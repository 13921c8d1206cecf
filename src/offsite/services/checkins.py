"""Check-ins: each metric's actual value as of a day, typed in the weekly review or imported.

A check-in is a process record (``offsite.store.lock``): a signed plan still takes it, and no
fingerprint covers it, so tracking progress never touches what the leaders signed. There is one
check-in per metric, day and source (blank: typed in Offsite; else the import mapping's name):
typing a day's actual again replaces it, and importing the same file twice finds every row there.

Every verb is one transaction and returns what undo needs, like the other verbs. Values are held
to the rules a typed value keeps (``offsite.domain.rules``), whether typed or imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from offsite.domain import rules
from offsite.domain.checkins import CheckInView, LatestCheckIns, Reading, ReadingPlan, reading_source
from offsite.domain.errors import EditRefusedError, NotAPlanError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.rules import clean_number, clean_text
from offsite.domain.values import Kind
from offsite.services.buyin import utc_now
from offsite.services.changes import Created, Updated, add_row
from offsite.services.outbox import sendable
from offsite.store.models import (
    AlignmentReading,
    CheckIn,
    ImportMapping,
    Leader,
    Metric,
    Objective,
    ObjectiveReview,
    Win,
)
from offsite.store.planfile import PlanFile

#: The largest value a check-in holds (``domain.rules.MAX_ACTUAL``).
MAX_VALUE = rules.MAX_ACTUAL
#: How many of a metric's latest check-ins the weekly screen reads (the confidence trend's length).
RECENT = 3


def clean_value(value: Any, label: str | None = None) -> float:
    """A check-in's value as stored: a finite number of sane size; EditRefusedError otherwise."""
    return rules.clean_actual(value, translate("CheckIns", "Actual") if label is None else label)


def clean_day(value: Any, label: str | None = None) -> dt.date:
    """A check-in's or a win's day: a date within the years a plan tracks; EditRefusedError otherwise."""
    if label is None:
        label = translate("CheckIns", "Date")
    if isinstance(value, str):  # typed days are dates; a string is a document's, read as a date
        raise EditRefusedError(translate("CheckIns", "{field} must be a date.").format(field=label))
    return rules.clean_tracked_day(value, label)


def _view(row: Any) -> CheckInView:
    # SQLite keeps whatever a hand-edited file holds: only what the app could have written passes.
    if isinstance(row.value, bool) or not isinstance(row.value, int | float) or not math.isfinite(row.value):
        raise ValueError(f"check-in {row.id}: value")
    if abs(row.value) > MAX_VALUE:
        raise ValueError(f"check-in {row.id}: value")
    if not isinstance(row.as_of, dt.date) or not 1900 <= row.as_of.year <= 2999:
        raise ValueError(f"check-in {row.id}: day")
    if row.confidence is not None and (not isinstance(row.confidence, int) or not 0 <= row.confidence <= 10):
        raise ValueError(f"check-in {row.id}: confidence")
    return CheckInView(
        row.id,
        row.metric_id,
        row.as_of,
        row.value,
        row.confidence,
        row.note,
        row.leader_id,
        row.by_name,
        row.source,
        row.recorded_at,
    )


@contextlib.contextmanager
def _readable(plan: PlanFile) -> Iterator[None]:
    """Reading check-ins: a stored value the app could not have written (a day that is no date,
    text for a number) is a damaged plan said in a sentence, not a crash."""
    try:
        yield
    except (TypeError, ValueError, OverflowError):
        raise NotAPlanError(
            translate(
                "CheckIns",
                "“{file}” holds a check-in Offsite cannot read, so it may be damaged. Run “offsite check {file}” to list its problems.",
            ).format(file=plan.name)
        ) from None


# --- Typed in the weekly review -------------------------------------------------------------------------


@sendable
def check_in(
    plan: PlanFile,
    metric_id: int,
    value: Any,
    *,
    as_of: dt.date,
    confidence: Any = None,
    note: str = "",
    leader_id: int | None = None,
    at: dt.datetime | None = None,
) -> Created | Updated:
    """Record a metric's actual value as of a day, typed in Offsite (source blank).

    Returns Created for the day's first typed check-in (undo: ``changes.remove(plan,
    Kind.CHECK_IN, id)``), or Updated(CHECK_IN, id, previous) when the day had one, which this
    replaces; undo: ``restore_check_in(plan, previous)``.
    """
    value = clean_value(value)
    as_of = clean_day(as_of)
    confidence = rules.clean(rules.CONFIDENCE, confidence, translate("CheckIns", "Confidence"))
    note = clean_text(note, translate("CheckIns", "Note"))
    when = at or utc_now()
    with plan.write() as session:
        if session.get(Metric, metric_id) is None:
            raise EditRefusedError(
                translate("CheckIns", "That metric no longer exists in the plan (removed elsewhere?).")
            )
        if leader_id is not None and session.get(Leader, leader_id) is None:
            raise EditRefusedError(
                translate("CheckIns", "That leader no longer exists in the plan (removed elsewhere?).")
            )
        row = session.scalars(
            select(CheckIn).where(
                CheckIn.metric_id == metric_id, CheckIn.as_of == as_of, CheckIn.source == ""
            )
        ).first()
        if row is None:
            row = CheckIn(
                metric_id=metric_id,
                as_of=as_of,
                value=value,
                confidence=confidence,
                note=note,
                leader_id=leader_id,
                by_name="",
                source="",
                recorded_at=when,
            )
            return add_row(session, Kind.CHECK_IN, row)
        previous = _fields(row)
        row.value, row.confidence, row.note, row.leader_id, row.recorded_at = (
            value,
            confidence,
            note,
            leader_id,
            when,
        )
        return Updated(Kind.CHECK_IN, row.id, previous)


_RESTORED = ("value", "confidence", "note", "leader_id", "by_name", "recorded_at")


def _fields(row: Any) -> dict[str, Any]:
    return {"id": row.id, **{name: getattr(row, name) for name in _RESTORED}}


def _put_back(plan: PlanFile, model: Any, previous: Mapping[str, Any]) -> None:
    """Put a row's values back as a verb's Updated.previous holds them (``id`` and the values before)."""
    with plan.write() as session:
        session.execute(
            update(model)
            .where(model.id == previous["id"])
            .values({k: v for k, v in previous.items() if k != "id"})
        )


def restore_check_in(plan: PlanFile, previous: Mapping[str, Any]) -> None:
    """Put back a check-in's values as ``check_in``'s Updated.previous holds them (its undo)."""
    _put_back(plan, CheckIn, previous)


# --- Read for the screens and exports ---------------------------------------------------------------


def review_day(plan: PlanFile, today: dt.date | None = None) -> dt.date:
    """The day the review screens read the plan as of: today, or the latest check-in's day when the
    plan is ahead of the clock (a demo plan of next year's offsite, check-ins dated ahead), so a
    plan never shows its own latest figures as the future. One indexed read."""
    today = today or dt.date.today()
    with plan.read() as session, _readable(plan):
        latest = session.scalar(select(func.max(CheckIn.as_of)))
    return max(today, latest) if latest is not None else today


def latest_check_ins(
    plan: PlanFile, metric_ids: Iterable[int] | None = None, *, on_or_before: dt.date | None = None
) -> dict[int, LatestCheckIns]:
    """Each metric's latest check-ins (newest first, at most ``RECENT``), by metric id; a metric
    without any is absent. ``metric_ids`` limits the read to those metrics (an edit re-reads one);
    ``on_or_before`` to the check-ins as of that day or earlier (the weekly review of a past day).

    One indexed query whatever the number of check-ins: a plan with years of weekly check-ins reads
    as fast as a new one.
    """
    ranked = select(
        CheckIn,
        func.row_number()
        .over(partition_by=CheckIn.metric_id, order_by=(CheckIn.as_of.desc(), CheckIn.id.desc()))
        .label("rank"),
    )
    if metric_ids is not None:
        wanted = list(metric_ids)
        if not wanted:
            return {}
        ranked = ranked.where(CheckIn.metric_id.in_(wanted))
    if on_or_before is not None:
        ranked = ranked.where(CheckIn.as_of <= on_or_before)
    inner = ranked.subquery()
    statement = select(inner).where(inner.c.rank <= RECENT).order_by(inner.c.metric_id, inner.c.rank)
    found: dict[int, list[CheckInView]] = {}
    with plan.read() as session, _readable(plan):
        for row in session.execute(statement):
            found.setdefault(row.metric_id, []).append(_view(row))
    return {metric_id: LatestCheckIns(metric_id, tuple(views)) for metric_id, views in found.items()}


def read_check_ins(plan: PlanFile, metric_ids: Iterable[int] | None = None) -> list[CheckInView]:
    """Every check-in (of ``metric_ids`` only, if given), by metric, then day, then source."""
    statement = select(CheckIn.__table__).order_by(
        CheckIn.metric_id, CheckIn.as_of, CheckIn.source, CheckIn.id
    )
    if metric_ids is not None:
        statement = statement.where(CheckIn.metric_id.in_(list(metric_ids)))
    with plan.read() as session, _readable(plan):
        return [_view(row) for row in session.execute(statement)]


# --- Imported ----------------------------------------------------------------------------------------


def _leaders_by_name(session: Any) -> dict[str, int]:
    return {
        name.casefold().strip(): leader_id
        for leader_id, name in session.execute(select(Leader.id, Leader.name))
    }


def compare_readings(plan: PlanFile, readings: Sequence[Reading], source: str) -> ReadingPlan:
    """What writing ``readings`` from ``source`` would do: added, changed (with the value held) or
    already there. A reading with a source of its own (Offsite's export read back) is compared with
    the check-in of that source. Read-only: the import's preview shows it before anything is written."""
    with plan.read() as session:
        return _compare(session, readings, source)


def _compare(session: Any, readings: Sequence[Reading], source: str) -> ReadingPlan:
    metrics = {r.metric_id for r in readings}
    sources = {reading_source(r, source) for r in readings}
    held: dict[tuple[int, dt.date, str], tuple[int, float]] = {}
    for chunk in _chunks(sorted(metrics), 500):
        for row in session.execute(
            select(CheckIn.id, CheckIn.metric_id, CheckIn.as_of, CheckIn.source, CheckIn.value).where(
                CheckIn.source.in_(sources), CheckIn.metric_id.in_(chunk)
            )
        ):
            held[(row.metric_id, row.as_of, row.source)] = (row.id, row.value)
    added: list[Reading] = []
    changed: list[tuple[Reading, float]] = []
    unchanged: list[Reading] = []
    for reading in readings:
        there = held.get((reading.metric_id, reading.as_of, reading_source(reading, source)))
        if there is None:
            added.append(reading)
        elif there[1] != reading.value:
            changed.append((reading, there[1]))
        else:
            unchanged.append(reading)
    return ReadingPlan(tuple(added), tuple(changed), tuple(unchanged))


def _chunks(values: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True, slots=True)
class Imported:
    """What ``apply_readings`` wrote: the ids it added, and each changed check-in's values before."""

    source: str
    added: tuple[int, ...]
    changed: tuple[Mapping[str, Any], ...]
    unchanged: int

    @property
    def summary(self) -> str:
        if self.unchanged:
            return translate(
                "CheckIns", "{added} added, {changed} changed, {unchanged} already in the plan"
            ).format(
                added=format_number(len(self.added)),
                changed=format_number(len(self.changed)),
                unchanged=format_number(self.unchanged),
            )
        return translate("CheckIns", "{added} added, {changed} changed").format(
            added=format_number(len(self.added)), changed=format_number(len(self.changed))
        )


def apply_readings(
    plan: PlanFile, readings: Sequence[Reading], source: str, *, at: dt.datetime | None = None
) -> Imported:
    """Write ``readings`` from ``source`` as check-ins, all in one transaction or none.

    A reading with a source of its own (Offsite's export read back: "" typed in Offsite) is kept
    under it, with its confidence; the others under ``source``. Each value and confidence is held
    to the rules a typed one keeps; one at fault refuses the whole batch (EditRefusedError naming
    it) and nothing is written. A reading of a metric and day its source already gave is written
    only if its value differs; then its note and who replace the ones held, and so does its
    confidence when the reading has a source of its own (a CRM's report says no confidence, so a
    leader's confidence on its check-in stays). Undo: ``undo_readings(plan, imported)``.
    """
    source = clean_text(source, translate("CheckIns", "Source")).strip()
    if not source:
        raise EditRefusedError(translate("CheckIns", "An import needs a source name (the mapping's name)."))
    for reading in readings:
        clean_value(
            reading.value, translate("CheckIns", "The value of row “{row}”").format(row=reading.as_of)
        )
        clean_day(reading.as_of)
        clean_text(reading.note, translate("CheckIns", "A note"))
        clean_text(reading.owner, translate("CheckIns", "An owner"))
        if reading.source is not None:
            clean_text(reading.source, translate("CheckIns", "A check-in's source"))
        rules.clean(
            rules.CONFIDENCE,
            reading.confidence,
            translate("CheckIns", "The confidence of row “{row}”").format(row=reading.as_of),
        )
    when = at or utc_now()
    with plan.write() as session:
        known = set(session.scalars(select(Metric.id).where(Metric.id.in_({r.metric_id for r in readings}))))
        missing = {r.metric_id for r in readings} - known
        if missing:
            raise EditRefusedError(
                translate(
                    "CheckIns", "A metric of the import no longer exists in the plan (removed elsewhere?)."
                )
            )
        planned = _compare(session, readings, source)
        leaders = _leaders_by_name(session)

        def who(reading: Reading) -> tuple[int | None, str]:
            owner = reading.owner.strip()
            leader_id = leaders.get(owner.casefold())
            return (leader_id, "") if leader_id is not None else (None, owner)

        rows = []
        for reading in planned.added:
            leader_id, by_name = who(reading)
            rows.append(
                {
                    "metric_id": reading.metric_id,
                    "as_of": reading.as_of,
                    "value": float(reading.value),
                    "confidence": _confidence(reading),
                    "note": reading.note,
                    "leader_id": leader_id,
                    "by_name": by_name,
                    "source": reading_source(reading, source),
                    "recorded_at": when,
                }
            )
        first_new = (session.scalar(select(func.max(CheckIn.id))) or 0) + 1
        if rows:
            session.execute(insert(CheckIn), rows)
        # Every row from ``first_new`` on is this transaction's: the plan is written by one writer.
        added = tuple(session.scalars(select(CheckIn.id).where(CheckIn.id >= first_new).order_by(CheckIn.id)))
        changed = []
        for reading, _before in planned.changed:
            row = session.scalars(
                select(CheckIn).where(
                    CheckIn.metric_id == reading.metric_id,
                    CheckIn.as_of == reading.as_of,
                    CheckIn.source == reading_source(reading, source),
                )
            ).one()
            changed.append(_fields(row))
            leader_id, by_name = who(reading)
            row.value, row.note, row.leader_id, row.by_name, row.recorded_at = (
                float(reading.value),
                reading.note,
                leader_id,
                by_name,
                when,
            )
            if reading.source is not None:
                row.confidence = _confidence(reading)
    return Imported(source, added, tuple(changed), len(planned.unchanged))


def _confidence(reading: Reading) -> int | None:
    confidence: int | None = rules.clean(
        rules.CONFIDENCE, reading.confidence, translate("CheckIns", "Confidence")
    )
    return confidence


def undo_readings(plan: PlanFile, imported: Imported) -> None:
    """Take an import back: remove what it added (whatever source each was kept under), and put
    back what it changed."""
    with plan.write() as session:
        for chunk in _chunks(list(imported.added), 500):
            session.execute(delete(CheckIn).where(CheckIn.id.in_(chunk)))
        for previous in imported.changed:
            session.execute(
                update(CheckIn)
                .where(CheckIn.id == previous["id"])
                .values({n: previous[n] for n in _RESTORED})
            )


# --- Import mappings ---------------------------------------------------------------------------------

#: The plain settings of a mapping, as the mapping screen and ``MappingSpec`` name them.
MAPPING_FIELDS = (
    "layout",
    "metric_column",
    "date_column",
    "value_column",
    "note_column",
    "owner_column",
    "aggregate",
    "period",
    "cumulative",
    "decimal",
    "dates",
)
_MAPPING_CHOICES = {
    "layout": ("totals", "records"),
    "aggregate": ("count", "sum"),
    "period": ("day", "week", "month", "quarter"),
    "decimal": ("auto", "point", "comma"),
    "dates": ("auto", "day_first", "month_first"),
}


@dataclass(frozen=True, slots=True)
class MappingView:
    """A saved mapping: its settings, the metric a list of records makes up, filters and aliases."""

    id: int
    name: str
    settings: Mapping[str, Any]
    metric_id: int | None
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    aliases: tuple[tuple[str, int], ...]


def save_mapping(
    plan: PlanFile,
    name: str,
    settings: Mapping[str, Any],
    *,
    metric_id: int | None = None,
    filters: Sequence[tuple[str, Sequence[str]]] = (),
    aliases: Sequence[tuple[str, int]] = (),
) -> Created | Updated:
    """Save a mapping under ``name`` for next time (replacing one of that name).

    Returns Created (undo: ``changes.remove(plan, Kind.IMPORT_MAPPING, id)``) or Updated with the
    mapping as it was (undo: ``restore_mapping(plan, previous)``).
    """
    name = clean_text(name, translate("CheckIns", "A mapping's name")).strip()
    if not name:
        raise EditRefusedError(translate("CheckIns", "A mapping needs a name, e.g. “HubSpot deals”."))
    values: dict[str, Any] = {}
    for field in MAPPING_FIELDS:
        value = settings[field]
        if field == "cumulative":
            if not isinstance(value, bool):
                raise EditRefusedError(translate("CheckIns", "Running total must be yes or no."))
        elif field in _MAPPING_CHOICES:
            if value not in _MAPPING_CHOICES[field]:
                raise EditRefusedError(
                    translate("CheckIns", "The mapping's {field} must be one of {choices}.").format(
                        field=field, choices=", ".join(_MAPPING_CHOICES[field])
                    )
                )
        else:
            value = clean_text(value, translate("CheckIns", "A column's header"))
        values[field] = value
    with plan.write() as session:
        uids: dict[int, str] = {row[0]: row[1] for row in session.execute(select(Metric.id, Metric.uid))}
        if metric_id is not None and metric_id not in uids:
            raise EditRefusedError(
                translate("CheckIns", "That metric no longer exists in the plan (removed elsewhere?).")
            )
        if any(target not in uids for _label, target in aliases):
            raise EditRefusedError(
                translate(
                    "CheckIns",
                    "A metric the mapping names no longer exists in the plan (removed elsewhere?).",
                )
            )
        values["metric_id"] = metric_id
        values["filters"] = json.dumps(
            [
                {
                    "column": clean_text(c, translate("CheckIns", "A filter's column")),
                    "values": [clean_text(v, translate("CheckIns", "A filter's value")) for v in vs],
                }
                for c, vs in filters
            ],
            ensure_ascii=False,
        )
        values["aliases"] = json.dumps(
            [
                {"label": clean_text(label, translate("CheckIns", "An alias")), "metric": uids[target]}
                for label, target in aliases
            ],
            ensure_ascii=False,
        )
        row = session.scalars(select(ImportMapping).where(ImportMapping.name == name)).first()
        if row is None:
            return add_row(session, Kind.IMPORT_MAPPING, ImportMapping(name=name, **values))
        previous = {"id": row.id, **{field: getattr(row, field) for field in values}}
        for field, value in values.items():
            setattr(row, field, value)
        return Updated(Kind.IMPORT_MAPPING, row.id, previous)


def restore_mapping(plan: PlanFile, previous: Mapping[str, Any]) -> None:
    """Put a mapping back as ``save_mapping``'s Updated.previous holds it (its undo)."""
    _put_back(plan, ImportMapping, previous)


def read_mappings(plan: PlanFile) -> list[MappingView]:
    """The saved mappings, by name. An alias of a metric removed since is left out (it matches nothing)."""
    with plan.read() as session:
        ids = {uid: metric_id for metric_id, uid in session.execute(select(Metric.id, Metric.uid))}
        rows = list(session.scalars(select(ImportMapping).order_by(ImportMapping.name, ImportMapping.id)))
        return [_mapping_view(row, ids) for row in rows]


def _mapping_view(row: Any, ids: Mapping[str, int]) -> MappingView:
    filters = json.loads(row.filters)
    aliases = json.loads(row.aliases)
    return MappingView(
        row.id,
        row.name,
        {field: getattr(row, field) for field in MAPPING_FIELDS},
        row.metric_id,
        tuple((f["column"], tuple(f["values"])) for f in filters),
        tuple((a["label"], ids[a["metric"]]) for a in aliases if a["metric"] in ids),
    )


def metric_ids_by_uid(plan: PlanFile) -> dict[str, int]:
    """Each metric's id by its uid: how Offsite's own check-ins export names a metric, whatever its
    name is now (an export imported back finds a metric renamed since)."""
    with plan.read() as session:
        return {uid: metric_id for metric_id, uid in session.execute(select(Metric.id, Metric.uid))}


def find_mapping(plan: PlanFile, name: str) -> MappingView | None:
    """The mapping saved under ``name`` (case aside), or None."""
    wanted = name.strip().casefold()
    return next((m for m in read_mappings(plan) if m.name.casefold() == wanted), None)


# --- The quarter's end -----------------------------------------------------------------------------------

_QUARTER = re.compile(r"^\s*(?:(\d{4})\s*-?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.IGNORECASE)


def quarter_label(period: Any) -> str:
    """A quarter as the plan stores it, “2027-Q1”, from that or as people write it (“Q1 2027”)."""
    found = _QUARTER.match(period) if isinstance(period, str) else None
    if found is None:
        raise EditRefusedError(
            translate("CheckIns", "“{period}” is no quarter; name one like 2027-Q1.").format(period=period)
        )
    year, number = (found[1], found[2]) if found[1] else (found[4], found[3])
    return f"{year}-Q{number}"


_REVIEW_FIELDS = ("score", "reason", "worked", "did_not_work", "decision")
#: A quarter review's fields as a refusal names them ("Score must be from 0.0 to 1.0.").
_REVIEW_LABELS = {
    "score": QT_TRANSLATE_NOOP("CheckIns", "Score"),
    "reason": QT_TRANSLATE_NOOP("CheckIns", "Reason"),
    "worked": QT_TRANSLATE_NOOP("CheckIns", "Worked"),
    "did_not_work": QT_TRANSLATE_NOOP("CheckIns", "Did not work"),
    "decision": QT_TRANSLATE_NOOP("CheckIns", "Decision"),
}


def review_objective(
    plan: PlanFile, objective_id: int, period: str, *, at: dt.datetime | None = None, **fields: Any
) -> Created | Updated:
    """Record (or change) an objective's review for a quarter: a score overriding its metrics'
    (0.0–1.0, with a reason), what worked, what did not, and keep/drop/change.

    Returns Created for the quarter's first review of the objective (undo: ``changes.remove``) or
    Updated with the fields before (undo: ``restore_review(plan, previous)``).
    """
    quarter = quarter_label(period)
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in _REVIEW_FIELDS:
            raise TypeError(name)
        rule = {"score": rules.SCORE, "decision": rules.DECISION}.get(name, rules.TEXT)
        cleaned[name] = rules.clean(rule, value, translate("CheckIns", _REVIEW_LABELS[name]))
    when = at or utc_now()
    with plan.write() as session:
        if session.get(Objective, objective_id) is None:
            raise EditRefusedError(
                translate("CheckIns", "That objective no longer exists in the plan (removed elsewhere?).")
            )
        row = session.scalars(
            select(ObjectiveReview).where(
                ObjectiveReview.objective_id == objective_id, ObjectiveReview.period == quarter
            )
        ).first()
        if row is None:
            defaults = {"score": None, "reason": "", "worked": "", "did_not_work": "", "decision": ""}
            new = ObjectiveReview(
                objective_id=objective_id, period=quarter, reviewed_at=when, **(defaults | cleaned)
            )
            return add_row(session, Kind.OBJECTIVE_REVIEW, new)
        previous = {"id": row.id, "reviewed_at": row.reviewed_at, **{n: getattr(row, n) for n in cleaned}}
        for name, value in cleaned.items():
            setattr(row, name, value)
        row.reviewed_at = when
        return Updated(Kind.OBJECTIVE_REVIEW, row.id, previous)


def restore_review(plan: PlanFile, previous: Mapping[str, Any]) -> None:
    """Put a quarter review back as ``review_objective``'s Updated.previous holds it (its undo)."""
    _put_back(plan, ObjectiveReview, previous)


def log_win(
    plan: PlanFile,
    on: dt.date,
    text: str,
    *,
    thanks: str = "",
    objective_id: int | None = None,
    at: dt.datetime | None = None,
) -> Created:
    """Log a win to celebrate, with the people to thank. Undo: ``changes.remove(plan, Kind.WIN, id)``."""
    on = clean_day(on, translate("CheckIns", "The win's day"))
    text = clean_text(text, translate("CheckIns", "The win")).strip()
    if not text:
        raise EditRefusedError(
            translate("CheckIns", "Say what was won, e.g. “First enterprise deal from outbound”.")
        )
    thanks = clean_text(thanks, translate("CheckIns", "Thanks"))
    with plan.write() as session:
        if objective_id is not None and session.get(Objective, objective_id) is None:
            raise EditRefusedError(
                translate("CheckIns", "That objective no longer exists in the plan (removed elsewhere?).")
            )
        win = Win(on=on, text=text, thanks=thanks, objective_id=objective_id, recorded_at=at or utc_now())
        return add_row(session, Kind.WIN, win)


def take_alignment_reading(
    plan: PlanFile, period: str, evidence: int, self_rating: float | None, *, at: dt.datetime | None = None
) -> Created | Updated:
    """Keep the alignment index (and the leaders' mean rating) of a quarter being closed: its trend.

    Returns Created, or Updated with the reading before when the quarter had one (undo:
    ``restore_alignment_reading``).
    """
    quarter = quarter_label(period)
    evidence = rules.clean_whole(evidence, translate("CheckIns", "The alignment index"), 0, 100)
    if self_rating is not None:
        self_rating = clean_number(self_rating, translate("CheckIns", "The leaders' rating"))
    when = at or utc_now()
    with plan.write() as session:
        row = session.scalars(select(AlignmentReading).where(AlignmentReading.period == quarter)).first()
        if row is None:
            new = AlignmentReading(period=quarter, evidence=evidence, self_rating=self_rating, taken_at=when)
            return add_row(session, Kind.ALIGNMENT_READING, new)
        previous = {
            "id": row.id,
            "evidence": row.evidence,
            "self_rating": row.self_rating,
            "taken_at": row.taken_at,
        }
        row.evidence, row.self_rating, row.taken_at = evidence, self_rating, when
        return Updated(Kind.ALIGNMENT_READING, row.id, previous)


def restore_alignment_reading(plan: PlanFile, previous: Mapping[str, Any]) -> None:
    """Put a quarter's alignment reading back as ``take_alignment_reading``'s Updated.previous holds it."""
    _put_back(plan, AlignmentReading, previous)

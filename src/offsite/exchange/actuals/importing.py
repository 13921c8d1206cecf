"""A file of actuals against a plan: what the command line and the mapping dialog both do with one.

    metrics = plan_metrics(read_plan(plan))           # the plan's metrics as the reading names them
    spec = mapping_spec(find_mapping(plan, "HubSpot deals"))   # or guess_mapping(table.headers)
    check = check_import(plan, table, spec, metrics, source="HubSpot deals")
    check.preview      # the check-ins the file makes, every line at fault, the notes
    check.planned      # which of them are new, change a value, or are in the plan already
    apply_readings(plan, check.preview.rows, check.source)     # services.checkins: all or nothing

Offsite's own check-ins export is read as itself (``domain.actuals.reads_an_export``): each of its
check-ins keeps its own source, so importing it into the plan it came from finds them all there.

A saved mapping (``services.checkins.MappingView``) and the reading's ``MappingSpec`` are the same
settings; ``mapping_spec`` and ``saved_settings`` turn one into the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite.domain.actuals import ImportPreview, MappingSpec, closest_name, header_key
from offsite.domain.checkins import ReadingPlan
from offsite.domain.progress import plan_start
from offsite.domain.values import PlanView
from offsite.exchange.actuals.preview import preview
from offsite.exchange.actuals.table import Table
from offsite.services.checkins import MAPPING_FIELDS, MappingView, compare_readings, metric_ids_by_uid
from offsite.store.planfile import PlanFile

#: How many distinct labels of a metric column are looked at for aliases: far more than any plan's metrics.
MOST_LABELS = 1000


@dataclass(frozen=True, slots=True)
class PlanMetrics:
    """The plan's metrics as a file names them (name → id), each metric's name by id, and where
    the plan's tracking starts (a running total counts from there)."""

    by_name: Mapping[str, int]
    names: Mapping[int, str]
    since: dt.date | None

    @property
    def ordered(self) -> list[tuple[int, str]]:
        """(id, name) in plan order, for a list to choose from."""
        return list(self.names.items())


def plan_metrics(view: PlanView) -> PlanMetrics:
    """The metrics of ``view`` in plan order. A name two metrics share is kept by the first; the
    second is named with its objective ("Win rate (Expand happy customers)"), so either can be chosen."""
    by_name: dict[str, int] = {}
    names: dict[int, str] = {}
    taken: set[str] = set()
    for objective in view.objectives:
        for metric in objective.metrics:
            name = metric.name.strip() or f"Metric {metric.id}"
            if header_key(name) in taken:
                name = f"{name} ({objective.statement.strip()})"
            if header_key(name) in taken:
                name = f"{name} #{metric.id}"
            taken.add(header_key(name))
            by_name[name] = metric.id
            names[metric.id] = name
    details = view.details
    return PlanMetrics(by_name, names, plan_start(details.starts_on, details.ends_on, None))


def mapping_spec(mapping: MappingView) -> MappingSpec:
    """The reading's form of a saved mapping."""
    settings = {name: mapping.settings[name] for name in MAPPING_FIELDS}
    return MappingSpec(
        **settings,
        metric_id=mapping.metric_id,
        filters=tuple((column, tuple(values)) for column, values in mapping.filters),
        aliases=tuple(mapping.aliases),
    )


def saved_settings(spec: MappingSpec) -> dict[str, Any]:
    """The plain settings ``services.checkins.save_mapping`` takes for ``spec`` (besides its metric,
    filters and aliases)."""
    return {name: getattr(spec, name) for name in MAPPING_FIELDS}


def source_name(path: Path | str, mapping_name: str | None = None) -> str:
    """Where an import's check-ins say they come from: the mapping's name, else the file's stem
    ("hubspot-deals" for hubspot-deals.csv), so that importing the same file again finds them."""
    if mapping_name and mapping_name.strip():
        return mapping_name.strip()
    return Path(path).stem.strip() or Path(path).name


@dataclass(frozen=True, slots=True)
class ImportCheck:
    """A file read by a mapping against the plan: the preview, and what writing it would do."""

    preview: ImportPreview
    planned: ReadingPlan
    source: str

    @property
    def refused(self) -> bool:
        return self.preview.refused

    @property
    def summary(self) -> str:
        """ "12 added, 3 changed, 40 already in the plan" (what ``Imported.summary`` says once written)."""
        return writes_summary(len(self.planned.added), len(self.planned.changed), len(self.planned.unchanged))


def writes_summary(added: int, changed: int, unchanged: int) -> str:
    parts = [f"{added:,} added", f"{changed:,} changed"]
    if unchanged:
        parts.append(f"{unchanged:,} already in the plan")
    return ", ".join(parts)


def check_import(
    plan: PlanFile, table: Table, spec: MappingSpec, metrics: PlanMetrics, source: str
) -> ImportCheck:
    """Read ``table`` by ``spec`` and compare its check-ins with what ``source`` brought the plan
    before (Offsite's own export: with what each check-in's own source did). Only reads the plan."""
    result = preview(table, spec, metrics.by_name, since=metrics.since, uids=metric_ids_by_uid(plan))
    planned = compare_readings(plan, result.rows, source)
    return ImportCheck(result, planned, source)


def unmatched_labels(table: Table, column: str, metrics: PlanMetrics) -> list[tuple[str, int | None]]:
    """The labels a totals file's metric ``column`` holds that are no metric's name, most frequent
    first, each with the metric it most likely means (or None): the labels a mapping's aliases name."""
    if not column.strip():
        return []
    known = {header_key(name) for name in metrics.by_name}
    found: list[tuple[str, int | None]] = []
    for label in table.values(column, MOST_LABELS):
        if header_key(label) in known:
            continue
        close = closest_name(label, metrics.by_name)
        found.append((label, None if close is None else metrics.by_name[close]))
    return found


def describe(spec: MappingSpec, metrics: PlanMetrics) -> str:
    """A mapping in a sentence, as the command line says what it reads: "one line a reading: metric
    “Metric”, date “Week ending”, value “Actual”" or "records summed a month (Amount) into “Bookings”"."""
    if spec.layout == "totals":
        parts = [
            f"metric “{spec.metric_column}”",
            f"date “{spec.date_column}”",
            f"value “{spec.value_column}”",
        ]
    else:
        metric = metrics.names.get(spec.metric_id or -1, "no metric chosen")
        what = "counted" if spec.aggregate == "count" else f"summing “{spec.value_column}”"
        running = ", a running total" if spec.cumulative else ""
        parts = [f"records into “{metric}”, {what} a {spec.period}{running}", f"date “{spec.date_column}”"]
        for column, values in spec.filters:
            if values:
                parts.append(f"{column} is " + " or ".join(f"“{value}”" for value in values))
    if spec.note_column:
        parts.append(f"note “{spec.note_column}”")
    if spec.owner_column:
        parts.append(f"owner “{spec.owner_column}”")
    layout = "one line a reading" if spec.layout == "totals" else "a list of records"
    return f"{layout}: " + ", ".join(parts)

"""``offsite checkins import PLAN FILE``: a CRM's or a spreadsheet's export of actuals into check-ins.

As a scheduler runs it each night, or a leader once a week: the file is read by the mapping saved
in the app (``--mapping NAME``, File ▸ Import Actuals…), or, without one, by the names of its
columns (Metric, Date, Value, Note, Owner and their synonyms: ``domain.actuals.guess_mapping``).
It prints what it would write ("12 added, 3 changed, 40 already in the plan"), every line at
fault with its reason, and what the reading skipped (a report's title and footer).

Exit 0: imported, or nothing new (importing the same file twice adds nothing). Exit 1: refused,
nothing written (any line at fault; columns it cannot map; the plan open in the app). Exit 2: a
file it cannot read as a table, a file that is no plan or a newer plan's, an unknown mapping.
The check-ins' source is the mapping's name, or the file's stem for a guessed mapping; Offsite's
own check-ins export (``offsite checkins export``) keeps each check-in's own source, confidence
and who, so importing it into the plan it came from adds nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from offsite.cli.common import UsageError
from offsite.domain.errors import OffsiteError

if TYPE_CHECKING:
    from offsite.domain.actuals import MappingSpec
    from offsite.domain.checkins import Reading
    from offsite.exchange.actuals import Table
    from offsite.exchange.actuals.importing import ImportCheck, PlanMetrics

#: What to do about a plan the app has open: import there instead.
IN_USE_ADVICE = "close it there, or import from its File ▸ Import Actuals…."


def register(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` to the verbs of ``offsite checkins``."""
    command = verbs.add_parser(
        "import",
        help="import actuals from a CSV or XLSX export into PLAN's check-ins: exit 0 imported, "
        "1 refused (nothing written), 2 a file it cannot read",
        description=(
            "Read FILE (a CSV or an XLSX workbook a CRM report or a spreadsheet exports) and record each "
            "reading as a check-in of PLAN. With --mapping, the mapping saved in the app "
            "(File ▸ Import Actuals…); without, the columns are found by their names: Metric, Date, "
            "Value, Note, Owner (or KPI, As of, Week ending, Actual, Amount, Comment…). A line at fault "
            "refuses the whole import. Importing the same file again adds nothing; an Offsite check-ins export "
            "keeps each check-in's own source, confidence and who, so into its own plan it adds nothing."
        ),
    )
    command.add_argument("plan", type=Path, metavar="PLAN")
    command.add_argument("file", type=Path, metavar="FILE", help="the export: .csv, .txt or .xlsx")
    command.add_argument(
        "--mapping", metavar="NAME", help="the mapping saved in the app under NAME (e.g. “HubSpot deals”)"
    )
    command.add_argument("--sheet", metavar="NAME", help="the workbook's sheet to read (default: the first)")
    command.add_argument(
        "--dry-run", action="store_true", help="show what would be written and every fault; write nothing"
    )


def run(args: argparse.Namespace) -> int:
    from offsite.exchange.actuals import read_table
    from offsite.exchange.actuals.importing import check_import, plan_metrics, source_name
    from offsite.services.checkins import apply_readings, find_mapping, read_mappings
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.inuse import holding, refuse_if_open

    plan_path: Path = args.plan
    file: Path = args.file
    with open_plan(plan_path, readonly=True) as plan:
        metrics = plan_metrics(read_plan(plan))
        mapping_name: str | None = None
        spec: MappingSpec | None = None
        if args.mapping is not None:
            found = find_mapping(plan, args.mapping)
            if found is None:
                raise UsageError(_unknown_mapping(args.mapping, [m.name for m in read_mappings(plan)]))
            from offsite.exchange.actuals.importing import mapping_spec

            mapping_name, spec = found.name, mapping_spec(found)
        table = read_table(file, args.sheet)
        if spec is None:
            spec = _guessed(table, file)
        source = source_name(file, mapping_name)
        check = check_import(plan, table, spec, metrics, source)
    _say_reading(file, table, spec, metrics, mapping_name, check)
    if check.refused:
        _say_faults(check)
        return 1
    if args.dry_run:
        _say_rows(check, metrics, added_too=True)
        print(f"Dry run: would write {check.summary}; nothing was written.")
        return 0
    if not check.planned.writes:
        print(f"Nothing new from “{source}”: {check.summary}. The plan was not changed.")
        return 0
    # The app editing the plan would not see the check-ins and would write over them: refused at
    # once, and held as the app holds a plan it edits while the import writes.
    refuse_if_open(plan_path, IN_USE_ADVICE)
    with holding(plan_path, IN_USE_ADVICE), open_plan(plan_path) as plan:
        imported = apply_readings(plan, _readings(check), source)
    _say_rows(check, metrics, added_too=False)
    print(f"Imported from “{source}”: {imported.summary}.")
    return 0


def _readings(check: ImportCheck) -> list[Reading]:
    return list(check.preview.rows)


def _unknown_mapping(name: str, saved: list[str]) -> str:
    if not saved:
        return (
            f"The plan has no mapping “{name.strip()}”, nor any other yet: save one in Offsite "
            "(File ▸ Import Actuals…, Save Mapping), or leave --mapping out to map the columns by their names."
        )
    listed = ", ".join(f"“{m}”" for m in saved)
    return f"The plan has no mapping “{name.strip()}”; its saved mappings are: {listed}."


def _guessed(table: Table, file: Path) -> MappingSpec:
    """The mapping the file's header names, for a file of one line a reading; refused (exit 1) otherwise."""
    from offsite.exchange.actuals import guess_mapping

    spec = guess_mapping(table.headers)
    columns = ", ".join(f"“{h}”" for h in table.headers if h.strip()) or "none"
    if spec is None:
        raise OffsiteError(
            f"Offsite cannot tell the columns of “{file.name}” by their names (its columns are {columns}). "
            "It needs a column naming each line's metric (Metric, KPI, Measure…), one of dates (Date, "
            "As of, Week ending…) and one of values (Value, Actual, Amount…); a note (Note, Comment) and "
            "an owner (Owner) are optional. Rename the columns, or save a mapping in Offsite "
            "(File ▸ Import Actuals…) and give its name with --mapping."
        )
    if spec.layout == "records":
        raise OffsiteError(
            f"“{file.name}” is a list of records (deals, leads…), not one line a reading (its columns are "
            f"{columns}): which metric they make up, what to count or sum and which records to keep "
            "needs a mapping. Save one in Offsite (File ▸ Import Actuals…) and give its name with --mapping."
        )
    return spec


def _say_reading(
    file: Path,
    table: Table,
    spec: MappingSpec,
    metrics: PlanMetrics,
    mapping_name: str | None,
    check: ImportCheck,
) -> None:
    from offsite.exchange.actuals.importing import describe

    sheet = f", sheet “{table.sheet}”" if table.sheet and len(table.sheets) > 1 else ""
    how = f"mapping “{mapping_name}”" if mapping_name else "columns found by their names"
    lines = check.preview.lines_read
    print(
        f"Read “{file.name}”{sheet}: {lines:,} line{'s' if lines != 1 else ''}, by {how} "
        f"({describe(spec, metrics)})."
    )
    for note in check.preview.notes:
        print(f"Note: {note}")
    sys.stdout.flush()  # the notes before the faults, when both go to one terminal


def _say_faults(check: ImportCheck) -> None:
    faults = check.preview.faults
    count = len({fault.line for fault in faults})
    print(
        f"Refused: {count:,} line{'s' if count != 1 else ''} at fault, so nothing was written. "
        "Correct the file (or the mapping) and import it again:",
        file=sys.stderr,
    )
    for fault in faults:
        print(f"  {fault}", file=sys.stderr)


def _say_rows(check: ImportCheck, metrics: PlanMetrics, *, added_too: bool) -> None:
    """The check-ins that change a value the plan holds (and, for a dry run, the new ones)."""
    from offsite.domain.formatting import format_number, format_short_date

    def name(metric_id: int) -> str:
        return metrics.names.get(metric_id, f"metric {metric_id}")

    if added_too:
        for reading in check.planned.added:
            print(
                f"  new: {name(reading.metric_id)} as of {format_short_date(reading.as_of)}: "
                f"{format_number(reading.value)}"
            )
    for reading, before in check.planned.changed:
        print(
            f"  changes: {name(reading.metric_id)} as of {format_short_date(reading.as_of)}: "
            f"{format_number(before)} → {format_number(reading.value)}"
        )

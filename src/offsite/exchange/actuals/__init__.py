"""Actuals from the tools teams already use: CSV and XLSX files that CRM reports and spreadsheets export.

    table = read_table(path)                      # or read_table(path, sheet="Q1")
    spec = guess_mapping(table.headers)           # or the plan's saved mapping
    result = preview(table, spec, {"SQLs": 3, "Pipeline": 7})
    result.rows      # the check-ins an import would record (ProposedCheckIn)
    result.faults    # every line at fault, with its reason (RowFault); any fault refuses the import
    result.notes     # what the reading skipped or decided

Offsite's own check-ins export (``offsite.exchange.tidy``) is known by its header: each of its
check-ins keeps its own source, confidence and who (``preview(..., uids=...)`` finds its metric by
``metric_uid``), so importing it into the plan it came from adds nothing.

``read_table`` raises UnreadableTableError (an ImportFormatError: "unreadable") for a file it
cannot read at all; ``preview`` never raises for a line.
"""

from offsite.domain.actuals import (
    ImportPreview,
    MappingSpec,
    ProposedCheckIn,
    RowFault,
    guess_mapping,
)
from offsite.exchange.actuals.preview import preview
from offsite.exchange.actuals.reading import read_table
from offsite.exchange.actuals.table import MAX_TABLE_BYTES, Table

__all__ = [
    "MAX_TABLE_BYTES",
    "ImportPreview",
    "MappingSpec",
    "ProposedCheckIn",
    "RowFault",
    "Table",
    "guess_mapping",
    "preview",
    "read_table",
]

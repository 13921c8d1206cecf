"""A file of actuals imported while Offsite speaks German: the file is read as it is written, and
what the reading says (a line at fault, a note) is in German.

German typing reads "1.200" as twelve hundred (``domain.formatting.parse_number``); a Google
Sheet from a US team writes "$1,250,000.00". The file's own habits decide how its numbers and
dates read, never the language on screen. The German here is a few texts of the catalogue, looked
up through ``offsite.domain.language`` as the installed catalogue is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from actuals_files import GOOGLE_SHEET, PLAN_METRICS, write
from offsite.domain import language
from offsite.exchange.actuals import guess_mapping, preview, read_table

GERMAN = {
    ("ActualsImport", "Line {line}, {column}: {reason}"): "Zeile {line}, {column}: {reason}",
    ("ActualsImport", "{cell} is not a number"): "{cell} ist keine Zahl",
    (
        "ActualsImport",
        "Dates in “{column}” are read month first, as {cell} shows: {example} is {day}.",
    ): "Daten in „{column}“ werden mit dem Monat zuerst gelesen, wie {cell} zeigt: {example} ist der {day}.",
}


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, _disambiguation: GERMAN.get((context, text)), "de")
    try:
        yield
    finally:
        language.use(None)


@pytest.mark.usefixtures("german")
def test_a_us_google_sheet_reads_as_written_on_a_german_screen_and_says_its_faults_in_german(
    tmp_path: Path,
) -> None:
    data = GOOGLE_SHEET.replace(b"New pipeline", b"Pipeline") + b"SQLs,3/21/2027,lots,,Maya Okafor\r\n"
    table = read_table(write(tmp_path, "sheet.csv", data))
    spec = guess_mapping(table.headers)
    assert spec is not None

    result = preview(table, spec, PLAN_METRICS)

    assert [(row.metric_label, row.as_of, row.value) for row in result.rows] == [
        ("SQLs", dt.date(2027, 3, 7), 118.0),
        ("Pipeline created", dt.date(2027, 3, 7), 1_250_000.0),  # "$1,250,000.00": commas group
        ("Win rate", dt.date(2027, 3, 7), 24.0),
        ("SQLs", dt.date(2027, 3, 14), 131.0),
        ("Pipeline", dt.date(2027, 3, 14), 1_410_500.5),
        ("Win rate", dt.date(2027, 3, 14), -2.0),
    ]
    assert [str(fault) for fault in result.faults] == ["Zeile 8, Actual: “lots” ist keine Zahl"]
    assert result.notes == (
        "Daten in „Week ending“ werden mit dem Monat zuerst gelesen, wie “3/14/2027” zeigt: “3/7/2027” ist der "
        "07.03.2027.",
    )

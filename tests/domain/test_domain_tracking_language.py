"""Tracking words follow the leader's language on screen while the values passed between layers stay English."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from offsite.domain import language
from offsite.domain.errors import EditRefusedError
from offsite.domain.progress import Status, parse_confidence, parse_period
from offsite.domain.series import MetricSeries, date_axis

GERMAN = {
    ("Tracking", "on track"): "im Plan",
    ("Tracking", "“{typed}” is not a confidence. {hint}"): "„{typed}“ ist keine Zuversicht. {hint}",
    (
        "Tracking",
        "Type a confidence from 0 to 10, or on track, at risk or off track.",
    ): "Zuversicht 0 bis 10.",
    ("Charts", "Check-in date"): "Check-in-Datum",
}


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, _d: GERMAN.get((context, text), ""), "de")
    try:
        yield
    finally:
        language.use(None)


def test_a_status_is_said_in_german_and_kept_in_english(german: None) -> None:
    assert Status.ON_TRACK.said == "im Plan"
    assert Status.ON_TRACK.label == "Im Plan"
    # A chart's series still takes the stored word, so a German screen draws the same charts.
    series = MetricSeries("SQLs", status=Status.ON_TRACK.words)
    assert series.heading == "SQLs · im Plan"


def test_a_refused_confidence_is_said_in_german(german: None) -> None:
    with pytest.raises(
        EditRefusedError, match=re.escape("„vielleicht“ ist keine Zuversicht. Zuversicht 0 bis 10.")
    ):
        parse_confidence("vielleicht")


def test_a_month_and_a_date_axis_read_in_german(german: None) -> None:
    assert parse_period("2027-03").words == "März 2027"
    axis = date_axis([dt.date(2027, 1, 10), dt.date(2027, 9, 1)])
    assert axis.title == "Check-in-Datum"
    assert "März 2027" in [tick.label for tick in axis.ticks]

"""Numbers and dates in the language Offsite speaks: German as Germans write them, English as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from offsite.domain import language
from offsite.domain.formatting import (
    format_date,
    format_date_range,
    format_moment,
    format_number,
    format_short_date,
    parse_number,
)

DAY = dt.date(2027, 1, 14)
MOMENT = dt.datetime(2027, 1, 14, 10, 42)


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, disambiguation: text, "de")
    yield
    language.use(None)


def test_english_numbers_and_dates_are_as_plans_always_showed_them() -> None:
    assert language.language() == "en"
    assert format_number(1_250_000) == "1,250,000"
    assert format_number(4.2) == "4.2"
    assert format_date(DAY) == "14 January 2027"
    assert format_short_date(DAY) == "14 Jan 2027"
    assert format_date_range(DAY, dt.date(2027, 1, 15)) == "14–15 January 2027"
    assert format_moment(MOMENT) == "14 Jan 2027 10:42"
    assert format_moment(MOMENT, year=False) == "14 Jan 10:42"
    assert parse_number("1,200") == 1200
    assert parse_number("0,5") == 0.5


def test_german_numbers_group_with_points_and_keep_every_decimal(german: None) -> None:
    assert format_number(1_250_000) == "1.250.000"
    assert format_number(4.2) == "4,2"
    assert format_number(0.1 + 0.2) == "0,3"
    assert format_number(-12_500.125) == "-12.500,125"
    assert format_number(None) == ""


def test_german_dates_read_as_a_german_calendar_writes_them(german: None) -> None:
    assert format_date(DAY) == "14. Januar 2027"
    assert format_short_date(DAY) == "14.01.2027"
    assert format_date_range(DAY, dt.date(2027, 1, 15)).startswith("14.–15.")
    assert format_moment(MOMENT) == "14.01.2027, 10:42"
    assert format_moment(MOMENT, year=False) == "14. Jan., 10:42"


def test_german_typing_reads_points_as_thousands_and_a_comma_as_the_decimal(german: None) -> None:
    assert parse_number("1.200") == 1200
    assert parse_number("12.500.000,5") == 12_500_000.5
    assert parse_number("0,5") == 0.5
    assert parse_number("4.2") == 4.2  # a lone point that is not grouping stays a decimal point
    assert parse_number("28 %") == 28
    with pytest.raises(ValueError, match="1,2,3"):
        parse_number("1,2,3")


def test_plural_picks_the_form_for_one_or_many() -> None:
    assert language.plural(1, "{n} leader", "{n} leaders").format(n=1) == "1 leader"
    assert language.plural(3, "{n} leader", "{n} leaders").format(n=3) == "3 leaders"


def test_translate_is_the_english_source_until_a_language_is_used() -> None:
    assert language.translate("Ctx", "Remove {name}?") == "Remove {name}?"
    language.use(
        lambda context, text, disambiguation: {"Remove {name}?": "{name} entfernen?"}.get(text, ""), "de"
    )
    try:
        assert language.translate("Ctx", "Remove {name}?").format(name="Maya") == "Maya entfernen?"
        assert language.translate("Ctx", "Untranslated") == "Untranslated"
    finally:
        language.use(None)

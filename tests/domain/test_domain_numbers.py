"""Numbers as leaders type them: thousands separators, decimal commas, percent signs."""

from __future__ import annotations

import re

import pytest

from offsite.domain.formatting import format_number, parse_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,200", 1200),
        ("12,500,000.5", 12_500_000.5),
        ("-1,200", -1200),
        ("1 200", 1200),
        ("4.2", 4.2),
        (" 7 ", 7),
        ("28%", 28),
        ("0,5", 0.5),  # a decimal comma, never 5
        ("12,5 %", 12.5),
        ("1,5", 1.5),
        ("0,500", 0.5),  # no one groups thousands after a leading zero
        ("1,20", 1.2),
        ("", None),
        ("  ", None),
    ],
)
def test_a_typed_number_reads_as_meant(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["1,2,3", "1,20,000", "abc", "1e309", "nan", "12,5.3"])
def test_an_ambiguous_or_impossible_number_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match=re.escape(typed)):
        parse_number(typed)


@pytest.mark.parametrize("value", [0, 7, 1200, 12_500_000, 4.2, 0.5, 1234.5678])
def test_what_offsite_shows_reads_back_as_the_same_number(value: float) -> None:
    assert parse_number(format_number(value)) == value

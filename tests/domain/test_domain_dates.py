"""Typed dates read the way the person typing means them, by the order their desktop writes dates."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.dates import DATE_HINT, calendar_start, is_day_first, parse_date, plan_year

TODAY = dt.date(2026, 12, 6)
# The short date patterns Qt reports for these locales (QLocale(name).dateFormat(ShortFormat)).
US, GB, DE = "M/d/yy", "dd/MM/yyyy", "dd.MM.yy"


@pytest.mark.parametrize(
    ("pattern", "day_first"), [(US, False), (GB, True), (DE, True), ("yyyy-MM-dd", False)]
)
def test_day_first_follows_the_locales_short_pattern(pattern: str, day_first: bool) -> None:
    assert is_day_first(pattern) is day_first


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("3/4", US, dt.date(2027, 3, 4)),
        ("3/4", GB, dt.date(2027, 4, 3)),
        ("3/4", DE, dt.date(2027, 4, 3)),
        ("3.4.", DE, dt.date(2027, 4, 3)),
        ("3.4.2028", DE, dt.date(2028, 4, 3)),
        ("3/4/28", US, dt.date(2028, 3, 4)),
        ("2027-03-04", US, dt.date(2027, 3, 4)),
        ("2027-03-04", GB, dt.date(2027, 3, 4)),
        ("2027-03-04", DE, dt.date(2027, 3, 4)),
        ("4 Mar", US, dt.date(2027, 3, 4)),
        ("4 Mar", GB, dt.date(2027, 3, 4)),
        ("Mar 4", US, dt.date(2027, 3, 4)),
        ("March 4, 2028", US, dt.date(2028, 3, 4)),
        ("4 March 2028", GB, dt.date(2028, 3, 4)),
        ("4. März 2028", DE, dt.date(2028, 3, 4)),
        ("  14 jan 2027 ", GB, dt.date(2027, 1, 14)),
        ("today", GB, TODAY),
    ],
)
def test_typed_dates_read_as_the_locale_writes_them(text: str, pattern: str, expected: dt.date) -> None:
    assert parse_date(text, day_first=is_day_first(pattern), year=2027, today=TODAY) == expected


def test_a_blank_date_is_no_date() -> None:
    assert parse_date("   ", day_first=True, year=2027) is None


@pytest.mark.parametrize("text", ["31/2", "2/31/2027", "4 Foo", "soon", "3/4/5/6", "1234", "4 Mar 99999"])
def test_text_that_is_not_a_date_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=DATE_HINT.split(" such")[0]):
        parse_date(text, day_first=False, year=2027)


def test_a_date_typed_without_a_year_belongs_to_the_plans_horizon() -> None:
    assert plan_year("H1 2027", dt.date(2026, 11, 2), TODAY) == 2027
    assert plan_year("FY2028", None, TODAY) == 2028
    assert plan_year("next year", dt.date(2026, 11, 2), TODAY) == 2026
    assert plan_year("", None, TODAY) == 2026


def test_the_calendar_opens_on_the_date_or_today_or_the_plans_year() -> None:
    assert calendar_start(dt.date(2027, 5, 1), 2027, TODAY) == dt.date(2027, 5, 1)
    assert calendar_start(None, 2026, TODAY) == TODAY
    assert calendar_start(None, 2027, TODAY) == dt.date(2027, 1, 1)

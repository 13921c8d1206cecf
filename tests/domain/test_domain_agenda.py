"""The agenda's arithmetic: start times end to end from the day's start, and how a running item stands."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from offsite.domain import language
from offsite.domain.agenda import (
    AgendaItemView,
    clock_text,
    is_view,
    parse_day_start,
    progress,
    schedule,
    view_label,
)

T0 = dt.datetime(2027, 1, 15, 9, 0)


def _item(title: str, minutes: int, view: str = "prepare") -> AgendaItemView:
    return AgendaItemView(id=0, uid=title, title=title, minutes=minutes, view=view)


def test_schedule_lays_items_end_to_end_from_the_day_start() -> None:
    items = [_item("Welcome", 20), _item("Ask why", 45, "brainstorm:Ask why"), _item("Lunch", 60)]
    timed = schedule(items, dt.time(9, 0))
    assert [(i.title, s, e) for i, s, e in timed] == [
        ("Welcome", dt.time(9, 0), dt.time(9, 20)),
        ("Ask why", dt.time(9, 20), dt.time(10, 5)),
        ("Lunch", dt.time(10, 5), dt.time(11, 5)),
    ]
    assert schedule([], dt.time(9, 0)) == []
    # Past midnight the clock wraps rather than failing.
    assert schedule([_item("Late", 90)], dt.time(23, 0))[0][2] == dt.time(0, 30)


def test_progress_within_the_box_says_what_is_left() -> None:
    state = progress(T0 + dt.timedelta(minutes=32, seconds=30), T0, 45)
    assert state.elapsed == dt.timedelta(minutes=32, seconds=30)
    assert state.remaining == dt.timedelta(minutes=12, seconds=30)
    assert not state.over
    assert state.overrun == dt.timedelta(0)
    assert state.remaining_text == "12:30 left"
    assert state.elapsed_text == "32:30 in"
    assert state.text == "12:30 left"
    assert state.overrun_text == ""


def test_progress_past_the_box_says_the_overrun_in_words() -> None:
    state = progress(T0 + dt.timedelta(minutes=49, seconds=10), T0, 45)
    assert state.over
    assert state.remaining == dt.timedelta(0)
    assert state.overrun_text == "Over by 4:10"
    assert state.text == "Over by 4:10"
    assert state.remaining_text == "0:00 left"


def test_progress_never_counts_backwards_and_long_times_show_hours() -> None:
    assert progress(T0 - dt.timedelta(minutes=5), T0, 10).elapsed == dt.timedelta(0)
    assert clock_text(3725) == "1:02:05"
    assert clock_text(-3) == "0:00"


def test_views_and_day_starts() -> None:
    assert is_view("plan")
    assert is_view("brainstorm:Work back")
    assert not is_view("lunch")
    assert not is_view("brainstorm:")
    assert view_label("brainstorm:Work back") == "Brainstorm ▸ Work back"
    assert view_label("buyin") == "Buy-in"
    assert parse_day_start("8:30") == dt.time(8, 30)
    for bad in ("9", "25:00", "09:6", "nine"):
        with pytest.raises(ValueError, match="time of day"):
            parse_day_start(bad)


@pytest.fixture
def german() -> Iterator[None]:
    """The leader's language is German: a catalogue of the agenda's own words (as the app's .qm has them)."""
    words = {
        ("Agenda", "{clock} left"): "noch {clock}",
        ("Agenda", "{clock} in"): "{clock} vergangen",
        ("Agenda", "Over by {clock}"): "{clock} überzogen",
        ("Agenda", "Buy-in"): "Zustimmung",
        ("Agenda", "Brainstorm ▸ {tab}"): "Brainstorming ▸ {tab}",
        ("Agenda", "Work back"): "Rückwärtsrechnung",
        ("Agenda", "“{text}” is not a time of day like 09:00."): "„{text}“ ist keine Uhrzeit wie 09:00.",
    }
    language.use(lambda context, text, _disambiguation: words.get((context, text), ""), "de")
    try:
        yield
    finally:
        language.use(None)


@pytest.mark.usefixtures("german")
def test_the_running_item_and_its_screen_read_in_the_leaders_language() -> None:
    running = progress(T0 + dt.timedelta(minutes=17, seconds=30), T0, 30)
    assert (running.text, running.elapsed_text) == ("noch 12:30", "17:30 vergangen")
    assert progress(T0 + dt.timedelta(minutes=34, seconds=10), T0, 30).text == "4:10 überzogen"
    assert view_label("buyin") == "Zustimmung"
    # The tab's key stays the English name stored in the plan; only its label is translated.
    assert view_label("brainstorm:Work back") == "Brainstorming ▸ Rückwärtsrechnung"
    with pytest.raises(ValueError, match=re.escape("„9.30“ ist keine Uhrzeit wie 09:00.")):
        parse_day_start("9.30")

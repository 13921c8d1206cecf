"""Offsite in German: every screen, its menus and the projector speak German, and still fit.

The window is made after German is installed, as a German desktop starts it: the forms, the
pages and the menus are built in German. What stays English is the plan's own content (the demo
plan was typed in English); everything Offsite says around it is German, numbers and dates too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from german import english_in, plan_texts, shown_texts
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTabBar
from test_gui_screens import elided_headers, every_screen, settle

from offsite.domain.formatting import format_date, format_number
from offsite.domain.language import LANGUAGES, language
from offsite.gui.language import spoken
from offsite.gui.shell import VIEW_NAMES, MainWindow

pytestmark = pytest.mark.xdist_group("german")


@pytest.fixture
def german_window(
    german: None, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> tuple[MainWindow, Path]:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    return window, path


def test_german_is_offered_and_english_is_where_offsite_starts() -> None:
    assert LANGUAGES == {"en": "English", "de": "Deutsch"}
    assert spoken() == "en"
    assert language() == "en"
    assert format_number(1_250_000) == "1,250,000"


def test_numbers_and_dates_read_as_german_writes_them(german: None) -> None:
    assert spoken() == "de"
    assert language() == "de"
    assert format_number(1_250_000) == "1.250.000"
    assert format_number(4.25) == "4,25"
    assert format_date(dt.date(2027, 1, 14)) == "14. Januar 2027"
    assert QLocale().name() == "de_DE"


def test_every_screen_speaks_german_around_the_plans_own_words(german_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, path = german_window
    content = plan_texts(path)
    found: list[str] = []
    menus = list(shown_texts(window.menuBar()))
    assert any(text == "&Datei" for _, text in menus), "the File menu is not German"
    found += english_in(menus, content)
    for name, screen in every_screen(window):
        window.grab().save(str(tmp_path / f"de-{name}.png"))
        found += [f"{name}: {problem}" for problem in english_in(shown_texts(screen), content)]
        found += [f"{name}: {text}" for text in elided_headers(screen)]
    found += [f"status bar: {problem}" for problem in english_in(shown_texts(window.statusBar()), content)]
    for key in VIEW_NAMES:  # the tabs' own titles, above the tabs every_screen looked into
        for bar in window.phase_pages[key].findChildren(QTabBar):
            found += [f"{key} tabs: {problem}" for problem in english_in(shown_texts(bar), content)]
    navigation = [window.ui.navigation.item(row).text() for row in range(window.ui.navigation.count())]
    assert "Zustimmung" in navigation
    assert "Freigabe" in navigation
    assert found == [], "\n".join(found)


def test_the_projector_speaks_german(german_window) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.projector import ProjectorWindow

    window, path = german_window
    content = plan_texts(path)
    projector = ProjectorWindow(None, window.timer)
    projector.resize(1280, 720)
    projector.show()
    found: list[str] = []
    try:
        for name, _screen in every_screen(window):
            projector.set_projection(window.current_projection())
            settle()
            found += [f"{name}: {problem}" for problem in english_in(shown_texts(projector), content)]
    finally:
        projector.close()
    assert found == [], "\n".join(found)


def test_the_detector_sees_english_on_an_english_screen(
    make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    window.show_view("buyin")
    settle()
    found = english_in(shown_texts(window.phase_pages["buyin"]), plan_texts(path))
    assert found, "an English screen should show English words"
    assert english_in([("label", "Zugestimmt: 3 von 5 Zielen")], []) == []
    assert english_in([("label", "Pipeline coverage is due")], ["Pipeline coverage"]) == [
        "label: “Pipeline coverage is due” (due, is)"
    ]

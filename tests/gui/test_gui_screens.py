"""Every page fits a 1280×800 laptop at 100%, 125% and 150% scale, with or without the parking lot.

Scale is rendered as the logical window it gives: Qt lays out in device-independent pixels,
so a 1280×800 screen at QT_SCALE_FACTOR=1.25 (or 1.5) is laid out exactly as a 1024×640
(or 853×533) window at 100%, only painted larger. Rendering those logical sizes in this
process tests the same layouts as a scaled subprocess would, in a fraction of the time.

The PNGs go to the test's tmp_path, and to the folder named by OFFSITE_SCREENSHOTS if set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QTableView,
    QTabWidget,
    QWidget,
)

from offsite.gui.shell import VIEW_NAMES, MainWindow

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

SCREENS = {"100%": (1280, 800), "125%": (1024, 640), "150%": (853, 533)}
#: Screens whose rows of buttons and fields reflow rather than scroll sideways: at every size
#: without the parking lot, and with it open at these sizes.
EVERY_SCALE = {"100%", "125%", "150%"}
SIDEWAYS_FREE = {
    "prepare": EVERY_SCALE,
    "brainstorm-work-back": EVERY_SCALE,
    "brainstorm-team-switch": EVERY_SCALE,
    "buyin-definitions": EVERY_SCALE,
    "brainstorm-ask-why": EVERY_SCALE,
    "brainstorm-candidates": EVERY_SCALE,
    "plan": EVERY_SCALE,
    "buyin-objectives": EVERY_SCALE,
    "buyin-overlaps": EVERY_SCALE,
    "review-check-ins": EVERY_SCALE,
    "review-alignment": EVERY_SCALE,
    "signoff": EVERY_SCALE,
    "agreements-customer-journey": EVERY_SCALE,
    "agreements-hand-offs": EVERY_SCALE,
    "agreements-decision-rights": EVERY_SCALE,
    "agreements-incentives": EVERY_SCALE,
    "agreements-joint-practices": EVERY_SCALE,
}
#: Screens that scroll down rather than squeeze a widget below the height it needs (fields
#: drawn over each other, a table one row high), at every size, with or without the parking lot.
SQUEEZE_FREE = set(SIDEWAYS_FREE)
#: A list that shows all its rows.
EVERY_ROW = 1_000
#: Lists a leader reads at a glance on these screens at every size, with or without the parking
#: lot: at least this many whole rows show (the page scrolls down to make room for them).
ROWS_AT_EVERY_SIZE = {
    "agendaView": 3,
    "glossaryView": 2,
    "matrixView": 3,
    "funnelTable": 5,  # a year's quarters and the total
    "goalsTree": 3,
    "pairsList": 2,
    "playedView": 3,
    "realView": 3,
    "themesTree": 2,
    "suggestionsList": 2,
    "poolView": 5,
    "metricsView": 3,
    "findingsView": 6,
    "objectivesView": 8,
    "componentsTable": EVERY_ROW,  # every part of the alignment index
    "surveyTable": EVERY_ROW,  # every leader's rating
    "versionsTable": 1,  # the version being signed, or the first to freeze
    "signTable": 3,
    "checkInsView": 6,  # the weekly review's metrics, with their objectives' headings
}
#: Tables a leader reads at a glance: at least this many rows show at 1280×800.
ROWS = {"teamsView": 3, "leadersView": 3, "goalsView": 2, "poolView": 8, "metricsView": 3}
#: Tables that fit their width at every size, with or without the parking lot: no scroll bar
#: sideways, and this column (the text a leader reads) at least this wide: two lines of a dozen
#: characters or more.
FIT_THEIR_WIDTH = {"poolView": (1, 100)}
#: Tables whose every header reads whole at every size, with or without the parking lot: the
#: stance matrices (every leader named) and Prepare's lists, which go under each other when narrow.
WHOLE_AT_EVERY_SIZE = {"matrixView", "teamsView", "leadersView", "goalsView"}
#: Tables whose every column is in view without scrolling sideways (a matrix of many leaders scrolls).
IN_VIEW = {"teamsView", "leadersView", "goalsView"}


def settle() -> None:
    """Let the layouts settle: a page that stacks its panes, then fits them to their text, takes a
    few rounds of posted layout requests (a fixed count of rounds, not a wait on the clock)."""
    for _ in range(10):
        QApplication.processEvents()


def every_screen(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Show each page, and each tab of a page with tabs, in turn: (name, page or tab)."""
    for key in VIEW_NAMES:
        window.show_view(key)
        settle()
        page = window.phase_pages[key]
        tabs = page.findChild(QTabWidget)
        if tabs is None:
            yield key, page
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield (
                f"{key}-{tabs.tabText(index).replace('&', '').replace(' ', '-').lower()}",
                tabs.widget(index),
            )


def save(window: MainWindow, folder: Path, name: str) -> None:
    image = window.grab()
    image.save(str(folder / f"{name}.png"))
    extra = os.environ.get("OFFSITE_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(extra) / f"{name}.png"))


def elided_headers(screen: QWidget, names: set[str] | None = None) -> list[str]:
    """Header sections out of view (in tables of ``IN_VIEW``) or narrower than their title (drawn
    bold, with the style sheet's padding), or, where titles word-wrap, a word wider than its
    section or the lines taller than the header.

    ``names``: only the tables of these object names (all when None)."""
    clipped = []
    for table in screen.findChildren(QTableView):
        if not table.isVisible() or (names is not None and table.objectName() not in names):
            continue
        header = table.horizontalHeader()
        font = QFont(header.font())
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        wraps = bool(header.defaultAlignment().value & Qt.TextFlag.TextWordWrap.value)
        model = table.model()
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.sectionSize(section) == 0:
                continue
            title = str(model.headerData(section, header.orientation()) or "")
            size = header.sectionSize(section)
            left = header.sectionViewportPosition(section)
            out = left < 0 or left + size > header.viewport().width()
            if out and table.objectName() in IN_VIEW:  # a list read at a glance, not scrolled sideways
                clipped.append(
                    f"{table.objectName()}: “{title}” is out of view, past {header.viewport().width()} px"
                )
                continue
            if wraps:
                room = size - 2 * 6
                flags = Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value
                box = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, title)
                if box.width() > room or box.height() + 2 * 4 > header.height():
                    clipped.append(
                        f"{table.objectName()}: “{title}” needs {box.width()}×{box.height()} px"
                        f" in {room}×{header.height() - 2 * 4}"
                    )
                continue
            needed = max(metrics.horizontalAdvance(line) for line in title.splitlines() or [""]) + 2 * 6
            if size < needed:
                clipped.append(f"{table.objectName()}: “{title}” {size} < {needed} px")
    return clipped


def whole_rows(view: QAbstractItemView) -> tuple[int, int]:
    """How many rows of ``view`` show whole without scrolling, of how many (a tree's expanded rows too)."""
    model, room = view.model(), view.viewport().rect()
    shown, total, pending = 0, 0, [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rect = view.visualRect(index)
            total += 1
            if rect.isValid() and room.contains(rect.topLeft()) and rect.bottom() <= room.bottom():
                shown += 1
            pending.append(index)
    return shown, total


def squeezed(screen: QWidget) -> list[str]:
    """Widgets on ``screen`` given less height than they need to draw whole."""
    found = []
    for widget in screen.findChildren(QWidget):
        if not widget.isVisible() or not widget.objectName() or widget.objectName().startswith("qt_"):
            continue
        need = widget.minimumSizeHint().expandedTo(widget.minimumSize()).height()
        if widget.height() < need:
            found.append(f"{widget.objectName()} is {widget.height()} px high, needs {need}")
    return found


def rows_shown(table: QTableView) -> float:
    height = table.viewport().height()
    row = table.rowHeight(0) if table.model().rowCount() else table.verticalHeader().defaultSectionSize()
    return height / row


def fit_problems(window: MainWindow, name: str, screen: QWidget) -> list[str]:
    """Widgets of ``screen`` squeezed, and its lists read at a glance showing too few whole rows."""
    problems = [f"{name}: {text}" for text in squeezed(screen)]
    for view in screen.findChildren(QAbstractItemView):
        wanted = ROWS_AT_EVERY_SIZE.get(view.objectName())
        shown, total = whole_rows(view) if wanted and view.isVisible() else (0, 0)
        if wanted and shown < min(wanted, total):
            problems.append(f"{name}: {view.objectName()} shows {shown} whole rows of {total}")
    for table in screen.findChildren(QTableView):
        if table.objectName() not in FIT_THEIR_WIDTH or not table.isVisible():
            continue
        column, readable = FIT_THEIR_WIDTH[table.objectName()]
        if table.horizontalScrollBar().maximum() > 0:
            problems.append(f"{name}: {table.objectName()} scrolls sideways inside itself")
        if table.columnWidth(column) < readable:
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            problems.append(f"{name}: {table.objectName()}'s “{title}” is {table.columnWidth(column)} px")
    return problems


def sideways(window: MainWindow, name: str) -> list[str]:
    """The page shown scrolling sideways."""
    scroll = window.pages_scroll
    need = scroll.widget().minimumSizeHint().width()
    if need > scroll.viewport().width():
        return [f"{name}: scrolls sideways, needs {need} of {scroll.viewport().width()} px"]
    return []


@pytest.mark.parametrize("parking", [False, True], ids=["pages", "with-parking-lot"])
@pytest.mark.parametrize("scale", list(SCREENS))
def test_every_screen_fits_the_laptop_without_clipping(
    demo_window: MainWindow, tmp_path: Path, scale: str, parking: bool
) -> None:
    width, height = SCREENS[scale]
    window = demo_window
    window.parking.dock.setVisible(parking)
    window.resize(width, height)
    settle()
    hint = window.minimumSizeHint()
    assert hint.width() <= width, f"the window needs {hint.toTuple()}"
    assert hint.height() <= height, f"the window needs {hint.toTuple()}"
    problems: list[str] = []
    for name, screen in every_screen(window):
        window.resize(width, height)
        settle()
        save(window, tmp_path, f"{scale}-{'parking-' if parking else ''}{name}")
        if window.width() > width or window.height() > height:
            problems.append(f"{name}: the window grew to {window.width()}×{window.height()}")
        if name in SQUEEZE_FREE:
            problems += fit_problems(window, name, screen)
        if name in SIDEWAYS_FREE and (not parking or scale in SIDEWAYS_FREE[name]):
            problems += sideways(window, name)
        # Some tables read whole at every size; the others at 1280×800.
        full = scale == "100%" and not parking
        problems += [
            f"{name}: {text}" for text in elided_headers(screen, None if full else WHOLE_AT_EVERY_SIZE)
        ]
        if full:
            for table in screen.findChildren(QTableView):
                wanted = ROWS.get(table.objectName())
                if wanted and table.isVisible() and rows_shown(table) < wanted:
                    problems.append(f"{name}: {table.objectName()} shows {rows_shown(table):.1f} rows")
    assert problems == [], "\n".join(problems)
    assert len(list(tmp_path.glob("*.png"))) == 19


def test_the_header_check_sees_a_squeezed_title(demo_window: MainWindow) -> None:
    demo_window.show_view("prepare")
    settle()
    page = demo_window.phase_pages["prepare"]
    header = page.ui.goalsView.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 20)
    assert any("Baseline" in text for text in elided_headers(page))


def test_the_header_check_sees_a_leader_cut_in_the_buyin_matrix(demo_window: MainWindow) -> None:
    demo_window.show_view("buyin")
    settle()
    page = demo_window.phase_pages["buyin"]
    header = page.ui.matrixView.horizontalHeader()
    assert elided_headers(page, {"matrixView"}) == []
    header.resizeSection(4, 40)  # Daniel Kim of Customer Success, in a column too narrow for “Customer”
    assert any("Customer Success" in text for text in elided_headers(page, {"matrixView"}))


def test_work_back_puts_the_funnel_under_the_team_goals_on_a_scaled_screen(demo_window: MainWindow) -> None:
    window = demo_window
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tabs = page.findChild(QTabWidget)
    tabs.setCurrentIndex(1)
    tab = tabs.currentWidget()
    goals, funnel = tab.ui.splitter.widget(0), tab.ui.splitter.widget(1)
    for width, height in (SCREENS["150%"], SCREENS["100%"]):
        window.resize(width, height)
        settle()
        stacked = width < 1000
        # Each goal keeps a readable column beside its team, target and unit.
        assert tab.tree.columnWidth(0) >= 200, f"{width}: the goal column is {tab.tree.columnWidth(0)} px"
        assert (funnel.y() >= goals.y() + goals.height()) == stacked
        assert (funnel.x() >= goals.x() + goals.width()) == (not stacked)


def test_prepare_puts_the_leaders_and_goals_under_the_teams_on_a_scaled_screen(
    demo_window: MainWindow,
) -> None:
    window = demo_window
    window.show_view("prepare")
    page = window.phase_pages["prepare"]
    ui = page.ui
    teams, leaders, goals = (
        ui.teamsView.parentWidget(),
        ui.leadersView.parentWidget(),
        ui.goalsView.parentWidget(),
    )
    for scale in ("150%", "100%"):
        window.resize(*SCREENS[scale])
        settle()
        stacked = scale == "150%"
        assert (leaders.y() >= teams.y() + teams.height()) == stacked, scale
        assert (leaders.x() >= teams.x() + teams.width()) == (not stacked), scale
        assert goals.y() >= leaders.y() + leaders.height(), scale
        scroll = window.pages_scroll
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), (
            f"{scale}: scrolls sideways"
        )
    window.resize(*SCREENS["150%"])
    settle()
    # A leader's whole name, not “Tomás …”: the Name column is wider than the name and the cell's margins.
    model = ui.leadersView.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Tomás Herrera")
    cell = ui.leadersView.visualRect(model.index(row, 0))
    margin = (
        ui.leadersView.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, ui.leadersView) + 1
    )
    needed = ui.leadersView.fontMetrics().horizontalAdvance("Tomás Herrera") + 2 * margin
    assert cell.width() >= needed, f"the Name column is {cell.width()} px, “Tomás Herrera” needs {needed}"


def test_signoff_with_a_version_to_sign_fits_the_laptop_at_every_scale(
    demo_window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    window = demo_window
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    ui = page.ui
    # Freeze the demo plan (not every objective is bought in) from the keyboard, as a facilitator does.
    ui.reasonEdit.setFocus()
    qtbot.keyClicks(ui.reasonEdit, "Agreed in the room")
    ui.frozenByEdit.setFocus()
    ui.frozenByEdit.selectAll()
    qtbot.keyClicks(ui.frozenByEdit, "Sam Whitfield")
    qtbot.keyClick(ui.frozenByEdit, Qt.Key.Key_Return)
    assert ui.signTable.isVisible()
    problems: list[str] = []
    for parking in (False, True):
        window.parking.dock.setVisible(parking)
        for scale, (width, height) in SCREENS.items():
            window.resize(width, height)
            settle()
            name = f"{scale}-{'parking-' if parking else ''}signoff-frozen"
            save(window, tmp_path, name)
            problems += fit_problems(window, name, page) + sideways(window, name)
            # The leader about to sign, their initials and the Sign button all in view across.
            for widget in (ui.signButton, ui.withdrawButton, ui.initialsEdit):
                right = widget.mapTo(page, widget.rect().topRight()).x()
                if right > window.pages_scroll.viewport().width():
                    problems.append(f"{name}: {widget.objectName()} is out of view, at {right} px")
    assert problems == [], "\n".join(problems)

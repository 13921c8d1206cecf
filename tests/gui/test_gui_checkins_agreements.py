"""Review ▸ Check-ins walks the agreements too: a hand-off's or joint practice's line under the metric
it names, "▲ Due" while a practice's cadence is not kept, and a note naming those no metric tracks.

The demo plan just out of its offsite (15 January 2027), without the agreements it may come with,
with a metric "Joint customer visits" added to "Expand happy customers", and agreements made with
the services' verbs: the hand-off "Demo request" tracked by "Time to first touch", the quarterly
practice "Marketing joins a customer visit" tracked by "Joint customer visits", and a hand-off and a
practice that name no metric.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from sqlalchemy import delete
from tests.gui.test_gui_checkins import check_in, choose_day, in_file, open_check_ins, press, row_of
from tests.quarters import forget_the_cadence

from offsite.domain.values import Kind
from offsite.gui.checkins_model import NAME, NEW_ACTUAL, STATUS
from offsite.gui.commands import UpdateCommand
from offsite.gui.theme import tone
from offsite.services import checkins
from offsite.services.agreements import add_agreement
from offsite.services.objectives import add_metric
from offsite.services.plans import open_plan, read_plan
from offsite.store.models import Agreement, AgreementStance
from offsite.store.planfile import PlanFile

VISIT_LINE = "↳ Joint practice (quarterly): Marketing joins a customer visit"
DEMO_LINE = "↳ Hand-off: Demo request — First touch within 4 business hours"
NOTE = (
    "2 agreements are not tracked: name a metric for them on the Agreements page — "
    "hand-off “Partner referral”, joint practice “Win-loss review together”."
)


@dataclass(frozen=True)
class Tracked:
    path: Path
    visits: int
    first_touch: int
    referral: int


def forget_the_agreements(plan: PlanFile) -> None:
    """Remove whatever agreements the demo plan comes with: the test says its own in full."""
    with plan.write() as session:
        session.execute(delete(AgreementStance))
        session.execute(delete(Agreement))


@pytest.fixture
def tracked(tmp_path: Path, demo_plan_bytes: bytes) -> Tracked:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        forget_the_cadence(plan)
        forget_the_agreements(plan)
        view = read_plan(plan)
        objective = next(o for o in view.objectives if o.statement == "Expand happy customers")
        metrics = {m.name: m.id for o in view.objectives for m in o.metrics}
        teams = {t.name: t.id for t in view.teams}
        leaders = {p.name: p.id for p in view.leaders}
        visits = add_metric(
            plan,
            objective.id,
            "Joint customer visits",
            unit="visits",
            baseline=0,
            target=8,
            due=dt.date(2027, 6, 30),
        ).id
        add_agreement(
            plan,
            "hand_off",
            "Demo request",
            route="Round-robin to SDRs",
            service_level="First touch within 4 business hours",
            team_id=teams["Sales"],
            metric_id=metrics["Time to first touch"],
        )
        add_agreement(
            plan,
            "practice",
            "Marketing joins a customer visit",
            cadence="quarterly",
            team_id=teams["Marketing"],
            owner_id=leaders["Priya Raman"],
            metric_id=visits,
        )
        referral = add_agreement(
            plan, "hand_off", "Partner referral", service_level="Call back the same day"
        ).id
        add_agreement(plan, "practice", "Win-loss review together", cadence="monthly")
        add_agreement(plan, "incentive", "Closed-won revenue", team_id=teams["Marketing"])  # not tracked here
    return Tracked(path, visits, metrics["Time to first touch"], referral)


def line_under(tab, metric: str) -> int:  # type: ignore[no-untyped-def]
    """The row of the first agreement's line under ``metric``'s row."""
    row = row_of(tab, metric) + 1
    assert tab.model.tracked(row) is not None, f"no agreement's line under {metric}"
    return row


def shown(tab, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return tab.model.index(row, column).data(role)


def test_a_practice_not_kept_this_quarter_reads_due_under_its_metric_and_a_check_in_keeps_it(
    qtbot, make_window, answered, tracked: Tracked
) -> None:
    _window, tab = open_check_ins(make_window, tracked.path)
    view = tab.ui.checkInsView
    choose_day(qtbot, tab, "1 Mar 2027")

    practice = line_under(tab, "Joint customer visits")
    assert shown(tab, practice, NAME) == VISIT_LINE
    assert shown(tab, practice, STATUS) == "▲ Due"
    colour = shown(tab, practice, STATUS, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QBrush)
    assert colour.color().name() == tone("advice")
    assert view.columnSpan(practice, NAME) == STATUS  # the line reads whole up to the Status column
    assert not tab.model.flags(tab.model.index(practice, NEW_ACTUAL)) & Qt.ItemFlag.ItemIsEditable
    assert "<b>1</b> joint practice due" in tab.ui.summaryLabel.text()

    hand_off = line_under(tab, "Time to first touch")
    assert shown(tab, hand_off, NAME) == DEMO_LINE
    assert shown(tab, hand_off, STATUS) == ""  # a hand-off's status is its metric's, on the row above

    # The keyboard: type the visit in the metric's row; Enter saves and goes on past the line.
    view.setCurrentIndex(tab.model.index(row_of(tab, "Joint customer visits"), NEW_ACTUAL))
    painted: set[int] = set()
    resets: list[int] = []
    tab.model.dataChanged.connect(lambda top, bottom, *_: painted.update(range(top.row(), bottom.row() + 1)))
    tab.model.modelReset.connect(lambda: resets.append(1))
    check_in(qtbot, "1", "8")
    assert in_file(tracked.path) == [("Joint customer visits", dt.date(2027, 3, 1), 1.0, 8, "")]
    assert shown(tab, practice, STATUS) == "● Kept"
    colour = shown(tab, practice, STATUS, Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == tone("ok")
    assert "joint practice due" not in tab.ui.summaryLabel.text()
    assert tab.model.line(view.currentIndex().row()).metric.name == "Leads routed within 5 minutes"
    assert view.currentIndex().column() == NEW_ACTUAL
    # Work follows what changed: the metric's row and its practice's line, never the table.
    assert resets == []
    assert painted == {row_of(tab, "Joint customer visits"), practice}

    # Ctrl+Z takes the check-in back, and the practice is due again.
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_file(tracked.path) == []
    assert shown(tab, practice, STATUS) == "▲ Due"
    assert "<b>1</b> joint practice due" in tab.ui.summaryLabel.text()
    assert answered.errors == []


def test_a_check_in_of_an_earlier_quarter_leaves_the_practice_due_in_this_one(
    qtbot, make_window, tracked: Tracked
) -> None:
    with open_plan(tracked.path) as plan:
        checkins.check_in(plan, tracked.visits, 1, as_of=dt.date(2027, 3, 20))
    _window, tab = open_check_ins(make_window, tracked.path)
    choose_day(qtbot, tab, "31 Mar 2027")
    practice = line_under(tab, "Joint customer visits")
    assert shown(tab, practice, STATUS) == "● Kept"
    choose_day(qtbot, tab, "5 Apr 2027")  # the next quarter: due again
    assert shown(tab, practice, STATUS) == "▲ Due"
    choose_day(qtbot, tab, "15 Mar 2027")  # before the check-in that kept Q1
    assert shown(tab, practice, STATUS) == "▲ Due"


def test_the_keyboard_passes_over_the_agreements_lines_as_over_the_headings(
    qtbot, make_window, tracked: Tracked
) -> None:
    _window, tab = open_check_ins(make_window, tracked.path)
    view = tab.ui.checkInsView
    # Between the two metrics: the hand-off's line, then the next objective's heading.
    assert shown(tab, line_under(tab, "Time to first touch"), NAME) == DEMO_LINE
    view.setCurrentIndex(tab.model.index(row_of(tab, "Time to first touch"), NEW_ACTUAL))
    press(qtbot, Qt.Key.Key_Down)  # past the hand-off's line and the next objective's heading
    assert tab.model.line(view.currentIndex().row()).metric.name == "Share of voice"
    press(qtbot, Qt.Key.Key_Up)
    assert tab.model.line(view.currentIndex().row()).metric.name == "Time to first touch"
    press(qtbot, Qt.Key.Key_Return)  # nothing typed: on to the next metric, past the line
    assert tab.model.line(view.currentIndex().row()).metric.name == "Share of voice"
    press(qtbot, Qt.Key.Key_Backtab)  # back to the previous metric's confidence
    assert tab.model.line(view.currentIndex().row()).metric.name == "Time to first touch"


def test_hand_offs_and_practices_naming_no_metric_are_listed_above_the_table_until_one_is_named(
    qtbot, make_window, tracked: Tracked
) -> None:
    window, tab = open_check_ins(make_window, tracked.path)
    note = tab.ui.agreementsNote
    assert note.isVisible()
    assert note.text() == NOTE
    assert note.y() < tab.ui.checkInsView.y()
    # The Agreements page names a metric for the referral: the note and the table follow.
    window.document.execute(
        UpdateCommand(
            window.document,
            "Name a metric",
            Kind.AGREEMENT,
            tracked.referral,
            {"metric_id": tracked.first_touch},
        )
    )
    assert note.text() == (
        "1 agreement is not tracked: name a metric for it on the Agreements page — "
        "joint practice “Win-loss review together”."
    )
    row = row_of(tab, "Time to first touch")
    assert [shown(tab, row + 1, NAME), shown(tab, row + 2, NAME)] == [
        DEMO_LINE,
        "↳ Hand-off: Partner referral — Call back the same day",
    ]
    window.undo_action.trigger()
    assert note.text() == NOTE
    assert tab.model.tracked(row + 2) is None


def test_the_projector_shows_the_practice_and_whether_it_is_due_under_its_metric(
    qtbot, make_window, tracked: Tracked
) -> None:
    window, tab = open_check_ins(make_window, tracked.path)
    choose_day(qtbot, tab, "1 Mar 2027")
    tab.ui.checkInsView.setCurrentIndex(tab.model.index(row_of(tab, "Joint customer visits"), NEW_ACTUAL))
    projected = window.current_projection()
    assert projected is not None
    assert projected.table is not None
    assert projected.title == "Expand happy customers"
    rows = projected.table.rows
    assert rows[-2][0].startswith("Joint customer visits — target 8 visits by 30 Jun")
    assert rows[-1] == (VISIT_LINE, "", "", "▲ Due", "")
    assert projected.table.row_styles[-2:] == ("current", "")

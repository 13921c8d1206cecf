"""File ▸ Import Actuals, as a leader does it: a HubSpot export of deals becomes a month's bookings.

The dialog is driven from the keyboard on files written byte for byte as HubSpot and Google Sheets
write them (actuals_files.py): the mapping chosen, the preview read, the mapping saved, the check-ins
written and taken back with Ctrl+Z; a file with a broken line shows it and cannot be imported; the
next export opens on the saved mapping and previews without a question; the plan's own check-ins
export puts back only what the plan lost since.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from actuals_files import EXCEL_GERMAN, GOOGLE_SHEET, HUBSPOT_DEALS, actuals_plan, save_hubspot_mapping, write
from offsite.domain.actuals import EXPORT_NOTE
from offsite.domain.values import Kind
from offsite.exchange.tidy import export_tidy
from offsite.gui.import_dialog import ImportActualsDialog
from offsite.gui.shell import MainWindow
from offsite.services import changes
from offsite.services.checkins import find_mapping, read_check_ins
from offsite.services.plans import open_plan, read_plan
from offsite.store.document.read import plan_document

D = dt.date
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on a plan whose metrics the files name (SQLs, Pipeline, Win rate, Closed won…)."""
    made = make_window()
    assert made.open_path(actuals_plan(tmp_path / "revenue.offsite"))
    return made


def open_dialog(qtbot, window: MainWindow, answered, path: Path) -> ImportActualsDialog:  # type: ignore[no-untyped-def]
    """File ▸ Import Actuals (Ctrl+Shift+I), the file chosen, and its first preview made."""
    assert window.import_actuals.action in window.ui.menuFile.actions()
    answered.open_paths.append(path)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: window.import_actuals.dialog is not None and window.import_actuals.dialog.isVisible()
    )
    dialog = window.import_actuals.dialog
    assert dialog is not None
    settled(qtbot, dialog)
    return dialog


def settled(qtbot, dialog: ImportActualsDialog) -> None:  # type: ignore[no-untyped-def]
    """Wait for the preview of the choices as they stand (made on the worker)."""
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=30_000)


def shown_rows(dialog: ImportActualsDialog) -> list[tuple[str, str, str, str, str]]:
    model = dialog.model
    return [
        (row.metric, row.as_of, row.value, row.what, row.lines)
        for row in (model.row(n) for n in range(model.rowCount()))
    ]


def faults_shown(dialog: ImportActualsDialog) -> list[str]:
    listing = dialog.ui.faultsList
    return [listing.item(n).text() for n in range(listing.count())] if listing.isVisible() else []  # type: ignore[union-attr]


def check_ins_on_disk(path: Path) -> list[tuple[str, dt.date, float, str]]:
    with open_plan(path, readonly=True) as plan:
        names = {m.id: m.name for o in read_plan(plan).objectives for m in o.metrics}
        return sorted((names[c.metric_id], c.as_of, c.value, c.source) for c in read_check_ins(plan))


def test_a_hubspot_export_summed_by_month_for_closed_won_is_imported_saved_and_undone(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    deals = write(tmp_path, "hubspot-crm-exports-all-deals-2027-04-01.csv", HUBSPOT_DEALS)
    dialog = open_dialog(qtbot, window, answered, deals)
    ui = dialog.ui
    # HubSpot's columns say it is a list of deals: records, dated by Close Date, with a filter on the
    # stage ready and nothing ticked yet; the metric they make up is not known yet.
    assert ui.mappingCombo.currentText() == "New mapping…"
    assert "the mapping does not say the metric these records make up" in faults_shown(dialog)[0]
    assert not dialog.import_button.isEnabled()

    qtbot.keyClick(dialog, Qt.Key.Key_C, ALT)  # Each line is a re&cord
    assert ui.recordsRadio.isChecked()
    assert not ui.metricColumnCombo.isVisible()  # a record names no metric: the mapping does
    qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)  # Me&tric
    assert ui.metricCombo.hasFocus()
    qtbot.keyClick(ui.metricCombo, Qt.Key.Key_C)  # “Closed won”, the plan's one metric starting so
    qtbot.keyClick(dialog, Qt.Key.Key_V, ALT)  # &Value column: sum the Amount instead of counting
    qtbot.keyClick(ui.valueColumnCombo, Qt.Key.Key_A)
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)  # One check-in &per month
    qtbot.keyClick(ui.periodCombo, Qt.Key.Key_M)
    stage = dialog._filters[0]
    assert stage.column.currentText() == "Deal Stage"
    assert stage.values.item(0).text() == "Closed won"  # type: ignore[union-attr]  (the most frequent first)
    stage.values.setFocus()
    qtbot.keyClick(stage.values, Qt.Key.Key_Space)  # tick “Closed won”
    settled(qtbot, dialog)

    assert faults_shown(dialog) == []
    assert shown_rows(dialog) == [
        ("Closed won", "31 Jan 2027", "36,500.5", "new", "lines 2 and 4"),
        ("Closed won", "28 Feb 2027", "0", "new", "no record"),
        ("Closed won", "30 Mar 2027", "3,000", "new", "lines 6 and 7"),
    ]
    assert "Counted 4 of 6 records: Deal Stage is “Closed won”." in ui.importNotes.text()
    assert ui.importSummary.text() == (
        "Import from “hubspot-crm-exports-all-deals-2027-04-01” writes 3 check-ins (3 new)."
    )

    qtbot.keyClick(dialog, Qt.Key.Key_A, ALT)  # Save mapping &as
    qtbot.keyClicks(ui.saveNameEdit, "HubSpot deals")
    qtbot.keyClick(ui.saveNameEdit, Qt.Key.Key_Return)  # saves (it does not import)
    settled(qtbot, dialog)

    assert dialog.isVisible()
    assert ui.mappingCombo.currentText() == "HubSpot deals"
    assert ui.importSummary.text().startswith("Saved the mapping “HubSpot deals”")
    assert ui.importSummary.text().endswith("Import from “HubSpot deals” writes 3 check-ins (3 new).")
    assert document_mapping(window, "hubspot deals") == (
        "records",
        "sum",
        "month",
        (("Deal Stage", ("Closed won",)),),
    )
    assert dialog.import_button.text() == "&Import 3 Check-ins"

    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)  # &Import 3 Check-ins
    qtbot.waitUntil(lambda: window.import_actuals.dialog is None)

    plan_path = window.document.plan.path  # type: ignore[union-attr]
    assert check_ins_on_disk(plan_path) == [
        ("Closed won", D(2027, 1, 31), 36_500.5, "HubSpot deals"),
        ("Closed won", D(2027, 2, 28), 0.0, "HubSpot deals"),
        ("Closed won", D(2027, 3, 30), 3_000.0, "HubSpot deals"),
    ]
    assert window.notifier.text().startswith("Imported 3 check-ins from “HubSpot deals”.")
    assert answered.errors == []

    qtbot.waitUntil(window.isActiveWindow)  # the window has the keys again
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert check_ins_on_disk(plan_path) == []
    assert find_mapping(window.document.plan, "HubSpot deals") is not None  # type: ignore[union-attr]


def document_mapping(
    window: MainWindow, name: str
) -> tuple[str, str, str, tuple[tuple[str, tuple[str, ...]], ...]]:
    assert window.document is not None
    found = find_mapping(window.document.plan, name)
    assert found is not None
    return found.settings["layout"], found.settings["aggregate"], found.settings["period"], found.filters


def test_a_broken_line_is_shown_with_its_reason_and_import_stays_disabled(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    broken = GOOGLE_SHEET.replace(b"Win rate,3/7/2027,24%", b"Win rate,3/37/2027,24%")
    dialog = open_dialog(qtbot, window, answered, write(tmp_path, "weekly.csv", broken))

    assert faults_shown(dialog) == [
        "⚠ Line 4, Week ending: “3/37/2027” is not a date: write it as 2027-03-14, 14/03/2027 or Mar 14, 2027"
    ]
    assert dialog.ui.importSummary.text() == (
        "⚠ 1 line at fault: correct it in the file or the mapping; nothing is imported until then."
    )
    assert not dialog.import_button.isEnabled()
    assert len(shown_rows(dialog)) == 5  # the other lines are still shown, to check them
    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)
    assert dialog.isVisible()
    dialog.reject()
    assert check_ins_on_disk(window.document.plan.path) == []  # type: ignore[union-attr]


def test_a_label_the_plan_does_not_know_is_named_another_metric_from_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    dialog = open_dialog(
        qtbot, window, answered, write(tmp_path, "Weekly actuals - Sheet1.csv", GOOGLE_SHEET)
    )
    aliases = dialog.ui.aliasesForm
    assert aliases.rowCount() == 1
    caption = aliases.itemAt(0, aliases.ItemRole.LabelRole).widget()
    combo = aliases.itemAt(0, aliases.ItemRole.FieldRole).widget()
    assert caption.text() == "“New pipeline” is"  # type: ignore[union-attr]
    assert combo.currentText() == "Pipeline"  # type: ignore[union-attr]  (the reading's suggestion)
    assert ("Pipeline (“New pipeline”)", "14 Mar 2027", "1,410,500.5", "new", "line 6") in shown_rows(dialog)

    combo.setFocus()  # type: ignore[union-attr]
    qtbot.keyClick(
        combo, Qt.Key.Key_Up
    )  # the plan's metrics in order: … Pipeline created, Win rate, Pipeline
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    settled(qtbot, dialog)

    assert ("Pipeline created (“New pipeline”)", "14 Mar 2027", "1,410,500.5", "new", "line 6") in shown_rows(
        dialog
    )
    assert dialog.spec().aliases == (("New pipeline", combo.currentData()),)  # type: ignore[union-attr]
    assert dialog.import_button.text() == "&Import 6 Check-ins"


def test_the_next_export_opens_on_the_saved_mapping_and_previews_without_a_question(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    assert window.document is not None
    plan = window.document.plan
    save_hubspot_mapping(plan)

    dialog = open_dialog(qtbot, window, answered, write(tmp_path, "hubspot-deals-april.csv", HUBSPOT_DEALS))

    assert dialog.ui.mappingCombo.currentText() == "HubSpot deals"
    assert dialog.ui.recordsRadio.isChecked()
    assert dialog.ui.metricCombo.currentText() == "Closed won"
    assert [row[:3] for row in shown_rows(dialog)] == [
        ("Closed won", "31 Jan 2027", "36,500.5"),
        ("Closed won", "28 Feb 2027", "0"),
        ("Closed won", "30 Mar 2027", "3,000"),
    ]
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 3 Check-ins"
    assert answered.questions == []
    dialog.reject()


def test_escape_while_the_file_is_read_stops_waiting_for_it_and_a_second_escape_closes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    from offsite.gui.background import wait_for_computations

    dialog = open_dialog(qtbot, window, answered, write(tmp_path, "weekly.csv", GOOGLE_SHEET))
    other = write(tmp_path, "deals.csv", HUBSPOT_DEALS)
    ui = dialog.ui
    ui.fileEdit.setFocus()
    ui.fileEdit.selectAll()
    qtbot.keyClicks(ui.fileEdit, str(other))
    qtbot.keyClick(ui.fileEdit, Qt.Key.Key_Return)  # reads the file typed (on the worker)
    qtbot.keyClick(ui.fileEdit, Qt.Key.Key_Escape)  # before its table arrives

    assert dialog.isVisible()
    assert ui.importSummary.text().startswith("Reading cancelled")
    wait_for_computations()  # the reading ends on its own; what it read is dropped
    QApplication.processEvents()  # what it sent when it ended
    assert dialog.previewed is None
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()

    qtbot.keyClick(ui.fileEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.import_actuals.dialog is None)


def test_the_check_ins_tab_opens_the_import_on_the_file_chosen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, answered, tmp_path: Path
) -> None:
    window.show_view("review")
    tab = window.phase_pages["review"].tabs["Check-ins"]  # type: ignore[attr-defined]
    button = tab.ui.importButton
    assert button.isVisible()
    answered.open_paths.append(write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN))

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: window.import_actuals.dialog is not None)
    dialog = window.import_actuals.dialog
    assert dialog is not None
    settled(qtbot, dialog)
    assert dialog.ui.fileEdit.text().endswith("Ist-Werte.csv")
    assert dialog.import_button.text() == "&Import 4 Check-ins"
    dialog.reject()


def test_the_plans_own_export_with_three_check_ins_lost_since_puts_back_those_three_and_undo_takes_them(  # type: ignore[no-untyped-def]
    qtbot, make_window, answered, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    plan_path = tmp_path / "demo.offsite"
    plan_path.write_bytes(demo_plan_bytes)

    def held() -> list[dict[str, object]]:
        with open_plan(plan_path, readonly=True) as plan:
            records = plan_document(plan)["check_ins"]
        return sorted(
            ({k: v for k, v in r.items() if k not in ("uid", "recorded_at")} for r in records),
            key=lambda r: (str(r["metric"]), str(r["as_of"]), str(r["source"])),
        )

    with open_plan(plan_path) as plan:
        everything = read_check_ins(plan)
        out = export_tidy(plan, tmp_path / "checkins.csv")
        # Lost since the export: a typed check-in, and of a day both the room and the CRM's export
        # gave (someone outside the plan's leaders, for the CRM), both.
        typed = next(c for c in everything if c.source == "" and c.confidence is not None)
        days = Counter((c.metric_id, c.as_of) for c in everything)
        shared = next(day for day, count in days.items() if count > 1)
        both = [c for c in everything if (c.metric_id, c.as_of) == shared]
        assert sorted(c.source for c in both) == ["", "HubSpot deals export"]
        lost = [typed, *both]
        whole = held()
        for gone in lost:
            changes.remove(plan, Kind.CHECK_IN, gone.id)
    remaining = held()
    window = make_window()
    assert window.open_path(plan_path)

    dialog = open_dialog(qtbot, window, answered, out)

    assert faults_shown(dialog) == []
    assert EXPORT_NOTE in dialog.ui.importNotes.text()
    shown = [row[3] for row in shown_rows(dialog)]
    assert (shown.count("new"), shown.count("new, from “HubSpot deals export”")) == (2, 1)
    assert dialog.ui.importSummary.text() == (
        f"Import from “checkins” writes 3 check-ins (3 new); {len(everything) - 3} are in the plan already."
    )
    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)  # &Import 3 Check-ins
    qtbot.waitUntil(lambda: window.import_actuals.dialog is None)

    assert held() == whole  # each back with its own source, confidence, note and who
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert held() == remaining
    assert answered.errors == []

"""Offsite in German beyond the pages: every dialog, message box, menu text and toast speaks German.

The page test (test_gui_german.py) opens every screen; this one opens what those screens open: File ▸
New Plan's starter dialog, the keyboard shortcuts, the crash report, Import Actuals, the report's
period, the next cycle, the merge preview and history, the room's dialogs and outbox, the first
screen of an empty plan, a question's Yes/No, Edit ▸ Undo after an edit and the toast it shows.
Each is made after German is installed (as a German desktop starts Offsite); what may stay English
is the plan's own content (and a file's, for an import). Each dialog is saved as a PNG to look at.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from german import english_in, plan_texts, shown_texts
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_gui_screens import settle

from actuals_files import HUBSPOT_DEALS, actuals_plan, write
from offsite.gui import dialogs
from offsite.gui.shell import MainWindow

pytestmark = pytest.mark.xdist_group("german")

#: The real questions, before the ``answered`` fixture answers them for the other tests.
ASK_YES_NO = dialogs.ask_yes_no
SHOW_ERROR = dialogs.show_error


@pytest.fixture
def demo(german: None, make_window, tmp_path: Path, demo_plan_bytes: bytes) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    """A German window on a copy of the demo plan, and the plan's own words."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    return window, plan_texts(path)


def english(widget: QWidget, content: list[str], png: Path) -> list[str]:
    """The English ``widget`` shows outside ``content``; the widget is saved to ``png`` to look at."""
    settle()
    widget.grab().save(str(png))
    return english_in(shown_texts(widget), content)


def answered_box(answer: Callable[[QMessageBox], None]) -> list[QMessageBox]:
    """The next message box shown, handed to ``answer`` (which closes it) once it is up."""
    seen: list[QMessageBox] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, look)
            return
        seen.append(box)
        answer(box)

    QTimer.singleShot(0, look)
    return seen


def test_the_starter_dialog_names_the_templates_in_german(
    qtbot, german, make_window, answered, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    answered.save_paths.append(tmp_path / "Neu.offsite")
    window.ui.actionNew.trigger()
    qtbot.waitUntil(lambda: window.starter_dialog is not None and window.starter_dialog.isVisible())
    dialog = window.starter_dialog
    found = english(dialog, [], tmp_path / "de-starter.png")
    for name in ("starter-sales-led-b2b", "starter-product-led-saas"):
        dialog.findChild(QWidget, name).setChecked(True)
        found += english(dialog, [], tmp_path / f"de-{name}.png")
    dialog.reject()
    assert found == [], "\n".join(found)


def test_the_keyboard_shortcuts_read_in_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, content = demo
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window._shortcuts_dialog is not None and window._shortcuts_dialog.isVisible())
    dialog = window._shortcuts_dialog
    dialog.tree.expandAll()
    found = english(dialog, content, tmp_path / "de-shortcuts.png")
    rows = [f"{group} | {keys} | {what}" for group, keys, what in dialog.visible_rows()]
    # Every screen's keys, Review's Progress and Quarter end too, named as a German keyboard names them.
    groups = {group for group, _keys, _what in dialog.visible_rows()}
    assert {"Review ▸ Fortschritt", "Review ▸ Quartalsabschluss"} <= groups
    keys = {keys for _group, keys, _what in dialog.visible_rows()}
    assert {"Entf", "Leertaste", "Strg+Umschalt+K", "Tab, dann ↑ / ↓"} <= keys
    found += english_in([("row", row) for row in rows], content)
    assert found == [], "\n".join(found)


def test_the_crash_report_says_in_german_that_the_plan_is_safe(qtbot, german, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.crash import install_excepthook

    before = sys.excepthook
    install_excepthook(str(tmp_path / "offsite.log"))
    hook, sys.excepthook = sys.excepthook, before
    found: list[str] = []

    def answer(box: QMessageBox) -> None:
        box.grab().save(str(tmp_path / "de-crash.png"))
        texts = [(where, text) for where, text in shown_texts(box) if "ZeroDivisionError" not in text]
        found.extend(english_in(texts, []))
        box.close()

    seen = answered_box(answer)
    try:
        1 / 0  # noqa: B018 - the bug the dialog reports
    except ZeroDivisionError as error:
        hook(ZeroDivisionError, error, error.__traceback__)
    assert seen, "no crash dialog was shown"
    assert found == [], "\n".join(found)


def test_import_actuals_previews_a_csv_in_german(
    qtbot, german, make_window, answered, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = actuals_plan(tmp_path / "revenue.offsite")
    window = make_window()
    assert window.open_path(path)
    csv_file = write(tmp_path, "deals.csv", HUBSPOT_DEALS)
    content = plan_texts(path) + [
        cell for row in csv.reader(io.StringIO(HUBSPOT_DEALS.decode())) for cell in row
    ]
    answered.open_paths.append(csv_file)
    window.import_actuals.action.trigger()
    qtbot.waitUntil(
        lambda: window.import_actuals.dialog is not None and window.import_actuals.dialog.isVisible()
    )
    dialog = window.import_actuals.dialog
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=30_000)
    found = english(dialog, sorted(content, key=len, reverse=True), tmp_path / "de-import.png")
    dialog.reject()
    assert found == [], "\n".join(found)


def test_the_report_period_dialog_speaks_german(qtbot, demo, answered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.report_dialog import ReportPeriodDialog

    window, content = demo
    window.report_action.trigger()
    dialog = window.findChild(ReportPeriodDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    found = english(dialog, content, tmp_path / "de-report.png")
    dialog.reject()
    assert found == [], "\n".join(found)


def test_the_next_cycle_dialog_speaks_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, content = demo
    window.next_cycle.action.trigger()
    qtbot.waitUntil(lambda: window.next_cycle.dialog is not None and window.next_cycle.dialog.isVisible())
    dialog = window.next_cycle.dialog
    found = english(dialog, content, tmp_path / "de-cycle.png")
    dialog.reject()
    assert found == [], "\n".join(found)


def test_the_merge_previews_chips_say_what_a_draft_changes_in_german(
    qtbot, demo, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from test_gui_drafts import make_three_drafts

    from offsite.gui.draft_dialogs import CHANGE, MergePreviewDialog

    window, _content = demo
    paths = make_three_drafts(window.document.plan, tmp_path)
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *args, **kwargs: paths)
    window.ui.actionMergeDrafts.trigger()
    qtbot.waitUntil(lambda: isinstance(window.drafts.dialog, MergePreviewDialog), timeout=15_000)
    dialog = window.drafts.dialog
    qtbot.waitUntil(dialog.isVisible)
    tops = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    chips = {top.child(i).toolTip(CHANGE) for top in tops for i in range(top.childCount())}
    dialog.grab().save(str(tmp_path / "de-merge-chips.png"))
    dialog.reject()
    assert chips == {"Neu", "Konflikt"}


def test_the_merge_preview_of_a_leaders_draft_speaks_german(qtbot, demo, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_gui_drafts import make_three_drafts

    from offsite.gui.draft_dialogs import ITEM, MergePreviewDialog

    window, content = demo
    paths = make_three_drafts(window.document.plan, tmp_path)
    content = sorted(
        {*content, *(text for path in paths for text in plan_texts(path))}, key=len, reverse=True
    )
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *args, **kwargs: paths)
    window.ui.actionMergeDrafts.trigger()
    qtbot.waitUntil(lambda: isinstance(window.drafts.dialog, MergePreviewDialog), timeout=15_000)
    dialog = window.drafts.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.tree.expandAll()
    found = english(dialog, content, tmp_path / "de-merge-preview.png")
    tops = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    rows = [top.child(i) for top in tops for i in range(top.childCount())]
    funnel = next(row for row in rows if row.text(ITEM).startswith("Umgekehrter Funnel"))
    dialog.reject()
    assert found == [], "\n".join(found)
    # The item's tip starts with a capital as German writes its nouns (“Funnel”, not “funnel”).
    assert funnel.toolTip(ITEM).startswith("Umgekehrter Funnel für „Grow revenue 50% in 2027“\nPlan: für")


def test_the_merge_history_speaks_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, content = demo
    window.ui.actionMergeHistory.trigger()
    dialog = window.drafts.dialog
    qtbot.waitExposed(dialog)
    dialog.tree.expandAll()
    found = english(dialog, content, tmp_path / "de-merge-history.png")
    # What became of the item: the plan keeps "added", the history says it in German.
    assert dialog.tree.topLevelItem(0).child(0).text(1) == "hinzugefügt"
    dialog.reject()
    assert found == [], "\n".join(found)


def test_hosting_and_joining_a_room_are_asked_in_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.room_dialogs import HostRoomDialog, JoinRoomDialog

    window, content = demo
    window.room_actions.host_action.trigger()
    host = window.room_actions.dialog
    assert isinstance(host, HostRoomDialog)
    qtbot.waitUntil(host.isVisible)
    found = english(host, content, tmp_path / "de-host-room.png")
    host.reject()
    window.room_actions.join_action.trigger()
    join = window.room_actions.dialog
    assert isinstance(join, JoinRoomDialog)
    qtbot.waitUntil(join.isVisible)
    qtbot.keyClicks(join.code, "postgresql://offsite@somewhere/room")
    qtbot.keyClick(join.code, Qt.Key.Key_Return)
    assert join.problem.isVisible()
    found += english(join, content, tmp_path / "de-join-room.png")
    join.reject()
    assert found == [], "\n".join(found)


def test_the_room_outbox_preview_speaks_german(qtbot, german, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.room_outbox import OutboxDialog
    from offsite.services.outbox_preview import PendingEdit

    edits = [PendingEdit(1, "Go outbound"), PendingEdit(2, "Fill the pipeline")]
    dialog = OutboxDialog(edits, "Maya Okafor")
    qtbot.addWidget(dialog)
    dialog.show()
    found = english(dialog, ["Go outbound", "Fill the pipeline", "Maya Okafor"], tmp_path / "de-outbox.png")
    assert found == [], "\n".join(found)


def test_an_empty_plans_first_screen_speaks_german(
    qtbot, german, make_window, answered, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from helpers import start_blank

    window = make_window()
    answered.save_paths.append(tmp_path / "Offsite 2027.offsite")
    window.ui.actionNew.trigger()
    start_blank(qtbot, window)
    card = window.phase_pages["prepare"].onboarding
    assert card.isVisible()
    found = english(card, [], tmp_path / "de-onboarding.png")
    assert found == [], "\n".join(found)


def test_a_question_answers_ja_or_nein(qtbot, german, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    buttons: list[str] = []

    def answer(box: QMessageBox) -> None:
        box.grab().save(str(tmp_path / "de-question.png"))
        buttons.extend(button.text() for button in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    seen = answered_box(answer)
    assert ASK_YES_NO(None, "Eine Frage?") is False
    assert seen
    assert sorted(buttons) == ["&Ja", "&Nein"]

    buttons.clear()

    def acknowledge(box: QMessageBox) -> None:
        buttons.extend(button.text() for button in box.buttons())
        box.button(QMessageBox.StandardButton.Ok).click()

    seen = answered_box(acknowledge)
    SHOW_ERROR(None, "Ein Fehler.")
    assert seen
    assert buttons == ["OK"]


def test_undo_and_the_toast_after_an_edit_speak_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, content = demo
    prepare = window.phase_pages["prepare"]
    edit = prepare.ui.titleEdit
    edit.selectAll()
    qtbot.keyClicks(edit, "Offsite 2027")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.document.undo_stack.canUndo)
    content = ["Offsite 2027", *content]
    texts = [("undo", window.undo_action.text()), ("redo", window.redo_action.text())]
    assert window.undo_action.text().startswith("&Rückgängig"), window.undo_action.text()
    found = english_in(texts, content)
    window.undo_action.trigger()
    texts = [("undo", window.undo_action.text()), ("redo", window.redo_action.text())]
    found += english_in(texts, content)
    window.presets_menu.aboutToShow.emit()  # Timer ▸ its presets, as the menu opens
    window.presets_menu.actions()[0].trigger()  # the why round
    toast = window.notifier.toast
    qtbot.waitUntil(toast.isVisible)
    found += english(toast, content, tmp_path / "de-toast.png")
    assert found == [], "\n".join(found)


def test_the_draft_pack_and_new_draft_dialogs_speak_german(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.draft_dialogs import LeaderDialog, NewDraftDialog

    window, content = demo
    window.ui.actionExportDraftPack.trigger()
    pack = window.drafts.dialog
    assert isinstance(pack, LeaderDialog)
    qtbot.waitUntil(pack.isVisible)
    found = english(pack, content, tmp_path / "de-draft-pack.png")
    pack.reject()
    window.ui.actionNewDraft.trigger()
    new = window.drafts.dialog
    assert isinstance(new, NewDraftDialog)
    qtbot.waitUntil(new.isVisible)
    found += english(new, content, tmp_path / "de-new-draft.png")
    new.reject()
    assert found == [], "\n".join(found)

"""Files dropped on the window, as a desktop drops them: real drag and drop events carrying file URLs.

Each kind goes to the flow its File menu item runs, with that flow's dialog or preview, answered from
the keyboard: a leader's draft (or several) to the merge preview, a plan to opening it (over another,
after asking), Offsite JSON to Import Plan, a CSV or XLSX of check-ins to Import Actuals. What Offsite
cannot take is refused in one sentence, while dragged and when dropped, and nothing changes. A
double-clicked plan (``offsite-gui PLAN``) opens in the window.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from test_gui_drafts import make_three_drafts

from actuals_files import EXCEL_GERMAN, actuals_plan, workbook, write
from offsite.exchange import drafts
from offsite.exchange.interchange import FORMAT, write_json
from offsite.gui.draft_dialogs import ITEM, MergePreviewDialog
from offsite.gui.import_dialog import ImportActualsDialog
from offsite.gui.shell import MainWindow
from offsite.gui.shell.drop import JSON_FORMAT
from offsite.services import objectives
from offsite.services.checkins import read_check_ins
from offsite.services.plans import create_plan, open_plan, read_plan

COPY = Qt.DropAction.CopyAction
#: What a file manager offers for a file dragged out of it.
OFFERED = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
TAKES = "drop a plan or a leader’s draft (.offsite), a plan in Offsite JSON, or check-ins as CSV or XLSX"
DEMO_TITLE = "Sales & Marketing Offsite 2027"


# -- dragging files as a file manager does ---------------------------------------------------------------
def files(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def over_pages(window: MainWindow) -> QPoint:
    return window.centralWidget().geometry().center()


def drag_over(window: MainWindow, mime: QMimeData) -> QDragEnterEvent:
    """Files come over the window's pages; returns the event as the window answered it."""
    event = QDragEnterEvent(
        over_pages(window), OFFERED, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, event)
    return event


def drop_on(window: MainWindow, mime: QMimeData) -> QDropEvent:
    """Files dragged over the window and let go there; returns the drop as the window answered it."""
    drag_over(window, mime)
    event = QDropEvent(
        QPointF(over_pages(window)), OFFERED, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, event)
    return event


def let_go_refused(window: MainWindow, mime: QMimeData) -> None:
    """The button let go over a window that refused the drag: Qt hands it no drop, only the drag's leaving."""
    assert not drop_on(window, mime).isAccepted()
    QApplication.sendEvent(window, QDragLeaveEvent())


def offered(event: QDragEnterEvent | QDropEvent) -> bool:
    """Whether the window takes the drop, copying the file (the desktop shows a copy cursor)."""
    return event.isAccepted() and event.dropAction() == COPY


def hint(window: MainWindow) -> str:
    """What the hint over the pages says (empty when it is hidden)."""
    shown = window.file_drops.hint
    return shown.words if shown.isVisible() else ""


def screenshot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("OFFSITE_SCREENSHOTS"):  # to look at it
        widget.grab().save(str(Path(os.environ["OFFSITE_SCREENSHOTS"]) / name))


def statements(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [o.statement for o in read_plan(plan).objectives]


def mayas_draft(plan, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """Maya Okafor's draft pack of ``plan``, with the objective she drafted in it."""
    uid = next(p.uid for p in read_plan(plan).leaders if p.name == "Maya Okafor")
    path = drafts.export_draft_pack(plan, uid, folder / "maya.offsite")
    with open_plan(path) as draft:
        sales = next(t.id for t in read_plan(draft).teams if t.name == "Sales")
        objectives.add_objective(draft, "Own the mid-market", [sales])
    return path


def another_plan(folder: Path, title: str = "Q3 pipeline review") -> Path:
    path = folder / "q3.offsite"
    create_plan(path, title).close()
    return path


# -- drafts: the merge preview ---------------------------------------------------------------------------
def test_a_leaders_draft_dragged_over_a_plan_says_whose_and_dropped_merges_through_the_preview(
    qtbot, demo_window: MainWindow, answered, tmp_path: Path
) -> None:
    plan = demo_window.document.plan
    before = statements(plan)
    mime = files(mayas_draft(plan, tmp_path))

    assert offered(drag_over(demo_window, mime))
    assert hint(demo_window) == "Drop to merge Maya Okafor’s draft"
    screenshot(demo_window, "drop-drag-over.png")

    assert offered(drop_on(demo_window, mime))
    assert hint(demo_window) == ""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MergePreviewDialog), timeout=15_000)
    dialog = QApplication.activeModalWidget()
    assert dialog is demo_window.drafts.dialog
    assert dialog.tree.topLevelItem(0).text(ITEM).startswith(f"Maya Okafor’s draft of “{DEMO_TITLE}” · made ")
    assert dialog.status.text() == "Merging 1 item from 1 draft."
    screenshot(dialog, "drop-merge-preview.png")

    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: demo_window.drafts.dialog is None)
    assert statements(plan) == [*before, "Own the mid-market"]
    assert demo_window.notifier.text() == "Merged 1 draft: 1 added."
    assert demo_window.undo_action.text() == "&Undo Merge 1 draft"
    assert answered.errors == answered.questions == []


def test_three_drafts_dropped_at_once_open_one_preview_of_all_three(
    qtbot, demo_window: MainWindow, answered, tmp_path: Path
) -> None:
    plan = demo_window.document.plan
    before = statements(plan)
    mime = files(*make_three_drafts(plan, tmp_path))

    assert offered(drag_over(demo_window, mime))
    assert hint(demo_window) == "Drop to merge the drafts of Maya Okafor, Priya Raman and Daniel Kim"
    drop_on(demo_window, mime)
    qtbot.waitUntil(lambda: isinstance(demo_window.drafts.dialog, MergePreviewDialog), timeout=15_000)
    dialog = demo_window.drafts.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.tree.topLevelItemCount() == 3
    assert dialog.status.text() == "Merging 6 items from 3 drafts."

    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: demo_window.drafts.dialog is None)
    assert statements(plan) == [*before, "Own the mid-market", "Launch the partner program"]
    assert demo_window.notifier.text().startswith("Merged 3 drafts:")


def test_a_draft_dropped_on_an_empty_window_opens_under_its_banner(
    qtbot, make_window, tmp_path: Path, demo_plan
) -> None:
    path = mayas_draft(demo_plan, tmp_path)
    window = make_window()

    assert offered(drag_over(window, files(path)))
    assert hint(window) == f"Drop to open Maya Okafor’s draft of “{DEMO_TITLE}”"
    drop_on(window, files(path))
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.plan.path == path.resolve()
    assert window.drafts.banner.isVisible()


# -- plans: opened, in place of the plan open after asking -------------------------------------------------
def test_a_plan_dropped_on_another_asks_naming_the_plan_that_closes_and_opens_it_on_enter(
    qtbot, demo_window: MainWindow, answered, tmp_path: Path
) -> None:
    demo = demo_window.document.plan.path
    q3 = another_plan(tmp_path)
    mime = files(q3)
    assert offered(drag_over(demo_window, mime))
    assert hint(demo_window) == f"Drop to open “q3.offsite” in place of “{DEMO_TITLE}”"

    # Escape keeps the plan open.
    drop_on(demo_window, mime)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert question is demo_window.file_drops.question
    assert question.text() == f"Open “q3.offsite” in place of “{DEMO_TITLE}”?"
    assert question.informativeText() == f"“{DEMO_TITLE}” closes; every change to it is already saved."
    assert question.defaultButton().text() == "&Open “q3.offsite”"
    screenshot(demo_window, "drop-replace-question-window.png")
    screenshot(question, "drop-replace-question.png")
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: demo_window.file_drops.question is None)
    assert demo_window.document.plan.path == demo

    # Enter opens the dropped plan in its place.
    drop_on(demo_window, mime)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: demo_window.document.plan.path == q3.resolve())
    assert demo_window.windowTitle() == "Q3 pipeline review — Offsite"
    assert answered.errors == []
    with open_plan(demo) as reopened:  # the plan that closed is free to open for editing again
        assert read_plan(reopened).details.title == DEMO_TITLE


def test_a_plan_dropped_on_an_empty_window_opens_without_a_question(
    qtbot, make_window, answered, tmp_path: Path
) -> None:
    window = make_window()
    q3 = another_plan(tmp_path)
    assert offered(drop_on(window, files(q3)))
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.plan.path == q3.resolve()
    assert answered.questions == []
    assert window.file_drops.question is None


# -- Offsite JSON: File ▸ Import Plan ----------------------------------------------------------------------
def test_an_offsite_json_file_dropped_is_imported_into_a_new_plan_saved_where_asked_and_opened(
    qtbot, demo_window: MainWindow, answered, tmp_path: Path
) -> None:
    assert JSON_FORMAT == FORMAT  # the drop knows the interchange by the word it writes
    exported = write_json(demo_window.document.plan, tmp_path / "exported.json")
    imported = tmp_path / "imported.offsite"
    answered.save_paths.append(imported)  # File ▸ Import Plan's question: where the new plan goes

    assert offered(drag_over(demo_window, files(exported)))
    assert hint(demo_window) == "Drop to make a new plan from “exported.json”"
    drop_on(demo_window, files(exported))
    qtbot.waitUntil(lambda: demo_window.document.plan.path == imported.resolve(), timeout=15_000)
    assert answered.save_paths == []
    assert demo_window.notifier.text().startswith("Imported exported.json into a new plan:")
    assert len(statements(demo_window.document.plan)) == len(read_plan_at(tmp_path / "demo.offsite"))
    assert answered.errors == []


def read_plan_at(path: Path) -> list[str]:
    with open_plan(path, readonly=True) as plan:
        return statements(plan)


# -- CSV and XLSX: File ▸ Import Actuals -------------------------------------------------------------------
@pytest.fixture
def actuals_window(make_window, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on a plan whose metrics the check-in files name."""
    window = make_window()
    assert window.open_path(actuals_plan(tmp_path / "revenue.offsite"))
    return window


def test_a_csv_of_check_ins_dropped_opens_the_import_preview_and_alt_i_imports_them(
    qtbot, actuals_window: MainWindow, answered, tmp_path: Path
) -> None:
    csv = write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN)
    assert offered(drag_over(actuals_window, files(csv)))
    assert hint(actuals_window) == "Drop to import check-ins from “Ist-Werte.csv”"
    assert actuals_window.file_drops.hint.label.accessibleName() == hint(actuals_window)

    drop_on(actuals_window, files(csv))
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportActualsDialog))
    dialog = actuals_window.import_actuals.dialog
    assert dialog is QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=30_000)
    assert dialog.ui.fileEdit.text() == str(csv)
    assert dialog.import_button.text() == "&Import 4 Check-ins"
    screenshot(dialog, "drop-import-actuals.png")

    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: actuals_window.import_actuals.dialog is None)
    assert len(read_check_ins(actuals_window.document.plan)) == 4
    assert actuals_window.notifier.text().startswith("Imported 4 check-ins")
    assert answered.errors == []


def test_an_xlsx_workbook_dropped_opens_the_import_on_it(
    qtbot, actuals_window: MainWindow, answered, tmp_path: Path
) -> None:
    book = workbook(tmp_path / "Weekly actuals.xlsx")
    assert offered(drag_over(actuals_window, files(book)))
    assert hint(actuals_window) == "Drop to import check-ins from “Weekly actuals.xlsx”"
    drop_on(actuals_window, files(book))
    qtbot.waitUntil(lambda: actuals_window.import_actuals.dialog is not None)
    dialog = actuals_window.import_actuals.dialog
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=30_000)
    assert dialog.ui.fileEdit.text() == str(book)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: actuals_window.import_actuals.dialog is None)
    assert read_check_ins(actuals_window.document.plan) == []


def test_check_ins_dropped_on_a_window_with_no_plan_ask_for_a_plan_first(
    qtbot, make_window, answered, tmp_path: Path
) -> None:
    window = make_window()
    csv = write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN)
    assert not offered(drag_over(window, files(csv)))
    sentence = "Open a plan first: the check-ins in “Ist-Werte.csv” go into the plan open here."
    assert hint(window) == sentence
    let_go_refused(window, files(csv))
    assert hint(window) == ""
    assert window.notifier.text() == sentence  # said again as the hint goes, for a few seconds more
    QApplication.processEvents()
    assert window.document is None
    assert window.import_actuals.dialog is None
    assert QApplication.activeModalWidget() is None


# -- what Offsite cannot take ------------------------------------------------------------------------------
def _pdf(folder: Path) -> list[Path]:
    return [write(folder, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")]


def _folder(folder: Path) -> list[Path]:
    (folder / "Q1 drafts").mkdir()
    return [folder / "Q1 drafts"]


def _pipe(folder: Path) -> list[Path]:
    os.mkfifo(folder / "plan.offsite")  # opening it would wait for a writer forever
    return [folder / "plan.offsite"]


def _text_named_a_plan(folder: Path) -> list[Path]:
    return [write(folder, "notes.offsite", b"Ideas for the offsite: more pipeline.\n")]


def _other_json(folder: Path) -> list[Path]:
    return [write(folder, "package.json", b'{"name": "offsite-site", "format": "npm"}\n')]


def _pdf_named_a_csv(folder: Path) -> list[Path]:
    return [write(folder, "actuals.csv", b"%PDF-1.7\n\x00\x01\x02binary")]


def _mixed(folder: Path) -> list[Path]:
    return [another_plan(folder), write(folder, "Ist-Werte.csv", EXCEL_GERMAN)]


def _two_plans(folder: Path) -> list[Path]:
    second = folder / "q4.offsite"
    create_plan(second, "Q4").close()
    return [another_plan(folder), second]


def _two_csvs(folder: Path) -> list[Path]:
    return [write(folder, "a.csv", EXCEL_GERMAN), write(folder, "b.csv", EXCEL_GERMAN)]


def _the_plan_itself(folder: Path) -> list[Path]:
    return [folder / "demo.offsite"]


REFUSED = {
    "a pdf": (_pdf, f"“report.pdf” is not a file Offsite takes: {TAKES}."),
    "a folder": (_folder, f"“Q1 drafts” is a folder: {TAKES}."),
    "a pipe": (_pipe, f"“plan.offsite” is not a regular file: {TAKES}."),
    "text named a plan": (_text_named_a_plan, f"“notes.offsite” is not an Offsite plan: {TAKES}."),
    "another program's json": (_other_json, f"“package.json” is not a plan in Offsite JSON: {TAKES}."),
    "a pdf named a csv": (_pdf_named_a_csv, f"“actuals.csv” is not a spreadsheet: {TAKES}."),
    "a plan and a csv": (_mixed, f"These files are of different kinds: {TAKES}, one kind at a time."),
    "two plans": (_two_plans, "Drop one plan at a time: a window shows one plan."),
    "two csv files": (_two_csvs, "Drop one file of check-ins at a time: the import previews one file."),
    "the plan open": (_the_plan_itself, "“demo.offsite” is the plan open in this window already."),
}


@pytest.mark.parametrize("what", REFUSED)
def test_what_offsite_cannot_take_is_refused_in_one_sentence_and_nothing_changes(
    qtbot, demo_window: MainWindow, answered, tmp_path: Path, what: str
) -> None:
    make, sentence = REFUSED[what]
    mime = files(*make(tmp_path))
    plan = demo_window.document.plan
    before = statements(plan)

    assert not offered(drag_over(demo_window, mime))  # the desktop shows the drop is not taken
    assert hint(demo_window) == sentence
    if what == "a pdf":
        screenshot(demo_window, "drop-refused.png")
    let_go_refused(demo_window, mime)
    assert hint(demo_window) == ""
    assert demo_window.notifier.text() == sentence
    QApplication.processEvents()  # a flow would start now
    assert demo_window.document.plan is plan
    assert statements(plan) == before
    assert demo_window.document.undo_stack.count() == 0
    assert QApplication.activeModalWidget() is None
    assert demo_window.drafts.dialog is None
    assert demo_window.import_actuals.dialog is None
    assert answered.errors == answered.questions == answered.save_paths == []


def test_several_drafts_dropped_on_a_window_with_no_plan_ask_for_the_plan_first(
    qtbot, make_window, answered, tmp_path: Path, demo_plan
) -> None:
    window = make_window()
    mime = files(*make_three_drafts(demo_plan, tmp_path))
    assert not offered(drag_over(window, mime))
    let_go_refused(window, mime)
    assert window.notifier.text() == (
        "Open the plan first, then drop the drafts on it: they merge into that plan."
    )
    QApplication.processEvents()
    assert window.document is None


def test_the_hint_goes_when_the_files_leave_the_window_and_text_is_not_taken_for_a_file(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:
    drag_over(demo_window, files(another_plan(tmp_path)))
    assert demo_window.file_drops.hint.isVisible()
    hint_area = demo_window.file_drops.hint.geometry()
    assert hint_area == demo_window.centralWidget().geometry()  # over the pages, under the menus
    QApplication.sendEvent(demo_window, QDragLeaveEvent())
    assert hint(demo_window) == ""
    assert demo_window.notifier.text() == ""  # files it takes, carried away: nothing to say

    text = QMimeData()
    text.setText("Own the mid-market")
    assert not offered(drag_over(demo_window, text))
    assert hint(demo_window) == ""


# -- a double-clicked plan ---------------------------------------------------------------------------------
def test_offsite_gui_given_a_plan_file_opens_the_window_on_that_plan(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop entry runs ``offsite-gui FILE`` (main_gui) for a double-clicked plan."""
    from offsite.cli import main_gui
    from offsite.gui.app import make_application

    app = make_application([])
    q3 = another_plan(tmp_path)
    monkeypatch.setattr(sys, "argv", ["offsite-gui", str(q3)])
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash dialog
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", root.level)
    handlers = list(root.handlers)  # and its log file's handler
    seen: list[tuple[Path, str]] = []

    def look() -> None:
        """Once the app runs with the plan on screen: which plan, then close the window as a user would."""
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if QThread.currentThread().loopLevel() > 0 and shown and shown[0].document is not None:
            window = shown[0]
            seen.append((window.document.plan.path, window.windowTitle()))
            window.close()
            window.deleteLater()
            # exit, not quit: Qt's quit closes every window and leaves the app closing for the next test.
            QApplication.exit(0)
            return
        QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the same: the window closed is the last one
    try:
        assert main_gui() == 0
    finally:
        app.setQuitOnLastWindowClosed(quits)
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
            handler.close()
    assert seen == [(q3.resolve(), "Q3 pipeline review — Offsite")]

"""Saying what happened: exports, copies and refusals confirmed in a toast the user can see and dismiss."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QUrl
from PySide6.QtWidgets import QLabel

from offsite.gui import dialogs, notify


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """The URLs the app asked the desktop to open (no file manager opens in a test)."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(notify, "open_url", record)
    return urls


def click_link(qtbot, label: QLabel) -> None:  # type: ignore[no-untyped-def]
    """Click the label's link where it is drawn: the second line, where the path begins."""
    hovered: list[str] = []
    label.linkHovered.connect(hovered.append)
    top = label.contentsRect().top()
    line = label.fontMetrics().lineSpacing()
    for y in range(top + line, top + 4 * line, 3):  # find the link by hovering, as a pointer would
        qtbot.mouseMove(label, QPoint(label.contentsRect().left() + 12, y))
        if hovered and hovered[-1]:
            qtbot.mouseClick(
                label, Qt.MouseButton.LeftButton, pos=QPoint(label.contentsRect().left() + 12, y)
            )
            return
    raise AssertionError(f"no link under the second line of {label.text()!r}")


def test_a_pdf_exported_from_the_menu_names_its_file_and_its_path_opens_the_folder(
    qtbot, demo_window, answered, opened, tmp_path: Path
) -> None:
    out = tmp_path / "handouts" / "offsite.pdf"
    out.parent.mkdir()
    answered.save_paths.append(out)
    demo_window.menuBar().setFocus()
    qtbot.keyClick(demo_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File ▸ Export PDF
    qtbot.waitUntil(lambda: demo_window._job is None, timeout=60_000)
    assert answered.errors == []
    assert out.read_bytes().startswith(b"%PDF")

    toast = demo_window.notifier.toast
    assert toast.isVisible()
    assert "Exported the plan to PDF" in demo_window.notifier.text()
    assert str(out) in demo_window.notifier.text()
    # Over the page, whole, in the window's bottom-right corner: not hidden behind the status bar.
    window_area = QRect(QPoint(0, 0), demo_window.size())
    assert window_area.contains(toast.geometry())
    assert toast.geometry().bottom() < demo_window.statusBar().geometry().top()
    assert toast.geometry().right() > demo_window.width() * 0.6

    click_link(qtbot, toast.label)
    assert [url.toLocalFile() for url in opened] == [str(out.parent)]


def test_the_toast_leaves_the_keyboard_where_it_was_and_esc_dismisses_it(qtbot, demo_window) -> None:
    prepare = demo_window.phase_pages["prepare"]
    prepare.ui.venueEdit.setFocus()
    qtbot.waitUntil(prepare.ui.venueEdit.hasFocus)
    demo_window.set_timer(12, "Why round")
    assert demo_window.notifier.text() == "Why round: 12 min. Start it with Ctrl+Shift+Space."
    assert prepare.ui.venueEdit.hasFocus()
    qtbot.keyClicks(prepare.ui.venueEdit, "x")  # typing carries on into the field
    assert prepare.ui.venueEdit.text().endswith("x")
    qtbot.keyClick(prepare.ui.venueEdit, Qt.Key.Key_Escape)
    assert not demo_window.notifier.toast.isVisible()
    assert demo_window.notifier.text() == ""


def test_the_toast_fades_by_itself(qtbot, demo_window) -> None:
    demo_window.notifier.say("Parked: “Travel budget”", timeout_ms=50)
    assert demo_window.notifier.toast.isVisible()
    qtbot.waitUntil(lambda: not demo_window.notifier.toast.isVisible(), timeout=10_000)


def test_a_saved_copy_is_confirmed_with_its_path(
    qtbot, demo_window, answered, opened, tmp_path: Path
) -> None:
    copy = tmp_path / "copies" / "offsite copy.offsite"
    copy.parent.mkdir()
    answered.save_paths.append(copy)
    demo_window.ui.actionSaveAs.trigger()
    assert demo_window.document.plan.path == copy.resolve()
    assert "Saved a copy of the plan" in demo_window.notifier.text()
    assert str(copy.resolve()) in demo_window.notifier.text()
    click_link(qtbot, demo_window.notifier.toast.label)
    assert [url.toLocalFile() for url in opened] == [str(copy.parent.resolve())]


def test_a_number_the_table_cannot_take_is_refused_in_the_toast(qtbot, demo_window) -> None:
    from helpers import type_into_cell

    prepare = demo_window.phase_pages["prepare"]
    view = prepare.ui.goalsView
    type_into_cell(qtbot, view, prepare.goals.index(0, 1), "lots")
    assert demo_window.notifier.toast.isVisible()
    assert demo_window.notifier.toast.property("problem") is True
    assert "lots" in demo_window.notifier.text()


# -- where the save dialogs start ------------------------------------------------------------------
@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(title, suggested path) of each save dialog; the user cancels them all."""
    questions: list[tuple[str, str]] = []

    def ask_save_path(parent, title, suggested, file_filter, suffix):  # type: ignore[no-untyped-def]
        questions.append((title, suggested))

    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    return questions


def test_the_pdf_dialog_starts_in_the_plans_folder_named_after_the_plan(
    qtbot, demo_window, asked, tmp_path: Path
) -> None:
    demo_window.ui.actionExportPdf.trigger()
    demo_window.ui.actionExportJson.trigger()
    assert asked == [
        ("Export PDF", str(tmp_path / "sales-marketing-offsite-2027.pdf")),
        ("Export JSON", str(tmp_path / "sales-marketing-offsite-2027.json")),
    ]


def test_the_demo_plan_in_the_apps_data_folder_exports_to_documents(
    qtbot, make_window, asked, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    from offsite.gui.dialogs import demo_plan_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".local" / "share"))
    demo = demo_plan_path()
    demo.parent.mkdir(parents=True)
    demo.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(demo)
    window.ui.actionExportPdf.trigger()
    window.ui.actionSaveAs.trigger()
    [(_, pdf), (_, copy)] = asked
    assert Path(pdf) == dialogs.documents_folder() / "sales-marketing-offsite-2027.pdf"
    assert Path(copy).parent == dialogs.documents_folder()
    assert demo.parent not in Path(pdf).parents


def test_a_file_name_from_any_title() -> None:
    assert dialogs.slug("Sales & Marketing Offsite 2027") == "sales-marketing-offsite-2027"
    assert dialogs.slug("Équipe: Q1/Q2 ") == "equipe-q1-q2"
    assert dialogs.suggested_path(None, "", ".pdf") == dialogs.documents_folder() / "offsite-plan.pdf"


def test_typing_while_a_toast_shows_does_not_pass_through_the_toast(
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    """The toast watches its window's size and Esc, not every event of the application."""
    seen: list[tuple[str, QEvent.Type]] = []
    original = notify.Toast.eventFilter

    def recording(toast: notify.Toast, watched: QObject, event: QEvent) -> bool:
        seen.append((watched.objectName(), event.type()))
        return original(toast, watched, event)

    monkeypatch.setattr(notify.Toast, "eventFilter", recording)  # before the window's toast exists
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    prepare = window.phase_pages["prepare"]
    prepare.ui.venueEdit.setFocus()
    qtbot.waitUntil(prepare.ui.venueEdit.hasFocus)
    window.set_timer(12, "Why round")
    assert window.notifier.toast.isVisible()

    seen.clear()
    qtbot.keyClicks(prepare.ui.venueEdit, " by the lake")
    assert prepare.ui.venueEdit.text().endswith(" by the lake")
    assert [(name, kind) for name, kind in seen if name == "venueEdit"] == []

    # The window growing still carries the toast to its new corner, and Esc still dismisses it.
    window.resize(window.width() + 200, window.height() + 100)
    qtbot.waitUntil(lambda: window.notifier.toast.geometry().right() > window.width() - 40)
    qtbot.keyClick(prepare.ui.venueEdit, Qt.Key.Key_Escape)
    assert not window.notifier.toast.isVisible()


def test_esc_cancels_an_open_cell_editor_first_and_the_next_esc_dismisses_the_toast(
    qtbot, demo_window
) -> None:
    from helpers import open_editor

    prepare = demo_window.phase_pages["prepare"]
    view = prepare.ui.goalsView
    cell = prepare.goals.index(0, 1)
    before = cell.data()
    demo_window.notifier.say("Parked: “Travel budget”")
    editor = open_editor(view, cell)
    editor.selectAll()
    qtbot.keyClicks(editor, "12345")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert cell.data() == before  # the edit was cancelled, not saved
    assert demo_window.notifier.toast.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not demo_window.notifier.toast.isVisible()

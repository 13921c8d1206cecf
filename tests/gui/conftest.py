"""GUI fixtures: a main window on a fresh plan, with every modal dialog answered by the test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from offsite.gui import dialogs
from offsite.gui.app import make_application
from offsite.gui.shell import MainWindow


@dataclass
class Dialogs:
    """What the app asked and showed; the test sets the answers beforehand."""

    errors: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    save_paths: list[Path] = field(default_factory=list)
    open_paths: list[Path] = field(default_factory=list)
    yes: bool = True


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, text, title="Offsite": record.errors.append(text)
    )

    def ask_yes_no(parent: object, text: str, title: str = "Offsite") -> bool:
        record.questions.append(text)
        return record.yes

    monkeypatch.setattr(dialogs, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, **k: record.save_paths.pop(0))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: record.open_paths.pop(0))
    return record


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings: QSettings, answered: Dialogs):  # type: ignore[no-untyped-def]
    """Build main windows that the test closes properly (releasing plan files and locks)."""
    make_application([])
    windows: list[MainWindow] = []

    def build() -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()  # shortcuts route to the active window, as on a real desktop
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()
    QApplication.processEvents()


@pytest.fixture
def demo_window(make_window, tmp_path: Path, demo_plan_bytes: bytes) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A main window on a private copy of the demo plan."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    return window


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """Offsite speaking German (the catalogue `make translations` builds) for windows made after it."""
    from offsite.gui.language import catalogue, install, uninstall

    assert Path(catalogue("de")).is_file(), "the German catalogue is not built: run `make translations`"
    assert install("de") == "de"
    yield
    uninstall()

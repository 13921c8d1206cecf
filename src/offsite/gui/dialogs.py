"""Every modal question the app asks, in one place, so tests can answer them (Vorta's pattern)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

PLAN_FILTER = "Offsite plans (*.offsite)"


def show_error(parent: QWidget | None, text: str, title: str = "Offsite") -> None:
    QMessageBox.warning(parent, title, text)


def ask_yes_no(parent: QWidget | None, text: str, title: str = "Offsite") -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_open_path(
    parent: QWidget | None, title: str, folder: str = "", file_filter: str = PLAN_FILTER
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return Path(name) if name else None


def ask_open_paths(
    parent: QWidget | None, title: str, folder: str = "", file_filter: str = PLAN_FILTER
) -> list[Path]:
    """Several files at once (File ▸ Merge Drafts); an empty list when the user cancels."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
    return [Path(name) for name in names]


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str, suffix: str
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

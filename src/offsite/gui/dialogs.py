"""Every modal question the app asks, in one place, so tests can answer them (Vorta's pattern).

Also where a file dialog starts: in the open plan's folder, where the user keeps their work, and
never in the app's own data folder (where the demo plan lives, out of sight).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from offsite.domain.language import QT_TRANSLATE_NOOP, translate

#: File filters are written in English and translated as a dialog shows them (``translate("Dialogs", …)``).
PLAN_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Offsite plans (*.offsite)")


def demo_plan_path() -> Path:
    """Where the first-run demo plan lives: the platform's usual place for an app's data."""
    from platformdirs import user_data_path

    return user_data_path("Offsite", appauthor=False) / "Demo plan.offsite"


def app_data_folders() -> list[Path]:
    """The folders the app keeps its own files in (the demo plan): hidden, no place for a user's export."""
    folders = [demo_plan_path().parent]
    for location in (
        QStandardPaths.StandardLocation.AppDataLocation,
        QStandardPaths.StandardLocation.AppLocalDataLocation,
    ):
        found = QStandardPaths.writableLocation(location)
        if found:
            folders.append(Path(found))
    return [folder.resolve() for folder in folders]


def documents_folder() -> Path:
    """The user's Documents folder (their home when the platform has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(plan_path: Path | None) -> Path:
    """Where a file dialog starts: the open plan's folder, else the user's Documents folder."""
    if plan_path is not None:
        folder = Path(plan_path).resolve().parent
        hidden = app_data_folders()
        if not any(folder == data or data in folder.parents for data in hidden):
            return folder
    return documents_folder()


def slug(title: str) -> str:
    """“Sales & Marketing Offsite 2027” → “sales-marketing-offsite-2027”: a file name that travels."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def suggested_path(plan_path: Path | None, title: str, suffix: str) -> Path:
    """The file a save dialog proposes: the plan's title as a slug, in ``start_folder``."""
    stem = slug(title) or (slug(Path(plan_path).stem) if plan_path is not None else "") or "offsite-plan"
    return start_folder(plan_path) / f"{stem}{suffix}"


def show_error(parent: QWidget | None, text: str, title: str = "Offsite") -> None:
    QMessageBox.warning(parent, title, text)


def ask_yes_no(parent: QWidget | None, text: str, title: str = "Offsite") -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_open_path(
    parent: QWidget | None, title: str, folder: str = "", file_filter: str = PLAN_FILTER
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, translate("Dialogs", file_filter))
    return Path(name) if name else None


def ask_open_paths(
    parent: QWidget | None, title: str, folder: str = "", file_filter: str = PLAN_FILTER
) -> list[Path]:
    """Several files at once (File ▸ Merge Drafts); an empty list when the user cancels."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, folder, translate("Dialogs", file_filter))
    return [Path(name) for name in names]


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str, suffix: str | tuple[str, ...]
) -> Path | None:
    """The file to write, ending in ``suffix`` (or one of several, the first added when none is typed)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, translate("Dialogs", file_filter))
    if not name:
        return None
    path = Path(name)
    suffixes = (suffix,) if isinstance(suffix, str) else suffix
    return path if path.suffix.lower() in suffixes else path.with_name(path.name + suffixes[0])

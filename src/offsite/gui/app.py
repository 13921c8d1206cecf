"""Starting the desktop app: the QApplication, logging, the crash hook and the first plan."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from offsite import __version__

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1280, 800)


def demo_plan_path() -> Path:
    """Where the first-run demo plan lives: the platform's usual place for an app's data."""
    from platformdirs import user_data_path

    return user_data_path("Offsite", appauthor=False) / "Demo plan.offsite"


def _setup_logging() -> str:
    from platformdirs import user_log_path

    folder = user_log_path("Offsite", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "offsite.log"
    logging.basicConfig(
        filename=log_file, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return str(log_file)


def make_application(argv: list[str]):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from offsite.resources import resource_path

    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Offsite")
    app.setApplicationName("Offsite")
    app.setApplicationVersion(__version__)
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def run(
    plan: Path | None = None,
    *,
    view: str | None = None,
    screenshot: Path | None = None,
    projector: bool = False,
) -> int:
    """Open the main window on ``plan`` (or the last plan, or the demo plan); returns the exit code.

    ``projector`` opens the projector window too; with ``screenshot``, the PNG is the projector's.
    """
    if screenshot is not None and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if screenshot is not None and plan is not None and not _can_open(plan):
        return 2  # unreadable input, as for every command; no window yet, so no dialog nobody could dismiss
    log_file = _setup_logging()
    app, window = open_window(show=screenshot is None)
    if screenshot is None:
        from offsite.gui.crash import install_excepthook

        install_excepthook(log_file)
    if plan is None:
        plan = _first_plan(window)
    window.statusBar().showMessage(f"Opening {plan.name}…")
    if not window.open_path(plan, ask=screenshot is None):
        if screenshot is not None:
            return 1
        window.statusBar().showMessage("Open a plan with File ▸ Open, or start one with File ▸ New Plan.")
    else:
        window.statusBar().clearMessage()
    if view:
        window.show_view(view)
    if screenshot is not None:
        if projector:
            return save_projector_screenshot(window, screenshot)
        return save_screenshot(window, screenshot)
    if projector:
        window.ui.actionProjector.setChecked(True)
    return int(app.exec())


def open_window(*, show: bool = True):  # type: ignore[no-untyped-def]
    """The application and its main window, painted before any plan (or the storage stack) loads.

    This is what a user sees first, so it stays as light as a bare Qt window; the plan fills it
    a moment later. Returns ``(app, window)``.
    """
    app = make_application(sys.argv[:1])
    from offsite.gui.main_window import MainWindow

    window = MainWindow()
    if show:
        window.show()
        for _ in range(2):
            app.processEvents()
    return app, window


def _can_open(plan: Path) -> bool:
    """Whether ``plan`` opens (read-only, unchanged); if not, say why in one sentence on stderr."""
    from offsite.domain.errors import OffsiteError
    from offsite.services.plans import open_plan

    try:
        open_plan(plan, readonly=True).close()
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return False
    return True


def save_screenshot(window, png: Path) -> int:  # type: ignore[no-untyped-def]
    """Render ``window`` at 1280×800 once laid out and save it; 0 on success."""
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    image = window.grab()
    window.close()
    if not image.save(str(png)):
        print(f"The screenshot could not be written to {png}.", file=sys.stderr)
        return 1
    return 0


def save_projector_screenshot(window, png: Path) -> int:  # type: ignore[no-untyped-def]
    """Render the projector window for ``window``'s current view at 1280×720 and save it; 0 on success."""
    from PySide6.QtWidgets import QApplication

    from offsite.gui.projector import SCREENSHOT_SIZE, ProjectorWindow

    projector = ProjectorWindow(None, window.timer)
    projector.resize(*SCREENSHOT_SIZE)
    projector.set_projection(window.current_projection())
    projector.show()
    for _ in range(3):
        QApplication.processEvents()
    projector.settle()
    image = projector.grab()
    projector.close()
    window.close()
    if not image.save(str(png)):
        print(f"The screenshot could not be written to {png}.", file=sys.stderr)
        return 1
    return 0


def _first_plan(window) -> Path | None:  # type: ignore[no-untyped-def]
    for recent in window.recent_files():
        if Path(recent).exists():
            return Path(recent)
    demo = demo_plan_path()
    if not demo.exists():
        from offsite.services.demo import write_demo_plan

        demo.parent.mkdir(parents=True, exist_ok=True)
        write_demo_plan(demo).close()
        log.info("wrote the demo plan to %s", demo)
    return demo

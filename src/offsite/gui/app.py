"""Starting the desktop app: the QApplication, logging, the crash hook and the first plan."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from offsite import __version__
from offsite.domain.language import translate

if TYPE_CHECKING:  # Qt and the window load on first use: the command line never pays for them
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication

    from offsite.gui.shell import MainWindow

log = logging.getLogger(__name__)

#: The name the desktop knows Offsite by: its menu entry is ``<APP_ID>.desktop`` (``offsite install-desktop``),
#: and a Wayland compositor matches the window to that entry's name and icon by it.
APP_ID = "io.github.offsite.Offsite"
SCREENSHOT_SIZE = (1280, 800)
#: zlib's fast level for a screenshot: about two thirds of the default's time to write, and for a screen of
#: flat colours and text a file about the same size (Qt maps PNG "quality" 80 to zlib level 1).
SCREENSHOT_PNG_QUALITY = 80


def _setup_logging() -> str:
    from platformdirs import user_log_path

    folder = user_log_path("Offsite", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "offsite.log"
    # Added beside whatever the command line set up (a terminal sees warnings): basicConfig does
    # nothing once the root logger has a handler, and the file the crash dialog names stayed empty.
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for terminal in root.handlers:
        if terminal.level == logging.NOTSET:
            terminal.setLevel(max(root.level, logging.WARNING))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return str(log_file)


def make_application(argv: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv)
    app.setOrganizationName("Offsite")
    app.setApplicationName("Offsite")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if running is not app:  # chosen once, before the first window: its words are made in it
        from offsite.gui.language import chosen, install

        install(chosen())
    _register_fonts()
    from offsite.gui.theme import apply_style

    apply_style()  # resources/style.qss, in the colours of the desktop's palette (light or dark)
    return app


def _register_fonts() -> None:
    """Make the fonts Offsite ships (resources/fonts) the fallback for every character.

    A desktop without a symbol font draws "⏱" or "✓" as an empty box. Registered with Qt, the
    bundled fonts join the desktop's fonts (fontconfig's), and each character Qt draws comes from the
    desktop's own font or else the first font that has it for its script: Noto Sans Devanagari for
    Hindi, Noto Sans Thai, Offsite Gothic KR for Korean, Droid Sans Fallback for Chinese and
    Japanese, DejaVu Sans and Symbola for symbols, as in the PDF (see offsite.exchange.fonts).

    They are not listed in the application font's families: Qt tries every family listed there for
    a script it draws only through OpenType tables (Devanagari) before its fallbacks, and warns
    "OpenType support missing" for each listed font that lacks them (all but Noto Sans Devanagari).
    """
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from offsite.resources import resource_path

    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property("offsiteFonts"):
        return
    families: list[str] = []
    for ttf in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id == -1:
            log.warning("the font %s could not be loaded", ttf)
            continue
        families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    # Emoji-style symbols (⏱ ⚠) are drawn with the emoji font; Symbola has them in outline.
    for emoji in (f for f in families if f.startswith("Symbola")):
        QFontDatabase.addApplicationEmojiFontFamily(emoji)
    app.setProperty("offsiteFonts", families)


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
    # Starting makes a few hundred thousand objects that live as long as the app (modules, Qt's
    # enums, dataclasses, widgets) and next to no garbage: Python's cycle collector would walk
    # them some eighty times before the first paint for nothing. It runs again once the plan is
    # on screen (before the event loop starts).
    gc.disable()
    try:
        return _run(plan, view=view, screenshot=screenshot, projector=projector)
    finally:
        gc.enable()


def _run(plan: Path | None, *, view: str | None, screenshot: Path | None, projector: bool) -> int:
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
    if view:
        window.show_view(view)  # first, so opening the plan builds that page and no other
    if screenshot is None:  # a screenshot is taken once the plan is open: no one would see this
        window.notifier.say(translate("App", "Opening {plan}…").format(plan=plan.name), 0)
    if not window.open_path(plan, ask=screenshot is None):
        if screenshot is not None:
            return 2  # its pages could not be read: said on stderr, as every command says it
        window.notifier.say(
            translate("App", "Open a plan with File ▸ Open, or start one with File ▸ New Plan."), 0
        )
    else:
        window.notifier.toast.dismiss()
    if screenshot is not None:
        # The integrity check runs beside the building and the painting of the screen, as in a
        # window someone looks at; the picture waits for its answer before it is written (see
        # ``save_screenshot``).
        if projector:
            return save_projector_screenshot(window, screenshot)
        return save_screenshot(window, screenshot)
    if projector:
        window.ui.actionProjector.setChecked(True)
    gc.enable()
    return int(app.exec())


def open_window(*, show: bool = True) -> tuple[QApplication, MainWindow]:
    """The application and its main window, painted before any plan (or the storage stack) loads.

    This is what a user sees first, so it stays as light as a bare Qt window; the plan fills it
    a moment later. Returns ``(app, window)``.
    """
    app = make_application(sys.argv[:1])
    from offsite.gui.shell import MainWindow

    window = MainWindow()
    if show:
        window.show()
        for _ in range(2):
            app.processEvents()
    return app, window


def _can_open(plan: Path) -> bool:
    """Whether ``plan`` opens (read-only, unchanged); if not, say why in one sentence on stderr.

    Its header and structure only: the integrity check runs once, on a worker, as the window opens it.
    """
    from offsite.domain.errors import OffsiteError
    from offsite.services.plans import open_plan

    try:
        open_plan(plan, readonly=True, check_integrity=False).close()
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return False
    return True


def save_screenshot(window: MainWindow, png: Path) -> int:
    """Render ``window`` at 1280×800 once laid out and save it; 0 on success.

    A plan its integrity check finds damaged is refused (2) as every command refuses one, and
    no picture of it is written.
    """
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    for _ in range(10):  # panes that stack, then fit their text, settle over a few rounds
        QApplication.processEvents()
    return _write_screenshot(window, window.grab(), png)


def _write_screenshot(window: MainWindow, image: QPixmap, png: Path) -> int:
    """Close ``window`` and write ``image`` to ``png`` once the plan in it is known sound: 0 written,
    1 not written, 2 the plan is damaged (said on stderr).

    The check of every page ran beside the painting: on a large plan it is the longest step of
    opening it, and in a window someone looks at nothing waits for it either. Its answer is
    awaited before the window closes (closing the plan stops the check) and before a byte of the
    picture is written.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    saved = image.save(buffer, "PNG", SCREENSHOT_PNG_QUALITY)  # the PNG made while the check ends
    buffer.close()
    problem = window.integrity.wait() if window.integrity is not None else ""
    window.close()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        if saved:
            Path(png).write_bytes(encoded.data())
            return 0
    except OSError:
        pass
    print(f"The screenshot could not be written to {png}.", file=sys.stderr)
    return 1


def save_projector_screenshot(window: MainWindow, png: Path, size: tuple[int, int] | None = None) -> int:
    """Render the projector window for ``window``'s current view (1280×720 unless ``size``); 0 on success."""
    from PySide6.QtWidgets import QApplication

    from offsite.gui.projector import SCREENSHOT_SIZE, ProjectorWindow

    projector = ProjectorWindow(None, window.timer)
    projector.resize(*(size or SCREENSHOT_SIZE))
    projector.set_projection(window.current_projection())
    projector.show()
    for _ in range(3):
        QApplication.processEvents()
    projector.settle()
    image = projector.grab()
    projector.close()
    return _write_screenshot(window, image, png)


def _first_plan(window: MainWindow) -> Path:
    from offsite.gui.shell.files import ensure_demo_plan

    for recent in window.recent_files():
        if Path(recent).exists():
            return Path(recent)
    return ensure_demo_plan()

"""Colours that follow the desktop's palette, light or dark, so no text is ever invisible.

resources/style.qss is a template: ``$ink``, ``$muted``, ``$ok`` … stand for colours chosen
here from the application's QPalette. On a light desktop they are Offsite's usual calm,
high-contrast colours; on a dark one (Window #2b2b2b, WindowText #eeeeee…) the same roles get
light tints that keep a WCAG contrast ratio of at least 4.5 against the window. Colours with
their own background (banners, stance chips, the selection) name both and stay as they are.
The style is applied again whenever the desktop switches palette.
"""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from offsite.resources import resource_path

#: role -> (on a light window, on a dark window)
TONES: dict[str, tuple[str, str]] = {
    "ok": ("#1b7f3b", "#7fd69a"),
    "advice": ("#9a5b00", "#f2b661"),
    "problem": ("#b42318", "#ff9b8f"),
    "origin": ("#2f5f8f", "#9cc4ee"),
    "focus": ("#0b3d91", "#9cc4ee"),
    "promoted": ("#14632f", "#7fd69a"),
}
#: The palette a dark desktop theme hands Qt (for the dark screenshots and the contrast test).
DARK_DESKTOP: dict[str, str] = {
    "Window": "#2b2b2b",
    "WindowText": "#eeeeee",
    "Base": "#1e1e1e",
    "AlternateBase": "#262626",
    "Text": "#eeeeee",
    "Button": "#353535",
    "ButtonText": "#eeeeee",
    "ToolTipBase": "#353535",
    "ToolTipText": "#eeeeee",
    "PlaceholderText": "#9a9a9a",
    "Highlight": "#2f65ca",
    "HighlightedText": "#ffffff",
    "Link": "#8ab4f8",
}
#: What text on a fixed light tint (shortlisted row, themed chain, total row) is drawn in.
INK_ON_TINT = "#111827"


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_desktop_palette(start: QPalette | None = None) -> QPalette:
    """``start`` (the application's palette by default) with the colours of ``DARK_DESKTOP``."""
    palette = QPalette(start or QApplication.palette())
    for role, colour in DARK_DESKTOP.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def _mix(a: QColor, b: QColor, share_of_b: float) -> str:
    def channel(x: int, y: int) -> int:
        return round(x + (y - x) * share_of_b)

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    ).name()


def colours(palette: QPalette | None = None) -> dict[str, str]:
    """The template's colours for ``palette`` (the application's by default)."""
    palette = palette or QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    dark = is_dark(palette)
    chosen = {name: pair[1 if dark else 0] for name, pair in TONES.items()}
    chosen.update(
        ink=text.name(),
        muted=_mix(text, window, 0.3),
        rule=_mix(window, text, 0.25),
        grid=_mix(base, text, 0.12),
        header=_mix(base, text, 0.07),
    )
    return chosen


def tone(name: str) -> str:
    """One of the template's colours for inline rich text ("muted", "advice", "ok" …)."""
    return colours()[name]


def style_sheet(palette: QPalette | None = None) -> str:
    path = resource_path("style.qss")
    if not path.is_file():
        return ""
    return Template(path.read_text(encoding="utf-8")).substitute(colours(palette))


def _palette_changed(_palette: QPalette) -> None:
    apply_style()


def apply_style() -> None:
    """Style the application for its current palette, and keep following the palette."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not app.property("offsiteFollowsPalette"):
        # A signal, not an event filter on the application: a filter there is called from Python
        # for every event of every widget (thousands before the first paint), to see one event.
        app.paletteChanged.connect(_palette_changed)
        app.setProperty("offsiteFollowsPalette", True)
    sheet = style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)

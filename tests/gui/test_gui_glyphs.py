"""Every symbol the app writes on screen is drawn, not shown as an empty box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from offsite.gui.shell import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def symbols_in_the_gui() -> set[str]:
    """Characters beyond Latin-1 in the GUI's code and forms: arrows, checks, stars, the stopwatch."""
    files = [*(ROOT / "src" / "offsite" / "gui").rglob("*.py"), *(ROOT / "ui").glob("*.ui")]
    return {ch for path in files for ch in path.read_text(encoding="utf-8") if ord(ch) > 0xFF}


def boxes(text: str, font: QFont) -> list[str]:
    """The characters of ``text`` that ``font`` (with its fallbacks) draws as the missing-glyph box."""
    missing = []
    for ch in text:
        layout = QTextLayout(ch, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
        if not glyphs or 0 in glyphs:
            missing.append(f"U+{ord(ch):04X} {ch}")
    return missing


def test_the_scan_finds_the_symbols_the_room_sees() -> None:
    assert {"⏱", "✓", "▸", "★", "⚠", "↑"} <= symbols_in_the_gui()


def test_every_gui_symbol_has_a_glyph_in_the_apps_fonts(demo_window: MainWindow) -> None:
    symbols = "".join(sorted(symbols_in_the_gui()))
    regular = QApplication.font()
    bold = QFont(regular)
    bold.setBold(True)
    assert boxes(symbols, regular) == []
    assert boxes(symbols, bold) == []


def test_the_timer_shows_its_stopwatch(demo_window: MainWindow) -> None:
    demo_window.timer.start()
    label = next(w for w in demo_window.findChildren(QLabel, "timerTime") if w.text().startswith("⏱"))
    assert boxes("⏱", label.font()) == []

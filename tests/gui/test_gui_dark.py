"""On a dark desktop every label stays readable: its text contrasts with what is behind it.

The dark palette is the one a dark desktop theme hands Qt (offsite.gui.theme.DARK_DESKTOP:
Window #2b2b2b, WindowText #eeeeee, Base #1e1e1e, Text #eeeeee …). Each page and tab is rendered, and every visible label is
sampled from the rendering: its background is the commonest pixel, its text the pixel that
stands out most. The two must have a WCAG contrast ratio of at least 4.5 (disabled labels are
exempt, as WCAG exempts inactive controls).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from tests.gui.test_gui_screens import every_screen, save, settle

from offsite.gui.shell import MainWindow
from offsite.gui.theme import dark_desktop_palette, is_dark


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_contrast(image: QImage) -> float:
    """The contrast of the most outstanding pixel against the commonest one (the background)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(memoryview(image.constBits()).cast("I"))  # one 0xAARRGGBB word a pixel
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast(QColor.fromRgb(p), background) for p in pixels)


@pytest.fixture
def dark_desktop() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    palette = dark_desktop_palette(before)
    app.setPalette(palette)
    settle()
    yield palette
    app.setPalette(before)
    settle()


def test_every_label_is_readable_on_a_dark_desktop(
    demo_window: MainWindow, dark_desktop: QPalette, tmp_path: Path
) -> None:
    assert is_dark()
    window = demo_window
    window.resize(1280, 800)
    unreadable: list[str] = []
    for name, screen in every_screen(window):
        save(window, tmp_path, f"dark-{name}")
        for label in screen.findChildren(QLabel):
            if not (label.isVisible() and label.isEnabled() and label.text().strip()):
                continue
            if label.width() < 4 or label.height() < 4:
                continue
            ratio = text_contrast(label.grab().toImage())
            if ratio < 4.5:
                unreadable.append(f"{name}: {label.objectName() or label.text()[:40]!r} {ratio:.1f}")
    assert unreadable == [], "\n".join(unreadable)
    assert os.environ.get("OFFSITE_SCREENSHOTS") or len(list(tmp_path.glob("dark-*.png"))) == 19

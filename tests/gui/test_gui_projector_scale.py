"""The projector's type is read from the back of the room: it grows with the screen's height.

Body text has a cap height of at least 1/40 of the window's height (about 27 px on a 1080p
projector) even after shrinking to fit a long chain; titles are larger still.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from offsite.gui.projector import ProjectorWindow
from offsite.gui.shell import MainWindow

#: Body cap height as a share of the screen height: legible at the back, yet room for a chain.
BODY_BAND = (1 / 40, 1 / 20)


def cap_ratio(label: QLabel, height: int) -> float:
    return QFontMetrics(label.font()).capHeight() / height


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("view", ["brainstorm", "brainstorm:Candidates"])
def test_projector_text_scales_with_the_screen_height(
    qtbot, demo_window: MainWindow, tmp_path: Path, size: tuple[int, int], view: str
) -> None:
    phase, _, tab = view.partition(":")
    demo_window.show_view(phase)
    if tab:  # the ranking of all thirteen candidates: the longest screen of the demo
        page = demo_window.phase_pages[phase]
        page.go_to_tab(page.tabs[tab])
    QApplication.processEvents()
    projector = ProjectorWindow(None, demo_window.timer)
    qtbot.addWidget(projector)
    projector.resize(*size)
    projector.set_projection(demo_window.current_projection())
    projector.show()
    projector.settle()
    name = f"projector-{view.replace(':', '-').lower()}-{size[0]}x{size[1]}.png"
    image = projector.grab()
    image.save(str(tmp_path / name))
    if os.environ.get("OFFSITE_SCREENSHOTS"):
        image.save(str(Path(os.environ["OFFSITE_SCREENSHOTS"]) / name))
    height = projector.height()
    title = projector.findChild(QLabel, "projectorTitle")
    body = [
        label
        for label in projector.body.findChildren(QLabel)
        if label.isVisible() and label.text().strip() and label.objectName() != "projectorTitle"
    ]
    assert body
    low, high = BODY_BAND
    ratios = {label.text()[:30]: round(cap_ratio(label, height), 4) for label in body}
    assert all(low <= ratio <= high for ratio in ratios.values()), ratios
    assert cap_ratio(title, height) > max(ratios.values())

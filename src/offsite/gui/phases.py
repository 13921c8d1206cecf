"""What later work fills: each says plainly what it will hold, with nothing to click yet.

Every phase has its page now, and the Review its check-ins: nothing is still to come.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from offsite.gui.forms import Form


class PhaseForm(Form):
    ui_file = "phase_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    detailLabel: QLabel


@dataclass(frozen=True)
class PhaseText:
    title: str
    intro: str
    items: tuple[str, ...]


#: The pages still to come, by key: none now.
UPCOMING: dict[str, PhaseText] = {}


class PhasePage(QWidget):
    """A phase still to come: its name, what it will hold, and no controls."""

    def __init__(self, key: str) -> None:
        super().__init__()
        text = UPCOMING[key]
        self.ui = ui = PhaseForm.setup(self)
        ui.pageTitle.setText(text.title)
        ui.pageIntro.setText(text.intro)
        ui.detailLabel.setText("".join(f"<p style='margin-bottom:10px'>{item}</p>" for item in text.items))

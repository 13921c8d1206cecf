"""Phases that later work fills: each says plainly what it will hold, with nothing to click yet."""

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


UPCOMING = {
    "brainstorm": PhaseText(
        "Brainstorm",
        "Where the room finds its goals before writing objectives. Coming in a later version of Offsite.",
        (
            "<b>Ask-why chains</b> — each team's statement, asked “why?” again and again, "
            "with the common themes between teams side by side.",
            "<b>Work back from company goals</b> — the reverse funnel from revenue to deals, "
            "opportunities, SQLs, MQLs and leads, per quarter.",
            "<b>Team switch</b> — Marketing plays Sales and Sales plays Marketing, then both versions side by side.",
            "<b>Candidates</b> — a SMART check, dot votes, and the top 2–3 per team promoted to objectives.",
        ),
    ),
    "signoff": PhaseText(
        "Sign-off & export",
        "Freezing the agreed plan so everyone can sign it. Coming in a later version of Offsite; "
        "File ▸ Export PDF already prints the plan as it stands.",
        (
            "<b>Overlap review</b> — objectives of different teams that share a metric, a goal or their wording.",
            "<b>Data definitions</b> — what “sales qualified lead” means, agreed by both teams.",
            "<b>Sign-off</b> — each leader signs; a fingerprint in the PDF shows any later edit.",
        ),
    ),
    "review": PhaseText(
        "Review",
        "After the offsite: progress against the plan. Coming in a later version of Offsite.",
        (
            "<b>Check-ins</b> — actual values of each metric, weekly, monthly and quarterly, "
            "with a confidence: on track, at risk, off track.",
            "<b>Alignment index</b> — computed from the plan's own evidence, beside what leaders say.",
        ),
    ),
}


class PhasePage(QWidget):
    """A phase still to come: its name, what it will hold, and no controls."""

    def __init__(self, key: str) -> None:
        super().__init__()
        text = UPCOMING[key]
        self.ui = ui = PhaseForm.setup(self)
        ui.pageTitle.setText(text.title)
        ui.pageIntro.setText(text.intro)
        ui.detailLabel.setText("".join(f"<p style='margin-bottom:10px'>{item}</p>" for item in text.items))

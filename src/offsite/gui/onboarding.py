"""The first screen of an empty plan: what the day looks like, and three ways to begin, one key each.

A new plan used to open on blank tables with nothing saying where to start. While the plan has
no teams and no leaders, the Prepare screen leads with this card; it goes as soon as it has one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from offsite.domain.language import QT_TRANSLATE_NOOP, translate

#: The six phases of the day, in order, each with what happens in it (PRODUCT.md's words).
DAY = (
    (QT_TRANSLATE_NOOP("Phases", "Prepare"), QT_TRANSLATE_NOOP("Onboarding", "who is at the table")),
    (QT_TRANSLATE_NOOP("Phases", "Brainstorm"), QT_TRANSLATE_NOOP("Onboarding", "goals, before objectives")),
    (QT_TRANSLATE_NOOP("Phases", "Plan"), QT_TRANSLATE_NOOP("Onboarding", "objectives, methods, metrics")),
    (
        QT_TRANSLATE_NOOP("Phases", "Agreements"),
        QT_TRANSLATE_NOOP("Onboarding", "journey, hand-offs, incentives"),
    ),
    (QT_TRANSLATE_NOOP("Phases", "Buy-in"), QT_TRANSLATE_NOOP("Onboarding", "every leader's stance")),
    (QT_TRANSLATE_NOOP("Phases", "Sign-off"), QT_TRANSLATE_NOOP("Onboarding", "the CEO signs the plan")),
    (QT_TRANSLATE_NOOP("Phases", "Review"), QT_TRANSLATE_NOOP("Onboarding", "check-ins after the day")),
)


class Onboarding(QFrame):
    """Three ways to begin: the demo plan, the leaders' table, or an imported plan."""

    #: Open the demo plan (written first if it does not exist yet).
    demoRequested = Signal()
    #: Start typing the leaders: a new row in the leaders' table, open for its name.
    leadersRequested = Signal()
    #: File ▸ Import Plan: a plan from an Offsite JSON file.
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onboarding")
        self.setAccessibleName(translate("Onboarding", "Start your offsite"))
        title = QLabel(translate("Onboarding", "Start your offsite"), self)
        title.setObjectName("onboardingTitle")
        keys = QLabel(
            translate("Onboarding", "The day in seven steps, one screen each: Ctrl+1 to Ctrl+7"), self
        )
        keys.setObjectName("onboardingCaption")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(keys, 0, Qt.AlignmentFlag.AlignBottom)
        # The day as a line of steps: each phase's name over what happens in it.
        self.day = QGridLayout()
        self.day.setHorizontalSpacing(10)
        self.day.setVerticalSpacing(0)
        for number, (name, what) in enumerate(DAY, start=1):
            column = 2 * (number - 1)
            step = QLabel(f"{number}  {translate('Phases', name)}", self)
            step.setObjectName("onboardingStep")
            about = QLabel(translate("Onboarding", what), self)
            about.setObjectName("onboardingCaption")
            self.day.addWidget(step, 0, column)
            self.day.addWidget(about, 1, column)
            self.day.setColumnStretch(column, 1)
            if number < len(DAY):
                arrow = QLabel("→", self)
                arrow.setObjectName("onboardingArrow")
                self.day.addWidget(arrow, 0, column + 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.buttons: dict[Qt.Key, QPushButton] = {}
        for key, text, hint, signal in (
            (
                Qt.Key.Key_D,
                QT_TRANSLATE_NOOP("Onboarding", "Start from the demo"),
                QT_TRANSLATE_NOOP("Onboarding", "Open a finished offsite to look around in"),
                self.demoRequested,
            ),
            (
                Qt.Key.Key_L,
                QT_TRANSLATE_NOOP("Onboarding", "Add the leaders"),
                QT_TRANSLATE_NOOP("Onboarding", "Type the first leader's name into the table below"),
                self.leadersRequested,
            ),
            (
                Qt.Key.Key_I,
                QT_TRANSLATE_NOOP("Onboarding", "Import a plan"),
                QT_TRANSLATE_NOOP("Onboarding", "Create a plan from an Offsite JSON file"),
                self.importRequested,
            ),
        ):
            letter = chr(key.value)
            shown, hint_shown = translate("Onboarding", text), translate("Onboarding", hint)
            button = QPushButton(f"{shown}   [{letter}]", self)
            button.setObjectName(f"onboarding{text.split()[-1].title()}Button")  # from the English: stable
            button.setToolTip(
                translate("Onboarding", "{hint} (press {letter} here)").format(hint=hint_shown, letter=letter)
            )
            button.setAccessibleName(shown)
            button.setAccessibleDescription(hint_shown)
            button.setAutoDefault(True)  # Enter presses the focused one, as in a dialog
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            actions.addWidget(button, 1)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 14)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addLayout(self.day)
        layout.addLayout(actions)

    def text(self) -> str:
        """Everything the card says, in reading order (what a screen reader reads)."""
        return " ".join(label.text() for label in self.findChildren(QLabel))

    def first_focus(self) -> QPushButton:
        return self.buttons[Qt.Key.Key_D]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # One key each while the card has the focus (its buttons pass letters up to it); the
        # fields of the page keep every letter for typing.
        button = self.buttons.get(Qt.Key(event.key()))
        if button is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            button.click()
            return
        super().keyPressEvent(event)

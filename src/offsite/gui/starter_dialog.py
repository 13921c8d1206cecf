"""The dialog of File ▸ New Plan… (starter_dialog.ui): start blank, or from a starter template.

Once the file is chosen, the facilitator picks where the plan starts: a blank plan, or one of the
starter templates (``offsite.domain.templates``), each with a line saying the company it suits and,
for the one picked, what it fills in. Keyboard first: the arrow keys move between the choices (or
a letter picks one) and Enter creates the plan; Escape creates nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QWidget,
)

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.templates import TEMPLATES, template_named
from offsite.gui.forms import Form

#: The choice of a blank plan; a template is chosen by its name.
BLANK = ""
BLANK_DESCRIPTION = QT_TRANSLATE_NOOP(
    "StarterDialog", "Nothing filled in: add the teams, the leaders and the agreements yourself."
)


class StarterDialogForm(Form):
    ui_file = "starter_dialog.ui"
    introLabel: QLabel
    choicesBox: QGroupBox
    summaryLabel: QLabel
    buttonBox: QDialogButtonBox


class StarterDialog(QDialog):
    """Blank plan, or one of the starter templates; ``chosen`` says which when the plan is to be made."""

    #: The template's name, or BLANK, once the facilitator creates the plan.
    chosen = Signal(str)

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = StarterDialogForm.setup(self)
        self.setObjectName("starterDialog")
        self.setWindowTitle(translate("StarterDialog", "Start “{file}” — Offsite").format(file=file_name))
        layout = ui.choicesBox.layout()
        assert layout is not None
        style = self.style()
        # The descriptions sit under their choice's words, not under its round indicator.
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )
        self.choices: dict[str, QRadioButton] = {}
        options = [
            (BLANK, translate("StarterDialog", "Blank plan"), translate("StarterDialog", BLANK_DESCRIPTION))
        ]
        options += [(t.name, t.shown_title, t.shown_description) for t in TEMPLATES]
        for name, title, description in options:
            choice = QRadioButton(f"&{title}", ui.choicesBox)
            choice.setObjectName(f"starter-{name or 'blank'}")
            choice.setAccessibleName(title)
            choice.setAccessibleDescription(description)
            choice.toggled.connect(self._show_summary)
            words = QLabel(description, ui.choicesBox)
            words.setObjectName("starterDescription")
            words.setContentsMargins(indent, 0, 0, 8)
            words.setWordWrap(True)  # a longer language wraps rather than being cut at the right
            words.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never clipped
            layout.addWidget(choice)
            layout.addWidget(words)
            self.choices[name] = choice
        self.create_button = ui.buttonBox.addButton(
            translate("StarterDialog", "&Create Plan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        blank = self.choices[BLANK]
        blank.setChecked(True)
        blank.setFocus()
        self._show_summary()
        self.setMinimumWidth(700)  # each description on one line

    def template(self) -> str:
        """The name of the template picked, or BLANK."""
        return next((name for name, choice in self.choices.items() if choice.isChecked()), BLANK)

    @Slot()
    def _show_summary(self) -> None:
        template = template_named(self.template()) if self.template() else None
        # Two lines whichever is picked: the dialog keeps its height as the arrow keys move.
        if template is None:
            self.ui.summaryLabel.setText(
                translate(
                    "StarterDialog",
                    "The new plan opens on Prepare, empty.\n"
                    "Add the teams and the leaders there; the agreements come when the room makes them.",
                )
            )
        else:
            self.ui.summaryLabel.setText(
                translate(
                    "StarterDialog",
                    "Fills in {summary}.\nBusiness model: {model}. No leaders and no buy-in: those are the room's.",
                ).format(summary=template.summary(), model=translate("Agreements", template.business_model))
            )

    def accept(self) -> None:
        """Close, then say what was chosen: the plan is written and opened with the dialog gone."""
        super().accept()
        self.chosen.emit(self.template())

"""File ▸ Export Results Report…: which period the report covers, asked in a small dialog.

The quarters the plan's horizon spans are listed, the one the report covers by default chosen
(the last quarter finished since the plan started, or the one under way); a month or a week can be
typed instead ("2027-03", "2027-W05"). Enter exports; a period Offsite cannot read is said under
the field, and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from offsite.domain.language import translate
from offsite.domain.progress import Period, parse_period, plan_start
from offsite.domain.reporting import REPORT_PERIOD_HINT, default_report_period, period_in_words, report_period
from offsite.domain.values import PlanDetails
from offsite.services.quarter import plan_quarters

ERROR_COLOR = "#b42318"


class ReportPeriodDialog(QDialog):
    """The period of the results report; ``chosen`` carries its label ("2027-Q1") when accepted."""

    chosen = Signal(str)

    def __init__(self, details: PlanDetails, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPeriodDialog")
        self.setWindowTitle(translate("ReportPeriodDialog", "Export Results Report — Offsite"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "ReportPeriodDialog",
                "Which period should the results report cover? Choose a quarter, or type a month or a "
                "week. The report reads the plan as of the period’s last day, or today if that is earlier.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.period = QComboBox(self)
        self.period.setObjectName("reportPeriod")
        self.period.setAccessibleName(translate("ReportPeriodDialog", "Report period"))
        self.period.setEditable(True)
        self.period.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        quarters = plan_quarters(details, today=today)
        start = plan_start(details.starts_on, details.ends_on, None)
        default = default_report_period(start, today)
        for quarter in quarters:
            self.period.addItem(period_in_words(quarter), quarter.label)
        found = self.period.findData(default.label)
        if found >= 0:
            self.period.setCurrentIndex(found)
        else:
            self.period.setEditText(default.label)
        layout.addWidget(self.period)
        # An editable combo keeps Enter for itself: Enter in the field exports, as the default button does.
        line = self.period.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.accept)
        hint = QLabel(translate("Tracking", REPORT_PERIOD_HINT), self)
        hint.setObjectName("reportPeriodHint")
        layout.addWidget(hint)
        self.problem = QLabel(self)
        self.problem.setObjectName("reportPeriodProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(
            translate("ReportPeriodDialog", "&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.period.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(460, self.sizeHint().height())

    def chosen_period(self) -> Period:
        """The period the field names: a listed quarter as shown, or a period as typed; ValueError else."""
        text = self.period.currentText().strip()
        listed = self.period.findText(text, Qt.MatchFlag.MatchFixedString)
        if listed >= 0:
            return parse_period(str(self.period.itemData(listed)))
        return report_period(text)

    def accept(self) -> None:
        if not self.isVisible():  # Enter reaches both the field and the default button: export once
            return
        try:
            period = self.chosen_period()
        except ValueError as error:
            self.problem.setText(str(error))
            self.problem.show()
            self.period.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()
        self.chosen.emit(period.label)

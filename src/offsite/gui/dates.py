"""A date field people type into freely ("3/4", "2027-03-04", "4 Mar"), with a calendar button.

QDateEdit edits a date section by section, so typing "3/4" into it garbles the date. This
editor is a line edit: the text is read by ``offsite.domain.dates.parse_date`` when editing
finishes (Enter, Tab, focus leaving), with the day/month order of the desktop's locale and the
plan's year for a date typed without one. Text that is not a date is kept, marked and
explained, never guessed. The calendar (the button, or Alt+Down / F4) opens on the date shown,
else today or the plan's year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from offsite.domain.dates import DATE_HINT, calendar_start, is_day_first, parse_date, plan_year
from offsite.domain.formatting import format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.resources import resource_path

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument


# ``DATE_HINT`` is written in the domain before the language is chosen: marked here for the
# catalogue, translated where the field shows it (its tooltip).
QT_TRANSLATE_NOOP("Dates", "Type a date such as 4 Mar 2027, 3/4 or 2027-03-04.")


def locale_day_first() -> bool:
    """Whether the desktop's locale writes the day before the month (en_GB, de) or not (en_US)."""
    from PySide6.QtCore import QLocale

    return is_day_first(QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def document_year(document: PlanDocument) -> Callable[[], int]:
    """The plan's year for dates typed without one (from its horizon or first day), read when asked."""

    def year() -> int:
        details = document.view().details
        return plan_year(details.horizon, details.starts_on, dt.date.today())

    return year


def _opens_calendar(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
    return (event.key() == Qt.Key.Key_Down and alt) or event.key() == Qt.Key.Key_F4


class DateLineEdit(QLineEdit):
    """A line edit holding a date (or none); ``dateEdited`` says the user set a new one."""

    #: The date the user typed or picked (a ``datetime.date`` or None); not sent by ``setDate``.
    dateEdited = Signal(object)
    #: A sentence saying why the typed text was not taken.
    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        self._year: Callable[[], int] = lambda: dt.date.today().year
        self.setPlaceholderText(translate("Dates", "No date"))
        self.setToolTip(translate("Dates", DATE_HINT))
        self.calendar_action = QAction(
            QIcon(str(resource_path("icons", "calendar.svg"))),
            translate("Dates", "Pick from a calendar"),
            self,
        )
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self.commit)
        self.textEdited.connect(lambda _text: self._mark(""))
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    def set_plan_year(self, year: Callable[[], int]) -> None:
        """Where the year of a date typed without one comes from (the plan's horizon)."""
        self._year = year

    def date(self) -> dt.date | None:
        return self._date

    def setDate(self, value: dt.date | None) -> None:
        """Show ``value`` without announcing it as an edit."""
        self._date = value
        self._mark("")
        self.setText(format_short_date(value))

    def typed_date(self) -> dt.date | None:
        """The date the text says (None when blank); ValueError saying what to type when it is no date."""
        return parse_date(self.text(), day_first=locale_day_first(), year=self._year(), today=dt.date.today())

    def commit(self) -> None:
        """Read the typed text; announce a new date, or say why the text is not one."""
        try:
            value = self.typed_date()
        except ValueError as error:
            self._mark(str(error))
            self.rejected.emit(str(error))
            return
        changed = value != self._date
        self.setDate(value)
        if changed:
            self.dateEdited.emit(value)

    def show_calendar(self) -> None:
        start = calendar_start(self._date, self._year(), dt.date.today())
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def event(self, event: QEvent) -> bool:
        # Alt+Down and F4 open the calendar here, before any shortcut of the page takes them.
        if event.type() == QEvent.Type.ShortcutOverride and _opens_calendar(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _opens_calendar(event):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _picked(self, day: QDate) -> None:
        self.calendar.hide()
        self.setText(format_short_date(dt.date(day.year(), day.month(), day.day())))
        self.commit()
        self.setFocus()

    def _mark(self, problem: str) -> None:
        if bool(self.property("problem")) == bool(problem):
            return
        self.setProperty("problem", "blocking" if problem else "")
        self.setToolTip(problem or translate("Dates", DATE_HINT))
        self.style().unpolish(self)
        self.style().polish(self)

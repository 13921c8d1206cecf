"""One pass of the report's layout: its figures, the house styles, the text column, numbered sections,
and the few pieces every section of the report shares (status words in their colours, a score)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from offsite.domain.formatting import format_number
from offsite.domain.progress import Status, format_score
from offsite.domain.reporting import short_day
from offsite.exchange.pdf.charts import STATUS_INK
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.styles import Styles
from offsite.exchange.report.figures import ReportFigures

#: Status ink by the status value ("on_track" …), as the charts colour their status words.
INK = {status: STATUS_INK[status.words] for status in Status}


class ReportStyles(Styles):
    """The house styles, and the few the report adds."""

    def __init__(self) -> None:
        super().__init__()
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.cell_muted_right = ParagraphStyle("cell_muted_right", parent=self.cell_muted, alignment=TA_RIGHT)
        self.statement = ParagraphStyle(
            "statement", parent=self.objective, fontSize=11, leading=15.5, spaceAfter=5
        )
        self.footnote = ParagraphStyle("footnote", parent=self.note, fontSize=7.5, leading=10)


@dataclass
class ReportLayout:
    """One pass over the report's figures (``document.render`` makes one)."""

    figures: ReportFigures
    styles: ReportStyles
    run: Run
    width: float
    sections: int = 0

    def next_section(self) -> int:
        self.sections += 1
        return self.sections

    @property
    def period_words(self) -> str:
        """ "Q1 2027"."""
        return self.figures.period.words

    @property
    def period_short(self) -> str:
        """ "Q1", "Mar", "W05": the period in a cell's few letters."""
        from offsite.domain.progress import Grain

        period = self.figures.period
        if period.grain is Grain.QUARTER:
            return period.words.split()[0]
        if period.grain is Grain.WEEK:
            return period.label.split("-")[-1]
        day = short_day(period.start).split()
        # "Mar" from "1 Mar 2027"; a language that writes the day as digits ("01.03.2027") names the month whole.
        return day[1] if len(day) == 3 else period.words

    @property
    def as_of_words(self) -> str:
        """ "31 Mar 2027"."""
        return short_day(self.figures.as_of)

    @property
    def is_quarter(self) -> bool:
        from offsite.domain.progress import Grain

        return self.figures.period.grain is Grain.QUARTER

    def status(self, status: Status, style: Any | None = None) -> Any:
        """A status word in its colour: "On track" green, "At risk" amber, "Off track" red, "No data" grey."""
        return para(status.label, style or self.styles.cell_bold, colour=INK[status])


def figure(value: float | None) -> str:
    """A value as typed or summed: "1,250", "37.4"; "—" for none."""
    if value is None:
        return "—"
    return format_number(value)


def rounded(value: float | None) -> str:
    """A value the report works out (an expected value on a straight line) to three figures, at most
    two decimals: "2,942", "22.5", "5.69"; "—" for none."""
    if value is None:
        return "—"
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    return format_number(round(value, max(0, min(2, 2 - magnitude))))


def score_text(score: float | None) -> str:
    """ "0.7", or "—" for no score."""
    return format_score(score) or "—"

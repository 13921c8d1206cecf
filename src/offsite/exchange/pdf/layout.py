"""One pass of the layout over a ``PdfInput``: the styles, the widths, and the numbered sections so far.

Every section's ``build(layout)`` reads the plan through it; ``document.render`` makes one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from offsite.domain.exercises import BrainstormView
from offsite.domain.values import PlanView, StanceEvent
from offsite.exchange.pdf.extras import PdfExtras
from offsite.exchange.pdf.input import PdfInput
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.seal import Seal
from offsite.exchange.pdf.styles import Styles


class Measure(Protocol):
    """What a heading needs of a layout: the styles and the text column's width (any document's)."""

    @property
    def styles(self) -> Styles: ...

    @property
    def width(self) -> float: ...


@dataclass
class Layout:
    """One pass of the layout: the fixed input, the styles, and the section counter of this pass."""

    input: PdfInput
    styles: Styles
    run: Run
    width: float
    landscape_width: float
    sections: int = 0

    @property
    def view(self) -> PlanView:
        return self.input.view

    @property
    def brainstorm(self) -> BrainstormView | None:
        return self.input.brainstorm

    @property
    def extras(self) -> PdfExtras:
        return self.input.extras

    @property
    def full(self) -> bool:
        return self.input.full

    @property
    def seal(self) -> Seal:
        return self.input.seal

    @property
    def stances(self) -> Mapping[tuple[int, int], StanceEvent]:
        return self.input.stances

    @property
    def numbers(self) -> Mapping[int, str]:
        return self.input.numbers

    def next_section(self) -> int:
        self.sections += 1
        return self.sections

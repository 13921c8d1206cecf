"""What every page carries: the header rule and title, "Page N of M", the status footer, the watermark."""

from __future__ import annotations

import math
from typing import Any, Protocol

from offsite.domain.language import translate
from offsite.exchange import fonts, shaping
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.seal import STATUS_DRAFT, Seal
from offsite.exchange.pdf.styles import (
    DRAFT_INK,
    FAINT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MM,
    MUTED,
    NAVY,
    RULE,
    WATERMARK,
)
from offsite.exchange.pdf.wording import whole

#: The baseline of the footer's first line ("Page N of M" and the title); the status goes under it.
_FOOTER_Y = MARGIN_BOTTOM - 24


class Footing(Protocol):
    """What the footer's status line says, and whether the page carries the light "DRAFT" (a ``Seal``)."""

    @property
    def draft(self) -> bool: ...

    @property
    def footer(self) -> str: ...


class PageDecor:
    """Page callbacks: a rule and the plan's title in the header, "Page N of M" in the footer.

    ``first`` and ``later`` draw as a page begins, under its content: the watermark, the header,
    the footer's rule and status line. ``footer_end`` draws the rest of the footer once the page
    count is known (``canvas.canvas_maker`` calls it for every page as the document is saved).
    """

    def __init__(self, title: str, run: Run, seal: Footing | None = None) -> None:
        self.title = " ".join(fonts.clean(title).split()) or translate("PdfPages", "Untitled offsite")
        self.run = run
        self.pages = 0
        self.seal: Footing = seal or Seal(STATUS_DRAFT, "", None)

    def first(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, first=True)

    def later(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, first=False)

    def _page(self, canvas: Any, document: Any, *, first: bool) -> None:
        self.run.check()
        self.pages = max(self.pages, canvas.getPageNumber())
        page_width, page_height = canvas._pagesize
        left, right = MARGIN_X, page_width - MARGIN_X
        canvas.saveState()
        if self.seal.draft:
            _watermark(canvas, page_width, page_height)
        if first:
            canvas.setFillColor(NAVY)
            canvas.rect(0, page_height - 8 * MM, page_width, 8 * MM, stroke=0, fill=1)
        else:
            y = page_height - MARGIN_TOP + 9
            _draw_line(canvas, self.title, left, y, right - left, 7.5, FAINT)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, y - 4, right, y - 4)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, _FOOTER_Y + 11, right, _FOOTER_Y + 11)
        status = self.seal.footer
        canvas.setFont(fonts.BOLD, 7)
        canvas.setFillColor(DRAFT_INK if self.seal.draft else NAVY)
        canvas.drawString(left, _FOOTER_Y - 10, status)
        canvas.restoreState()

    def footer_end(self, canvas: Any, total: int) -> None:
        """Draw “Page N of M” at the right of the footer, and the plan's title in the room left of it."""
        page_width = canvas._pagesize[0]
        left, right = MARGIN_X, page_width - MARGIN_X
        canvas.saveState()
        label = translate("PdfPages", "Page {page} of {pages}").format(
            page=whole(canvas.getPageNumber()), pages=whole(total)
        )
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, _FOOTER_Y, label)
        label_width = canvas.stringWidth(label, fonts.REGULAR, 7.5)
        _draw_line(canvas, self.title, left, _FOOTER_Y, right - left - label_width - 24, 7.5, MUTED)
        canvas.restoreState()


def _watermark(canvas: Any, width: float, height: float) -> None:
    """A light "DRAFT" across the page, under the content."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    word = translate("PdfPages", "DRAFT")
    size = min(width, height) / 4.2
    # A longer word ("ENTWURF") is set smaller, so that it still crosses the page edge to edge unclipped.
    across = canvas.stringWidth(word, fonts.BOLD, size) * math.cos(math.radians(35))
    size = min(size, size * 0.9 * width / across) if across else size
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(0, -size / 3, word)
    canvas.restoreState()


def _draw_line(canvas: Any, text: str, x: float, y: float, width: float, size: float, colour: str) -> None:
    """Draw one line of user text, shortened with "…" to ``width``, in the fonts that have its glyphs."""
    if fonts.text_width(text, size) > width:
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if fonts.text_width(text[:middle].rstrip() + "…", size) <= width:
                low = middle
            else:
                high = middle - 1
        text = text[:low].rstrip() + "…"
    if fonts.has_rtl(text):
        text = fonts.visual_lines(text, 1e9, size)[0]
    canvas.setFillColor(colour)
    for font, chunk in fonts.runs(text):
        shaped, chunk_width = shaping.shape_text(chunk, font, size)
        canvas.setFont(font, size)
        canvas.drawString(x, y, shaped)
        x += chunk_width

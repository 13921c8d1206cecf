"""What every page carries: the header rule and title, "Page N of M", the status footer, the watermark."""

from __future__ import annotations

from typing import Any

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


class PageDecor:
    """Page callbacks: a rule and the plan's title in the header, "Page N of M" in the footer."""

    def __init__(self, title: str, total: int, run: Run, seal: Seal | None = None) -> None:
        self.title = " ".join(fonts.clean(title).split()) or "Untitled offsite"
        self.total = total
        self.run = run
        self.pages = 0
        self.seal = seal or Seal(STATUS_DRAFT, "", None)

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
        footer_y = MARGIN_BOTTOM - 24
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, footer_y + 11, right, footer_y + 11)
        number = canvas.getPageNumber()
        label = f"Page {number} of {self.total}" if self.total else f"Page {number}"
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, footer_y, label)
        label_width = canvas.stringWidth(label, fonts.REGULAR, 7.5)
        _draw_line(canvas, self.title, left, footer_y, right - left - label_width - 24, 7.5, MUTED)
        status = self.seal.footer
        canvas.setFont(fonts.BOLD, 7)
        canvas.setFillColor(DRAFT_INK if self.seal.draft else NAVY)
        canvas.drawString(left, footer_y - 10, status)
        canvas.restoreState()


def _watermark(canvas: Any, width: float, height: float) -> None:
    """A light "DRAFT" across the page, under the content."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    size = min(width, height) / 4.2
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(0, -size / 3, "DRAFT")
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

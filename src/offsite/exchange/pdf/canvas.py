"""The canvas the plan is drawn on: each page's text recorded as it is drawn, "Page N of M" added
once the last page is known.

The document is laid out once. A finished page is kept (its drawing operators, as reportlab's
canvas holds them) instead of being written at once; when the story has run out, the total is
known, and each kept page gets the end of its footer ("Page N of M" and the plan's title beside
it, whose room depends on that label) and is written. So no page waits on a second layout.

Every string a page draws goes through one text object (``_formatText``); the canvas keeps a copy
of each, in drawing order, as the page's text. ``page_texts`` holds one string per page once the
canvas is saved: what ``seal.page_text_hash`` hashes, and what ``text.drawn_texts`` reads back from
a written PDF (each font's ToUnicode map turns its codes back into these very characters).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from offsite.exchange.pdf.text import readable

#: Draws the end of one page's footer, given the canvas and the document's page count.
FooterEnd = Callable[[Any, int], None]


def canvas_maker(footer_end: FooterEnd, made: list[Any]) -> Callable[..., Any]:
    """A canvasmaker for ``build``: the canvas it makes is appended to ``made`` (to read its texts)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    class RecordingText(PDFTextObject):  # type: ignore[misc]
        """A text object that copies each string it draws into its canvas's page text."""

        def _formatText(self, text: Any) -> Any:
            self._canvas.drawn.append(text.decode("utf-8") if isinstance(text, bytes) else str(text))
            return super()._formatText(text)

    class PlanCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.drawn: list[str] = []
            self.page_texts: list[str] = []
            self._kept: list[dict[str, Any]] = []

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
            return RecordingText(self, x, y, direction=direction)

        def showPage(self) -> None:
            # Keep the page as it is drawn so far; it is finished and written in ``save``.
            self._kept.append(dict(self.__dict__))
            self._startPage()
            self.drawn = []

        def save(self) -> None:
            total = len(self._kept)
            for state in self._kept:
                self.__dict__.update(state)
                footer_end(self, total)
                self.page_texts.append(readable("".join(self.drawn)))
                Canvas.showPage(self)
            self._kept = []
            Canvas.save(self)

    def make(*args: Any, **kwargs: Any) -> Any:
        canvas = PlanCanvas(*args, **kwargs)
        made.append(canvas)
        return canvas

    return make

"""The plan PDF laid out: the story of sections in order, on A4 portrait pages (landscape for a wide
buy-in matrix), laid out once; every footer says "Page N of M" all the same (see ``canvas``).

``render`` makes one pass of ``layout.Layout`` over one ``PdfInput``, which it only reads.
"""

from __future__ import annotations

import io
from typing import Any

from offsite.domain.language import translate
from offsite.exchange import fonts
from offsite.exchange.pdf.canvas import canvas_maker
from offsite.exchange.pdf.flowables import checkpoint, platypus_module
from offsite.exchange.pdf.input import PdfInput
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.pages import PageDecor
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.sections import (
    alignment,
    appendix,
    beyond_goals,
    buyin,
    cover,
    definitions,
    goals,
    objectives,
    overlaps,
    signoff,
)
from offsite.exchange.pdf.sections.common import has_brainstorm
from offsite.exchange.pdf.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PORTRAIT_LEADERS, Styles


def render(pdf: PdfInput, run: Run) -> tuple[bytes, list[str]]:
    """Lay the input out once; return the PDF's bytes and the text each page drew.

    The pages are kept as they are drawn and written when the story has run out, with "Page N
    of M" added to each footer then (``canvas.canvas_maker``).
    """
    from reportlab.lib.pagesizes import A4, landscape

    view = pdf.view
    run.steps = 0
    layout = Layout(
        pdf,
        Styles(),
        run,
        # A platypus frame keeps 6 points of padding on each side.
        width=A4[0] - 2 * MARGIN_X - 12,
        landscape_width=landscape(A4)[0] - 2 * MARGIN_X - 12,
    )
    story = _story(layout)
    title = fonts.clean(view.details.title).replace("\n", " ")
    subject = (
        translate("PdfDocument", "Plan for {horizon}").format(horizon=view.details.horizon).strip()
        if view.details.horizon
        else translate("PdfDocument", "Offsite plan")
    )
    return build(story, run, PageDecor(view.details.title, run, pdf.seal), title=title, subject=subject)


def build(
    story: list[Any], run: Run, decor: PageDecor, *, title: str, subject: str
) -> tuple[bytes, list[str]]:
    """Lay ``story`` out once on A4 pages decorated by ``decor``; return the PDF's bytes and the
    text each page drew. Any document Offsite prints (the plan, the results report) goes through here.
    """
    from reportlab.lib.pagesizes import A4

    buffer = io.BytesIO()
    document = _document_class()(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Offsite",
        subject=subject,
        creator=f"Offsite {_version()}",
        # No clock, no random: the same plan prints the same bytes (``with_metadata`` sets the date).
        invariant=1,
    )
    made: list[Any] = []
    document.build(
        story,
        onFirstPage=decor.first,
        onLaterPages=decor.later,
        canvasmaker=canvas_maker(decor.footer_end, made),
    )
    texts: list[str] = made[0].page_texts
    run.pages = len(texts)
    return buffer.getvalue(), texts


def _version() -> str:
    import offsite

    return offsite.__version__


_DOCUMENT_CLASS: Any = None


def _document_class() -> Any:
    """SimpleDocTemplate with one more page template, "Landscape", for a wide buy-in matrix."""
    global _DOCUMENT_CLASS
    if _DOCUMENT_CLASS is not None:
        return _DOCUMENT_CLASS
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Frame, PageTemplate, SimpleDocTemplate

    class PlanDocument(SimpleDocTemplate):  # type: ignore[misc]
        def build(self, flowables: list[Any], onFirstPage: Any, onLaterPages: Any, canvasmaker: Any) -> None:
            self._later = onLaterPages
            super().build(
                flowables, onFirstPage=onFirstPage, onLaterPages=onLaterPages, canvasmaker=canvasmaker
            )

        def handle_pageBegin(self) -> None:
            # SimpleDocTemplate turns every page after the first to "Later"; a landscape
            # section stays landscape until the story asks for "Later" again.
            self._handle_pageBegin()
            landscape_now = self.pageTemplate.id == "Landscape"
            self._handle_nextPageTemplate("Landscape" if landscape_now else "Later")

        def addPageTemplates(self, templates: list[Any]) -> None:
            super().addPageTemplates(templates)
            later = getattr(self, "_later", None)
            if later is not None and not any(t.id == "Landscape" for t in self.pageTemplates):
                size = landscape(A4)
                frame = Frame(
                    MARGIN_X,
                    MARGIN_BOTTOM,
                    size[0] - 2 * MARGIN_X,
                    size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                    id="landscape",
                )
                super().addPageTemplates(
                    [PageTemplate(id="Landscape", frames=frame, onPage=later, pagesize=size)]
                )

    _DOCUMENT_CLASS = PlanDocument
    return PlanDocument


def _story(layout: Layout) -> list[Any]:
    platypus = platypus_module()
    story: list[Any] = []
    story += cover.build(layout)
    story.append(checkpoint(layout.run))
    story.append(platypus.PageBreak())
    story += goals.build(layout)
    story.append(checkpoint(layout.run))
    story += objectives.build(layout)
    story += definitions.build(layout)
    story.append(checkpoint(layout.run))
    story += beyond_goals.build(layout)
    story += buyin.build(layout)
    story.append(checkpoint(layout.run))
    after = overlaps.build(layout) + alignment.build(layout) + signoff.build(layout) if layout.full else []
    if after:
        if len(layout.view.leaders) > PORTRAIT_LEADERS:  # back to portrait after a landscape matrix
            story += [platypus.NextPageTemplate("Later"), platypus.PageBreak()]
        story += after
    story.append(checkpoint(layout.run))
    if layout.brainstorm is not None and has_brainstorm(layout.brainstorm):
        story += appendix.build(layout, layout.brainstorm)
    return story

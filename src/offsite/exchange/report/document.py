"""The report laid out: the story of its sections in order on A4 portrait pages, laid out once by the
plan PDF's machinery (``pdf.document.build``), with the plan's header and "Page N of M" footers.

The footer's status line says what the report is and which day it reads the plan as of; no page
carries the plan PDF's "DRAFT": the report is not the plan, signed or not (its cover says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from offsite.domain.language import translate
from offsite.domain.reporting import as_of_in_words
from offsite.exchange import fonts
from offsite.exchange.pdf.document import build
from offsite.exchange.pdf.flowables import checkpoint, platypus_module
from offsite.exchange.pdf.pages import PageDecor
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.styles import MARGIN_X
from offsite.exchange.report.figures import ReportFigures
from offsite.exchange.report.layout import ReportLayout, ReportStyles
from offsite.exchange.report.sections import agreements, cover, objectives, tracking


@dataclass(frozen=True, slots=True)
class ReportFooting:
    """The footer's status line of every page of the report; never a draft's watermark."""

    footer: str
    draft: bool = False


def footer_text(figures: ReportFigures) -> str:
    """ "Results report · Q1 2027 · as of 31 Mar 2027, the end of Q1 2027"."""
    return translate("ReportCover", "Results report · {period} · {as_of}").format(
        period=figures.period.words, as_of=as_of_in_words(figures.period, figures.as_of)
    )


def document_title(figures: ReportFigures) -> str:
    """The PDF's title: the plan's, then which report."""
    title = " ".join(fonts.clean(figures.input.view.details.title).split()) or translate(
        "PdfPages", "Untitled offsite"
    )
    return translate("ReportCover", "{title} — results report, {period}").format(
        title=title, period=figures.period.words
    )


def render(figures: ReportFigures, run: Run) -> tuple[bytes, list[str]]:
    """Lay the report out once; return the PDF's bytes and the text each page drew."""
    from reportlab.lib.pagesizes import A4

    run.steps = 0
    # A platypus frame keeps 6 points of padding on each side.
    layout = ReportLayout(figures, ReportStyles(), run, width=A4[0] - 2 * MARGIN_X - 12)
    story = _story(layout)
    decor = PageDecor(document_title(figures), run, ReportFooting(footer_text(figures)))
    subject = translate("ReportCover", "Results report for {period} ({start} to {end})").format(
        period=figures.period.words, start=figures.period.start, end=figures.period.end
    )
    return build(story, run, decor, title=document_title(figures), subject=subject)


def _story(layout: ReportLayout) -> list[Any]:
    platypus = platypus_module()
    story: list[Any] = []
    story += cover.build(layout)
    story += [checkpoint(layout.run), platypus.PageBreak()]
    story += objectives.build(layout)
    story += agreements.build(layout)
    story.append(checkpoint(layout.run))
    for section in (tracking.sales_and_marketing, tracking.funnel, tracking.alignment, tracking.wins):
        story += section(layout)
        story.append(checkpoint(layout.run))
    return story

"""The plan as a PDF to sign and circulate: cover, company goals, objectives with metrics, buy-in.

Given the Brainstorm exercises (``brainstorm=read_brainstorm(plan)``), an appendix follows on a new
page: each team's ask-why chains as indented trees, the common themes, the team goals worked back
from each company goal with its reverse funnel, the team switch side by side, and the shortlist
(ranked by dots with ``domain.ranking``, SMART results, promotions). Empty parts are left out.

``export_pdf(view, out)`` lays the plan out with reportlab's platypus on A4 portrait (the buy-in
matrix turns to landscape when more than six leaders sit at the table, and splits into several
tables of at most twelve leaders beyond that). The document is laid out once, in memory; each
page is kept until the last one is laid out, so that every footer can say "Page N of M"; then
the bytes go to a temporary file in the destination folder, are flushed to the disk and moved
over ``out`` in one step, so ``out`` is either the whole new PDF or untouched. A table of many
rows (the buy-in matrix of a large plan) is laid out a page of rows at a time
(``long_table``), so the export's work grows with the plan, not with its square.

Every piece of user text passes through :mod:`offsite.exchange.fonts`: it is XML-escaped before
it becomes a ``Paragraph`` (``<b>`` and ``&`` print literally), each character gets the first
bundled font that has it (the fallback rule is described there), Hebrew or Arabic text is
shaped and reordered line by line, and Thai or Devanagari text is shaped with HarfBuzz
(:mod:`offsite.exchange.shaping`). Long text wraps and splits across pages: a word wider than
its column is broken, and table rows may split inside a cell, so no field can make the layout
fail. Two places show a shortened text, marked with "…", because their full text appears
elsewhere in the document: the objective column of the buy-in matrix and its leader headers.

From buy-in to a signed plan (``export_plan_pdf`` reads all of it from the plan file): after the
objectives come the data definitions, then the agreements beyond goals on landscape pages (the
customer journey as a swimlane with its stage table, the hand-offs, the decision rights under the
business model, the incentives with their warnings, the joint practices: ``sections.beyond_goals``),
after the buy-in the overlap review and the alignment index, and last before the appendix the
sign-off. Sections with nothing to show are left out: a plan without agreements prints as before.

Signed or draft, decided from the sign-off record alone:

- **Signed**: the plan is locked at a version (frozen, not re-opened) and every leader of the plan
  has signed it. Every footer says "Version N · fingerprint 3f2a 9c1b 0d4e 77aa" (the short form),
  and the sign-off section lists each leader with title, initials and time, who froze the version
  and when, the override reason if any, and the full fingerprint.
- **Awaiting signatures**: locked at version N, but not every leader has signed. Still a draft:
  the watermark stays, and the footer says "DRAFT — version N awaiting signatures (k of n)"; the
  sign-off section lists who has signed and who has not. No fingerprint is printed in the footers
  (it is in the sign-off section and the metadata, so ``offsite verify`` can say which version).
- **Draft**: not locked. A light diagonal "DRAFT" on every page and "DRAFT — not signed" in every
  footer; no fingerprint anywhere. Earlier versions, if any, are listed with their re-opening.

The PDF's document information carries what ``offsite.exchange.verify`` checks: ``/OffsitePlan``
(the plan's uid), ``/OffsiteStatus`` (draft, awaiting or signed), ``/OffsiteVersion`` and
``/OffsiteFingerprint`` (once frozen), and ``/OffsitePageText``: the SHA-256 of each page's text
(whitespace runs made one space, NFC), space-separated. That text is what the page draws, recorded
while drawing (``/OffsitePageTextRule`` says "drawn"; ``text`` reads it back from a PDF the same
way). PDFs exported before that rule hashed the text pypdf extracted; ``offsite verify`` still
reads them so.

A signed version prints the same bytes whenever, wherever and however often it is exported by
the same Offsite: reportlab runs invariant (no clock, no random), the PDF is dated when the last
leader signed, and its /ID is made from its metadata and page hashes. ``offsite verify`` relies on
it: it prints the version again and compares. A draft is dated when it is exported.

The package: ``input`` (one read of the plan → one frozen ``PdfInput``; ``extras`` what it holds
besides the plan), ``document`` (the story, laid out once as a ``layout.Layout``), ``canvas``
(pages kept until the count is known, their text recorded), ``text`` (a page's drawn text,
recorded or read back), ``styles``, ``rtl`` (user text as flowables, right-to-left included),
``flowables`` and ``long_table`` (tables and other building blocks), ``pages`` (headers,
footers, watermark), ``seal`` (signed or draft, and the metadata ``offsite verify`` reads),
``swimlane`` (the customer journey's diagram), and ``sections/`` with one module per section. Every plan rule the PDF prints (SMART, settled
overlaps, alignment, shortlist, fingerprint) comes from ``offsite.domain``, as on the screen.

reportlab (and pypdf) are imported inside functions only, never when Offsite starts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from offsite.domain.exercises import BrainstormView
from offsite.domain.formatting import format_date, format_date_range, format_number
from offsite.domain.smart import objectives_passing
from offsite.domain.values import PlanView
from offsite.exchange.pdf.document import render
from offsite.exchange.pdf.extras import PdfExtras
from offsite.exchange.pdf.input import PdfInput, read_input
from offsite.exchange.pdf.output import write_pdf
from offsite.exchange.pdf.progress import CANCELLED_MESSAGE, IsCancelled, Progress, Run
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.seal import (
    DRAFT_FOOTER,
    KEY_FINGERPRINT,
    KEY_LANGUAGE,
    KEY_PAGE_TEXT,
    KEY_PLAN,
    KEY_STATUS,
    KEY_TEXT_RULE,
    KEY_VERSION,
    STATUS_AWAITING,
    STATUS_DRAFT,
    STATUS_SIGNED,
    page_text_hash,
    page_texts,
    signed_footer,
    with_metadata,
)
from offsite.exchange.pdf.wording import all_of, count_words, format_moment, grouped_fingerprint
from offsite.store.planfile import PlanFile

__all__ = [
    "CANCELLED_MESSAGE",
    "DRAFT_FOOTER",
    "KEY_FINGERPRINT",
    "KEY_LANGUAGE",
    "KEY_PAGE_TEXT",
    "KEY_PLAN",
    "KEY_STATUS",
    "KEY_TEXT_RULE",
    "KEY_VERSION",
    "STATUS_AWAITING",
    "STATUS_DRAFT",
    "STATUS_SIGNED",
    "IsCancelled",
    "PdfExtras",
    "PdfInput",
    "Progress",
    "all_of",
    "count_words",
    "export_pdf",
    "export_plan_pdf",
    "format_date",
    "format_date_range",
    "format_moment",
    "format_number",
    "grouped_fingerprint",
    "page_text_hash",
    "page_texts",
    "para",
    "read_input",
    "signed_footer",
    "smart_passed",
]

log = logging.getLogger(__name__)


def smart_passed(brainstorm: BrainstormView) -> dict[int, bool]:
    """Objective id → True when a candidate it was promoted from is marked yes on all five SMART
    questions (``offsite.domain.smart.objectives_passing``, the Review screen's rule too)."""
    return objectives_passing(brainstorm.candidates)


def export_plan_pdf(
    plan: PlanFile,
    out: Path | str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Path:
    """Read everything the PDF shows from ``plan`` (on the caller's thread) and write it to ``out``.

    The one call the GUI's export job and ``offsite export`` make; see ``export_pdf`` for what it
    raises and guarantees.
    """
    return _export(read_input(plan), out, progress, is_cancelled)


def export_pdf(
    view: PlanView,
    out: Path | str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    brainstorm: BrainstormView | None = None,
    extras: PdfExtras | None = None,
) -> Path:
    """Write the plan as a PDF at ``out`` and return that path.

    With ``brainstorm`` holding anything (why-chains, work-back goals, a funnel with inputs, team
    switches or candidates), an "Appendix: Brainstorm" follows the plan on a new page. ``extras``
    adds the definitions, overlap review, alignment index and sign-off (see ``PdfExtras``); without
    it the PDF is a draft with no such sections.

    ``progress(done, total)`` is called as the document is laid out and written, ``done``
    rising to ``total``; ``is_cancelled()`` is polled after each section and on each page.

    Raises CancelledError when ``is_cancelled()`` turns true (nothing is written), DiskFullError
    when the disk fills up, and ExportError when ``out`` cannot be written (a folder, a missing
    or read-only folder) or the bundled fonts are missing. On any failure a file already at
    ``out`` stays exactly as it was, and no temporary file is left behind.
    """
    return _export(PdfInput.of(view, brainstorm, extras), out, progress, is_cancelled)


def _export(
    pdf: PdfInput, out: Path | str, progress: Progress | None, is_cancelled: IsCancelled | None
) -> Path:
    run = Run(progress, is_cancelled)

    def produce() -> bytes:
        data, texts = render(pdf, run)
        run.check()
        return with_metadata(data, pdf.seal, texts)

    out = write_pdf(out, run, produce)
    log.info("Exported the plan to %s (%d pages, %d bytes)", out, run.pages, out.stat().st_size)
    return out

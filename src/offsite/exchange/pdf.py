"""The plan as a PDF to sign and circulate: cover, company goals, objectives with metrics, buy-in.

Given the Brainstorm exercises (``brainstorm=read_brainstorm(plan)``), an appendix follows on a new
page: each team's ask-why chains as indented trees, the common themes, the team goals worked back
from each company goal with its reverse funnel, the team switch side by side, and the shortlist
(ranked by dots with ``domain.ranking``, SMART results, promotions). Empty parts are left out.

``export_pdf(view, out)`` lays the plan out with reportlab's platypus on A4 portrait (the buy-in
matrix turns to landscape when more than six leaders sit at the table, and splits into several
tables of at most twelve leaders beyond that). The document is built twice in memory, the first
time only to count its pages so that every footer can say "Page N of M"; then the bytes go to a
temporary file in the destination folder, are flushed to the disk and moved over ``out`` in one
step, so ``out`` is either the whole new PDF or untouched.

Every piece of user text passes through :mod:`offsite.exchange.fonts`: it is XML-escaped before
it becomes a ``Paragraph`` (``<b>`` and ``&`` print literally), each character gets the first
bundled font that has it (the fallback rule is described there), Hebrew or Arabic text is
shaped and reordered line by line, and Thai or Devanagari text is shaped with HarfBuzz
(:mod:`offsite.exchange.shaping`). Long text wraps and splits across pages: a word wider than
its column is broken, and table rows may split inside a cell, so no field can make the layout
fail. Two places show a shortened text, marked with "…", because their full text appears
elsewhere in the document: the objective column of the buy-in matrix and its leader headers.

From buy-in to a signed plan (``export_plan_pdf`` reads all of it from the plan file): after the
objectives come the data definitions, after the buy-in the overlap review and the alignment index,
and last before the appendix the sign-off. Sections with nothing to show are left out.

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
as pypdf extracts it from the finished PDF (whitespace runs made one space, NFC), space-separated.

A signed version prints the same bytes whenever, wherever and however often it is exported by
the same Offsite: reportlab runs invariant (no clock, no random), the PDF is dated when the last
leader signed, and its /ID is made from its metadata and page hashes. ``offsite verify`` relies on
it: it prints the version again and compares. A draft is dated when it is exported.

reportlab (and pypdf) are imported inside this module's functions only, never when Offsite starts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from offsite.domain import ranking
from offsite.domain.alignment import AlignmentIndex, GapLevel, plan_alignment, whole_points
from offsite.domain.buyin import current_stances, is_bought_in, leaders_concerned, stance_of
from offsite.domain.errors import CancelledError, ExportError
from offsite.domain.exercises import (
    BrainstormView,
    CandidateView,
    FunnelView,
    SwitchItemKind,
    SwitchItemView,
    SwitchSide,
    TeamSwitchView,
)
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.formatting import format_date, format_date_range, format_number, format_short_date
from offsite.domain.funnel import FIELD_LABELS, RATE_FIELDS, ROUNDING_RULE, STAGE_LABELS, STAGES, FunnelInputs
from offsite.domain.overlap import OverlapRule
from offsite.domain.overlap_review import (
    OverlapReview,
    earlier_text,
    group_text,
    review_overlaps,
    to_settle_text,
)
from offsite.domain.signoff import (
    DefinitionView,
    ResolutionView,
    SignoffView,
    SurveyView,
    VersionView,
)
from offsite.domain.smart import CRITERION_LABELS
from offsite.domain.themes import MATCH_RULE_TEXT, match_items
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    LeaderView,
    MetricView,
    ObjectiveView,
    PlanView,
    Stance,
    StanceEvent,
)
from offsite.exchange import fonts, shaping
from offsite.store.files import write_whole
from offsite.store.planfile import PlanFile

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

CANCELLED_MESSAGE = "Export cancelled; nothing was written."

# Colours (hex) and measures (points) of the house layout.
_INK = "#1D2433"
_NAVY = "#1F3A5F"
_ACCENT = "#2A6F97"
_MUTED = "#5B6475"
_FAINT = "#8A93A3"
_RULE = "#D5DAE1"
_HEAD_FILL = "#EEF2F6"
_TINT = "#F6F8FA"
_MM = 72 / 25.4
_MARGIN_X = 20 * _MM
_MARGIN_TOP = 22 * _MM
_MARGIN_BOTTOM = 20 * _MM
_INDENT = 11 * _MM  # what sits under an objective lines up after its number

_STANCE_COLOURS: dict[Stance, tuple[str, str]] = {  # (fill, text)
    Stance.AGREED: ("#DDF0E4", "#1E6B3A"),
    Stance.DISCUSSING: ("#FFF3D1", "#7A5600"),
    Stance.CHANGES_REQUESTED: ("#FDE6D2", "#8F4300"),
    Stance.DECLINED: ("#F8DADA", "#9B2323"),
    Stance.PENDING: ("#F1F3F6", "#5B6475"),
}

_PORTRAIT_LEADERS = 6
_LANDSCAPE_LEADERS = 12
_MATRIX_STATEMENT_CHARS = 160
_HEADER_CHARS = 32


#: What ``/OffsiteStatus`` says, and what ``offsite verify`` reads.
STATUS_DRAFT, STATUS_AWAITING, STATUS_SIGNED = "draft", "awaiting", "signed"
#: The document information keys the export writes for ``offsite verify``.
KEY_PLAN, KEY_STATUS, KEY_VERSION, KEY_FINGERPRINT, KEY_PAGE_TEXT = (
    "/OffsitePlan",
    "/OffsiteStatus",
    "/OffsiteVersion",
    "/OffsiteFingerprint",
    "/OffsitePageText",
)
DRAFT_FOOTER = "DRAFT — not signed"


@dataclass(frozen=True, slots=True)
class PdfExtras:
    """What the PDF shows besides the plan itself; every part is optional (an empty part is left out).

    ``smart_passed`` maps objective ids to whether the candidate each was promoted from passed all
    five SMART questions; ``export_plan_pdf`` derives it from the brainstorm.
    """

    plan_uid: str = ""
    signoff: SignoffView | None = None
    definitions: tuple[DefinitionView, ...] = ()
    resolutions: tuple[ResolutionView, ...] = ()
    survey: SurveyView | None = None
    smart_passed: Mapping[int, bool] = field(default_factory=dict)
    #: For a leader's draft, whose draft it is (“Maya Okafor’s draft of “…””): every footer says so.
    drafted_by: str = ""


def page_text_hash(text: str) -> str:
    """The SHA-256 of one page's extracted text, with whitespace runs made one space, in NFC."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def smart_passed(brainstorm: BrainstormView) -> dict[int, bool]:
    """Objective id → True when the candidate it was promoted from is marked yes on all five SMART questions.

    An objective not promoted from a candidate is missing here, and so counts as not passing.
    """
    passed: dict[int, bool] = {}
    for candidate in brainstorm.candidates:
        if candidate.objective_id is not None:
            ok = bool(candidate.smart) and all(m.value is True for m in candidate.smart)
            passed[candidate.objective_id] = passed.get(candidate.objective_id, False) or ok
    return passed


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
    from sqlalchemy import select

    from offsite.services.brainstorm import read_brainstorm
    from offsite.services.definitions import read_definitions
    from offsite.services.draft_marking import read_draft_info
    from offsite.services.overlaps import read_resolutions
    from offsite.services.plans import read_plan
    from offsite.services.signoff import read_signoff
    from offsite.services.survey import read_ratings
    from offsite.store.models import Plan

    view = read_plan(plan)
    brainstorm = read_brainstorm(plan)
    with plan.read() as session:
        plan_uid = session.scalar(select(Plan.uid).order_by(Plan.id).limit(1)) or ""
    extras = PdfExtras(
        plan_uid=plan_uid,
        signoff=read_signoff(plan),
        definitions=read_definitions(plan),
        resolutions=read_resolutions(plan),
        survey=read_ratings(plan),
        smart_passed=smart_passed(brainstorm),
        drafted_by=draft.label if (draft := read_draft_info(plan)) is not None else "",
    )
    return export_pdf(
        view, out, progress=progress, is_cancelled=is_cancelled, brainstorm=brainstorm, extras=extras
    )


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
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"“{out}” is a folder; choose a file name for the PDF, such as “plan.pdf”.")
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(
            f"The folder “{folder}” does not exist or is not a folder; choose another place for the PDF."
        )
    run = _Run(progress, is_cancelled)
    run.check()
    try:
        fonts.font_chain()
    except (OSError, ValueError) as error:
        raise ExportError(
            f"The fonts the PDF needs could not be loaded ({error}); reinstall Offsite."
        ) from error
    try:
        data = _render(view, run, brainstorm, extras)
        run.check()
        data = _with_metadata(data, _Seal.of(extras or PdfExtras()))
    except CancelledError:
        raise CancelledError(CANCELLED_MESSAGE) from None
    run.check()
    write_whole(out, data)
    run.finish()
    log.info("Exported the plan to %s (%d pages, %d bytes)", out, run.pages, len(data))
    return out


@dataclass(frozen=True, slots=True)
class _Seal:
    """Whether the PDF is signed, and what its footers and metadata say about it."""

    status: str
    plan_uid: str
    version: VersionView | None
    signed: int = 0
    required: int = 0
    drafted_by: str = ""

    @classmethod
    def of(cls, extras: PdfExtras) -> _Seal:
        signoff = extras.signoff
        current = signoff.current if signoff is not None else None
        if signoff is None or current is None:
            return cls(STATUS_DRAFT, extras.plan_uid, None, drafted_by=extras.drafted_by)
        signed = len(current.signatures)
        required = signed + len(signoff.unsigned_leader_ids)
        status = STATUS_SIGNED if signoff.signed_by_all else STATUS_AWAITING
        return cls(status, extras.plan_uid, current, signed, required)

    @property
    def draft(self) -> bool:
        return self.status != STATUS_SIGNED

    @property
    def footer(self) -> str:
        if self.drafted_by:
            return f"DRAFT — {self.drafted_by}, not the plan"
        if self.version is None:
            return DRAFT_FOOTER
        if self.status == STATUS_AWAITING:
            return (
                f"DRAFT — version {self.version.number} awaiting signatures "
                f"({self.signed} of {self.required})"
            )
        return f"Version {self.version.number} · fingerprint {short_fingerprint(self.version.fingerprint)}"

    @property
    def moment(self) -> dt.datetime | None:
        """When a signed version was signed by all (its last signature): the signed PDF's date; None for a draft."""
        if self.version is None or self.status != STATUS_SIGNED or not self.version.signatures:
            return None
        return max(s.signed_at for s in self.version.signatures)

    def metadata(self) -> dict[str, str]:
        info = {KEY_PLAN: self.plan_uid, KEY_STATUS: self.status}
        if self.version is not None:
            info[KEY_VERSION] = str(self.version.number)
            info[KEY_FINGERPRINT] = self.version.fingerprint
        return info


def _with_metadata(data: bytes, seal: _Seal) -> bytes:
    """``data`` with the sign-off metadata and the hash of each page's text in its document information."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(io.BytesIO(data))
    hashes = [page_text_hash(page.extract_text()) for page in reader.pages]
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({**seal.metadata(), KEY_PAGE_TEXT: " ".join(hashes)})
    if seal.version is not None and seal.status == STATUS_SIGNED:
        writer.add_metadata({"/Keywords": f"Offsite signed plan; fingerprint {seal.version.fingerprint}"})
    # A signed version prints byte for byte the same PDF whenever it is exported (``offsite verify``
    # prints it again and compares): dated when it was signed, its /ID made from what it shows.
    # A draft is dated when it is exported, which tells two drafts apart.
    moment = seal.moment or dt.datetime.now(dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    date = f"D:{moment:%Y%m%d%H%M%S}+00'00'"
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    identity = hashlib.sha256(
        "\n".join([*(f"{k}={v}" for k, v in sorted(seal.metadata().items())), *hashes]).encode()
    ).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(identity), ByteStringObject(identity)])  # pypdf has no setter
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- running an export: progress, cancellation, writing ---------------------------------------------


@dataclass
class _Run:
    """Progress and cancellation of one export; steps are the story's checkpoints, laid out twice."""

    progress: Progress | None
    is_cancelled: IsCancelled | None
    steps: int = 0
    done: int = 0
    pages: int = 0

    @property
    def total(self) -> int:
        return 2 * self.steps + 1

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise CancelledError(CANCELLED_MESSAGE)

    def step(self) -> None:
        self.check()
        self.done = min(self.done + 1, self.total - 1)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.done, self.total)


# --- formatting -------------------------------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- flowables --------------------------------------------------------------------------------------


def _platypus() -> Any:
    import reportlab.platypus as platypus

    return platypus


class _Styles:
    """The paragraph styles of the document, made once per export."""

    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        regular, bold = fonts.REGULAR, fonts.BOLD

        def style(name: str, **kw: Any) -> Any:
            kw.setdefault("fontName", regular)
            kw.setdefault("textColor", _INK)
            return ParagraphStyle(name, **kw)

        self.body = style("body", fontSize=9.5, leading=14, spaceAfter=5)
        self.kicker = style("kicker", fontName=bold, fontSize=9, leading=12, textColor=_ACCENT)
        self.title = style("title", fontName=bold, fontSize=26, leading=32, textColor=_NAVY, spaceAfter=8)
        self.subtitle = style("subtitle", fontSize=12, leading=17, textColor=_MUTED)
        self.vision = style("vision", fontSize=12.5, leading=19, textColor=_INK)
        self.h1 = style("h1", fontName=bold, fontSize=17, leading=22, textColor=_NAVY, spaceAfter=4)
        self.h2 = style(
            "h2", fontName=bold, fontSize=12.5, leading=16, textColor=_ACCENT, spaceBefore=6, spaceAfter=2
        )
        self.objective = style("objective", fontName=bold, fontSize=11.5, leading=15, textColor=_INK)
        self.number = style("number", fontName=bold, fontSize=11.5, leading=15, textColor=_ACCENT)
        self.label = style("label", fontName=bold, fontSize=7.5, leading=10, textColor=_MUTED)
        self.note = style("note", fontSize=8.5, leading=12, textColor=_MUTED)
        self.body_indented = style("body_indented", parent=self.body, leftIndent=_INDENT)
        self.note_indented = style("note_indented", parent=self.note, leftIndent=_INDENT)
        self.label_indented = style("label_indented", parent=self.label, leftIndent=_INDENT, spaceAfter=1)
        self.flag = style("flag", fontName=bold, fontSize=6.5, leading=9, textColor=_ACCENT)
        self.cell = style("cell", fontSize=8, leading=10.5)
        self.cell_bold = style("cell_bold", fontName=bold, fontSize=8, leading=10.5)
        self.cell_muted = style("cell_muted", fontSize=7.5, leading=10, textColor=_MUTED)
        self.cell_right = style("cell_right", fontSize=8, leading=10.5, alignment=TA_RIGHT)
        self.cell_center = style("cell_center", fontSize=8, leading=10.5, alignment=TA_CENTER)
        self.head = style("head", fontName=bold, fontSize=7.5, leading=9.5, textColor=_MUTED)
        self.head_right = style("head_right", parent=self.head, alignment=TA_RIGHT)
        self.head_center = style("head_center", parent=self.head, alignment=TA_CENTER)
        self.stat = style("stat", fontName=bold, fontSize=18, leading=22, textColor=_NAVY)
        self.stance = style("stance", fontSize=7, leading=8.5, alignment=TA_CENTER)
        self.rotated = style("rotated", fontName=bold, fontSize=7.5, leading=9)
        # The appendix: a third heading level, tree statements and the small tags beside them.
        self.h3 = style(
            "h3", fontName=bold, fontSize=10.5, leading=14, textColor=_NAVY, spaceBefore=8, spaceAfter=4
        )
        self.tree = style("tree", fontSize=9, leading=12.5)
        self.tree_root = style("tree_root", fontName=bold, fontSize=9.5, leading=13)
        self.marker = style("marker", fontSize=9, leading=12.5, textColor=_FAINT, alignment=TA_RIGHT)
        self.marker_small = style("marker_small", parent=self.marker, fontSize=8, leading=10.5)
        self.tag = style("tag", fontName=bold, fontSize=7, leading=9.5, textColor=_ACCENT)
        self.cell_total = style("cell_total", fontName=bold, fontSize=8, leading=10.5, alignment=TA_RIGHT)


def para(text: str, style: Any, *, colour: str | None = None) -> Any:
    """A flowable for user text in ``style``: escaped, font fallback applied, right-to-left handled."""
    text = fonts.clean(text)
    bold = style.fontName == fonts.BOLD
    if colour is not None:
        from reportlab.lib.styles import ParagraphStyle

        style = ParagraphStyle(f"{style.name}-{colour}", parent=style, textColor=colour)
    style = fonts.paragraph_style(style, text)
    if fonts.has_rtl(text):
        return _rtl_paragraph_class()(text, style, bold)
    return _platypus().Paragraph(fonts.markup(text, bold), style)


_RTL_CLASS: Any = None


def _rtl_paragraph_class() -> Any:
    """The flowable for text holding Hebrew or Arabic (defined on first use: it subclasses reportlab)."""
    global _RTL_CLASS
    if _RTL_CLASS is not None:
        return _RTL_CLASS
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph

    class RtlParagraph(Flowable):  # type: ignore[misc]
        """Breaks its text into lines for the width it gets, then reorders each line for display."""

        def __init__(self, text: str, style: Any, bold: bool) -> None:
            super().__init__()
            self.text, self.style, self.bold = text, style, bold
            self._inner: Any = None
            self._inner_width = -1.0

        def _layout(self, width: float) -> Any:
            if self._inner is None or abs(self._inner_width - width) > 0.01:
                # A little slack so that reportlab's own wrapping never breaks a line again.
                text_width = width - self.style.leftIndent - self.style.rightIndent - 2
                lines = fonts.visual_lines(self.text, max(text_width, 1), self.style.fontSize, self.bold)
                # A right-to-left paragraph of several lines is set flush right, as its readers
                # expect; a single line (a name, a short cell) keeps its column's alignment.
                alignment = self.style.alignment
                if len(lines) > 1 and alignment == TA_LEFT and fonts.base_is_rtl(self.text):
                    alignment = TA_RIGHT
                style = ParagraphStyle(f"{self.style.name}-rtl", parent=self.style, alignment=alignment)
                self._inner = Paragraph("<br/>".join(fonts.markup(line, self.bold) for line in lines), style)
                self._inner_width = width
            return self._inner

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            inner = self._layout(available_width)
            self.width, self.height = inner.wrap(available_width, available_height)
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            return list(self._layout(available_width).split(available_width, available_height))

        def draw(self) -> None:
            self._inner.drawOn(self.canv, 0, 0)

        def getSpaceBefore(self) -> float:
            return float(self.style.spaceBefore)

        def getSpaceAfter(self) -> float:
            return float(self.style.spaceAfter)

    _RTL_CLASS = RtlParagraph
    return RtlParagraph


def _rotated(content: Any, length: float) -> Any:
    """``content`` turned a quarter left, reading bottom to top within ``length`` points."""
    from reportlab.platypus import Flowable

    class Rotated(Flowable):  # type: ignore[misc]
        """Shrinks its content when the lines would be wider than the column, so nothing overflows."""

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            _, self._content_height = content.wrap(length, 10_000)
            self._scale = min(1.0, available_width / self._content_height) if self._content_height else 1.0
            return self._content_height * self._scale, length

        def draw(self) -> None:
            self.canv.saveState()
            self.canv.rotate(90)
            self.canv.scale(self._scale, self._scale)
            content.drawOn(self.canv, 0, -self._content_height)
            self.canv.restoreState()

    return Rotated()


def _checkpoint(run: _Run) -> Any:
    """A flowable of no size that reports progress (and polls for cancel) when it is placed."""
    from reportlab.platypus import Flowable

    class Checkpoint(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            run.step()

    run.steps += 1
    return Checkpoint()


def _table(rows: list[list[Any]], widths: Sequence[float], commands: list[tuple[Any, ...]], **kw: Any) -> Any:
    from reportlab.platypus import Table, TableStyle

    base: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    kw.setdefault("splitInRow", 1)
    return Table(rows, colWidths=list(widths), style=TableStyle(base + commands), **kw)


def _grid_commands(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), _HEAD_FILL),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, _FAINT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, _RULE),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
    ]


# --- the document -----------------------------------------------------------------------------------


@dataclass
class _Layout:
    """What the story builder needs besides the plan."""

    view: PlanView
    styles: _Styles
    run: _Run
    width: float
    landscape_width: float
    stances: dict[tuple[int, int], StanceEvent] = field(default_factory=dict)
    numbers: dict[int, str] = field(default_factory=dict)
    brainstorm: BrainstormView | None = None
    extras: PdfExtras = field(default_factory=PdfExtras)
    #: False when the caller gave no ``PdfExtras``: the PDF then ends with the buy-in, as before.
    full: bool = True
    seal: _Seal = field(default_factory=lambda: _Seal(STATUS_DRAFT, "", None))
    sections: int = 0

    def next_section(self) -> int:
        self.sections += 1
        return self.sections


def _render(
    view: PlanView, run: _Run, brainstorm: BrainstormView | None = None, extras: PdfExtras | None = None
) -> bytes:
    """Lay the plan out twice (the first pass counts the pages) and return the PDF's bytes."""
    from reportlab.lib.pagesizes import A4, landscape

    full = extras is not None
    extras = extras or PdfExtras()
    seal = _Seal.of(extras)
    pages = 0
    data = b""
    for final in (False, True):
        run.steps = 0
        styles = _Styles()
        layout = _Layout(
            view,
            styles,
            run,
            # A platypus frame keeps 6 points of padding on each side.
            width=A4[0] - 2 * _MARGIN_X - 12,
            landscape_width=landscape(A4)[0] - 2 * _MARGIN_X - 12,
            stances=current_stances(view.stances),
            brainstorm=brainstorm,
            extras=extras,
            full=full,
            seal=seal,
        )
        story = _story(layout)
        buffer = io.BytesIO()
        document = _document_class()(
            buffer,
            pagesize=A4,
            leftMargin=_MARGIN_X,
            rightMargin=_MARGIN_X,
            topMargin=_MARGIN_TOP,
            bottomMargin=_MARGIN_BOTTOM,
            title=fonts.clean(view.details.title).replace("\n", " "),
            author="Offsite",
            subject=f"Plan for {view.details.horizon}".strip() if view.details.horizon else "Offsite plan",
            creator=f"Offsite {_version()}",
            # No clock, no random: the same plan prints the same bytes (``_with_metadata`` sets the date).
            invariant=1,
        )
        page_decor = _PageDecor(view.details.title, pages if final else 0, run, seal)
        document.build(story, onFirstPage=page_decor.first, onLaterPages=page_decor.later)
        pages = page_decor.pages
        data = buffer.getvalue()
    run.pages = pages
    return data


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
        def build(self, flowables: list[Any], onFirstPage: Any, onLaterPages: Any) -> None:
            self._later = onLaterPages
            super().build(flowables, onFirstPage=onFirstPage, onLaterPages=onLaterPages)

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
                    _MARGIN_X,
                    _MARGIN_BOTTOM,
                    size[0] - 2 * _MARGIN_X,
                    size[1] - _MARGIN_TOP - _MARGIN_BOTTOM,
                    id="landscape",
                )
                super().addPageTemplates(
                    [PageTemplate(id="Landscape", frames=frame, onPage=later, pagesize=size)]
                )

    _DOCUMENT_CLASS = PlanDocument
    return PlanDocument


class _PageDecor:
    """Page callbacks: a rule and the plan's title in the header, "Page N of M" in the footer."""

    def __init__(self, title: str, total: int, run: _Run, seal: _Seal | None = None) -> None:
        self.title = " ".join(fonts.clean(title).split()) or "Untitled offsite"
        self.total = total
        self.run = run
        self.pages = 0
        self.seal = seal or _Seal(STATUS_DRAFT, "", None)

    def first(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, first=True)

    def later(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, first=False)

    def _page(self, canvas: Any, document: Any, *, first: bool) -> None:
        self.run.check()
        self.pages = max(self.pages, canvas.getPageNumber())
        page_width, page_height = canvas._pagesize
        left, right = _MARGIN_X, page_width - _MARGIN_X
        canvas.saveState()
        if self.seal.draft:
            _watermark(canvas, page_width, page_height)
        if first:
            canvas.setFillColor(_NAVY)
            canvas.rect(0, page_height - 8 * _MM, page_width, 8 * _MM, stroke=0, fill=1)
        else:
            y = page_height - _MARGIN_TOP + 9
            _draw_line(canvas, self.title, left, y, right - left, 7.5, _FAINT)
            canvas.setStrokeColor(_RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, y - 4, right, y - 4)
        footer_y = _MARGIN_BOTTOM - 24
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, footer_y + 11, right, footer_y + 11)
        number = canvas.getPageNumber()
        label = f"Page {number} of {self.total}" if self.total else f"Page {number}"
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(_MUTED)
        canvas.drawRightString(right, footer_y, label)
        label_width = canvas.stringWidth(label, fonts.REGULAR, 7.5)
        _draw_line(canvas, self.title, left, footer_y, right - left - label_width - 24, 7.5, _MUTED)
        status = self.seal.footer
        canvas.setFont(fonts.BOLD, 7)
        canvas.setFillColor(_DRAFT_INK if self.seal.draft else _NAVY)
        canvas.drawString(left, footer_y - 10, status)
        canvas.restoreState()


_DRAFT_INK = "#A23B3B"
_WATERMARK = "#EEF0F4"


def _watermark(canvas: Any, width: float, height: float) -> None:
    """A light "DRAFT" across the page, under the content."""
    canvas.saveState()
    canvas.setFillColor(_WATERMARK)
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


def _story(layout: _Layout) -> list[Any]:
    platypus = _platypus()
    story: list[Any] = []
    story += _cover(layout)
    story.append(_checkpoint(layout.run))
    story.append(platypus.PageBreak())
    story += _goals(layout)
    story.append(_checkpoint(layout.run))
    story += _objectives(layout)
    story += _definitions(layout)
    story.append(_checkpoint(layout.run))
    story += _buyin(layout)
    story.append(_checkpoint(layout.run))
    after = _overlap_review(layout) + _alignment(layout) + _signoff(layout) if layout.full else []
    if after:
        if len(layout.view.leaders) > _PORTRAIT_LEADERS:  # back to portrait after a landscape matrix
            story += [platypus.NextPageTemplate("Later"), platypus.PageBreak()]
        story += after
    story.append(_checkpoint(layout.run))
    if layout.brainstorm is not None and _has_brainstorm(layout.brainstorm):
        story += _appendix(layout, layout.brainstorm)
    return story


def _cover(layout: _Layout) -> list[Any]:
    platypus, s, view = _platypus(), layout.styles, layout.view
    details = view.details
    story: list[Any] = [
        platypus.Spacer(1, 18 * _MM),
        para(
            layout.seal.drafted_by.upper() if layout.seal.drafted_by else "LEADERSHIP OFFSITE PLAN", s.kicker
        ),
        platypus.Spacer(1, 6),
    ]
    story.append(para(details.title or "Untitled offsite", s.title))
    facts = [format_date_range(details.starts_on, details.ends_on), details.venue]
    for fact in facts:
        if fact.strip():
            story.append(para(fact, s.subtitle))
    story.append(platypus.Spacer(1, 14 * _MM))

    rows: list[list[Any]] = []
    if details.horizon.strip():
        rows.append([para("HORIZON", s.label), para(details.horizon, s.body)])
    if details.vision.strip():
        rows.append([para("VISION", s.label), para(details.vision, s.vision)])
    if rows:
        story.append(
            _table(
                rows,
                [28 * _MM, layout.width - 28 * _MM],
                [
                    ("LINEBEFORE", (1, 0), (1, -1), 2, _ACCENT),
                    ("LEFTPADDING", (1, 0), (1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (0, -1), 8),
                ],
            )
        )
        story.append(platypus.Spacer(1, 12 * _MM))

    bought = sum(is_bought_in(o, view.leaders, layout.stances) for o in view.objectives)
    stats = [
        (str(len(view.goals)), "company goals" if len(view.goals) != 1 else "company goal"),
        (str(len(view.objectives)), "objectives" if len(view.objectives) != 1 else "objective"),
        (str(sum(len(o.metrics) for o in view.objectives)), "metrics"),
        (f"{bought} of {len(view.objectives)}", "objectives bought in"),
    ]
    quarter = layout.width / 4
    story.append(
        _table(
            [[para(value, s.stat) for value, _ in stats], [para(label, s.note) for _, label in stats]],
            [quarter] * 4,
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, _RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, _RULE),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ],
        )
    )
    if view.leaders:
        story += [platypus.Spacer(1, 10 * _MM), para("AT THE TABLE", s.label), platypus.Spacer(1, 4)]
        rows = [
            [
                para(leader.name, s.cell_bold),
                para(leader.title, s.cell),
                para(_team_name(layout, leader.team_id), s.cell_muted),
            ]
            for leader in view.leaders
        ]
        story.append(
            _table(
                rows,
                [layout.width * 0.32, layout.width * 0.42, layout.width * 0.26],
                [("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE), ("LEFTPADDING", (0, 0), (0, -1), 0)],
            )
        )
    return story


def _team_name(layout: _Layout, team_id: int | None) -> str:
    team = layout.view.team(team_id) if team_id is not None else None
    return team.name if team else "No team"


def _section_heading(layout: _Layout, number: int | str, title: str, width: float | None = None) -> Any:
    s = layout.styles
    width = layout.width if width is None else width
    heading = _table(
        [[para(str(number), s.h1, colour=_ACCENT), para(title, s.h1)]],
        [_INDENT, width - _INDENT],
        [
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, _NAVY),
        ],
        spaceAfter=8,
    )
    heading.keepWithNext = True
    return heading


def _goals(layout: _Layout) -> list[Any]:
    platypus, s, view = _platypus(), layout.styles, layout.view
    story: list[Any] = [_section_heading(layout, layout.next_section(), "Company goals")]
    if not view.goals:
        return [*story, para("No company goals have been set yet.", s.note), platypus.Spacer(1, 10 * _MM)]
    widths = [9 * _MM, layout.width - 9 * _MM - 62 * _MM - 32 * _MM, 62 * _MM, 32 * _MM]
    rows: list[list[Any]] = [
        [para("", s.head), para("Goal", s.head), para("Baseline → target", s.head), para("Due", s.head)]
    ]
    for index, goal in enumerate(view.goals, start=1):
        rows.append(
            [
                para(f"G{index}", s.cell_bold, colour=_ACCENT),
                para(goal.statement, s.cell_bold),
                para(_goal_range(goal), s.cell),
                para(format_date(goal.due) or "—", s.cell),
            ]
        )
    story.append(_table(rows, widths, _grid_commands(), repeatRows=1))
    story.append(platypus.Spacer(1, 10 * _MM))
    return story


def _goal_range(goal: CompanyGoalView) -> str:
    baseline, target = format_number(goal.baseline), format_number(goal.target)
    if baseline and target:
        return f"{baseline} → {target} {goal.unit}".strip()
    if target:
        return f"Target {target} {goal.unit}".strip()
    if baseline:
        return f"Baseline {baseline} {goal.unit}".strip()
    return "—"


@dataclass(frozen=True, slots=True)
class _Group:
    heading: str
    objectives: list[ObjectiveView]
    shared: bool = False
    team_id: int | None = None


def _objective_groups(view: PlanView) -> list[_Group]:
    """The objectives in document order: each team's own, then the shared ones, then any without a team."""
    known = {t.id for t in view.teams}

    def owners(objective: ObjectiveView) -> list[int]:
        return [i for i in objective.team_ids if i in known]

    groups = [
        _Group(team.name, [o for o in view.objectives if owners(o) == [team.id]], team_id=team.id)
        for team in view.teams
    ]
    shared = [o for o in view.objectives if len(owners(o)) > 1]
    if shared:
        groups.append(_Group("Shared objectives", shared, shared=True))
    unowned = [o for o in view.objectives if not owners(o)]
    if unowned:
        groups.append(_Group("Objectives without a team", unowned))
    return groups


def _objectives(layout: _Layout) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    story: list[Any] = [_section_heading(layout, layout.next_section(), "Objectives, methods and metrics")]
    groups = _objective_groups(layout.view)
    order = [o for group in groups for o in group.objectives]
    layout.numbers = {o.id: f"O{i}" for i, o in enumerate(order, start=1)}
    if not order:
        story.append(para("No objectives have been written yet.", s.note))
    for group in groups:
        title = para(group.heading, s.h2)
        title.keepWithNext = True
        story.append(title)
        if group.shared:
            intro = para(
                "Objectives owned by more than one team; every owning team’s leaders must agree.", s.note
            )
            intro.keepWithNext = True
            story.append(intro)
        if not group.objectives:
            story.append(para(_no_objectives_note(layout.view, group.team_id), s.note))
        for objective in group.objectives:
            story += _objective(layout, objective, group.shared)
            story.append(_checkpoint(layout.run))
        story.append(platypus.Spacer(1, 4 * _MM))
    return story


def _no_objectives_note(view: PlanView, team_id: int | None) -> str:
    if any(len(o.team_ids) > 1 and team_id in o.team_ids for o in view.objectives):
        return "No objectives of this team’s own; it shares the objectives below."
    return "No objectives for this team yet."


def _objective(layout: _Layout, objective: ObjectiveView, shared: bool) -> list[Any]:
    platypus, s, view = _platypus(), layout.styles, layout.view
    width = layout.width
    heading = _table(
        [
            [
                para(layout.numbers[objective.id], s.number),
                para(objective.statement or "Untitled objective", s.objective),
            ]
        ],
        [_INDENT, width - _INDENT],
        [("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 8)],
    )
    heading.keepWithNext = True

    goal_cells: list[Any] = []
    for goal_id in objective.goal_ids:
        index = next((i for i, g in enumerate(view.goals, start=1) if g.id == goal_id), None)
        goal = view.goals[index - 1] if index else None
        if goal is not None:
            goal_cells.append(para(f"G{index}  {goal.statement}", s.cell))
    facts: list[list[Any]] = [
        [para("PERIOD", s.label), para(objective.period.strip() or "Not set", s.cell)],
        [
            para("COMPANY GOALS", s.label),
            goal_cells or para("Not linked to a company goal", s.cell_muted),
        ],
    ]
    if shared:
        teams = ", ".join(t.name for i in objective.team_ids if (t := view.team(i)) is not None)
        facts.insert(0, [para("OWNED BY", s.label), para(teams, s.cell_bold)])
    facts_table = _table(
        facts,
        [30 * _MM, width - _INDENT - 30 * _MM],
        [
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (0, -1), 2.5),
        ],
        hAlign="RIGHT",
    )
    method_lines = [line for line in fonts.clean(objective.method).split("\n") if line.strip()]
    method = [para(line, s.body_indented) for line in method_lines] or [
        para("No method written yet.", s.note_indented)
    ]
    # The heading never stands alone at the foot of a page: it goes with its facts and the
    # first lines of its method (KeepTogether still splits what is taller than a page).
    story: list[Any] = [
        platypus.KeepTogether(
            [heading, facts_table, platypus.Spacer(1, 6), para("METHOD", s.label_indented), method[0]]
        ),
        *method[1:],
        platypus.Spacer(1, 4),
        _metrics_table(layout, objective.metrics, width - _INDENT),
        platypus.Spacer(1, 6 * _MM),
    ]
    return story


def _metrics_table(layout: _Layout, metrics: Sequence[MetricView], width: float) -> Any:
    s = layout.styles
    if not metrics:
        return para("No metrics yet.", s.note)
    columns = [
        ("Metric", 0.0, s.head),
        ("Baseline", 15 * _MM, s.head_right),
        ("Target", 13 * _MM, s.head_right),
        ("Unit", 21 * _MM, s.head),
        ("Direction", 16 * _MM, s.head),
        ("Due", 23 * _MM, s.head),
        ("Data source", 28 * _MM, s.head),
    ]
    fixed = sum(w for _, w, _ in columns)
    widths = [width - fixed if w == 0 else w for _, w, _ in columns]
    rows: list[list[Any]] = [[para(label, style) for label, _, style in columns]]
    for metric in metrics:
        flags = [
            label
            for label, on in (("CUSTOMER-CENTRIC", metric.customer_centric), ("SHARED", metric.shared))
            if on
        ]
        name: list[Any] = [para(metric.name, s.cell_bold)]
        if flags:
            name += [para(flag, s.flag) for flag in flags]
        rows.append(
            [
                name,
                para(format_number(metric.baseline) or "—", s.cell_right),
                para(format_number(metric.target) or "—", s.cell_right),
                para(metric.unit, s.cell),
                para("↑ Up" if metric.direction is Direction.UP else "↓ Down", s.cell),
                para(format_date(metric.due) or "—", s.cell),
                para(metric.data_source or "—", s.cell_muted),
            ]
        )
    commands = [
        *_grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    return _table(rows, widths, commands, repeatRows=1, hAlign="RIGHT")


def _buyin(layout: _Layout) -> list[Any]:
    platypus, s, view = _platypus(), layout.styles, layout.view
    leaders = list(view.leaders)
    wide = len(leaders) > _PORTRAIT_LEADERS
    story: list[Any] = []
    if wide:
        story += [platypus.NextPageTemplate("Landscape"), platypus.PageBreak()]
    else:
        story.append(platypus.PageBreak())
    width = layout.landscape_width if wide else layout.width
    heading = _section_heading(layout, layout.next_section(), "Buy-in", width)
    bought = sum(is_bought_in(o, view.leaders, layout.stances) for o in view.objectives)
    story += [
        heading,
        para(
            f"{bought} of {len(view.objectives)} objectives are bought in. An objective is bought in "
            "when every leader of every team that owns it has agreed; “—” marks a leader outside the "
            "owning teams.",
            s.body,
        ),
        platypus.Spacer(1, 4),
    ]
    objectives = sorted(view.objectives, key=lambda o: int(layout.numbers.get(o.id, "O0")[1:]))
    if not objectives or not leaders:
        story.append(para("There are no objectives or no leaders to record buy-in for yet.", s.note))
        return story
    per_table = _LANDSCAPE_LEADERS if wide else _PORTRAIT_LEADERS
    chunks = [leaders[i : i + per_table] for i in range(0, len(leaders), per_table)]
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            story.append(para(f"Leaders {number} of {len(chunks)} groups", s.note))
        story.append(_matrix(layout, objectives, chunk, width))
        story.append(platypus.Spacer(1, 8))
        story.append(_checkpoint(layout.run))
    story += _open_points(layout, objectives)
    return story


def _matrix(layout: _Layout, objectives: list[ObjectiveView], leaders: list[LeaderView], width: float) -> Any:
    s = layout.styles
    stance_width = 44.0
    bought_width = 17 * _MM
    objective_width = width - bought_width - stance_width * len(leaders)
    objective_width = min(objective_width, 95 * _MM)
    header_height = 36 * _MM
    header: list[Any] = [para("Objective", s.head)]
    for leader in leaders:
        label = [
            para(_shorten(leader.name, _HEADER_CHARS), s.rotated),
            para(_shorten(leader.title, _HEADER_CHARS), s.cell_muted),
        ]
        header.append(_rotated(_stack(label), header_height - 8))
    header.append(para("Bought in", s.head_center))
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        *_grid_commands(),
        ("ALIGN", (1, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (1, 0), (-2, 0), 2),
        ("RIGHTPADDING", (1, 0), (-2, 0), 2),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 1), (-1, -1), 1.5),
        ("RIGHTPADDING", (1, 1), (-1, -1), 1.5),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, "#FFFFFF"),
        ("LINEBEFORE", (-1, 0), (-1, -1), 0.8, _FAINT),
    ]
    for row, objective in enumerate(objectives, start=1):
        concerned = {p.id for p in leaders_concerned(objective, layout.view.leaders)}
        number = layout.numbers.get(objective.id, "")
        cells: list[Any] = [
            para(f"{number}  {_shorten(objective.statement, _MATRIX_STATEMENT_CHARS)}", s.cell),
        ]
        for column, leader in enumerate(leaders, start=1):
            has_event = (objective.id, leader.id) in layout.stances
            if leader.id not in concerned and not has_event:
                cells.append(para("—", s.stance, colour=_FAINT))
                continue
            stance = stance_of(objective.id, leader.id, layout.stances)
            fill, ink = _STANCE_COLOURS[stance]
            cells.append(para(stance.label, s.stance, colour=ink))
            commands.append(("BACKGROUND", (column, row), (column, row), fill))
        bought = is_bought_in(objective, layout.view.leaders, layout.stances)
        cells.append(para("Yes" if bought else "No", s.stance, colour="#1E6B3A" if bought else _MUTED))
        if bought:
            commands.append(("BACKGROUND", (-1, row), (-1, row), _STANCE_COLOURS[Stance.AGREED][0]))
        rows.append(cells)
    widths = [objective_width] + [stance_width] * len(leaders) + [bought_width]
    return _table(rows, widths, commands, repeatRows=1, hAlign="LEFT")


def _stack(flowables: list[Any]) -> Any:
    """Several flowables drawn one under the other as one (for rotated headers)."""
    from reportlab.platypus import Flowable

    class Stack(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self._sizes = [f.wrap(available_width, available_height) for f in flowables]
            self.width = available_width
            self.height = sum(h for _, h in self._sizes)
            return self.width, self.height

        def draw(self) -> None:
            y = self.height
            for flowable, (_, height) in zip(flowables, self._sizes, strict=True):
                y -= height
                flowable.drawOn(self.canv, 0, y)

    return Stack()


def _open_points(layout: _Layout, objectives: list[ObjectiveView]) -> list[Any]:
    """The concerned leaders who have not agreed yet, with what they said."""
    platypus, s, view = _platypus(), layout.styles, layout.view
    rows: list[list[Any]] = []
    for objective in objectives:
        for leader in leaders_concerned(objective, view.leaders):
            event = layout.stances.get((objective.id, leader.id))
            stance = stance_of(objective.id, leader.id, layout.stances)
            if stance is Stance.AGREED:
                continue
            rows.append(
                [
                    para(layout.numbers.get(objective.id, ""), s.cell_bold, colour=_ACCENT),
                    para(leader.name, s.cell_bold),
                    para(stance.label, s.cell, colour=_STANCE_COLOURS[stance][1]),
                    para(event.comment if event and event.comment.strip() else "—", s.cell),
                ]
            )
    if not rows:
        return []
    width = layout.landscape_width if len(view.leaders) > _PORTRAIT_LEADERS else layout.width
    title = para("Open points", s.h2)
    title.keepWithNext = True
    header = [para("", s.head), para("Leader", s.head), para("Stance", s.head), para("What was said", s.head)]
    widths = [12 * _MM, 42 * _MM, 34 * _MM, width - 88 * _MM]
    return [platypus.Spacer(1, 4), title, _table([header, *rows], widths, _grid_commands(), repeatRows=1)]


# --- from buy-in to a signed plan: definitions, overlaps, alignment, sign-off -------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(count: int) -> str:
    """ "six" for 6 (up to ten), the figure beyond."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


def all_of(count: int) -> str:
    """ "both leaders", "all six leaders", "its one leader": who signed, as a sentence says it."""
    if count == 1:
        return "its one leader"
    return "both leaders" if count == 2 else f"all {count_words(count)} leaders"


def format_moment(moment: dt.datetime | None) -> str:
    """A stored time (naive UTC) as "15 Jan 2027, 17:05 UTC"."""
    if moment is None:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{format_short_date(moment.date())}, {moment:%H:%M} UTC"


def grouped_fingerprint(fp: str) -> str:
    """The whole fingerprint in groups of four hex digits, so it can be read aloud and compared."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def _leader_name(layout: _Layout, leader_id: int) -> str:
    leader = next((p for p in layout.view.leaders if p.id == leader_id), None)
    return leader.name if leader is not None else "A removed leader"


def _definitions(layout: _Layout) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    definitions = layout.extras.definitions
    if not definitions:
        return []
    bought = sum(d.bought_in for d in definitions)
    story: list[Any] = [
        platypus.Spacer(1, 4 * _MM),
        _section_heading(layout, layout.next_section(), "Data definitions"),
        para(
            f"{bought} of {len(definitions)} definitions are bought in. The glossary both teams mean "
            "the same thing by; a definition is bought in when every leader of its owning team has "
            "agreed (every leader at the table, when no team owns it).",
            s.body,
        ),
        platypus.Spacer(1, 2),
    ]
    term_width, team_width, buyin_width = 36 * _MM, 28 * _MM, 40 * _MM
    rows: list[list[Any]] = [
        [
            para("Term", s.head),
            para("Definition", s.head),
            para("Owned by", s.head),
            para("Bought in", s.head),
        ]
    ]
    commands = _grid_commands()
    for definition in definitions:
        owner = "Everyone" if definition.team_id is None else _team_name(layout, definition.team_id)
        if definition.bought_in:
            buyin: Any = para("Yes", s.cell_bold, colour=_GREEN_INK)
            commands.append(("BACKGROUND", (3, len(rows)), (3, len(rows)), _GREEN_FILL))
        else:
            waiting = [
                _leader_name(layout, i)
                for i in definition.concerned_leader_ids
                if definition.stance_of(i) is not Stance.AGREED
            ]
            buyin = [para("No", s.cell_bold, colour=_MUTED)]
            buyin.append(
                para("Waiting on " + ", ".join(waiting), s.cell_muted)
                if waiting
                else para("No leader to agree yet", s.cell_muted)
            )
        rows.append(
            [
                para(definition.term, s.cell_bold),
                para(definition.definition.strip() or "Not written yet.", s.cell),
                para(owner, s.cell),
                buyin,
            ]
        )
    widths = [term_width, layout.width - term_width - team_width - buyin_width, team_width, buyin_width]
    story.append(_table(rows, widths, commands, repeatRows=1))
    story.append(platypus.Spacer(1, 6 * _MM))
    return story


def _rule_label(rule: str) -> tuple[str, str]:
    try:
        known = OverlapRule(rule)
    except ValueError:
        return rule, ""
    return known.label, known.text


def _objective_cell(layout: _Layout, objective_id: int) -> list[Any]:
    s = layout.styles
    objective = next((o for o in layout.view.objectives if o.id == objective_id), None)
    if objective is None:
        return [para("An objective no longer in the plan", s.cell_muted)]
    teams = ", ".join(t.name for i in objective.team_ids if (t := layout.view.team(i)) is not None)
    return [
        para(f"{layout.numbers.get(objective.id, '')}  {_shorten(objective.statement, 110)}", s.cell),
        para(teams or "No team", s.cell_muted),
    ]


def _resolution_cell(layout: _Layout, resolution: ResolutionView | None) -> Any:
    s = layout.styles
    if resolution is None:
        return para("Open", s.cell_bold, colour=_DRAFT_INK)
    cell = [para(resolution.action.label, s.cell_bold, colour=_GREEN_INK)]
    if resolution.merged_objective_uid:
        merged = next((o for o in layout.view.objectives if o.uid == resolution.merged_objective_uid), None)
        if merged is not None:
            cell.append(para(f"Into {layout.numbers.get(merged.id, 'a shared objective')}", s.cell_muted))
    if resolution.note.strip():
        cell.append(para(resolution.note, s.cell))
    return cell


def _overlap_review(layout: _Layout) -> list[Any]:
    """The findings with how each was settled, then the goals served together (information only).

    What is a finding, a group or settled comes from ``review_overlaps``, as on the Overlaps tab."""
    platypus, s = _platypus(), layout.styles
    review = review_overlaps(layout.view, layout.extras.resolutions)
    if not (review.found or review.groups or review.history):
        return []
    if review.found:
        summary = (
            f"{review.found} overlap{'s' if review.found != 1 else ''} found between different teams’ "
            f"objectives, {review.settled} settled: {to_settle_text(review).lower()}. Each finding names "
            "the rule that found it; the facilitator settles it by merging the two, adjusting one, or "
            "keeping both with a note."
        )
    else:
        summary = (
            "No overlap found between different teams’ objectives: none share a metric, a data source "
            "or most of their wording, and none conflict in a known way."
        )
    story: list[Any] = [
        platypus.Spacer(1, 6 * _MM),
        _section_heading(layout, layout.next_section(), "Overlap review"),
        para(summary, s.body),
        platypus.Spacer(1, 2),
    ]
    if review.found or review.history:
        story.append(_findings_table(layout, review))
    if review.groups:
        title = para("SERVING ONE COMPANY GOAL", s.label)
        title.keepWithNext = True
        story += [
            platypus.Spacer(1, 4 * _MM),
            title,
            platypus.Spacer(1, 2),
            para(
                "Objectives of different teams that serve the same company goal are the plan working as "
                "designed, not an overlap: each goal is listed once, for information, with nothing to "
                "settle and nothing counted against the alignment index.",
                s.note,
            ),
            platypus.Spacer(1, 3),
        ]
        for served in review.groups:
            story.append(para(group_text(layout.view, served.group) + ".", s.body))
            for resolution in served.earlier:
                story.append(para(f"Noted earlier: {earlier_text(layout.view, resolution)}", s.note))
    return story


def _findings_table(layout: _Layout, review: OverlapReview) -> Any:
    s = layout.styles
    pair_width, settled_width = 56 * _MM, 38 * _MM
    rows: list[list[Any]] = [
        [para("Objectives", s.head), para("Finding", s.head), para("Resolution", s.head)]
    ]
    commands = _grid_commands()
    for reviewed in review.findings:
        finding, resolution = reviewed.finding, reviewed.resolution
        label, sentence = _rule_label(finding.rule.value)
        rows.append(
            [
                [
                    *_objective_cell(layout, finding.first_id),
                    para("and", s.cell_muted),
                    *_objective_cell(layout, finding.second_id),
                ],
                [
                    para(label, s.cell_bold),
                    para(finding.detail, s.cell),
                    para(f"Rule: {sentence}", s.cell_muted),
                ],
                _resolution_cell(layout, resolution),
            ]
        )
        if resolution is None:
            commands.append(("BACKGROUND", (2, len(rows) - 1), (2, len(rows) - 1), "#FBEDED"))
    for resolution in review.merges:
        label, sentence = _rule_label(resolution.rule)
        rows.append(
            [
                para("Settled earlier; the pair no longer shows as two objectives.", s.cell_muted),
                [para(label, s.cell_bold)] + ([para(f"Rule: {sentence}", s.cell_muted)] if sentence else []),
                _resolution_cell(layout, resolution),
            ]
        )
    for resolution in review.history:
        label, _sentence = _rule_label(resolution.rule)
        rows.append(
            [
                para(earlier_text(layout.view, resolution), s.cell_muted),
                [
                    para(label, s.cell_bold),
                    para(
                        "Settled earlier; the rules no longer find this pair, so it is not counted.",
                        s.cell_muted,
                    ),
                ],
                para(resolution.action.label, s.cell_bold, colour=_MUTED),
            ]
        )
    widths = [pair_width, layout.width - pair_width - settled_width, settled_width]
    return _table(rows, widths, commands, repeatRows=1)


def _alignment_index(layout: _Layout) -> AlignmentIndex:
    survey = layout.extras.survey
    return plan_alignment(
        layout.view,
        resolutions=layout.extras.resolutions,
        smart_passed=layout.extras.smart_passed,
        ratings=[r.rating for r in survey.ratings] if survey is not None else [],
    )


def _alignment(layout: _Layout) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    index = _alignment_index(layout)
    if index.score is None and index.said is None:
        return []
    survey = layout.extras.survey
    story: list[Any] = [
        platypus.Spacer(1, 6 * _MM),
        _section_heading(layout, layout.next_section(), "Alignment index"),
        para(
            "A score out of 100 from the plan’s own evidence, each component at its weight, beside what "
            "the leaders say when asked how aligned the teams are (1 to 5, shown on the same 0–100 "
            "scale: 1 is 0, 3 is 50, 5 is 100).",
            s.body,
        ),
    ]
    score = "—" if index.score is None else f"{whole_points(index.score)}"
    said = "—" if index.said is None else f"{whole_points(index.said)}"
    gap = "—" if index.gap is None else f"{whole_points(index.gap):+d}"
    mean = survey.mean if survey is not None else None
    said_note = (
        "No leader has rated yet"
        if mean is None
        else f"Mean rating {mean:.1f} of 5, n = {index.ratings_count}"
    )
    third = layout.width / 3
    warning = index.gap_level is GapLevel.WARNING
    # A positive gap is a warning, in words as well as colour; a fine gap stays plain ink, never green.
    ink = _WARNING_INK if warning else None
    gap_caption = "Gap (said − score): leaders above the evidence" if warning else "Gap (said − score)"
    commands: list[Any] = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, _RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, _RULE),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]
    if warning:
        commands.append(("BACKGROUND", (2, 0), (2, -1), _WARNING_FILL))
    story.append(
        _table(
            [
                [para(score, s.stat), para(said, s.stat), para(gap, s.stat, colour=ink)],
                [
                    para("Score from the plan’s evidence", s.note),
                    para(f"What leaders say ({said_note})", s.note),
                    para(gap_caption, s.note, colour=ink),
                ],
            ],
            [third] * 3,
            commands,
        )
    )
    verdict = para(index.verdict, s.body, colour=ink)
    story += [platypus.Spacer(1, 3), verdict, platypus.Spacer(1, 2)]
    rows: list[list[Any]] = [
        [
            para("Component", s.head),
            para("Weight", s.head_right),
            para("Met", s.head_right),
            para("Points", s.head_right),
        ]
    ]
    for component in index.components:
        excluded = component.share is None
        rows.append(
            [
                [para(component.name, s.cell_bold), para(component.explanation, s.cell_muted)],
                para("—" if excluded else f"{component.weight * 100:.0f}%", s.cell_right),
                para("—" if excluded else f"{component.met} of {component.total}", s.cell_right),
                para("Not scored" if excluded else f"{component.points:.1f}", s.cell_right),
            ]
        )
    rows.append(
        [
            para("Score", s.cell_bold),
            para("100%", s.cell_total),
            para("", s.cell),
            para("—" if index.score is None else f"{index.score:.1f}", s.cell_total),
        ]
    )
    commands = [
        *_grid_commands(),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, _FAINT),
        ("BACKGROUND", (0, -1), (-1, -1), _TINT),
    ]
    number_width = 22 * _MM
    story.append(_table(rows, [layout.width - 3 * number_width] + [number_width] * 3, commands, repeatRows=1))
    story += [
        platypus.Spacer(1, 3),
        para(
            "SMART check: an objective passes when the brainstorm candidate it was promoted from was "
            "marked “Yes” on all five questions; an objective not promoted from a candidate counts as "
            "not passing. A component with nothing to count is not scored, and the weights of the "
            "others are scaled up to sum to 100%.",
            s.note,
        ),
    ]
    if survey is not None and survey.ratings:
        rated = [
            [
                para(_leader_name(layout, r.leader_id), s.cell_bold),
                para(f"{r.rating} of 5", s.cell_right),
                para(r.comment.strip() or "—", s.cell),
            ]
            for r in survey.ratings
        ]
        title = para("WHAT LEADERS SAY", s.label)
        title.keepWithNext = True
        story += [
            platypus.Spacer(1, 3 * _MM),
            title,
            platypus.Spacer(1, 2),
            _table(
                rated,
                [42 * _MM, 16 * _MM, layout.width - 58 * _MM],
                [("LEFTPADDING", (0, 0), (0, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE)],
            ),
        ]
        if survey.unrated_leader_ids:
            names = ", ".join(_leader_name(layout, i) for i in survey.unrated_leader_ids)
            story.append(para(f"Not rated yet: {names}.", s.note))
    return story


def _signoff(layout: _Layout) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    signoff, seal = layout.extras.signoff, layout.seal
    if signoff is None or not signoff.versions:
        return []
    story: list[Any] = [
        platypus.Spacer(1, 6 * _MM),
        _section_heading(layout, layout.next_section(), "Sign-off"),
    ]
    version = seal.version
    if version is None:
        story.append(
            para(
                "Not signed: the plan is open for editing. Earlier versions and why each was re-opened:",
                s.body,
            )
        )
    else:
        if seal.status == STATUS_SIGNED:
            lead = (
                f"Version {version.number}, signed by {all_of(seal.signed)}. "
                f"Frozen by {version.frozen_by} on {format_moment(version.frozen_at)}."
            )
        else:
            lead = (
                f"Version {version.number} is frozen and awaiting signatures: {seal.signed} of "
                f"{seal.required} leaders have signed. Frozen by {version.frozen_by} on "
                f"{format_moment(version.frozen_at)}."
            )
        story.append(para(lead, s.body))
        if version.override_reason:
            story.append(
                para(
                    f"Frozen before every objective was bought in, because: {version.override_reason}", s.body
                )
            )
        story.append(_signature_table(layout, version, signoff))
        story += [
            platypus.Spacer(1, 4),
            para("FINGERPRINT (SHA-256 OF THE SIGNED CONTENT)", s.label),
            para(grouped_fingerprint(version.fingerprint), s.cell_bold),
            para(
                "Check a printed or e-mailed copy against the plan file with "
                "“offsite verify PLAN PDF”; the footer of every page shows the first sixteen digits.",
                s.note,
            ),
        ]
    earlier = [v for v in signoff.versions if version is None or v.id != version.id]
    if earlier:
        rows: list[list[Any]] = [
            [
                para("Version", s.head),
                para("Frozen", s.head),
                para("Signed", s.head),
                para("Re-opened", s.head),
            ]
        ]
        for v in earlier:
            reopened: Any = para("—", s.cell_muted)
            if v.reopening is not None:
                reopened = [
                    para(f"{format_moment(v.reopening.at)} by {v.reopening.by}", s.cell),
                    para(f"Why: {v.reopening.reason}", s.cell_muted),
                ]
            rows.append(
                [
                    para(f"Version {v.number}", s.cell_bold),
                    [para(format_moment(v.frozen_at), s.cell), para(f"by {v.frozen_by}", s.cell_muted)],
                    para(f"{len(v.signatures)} signature{'s' if len(v.signatures) != 1 else ''}", s.cell),
                    reopened,
                ]
            )
        title = para("EARLIER VERSIONS", s.label)
        title.keepWithNext = True
        widths = [22 * _MM, 40 * _MM, 26 * _MM, layout.width - 88 * _MM]
        story += [platypus.Spacer(1, 4 * _MM), title, _table(rows, widths, _grid_commands(), repeatRows=1)]
    return story


def _signature_table(layout: _Layout, version: VersionView, signoff: SignoffView) -> Any:
    s = layout.styles
    titles = {p.uid: p.title for p in layout.view.leaders}
    rows: list[list[Any]] = [
        [para("Leader", s.head), para("Title", s.head), para("Initials", s.head), para("Signed at", s.head)]
    ]
    for signature in version.signatures:
        who: Any = para(signature.leader_name, s.cell_bold)
        if signature.on_behalf:
            who = [
                who,
                para(
                    f"Signed on behalf by {signature.signed_by}. Reason: {signature.behalf_reason}",
                    s.cell_muted,
                ),
            ]
        rows.append(
            [
                who,
                para(titles.get(signature.leader_uid, ""), s.cell),
                para(signature.initials, s.cell_bold, colour=_NAVY),
                para(format_moment(signature.signed_at), s.cell),
            ]
        )
    for withdrawal in version.withdrawals:
        rows.append(
            [
                [
                    para(withdrawal.leader_name, s.cell),
                    para(
                        f"Signature of {format_moment(withdrawal.signed_at)} withdrawn"
                        + (
                            f" (it was signed on behalf by {withdrawal.signed_by})"
                            if withdrawal.signed_by
                            else ""
                        ),
                        s.cell_muted,
                    ),
                ],
                para(titles.get(withdrawal.leader_uid, ""), s.cell),
                para(withdrawal.initials, s.cell_muted),
                para(f"Withdrawn {format_moment(withdrawal.withdrawn_at)}", s.cell, colour=_DRAFT_INK),
            ]
        )
    for leader_id in signoff.unsigned_leader_ids:
        leader = next((p for p in layout.view.leaders if p.id == leader_id), None)
        if leader is None:
            continue
        rows.append(
            [
                para(leader.name, s.cell_bold),
                para(leader.title, s.cell),
                para("—", s.cell_muted),
                para("Not signed yet", s.cell, colour=_DRAFT_INK),
            ]
        )
    widths = [48 * _MM, layout.width - 48 * _MM - 22 * _MM - 42 * _MM, 22 * _MM, 42 * _MM]
    return _table(rows, widths, _grid_commands(), repeatRows=1)


# --- the appendix: the Brainstorm exercises ----------------------------------------------------------

_TREE_STEP = 6 * _MM  # how far each level of a tree moves right
_TREE_MAX_LEVEL = 8  # deeper levels line up with the eighth, so the text keeps most of its width
_GREEN_FILL, _GREEN_INK = _STANCE_COLOURS[Stance.AGREED]
_WARNING_FILL, _WARNING_INK = _STANCE_COLOURS[Stance.CHANGES_REQUESTED]
_SMART_WORDS: dict[bool | None, str] = {True: "Yes", False: "No", None: "—"}
_NO_WORDS = "(no words yet)"


def _has_brainstorm(brainstorm: BrainstormView) -> bool:
    """True when any exercise holds something worth printing."""
    return bool(
        brainstorm.nodes
        or brainstorm.team_goals
        or any(_funnel_has_inputs(f) for f in brainstorm.funnels)
        or brainstorm.switches
        or brainstorm.candidates
    )


def _funnel_has_inputs(funnel: FunnelView) -> bool:
    return bool(funnel.quarters) or any(
        getattr(funnel, name) is not None for name in FIELD_LABELS if name not in ("quarters", "weights")
    )


def _appendix(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    story: list[Any] = [
        # Back to portrait, even after a landscape buy-in matrix.
        platypus.NextPageTemplate("Later"),
        platypus.PageBreak(),
        _section_heading(layout, "A", "Appendix: Brainstorm"),
        para(
            "What the leadership team worked through in the Brainstorm exercises, from which the "
            "objectives above were chosen.",
            s.body,
        ),
    ]
    parts: list[tuple[str, Callable[[_Layout, BrainstormView], list[Any]]]] = [
        ("Ask-why chains", _why_chains),
        ("Common themes", _themes),
        ("Working back from company goals", _work_back),
        ("Team switch", _switches),
        ("Shortlist", _shortlist),
    ]
    number = 0
    for title, build in parts:
        body = build(layout, brainstorm)
        if not body:
            continue
        number += 1
        story += [_sub_heading(layout, f"A.{number}", title), *body, _checkpoint(layout.run)]
    return story


def _sub_heading(layout: _Layout, number: str, title: str) -> Any:
    s = layout.styles
    heading = _table(
        [[para(number, s.h2), para(title, s.h2, colour=_NAVY)]],
        [_INDENT, layout.width - _INDENT],
        [
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, _RULE),
        ],
        spaceAfter=4,
    )
    heading.keepWithNext = True
    return heading


def _h3(layout: _Layout, text: str) -> Any:
    heading = para(text, layout.styles.h3)
    heading.keepWithNext = True
    return heading


def _intro(layout: _Layout, text: str) -> Any:
    intro = para(text, layout.styles.note)
    intro.keepWithNext = True
    return intro


def _tree_item(
    layout: _Layout,
    text: str,
    depth: int,
    below: Sequence[Any] = (),
    *,
    width: float | None = None,
    small: bool = False,
) -> Any:
    """One statement of a tree, moved right by its depth, an arrow before each answer."""
    s = layout.styles
    width = layout.width if width is None else width
    styles = {(True, True): s.cell_bold, (True, False): s.tree_root, (False, True): s.cell}
    style = styles.get((depth == 0, small), s.tree)
    content = [para(text.strip() or _NO_WORDS, style), *below]
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if depth == 0:
        return _table([[content]], [width], commands)
    # Inside a table column a tree steps less far, so deep goals keep room for their words.
    indent = min(depth, _TREE_MAX_LEVEL) * (_TREE_STEP * 2 / 3 if small else _TREE_STEP)
    marker = para("↳", s.marker_small if small else s.marker)
    commands += [("RIGHTPADDING", (0, 0), (0, 0), 3), ("LEFTPADDING", (1, 0), (1, 0), 1)]
    return _table([[marker, content]], [indent, width - indent], commands)


def _by_team(layout: _Layout, items: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Items with a ``team_id`` grouped by team, in the plan's team order, then those without one."""
    known = {t.id for t in layout.view.teams}
    order = [t.id for t in layout.view.teams] + [None]
    groups: dict[int | None, list[Any]] = {}
    for item in items:
        groups.setdefault(item.team_id if item.team_id in known else None, []).append(item)
    return [(_team_name(layout, key), groups[key]) for key in order if key in groups]


def _why_chains(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    if not brainstorm.nodes:
        return []
    themes_of: dict[int, list[str]] = {}
    for theme in brainstorm.themes:
        for node_id in theme.node_ids:
            themes_of.setdefault(node_id, []).append(theme.name.strip() or "Untitled theme")
    story: list[Any] = [
        _intro(
            layout,
            "Each team wrote what it exists to do, then kept asking “why?”; every answer sits under "
            "the statement it answers. A statement that belongs to a common theme is tagged with it.",
        )
    ]
    for team, nodes in _by_team(layout, brainstorm.nodes):
        story.append(_h3(layout, team))
        for node in nodes:
            tags = [para(f"Theme: {name}", s.tag) for name in themes_of.get(node.id, [])]
            story.append(_tree_item(layout, node.text, node.depth, tags))
        story.append(platypus.Spacer(1, 2 * _MM))
    return story


def _themes(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    if not brainstorm.themes:
        return []
    story: list[Any] = [
        _intro(
            layout, "Where different teams’ chains arrive at the same reason, it is linked as a common theme."
        )
    ]
    team_width = 40 * _MM
    for theme in brainstorm.themes:
        story.append(_h3(layout, theme.name.strip() or "Untitled theme"))
        nodes = [n for i in theme.node_ids if (n := brainstorm.node(i)) is not None]
        if not nodes:
            story.append(para("No statements are linked to this theme yet.", s.note))
            continue
        rows: list[list[Any]] = [[para("Team", s.head), para("Statement", s.head)]]
        rows += [
            [para(_team_name(layout, n.team_id), s.cell_bold), para(n.text.strip() or _NO_WORDS, s.cell)]
            for n in nodes
        ]
        story.append(_table(rows, [team_width, layout.width - team_width], _grid_commands(), repeatRows=1))
        story.append(platypus.Spacer(1, 2 * _MM))
    return story


def _work_back(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    story: list[Any] = []
    for index, goal in enumerate(layout.view.goals, start=1):
        tree = [g for g in brainstorm.team_goals if g.company_goal_id == goal.id]
        funnel = brainstorm.funnel(goal.id)
        if funnel is not None and not _funnel_has_inputs(funnel):
            funnel = None
        if not tree and funnel is None:
            continue
        heading = _table(
            [
                [
                    para(f"G{index}", s.h3, colour=_ACCENT),
                    [para(goal.statement.strip() or "Untitled goal", s.h3), para(_goal_range(goal), s.note)],
                ]
            ],
            [_INDENT, layout.width - _INDENT],
            [("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 8)],
        )
        heading.keepWithNext = True
        story.append(heading)
        if tree:
            story.append(_team_goal_table(layout, tree))
        if funnel is not None:
            story += _funnel(layout, funnel)
        story.append(platypus.Spacer(1, 4 * _MM))
    if story:
        story.insert(
            0,
            _intro(
                layout,
                "Each company goal broken down into the team goals that deliver it (a goal under "
                "another helps deliver it), and the reverse funnel from the revenue target back to "
                "the leads it needs.",
            ),
        )
    return story


def _amount(value: float | None, unit: str = "") -> str:
    figure = format_number(value)
    if not figure:
        return "—"
    unit = unit.strip()
    if not unit:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def _team_goal_table(layout: _Layout, tree: Sequence[Any]) -> Any:
    s = layout.styles
    team_width, target_width = 38 * _MM, 30 * _MM
    goal_width = layout.width - team_width - target_width
    rows: list[list[Any]] = [[para("Team goal", s.head), para("Team", s.head), para("Target", s.head_right)]]
    for goal in tree:
        rows.append(
            [
                _tree_item(layout, goal.statement, goal.depth, width=goal_width - 8, small=True),
                para(_team_name(layout, goal.team_id), s.cell),
                para(_amount(goal.target, goal.unit), s.cell_right),
            ]
        )
    commands = [
        *_grid_commands(),
        ("TOPPADDING", (0, 1), (0, -1), 2),
        ("BOTTOMPADDING", (0, 1), (0, -1), 2.5),
    ]
    return _table(rows, [goal_width, team_width, target_width], commands, repeatRows=1)


def _funnel_inputs(funnel: FunnelView) -> FunnelInputs:
    return FunnelInputs(
        revenue_target=funnel.revenue_target,
        average_deal_size=funnel.average_deal_size,
        win_rate=funnel.win_rate,
        sql_to_opportunity=funnel.sql_to_opportunity,
        mql_to_sql=funnel.mql_to_sql,
        lead_to_mql=funnel.lead_to_mql,
        quarters=funnel.quarters,
        weights=funnel.weights,
    )


def _funnel(layout: _Layout, funnel: FunnelView) -> list[Any]:
    """The funnel's inputs, then its table per quarter, or the messages that stop it computing."""
    from offsite.services.funnel import funnel_rows, funnel_table  # pandas: only when a funnel prints

    platypus, s = _platypus(), layout.styles
    inputs = _funnel_inputs(funnel)
    result = funnel_table(inputs)

    def value(name: str) -> str:
        figure: float | None = getattr(inputs, name)
        if figure is None:
            return "—"
        return f"{format_number(figure)}%" if name in RATE_FIELDS else format_number(figure)

    def label(name: str) -> str:
        text = FIELD_LABELS[name]
        return text[:1].upper() + text[1:]

    names = ["revenue_target", "average_deal_size", *RATE_FIELDS]
    cells: list[list[Any]] = []
    for first, second in zip(names[::2], names[1::2], strict=True):
        cells.append(
            [
                para(label(first), s.cell_muted),
                para(value(first), s.cell_bold),
                para(label(second), s.cell_muted),
                para(value(second), s.cell_bold),
            ]
        )
    if inputs.weights is not None and len(inputs.weights) == len(inputs.quarters):
        quarters = " · ".join(
            f"{q} ({format_number(w)})" for q, w in zip(inputs.quarters, inputs.weights, strict=True)
        )
        quarter_label = "Quarters (weight)"
    else:
        quarters = " · ".join(inputs.quarters) or "—"
        quarter_label = "Quarters (even split)" if inputs.weights is None else "Quarters"
    cells.append([para(quarter_label, s.cell_muted), para(quarters, s.cell_bold), "", ""])
    label_width, value_width = 36 * _MM, 30 * _MM
    inputs_table = _table(
        cells,
        [label_width, value_width, label_width, layout.width - 2 * label_width - value_width],
        [
            ("SPAN", (1, -1), (-1, -1)),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
    )
    title = para("REVERSE FUNNEL", s.label)
    title.keepWithNext = True
    story: list[Any] = [platypus.Spacer(1, 4 * _MM), title, platypus.Spacer(1, 2), inputs_table]
    story.append(platypus.Spacer(1, 3))
    if result.table is None:
        story.append(para("The funnel cannot be computed from these inputs:", s.body))
        story += [para(f"•  {m.text}", s.note_indented) for m in result.messages if m.blocking]
        return story

    quarter_width = 28 * _MM
    stage_width = (layout.width - quarter_width) / len(STAGES)
    rows: list[list[Any]] = [
        [para("Quarter", s.head)] + [para(STAGE_LABELS[stage], s.head_right) for stage in STAGES]
    ]
    table_rows = funnel_rows(result)
    for number, (quarter, figures) in enumerate(table_rows, start=1):
        total = number == len(table_rows)
        rows.append(
            [para(quarter, s.cell_bold)]
            + [para(figure, s.cell_total if total else s.cell_right) for figure in figures]
        )
    commands = [
        *_grid_commands(),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, _FAINT),
        ("BACKGROUND", (0, -1), (-1, -1), _TINT),
    ]
    story.append(_table(rows, [quarter_width] + [stage_width] * len(STAGES), commands, repeatRows=1))
    story.append(platypus.Spacer(1, 3))
    story += [para(f"To check: {m.text}", s.note) for m in result.messages]
    story.append(para(f"Rounding: {ROUNDING_RULE}", s.note))
    return story


def _switches(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    if not brainstorm.switches:
        return []
    story: list[Any] = [
        _intro(
            layout,
            "One team presents another team’s goals and plan as it imagines them; then the real team "
            f"shows its own. Both teams note what they learned. {MATCH_RULE_TEXT} Items that match "
            "share a row; the others are marked “Only in this version”.",
        )
    ]
    for switch in brainstorm.switches:
        player = _team_name(layout, switch.player_team_id)
        played = _team_name(layout, switch.played_team_id)
        story.append(_h3(layout, f"{player} plays {played}"))
        timing = para(
            f"{switch.prepare_minutes} minutes to prepare, {switch.present_minutes} minutes to present",
            s.note,
        )
        timing.keepWithNext = True
        story.append(timing)
        story.append(_switch_table(layout, switch, player, played))
        story += _empathy_notes(layout, switch)
        story.append(platypus.Spacer(1, 4 * _MM))
    return story


def _switch_rows(
    played: Sequence[SwitchItemView], real: Sequence[SwitchItemView]
) -> list[tuple[str | None, str | None, bool]]:
    """The two versions of one kind of item as rows (played text, real text, whether they match).

    Items that say the same thing (``themes.match_items``) share a row, in the played order; the
    items found on one side only follow, side by side in the order they were written.
    """
    matches = match_items([i.text for i in played], [i.text for i in real])
    rows: list[tuple[str | None, str | None, bool]] = [
        (played[m.played].text, real[m.real].text, True) for m in matches
    ]
    alone_played = [i.text for n, i in enumerate(played) if n not in {m.played for m in matches}]
    alone_real = [i.text for n, i in enumerate(real) if n not in {m.real for m in matches}]
    rows += [(left, right, False) for left, right in zip_longest(alone_played, alone_real)]
    return rows


def _switch_table(layout: _Layout, switch: TeamSwitchView, player: str, played: str) -> Any:
    s = layout.styles
    half = layout.width / 2
    rows: list[list[Any]] = [[para(f"As {player} played it", s.head), para(f"As {played} sees it", s.head)]]
    commands: list[tuple[Any, ...]] = [*_grid_commands(), ("LINEAFTER", (0, 0), (0, -1), 0.4, _RULE)]
    for kind, heading in ((SwitchItemKind.GOAL, "GOALS"), (SwitchItemKind.PLAN, "PLAN")):
        sides = [tuple(i for i in switch.side(side) if i.kind is kind) for side in SwitchSide]
        if not any(sides):
            continue
        rows.append([para(heading, s.label), ""])
        commands += [
            ("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)),
            ("BACKGROUND", (0, len(rows) - 1), (1, len(rows) - 1), _TINT),
        ]
        for left, right, matched in _switch_rows(*sides):
            rows.append([_switch_cell(layout, text, matched) for text in (left, right)])
    if len(rows) == 1:
        rows.append([para("Nothing written yet.", s.cell_muted), para("Nothing written yet.", s.cell_muted)])
    return _table(rows, [half, half], commands, repeatRows=1)


def _switch_cell(layout: _Layout, text: str | None, matched: bool) -> Any:
    s = layout.styles
    if text is None:
        return para("—", s.cell_muted)
    cell = [para(text.strip() or _NO_WORDS, s.cell)]
    if not matched:
        cell.append(para("Only in this version", s.tag, colour=_MUTED))
    return cell


def _empathy_notes(layout: _Layout, switch: TeamSwitchView) -> list[Any]:
    platypus, s = _platypus(), layout.styles
    order = [switch.player_team_id, switch.played_team_id]
    notes = sorted(
        (n for n in switch.notes if n.text.strip()),
        key=lambda n: order.index(n.team_id) if n.team_id in order else len(order),
    )
    if not notes:
        return []
    name_width = 38 * _MM
    rows = [[para(_team_name(layout, n.team_id), s.cell_bold), para(n.text, s.cell)] for n in notes]
    title = para("EMPATHY NOTES", s.label)
    title.keepWithNext = True
    return [
        platypus.Spacer(1, 3 * _MM),
        title,
        _table(
            rows,
            [name_width, layout.width - name_width],
            [("LEFTPADDING", (0, 0), (0, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE)],
        ),
    ]


def _ranked(brainstorm: BrainstormView) -> list[ranking.RankedCandidate]:
    """The whole pool in rank order by dots, as the Candidates screen ranks it by default."""
    uids = {c.id: c.uid for c in brainstorm.candidates}
    return ranking.rank(
        [
            (c.uid, None if c.team_id is None else str(c.team_id), i)
            for i, c in enumerate(brainstorm.candidates)
        ],
        [
            ranking.DotVote(str(v.leader_id), uids[v.candidate_id], v.dots)
            for v in brainstorm.votes
            if v.candidate_id in uids
        ],
        {c.uid: c.impact for c in brainstorm.candidates},
        "dots",
    )


def _shortlist(layout: _Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus = _platypus()
    if not brainstorm.candidates:
        return []
    ranked = _ranked(brainstorm)
    kept = {c.uid for c in brainstorm.candidates if c.shortlisted}  # as the facilitator kept it
    by_uid = {c.uid: c for c in brainstorm.candidates}
    dots = {r.uid: r.dots for r in ranked}
    in_order = [by_uid[r.uid] for r in ranked]
    story: list[Any] = [
        _intro(
            layout,
            f"Every leader had {brainstorm.dot_budget} dots to place. Candidates are ranked by dots, "
            "then impact (1 to 5), then the earlier idea. The shortlist is what the facilitator kept "
            f"for each team (the top {brainstorm.top_n}, or chosen by hand). {ranking.ELIGIBILITY_RULE} "
            "SMART: Specific, Measurable, Achievable, Realistic, Timely — “Yes”, “No”, or “—” when "
            "not judged yet.",
        )
    ]
    for team, candidates in _by_team(layout, in_order):
        story.append(_h3(layout, team))
        chosen = [c.text.strip() or _NO_WORDS for c in candidates if c.uid in kept]
        story.append(
            para(
                "Shortlisted: " + ("; ".join(chosen) if chosen else "none kept yet"),
                layout.styles.body,
            )
        )
        story.append(_candidate_table(layout, candidates, kept, dots))
        story.append(platypus.Spacer(1, 3 * _MM))
    return story


def _candidate_table(
    layout: _Layout, candidates: Sequence[CandidateView], kept: set[str], dots: dict[str, int]
) -> Any:
    s = layout.styles
    smart_width = 8 * _MM
    fixed = [7 * _MM, 0.0, 10 * _MM, 12 * _MM, *[smart_width] * 5, 20 * _MM]
    widths = [layout.width - sum(fixed) if w == 0 else w for w in fixed]
    header = [
        para("#", s.head),
        para("Candidate", s.head),
        para("Dots", s.head_right),
        para("Impact", s.head_right),
        *[para(label[:1], s.head_center) for label in CRITERION_LABELS.values()],
        para("Shortlist", s.head_center),
    ]
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        *_grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for number, candidate in enumerate(candidates, start=1):
        shortlisted = candidate.uid in kept
        about: list[Any] = [para(candidate.text.strip() or _NO_WORDS, s.cell_bold if shortlisted else s.cell)]
        if candidate.origin_label.strip():
            about.append(para(f"From: {candidate.origin_label}", s.cell_muted))
        notes = [
            f"{CRITERION_LABELS[m.criterion.value]}: {m.note.strip()}"
            for m in candidate.smart
            if m.note.strip()
        ]
        if notes:
            about.append(para("SMART notes: " + "; ".join(notes), s.cell_muted))
        if candidate.objective_id is not None:
            objective = layout.numbers.get(candidate.objective_id)
            promoted = f"Promoted to objective {objective}" if objective else "Promoted to an objective"
            about.append(para(promoted, s.tag))
        row = len(rows)
        marks = []
        for mark in candidate.smart:
            marks.append(
                para(
                    _SMART_WORDS[mark.value], s.cell_center, colour=_INK if mark.value is not None else _FAINT
                )
            )
        rows.append(
            [
                para(str(number), s.cell_muted),
                about,
                para(str(dots.get(candidate.uid, candidate.dots)), s.cell_right),
                para(
                    "—" if candidate.impact is None else str(candidate.impact),
                    s.cell_right,
                    colour=_FAINT if candidate.impact is None else None,
                ),
                *marks,
                para(
                    "Shortlisted" if shortlisted else "—",
                    s.cell_center,
                    colour=_GREEN_INK if shortlisted else _FAINT,
                ),
            ]
        )
        if shortlisted:
            commands.append(("BACKGROUND", (-1, row), (-1, row), _GREEN_FILL))
    return _table(rows, widths, commands, repeatRows=1)

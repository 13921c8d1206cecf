"""The results report: what the leadership team takes out of a quarterly review, and what a CEO reads.

``export_plan_report(plan, out, period, today=...)`` reads the plan once (``input.read_report``, one
read transaction, on the caller's thread), works the figures out (``figures.work_out``: the
rollups of the review cadence) and lays the report out with the plan PDF's machinery (fonts,
right-to-left text, tables, header, "Page N of M" footers), then writes it whole or not at all.
The GUI reads on its own thread and hands the ``ReportInput`` to ``export_report`` on a worker.

A report covers a quarter, a month or an ISO week (``domain/reporting``) and reads the plan as of
the period's last day, or ``today`` when that is earlier; the footer of every page says which.
Its sections, in order:

- **cover**: the plan's title, the period in words ("Q1 2027 (1 Jan – 31 Mar 2027)"), the day it
  is read as of, and what progress is tracked against: "Progress tracked against the plan signed
  as version N (fingerprint …); this report is not part of the signed plan", or that the plan is
  not signed yet;
- **summary** (on the cover's page): objectives delivered, in progress and missed; metrics on
  track, at risk and off track on the report's day; the check-ins of the period ("No check-ins in
  Q3 2027 yet" when there were none); the alignment index's trend in words; a line per objective;
- **objectives**, grouped by team as in the plan PDF and numbered alike ("O3" is the same objective
  in both): the score (the mean of its metrics' scores, or the leaders' override with its reason),
  a table of its metrics (baseline, target, last actual and its day, expected value, status, last
  confidence and its trend, who checked in last), each metric's progress chart two to a row, and
  the quarter's retrospective (what worked, what did not, keep/drop/change);
- **agreements in practice** (when the plan has hand-offs or joint practices): each one with its
  metric's latest actual in the period against its target and, for a practice, whether its cadence
  was kept in each period of the report's span ("kept 3 of 3 months"); one naming no metric is
  listed as not tracked;
- **sales and marketing**: each sales metric beside its marketing metric (pair charts), and the
  metrics both teams answer for;
- **the funnel** by period: actual against the work-back plan, with the conversion rates;
- **alignment**: the alignment index and the leaders' self-rating quarter by quarter;
- **wins to celebrate**: the day, the win, the people to thank, the objective.

Deterministic: the same plan, period and day give the same bytes (reportlab runs invariant, the PDF
is dated the report's day, its /ID made from its metadata and page texts), so a report on a finished
quarter is the same PDF whenever it is made. The document information carries the plan's uid
(``/OffsiteReportPlan``), the period (``/OffsiteReportPeriod``), the day (``/OffsiteReportAsOf``) and,
for a signed plan, the version and fingerprint tracked against. It carries none of the plan PDF's
sign-off keys: ``offsite verify`` never takes a report for the signed plan.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from offsite.domain.progress import Period
from offsite.exchange.pdf.output import write_pdf
from offsite.exchange.pdf.progress import IsCancelled, Progress, Run
from offsite.exchange.pdf.seal import STATUS_SIGNED, stamped
from offsite.exchange.report.input import ReportInput, read_report
from offsite.store.planfile import PlanFile

__all__ = [
    "KEY_AS_OF",
    "KEY_FINGERPRINT",
    "KEY_PERIOD",
    "KEY_PLAN",
    "KEY_VERSION",
    "ReportInput",
    "export_plan_report",
    "export_report",
    "read_report",
]

log = logging.getLogger(__name__)

#: The document information keys of a report (none of them the plan PDF's, which ``verify`` reads).
KEY_PLAN, KEY_PERIOD, KEY_AS_OF, KEY_VERSION, KEY_FINGERPRINT = (
    "/OffsiteReportPlan",
    "/OffsiteReportPeriod",
    "/OffsiteReportAsOf",
    "/OffsiteReportVersion",
    "/OffsiteReportFingerprint",
)


def export_plan_report(
    plan: PlanFile,
    out: Path | str,
    period: Period | None,
    *,
    today: dt.date,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Path:
    """Read ``plan`` once and write the report on ``period`` (None: the default one, see
    ``read_report``), as of ``today`` or the period's end, whichever is earlier, to ``out``; see
    ``export_report``."""
    return export_report(read_report(plan, period, today), out, progress=progress, is_cancelled=is_cancelled)


def export_report(
    report: ReportInput,
    out: Path | str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Path:
    """Write the report ``report`` holds to ``out`` and return that path (any thread).

    ``progress(done, total)`` is called as the report is laid out and written; ``is_cancelled()``
    is polled after each section and on each page. Raises CancelledError (nothing is written),
    DiskFullError, or ExportError (``out`` is a folder, its folder is missing or read-only, the
    fonts are missing); a file already at ``out`` then stays exactly as it was.
    """
    from offsite.exchange.report.document import render
    from offsite.exchange.report.figures import work_out

    run = Run(progress, is_cancelled)

    def produce() -> bytes:
        figures = work_out(report)
        run.check()
        data, texts = render(figures, run)
        run.check()
        moment = dt.datetime.combine(report.as_of, dt.time())
        return stamped(data, metadata(report), texts, moment)

    written = write_pdf(out, run, produce)
    log.info("Wrote the results report on %s to %s (%d pages)", report.period.label, written, run.pages)
    return written


def metadata(report: ReportInput) -> dict[str, str]:
    """The report's own keys: the plan it reports on, the period, the day, and the signed version."""
    info = {KEY_PLAN: report.plan_uid, KEY_PERIOD: report.period.label, KEY_AS_OF: report.as_of.isoformat()}
    seal = report.seal
    if seal.version is not None and seal.status == STATUS_SIGNED:
        info[KEY_VERSION] = str(seal.version.number)
        info[KEY_FINGERPRINT] = seal.version.fingerprint
    return info

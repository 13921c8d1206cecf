"""``offsite verify PLAN PDF``: does this PDF show the plan as its leaders signed it?

What the export leaves in the PDF's document information (see ``offsite.exchange.pdf``): the
plan's uid, whether the PDF was signed or a draft, the version and its fingerprint, and the
SHA-256 of each page's text as pypdf extracts it. The checks, in order, and their exit codes:

- **2, unreadable**: the PDF is missing, not a file or not a PDF pypdf can read; or the plan
  cannot be opened (missing, not a plan, made by a newer Offsite). Both files are opened for
  reading only and left exactly as they were.
- **1, not from Offsite**: the PDF carries no Offsite plan identity or page hashes.
- **1, altered PDF**: a page's text is not what Offsite printed (the pages named), the page count
  differs, or a signed PDF's footer does not show the fingerprint of its own metadata.
- **1, another plan**: the PDF was made from a plan with another uid.
- **1, not signed**: the PDF is a draft (or was exported while its version awaited signatures).
- **1, unknown version**: no version of the plan has the PDF's fingerprint.
- **1, edited since**: the fingerprint is that of version N of this plan, but N is not the plan's
  current signed state (it was re-opened — the message says when, by whom and why — and the plan
  was edited or signed again since).
- **0, match**: the fingerprint is that of the version the plan is locked at, every leader has
  signed it, and the plan's content still has that fingerprint.

What this proves, and what it does not. The fingerprint is the SHA-256 of the signed content kept
in the plan file, so a match says the PDF *claims* the content the leaders signed, and the page
hashes say its text was not changed by a tool unaware of them (a PDF editor, a search-and-replace
in the file). They are not a cryptographic signature: someone who knows this format can change the
text, recompute the page hashes and rewrite the metadata, and the PDF would pass. Nor does it prove
that the plan file itself is the one that was signed. To be sure of a printed copy, export the PDF
again from the signed plan and compare the two.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite.domain.errors import NotAPlanError, OffsiteError
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.formatting import format_date_range
from offsite.domain.signoff import SignoffView, VersionView
from offsite.exchange.pdf import (
    KEY_FINGERPRINT,
    KEY_PAGE_TEXT,
    KEY_PLAN,
    KEY_STATUS,
    KEY_VERSION,
    STATUS_AWAITING,
    STATUS_DRAFT,
    STATUS_SIGNED,
    all_of,
    format_moment,
    page_text_hash,
)
from offsite.store.files import input_file, read_limited

MATCH = "match"
#: A signed plan's PDF is a few MB; a file far larger is not one (or is still being written).
MAX_PDF_BYTES = 1024 * 1024 * 1024

UNREADABLE = "unreadable"
NOT_OFFSITE = "not from Offsite"
ALTERED = "altered PDF"
ANOTHER_PLAN = "another plan"
NOT_SIGNED = "not signed"
UNKNOWN_VERSION = "unknown version"
EDITED_SINCE = "edited since"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome: the exit code (0, 1 or 2), which rule decided it, and one sentence for the user."""

    code: int
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class _Pdf:
    name: str
    title: str
    info: dict[str, str]
    texts: list[str]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    shown = [str(n) for n in numbers[:5]]
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    if more:
        return "pages " + ", ".join(shown) + more
    return "pages " + ", ".join(shown[:-1]) + " and " + shown[-1]


def _read_pdf(path: Path) -> _Pdf | Verdict:
    from pypdf import PdfReader

    # pypdf warns on stderr about the repairs it makes to a damaged file; the verdict says it all.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    name = path.name
    if not os.path.lexists(path):
        return Verdict(2, UNREADABLE, f"“{name}” cannot be read: it does not exist.")
    try:
        data = read_limited(path, MAX_PDF_BYTES)
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return Verdict(2, UNREADABLE, f"“{name}” is not a PDF.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return Verdict(2, UNREADABLE, f"“{name}” is encrypted, so its text cannot be checked.")
        raw: Any = reader.metadata or {}
        info = {str(key): str(value) for key, value in raw.items()}
        texts = [page.extract_text() for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds on a damaged file
        return Verdict(2, UNREADABLE, f"“{name}” is not a PDF Offsite can read ({type(error).__name__}).")
    return _Pdf(name, _flat(info.get("/Title", "")), info, texts)


def verify_pdf(plan_path: Path | str, pdf_path: Path | str) -> Verdict:
    """Check the PDF at ``pdf_path`` against the plan at ``plan_path`` (see the module docstring)."""
    try:
        input_file(Path(plan_path), NotAPlanError)  # the plan first: a pipe there must not wait for the PDF's reading
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    pdf = _read_pdf(Path(pdf_path))
    if isinstance(pdf, Verdict):
        return pdf
    from offsite.services.plans import open_plan

    try:
        plan = open_plan(plan_path, readonly=True)
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    except OSError as error:
        return Verdict(2, UNREADABLE, f"“{Path(plan_path).name}” cannot be read ({error.strerror or error}).")
    try:
        with plan.snapshot():  # the plan as one state, even while another program writes it
            return _verify(plan, pdf)
    finally:
        plan.close()


def _integrity(pdf: _Pdf) -> Verdict | None:
    """None when every page's text is what Offsite printed, else the altered-PDF verdict."""
    hashes = pdf.info.get(KEY_PAGE_TEXT, "").split()
    if len(hashes) != len(pdf.texts):
        return Verdict(
            1,
            ALTERED,
            f"“{pdf.name}” was altered after export: it has {len(pdf.texts)} pages, but Offsite "
            f"printed {len(hashes)}.",
        )
    changed = [
        n
        for n, (text, h) in enumerate(zip(pdf.texts, hashes, strict=True), start=1)
        if page_text_hash(text) != h
    ]
    if changed:
        return Verdict(
            1,
            ALTERED,
            f"“{pdf.name}” was altered after export: the text of {_pages(changed)} is not what Offsite printed.",
        )
    if pdf.info.get(KEY_STATUS) == STATUS_SIGNED:
        try:
            footer = f"Version {pdf.info.get(KEY_VERSION, '')} · fingerprint {short_fingerprint(pdf.info.get(KEY_FINGERPRINT, ''))}"
        except ValueError:
            return Verdict(1, ALTERED, f"“{pdf.name}” was altered after export: its fingerprint is damaged.")
        missing = [n for n, text in enumerate(pdf.texts, start=1) if footer not in _flat(text)]
        if missing:
            return Verdict(
                1,
                ALTERED,
                f"“{pdf.name}” was altered after export: the footer of {_pages(missing)} does not show "
                f"“{footer}”, the version and fingerprint it was signed with.",
            )
    return None


def _verify(plan: Any, pdf: _Pdf) -> Verdict:
    from offsite.services.plans import read_plan
    from offsite.services.signoff import content_fingerprint, read_signoff

    if not pdf.info.get(KEY_PLAN) or KEY_PAGE_TEXT not in pdf.info:
        return Verdict(
            1,
            NOT_OFFSITE,
            f"“{pdf.name}” carries no Offsite fingerprint: it was not exported by Offsite, or its "
            "document information was removed.",
        )
    altered = _integrity(pdf)
    if altered is not None:
        return altered
    view = read_plan(plan)
    title = _flat(view.details.title) or "Untitled offsite"
    plan_uid = _plan_uid(plan)
    if pdf.info[KEY_PLAN] != plan_uid:
        if pdf.title and pdf.title != title:
            message = f"“{pdf.name}” is the PDF of another plan (“{pdf.title}”), not of “{title}”."
        else:  # two plans may share a title: name the file instead
            message = f"“{pdf.name}” is the PDF of another plan file, not of “{plan.name}”, though both are titled “{title}”."
        return Verdict(1, ANOTHER_PLAN, message)
    status = pdf.info.get(KEY_STATUS, STATUS_DRAFT)
    if status == STATUS_AWAITING:
        return Verdict(
            1,
            NOT_SIGNED,
            f"“{pdf.name}” is a draft: it shows version {pdf.info.get(KEY_VERSION, '?')} of “{title}” "
            "before every leader had signed it; export it again once all have signed.",
        )
    if status != STATUS_SIGNED:
        return Verdict(
            1,
            NOT_SIGNED,
            f"“{pdf.name}” is a draft of “{title}”, exported before it was signed, so it has no fingerprint to check.",
        )
    fp = pdf.info.get(KEY_FINGERPRINT, "")
    number = pdf.info.get(KEY_VERSION, "")
    signoff = read_signoff(plan)
    matching = [v for v in signoff.versions if v.fingerprint == fp]
    version = next((v for v in matching if str(v.number) == number), matching[0] if matching else None)
    short = short_fingerprint(fp)
    if version is None:
        return Verdict(
            1,
            UNKNOWN_VERSION,
            f"“{pdf.name}” has fingerprint {short}, which matches no version of “{title}”: the PDF's "
            "information was changed, or this plan file is not the one it was signed from.",
        )
    current = signoff.current
    now = content_fingerprint(plan)
    if current is not None and current.id == version.id and now == fp:
        if signoff.signed_by_all:
            return Verdict(0, MATCH, _match_message(version, title, short))
        return Verdict(
            1,
            NOT_SIGNED,
            f"“{pdf.name}” shows version {version.number} of “{title}”, which "
            f"{len(signoff.unsigned_leader_ids)} leader(s) have not signed.",
        )
    return Verdict(1, EDITED_SINCE, _edited_since(pdf.name, title, version, signoff, now))


def _plan_uid(plan: Any) -> str:
    from sqlalchemy import select

    from offsite.store.models import Plan

    with plan.read() as session:
        return str(session.scalar(select(Plan.uid).order_by(Plan.id).limit(1)) or "")


def _match_message(version: VersionView, title: str, short: str) -> str:
    days = sorted(s.signed_at.date() for s in version.signatures)
    when = f" on {format_date_range(days[0], days[-1])}" if days else ""
    return (
        f"Matches version {version.number} of “{title}”, signed by {all_of(len(version.signatures))}"
        f"{when} (fingerprint {short})."
    )


def _edited_since(name: str, title: str, version: VersionView, signoff: SignoffView, now: str) -> str:
    head = f"“{name}” shows version {version.number} of “{title}”, which is no longer the signed plan"
    reopening = version.reopening
    if reopening is not None:
        head += (
            f": {reopening.by} re-opened it on {format_moment(reopening.at)} (“{_flat(reopening.reason)}”)"
        )
    current = signoff.current
    if current is not None:
        same = " with the same content" if current.fingerprint == version.fingerprint else ""
        state = "signed by all" if signoff.signed_by_all else "awaiting signatures"
        return f"{head}, and version {current.number} is {state} now{same}."
    if now != version.fingerprint:
        return f"{head}, and the plan has been edited since."
    return f"{head}, and it has not been signed again."

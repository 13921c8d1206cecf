"""``offsite verify PLAN PDF``: does this PDF show the plan as its leaders signed it?

What the export leaves in the PDF's document information (see ``offsite.exchange.pdf``): the
plan's uid, whether the PDF was signed or a draft, the version and its fingerprint, and the
SHA-256 of each page's text: the text the page draws, read back from its content streams through
its fonts' ToUnicode maps (``offsite.exchange.pdf.text``), or, for a PDF exported before that rule
(no ``/OffsitePageTextRule``), the text pypdf extracts, as it was hashed then. The checks, in
order, and their exit codes:

- **2, unreadable**: the PDF is missing, not a file or not a PDF pypdf can read; or the plan
  cannot be opened (missing, not a plan, made by a newer Offsite). Both files are opened for
  reading only and left exactly as they were.
- **1, not from Offsite**: the PDF carries no Offsite plan identity or page hashes.
- **1, altered PDF**: the PDF carries JavaScript, an action run on opening (``/OpenAction``,
  ``/AA``), a form or embedded files, none of which Offsite prints; a page's text is not what
  Offsite printed (the pages named), the page count differs, or a signed PDF's footer does not
  show the fingerprint of its own metadata.
- **1, another plan**: the PDF was made from a plan with another uid.
- **1, not signed**: the PDF is a draft (or was exported while its version awaited signatures).
- **1, unknown version**: no version of the plan has the PDF's fingerprint.
- **1, edited since**: the fingerprint is that of version N of this plan, but N is not the plan's
  current signed state (it was re-opened — the message says when, by whom and why — and the plan
  was edited or signed again since).
- **1, altered PDF** again: the PDF claims the version the plan is signed at, but is not byte for
  byte the PDF Offsite prints for it. The export of a signed version is deterministic (dated when
  the last leader signed, its /ID made from what it shows), so verify prints the version again
  from the plan, into a temporary folder, and compares; ``offsite.exchange.pdf_compare`` names the
  first difference (a page missing or added, an annotation, a crop box, a page that draws
  something more, other resources, the catalogue or document information). It adds why an honest
  copy may differ: another Offsite release exported it, or the leaders' alignment ratings (which
  a signed plan still takes, and the PDF shows) changed after signing.
- **2, unreadable** too when the version cannot be printed again (the fonts are missing).
- **0, match**: the fingerprint is that of the version the plan is locked at, every leader has
  signed it, the plan's content still has that fingerprint, and the PDF is the very bytes Offsite
  prints for it now.

Only the version the plan is locked at is printed again: the export reads the plan as it stands,
and the checks before say it stands exactly as frozen (the lock refuses every change to content).
A PDF of an older version gets "edited since" without that comparison.

What this proves, and what it does not. A match proves that every byte of the PDF — every page,
what it draws, its annotations, boxes, fonts and images, its catalogue — is what this Offsite
prints for the signed version kept in this plan file, so whatever a viewer shows of it is what the
leaders signed (as this Offsite lays it out). It does not prove that the plan file is the one that
was signed: the signatures are typed initials kept in the file, not cryptographic signatures, and
someone who can edit the plan file can sign a version of their own. A PDF exported by another
release of Offsite, or before the alignment ratings changed, fails although nobody altered it.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite.domain.errors import NotAPlanError, OffsiteError
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.formatting import format_date_range
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.signoff import SignoffView, VersionView
from offsite.exchange.pdf import (
    KEY_FINGERPRINT,
    KEY_LANGUAGE,
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
    page_texts,
    signed_footer,
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
OTHER_LANGUAGE = "other language"

#: The languages a PDF may be printed in, as a sentence names them (``/OffsiteLanguage``).
LANGUAGE_NAMES = {"en": QT_TRANSLATE_NOOP("Verify", "English"), "de": QT_TRANSLATE_NOOP("Verify", "German")}


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
    data: bytes


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return translate("Verify", "page {page}").format(page=numbers[0])
    shown = [str(n) for n in numbers[:5]]
    if len(numbers) > 5:
        return translate("Verify", "pages {pages} and {more} more").format(
            pages=", ".join(shown), more=len(numbers) - 5
        )
    return translate("Verify", "pages {pages} and {last}").format(pages=", ".join(shown[:-1]), last=shown[-1])


def _read_pdf(path: Path) -> _Pdf | Verdict:
    from pypdf import PdfReader

    # pypdf warns on stderr about the repairs it makes to a damaged file; the verdict says it all.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    name = path.name
    if not os.path.lexists(path):
        return Verdict(
            2,
            UNREADABLE,
            translate("Verify", "“{file}” cannot be read: it does not exist.").format(file=name),
        )
    try:
        data = read_limited(path, MAX_PDF_BYTES)
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return Verdict(2, UNREADABLE, translate("Verify", "“{file}” is not a PDF.").format(file=name))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return Verdict(
                2,
                UNREADABLE,
                translate("Verify", "“{file}” is encrypted, so its text cannot be checked.").format(
                    file=name
                ),
            )
        raw: Any = reader.metadata or {}
        info = {str(key): str(value) for key, value in raw.items()}
        texts = page_texts(reader, info)
    except Exception as error:  # pypdf raises many kinds on a damaged file
        return Verdict(
            2,
            UNREADABLE,
            translate("Verify", "“{file}” is not a PDF Offsite can read ({error}).").format(
                file=name, error=type(error).__name__
            ),
        )
    return _Pdf(name, _flat(info.get("/Title", "")), info, texts, data)


def verify_pdf(
    plan_path: Path | str, pdf_path: Path | str, *, speak: Callable[[str], object] | None = None
) -> Verdict:
    """Check the PDF at ``pdf_path`` against the plan at ``plan_path`` (see the module docstring).

    A signed PDF printed in another language than Offsite speaks is checked in that language when
    ``speak`` can switch to it (the command line's ``speak``: it has no window whose words would
    change); without it, the verdict says the PDF cannot be checked in this language.
    """
    try:
        input_file(
            Path(plan_path), NotAPlanError
        )  # the plan first: a pipe there must not wait for the PDF's reading
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    pdf = _read_pdf(Path(pdf_path))
    if isinstance(pdf, Verdict):
        return pdf
    printed_in = pdf.info.get(KEY_LANGUAGE, "en")
    if speak is not None and pdf.info.get(KEY_STATUS) == STATUS_SIGNED and printed_in != language():
        speak(printed_in)
    from offsite.services.plans import open_plan

    try:
        plan = open_plan(plan_path, readonly=True)
    except OffsiteError as error:
        return Verdict(2, UNREADABLE, str(error))
    except OSError as error:
        return Verdict(
            2,
            UNREADABLE,
            translate("Verify", "“{file}” cannot be read ({error}).").format(
                file=Path(plan_path).name, error=error.strerror or error
            ),
        )
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
            translate(
                "Verify",
                "“{file}” was altered after export: it has {pages} pages, but Offsite printed {printed}.",
            ).format(file=pdf.name, pages=len(pdf.texts), printed=len(hashes)),
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
            translate(
                "Verify",
                "“{file}” was altered after export: the text of {pages} is not what Offsite printed.",
            ).format(file=pdf.name, pages=_pages(changed)),
        )
    if pdf.info.get(KEY_STATUS) == STATUS_SIGNED:
        printed_in = pdf.info.get(KEY_LANGUAGE, "en")
        if printed_in != language():
            # The footers and the reprint speak the PDF's language: only Offsite speaking it can check them.
            return Verdict(
                2,
                OTHER_LANGUAGE,
                translate(
                    "Verify",
                    "“{file}” was printed in {language}: Offsite can check its footers and print it again "
                    "to compare only while it speaks {language} too.",
                ).format(file=pdf.name, language=_language_name(printed_in)),
            )
        try:
            footer = signed_footer(pdf.info.get(KEY_VERSION, ""), pdf.info.get(KEY_FINGERPRINT, ""))
        except ValueError:
            return Verdict(
                1,
                ALTERED,
                translate("Verify", "“{file}” was altered after export: its fingerprint is damaged.").format(
                    file=pdf.name
                ),
            )
        missing = [n for n, text in enumerate(pdf.texts, start=1) if footer not in _flat(text)]
        if missing:
            return Verdict(
                1,
                ALTERED,
                translate(
                    "Verify",
                    "“{file}” was altered after export: the footer of {pages} does not show "
                    "“{footer}”, the version and fingerprint it was signed with.",
                ).format(file=pdf.name, pages=_pages(missing), footer=footer),
            )
    return None


def _verify(plan: Any, pdf: _Pdf) -> Verdict:
    from offsite.services.plans import read_plan
    from offsite.services.signoff import content_fingerprints, read_signoff

    if not pdf.info.get(KEY_PLAN) or KEY_PAGE_TEXT not in pdf.info:
        return Verdict(
            1,
            NOT_OFFSITE,
            translate(
                "Verify",
                "“{file}” carries no Offsite fingerprint: it was not exported by Offsite, or its "
                "document information was removed.",
            ).format(file=pdf.name),
        )
    altered = _active(pdf) or _integrity(pdf)
    if altered is not None:
        return altered
    view = read_plan(plan)
    title = _flat(view.details.title) or translate("PdfPages", "Untitled offsite")
    plan_uid = _plan_uid(plan)
    if pdf.info[KEY_PLAN] != plan_uid:
        if pdf.title and pdf.title != title:
            message = translate(
                "Verify", "“{file}” is the PDF of another plan (“{other}”), not of “{title}”."
            ).format(file=pdf.name, other=pdf.title, title=title)
        else:  # two plans may share a title: name the file instead
            message = translate(
                "Verify",
                "“{file}” is the PDF of another plan file, not of “{plan}”, though both are titled “{title}”.",
            ).format(file=pdf.name, plan=plan.name, title=title)
        return Verdict(1, ANOTHER_PLAN, message)
    status = pdf.info.get(KEY_STATUS, STATUS_DRAFT)
    if status == STATUS_AWAITING:
        return Verdict(
            1,
            NOT_SIGNED,
            translate(
                "Verify",
                "“{file}” is a draft: it shows version {version} of “{title}” "
                "before every leader had signed it; export it again once all have signed.",
            ).format(file=pdf.name, version=pdf.info.get(KEY_VERSION, "?"), title=title),
        )
    if status != STATUS_SIGNED:
        return Verdict(
            1,
            NOT_SIGNED,
            translate(
                "Verify",
                "“{file}” is a draft of “{title}”, exported before it was signed, so it has no fingerprint to check.",
            ).format(file=pdf.name, title=title),
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
            translate(
                "Verify",
                "“{file}” has fingerprint {fingerprint}, which matches no version of “{title}”: the PDF's "
                "information was changed, or this plan file is not the one it was signed from.",
            ).format(file=pdf.name, fingerprint=short, title=title),
        )
    current = signoff.current
    now = content_fingerprints(plan)
    if current is not None and current.id == version.id and fp in now:
        if signoff.signed_by_all:
            reprinted = _reprinted(plan, pdf, version, title)
            return reprinted or Verdict(0, MATCH, _match_message(version, title, short))
        return Verdict(
            1,
            NOT_SIGNED,
            translate(
                "Verify",
                "“{file}” shows version {version} of “{title}”, which {count} leader(s) have not signed.",
            ).format(
                file=pdf.name, version=version.number, title=title, count=len(signoff.unsigned_leader_ids)
            ),
        )
    return Verdict(1, EDITED_SINCE, _edited_since(pdf.name, title, version, signoff, now))


def _active(pdf: _Pdf) -> Verdict | None:
    """The altered-PDF verdict when the PDF carries JavaScript, an opening action, a form or files."""
    from offsite.exchange.pdf_compare import active_content

    try:
        found = active_content(pdf.data)
    except Exception as error:  # pypdf raises many kinds on a damaged object
        found = translate("Verify", "parts of it cannot be read ({error})").format(error=type(error).__name__)
    if found is None:
        return None
    return Verdict(
        1,
        ALTERED,
        translate("Verify", "“{file}” was altered after export: {found}.").format(file=pdf.name, found=found),
    )


def _reprinted(plan: Any, pdf: _Pdf, version: VersionView, title: str) -> Verdict | None:
    """None when ``pdf`` is byte for byte the PDF Offsite prints for the signed version, else why not.

    The export is deterministic (``offsite.exchange.pdf``), so the signed version is printed again
    into a temporary folder, from the plan as it stands: the caller has checked that the plan is
    locked at that version with its content unchanged, so what prints is the frozen content.
    """
    from offsite.exchange.pdf import export_plan_pdf
    from offsite.exchange.pdf_compare import difference
    from offsite.services.survey import read_ratings

    try:
        with tempfile.TemporaryDirectory(prefix="offsite-verify-") as folder:
            made = export_plan_pdf(plan, Path(folder) / "signed.pdf").read_bytes()
    except OffsiteError as error:
        return Verdict(
            2,
            UNREADABLE,
            translate(
                "Verify",
                "Offsite could not print version {version} again to compare “{file}” with it: {error}",
            ).format(version=version.number, file=pdf.name, error=error),
        )
    if made == pdf.data:
        return None
    try:
        clause = difference(pdf.data, made)
    except Exception as error:  # pypdf raises many kinds on a damaged object
        clause = translate("Verify", "parts of it cannot be read ({error})").format(
            error=type(error).__name__
        )
    theirs = pdf.info.get("/Creator", "")
    ours = _creator(made)
    if theirs != ours and theirs.startswith("Offsite "):
        # Another release may lay the same plan out otherwise: only that release can re-create it.
        return Verdict(
            1,
            ALTERED,
            translate(
                "Verify",
                "“{file}” was exported by {theirs}, and this is {ours}, which prints version "
                "{version} of “{title}” otherwise ({difference}): verify it with {theirs}, or export "
                "the plan again.",
            ).format(
                file=pdf.name,
                theirs=theirs,
                ours=ours,
                version=version.number,
                title=title,
                difference=clause,
            ),
        )
    message = translate("Verify", "“{file}” was altered after export: {found}.").format(
        file=pdf.name, found=clause
    )
    signed_at = max((s.signed_at for s in version.signatures), default=None)
    later = [r.rated_at for r in read_ratings(plan).ratings if signed_at and r.rated_at > signed_at]
    if later:
        # The survey stays open on a signed plan and shows in the PDF: an honest early copy differs too.
        message += " " + translate(
            "Verify",
            "The leaders' alignment ratings changed after the plan was signed (last on "
            "{moment}), so a PDF exported before then shows the earlier ratings: "
            "export it again to compare.",
        ).format(moment=format_moment(max(later)))
    return Verdict(1, ALTERED, message)


def _creator(data: bytes) -> str:
    from pypdf import PdfReader

    raw: Any = PdfReader(io.BytesIO(data)).metadata or {}
    return str(raw.get("/Creator", ""))


def _plan_uid(plan: Any) -> str:
    from sqlalchemy import select

    from offsite.store.models import Plan

    with plan.read() as session:
        return str(session.scalar(select(Plan.uid).order_by(Plan.id).limit(1)) or "")


def _match_message(version: VersionView, title: str, short: str) -> str:
    days = sorted(s.signed_at.date() for s in version.signatures)
    if days:
        sentence = translate(
            "Verify",
            "Matches version {version} of “{title}”, signed by {leaders} on {days} (fingerprint {fingerprint}).",
        )
    else:
        sentence = translate(
            "Verify",
            "Matches version {version} of “{title}”, signed by {leaders} (fingerprint {fingerprint}).",
        )
    return sentence.format(
        version=version.number,
        title=title,
        leaders=all_of(len(version.signatures)),
        days=format_date_range(days[0], days[-1]) if days else "",
        fingerprint=short,
    )


def _edited_since(
    name: str, title: str, version: VersionView, signoff: SignoffView, now: frozenset[str]
) -> str:
    reopening = version.reopening
    if reopening is not None:
        head = translate(
            "Verify",
            "“{file}” shows version {version} of “{title}”, which is no longer the signed plan: "
            "{leader} re-opened it on {moment} (“{reason}”)",
        ).format(
            file=name,
            version=version.number,
            title=title,
            leader=reopening.by,
            moment=format_moment(reopening.at),
            reason=_flat(reopening.reason),
        )
    else:
        head = translate(
            "Verify", "“{file}” shows version {version} of “{title}”, which is no longer the signed plan"
        ).format(file=name, version=version.number, title=title)
    current = signoff.current
    if current is not None:
        same = current.fingerprint == version.fingerprint
        if signoff.signed_by_all:
            tail = (
                translate(
                    "Verify", "{head}, and version {version} is signed by all now with the same content."
                )
                if same
                else translate("Verify", "{head}, and version {version} is signed by all now.")
            )
        else:
            tail = (
                translate(
                    "Verify",
                    "{head}, and version {version} is awaiting signatures now with the same content.",
                )
                if same
                else translate("Verify", "{head}, and version {version} is awaiting signatures now.")
            )
        return tail.format(head=head, version=current.number)
    if version.fingerprint not in now:
        return translate("Verify", "{head}, and the plan has been edited since.").format(head=head)
    return translate("Verify", "{head}, and it has not been signed again.").format(head=head)


def _language_name(code: str) -> str:
    """ "German" for "de": the language a PDF was printed in, as a sentence names it."""
    return translate("Verify", LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code

"""Signed or draft, decided from the sign-off record alone: what the footers say, and the document
information ``offsite verify`` reads (status, version, fingerprint, the hash of each page's text,
and by which rule that text is read: see ``page_texts``).

A signed version prints the same bytes whenever it is exported: dated when its last leader signed,
its /ID made from its metadata and page hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.signoff import VersionView
from offsite.exchange.pdf.extras import PdfExtras
from offsite.exchange.pdf.text import drawn_texts
from offsite.exchange.pdf.wording import whole

#: What ``/OffsiteStatus`` says, and what ``offsite verify`` reads.
STATUS_DRAFT, STATUS_AWAITING, STATUS_SIGNED = "draft", "awaiting", "signed"


#: The document information keys the export writes for ``offsite verify``.
KEY_PLAN, KEY_STATUS, KEY_VERSION, KEY_FINGERPRINT, KEY_PAGE_TEXT, KEY_TEXT_RULE = (
    "/OffsitePlan",
    "/OffsiteStatus",
    "/OffsiteVersion",
    "/OffsiteFingerprint",
    "/OffsitePageText",
    "/OffsitePageTextRule",
)

#: The language a PDF was printed in (``/OffsiteLanguage``), written only when it is not English, so
#: an English PDF keeps the bytes it always had: ``offsite verify`` prints it again in that language.
KEY_LANGUAGE = "/OffsiteLanguage"

#: What ``/OffsitePageTextRule`` says when each page's hash is of the text it draws
#: (``offsite.exchange.pdf.text``). PDFs without it (exported before) hash the text pypdf extracts.
TEXT_RULE_DRAWN = "drawn"


DRAFT_FOOTER = QT_TRANSLATE_NOOP("PdfSeal", "DRAFT — not signed")


def page_text_hash(text: str) -> str:
    """The SHA-256 of one page's text, with whitespace runs made one space, in NFC."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def page_texts(reader: Any, info: Mapping[str, str]) -> list[str]:
    """Each page's text as the PDF's own rule hashes it (``info`` is its document information).

    A PDF that says its hashes are of the drawn text is read back with ``text.drawn_texts``; one
    exported before that rule existed, with pypdf's text extraction, as it was then hashed.
    """
    if info.get(KEY_TEXT_RULE) == TEXT_RULE_DRAWN:
        return drawn_texts(reader)
    return [page.extract_text() for page in reader.pages]


def signed_footer(version: str, fingerprint: str) -> str:
    """What every footer of a signed PDF says: "Version 3 · fingerprint 3f2a 9c1b 0d4e 77aa".

    ``offsite verify`` looks for this very text on every page, in the language the PDF speaks.
    Raises ValueError for a fingerprint that is not one (``short_fingerprint``).
    """
    return translate("PdfSeal", "Version {version} · fingerprint {fingerprint}").format(
        version=version, fingerprint=short_fingerprint(fingerprint)
    )


@dataclass(frozen=True, slots=True)
class Seal:
    """Whether the PDF is signed, and what its footers and metadata say about it."""

    status: str
    plan_uid: str
    version: VersionView | None
    signed: int = 0
    required: int = 0
    drafted_by: str = ""

    @classmethod
    def of(cls, extras: PdfExtras) -> Seal:
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
            return translate("PdfSeal", "DRAFT — {draft}, not the plan").format(draft=self.drafted_by)
        if self.version is None:
            return translate("PdfSeal", DRAFT_FOOTER)
        if self.status == STATUS_AWAITING:
            return translate(
                "PdfSeal", "DRAFT — version {version} awaiting signatures ({signed} of {required})"
            ).format(
                version=whole(self.version.number),
                signed=whole(self.signed),
                required=whole(self.required),
            )
        return signed_footer(str(self.version.number), self.version.fingerprint)

    @property
    def moment(self) -> dt.datetime | None:
        """When a signed version was signed by all (its last signature): the signed PDF's date; None for a draft."""
        if self.version is None or self.status != STATUS_SIGNED or not self.version.signatures:
            return None
        return max(s.signed_at for s in self.version.signatures)

    def metadata(self) -> dict[str, str]:
        info = {KEY_PLAN: self.plan_uid, KEY_STATUS: self.status}
        if language() != "en":
            info[KEY_LANGUAGE] = language()
        if self.version is not None:
            info[KEY_VERSION] = str(self.version.number)
            info[KEY_FINGERPRINT] = self.version.fingerprint
        return info


def with_metadata(data: bytes, seal: Seal, texts: Sequence[str]) -> bytes:
    """``data`` with the sign-off metadata and the hash of each page's text in its document information.

    ``texts`` is what each page drew, recorded while drawing (``canvas``): the PDF is not read
    back for it.
    """
    keywords = None
    if seal.version is not None and seal.status == STATUS_SIGNED:
        keywords = f"Offsite signed plan; fingerprint {seal.version.fingerprint}"
    # A signed version prints byte for byte the same PDF whenever it is exported (``offsite verify``
    # prints it again and compares): dated when it was signed, its /ID made from what it shows.
    # A draft is dated when it is exported, which tells two drafts apart.
    return stamped(data, seal.metadata(), texts, seal.moment or dt.datetime.now(dt.UTC), keywords)


def stamped(
    data: bytes,
    info: Mapping[str, str],
    texts: Sequence[str],
    moment: dt.datetime,
    keywords: str | None = None,
) -> bytes:
    """``data`` with ``info`` and the hash of each page's drawn text in its document information,
    dated ``moment``, its /ID made from ``info`` and those hashes (so the same content gives the same
    bytes)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(io.BytesIO(data))
    hashes = [page_text_hash(text) for text in texts]
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({**info, KEY_PAGE_TEXT: " ".join(hashes), KEY_TEXT_RULE: TEXT_RULE_DRAWN})
    if keywords is not None:
        writer.add_metadata({"/Keywords": keywords})
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    date = f"D:{moment:%Y%m%d%H%M%S}+00'00'"
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    identity = hashlib.sha256(
        "\n".join([*(f"{k}={v}" for k, v in sorted(info.items())), *hashes]).encode()
    ).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(identity), ByteStringObject(identity)])  # pypdf has no setter
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()

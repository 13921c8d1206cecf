"""Verbs of the Sign-off: freezing the plan as a version, each leader's signature, re-opening.

While a version is frozen and not re-opened the plan is locked: the database's own triggers
refuse every change to its content (PlanSignedError; see offsite.store.lock), so no verb can
forget. Versions and reopenings are a record that is only ever added to. A signature is a
leader's own act: their initials (or someone else's on their behalf, with a reason); until every
leader has signed it may be undone or withdrawn, and a withdrawal stays in the record.

The content of a version is the canonical form (offsite.domain.fingerprint) of what a signature
covers (``offsite.store.document.signed_content``), and its fingerprint is that text's SHA-256;
``freeze`` makes both from the plan as it stands, ``freeze_version`` stores them and checks that
they agree. ``content_fingerprint`` says whether the plan has changed since a version was frozen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from offsite.domain.agreements import AgreementStanceEvent, current_agreement_stances
from offsite.domain.buyin import current_stances, is_bought_in, leaders_concerned
from offsite.domain.errors import EditRefusedError
from offsite.domain.fingerprint import canonical_form
from offsite.domain.fingerprint import fingerprint as content_digest
from offsite.domain.language import language, plural, translate
from offsite.domain.rules import clean_text
from offsite.domain.signoff import (
    MAX_INITIALS,
    PendingAgreement,
    PendingObjective,
    Readiness,
    ReopeningView,
    SignatureView,
    SignoffView,
    VersionView,
    WithdrawalView,
    initials_match,
    initials_of,
    signing_initials,
)
from offsite.domain.signoff import clean_initials as _check_initials
from offsite.domain.values import Kind, LeaderView, ObjectiveView, Stance, StanceEvent
from offsite.services.buyin import utc_now
from offsite.services.changes import Created, add_row
from offsite.services.outbox import sendable
from offsite.services.signatures import final_signatures_refusal
from offsite.services.signatures import locked_version as _locked_version
from offsite.store.document import signed_content, signed_fingerprints
from offsite.store.models import (
    Agreement,
    AgreementStance,
    Draft,
    Leader,
    Objective,
    ObjectiveTeam,
    PlanVersion,
    Reopening,
    Signature,
    SignatureWithdrawal,
    StanceRecord,
)
from offsite.store.planfile import PlanFile

__all__ = ["MAX_INITIALS", "clean_initials"]

_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


# --- Readiness -------------------------------------------------------------------------------------


def _readiness(session: Session) -> Readiness:
    leaders = [
        LeaderView(p.id, p.name, p.title, p.team_id, p.uid, p.initials)
        for p in session.scalars(select(Leader).order_by(Leader.position, Leader.id))
    ]
    teams: dict[int, list[int]] = defaultdict(list)
    for objective_id, team_id in session.execute(select(ObjectiveTeam.objective_id, ObjectiveTeam.team_id)):
        teams[objective_id].append(team_id)
    stances = current_stances(
        StanceEvent(r.id, r.objective_id, r.leader_id, _stance(r.stance), r.comment, r.recorded_at)
        for r in session.scalars(select(StanceRecord))
    )
    objectives = [
        ObjectiveView(o.id, o.statement, o.period, o.method, tuple(teams[o.id]), ())
        for o in session.scalars(select(Objective).order_by(Objective.position, Objective.id))
    ]
    pending = []
    for objective in objectives:
        if is_bought_in(objective, leaders, stances):
            continue
        waiting = tuple(
            leader.name
            for leader in leaders_concerned(objective, leaders)
            if (event := stances.get((objective.id, leader.id))) is None or event.stance is not Stance.AGREED
        )
        pending.append(PendingObjective(objective.id, objective.statement, waiting))
    agreements = list(
        session.execute(
            select(Agreement.id, Agreement.kind, Agreement.title).order_by(Agreement.position, Agreement.id)
        )
    )
    return Readiness(
        len(objectives), tuple(pending), len(agreements), _agreements_pending(session, agreements, leaders)
    )


def _agreements_pending(
    session: Session, agreements: list[Any], leaders: list[LeaderView]
) -> tuple[PendingAgreement, ...]:
    """The agreements not bought in, each with who it waits on: every leader, for it binds both teams."""
    agreed = {
        key
        for key, event in current_agreement_stances(
            AgreementStanceEvent(
                r.id, r.agreement_id, r.leader_id, _stance(r.stance), r.comment, r.recorded_at
            )
            for r in session.scalars(select(AgreementStance))
        ).items()
        if event.stance is Stance.AGREED
    }
    found = []
    for agreement_id, kind, title in agreements:
        waiting = tuple(leader.name for leader in leaders if (agreement_id, leader.id) not in agreed)
        if waiting or not leaders:
            found.append(PendingAgreement(agreement_id, kind, title, waiting))
    return tuple(found)


def _stance(value: str) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        return Stance.PENDING  # an unknown stance is no agreement; ``offsite check`` names it


def readiness(plan: PlanFile) -> Readiness:
    """Which objectives are not bought in yet, and who each waits on (by name).

    An objective whose teams have no leaders waits on nobody yet is not bought in (``waiting_on`` empty).
    """
    with plan.read() as session:
        return _readiness(session)


# --- Freezing, signing, re-opening -----------------------------------------------------------------


def _required(value: object, label: str, example: str) -> str:
    """``value`` cleaned; ``label`` and ``example`` (translated) say what is missing when it is blank."""
    cleaned = clean_text(value, label).strip()
    if not cleaned:
        raise EditRefusedError(
            translate("SignoffService", "{field} cannot be blank: {example}.").format(
                field=label, example=example
            )
        )
    return cleaned


def _not_bought_in(ready: Readiness) -> str:
    """Why a plan is not frozen without a reason: what is not bought in, three of them named."""
    counted = []
    if ready.pending:
        n = len(ready.pending)
        counted.append(
            plural(
                n,
                translate("SignoffService", "{count} objective"),
                translate("SignoffService", "{count} objectives"),
            ).format(count=n)
        )
    if ready.agreements_pending:
        n = len(ready.agreements_pending)
        counted.append(
            plural(
                n,
                translate("SignoffService", "{count} agreement"),
                translate("SignoffService", "{count} agreements"),
            ).format(count=n)
        )
    # Mid-sentence an English kind starts lower case ("hand-off “Demo”"); German nouns keep their capital.
    named = [
        translate("SignoffService", "“{objective}”").format(objective=p.statement) for p in ready.pending
    ] + [
        p.named[0].lower() + p.named[1:] if language() == "en" else p.named for p in ready.agreements_pending
    ]
    what = (
        translate("SignoffService", "{first} and {second}").format(first=counted[0], second=counted[1])
        if len(counted) > 1
        else counted[0]
    )
    listed = ", ".join(named[:3])
    if len(named) > 3:
        listed = translate("SignoffService", "{names} and {count} more").format(
            names=listed, count=len(named) - 3
        )
    if len(named) == 1:
        sentence = translate(
            "SignoffService",
            "{what} is not bought in yet ({names}). Win their agreement, or give a reason to freeze anyway.",
        )
    else:
        sentence = translate(
            "SignoffService",
            "{what} are not bought in yet ({names}). Win their agreement, or give a reason to freeze anyway.",
        )
    return sentence.format(what=what, names=listed)


def freeze_version(
    plan: PlanFile,
    content_json: str,
    fingerprint: str,
    *,
    frozen_by: str,
    override_reason: str | None = None,
    at: dt.datetime | None = None,
) -> Created:
    """Freeze the plan as the next version (1, 2, …) and lock it for signing.

    ``content_json`` is the canonical JSON of the plan's content and ``fingerprint`` its SHA-256
    (hex, lower case), both made by the exchange layer; they must agree. Refused while a version
    is locked already, and unless every objective is bought in or ``override_reason`` says why
    the plan is frozen anyway (the reason is kept with the version).

    Undo: ``changes.remove(plan, Kind.VERSION, id)`` unlocks, until the first signature (then it
    refuses, and re-opening is the way back); redo: ``changes.restore``.
    """
    frozen_by = _required(
        frozen_by,
        translate("SignoffService", "Frozen by"),
        translate("SignoffService", "say who froze the plan"),
    )
    reason = None
    if override_reason is not None:
        reason = clean_text(override_reason, translate("SignoffService", "Override reason")).strip() or None
    if not isinstance(content_json, str):
        raise EditRefusedError(translate("SignoffService", "The frozen content must be JSON text."))
    try:
        document = json.loads(content_json)
    except ValueError:
        raise EditRefusedError(
            translate("SignoffService", "The frozen content is not valid JSON; export the plan again.")
        ) from None
    if not isinstance(document, dict):
        raise EditRefusedError(
            translate(
                "SignoffService", "The frozen content must be a JSON object, the plan's interchange document."
            )
        )
    if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
        raise EditRefusedError(
            translate(
                "SignoffService", "The fingerprint must be a SHA-256 in hex: 64 characters, 0–9 and a–f."
            )
        )
    try:
        digest = hashlib.sha256(content_json.encode("utf-8")).hexdigest()
    except UnicodeEncodeError:
        raise EditRefusedError(
            translate("SignoffService", "The frozen content holds a broken character; export the plan again.")
        ) from None
    if digest != fingerprint:
        raise EditRefusedError(
            translate(
                "SignoffService",
                "The fingerprint does not match the frozen content, so the plan was not frozen; export it again.",
            )
        )
    with plan.write() as session:
        draft = session.scalars(select(Draft).limit(1)).first()
        if draft is not None:
            raise EditRefusedError(
                translate(
                    "SignoffService",
                    "This file is {leader}’s draft, and a draft is not signed: bring it to the "
                    "facilitator to merge into the plan (File ▸ Merge Drafts), and sign the plan.",
                ).format(leader=draft.leader_name)
            )
        locked = _locked_version(session)
        if locked is not None:
            raise EditRefusedError(
                translate(
                    "SignoffService",
                    "The plan is frozen as version {number} already; re-open it before freezing again.",
                ).format(number=locked.number)
            )
        ready = _readiness(session)
        if not ready.ready and reason is None:
            if ready.objective_count == 0:
                raise EditRefusedError(
                    translate(
                        "SignoffService",
                        "The plan has no objectives to sign yet; add them, or give a reason to freeze it anyway.",
                    )
                )
            raise EditRefusedError(_not_bought_in(ready))
        number = int(session.scalar(select(func.coalesce(func.max(PlanVersion.number), 0))) or 0) + 1
        version = PlanVersion(
            number=number,
            frozen_at=at or utc_now(),
            frozen_by=frozen_by,
            content=content_json,
            fingerprint=fingerprint,
            override_reason=reason,
        )
        return add_row(session, Kind.VERSION, version)


def freeze(
    plan: PlanFile,
    *,
    frozen_by: str,
    override_reason: str | None = None,
    at: dt.datetime | None = None,
) -> Created:
    """Freeze the plan as it stands now as the next version: the one entry point for the GUI and CLI.

    The version's content is the canonical form of ``signed_content(plan)`` and its fingerprint
    that form's SHA-256, so the fingerprint can be recomputed from an exported JSON file. Refused
    as ``freeze_version`` refuses (locked already; objectives not bought in without a reason).
    The content is read in one transaction and frozen in the next; a change in between is
    harmless, because the check of the lock and readiness is made again on freezing.

    Undo: as ``freeze_version``.
    """
    content = signed_content(plan)
    try:
        canonical = canonical_form(content)
    except (TypeError, ValueError) as error:
        raise EditRefusedError(
            translate(
                "SignoffService",
                "The plan holds a value that cannot be signed ({error}); run “offsite check” on it.",
            ).format(error=error)
        ) from None
    return freeze_version(
        plan,
        canonical.decode("utf-8"),
        hashlib.sha256(canonical).hexdigest(),
        frozen_by=frozen_by,
        override_reason=override_reason,
        at=at,
    )


def content_fingerprint(plan: PlanFile) -> str:
    """The fingerprint of the plan as it stands now: equal to a version's while nothing it covers changed.

    Signing, re-opening and the survey leave it as it is; any edit of the content changes it.
    """
    return content_digest(signed_content(plan))


def content_fingerprints(plan: PlanFile) -> frozenset[str]:
    """``content_fingerprint``, and the one a version frozen before the buy-in histories were listed
    in the order recorded has for the same, unchanged plan (see ``signed_fingerprints``)."""
    return signed_fingerprints(signed_content(plan))


def version_content(plan: PlanFile, version_id: int) -> dict[str, Any]:
    """The signed content a version froze, parsed from its stored canonical JSON.

    Raises EditRefusedError when the version no longer exists (its freeze was undone).
    """
    with plan.read() as session:
        version = session.get(PlanVersion, version_id)
        if version is None:
            raise EditRefusedError(
                translate(
                    "SignoffService", "That version no longer exists in the plan (its freeze was undone?)."
                )
            )
        content = version.content
    try:
        parsed = json.loads(content)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise EditRefusedError(
            translate(
                "SignoffService",
                "The version's stored content is not a plan; run “offsite check” on the plan.",
            )
        )
    return parsed


def clean_initials(value: object) -> str:
    """Typed initials: one to five characters, starting with a letter, letters or . - ' after."""
    return _check_initials(clean_text(value, translate("SignoffService", "Initials")))


@sendable
def sign(
    plan: PlanFile,
    version_id: int,
    leader_id: int,
    initials: str,
    *,
    on_behalf_by: str | None = None,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Created:
    """A leader signs the locked version with their own initials; the name is kept as it is today.

    The initials must be the leader's (``signing_initials``: set on the Prepare page, else those
    of their name), compared without case or accents. Someone else may sign *on behalf* of the
    leader: ``on_behalf_by`` names them, ``reason`` says why, and the initials are the signer's
    own (a leader's set initials when the signer is a leader of the plan); all of it is kept.
    Refused, writing nothing, for wrong initials, for a version that has been re-opened or
    superseded, and for a leader who signed it already.

    Undo: ``changes.remove(plan, Kind.SIGNATURE, id)`` takes it out while other leaders have yet
    to sign; once every leader has signed the signatures are final. Redo: ``changes.restore``.
    """
    initials = clean_initials(initials)
    signer = None
    if on_behalf_by is not None:
        signer = _required(
            on_behalf_by,
            translate("SignoffService", "Signed by"),
            translate("SignoffService", "say who signs on the leader's behalf"),
        )
        reason = _required(
            reason,
            translate("SignoffService", "Reason"),
            translate("SignoffService", "say why the leader does not sign themself"),
        )
    with plan.write() as session:
        version = session.get(PlanVersion, version_id)
        if version is None:
            raise EditRefusedError(
                translate(
                    "SignoffService", "That version no longer exists in the plan (its freeze was undone?)."
                )
            )
        locked = _locked_version(session)
        if locked is None or locked.id != version.id:
            if locked is not None:
                refusal = translate(
                    "SignoffService",
                    "Version {number} has been re-opened or superseded, so it cannot be signed; sign version {locked}.",
                ).format(number=version.number, locked=locked.number)
            else:
                refusal = translate(
                    "SignoffService",
                    "Version {number} has been re-opened or superseded, so it cannot be signed.",
                ).format(number=version.number)
            raise EditRefusedError(refusal)
        leader = session.get(Leader, leader_id)
        if leader is None:
            raise EditRefusedError(
                translate("SignoffService", "That leader no longer exists in the plan (removed elsewhere?).")
            )
        signed = session.scalars(
            select(Signature).where(
                (Signature.version_id == version.id) & (Signature.leader_uid == leader.uid)
            )
        ).first()
        if signed is not None:
            raise EditRefusedError(
                translate("SignoffService", "{leader} has signed version {number} already.").format(
                    leader=leader.name, number=version.number
                )
            )
        if signer is None:
            expected = signing_initials(
                LeaderView(leader.id, leader.name, "", None, leader.uid, leader.initials)
            )
            if not initials_match(initials, expected):
                if expected:
                    refusal = translate(
                        "SignoffService",
                        "Those are not {leader}’s initials ({initials}). To sign for someone else, "
                        "choose ‘Sign on behalf’ and give a reason.",
                    ).format(leader=leader.name, initials=expected)
                else:
                    refusal = translate(
                        "SignoffService",
                        "Those are not {leader}’s initials. To sign for someone else, "
                        "choose ‘Sign on behalf’ and give a reason.",
                    ).format(leader=leader.name)
                raise EditRefusedError(refusal)
        else:
            _check_signer(session, leader, signer, initials)
        signature = Signature(
            version_id=version.id,
            leader_uid=leader.uid,
            leader_name=leader.name,
            initials=initials,
            signed_at=at or utc_now(),
            signed_by=signer or "",
            behalf_reason=reason if signer else "",
        )
        return add_row(session, Kind.SIGNATURE, signature)


def _check_signer(session: Session, leader: Leader, signer: str, initials: str) -> None:
    """Someone signing on a leader's behalf signs with their own initials, and is not the leader."""
    fold = signer.casefold()
    if fold == leader.name.strip().casefold():
        raise EditRefusedError(
            translate(
                "SignoffService",
                "{leader} is signing as themself: clear ‘Sign on behalf’ and type their initials.",
            ).format(leader=leader.name)
        )
    colleague = next((p for p in session.scalars(select(Leader)) if p.name.strip().casefold() == fold), None)
    if colleague is not None:
        expected = signing_initials(
            LeaderView(colleague.id, colleague.name, "", None, colleague.uid, colleague.initials)
        )
    else:
        expected = initials_of(signer)
    if expected and not initials_match(initials, expected):
        raise EditRefusedError(
            translate(
                "SignoffService",
                "Those are not {signer}’s initials ({initials}): whoever signs on behalf signs with their own.",
            ).format(signer=signer, initials=expected)
        )


#: What a signature says about its signing; a withdrawal keeps a copy, and undo puts it back.
_SIGNED = ("leader_uid", "leader_name", "initials", "signed_at", "signed_by", "behalf_reason")


def _signed(row: Signature | SignatureWithdrawal) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _SIGNED}


def withdraw_signature(plan: PlanFile, signature_id: int, *, at: dt.datetime | None = None) -> int:
    """Take back a signature while other leaders have yet to sign; returns the withdrawal's id.

    The signature leaves the version (the leader may sign again) and the withdrawal, with a copy
    of it, stays in the sign-off history. Refused once every leader has signed (the signatures
    are final), and for a version re-opened or superseded.

    Undo: ``take_back_withdrawal``; redo: this again.
    """
    with plan.write() as session:
        signature = session.get(Signature, signature_id)
        if signature is None:
            raise EditRefusedError(
                translate("SignoffService", "That signature is no longer in the plan (withdrawn elsewhere?).")
            )
        refusal = final_signatures_refusal(session, signature.version_id)
        if refusal is not None:
            raise EditRefusedError(refusal)
        withdrawal = SignatureWithdrawal(
            version_id=signature.version_id,
            signature_uid=signature.uid,
            withdrawn_at=at or utc_now(),
            **_signed(signature),
        )
        session.add(withdrawal)
        session.delete(signature)
        session.flush()
        return withdrawal.id


def take_back_withdrawal(plan: PlanFile, withdrawal_id: int) -> int:
    """Undo a withdrawal: the signature is back as it was, the withdrawal gone; returns the signature's id.

    Refused when the leader has signed the version again since, and once the version was re-opened.
    """
    with plan.write() as session:
        withdrawal = session.get(SignatureWithdrawal, withdrawal_id)
        if withdrawal is None:
            raise EditRefusedError(translate("SignoffService", "That withdrawal is no longer in the plan."))
        version = session.get(PlanVersion, withdrawal.version_id)
        locked = _locked_version(session)
        if version is None or locked is None or locked.id != version.id:
            raise EditRefusedError(
                translate(
                    "SignoffService",
                    "That version has been re-opened since; its withdrawn signature stays withdrawn.",
                )
            )
        again = session.scalars(
            select(Signature).where(
                (Signature.version_id == version.id) & (Signature.leader_uid == withdrawal.leader_uid)
            )
        ).first()
        if again is not None:
            raise EditRefusedError(
                translate("SignoffService", "{leader} has signed version {number} again since.").format(
                    leader=withdrawal.leader_name, number=version.number
                )
            )
        signature = Signature(
            uid=withdrawal.signature_uid,
            version_id=version.id,
            **_signed(withdrawal),
        )
        session.add(signature)
        session.delete(withdrawal)
        session.flush()
        return signature.id


def reopen(plan: PlanFile, by: str, reason: str, *, at: dt.datetime | None = None) -> Created:
    """Re-open the locked version for editing, recording who, when and why; every version stays.

    Undo: none (``changes.remove`` refuses a reopening); freeze a new version to sign again.
    """
    by = _required(
        by,
        translate("SignoffService", "Re-opened by"),
        translate("SignoffService", "say who re-opens the plan"),
    )
    reason = _required(
        reason,
        translate("SignoffService", "Reason"),
        translate("SignoffService", "say why the signed plan must change"),
    )
    with plan.write() as session:
        locked = _locked_version(session)
        if locked is None:
            raise EditRefusedError(
                translate(
                    "SignoffService", "The plan is not signed or frozen, so it is open for editing already."
                )
            )
        reopening = Reopening(version_id=locked.id, by=by, at=at or utc_now(), reason=reason)
        return add_row(session, Kind.REOPENING, reopening)


# --- Reading ---------------------------------------------------------------------------------------


def read_signoff(plan: PlanFile) -> SignoffView:
    """Every version newest first, with signatures (in signing order) and reopening; the lock; who has yet to sign."""
    with plan.read() as session:
        signatures: dict[int, list[SignatureView]] = defaultdict(list)
        for g in session.scalars(select(Signature).order_by(Signature.signed_at, Signature.id)):
            signatures[g.version_id].append(
                SignatureView(
                    g.id,
                    g.version_id,
                    g.leader_uid,
                    g.leader_name,
                    g.initials,
                    g.signed_at,
                    g.signed_by,
                    g.behalf_reason,
                    g.uid,
                )
            )
        withdrawals: dict[int, list[WithdrawalView]] = defaultdict(list)
        for w in session.scalars(
            select(SignatureWithdrawal).order_by(SignatureWithdrawal.withdrawn_at, SignatureWithdrawal.id)
        ):
            withdrawals[w.version_id].append(
                WithdrawalView(
                    w.id,
                    w.version_id,
                    w.leader_uid,
                    w.leader_name,
                    w.initials,
                    w.signed_at,
                    w.signed_by,
                    w.behalf_reason,
                    w.withdrawn_at,
                    w.uid,
                )
            )
        reopenings = {
            r.version_id: ReopeningView(r.id, r.version_id, r.by, r.at, r.reason)
            for r in session.scalars(select(Reopening))
        }
        versions = tuple(
            VersionView(
                v.id,
                v.uid,
                v.number,
                v.frozen_at,
                v.frozen_by,
                v.content,
                v.fingerprint,
                v.override_reason,
                tuple(signatures[v.id]),
                reopenings.get(v.id),
                tuple(withdrawals[v.id]),
            )
            for v in session.scalars(select(PlanVersion).order_by(PlanVersion.number.desc()))
        )
        locked = _locked_version(session)
        leaders = list(session.execute(select(Leader.id, Leader.uid).order_by(Leader.position, Leader.id)))
    signed = {g.leader_uid for g in signatures[locked.id]} if locked is not None else set()
    return SignoffView(
        versions,
        locked.id if locked is not None else None,
        tuple(leader_id for leader_id, uid in leaders if uid not in signed),
    )

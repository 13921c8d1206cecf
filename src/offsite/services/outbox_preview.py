"""The preview of a laptop's kept edits: each one in words, and what it meets on the server now.

As a merged draft's preview does, each line names the edit ("Your stance on “Fill the pipeline”:
Agreed") and, when the plan moved on meanwhile, what changed: the objective reworded on the
server since the leader saw it (sending is the leader's choice), or removed, or the plan frozen
(it cannot be sent). The server is read as the laptop's own role; the replica tells what the
leader saw when typing.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select

from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Stance
from offsite.services.outbox_codec import decode as _decode
from offsite.store.lock import LOCKED_VERSION_QUERY
from offsite.store.models import Agreement, Candidate, Definition, Metric, Objective, PlanVersion
from offsite.store.room.outbox import Intent


@dataclasses.dataclass(frozen=True)
class PendingEdit:
    """One kept edit as the preview shows it: what it is, and what sending it would meet."""

    intent_id: int
    what: str
    #: "" when it can be sent as it is; else why the leader might not want to (or cannot).
    conflict: str = ""
    #: False when the server would refuse it whatever the leader chooses.
    sendable: bool = True


#: Per verb: the subject's table, the column its words are in, the noun, and which argument names it.
_SUBJECTS: dict[str, tuple[Any, str, str, int]] = {
    "record_stance": (Objective, "statement", "objective", 0),
    "record_definition_stance": (Definition, "term", "definition", 0),
    "record_agreement_stance": (Agreement, "title", "agreement", 0),
    "vote": (Candidate, "text", "candidate", 1),
    "check_in": (Metric, "name", "metric", 0),
    "sign": (PlanVersion, "number", "version", 0),
}
#: Per noun: the subject named by its number when the laptop no longer has its words, and the
#: sentence when the server no longer has it (translated where shown).
_GONE: dict[str, tuple[str, str]] = {
    "objective": (
        QT_TRANSLATE_NOOP("Room", "objective {id}"),
        QT_TRANSLATE_NOOP("Room", "The objective was removed meanwhile, so this cannot be sent."),
    ),
    "definition": (
        QT_TRANSLATE_NOOP("Room", "definition {id}"),
        QT_TRANSLATE_NOOP("Room", "The definition was removed meanwhile, so this cannot be sent."),
    ),
    "agreement": (
        QT_TRANSLATE_NOOP("Room", "agreement {id}"),
        QT_TRANSLATE_NOOP("Room", "The agreement was removed meanwhile, so this cannot be sent."),
    ),
    "candidate": (
        QT_TRANSLATE_NOOP("Room", "candidate {id}"),
        QT_TRANSLATE_NOOP("Room", "The candidate was removed meanwhile, so this cannot be sent."),
    ),
    "metric": (
        QT_TRANSLATE_NOOP("Room", "metric {id}"),
        QT_TRANSLATE_NOOP("Room", "The metric was removed meanwhile, so this cannot be sent."),
    ),
    "version": (
        QT_TRANSLATE_NOOP("Room", "version {id}"),
        QT_TRANSLATE_NOOP("Room", "The version was removed meanwhile, so this cannot be sent."),
    ),
}


def _number(value: Any) -> str:
    """A figure as the rest of Offsite shows it (``1,250``), anything else as it came."""
    return (
        format_number(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else str(value)
    )


def _words(connection: Any, model: Any, column: str, row_id: int) -> str | None:
    value = connection.execute(select(getattr(model, column)).where(model.id == row_id)).scalar_one_or_none()
    return None if value is None else str(value)


def _what(verb: str, args: list[Any], kwargs: dict[str, Any], subject: str) -> str:
    if verb in ("record_stance", "record_definition_stance", "record_agreement_stance"):
        stance = Stance(args[2]) if len(args) > 2 else Stance.PENDING
        comment = args[3] if len(args) > 3 else kwargs.get("comment", "")
        if comment:
            return translate("Room", "Your stance on “{subject}”: {stance} — “{comment}”").format(
                subject=subject, stance=stance.label, comment=comment
            )
        return translate("Room", "Your stance on “{subject}”: {stance}").format(
            subject=subject, stance=stance.label
        )
    if verb == "vote":
        dots = args[2] if len(args) > 2 else 0
        return translate("Room", "Your dots on “{subject}”: {dots}").format(
            subject=subject, dots=_number(dots)
        )
    if verb == "rate_alignment":
        return translate("Room", "Your alignment rating: {rating} of 5").format(rating=_number(args[1]))
    if verb == "check_in":
        as_of = kwargs.get("as_of")
        if as_of:
            return translate("Room", "Check-in of “{subject}”: {value} as of {date}").format(
                subject=subject, value=_number(args[1]), date=format_short_date(as_of)
            )
        return translate("Room", "Check-in of “{subject}”: {value}").format(
            subject=subject, value=_number(args[1])
        )
    if verb == "sign":
        return translate("Room", "Your signature on version {version}").format(version=subject)
    if verb == "remove":
        return translate("Room", "Taking back your {record}").format(record=args[0].noun)
    return verb.replace("_", " ").capitalize()


def describe(plan: Any, intent: Intent) -> PendingEdit:
    args = list(_decode(intent.arguments.get("args", [])))
    kwargs = {k: _decode(v) for k, v in intent.arguments.get("kwargs", {}).items()}
    subject_spec = _SUBJECTS.get(intent.verb)
    with plan.translated(), plan.server.connect() as server, plan.file_engine.connect() as replica:
        locked = server.exec_driver_sql(LOCKED_VERSION_QUERY).scalar()
        if subject_spec is None:
            what = _what(intent.verb, args, kwargs, "")
            return PendingEdit(intent.id, what, *_locked(locked, intent.verb))
        model, column, noun, position = subject_spec
        row_id = int(args[position])
        seen = _words(replica, model, column, row_id) or translate("Room", _GONE[noun][0]).format(id=row_id)
        now = _words(server, model, column, row_id)
    what = _what(intent.verb, args, kwargs, seen)
    if now is None:
        return PendingEdit(intent.id, what, translate("Room", _GONE[noun][1]), False)
    if intent.verb != "sign" and locked is not None:
        return PendingEdit(intent.id, what, *_locked(locked, intent.verb))
    if now != seen:
        return PendingEdit(
            intent.id,
            what,
            translate("Room", "It now reads “{now}”: you saw “{seen}”.").format(now=now, seen=seen),
        )
    return PendingEdit(intent.id, what)


def _locked(locked: Any, verb: str) -> tuple[str, bool]:
    if locked is None or verb in ("sign", "check_in", "rate_alignment"):
        return "", True
    return (
        translate(
            "Room", "The plan was frozen meanwhile (version {version}), so this cannot be sent."
        ).format(version=locked),
        False,
    )


def preview(plan: Any) -> list[PendingEdit]:
    """What each kept edit would do on the plan as the server holds it now, oldest first."""
    return [describe(plan, intent) for intent in plan.outbox.intents()]

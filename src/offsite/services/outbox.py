"""A leader's own records typed while the room's server was away: kept, previewed, then sent.

A laptop that loses its room's server keeps what the leader typed: their stances (on objectives,
definitions and agreements), dot votes, alignment rating, check-ins and signature. Each of these
verbs is marked ``@sendable``: on a room's plan it runs on the server as usual, or, with the
server away, is kept in the laptop's outbox and made on its replica alone (``RoomPlan.keep_for_later``),
so the screens show it at once. Taking back such an edit (undo) before it was sent takes it out of
the outbox. When the server is back, ``preview`` says what each kept edit would do on the plan as
it now stands there — as a merged draft's preview does — and ``send_pending`` runs the edits the
leader keeps on the server, in the order typed, through the same verbs and rules.

Only these verbs are kept: anything else typed while the server is away is refused with a
sentence (the plan's text is the facilitator's, and needs the room).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar, cast

from offsite.domain.errors import OffsiteError
from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.services.outbox_codec import decode as _decode
from offsite.services.outbox_codec import encode as _encode
from offsite.store.room import OWN_RECORDS

F = TypeVar("F", bound=Callable[..., Any])

#: Every verb that may be kept for later, by its name in an outbox.
SENDABLE: dict[str, Callable[..., Any]] = {}

#: The kinds of row that are a leader's own records: a removal of one may be kept for later.
OWN_KINDS = frozenset(
    {
        Kind.STANCE,
        Kind.DEFINITION_STANCE,
        Kind.AGREEMENT_STANCE,
        Kind.SURVEY_RATING,
        Kind.CHECK_IN,
        Kind.SIGNATURE,
    }
)


def sendable(verb: F) -> F:
    """Mark ``verb(plan, …)`` as one a laptop keeps for later when its room's server is away."""
    name = verb.__qualname__
    SENDABLE[name] = verb

    @functools.wraps(verb)
    def run(plan: Any, *args: Any, **kwargs: Any) -> Any:
        keep = getattr(plan, "keep_for_later", None)
        if keep is None:
            return verb(plan, *args, **kwargs)
        arguments = {"args": _encode(list(args)), "kwargs": {k: _encode(v) for k, v in kwargs.items()}}
        return keep(name, arguments, lambda: verb(plan, *args, **kwargs))

    return cast(F, run)


def removal(verb: F) -> F:
    """``changes.remove``, for a room: a leader's own record made while away is taken out of the
    outbox (it was never sent); one the server has is kept for later like any own record."""

    @functools.wraps(verb)
    def run(plan: Any, kind: Kind, row_id: int, *args: Any, **kwargs: Any) -> Any:
        keep = getattr(plan, "keep_for_later", None)
        if keep is None or kind not in OWN_KINDS or not plan.keeping:
            return verb(plan, kind, row_id, *args, **kwargs)
        for intent in plan.outbox.intents():
            made = intent.result
            if made and made.get("created") and made["kind"] == str(kind) and made["id"] == row_id:
                with plan.locally():
                    result = verb(plan, kind, row_id, *args, **kwargs)
                plan.forget_intent(intent.id)
                return result
        arguments = {
            "args": _encode([kind, row_id, *args]),
            "kwargs": {k: _encode(v) for k, v in kwargs.items()},
        }
        return keep("remove", arguments, lambda: verb(plan, kind, row_id, *args, **kwargs))

    SENDABLE["remove"] = verb
    return cast(F, run)


@dataclasses.dataclass(frozen=True)
class SendReport:
    sent: int
    dropped: int
    refused: tuple[str, ...]


def send_pending(plan: Any, keep: Collection[int] | None = None) -> SendReport:
    """Send the kept edits (those in ``keep``; all when None) to the server in the order typed, drop
    the others, and bring the replica's own records back in line with the server's."""
    sent, dropped, refused = 0, 0, []
    intents = plan.outbox.intents()
    for intent in intents:
        if keep is not None and intent.id not in keep:
            plan.forget_intent(intent.id)
            dropped += 1
            continue
        verb = SENDABLE.get(intent.verb)
        if verb is None:  # an outbox of another version: say so, never guess
            refused.append(
                translate(
                    "Outbox", "An edit of a kind this version cannot send ({verb}) was left out."
                ).format(verb=intent.verb)
            )
            plan.forget_intent(intent.id)
            continue
        args = _decode(intent.arguments.get("args", []))
        kwargs = {
            k: _decode(v) for k, v in cast(Mapping[str, Any], intent.arguments.get("kwargs", {})).items()
        }
        try:
            verb(plan, *args, **kwargs)
        except OffsiteError as error:
            from offsite.store.room.roomplan import RoomOfflineError

            if isinstance(error, RoomOfflineError):
                raise  # the server went away again: what is left stays kept
            refused.append(str(error))
        else:
            sent += 1
        plan.forget_intent(intent.id)
    state = plan.state
    leader_id = None
    if state.leader_uid:
        from offsite.store.document.view import read_outline

        leader_id = next(
            (lead.id for lead in read_outline(plan).leaders if lead.uid == state.leader_uid), None
        )
    plan.refresh_own(OWN_RECORDS, (leader_id, state.leader_uid))
    plan.sync()
    return SendReport(sent, dropped, tuple(refused))

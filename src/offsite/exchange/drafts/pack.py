"""Making drafts: a draft pack for one leader, and a draft started with nothing but the app.

- ``export_draft_pack`` writes, for one leader, a plan file holding what they draft against
  (the plan's details, teams, leaders, company goals and agenda), marked as that leader's draft
  of that plan, with each item's fingerprint as the common ancestor of a later merge.
- ``start_draft`` makes a draft with nothing but the app: the leader, their team, a title.

Both write a new file beside its destination and put it there whole, never over another file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from offsite.domain.drafting import items_of
from offsite.domain.errors import EditRefusedError, OffsiteError
from offsite.domain.language import translate
from offsite.domain.rules import clean_text
from offsite.exchange.drafts.rows import Ids, plan_row, write_item
from offsite.services.buyin import utc_now
from offsite.services.draft_marking import possessive, read_draft_info
from offsite.store import PlanFile, create_plan_file, revision
from offsite.store.document import plan_document
from offsite.store.document.data import DRAFTED
from offsite.store.models import AgendaDay, AgendaItem, Draft, DraftBase, Leader, Plan, Team

#: The sections a pack copies from the plan: what a leader drafts against.
PACK_SECTIONS = ("teams", "leaders", "company_goals")


def same_file(one: Path, other: Path) -> bool:
    """True when both paths name one file: the same path, a link to it, or another name of it."""
    try:
        return one.resolve() == other.resolve() or (one.exists() and one.samefile(other))
    except (OSError, RuntimeError):  # RuntimeError: a link that points at itself
        return False


def pack_exists(out: Path) -> str:
    """Why a pack is never written over an existing file: it may hold a leader's filled draft."""
    return translate(
        "DraftPack",
        "“{file}” already exists and may hold a leader’s draft; choose a new file name for the pack.",
    ).format(file=out.name)


def export_draft_pack(
    plan: PlanFile, leader_uid: str, out: Path | str, *, at: dt.datetime | None = None
) -> Path:
    """Write ``out``: the chosen leader's draft of ``plan``, holding what they draft against.

    The pack holds the plan's details, teams, leaders, company goals and agenda (all with the
    plan's identities), and each of those items' fingerprints as the plan has them now. The
    plan is only read. ``out`` is written whole or not at all, and never over another plan or
    draft: that may be a leader's filled draft, perhaps open in another window.
    """
    out = Path(out)
    if same_file(out, plan.path):
        # The pack would be moved over the open plan: everything but its teams and goals lost.
        raise EditRefusedError(
            translate(
                "DraftPack", "“{file}” is the plan itself; save the draft pack under another name."
            ).format(file=out.name)
        )
    if out.exists() or out.is_symlink():
        # One sentence however the file came there: chosen by the leader, or written a moment ago
        # by another pack to the same name (that one is then refused at the rename, in these words).
        raise EditRefusedError(pack_exists(out))
    document = plan_document(plan)
    leader = next((p for p in document["leaders"] if p["uid"] == leader_uid), None)
    if leader is None:
        raise EditRefusedError(
            translate("DraftPack", "That leader is no longer in the plan; choose another.")
        )
    if read_draft_info(plan) is not None:
        raise EditRefusedError(
            translate(
                "DraftPack",
                "“{plan}” is itself a draft. Export draft packs from the plan the facilitator keeps.",
            ).format(plan=plan.name)
        )
    if not out.parent.is_dir():
        raise OffsiteError(
            translate("DraftPack", "The folder for “{file}” does not exist; choose another place.").format(
                file=out.name
            )
        )

    def fill(draft: PlanFile) -> None:
        with draft.write() as s:
            _copy_reference(s, document)
            s.add(
                Draft(
                    plan_uid=document["plan"]["uid"],
                    plan_title=document["plan"]["title"],
                    leader_uid=leader["uid"],
                    leader_name=leader["name"],
                    made_at=at or utc_now(),
                )
            )
            for key, item in items_of({k: document[k] for k in PACK_SECTIONS}, DRAFTED).items():
                s.add(DraftBase(item_key=key, fingerprint=item.fingerprint))
            s.flush()
            revision.install(s.connection())  # from here on, every edit of the leader counts

    # Built beside ``out`` and put there whole, never over a file another pack wrote meanwhile.
    create_plan_file(out, fill, exists=pack_exists(out)).close()
    return out


def _copy_reference(s: Session, document: Mapping[str, Any]) -> None:
    """The plan's details, teams, leaders, company goals and agenda, with the plan's identities."""
    s.add(plan_row(document["plan"]))
    s.flush()
    ids = Ids(s)
    for item in items_of({k: document[k] for k in PACK_SECTIONS}, DRAFTED).values():
        write_item(s, ids, item)
    agenda = document.get("agenda") or {}
    for position, entry in enumerate(agenda.get("items", ())):
        s.add(
            AgendaItem(
                uid=entry["uid"],
                title=entry["title"],
                minutes=entry["minutes"],
                view=entry["view"],
                position=position,
            )
        )
    s.add(AgendaDay(starts_at=(agenda.get("day") or {}).get("starts_at") or "09:00"))


def start_draft(
    path: Path | str,
    leader_name: str,
    team_name: str,
    plan_title: str = "",
    *,
    at: dt.datetime | None = None,
) -> PlanFile:
    """A new draft with nothing but the app: the leader and their team, for a plan to be named later.

    Its teams, leaders and company goals are matched to the plan's by name when it is merged.
    Returns the open draft; refuses to overwrite a file.
    """
    leader_name = clean_text(leader_name, translate("DraftPack", "Your name")).strip()
    team_name = clean_text(team_name, translate("DraftPack", "Your team")).strip()
    plan_title = clean_text(plan_title, translate("DraftPack", "The offsite")).strip()
    if not leader_name:
        raise EditRefusedError(
            translate("DraftPack", "Give your name: the facilitator sees it on everything your draft brings.")
        )
    if not team_name:
        raise EditRefusedError(
            translate("DraftPack", "Give your team, as the plan names it (for example “Sales”).")
        )

    def fill(draft: PlanFile) -> None:
        with draft.write() as s:
            s.add(
                Plan(title=plan_title or f"{possessive(leader_name)} draft", venue="", horizon="", vision="")
            )
            team = Team(name=team_name, position=0)
            s.add(team)
            s.flush()
            leader = Leader(name=leader_name, title="", team_id=team.id, position=0)
            s.add(leader)
            s.flush()
            s.add(
                Draft(
                    plan_uid=None,
                    plan_title=plan_title,
                    leader_uid=leader.uid,
                    leader_name=leader_name,
                    made_at=at or utc_now(),
                )
            )
            s.flush()
            revision.install(s.connection())

    path = Path(path)
    exists = translate("DraftPack", "“{file}” already exists; choose a new file name for your draft.")
    return create_plan_file(path, fill, exists=exists.format(file=path.name))

"""The JSON interchange format: a whole plan as one JSON document, exported and imported losslessly.

The document is a public contract (docs/interchange.md). Its shape is declared once, in the
records below; the same declaration drives the reader's validation and :func:`json_schema`,
which produces docs/interchange.schema.json, so the published schema and the code that
enforces it cannot drift apart. The reader needs nothing beyond the standard library.

Identities are the rows' ``uid`` values; local integer ids never leave the plan file. Lists
keep the plan's display order, and on import each row's position is re-derived from it.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import logging
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError

import offsite
from offsite.domain.agenda import is_view as is_agenda_view
from offsite.domain.agenda import parse_day_start
from offsite.domain.drafting import SECTIONS as DRAFT_SECTIONS
from offsite.domain.drafting import Outcome
from offsite.domain.errors import EditRefusedError, ExportError, ImportFormatError, OffsiteError
from offsite.domain.exercises import (
    DEFAULT_DOT_BUDGET,
    DEFAULT_TOP_N,
    Exercise,
    SmartCriterion,
    SwitchItemKind,
    SwitchSide,
)
from offsite.domain.fingerprint import canonical_form
from offsite.domain.overlap import OverlapRule
from offsite.domain.rules import MAX_COUNT, MAX_MINUTES, MAX_TEXT, clean_text, document_faults
from offsite.domain.signoff import RATING_HIGH, RATING_LOW, ResolutionAction
from offsite.domain.values import Direction, Stance
from offsite.services.signoff import clean_initials
from offsite.store.document import (
    LARGEST_EXACT_INTEGER,
    plan_document,
    signed_content,
    signed_fingerprints,
    utc_text,
)
from offsite.store.document.write import insert_document
from offsite.store.files import output_file, read_limited, write_whole
from offsite.store.planfile import PlanFile, create_plan_file, translate_operational_error

log = logging.getLogger(__name__)

FORMAT = "offsite-plan"
VERSION = 6

#: Fields that describe the export, not the plan: they differ between two exports of one plan.
GENERATED_FIELDS = ("generator", "exported_at")

#: A plan document larger than this is refused unread rather than exhausting memory.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024

SCHEMA_ID = "urn:offsite:interchange:offsite-plan"

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_UID_EXAMPLE = "0f8fad5b-d9cb-469f-a165-70867728950e"
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
#: An item's identity across a plan and its drafts (domain.drafting.Item.key): a row's uid, a reverse
#: funnel's "funnel:<company goal uid>", or a dot vote's "vote:<leader uid>:<candidate uid>".
_ITEM_KEY = re.compile(f"(funnel:|vote:{_UID.pattern}:)?{_UID.pattern}")
#: The largest version number a document may hold: far beyond any plan's, well within SQLite's integers.
MAX_VERSION_NUMBER = 1_000_000


# --- The shape of the document ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    """One field of a record: what it holds, and what the documentation says about it."""

    kind: str  # uid text texts date datetime number numbers integer bool enum ref refs record records
    #            format version; loose_uid (a uid not checked against the document), content (canonical
    #            JSON text of any length), fingerprint (64 lowercase hex digits), item_key (_ITEM_KEY)
    doc: str
    nullable: bool = False
    required: bool = True
    choices: tuple[str, ...] = ()
    target: _Record | None = None  # ref, refs: the record whose uids it names
    record: _Record | None = None  # record, records: what it holds
    low: int = 0  # integer: the smallest and largest whole number allowed
    high: int = 0
    since: int = 1  # the interchange version that added the field
    default: Any = None  # what a document older than ``since`` stands for


@dataclass(frozen=True, slots=True)
class _Record:
    """A JSON object of the document: its name in the schema's $defs and its fields, in order."""

    name: str
    label: str  # what a leader calls one of these, in messages
    listed_in: str  # the top-level list that holds them, in messages
    doc: str
    fields: dict[str, _Field] = field(default_factory=dict)


def _text(doc: str) -> _Field:
    return _Field("text", doc)


def _number(doc: str) -> _Field:
    return _Field("number", doc + " A number, or null when blank.", nullable=True)


def _date(doc: str) -> _Field:
    return _Field("date", doc + " A date (YYYY-MM-DD), or null when blank.", nullable=True)


_PLAN = _Record(
    "plan",
    "plan",
    "plan",
    "The offsite itself: its details and the vision it plans towards.",
    {
        "uid": _Field("uid", "The plan's identity."),
        "title": _text("The offsite's title, e.g. “Sales & Marketing Offsite 2027”."),
        "starts_on": _date("The first day of the offsite."),
        "ends_on": _date("The last day of the offsite."),
        "venue": _text("Where the offsite takes place."),
        "horizon": _text("The period the plan covers, e.g. “H1 2027”."),
        "vision": _text("The company vision the objectives serve."),
        "dot_budget": _Field(
            "integer",
            "How many dots each leader may place in the candidate vote. Added in version 2 "
            f"(a version 1 document stands for {DEFAULT_DOT_BUDGET}).",
            low=1,
            high=MAX_COUNT,
            since=2,
            default=DEFAULT_DOT_BUDGET,
        ),
        "top_n": _Field(
            "integer",
            "How many candidates each team keeps on its shortlist. Added in version 2 "
            f"(a version 1 document stands for {DEFAULT_TOP_N}).",
            low=1,
            high=MAX_COUNT,
            since=2,
            default=DEFAULT_TOP_N,
        ),
    },
)

_TEAM = _Record(
    "team",
    "team",
    "teams",
    "A team taking part, e.g. Sales or Marketing.",
    {
        "uid": _Field("uid", "The team's identity."),
        "name": _text("The team's name."),
    },
)

_LEADER = _Record(
    "leader",
    "leader",
    "leaders",
    "A leader at the offsite, whose buy-in is recorded.",
    {
        "uid": _Field("uid", "The leader's identity."),
        "name": _text("The leader's name."),
        "title": _text("The leader's job title, e.g. “VP of Sales”."),
        "team": _Field(
            "ref", "The uid of the leader's team (listed in teams), or null.", nullable=True, target=_TEAM
        ),
        "initials": _Field(
            "text",
            "The initials the leader signs with, one to five letters (e.g. “TH”); blank: the initials of "
            "their name. A signature must match them, case and accents aside. Added in version 6 (an "
            "older document stands for blank). Left out of the signed content while blank.",
            since=6,
            default="",
        ),
    },
)

_GOAL = _Record(
    "company_goal",
    "company goal",
    "company_goals",
    "A company goal that objectives serve.",
    {
        "uid": _Field("uid", "The goal's identity."),
        "statement": _text("The goal, e.g. “Grow revenue 50% in 2027”."),
        "baseline": _number("Where the measure stands today."),
        "target": _number("Where the measure should be by the due date."),
        "unit": _text("The unit of baseline and target, e.g. “M USD” or “%”."),
        "due": _date("When the target is due."),
    },
)

_METRIC = _Record(
    "metric",
    "metric",
    "metrics",
    "A measure of an objective's progress.",
    {
        "uid": _Field("uid", "The metric's identity."),
        "name": _text("What is measured, e.g. “Appointments booked”."),
        "unit": _text("The unit of baseline and target, e.g. “meetings”."),
        "baseline": _number("Where the measure stands today."),
        "target": _number("Where it should be by the due date."),
        "direction": _Field(
            "enum",
            "Whether success is the measure going up or down.",
            choices=tuple(d.value for d in Direction),
        ),
        "due": _date("When the target is due."),
        "data_source": _text("Where the numbers come from, e.g. “CRM: pipeline report”."),
        "customer_centric": _Field("bool", "Whether the metric measures value to the customer."),
        "shared": _Field("bool", "Whether the metric is shared between teams."),
    },
)

_OBJECTIVE_ORIGIN = _Record(
    "objective_origin",
    "merged objective",
    "objectives",
    "An objective that was merged into this one: whose it was, and where it came from itself.",
    {
        "uid": _Field("uid", "The entry's identity."),
        "origin_uid": _Field(
            "loose_uid",
            "The uid of the objective merged in. Not checked against objectives: that objective is gone.",
        ),
        "label": _text("Whose objective it was, e.g. “Sales' “Go outbound””."),
        "origin_candidate_uid": _Field(
            "text",
            "The uid of the candidate that objective was promoted from, or null. Not checked.",
            nullable=True,
        ),
        "origin_label": _text("Where that candidate came from; blank when it was not promoted."),
    },
)

_OBJECTIVE = _Record(
    "objective",
    "objective",
    "objectives",
    "A team objective, its method and metrics.",
    {
        "uid": _Field("uid", "The objective's identity."),
        "statement": _text("What the team will achieve, e.g. “Go outbound”."),
        "period": _text("When, e.g. “Q1 2027”."),
        "method": _text("How the objective will be reached, in a few sentences."),
        "teams": _Field(
            "refs",
            "The uids of the owning teams (listed in teams); several make a shared objective. "
            "Offsite writes them in the order of teams.",
            target=_TEAM,
        ),
        "company_goals": _Field(
            "refs",
            "The uids of the company goals it serves (listed in company_goals). "
            "Offsite writes them in the order of company_goals.",
            target=_GOAL,
        ),
        "metrics": _Field("records", "How progress is measured, in display order.", record=_METRIC),
        "origin_candidate_uid": _Field(
            "text",
            "The uid of the brainstorm candidate it was promoted from, or null. Not checked against "
            "candidates: the story outlives the candidate. Added in version 2.",
            nullable=True,
            since=2,
        ),
        "origin_label": _Field(
            "text",
            "Where that candidate came from, e.g. “Sales' ask-why chain › …”; blank when not promoted. "
            "Added in version 2.",
            since=2,
            default="",
        ),
        "merged_from": _Field(
            "records",
            "The objectives it was merged from when an overlap was resolved, in order; empty when it was "
            "not made by merging. Added in version 3.",
            record=_OBJECTIVE_ORIGIN,
            since=3,
            default=[],
        ),
    },
)

_BUY_IN = _Record(
    "buy_in",
    "buy-in entry",
    "buy_in",
    "One entry in the buy-in history: a leader's stance on an objective at a moment. "
    "The last entry listed for a leader and objective is that leader's current stance (recorded_at is "
    "the recording machine's clock, so the order, not the time, tells which is current).",
    {
        "uid": _Field("uid", "The entry's identity."),
        "objective": _Field("ref", "The uid of the objective (listed in objectives).", target=_OBJECTIVE),
        "leader": _Field("ref", "The uid of the leader (listed in leaders).", target=_LEADER),
        "stance": _Field("enum", "The leader's stance.", choices=tuple(s.value for s in Stance)),
        "comment": _text("What the leader said, if anything."),
        "recorded_at": _Field(
            "datetime", "When the stance was recorded, in UTC, e.g. “2027-01-14T10:00:00.000000Z”."
        ),
    },
)


# --- Brainstorm (version 2) ------------------------------------------------------------------------

_WHY_NODE = _Record(
    "why_node",
    "statement",
    "why_chains",
    "A statement of a team's ask-why chain: a starting statement (parent null) or an answer to “why?”.",
    {},
)
_WHY_NODE.fields.update(
    {
        "uid": _Field("uid", "The statement's identity."),
        "team": _Field("ref", "The uid of the team whose chain it is (listed in teams).", target=_TEAM),
        "parent": _Field(
            "ref",
            "The uid of the statement it answers, listed earlier in why_chains and of the same team; "
            "null for a starting statement.",
            nullable=True,
            target=_WHY_NODE,
        ),
        "text": _text("The statement."),
    }
)

_THEME = _Record(
    "theme",
    "theme",
    "themes",
    "A common theme: the deep reason several teams' chains meet at.",
    {
        "uid": _Field("uid", "The theme's identity."),
        "name": _text("The theme, e.g. “Customers don't see our value”."),
        "nodes": _Field(
            "refs",
            "The uids of the statements marked as part of it (listed in why_chains). "
            "Offsite writes them in the order of why_chains.",
            target=_WHY_NODE,
        ),
    },
)

_DISMISSAL = _Record(
    "dismissed_suggestion",
    "dismissed suggestion",
    "dismissed_suggestions",
    "A suggested common-theme pair of statements the facilitator dismissed, so it is not suggested "
    "again. The pair is kept by uid and not checked against why_chains: a dismissal outlives the "
    "statements.",
    {
        "uid": _Field("uid", "The dismissal's identity."),
        "first": _text("The uid of one statement of the pair; Offsite writes the smaller uid first."),
        "second": _text("The uid of the other statement of the pair."),
    },
)

_TEAM_GOAL = _Record(
    "team_goal",
    "team goal",
    "team_goals",
    "A goal in the tree worked back from a company goal; optionally a team's, with a target.",
    {},
)
_TEAM_GOAL.fields.update(
    {
        "uid": _Field("uid", "The goal's identity."),
        "company_goal": _Field(
            "ref",
            "The uid of the company goal it is worked back from (listed in company_goals).",
            target=_GOAL,
        ),
        "parent": _Field(
            "ref",
            "The uid of the team goal it sits under, listed earlier in team_goals and worked back from "
            "the same company goal; null right under the company goal.",
            nullable=True,
            target=_TEAM_GOAL,
        ),
        "team": _Field(
            "ref",
            "The uid of the team it belongs to (listed in teams), or null.",
            nullable=True,
            target=_TEAM,
        ),
        "statement": _text("The goal."),
        "target": _number("The goal's target."),
        "unit": _text("The unit of the target."),
    }
)

_FUNNEL = _Record(
    "funnel",
    "reverse funnel",
    "funnels",
    "The reverse funnel of one company goal: its inputs (rates in percent) and the quarters it spans.",
    {
        "uid": _Field("uid", "The funnel's identity."),
        "company_goal": _Field(
            "ref",
            "The uid of its company goal (listed in company_goals); a company goal has at most one funnel.",
            target=_GOAL,
        ),
        "revenue_target": _number("The revenue to reach."),
        "average_deal_size": _number("The revenue of an average deal."),
        "win_rate": _number("Percent of opportunities won."),
        "sql_to_opportunity": _number("Percent of sales-qualified leads that become opportunities."),
        "mql_to_sql": _number("Percent of marketing-qualified leads that become sales-qualified."),
        "lead_to_mql": _number("Percent of leads that become marketing-qualified."),
        "quarters": _Field("texts", "The quarters the funnel spans, in order, e.g. “Q1 2027”."),
        "weights": _Field(
            "numbers",
            "One weight per quarter, or null for an even split.",
            nullable=True,
        ),
    },
)

_SWITCH_ITEM = _Record(
    "switch_item",
    "team switch item",
    "team_switches",
    "A goal or plan step of the played team: as the player team presented it, or the real one.",
    {
        "uid": _Field("uid", "The item's identity."),
        "side": _Field(
            "enum",
            "Whose version it is: the player team's (played) or the played team's own (real).",
            choices=tuple(s.value for s in SwitchSide),
        ),
        "kind": _Field("enum", "A goal or a plan step.", choices=tuple(k.value for k in SwitchItemKind)),
        "text": _text("The goal or step."),
    },
)

_EMPATHY_NOTE = _Record(
    "empathy_note",
    "empathy note",
    "team_switches",
    "What one team of the pair had not seen about the other.",
    {
        "uid": _Field("uid", "The note's identity."),
        "team": _Field(
            "ref",
            "The uid of the team that wrote it: the switch's player or played team, at most one note each.",
            target=_TEAM,
        ),
        "text": _text("The note."),
    },
)

_TEAM_SWITCH = _Record(
    "team_switch",
    "team switch",
    "team_switches",
    "One pairing of the team switch: the player team presents the played team's goals and plan.",
    {
        "uid": _Field("uid", "The pairing's identity."),
        "player_team": _Field("ref", "The uid of the team that presents (listed in teams).", target=_TEAM),
        "played_team": _Field(
            "ref", "The uid of the team it presents, not the player team (listed in teams).", target=_TEAM
        ),
        "prepare_minutes": _Field("integer", "Minutes to prepare the presentation.", low=1, high=MAX_MINUTES),
        "present_minutes": _Field("integer", "Minutes to present.", low=1, high=MAX_MINUTES),
        "items": _Field(
            "records",
            "The goals and plan steps of both sides, in display order.",
            record=_SWITCH_ITEM,
        ),
        "empathy_notes": _Field("records", "The notes written after the switch.", record=_EMPATHY_NOTE),
    },
)

_SMART_MARK = _Record(
    "smart_mark",
    "SMART answer",
    "candidates",
    "One SMART question for a candidate: yes, no, or not yet judged, with a note.",
    {
        "value": _Field("bool", "true (yes), false (no), or null (not yet judged).", nullable=True),
        "note": _text("Why, in a few words."),
    },
)

_SMART = _Record(
    "smart",
    "SMART check",
    "candidates",
    "The candidate's SMART check, one answer per question.",
    {c.value: _Field("record", f"Is it {c.value}?", record=_SMART_MARK) for c in SmartCriterion},
)

_CANDIDATE = _Record(
    "candidate",
    "candidate",
    "candidates",
    "A goal idea in the candidate pool, with where it came from, its SMART check and impact.",
    {
        "uid": _Field("uid", "The candidate's identity."),
        "team": _Field("ref", "The uid of its team (listed in teams), or null.", nullable=True, target=_TEAM),
        "text": _text("The candidate goal."),
        "exercise": _Field("enum", "The exercise it came from.", choices=tuple(e.value for e in Exercise)),
        "origin_uid": _Field(
            "text",
            "The uid of the statement, team goal, funnel or switch item it came from, or null. Not "
            "checked against the document: the origin may have been removed since.",
            nullable=True,
        ),
        "origin_label": _text("Where it came from, in words, e.g. “Sales' ask-why chain › …”."),
        "smart": _Field("record", "Its SMART check.", record=_SMART),
        "impact": _Field(
            "integer", "Its impact from 1 to 5, or null when not scored.", nullable=True, low=1, high=5
        ),
        "shortlisted": _Field(
            "bool",
            "Whether its team keeps it on the shortlist, as the facilitator recorded it. Added in version 6 "
            "(an older document stands for false). Left out of the signed content while false.",
            since=6,
            default=False,
        ),
    },
)

_VOTE = _Record(
    "vote",
    "vote",
    "votes",
    "The dots one leader placed on one candidate.",
    {
        "leader": _Field("ref", "The uid of the leader (listed in leaders).", target=_LEADER),
        "candidate": _Field("ref", "The uid of the candidate (listed in candidates).", target=_CANDIDATE),
        "dots": _Field(
            "integer", "How many dots; at most one entry per leader and candidate.", low=1, high=MAX_COUNT
        ),
    },
)


# --- From buy-in to a signed plan (version 3) --------------------------------------------------------

_DEFINITION_STANCE = _Record(
    "definition_stance",
    "definition stance",
    "definitions",
    "One entry in a definition's buy-in history, as buy_in is for objectives.",
    {
        "uid": _Field("uid", "The entry's identity."),
        "leader": _Field("ref", "The uid of the leader (listed in leaders).", target=_LEADER),
        "stance": _Field("enum", "The leader's stance.", choices=tuple(s.value for s in Stance)),
        "comment": _text("What the leader said, if anything."),
        "recorded_at": _Field("datetime", "When the stance was recorded, in UTC."),
    },
)

_DEFINITION = _Record(
    "definition",
    "definition",
    "definitions",
    "A term both teams must mean the same thing by, e.g. “Sales qualified lead”, with its buy-in.",
    {
        "uid": _Field("uid", "The definition's identity."),
        "term": _text("The term defined."),
        "definition": _text("What it means."),
        "team": _Field(
            "ref",
            "The uid of the owning team (listed in teams), whose leaders must agree; null: every leader must.",
            nullable=True,
            target=_TEAM,
        ),
        "stances": _Field(
            "records", "Its buy-in history, in the order recorded, as buy_in is.", record=_DEFINITION_STANCE
        ),
    },
)

_OVERLAP_RESOLUTION = _Record(
    "overlap_resolution",
    "overlap resolution",
    "overlap_resolutions",
    "How the facilitator settled one overlap the plan found between two objectives.",
    {
        "uid": _Field("uid", "The resolution's identity."),
        "rule": _Field(
            "enum", "The rule that found the overlap.", choices=tuple(r.value for r in OverlapRule)
        ),
        "first": _Field(
            "loose_uid",
            "The uid of one objective of the pair; Offsite writes the smaller uid first. Not checked "
            "against objectives: merging removes them.",
        ),
        "second": _Field("loose_uid", "The uid of the other objective of the pair. Not checked."),
        "action": _Field("enum", "How it was settled.", choices=tuple(a.value for a in ResolutionAction)),
        "note": _text("Why, in a sentence."),
        "resolved_at": _Field("datetime", "When it was settled, in UTC."),
        "merged_objective_uid": _Field(
            "loose_uid",
            "The uid of the shared objective a merge made, or null. Not checked: it may be gone since.",
            nullable=True,
        ),
    },
)

_SIGNATURE = _Record(
    "signature",
    "signature",
    "versions",
    "A leader's signature on a version.",
    {
        "uid": _Field("uid", "The signature's identity."),
        "leader_uid": _Field(
            "loose_uid",
            "The uid of the leader who signed. Not checked against leaders: a signature outlives the "
            "leader's removal after a re-opening.",
        ),
        "leader_name": _text("The leader's name when signing."),
        "initials": _text(
            "The initials typed: one to five letters, e.g. “MO”; the signer's own when signed on behalf."
        ),
        "signed_at": _Field("datetime", "When the leader signed, in UTC."),
        "signed_by": _Field(
            "text",
            "Who signed on the leader's behalf; blank when the leader signed. Added in version 6 "
            "(an older document stands for blank).",
            since=6,
            default="",
        ),
        "behalf_reason": _Field(
            "text",
            "Why someone signed on the leader's behalf; blank when the leader signed. Added in version 6.",
            since=6,
            default="",
        ),
    },
)

_WITHDRAWAL = _Record(
    "withdrawal",
    "withdrawn signature",
    "versions",
    "A signature taken back before every leader had signed the version: the signature as it was, "
    "and when it was withdrawn.",
    {
        "uid": _Field("uid", "The withdrawal's identity."),
        "signature_uid": _Field("loose_uid", "The uid the signature had. Not checked: it is gone."),
        "leader_uid": _Field("loose_uid", "The uid of the leader whose signature it was. Not checked."),
        "leader_name": _text("The leader's name when signing."),
        "initials": _text("The initials typed."),
        "signed_at": _Field("datetime", "When it was signed, in UTC."),
        "signed_by": _text("Who signed on the leader's behalf; blank when the leader signed."),
        "behalf_reason": _text("Why someone signed on the leader's behalf; blank when the leader signed."),
        "withdrawn_at": _Field("datetime", "When it was withdrawn, in UTC."),
    },
)

_REOPENING = _Record(
    "reopening",
    "reopening",
    "versions",
    "Who re-opened a version for editing, when and why.",
    {
        "uid": _Field("uid", "The reopening's identity."),
        "by": _text("Who re-opened it."),
        "at": _Field("datetime", "When, in UTC."),
        "reason": _text("Why the signed plan had to change."),
    },
)

_VERSION = _Record(
    "version",
    "version",
    "versions",
    "A frozen version of the plan: the signed content, its fingerprint, signatures and reopening.",
    {
        "uid": _Field("uid", "The version's identity."),
        "number": _Field(
            "integer", "Its number: 1, 2, … in the order frozen.", low=1, high=MAX_VERSION_NUMBER
        ),
        "frozen_at": _Field("datetime", "When it was frozen, in UTC."),
        "frozen_by": _text("Who froze it (the facilitator)."),
        "override_reason": _Field(
            "text",
            "Why it was frozen although not every objective was bought in; null when all were.",
            nullable=True,
        ),
        "content": _Field(
            "content",
            "What the signatures cover, exactly as frozen: the canonical form (docs/interchange.md) of the "
            "document's signed sections, as JSON text. Its SHA-256 is the fingerprint.",
        ),
        "fingerprint": _Field(
            "fingerprint", "The SHA-256 of the content's UTF-8 bytes, in lowercase hexadecimal."
        ),
        "signatures": _Field("records", "The signatures, in signing order.", record=_SIGNATURE),
        "reopening": _Field(
            "record",
            "Who re-opened it, when and why; null while it locks the plan.",
            nullable=True,
            record=_REOPENING,
        ),
        "withdrawals": _Field(
            "records",
            "Signatures taken back before every leader had signed, oldest first. Added in version 6 "
            "(an older document stands for none).",
            record=_WITHDRAWAL,
            since=6,
            default=[],
        ),
    },
)

_SURVEY_RATING = _Record(
    "survey_rating",
    "survey rating",
    "survey",
    "How aligned one leader says the teams are, from 1 (not at all) to 5 (fully).",
    {
        "uid": _Field("uid", "The rating's identity."),
        "leader": _Field(
            "ref", "The uid of the leader (listed in leaders); one rating each.", target=_LEADER
        ),
        "rating": _Field("integer", "The rating.", low=RATING_LOW, high=RATING_HIGH),
        "comment": _text("What the leader said, if anything."),
        "rated_at": _Field("datetime", "When the leader rated, in UTC."),
    },
)

_PARKED = _Record(
    "parked_item",
    "parked item",
    "parking_lot",
    "An off-topic item parked during the offsite, then resolved or made a candidate.",
    {
        "uid": _Field("uid", "The item's identity."),
        "text": _text("What was parked."),
        "raised_at": _Field("datetime", "When it was parked, in UTC."),
        "raised_in": _text("The screen it was parked from (e.g. “Ask why”), or blank."),
        "resolved_at": _Field(
            "datetime", "When it was resolved, in UTC; null while it is open.", nullable=True
        ),
        "resolution": _text("How it was resolved, if anyone said."),
        "candidate_uid": _Field(
            "loose_uid",
            "The uid of the candidate it became, or null. Not checked against candidates: the "
            "candidate may be gone since.",
            nullable=True,
        ),
    },
)

# --- The agenda of the day (version 4): a process section, like the parking lot ----------------------

_AGENDA_ITEM = _Record(
    "agenda_item",
    "agenda item",
    "agenda.items",
    "One item of the day's agenda: a title, a time box and the screen it uses.",
    {
        "uid": _Field("uid", "The item's identity."),
        "title": _text("What the item is, e.g. “Buy-in round”."),
        "minutes": _Field("integer", "Its time box, in minutes.", low=1, high=MAX_MINUTES),
        "view": _text(
            "The screen it uses: prepare, brainstorm, plan, buyin, signoff or review, or a brainstorm "
            "exercise as brainstorm:<tab> (e.g. “brainstorm:Work back”)."
        ),
    },
)

_AGENDA_DAY = _Record(
    "agenda_day",
    "agenda day",
    "agenda.day",
    "When the day starts and which item is running.",
    {
        "starts_at": _text("When the first item starts, HH:MM on a 24-hour clock, e.g. “09:00”."),
        "current_item_uid": _Field(
            "ref",
            "The uid of the running item (listed in agenda.items), or null when none runs.",
            nullable=True,
            target=_AGENDA_ITEM,
        ),
        "item_started_at": _Field(
            "datetime", "When the running item started, in UTC; null when none runs.", nullable=True
        ),
    },
)

_AGENDA = _Record(
    "agenda",
    "agenda",
    "agenda",
    "The day's agenda: its items in order (start times follow from the day's start) and its state.",
    {
        "items": _Field("records", "The items, in agenda order.", record=_AGENDA_ITEM),
        "day": _Field("record", "The day's start and the running item.", record=_AGENDA_DAY),
    },
)
#: What a document older than version 4 stands for: no items, a day from 09:00, nothing running.
_NO_AGENDA = {"items": [], "day": {"starts_at": "09:00", "current_item_uid": None, "item_started_at": None}}

# --- Drafting and merging (version 5): locked with the plan's content, yet not signed ---------------

_DRAFT_BASE = _Record(
    "draft_base",
    "draft base",
    "drafting.draft.bases",
    "An item's fingerprint as the plan had it when the draft pack was exported: the common ancestor "
    "the first merge of the draft compares both sides with.",
    {
        "item_key": _Field(
            "item_key",
            "The item: its uid, “funnel:<company goal uid>” for a reverse funnel or "
            "“vote:<leader uid>:<candidate uid>” for a dot vote. One base per item. Not checked against "
            "the document: the leader may have removed the item since.",
        ),
        "fingerprint": _Field(
            "fingerprint", "The item's fingerprint then, as offsite.domain.drafting computes it."
        ),
    },
)

_DRAFT = _Record(
    "draft",
    "draft marking",
    "drafting.draft",
    "What makes the file a leader's draft: whose it is, of which plan, and when it was made.",
    {
        "uid": _Field("uid", "The draft's identity: the plan's merge records name it."),
        "plan_uid": _Field(
            "loose_uid",
            "The uid of the plan the draft pack was exported from (a pack keeps that plan's uid as its "
            "own plan.uid); null for a draft started with nothing but the app, which may be merged into "
            "any plan. Not checked.",
            nullable=True,
        ),
        "plan_title": _text("The title of that plan when the draft was made; blank when it had none."),
        "leader_uid": _Field(
            "loose_uid", "The uid of the leader whose draft it is. Not checked against leaders."
        ),
        "leader_name": _text("The leader's name when the draft was made."),
        "made_at": _Field("datetime", "When the draft was made, in UTC."),
        "revision": _Field(
            "integer",
            "How many rows the leader's edits have written since the draft was made: a later copy of "
            "the draft has a higher revision, so an older copy is refused by a merge.",
            low=0,
            high=LARGEST_EXACT_INTEGER,
        ),
        "bases": _Field(
            "records",
            "For a draft pack, each item it was exported with and that item's fingerprint then; empty "
            "for a draft started with nothing but the app.",
            record=_DRAFT_BASE,
        ),
    },
)

_MERGE_RECORD = _Record(
    "merge_record",
    "merge record",
    "drafting.merges",
    "One item a merge brought into the plan, or settled: its origin (leader, draft, time) and both "
    "sides' fingerprints at that moment, the common ancestor of the next merge of the same draft.",
    {
        "uid": _Field("uid", "The record's identity."),
        "draft_uid": _Field(
            "loose_uid",
            "The uid of the draft merged (its drafting.draft.uid). Not checked: the draft is another file.",
        ),
        "item_key": _Field(
            "item_key",
            "The item: its uid, “funnel:<company goal uid>” for a reverse funnel or "
            "“vote:<leader uid>:<candidate uid>” for a dot vote. Not checked against the document: "
            "a later merge or edit may have removed it.",
        ),
        "section": _Field(
            "enum", "The section the item belongs to.", choices=tuple(s.name for s in DRAFT_SECTIONS)
        ),
        "action": _Field(
            "enum",
            "What the merge did: added or changed (the plan took the draft's item, whose origin the "
            "draft now is), removed, or kept_plan (a conflict settled on the plan's side).",
            choices=tuple(o.value for o in Outcome),
        ),
        "leader_uid": _Field(
            "loose_uid",
            "The uid, in the plan, of the leader whose draft it was. Not checked: a record outlives the leader.",
        ),
        "leader_name": _text("That leader's name when merging."),
        "draft_name": _text("The draft's file name when merging, e.g. “dana.offsite”."),
        "merged_at": _Field("datetime", "When it was merged, in UTC."),
        "draft_fingerprint": _Field(
            "fingerprint",
            "The draft's item's fingerprint then; null when the draft had no such item (a removal).",
            nullable=True,
        ),
        "plan_fingerprint": _Field(
            "fingerprint",
            "The plan's item's fingerprint after the merge; null when the plan had no such item then.",
            nullable=True,
        ),
        "draft_revision": _Field(
            "integer",
            "The revision of the draft merged (drafting.draft.revision of that file then); null when unknown.",
            nullable=True,
            low=0,
            high=LARGEST_EXACT_INTEGER,
        ),
    },
)

_DRAFTING = _Record(
    "drafting",
    "drafting",
    "drafting",
    "Whose draft the file is, and where merged items came from.",
    {
        "draft": _Field(
            "record",
            "In a leader's draft, whose draft of which plan it is; null in a plan.",
            nullable=True,
            record=_DRAFT,
        ),
        "merges": _Field(
            "records",
            "Every item a merge of a draft brought or settled, in the order the merges wrote them; the "
            "last record of an item says where it came from (merged_at is the merging machine's clock, "
            "so the order, not the time, tells which is latest).",
            record=_MERGE_RECORD,
        ),
    },
)
#: What a document older than version 5 stands for: no draft, no merges.
_NO_DRAFTING: dict[str, Any] = {"draft": None, "merges": []}

_DOCUMENT = _Record(
    "document",
    "document",
    "",
    "A whole Offsite plan.",
    {
        "format": _Field("format", f"Always “{FORMAT}”: marks the document as an Offsite plan."),
        "version": _Field(
            "version",
            "The interchange format version the document follows. A reader refuses a version newer "
            "than its own.",
        ),
        "generator": _Field(
            "text",
            "Generated: the program that wrote the document, e.g. “Offsite 0.1.0”. Ignored on import.",
            required=False,
        ),
        "exported_at": _Field(
            "datetime", "Generated: when the document was written, in UTC. Ignored on import.", required=False
        ),
        "plan": _Field("record", "The offsite's details.", record=_PLAN),
        "teams": _Field("records", "The teams, in display order.", record=_TEAM),
        "leaders": _Field("records", "The leaders, in display order.", record=_LEADER),
        "company_goals": _Field("records", "The company goals, in display order.", record=_GOAL),
        "objectives": _Field(
            "records", "The objectives and their metrics, in display order.", record=_OBJECTIVE
        ),
        "buy_in": _Field(
            "records", "The buy-in history, in the order the stances were recorded.", record=_BUY_IN
        ),
        "why_chains": _Field(
            "records",
            "The statements of every team's ask-why chain, in display order: each before its answers. "
            "Added in version 2.",
            record=_WHY_NODE,
            since=2,
            default=[],
        ),
        "themes": _Field(
            "records",
            "The common themes, in display order. Added in version 2.",
            record=_THEME,
            since=2,
            default=[],
        ),
        "dismissed_suggestions": _Field(
            "records",
            "The dismissed common-theme suggestions, oldest first. Added in version 2.",
            record=_DISMISSAL,
            since=2,
            default=[],
        ),
        "team_goals": _Field(
            "records",
            "The goals worked back from company goals, in display order: each before the goals under it. "
            "Added in version 2.",
            record=_TEAM_GOAL,
            since=2,
            default=[],
        ),
        "funnels": _Field(
            "records",
            "The reverse funnels, in the order of company_goals. Added in version 2.",
            record=_FUNNEL,
            since=2,
            default=[],
        ),
        "team_switches": _Field(
            "records",
            "The team switch pairings, in display order. Added in version 2.",
            record=_TEAM_SWITCH,
            since=2,
            default=[],
        ),
        "candidates": _Field(
            "records",
            "The candidate pool, in display order. Added in version 2.",
            record=_CANDIDATE,
            since=2,
            default=[],
        ),
        "votes": _Field(
            "records",
            "The dot votes, by leader then candidate (in the order of leaders and candidates). "
            "Added in version 2.",
            record=_VOTE,
            since=2,
            default=[],
        ),
        "definitions": _Field(
            "records",
            "The data definitions and their buy-in, in display order. Added in version 3.",
            record=_DEFINITION,
            since=3,
            default=[],
        ),
        "overlap_resolutions": _Field(
            "records",
            "How overlaps between objectives were settled, oldest first. Added in version 3.",
            record=_OVERLAP_RESOLUTION,
            since=3,
            default=[],
        ),
        "versions": _Field(
            "records",
            "The frozen versions, by number: every one but the last is re-opened. Not signed content. "
            "Added in version 3.",
            record=_VERSION,
            since=3,
            default=[],
        ),
        "survey": _Field(
            "records",
            "The leaders' alignment ratings, in the order of leaders. Not signed content. Added in version 3.",
            record=_SURVEY_RATING,
            since=3,
            default=[],
        ),
        "parking_lot": _Field(
            "records",
            "The parking lot: off-topic items parked in the room, in the order parked. Not signed content. "
            "Added in version 4.",
            record=_PARKED,
            since=4,
            default=[],
        ),
        "agenda": _Field(
            "record",
            "The day's agenda: items and the running one. Not signed content. Added in version 4.",
            record=_AGENDA,
            since=4,
            default=_NO_AGENDA,
        ),
        "drafting": _Field(
            "record",
            "Drafting and merging: whose draft the file is (null in a plan) and where merged items came "
            "from. Locked with a signed plan's content, yet not signed content. Added in version 5.",
            record=_DRAFTING,
            since=5,
            default=_NO_DRAFTING,
        ),
    },
)

_RECORDS = (
    _PLAN,
    _TEAM,
    _LEADER,
    _GOAL,
    _OBJECTIVE,
    _METRIC,
    _OBJECTIVE_ORIGIN,
    _BUY_IN,
    _WHY_NODE,
    _THEME,
    _DISMISSAL,
    _TEAM_GOAL,
    _FUNNEL,
    _TEAM_SWITCH,
    _SWITCH_ITEM,
    _EMPATHY_NOTE,
    _CANDIDATE,
    _SMART,
    _SMART_MARK,
    _VOTE,
    _DEFINITION,
    _DEFINITION_STANCE,
    _OVERLAP_RESOLUTION,
    _VERSION,
    _SIGNATURE,
    _WITHDRAWAL,
    _REOPENING,
    _SURVEY_RATING,
    _PARKED,
    _AGENDA,
    _AGENDA_ITEM,
    _AGENDA_DAY,
    _DRAFTING,
    _DRAFT,
    _DRAFT_BASE,
    _MERGE_RECORD,
)


# --- Export ----------------------------------------------------------------------------------------


def export_document(plan: PlanFile) -> dict[str, Any]:
    """The whole plan as an interchange document, read in one transaction.

    Returns a dict ready for ``json.dumps``, checked by the same rules as an import, so an
    export always imports again. Raises ExportError when the file holds no plan details or
    something the format cannot carry (a damaged plan), and the store's typed errors (e.g.
    PlanBusyError) when it cannot be read.
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"Offsite {offsite.__version__}",
        "exported_at": utc_text(dt.datetime.now(dt.UTC)),
        **plan_document(plan),
    }
    try:
        _check_document(document)
    except _Problem as problem:
        raise ExportError(
            f"“{plan.name}” cannot be exported: {problem}. "
            "Run “offsite check” on it, or correct it in Offsite."
        ) from None
    return document


def write_json(plan: PlanFile, out: Path | str) -> Path:
    """Write the plan to ``out`` as an interchange document, whole or not at all; returns ``out``.

    The document goes to a temporary file beside ``out``, is flushed to the disk, and only then
    replaces ``out``, so a failure at any point leaves an earlier ``out`` as it was. Raises
    ExportError (DiskFullError when the disk is full) with a sentence a leader can act on.
    """
    out = Path(out)
    document = export_document(plan)
    try:
        data = (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
    except (ValueError, UnicodeEncodeError) as error:
        raise ExportError(
            f"“{plan.name}” holds a value that JSON cannot carry ({error}); run “offsite check” on it."
        ) from error
    write_whole(out, data)
    return out


# --- Reading and validating --------------------------------------------------------------------------


class _Problem(Exception):
    """The first thing wrong with a document, as a phrase naming where it is."""


def read_document(source: Path | str) -> dict[str, Any]:
    """Read and validate an interchange document; returns it as parsed.

    Raises ImportFormatError, whose message says what is wrong and where (as a JSON path such
    as ``objectives[2].metrics[0].target``), when the file is not a valid Offsite plan document.
    """
    source = Path(source)
    data = read_limited(source, MAX_DOCUMENT_BYTES, ImportFormatError)
    return _parse(data, source.name)


def _parse(data: bytes, name: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"“{name}” is not UTF-8 text (byte {error.start} cannot be read); "
            "check that it is an Offsite plan export, or save it again as UTF-8."
        ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some Windows editors add
    if not text.strip():
        raise ImportFormatError(f"“{name}” is empty; export the plan again.")
    try:
        document = json.loads(
            text,
            parse_constant=_NotANumber,
            parse_int=_whole_number,
            parse_float=_fraction,
            object_pairs_hook=_without_repeats,
        )
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"“{name}” is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "it may be cut short or damaged. Export the plan again, or correct the file."
        ) from None
    except RecursionError:
        raise ImportFormatError(
            f"“{name}” is nested far too deeply to be an Offsite plan export; check that it is one."
        ) from None
    except _Problem as problem:
        raise ImportFormatError(f"“{name}” cannot be imported: {problem}; correct the file.") from None

    try:
        _refuse_numbers_out_of_reach(document)
    except _Problem as problem:
        raise ImportFormatError(
            f"“{name}” cannot be imported: {problem}. Correct the file and try again."
        ) from None
    if not isinstance(document, dict):
        raise ImportFormatError(
            f'“{name}” is JSON but not an Offsite plan export, which is one object with "format": "{FORMAT}".'
        )
    if document.get("format") != FORMAT:
        found = (
            "it has no “format” field"
            if "format" not in document
            else f"its format is {_show(document['format'])}, not “{FORMAT}”"
        )
        raise ImportFormatError(
            f"“{name}” is not an Offsite plan export: {found}. Choose a file exported from Offsite."
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(
            f"“{name}” has no valid format version (“version” should be a whole number such as {VERSION}); "
            "export the plan again."
        )
    if version > VERSION:
        raise ImportFormatError(
            f"“{name}” was written by a newer Offsite (interchange version {version}; this Offsite reads up "
            f"to version {VERSION}); update Offsite to import it."
        )
    try:
        _check_document(document)
    except _Problem as problem:
        raise ImportFormatError(
            f"“{name}” cannot be imported: {problem}. Correct the file and try again."
        ) from None
    return document


def _check_document(document: dict[str, Any]) -> None:
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and 1 <= version < VERSION:
        _upgrade(document, _DOCUMENT, "", version)
    _check_record(document, _DOCUMENT, "")
    _check_identities(document)
    # The buy-in histories' order is not checked against their times: the list is in recording
    # order, which decides the current stance; a time earlier than the one before is a clock behind.
    _check_brainstorm(document)
    _check_signoff(document)
    _check_agenda(document)
    _check_drafting(document)
    # Every value a leader types, held to the rules typing keeps (a negative amount, a blank name).
    faults = document_faults(document)
    if faults:
        raise _Problem(faults[0].at_path)


def _upgrade(value: Any, record: _Record, path: str, version: int) -> None:
    """Give a document of an older version the fields added since, with what the older version meant.

    A field the document's version does not have is refused rather than guessed at.
    """
    if not isinstance(value, dict):
        return  # the check that follows says what is wrong
    for key, spec in record.fields.items():
        here = f"{path}.{key}" if path else key
        if spec.since > version:
            if key in value:
                raise _Problem(
                    f"{_where(path)} has the field “{key}”, which interchange version {version} does not "
                    f"have; set “version” to {spec.since} or later"
                )
            value[key] = copy.deepcopy(spec.default)
        elif key in value and spec.record is not None:
            if spec.kind == "record":
                _upgrade(value[key], spec.record, here, version)
            elif isinstance(value[key], list):
                for index, item in enumerate(value[key]):
                    _upgrade(item, spec.record, f"{here}[{index}]", version)


class _NotANumber:
    """A number as written in the file that no plan can hold: NaN, Infinity, 1e400, 5,000 digits.

    The parser keeps it in its place, so that validation refuses it naming its JSON path
    (Python's own conversion would fail without one, or not at all for NaN).
    """

    def __init__(self, written: str) -> None:
        self.written = written

    def __str__(self) -> str:
        if len(self.written) > _LONGEST_NUMBER:
            return f"{len(self.written.lstrip('-')):,} digits long"
        return self.written


#: More digits than any number a plan holds (a float has at most 309 before its point).
_LONGEST_NUMBER = 400


def _whole_number(written: str) -> int | _NotANumber:
    return _NotANumber(written) if len(written) > _LONGEST_NUMBER else int(written)


def _fraction(written: str) -> float | _NotANumber:
    number = float(written)
    return number if math.isfinite(number) else _NotANumber(written)


def _refuse_numbers_out_of_reach(document: Any) -> None:
    """Refuse the first NaN, Infinity or too large a number anywhere in the document, by its path.

    Before any other check, so that even one in a field no plan has is named for what it is.
    """
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{path}.{key}" if path else key, item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in reversed(list(enumerate(value))))
        else:
            _refuse_not_a_number(value, path or "the document")


def _refuse_not_a_number(value: Any, path: str) -> None:
    if isinstance(value, _NotANumber):
        if value.written.lstrip("-") in ("NaN", "Infinity"):
            raise _Problem(f"{path} is {value}, which is not a number JSON allows")
        raise _Problem(f"{path} is too large a number ({value})")


def _without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Problem(f"an object names the field “{key}” twice, so its value is ambiguous")
        result[key] = value
    return result


def _show(value: Any) -> str:
    if isinstance(value, _NotANumber):
        return str(value)
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _where(path: str) -> str:
    return path or "the document"


def _check_record(value: Any, record: _Record, path: str) -> None:
    if not isinstance(value, dict):
        raise _Problem(f"{_where(path)} must be a JSON object ({{…}})")
    for key in value:
        if key not in record.fields:
            raise _Problem(
                f"{_where(path)} has an unknown field “{key}” "
                f"(interchange version {VERSION} has no such field)"
            )
    for key, spec in record.fields.items():
        here = f"{path}.{key}" if path else key
        if key not in value:
            if spec.required:
                raise _Problem(f"{here} is missing")
            continue
        _check_value(value[key], spec, here)


def _check_value(value: Any, spec: _Field, path: str) -> None:
    if value is None and spec.nullable:
        return
    _refuse_not_a_number(value, path)
    kind = spec.kind
    if kind == "text":
        _check_text(value, path)
    elif kind in ("uid", "ref", "loose_uid"):
        if not isinstance(value, str) or not _UID.fullmatch(value):
            blank = " or null" if spec.nullable else ""
            raise _Problem(f"{path} must be a uid{blank}: a UUID in lower case such as {_UID_EXAMPLE}")
    elif kind == "date":
        _check_date(value, path)
    elif kind == "datetime":
        _parse_datetime(value, path)
    elif kind == "number":
        _check_number(value, path, "a number, or null when blank" if spec.nullable else "a number")
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or not spec.low <= value <= spec.high:
            blank = ", or null" if spec.nullable else ""
            raise _Problem(
                f"{path} must be a whole number from {spec.low} to {spec.high}{blank}, not {_show(value)}"
            )
    elif kind == "texts":
        if not isinstance(value, list):
            raise _Problem(f"{path} must be a list of texts ([…])")
        for index, item in enumerate(value):
            _check_text(item, f"{path}[{index}]")
    elif kind == "numbers":
        if not isinstance(value, list):
            blank = ", or null" if spec.nullable else ""
            raise _Problem(f"{path} must be a list of numbers ([…]){blank}")
        for index, item in enumerate(value):
            _check_number(item, f"{path}[{index}]", "a number")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise _Problem(f"{path} must be true or false, not {_show(value)}")
    elif kind == "enum":
        if value not in spec.choices:
            raise _Problem(f"{path} must be one of {', '.join(spec.choices)}, not {_show(value)}")
    elif kind == "refs":
        if not isinstance(value, list):
            raise _Problem(f"{path} must be a list of uids ([…])")
        seen: set[str] = set()
        for index, item in enumerate(value):
            _check_value(item, _Field("uid", ""), f"{path}[{index}]")
            if item in seen:
                raise _Problem(f"{path}[{index}] names the same {_label(spec)} twice")
            seen.add(item)
    elif kind == "records":
        if not isinstance(value, list):
            raise _Problem(f"{path} must be a list ([…])")
        assert spec.record is not None
        for index, item in enumerate(value):
            _check_record(item, spec.record, f"{path}[{index}]")
    elif kind == "record":
        assert spec.record is not None
        _check_record(value, spec.record, path)
    elif kind == "content":
        if not isinstance(value, str):
            raise _Problem(f"{path} must be text (a JSON string), not {_show(value)}")
    elif kind == "fingerprint":
        if not isinstance(value, str) or not _FINGERPRINT.fullmatch(value):
            blank = ", or null" if spec.nullable else ""
            raise _Problem(f"{path} must be a SHA-256: 64 hexadecimal digits in lower case{blank}")
    elif kind == "item_key":
        if not isinstance(value, str) or not _ITEM_KEY.fullmatch(value):
            raise _Problem(
                f"{path} must name an item: its uid, funnel:<company goal uid> or "
                f"vote:<leader uid>:<candidate uid>, not {_show(value)}"
            )
    elif kind == "format":
        if value != FORMAT:
            raise _Problem(f"{path} must be “{FORMAT}”")
    elif kind == "version":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= VERSION:
            raise _Problem(f"{path} must be a whole number from 1 to {VERSION}")
    else:  # pragma: no cover - the declaration above uses only the kinds handled here
        raise AssertionError(kind)


def _check_number(value: Any, path: str, expected: str) -> None:
    _refuse_not_a_number(value, path)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Problem(f"{path} must be {expected}, not {_show(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise _Problem(f"{path} is too large a number")


def _label(spec: _Field) -> str:
    return spec.target.label if spec.target else "item"


def _check_text(value: Any, path: str) -> None:
    _refuse_not_a_number(value, path)
    if not isinstance(value, str):
        raise _Problem(f"{path} must be text (a JSON string), not {_show(value)}")
    try:
        clean_text(value, path)  # the rules typing keeps: no NUL, no broken character, not too long
    except EditRefusedError as error:
        raise _Problem(str(error).rstrip(".")) from None


def _check_date(value: Any, path: str) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _Problem(f"{path} must be a date written YYYY-MM-DD, or null when blank, not {_show(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Problem(f"{path} is not a real date: {value}") from None


def _parse_datetime(value: Any, path: str) -> dt.datetime:
    """The moment as naive UTC, as the plan file stores it."""
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise _Problem(
            f"{path} must be a date and time in UTC such as 2027-01-14T10:00:00.000000Z, not {_show(value)}"
        )
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Problem(f"{path} is not a real date and time: {value}") from None
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _walk(value: Mapping[str, Any], record: _Record, path: str) -> Iterator[tuple[str, _Record, _Field, Any]]:
    """Every field of an already well-shaped document: (path, its record, its declaration, its value)."""
    for key, spec in record.fields.items():
        if key not in value:
            continue
        here = f"{path}.{key}" if path else key
        yield here, record, spec, value[key]
        if spec.kind == "record" and spec.record is not None and value[key] is not None:
            yield from _walk(value[key], spec.record, here)
        elif spec.kind == "records" and spec.record is not None:
            for index, item in enumerate(value[key]):
                yield from _walk(item, spec.record, f"{here}[{index}]")


def _check_identities(document: Mapping[str, Any]) -> None:
    """Every uid is unique in the document, and every reference names a uid the document lists."""
    first_seen: dict[str, str] = {}
    known: dict[str, set[str]] = defaultdict(set)
    references: list[tuple[str, _Field, Any]] = []
    for path, record, spec, value in _walk(document, _DOCUMENT, ""):
        if spec.kind == "uid":
            if value in first_seen:
                raise _Problem(f"{path} repeats the uid of {first_seen[value]}; every item needs its own uid")
            first_seen[value] = path
            known[record.name].add(value)
        elif spec.kind in ("ref", "refs"):
            references.append((path, spec, value))
    for path, spec, value in references:
        assert spec.target is not None
        named = [(path, value)] if spec.kind == "ref" else [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        for where, uid in named:
            if uid is not None and uid not in known[spec.target.name]:
                raise _Problem(
                    f"{where} names a {spec.target.label} ({uid}) "
                    f"that is not listed in {spec.target.listed_in}"
                )


def _check_brainstorm(document: Mapping[str, Any]) -> None:
    """What the brainstorm sections must hold beyond their shape: trees, pairs and one-per rules."""
    node_team: dict[str, str] = {}
    for index, node in enumerate(document["why_chains"]):
        parent = node["parent"]
        if parent is not None:
            if parent not in node_team:
                raise _Problem(
                    f"why_chains[{index}].parent names a statement listed after it (or itself); "
                    "list each statement before its answers"
                )
            if node_team[parent] != node["team"]:
                raise _Problem(
                    f"why_chains[{index}].team differs from the team of the statement it answers; "
                    "an answer belongs to the same team's chain"
                )
        node_team[node["uid"]] = node["team"]

    dismissed: dict[frozenset[str], int] = {}
    for index, pair in enumerate(document["dismissed_suggestions"]):
        key = frozenset((pair["first"], pair["second"]))
        if key in dismissed:
            raise _Problem(
                f"dismissed_suggestions[{index}] repeats the pair of dismissed_suggestions[{dismissed[key]}]"
            )
        dismissed[key] = index

    goal_of: dict[str, str] = {}
    for index, goal in enumerate(document["team_goals"]):
        parent = goal["parent"]
        if parent is not None:
            if parent not in goal_of:
                raise _Problem(
                    f"team_goals[{index}].parent names a team goal listed after it (or itself); "
                    "list each goal before the goals under it"
                )
            if goal_of[parent] != goal["company_goal"]:
                raise _Problem(
                    f"team_goals[{index}].company_goal differs from that of the goal it sits under; "
                    "a team goal sits under a goal worked back from the same company goal"
                )
        goal_of[goal["uid"]] = goal["company_goal"]

    funnel_of: dict[str, int] = {}
    for index, funnel in enumerate(document["funnels"]):
        if funnel["company_goal"] in funnel_of:
            raise _Problem(
                f"funnels[{index}].company_goal already has the reverse funnel funnels[{funnel_of[funnel['company_goal']]}]; "
                "a company goal has at most one"
            )
        funnel_of[funnel["company_goal"]] = index
        weights = funnel["weights"]
        if weights is not None and len(weights) != len(funnel["quarters"]):
            raise _Problem(
                f"funnels[{index}].weights has {len(weights)} weights for {len(funnel['quarters'])} quarters; "
                "give one weight per quarter, or null for an even split"
            )

    for index, switch in enumerate(document["team_switches"]):
        teams = (switch["player_team"], switch["played_team"])
        if teams[0] == teams[1]:
            raise _Problem(
                f"team_switches[{index}].played_team is the player team; a team cannot play itself"
            )
        noted: set[str] = set()
        for number, note in enumerate(switch["empathy_notes"]):
            here = f"team_switches[{index}].empathy_notes[{number}].team"
            if note["team"] not in teams:
                raise _Problem(f"{here} is neither team of the switch; only its two teams write notes on it")
            if note["team"] in noted:
                raise _Problem(f"{here} has written a note on this switch already; a team writes one")
            noted.add(note["team"])

    voted: set[tuple[str, str]] = set()
    for index, vote in enumerate(document["votes"]):
        pair = (vote["leader"], vote["candidate"])
        if pair in voted:
            raise _Problem(
                f"votes[{index}] repeats a leader and candidate listed before; give each pair one entry"
            )
        voted.add(pair)


def _check_oldest_first(entries: list[dict[str, Any]], field_name: str, path: str, what: str) -> None:
    previous: dt.datetime | None = None
    for index, entry in enumerate(entries):
        moment = _parse_datetime(entry[field_name], f"{path}[{index}].{field_name}")
        if previous is not None and moment < previous:
            raise _Problem(
                f"{path}[{index}].{field_name} is earlier than {path}[{index - 1}].{field_name}; "
                f"list {what} oldest first"
            )
        previous = moment


def _check_signoff(document: Mapping[str, Any]) -> None:
    """What the version 3 sections must hold beyond their shape; above all, that signed means signed.

    Each version's content must be the canonical form whose SHA-256 is its fingerprint, and a
    plan locked at a version (its reopening null) must hold exactly that version's content: an
    export changed after it was written is refused, not imported as if it had been signed.
    """
    _check_oldest_first(document["overlap_resolutions"], "resolved_at", "overlap_resolutions", "resolutions")
    settled: dict[tuple[str, str, str], int] = {}
    for index, resolution in enumerate(document["overlap_resolutions"]):
        key = (resolution["rule"], resolution["first"], resolution["second"])
        if key in settled:
            raise _Problem(
                f"overlap_resolutions[{index}] settles the overlap of overlap_resolutions[{settled[key]}] "
                "again; an overlap is settled once"
            )
        settled[key] = index

    for index, leader in enumerate(document["leaders"]):
        if leader["initials"].strip():
            try:
                clean_initials(leader["initials"])
            except EditRefusedError as error:
                raise _Problem(f"leaders[{index}].initials: {error}") from None

    rated: dict[str, int] = {}
    for index, rating in enumerate(document["survey"]):
        if rating["leader"] in rated:
            raise _Problem(
                f"survey[{index}].leader has rated already in survey[{rated[rating['leader']]}]; "
                "a leader rates once"
            )
        rated[rating["leader"]] = index

    versions = document["versions"]
    for index, version in enumerate(versions):
        here = f"versions[{index}]"
        if index and version["number"] <= versions[index - 1]["number"]:
            raise _Problem(
                f"{here}.number is not above that of versions[{index - 1}]; list versions by number"
            )
        if version["reopening"] is None and index < len(versions) - 1:
            raise _Problem(
                f"{here} was never re-opened, yet a later version was frozen; "
                "only the last version may lock the plan"
            )
        _check_version_content(version, here)
        _check_oldest_first(version["signatures"], "signed_at", f"{here}.signatures", "signatures")
        _check_oldest_first(version["withdrawals"], "withdrawn_at", f"{here}.withdrawals", "withdrawals")
        signed: set[str] = set()
        for number, signature in enumerate(version["signatures"]):
            try:
                clean_initials(signature["initials"])
            except EditRefusedError as error:
                raise _Problem(f"{here}.signatures[{number}].initials: {error}") from None
            if bool(signature["signed_by"].strip()) != bool(signature["behalf_reason"].strip()):
                raise _Problem(
                    f"{here}.signatures[{number}] names who signed on the leader's behalf without a reason, "
                    "or a reason without who; give both, or neither"
                )
            if signature["leader_uid"] in signed:
                raise _Problem(f"{here}.signatures[{number}] is a second signature by the same leader")
            signed.add(signature["leader_uid"])
    if versions and versions[-1]["reopening"] is None:
        locked = versions[-1]
        if locked["fingerprint"] not in signed_fingerprints(signed_content(document)):
            raise _Problem(
                f"the plan is signed (version {locked['number']}), but its content does not match that "
                "version's fingerprint, so it was changed after signing; export it from Offsite again, or "
                "set the last version's “reopening” to say who changed it, when and why"
            )


def _check_version_content(version: Mapping[str, Any], here: str) -> None:
    content = version["content"]
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError:
        raise _Problem(f"{here}.content contains a broken character (a lone UTF-16 surrogate)") from None
    if hashlib.sha256(data).hexdigest() != version["fingerprint"]:
        raise _Problem(
            f"{here}.content does not match {here}.fingerprint, so the signed version was changed after "
            "Offsite wrote it; use an unaltered export"
        )
    try:
        parsed = json.loads(content)
        canonical = canonical_form(parsed) if isinstance(parsed, dict) else None
    except (ValueError, TypeError, RecursionError):
        canonical = None
    if canonical != data:
        raise _Problem(f"{here}.content is not a plan's content in canonical form (see docs/interchange.md)")


# --- Import ------------------------------------------------------------------------------------------


def import_json(source: Path | str, plan_path: Path | str) -> PlanFile:
    """Create a new plan file at ``plan_path`` from the interchange document ``source``; returns it open.

    Uids are kept; positions follow the order of the lists. Refuses (OffsiteError) when
    ``plan_path`` exists, leaving it untouched. Raises ImportFormatError when the document is
    not valid, and the store's typed errors (e.g. DiskFullError) when the plan cannot be
    written; after any failure no plan file is left behind.
    """
    plan_path = Path(plan_path)
    output_file(plan_path)
    if plan_path.exists() or plan_path.is_symlink():
        raise OffsiteError(f"“{plan_path.name}” already exists; choose another name for the imported plan.")
    document = read_document(source)
    if not plan_path.parent.is_dir():
        raise OffsiteError(f"The folder for “{plan_path.name}” does not exist; choose another place.")

    def fill(plan: PlanFile) -> None:
        with plan.write() as session:
            insert_document(session, document)

    # Built beside the target and put there whole: a crash or a second import at the same time
    # never leaves half a plan there, nor replaces the other one.
    exists = f"“{plan_path.name}” already exists; choose another name for the imported plan."
    try:
        plan = create_plan_file(plan_path, fill, exists=exists)
    except (DBAPIError, sqlite3.Error) as error:
        if isinstance(error, IntegrityError):
            raise
        translated = translate_operational_error(error, plan_path.name)
        if translated is not None:
            raise translated from error
        raise OffsiteError(
            f"“{plan_path.name}” could not be written ({_reason(error)}), so nothing was imported; "
            "try another place."
        ) from error
    log.info("imported %s into %s", source, plan_path)
    return plan


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return str(original if original is not None else error)


# --- The published schema ----------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document, as published in docs/interchange.schema.json.

    It states the document's shape. A few rules JSON Schema cannot state are enforced by
    :func:`read_document` and listed in the schema's description.
    """
    defs: dict[str, Any] = {
        "uid": {
            "description": "A stable identity: a UUID in lower case. Unique across the whole document.",
            "type": "string",
            "pattern": "^" + _UID.pattern + "$",
        },
        "text": {
            "description": f"Text as the user typed it: any characters but NUL, up to {MAX_TEXT:,} of them.",
            "type": "string",
            "maxLength": MAX_TEXT,
            "pattern": "^[^\\u0000]*$",
        },
        "date": {
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^" + _DATE.pattern + "$",
        },
        "datetime": {
            "description": "A moment: ISO 8601 with seconds. Offsite writes UTC with microseconds and Z; "
            "readers also accept an offset such as +02:00 and convert to UTC.",
            "type": "string",
            "format": "date-time",
            "pattern": "^" + _DATETIME.pattern + "$",
        },
    }
    for record in _RECORDS:
        defs[record.name] = _record_schema(record)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Offsite plan interchange document",
        "description": (
            f"A whole Offsite plan (format “{FORMAT}”, version {VERSION}); see docs/interchange.md. "
            "Readers also enforce what a schema cannot state: every uid is unique in the document; every "
            "reference names a uid listed in the document; dates are real "
            "calendar dates; text holds no lone UTF-16 surrogates; numbers are finite; in why_chains and "
            "team_goals a parent is listed before its children and belongs to the same team or company "
            "goal; a company goal has at most one funnel, with one weight per quarter; a team switch pairs "
            "two different teams, and each of them writes at most one empathy note on it; a leader and "
            "candidate appear in votes once; a dismissed pair appears once; overlap "
            "resolutions and signatures are oldest first; an overlap is resolved once; a leader rates once "
            "and signs a version once; versions ascend by number and all but the last are re-opened; each "
            "version's content is in canonical form and its SHA-256 is the version's fingerprint; a plan "
            "locked at its last version (reopening null) has that fingerprint for its signed content; a "
            "draft keeps one base per item, and merge records are oldest first. "
            "Version 1 to 4 documents are still read: fields added later take the defaults given in their "
            "descriptions (version 1 lacks the brainstorm sections, plan.dot_budget, plan.top_n and the "
            "objectives' origin fields: empty, 3, 3, null and blank; versions 1 and 2 lack definitions, "
            "overlap_resolutions, versions, survey and objectives' merged_from: all empty; versions 1 to 3 "
            "lack parking_lot: empty, and agenda: no items, a day from 09:00, nothing running; versions 1 "
            "to 4 lack drafting: no draft and no merges). An agenda item's view is a screen (a phase or "
            "brainstorm:<tab>) and the day's starts_at is HH:MM."
        ),
        **_record_schema(_DOCUMENT),
        "$defs": defs,
    }


def _record_schema(record: _Record) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if record is not _DOCUMENT:
        schema = {"description": record.doc, **schema}
    schema["required"] = [key for key, spec in record.fields.items() if spec.required]
    schema["additionalProperties"] = False
    schema["properties"] = {key: _field_schema(spec) for key, spec in record.fields.items()}
    return schema


def _field_schema(spec: _Field) -> dict[str, Any]:
    body: dict[str, Any]
    kind = spec.kind
    if kind in ("uid", "ref", "loose_uid", "text", "date", "datetime"):
        body = {"$ref": "#/$defs/" + ("uid" if kind in ("ref", "loose_uid") else kind)}
        if spec.nullable:
            body = {"oneOf": [body, {"type": "null"}]}
    elif kind == "content":
        body = {"type": "string"}
    elif kind == "fingerprint":
        body = {"type": "string", "pattern": "^" + _FINGERPRINT.pattern + "$"}
        if spec.nullable:
            body = {"oneOf": [body, {"type": "null"}]}
    elif kind == "item_key":
        body = {"type": "string", "pattern": "^" + _ITEM_KEY.pattern + "$"}
    elif kind == "number":
        body = {"type": ["number", "null"] if spec.nullable else "number"}
    elif kind == "bool":
        body = {"type": ["boolean", "null"] if spec.nullable else "boolean"}
    elif kind == "integer":
        body = {
            "type": ["integer", "null"] if spec.nullable else "integer",
            "minimum": spec.low,
            "maximum": spec.high,
        }
    elif kind == "texts":
        body = {"type": "array", "items": {"$ref": "#/$defs/text"}}
    elif kind == "numbers":
        body = {"type": ["array", "null"] if spec.nullable else "array", "items": {"type": "number"}}
    elif kind == "enum":
        body = {"enum": list(spec.choices)}
    elif kind == "refs":
        body = {"type": "array", "items": {"$ref": "#/$defs/uid"}, "uniqueItems": True}
    elif kind in ("record", "records"):
        assert spec.record is not None
        body = {"$ref": "#/$defs/" + spec.record.name}
        if kind == "records":
            body = {"type": "array", "items": body}
        elif spec.nullable:
            body = {"oneOf": [body, {"type": "null"}]}
    elif kind == "format":
        body = {"const": FORMAT}
    elif kind == "version":
        body = {"type": "integer", "minimum": 1, "maximum": VERSION}
    else:  # pragma: no cover
        raise AssertionError(kind)
    return {"description": spec.doc, **body}


# --- The agenda (version 4) ------------------------------------------------------------------------


def _check_agenda(document: Mapping[str, Any]) -> None:
    """Each agenda item names a screen; the day starts at an HH:MM; a running item has its start."""
    section = document["agenda"]
    for index, item in enumerate(section["items"]):
        if not is_agenda_view(item["view"]):
            raise _Problem(
                f"agenda.items[{index}].view is “{item['view']}”, which is no screen; use a phase "
                "(prepare, brainstorm, plan, buyin, signoff, review) or brainstorm:<tab>"
            )
    day = section["day"]
    if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", day["starts_at"]):
        raise _Problem(f"agenda.day.starts_at is “{day['starts_at']}”; write the time as HH:MM, e.g. 09:00")
    try:
        parse_day_start(day["starts_at"])
    except ValueError:
        raise _Problem(f"agenda.day.starts_at is “{day['starts_at']}”, which is no time of day") from None
    if (day["current_item_uid"] is None) != (day["item_started_at"] is None):
        raise _Problem(
            "agenda.day gives a running item without its start, or a start without an item; give both or neither"
        )
    if day["item_started_at"] is not None:
        _parse_datetime(day["item_started_at"], "agenda.day.item_started_at")


# --- Drafting and merging (version 5) ---------------------------------------------------------------


def _check_drafting(document: Mapping[str, Any]) -> None:
    """A draft keeps one base per item; merge records are oldest first, the order that makes the latest."""
    section = document["drafting"]
    draft = section["draft"]
    if draft is not None:
        first: dict[str, int] = {}
        for index, base in enumerate(draft["bases"]):
            key = base["item_key"]
            if key in first:
                raise _Problem(
                    f"drafting.draft.bases[{index}].item_key repeats that of drafting.draft.bases[{first[key]}]; "
                    "a draft keeps one base fingerprint per item"
                )
            first[key] = index

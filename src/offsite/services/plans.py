"""Creating, opening, reading and checking whole plans."""

from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from offsite.domain.errors import NotAPlanError
from offsite.domain.language import translate
from offsite.domain.values import (
    Direction,
    Stance,
)

# PlanFile, the handle of an open plan, and save_copy (File ▸ Save As) are named here for the
# layers above: the GUI reaches the store only through services.
from offsite.store import PlanFile as PlanFile
from offsite.store import create_plan_file, open_plan_file
from offsite.store.document.view import objectives_holding as objectives_holding
from offsite.store.document.view import patch_objective_list as patch_objective_list
from offsite.store.document.view import patch_plan as patch_plan
from offsite.store.document.view import read_details as read_details
from offsite.store.document.view import read_heading_ids as read_heading_ids
from offsite.store.document.view import read_heading_lines as read_heading_lines
from offsite.store.document.view import read_heading_place as read_heading_place
from offsite.store.document.view import read_lines as read_lines
from offsite.store.document.view import read_objective_counts as read_objective_counts
from offsite.store.document.view import read_objective_list as read_objective_list
from offsite.store.document.view import read_objectives as read_objectives
from offsite.store.document.view import read_outline as read_outline
from offsite.store.document.view import read_plan as read_plan  # the view of a plan, read where rows are read
from offsite.store.document.view import read_stances as read_stances
from offsite.store.fileformat import read_header
from offsite.store.lock import LOCKED_VERSION_QUERY, OPERATIONS, content_tables, trigger_name
from offsite.store.planfile import connect_readonly
from offsite.store.schema import read_schema, schema_differences, summary
from offsite.store.snapshot import save_copy as save_copy


def create_plan(path: Path | str, title: str = "Untitled offsite") -> PlanFile:
    """Create a new plan file holding just its details; refuses to overwrite a file."""
    from offsite.store.models import Plan  # the ORM loads to write, not to open or show a plan

    def fill(plan: PlanFile) -> None:
        with plan.write() as session:
            session.add(Plan(title=title, venue="", horizon="", vision=""))

    return create_plan_file(path, fill)


def open_plan(path: Path | str, *, readonly: bool = False, check_integrity: bool = True) -> PlanFile:
    """Open a plan for editing (or reading); raises NotAPlanError / PlanTooNewError untouched.

    ``check_integrity=False`` defers reading every page for damage to ``plan.check_integrity()``
    (the app runs it on a worker thread once the plan is on screen).

    A room's replica on this laptop (a plan joined with ``offsite room join``) opens as the room:
    read from the replica, written to the room's server (``services.room``).
    """
    from offsite.store.room import is_replica

    if not readonly and is_replica(Path(path)):
        from offsite.services.room import open_room

        return open_room(Path(path))
    return open_plan_file(path, readonly=readonly, check_integrity=check_integrity)


@dataclass(frozen=True, slots=True)
class CheckResult:
    problems: tuple[str, ...]
    #: The number of the version that locks the plan (signed or awaiting signatures); None when open.
    signed_version: int | None = None
    #: For a leader's draft, whose draft of which plan it is (“Maya Okafor’s draft of “…””); else "".
    draft_of: str = ""

    @property
    def sound(self) -> bool:
        return not self.problems


def check_plan(path: Path | str) -> CheckResult:
    """Inspect a plan without changing it.

    Returns the problems found (none for a sound plan). Raises NotAPlanError or PlanTooNewError
    when the file is no plan, or one this version cannot read.
    """
    path = Path(path)
    header = read_header(path)
    problems: list[str] = []
    signed_version: int | None = None
    draft_of = ""
    connection = connect_readonly(path)
    try:
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            altered = schema_differences(read_schema(connection), header.schema_version)
        except sqlite3.DatabaseError as error:
            raise NotAPlanError(
                translate(
                    "PlanCheck",
                    "“{file}” is damaged and cannot be read ({error}). Open an earlier copy instead.",
                ).format(file=path.name, error=error)
            ) from error
        if integrity != ["ok"]:
            problems += [translate("PlanCheck", "Storage: {line}").format(line=line) for line in integrity]
        if altered:
            # Nothing more is read: the file's own triggers and views are not Offsite's to run.
            problems.append(
                translate(
                    "PlanCheck", "Structure: the file was altered outside Offsite; it has {changes}."
                ).format(changes=summary(altered, most=len(altered)))
            )
            return CheckResult(tuple(problems), None, "")
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            problems.append(
                translate("PlanCheck", "A {table} row (#{row_id}) points at a missing {parent}.").format(
                    table=table, row_id=rowid, parent=parent
                )
            )
        plans = connection.execute("SELECT count(*) FROM plan").fetchone()[0]
        if plans != 1:
            problems.append(
                translate(
                    "PlanCheck", "The file should hold exactly one plan record; it holds {count}."
                ).format(count=plans)
            )
        problems += _unknown(
            connection, "stance", "stance_record", Stance, translate("PlanCheck", "buy-in stance")
        )
        problems += _unknown(
            connection, "direction", "metric", Direction, translate("PlanCheck", "metric direction")
        )
        for (_name,) in connection.execute("SELECT name FROM team WHERE trim(name) = ''"):
            problems.append(translate("PlanCheck", "A team has no name."))
        if header.schema_version >= _BRAINSTORM_SCHEMA:
            problems += _brainstorm_problems(connection)
        if header.schema_version >= _SIGNOFF_SCHEMA:
            problems += _signoff_problems(connection)
            signed_version = connection.execute(LOCKED_VERSION_QUERY).fetchone()[0]
        if header.schema_version >= _DRAFTS_SCHEMA:
            problems += _drafting_problems(connection)
            draft_of = _draft_of(connection)
        if header.schema_version >= _CADENCE_SCHEMA:
            problems += _cadence_problems(connection)
        if header.schema_version >= _AGREEMENTS_SCHEMA:
            problems += _agreement_problems(connection)
    except sqlite3.DatabaseError as error:
        problems.append(
            translate("PlanCheck", "The plan could not be read completely: {error}.").format(error=error)
        )
    finally:
        connection.close()
    return CheckResult(tuple(problems), signed_version, draft_of)


#: The first plan format with brainstorm tables; an older file is checked as it is, not upgraded.
_BRAINSTORM_SCHEMA = 2
#: The first plan format with definitions, overlap resolutions, versions, signatures and the survey.
_SIGNOFF_SCHEMA = 3


#: The first plan format that marks drafts and keeps merge records.
_DRAFTS_SCHEMA = 5
#: The first plan format that keeps check-ins, quarter reviews and wins.
_CADENCE_SCHEMA = 8
#: The first plan format that keeps the agreements beyond goals and the business model.
_AGREEMENTS_SCHEMA = 9
#: How many rows of one fault an agreement check names before it stops: a hand-edited file may
#: hold thousands alike, and the first few say what to correct.
_NAMED = 20


def _agreement_problems(connection: sqlite3.Connection) -> list[str]:
    """Agreements and their buy-in holding what Offsite could not have written, each named as a
    leader finds it (its kind and title) with what to correct: a kind or cadence that is none, a
    NUL character in a text, a stance that is none or by a leader no longer in the plan."""
    from offsite.domain.agreements import BUSINESS_MODELS, CADENCES, TEXT_FIELDS, AgreementKind
    from offsite.domain.drafting import quote

    def named(kind: object, title: object) -> str:
        try:
            noun = AgreementKind(str(kind)).noun
        except ValueError:
            noun = "agreement"
        text = str(title).replace("\x00", "") if title is not None else ""
        return (
            translate("PlanCheck", "{noun} {title}").format(noun=noun, title=quote(text))
            if text.strip()
            else translate("PlanCheck", "{noun} with no title").format(noun=noun)
        )

    problems: list[str] = []
    nouns = [k.noun for k in AgreementKind]
    kinds = translate("PlanCheck", "{choices} or {last}").format(
        choices=", ".join(nouns[:-1]), last=nouns[-1]
    )
    for row_id, kind, title in connection.execute(
        "SELECT id, kind, title FROM agreement WHERE kind NOT IN "
        f"({', '.join('?' * len(AgreementKind))}) ORDER BY id LIMIT {_NAMED}",
        tuple(k.value for k in AgreementKind),
    ):
        problems.append(
            translate(
                "PlanCheck",
                "The {agreement} (#{row_id}) is of an unknown kind {kind}: it should be a {kinds}. Remove it, or add it again as one of these.",
            ).format(agreement=named(None, title), row_id=row_id, kind=quote(str(kind)), kinds=kinds)
        )
    for row_id, kind, title, cadence in connection.execute(
        "SELECT id, kind, title, cadence FROM agreement WHERE cadence NOT IN "
        f"('', {', '.join('?' * len(CADENCES))}) ORDER BY id LIMIT {_NAMED}",
        CADENCES,
    ):
        problems.append(
            translate(
                "PlanCheck",
                "The {agreement} (#{row_id}) has the cadence {cadence}, which is none: choose {choices} or {last}, or leave it blank.",
            ).format(
                agreement=named(kind, title),
                row_id=row_id,
                cadence=quote(str(cadence)),
                choices=", ".join(CADENCES[:-1]),
                last=CADENCES[-1],
            )
        )
    for field in TEXT_FIELDS:  # this module's names only
        for row_id, kind, title in connection.execute(
            f"SELECT id, kind, title FROM agreement WHERE instr({field}, char(0)) > 0 ORDER BY id LIMIT {_NAMED}"
        ):
            problems.append(
                translate(
                    "PlanCheck",
                    "The {agreement} (#{row_id}) holds a NUL character in its {field}, which a plan cannot show or export: retype that text.",
                ).format(agreement=named(kind, title), row_id=row_id, field=field.replace("_", " "))
            )
    problems += _unknown(
        connection, "stance", "agreement_stance", Stance, translate("PlanCheck", "agreement stance")
    )
    for row_id, kind, title, leader_id in connection.execute(
        "SELECT s.id, a.kind, a.title, s.leader_id FROM agreement_stance AS s "
        "JOIN agreement AS a ON a.id = s.agreement_id "
        f"WHERE s.leader_id NOT IN (SELECT id FROM leader) ORDER BY s.id LIMIT {_NAMED}"
    ):
        problems.append(
            translate(
                "PlanCheck",
                "A stance on the {agreement} (#{row_id}) is by a leader no longer in the plan (#{leader_id}): remove the stance, or add the leader back.",
            ).format(agreement=named(kind, title), row_id=row_id, leader_id=leader_id)
        )
    for (model,) in connection.execute(
        f"SELECT business_model FROM plan WHERE business_model NOT IN ('', {', '.join('?' * len(BUSINESS_MODELS))})",
        BUSINESS_MODELS,
    ):
        problems.append(
            translate(
                "PlanCheck",
                "The plan's business model is {model}, which is none: choose {choices} or {last}, or leave it blank.",
            ).format(
                model=quote(str(model)), choices=", ".join(BUSINESS_MODELS[:-1]), last=BUSINESS_MODELS[-1]
            )
        )
    return problems


def _cadence_problems(connection: sqlite3.Connection) -> list[str]:
    """Check-ins and wins whose stored values the app could not have written: a day that is no
    date of the years a plan tracks, a value that is no number or beyond any metric's, a
    confidence outside 0 to 10."""
    from offsite.domain.errors import EditRefusedError
    from offsite.domain.rules import MAX_ACTUAL, clean_tracked_day

    def no_day(value: object) -> bool:
        try:
            clean_tracked_day(value if isinstance(value, str) else None)
        except EditRefusedError:
            return True
        return False

    problems: list[str] = []
    for table, column, noun in (
        ("check_in", "as_of", translate("PlanCheck", "check-in")),
        ("win", '"on"', translate("PlanCheck", "win")),
    ):
        days = connection.execute(f"SELECT DISTINCT {column} FROM {table}")  # this module's names only
        bad = [day for (day,) in days if no_day(day)]
        for day in bad[:20]:
            (row_id,) = connection.execute(
                f"SELECT min(id) FROM {table} WHERE {column} IS ?", (day,)
            ).fetchone()
            problems.append(
                translate("PlanCheck", "A {noun} (#{row_id}) holds a day that is no date: “{day}”.").format(
                    noun=noun, row_id=row_id, day=day
                )
            )
    numbers = (
        (
            f"typeof(value) NOT IN ('integer', 'real') OR abs(value) > {MAX_ACTUAL:.0f}",
            translate("PlanCheck", "a value that is no number of a metric's size"),
        ),
        (
            "confidence IS NOT NULL AND (typeof(confidence) != 'integer' OR confidence NOT BETWEEN 0 AND 10)",
            translate("PlanCheck", "a confidence outside 0 to 10"),
        ),
    )
    for bad_row, what in numbers:
        for (row_id,) in connection.execute(f"SELECT id FROM check_in WHERE {bad_row} ORDER BY id LIMIT 20"):
            problems.append(
                translate("PlanCheck", "A check-in (#{row_id}) holds {what}.").format(
                    row_id=row_id, what=what
                )
            )
    return problems


def _unknown(
    connection: sqlite3.Connection, column: str, table: str, values: type[enum.StrEnum], what: str
) -> list[str]:
    """A problem for each distinct value of ``table.column`` that is not one of ``values``."""
    valid = {v.value for v in values}
    query = f"SELECT DISTINCT {column} FROM {table}"  # names are this module's constants, never input
    return [
        translate("PlanCheck", "Unknown {what} “{value}”.").format(what=what, value=value)
        for (value,) in connection.execute(query)
        if value not in valid
    ]


def _draft_of(connection: sqlite3.Connection) -> str:
    from offsite.services.draft_marking import DraftInfo

    row = connection.execute("SELECT leader_name, plan_title FROM draft ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return ""
    return DraftInfo("", None, row[1], "", row[0], dt.datetime.min).label


def _drafting_problems(connection: sqlite3.Connection) -> list[str]:
    """A file marked as more than one draft, or a merge record no merge could have written."""
    from offsite.domain.drafting import Outcome

    problems: list[str] = []
    drafts = connection.execute("SELECT count(*) FROM draft").fetchone()[0]
    if drafts > 1:
        problems.append(
            translate(
                "PlanCheck", "The file is marked as {count} drafts; a draft is one leader's, marked once."
            ).format(count=drafts)
        )
    actions = {o.value for o in Outcome}
    for (action,) in connection.execute("SELECT DISTINCT action FROM merge_record"):
        if action not in actions:
            problems.append(
                translate("PlanCheck", "A merge record holds an unknown outcome “{action}”.").format(
                    action=action
                )
            )
    return problems


def _signoff_problems(connection: sqlite3.Connection) -> list[str]:
    """What the sign-off tables hold that breaks their rules: a tampered version, a missing lock."""
    import hashlib  # OpenSSL's library (megabytes) loads when a plan is checked, not when a window opens

    from offsite.domain.signoff import ResolutionAction  # the rules of sign-off, loaded to check a plan

    problems: list[str] = []
    problems += _unknown(
        connection, "stance", "definition_stance", Stance, translate("PlanCheck", "definition stance")
    )
    problems += _unknown(
        connection,
        "action",
        "overlap_resolution",
        ResolutionAction,
        translate("PlanCheck", "overlap resolution"),
    )
    for number, content, fingerprint in connection.execute(
        "SELECT number, content, fingerprint FROM plan_version ORDER BY number"
    ):
        if hashlib.sha256(str(content).encode("utf-8", "surrogatepass")).hexdigest() != fingerprint:
            problems.append(
                translate(
                    "PlanCheck",
                    "Version {number} does not match its fingerprint: its frozen content was changed.",
                ).format(number=number)
            )
    unlocked = connection.execute(
        "SELECT count(*) FROM plan_version AS v "
        "WHERE NOT EXISTS (SELECT 1 FROM reopening AS r WHERE r.version_id = v.id)"
    ).fetchone()[0]
    if unlocked > 1:
        problems.append(
            translate(
                "PlanCheck", "{count} versions are frozen and none of them re-opened; only one can be."
            ).format(count=unlocked)
        )
    present = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in content_tables(tables):
        if any(trigger_name(table, operation) not in present for operation in OPERATIONS):
            problems.append(
                translate("PlanCheck", "The {table} table is not protected by the sign-off lock.").format(
                    table=table
                )
            )
    return problems


def _brainstorm_problems(connection: sqlite3.Connection) -> list[str]:
    """What the brainstorm tables hold that this version cannot show (unknown values, broken lists)."""
    from offsite.domain.exercises import Exercise, SwitchItemKind, SwitchSide

    problems: list[str] = []
    known = (
        ("candidate", "exercise", Exercise, translate("PlanCheck", "candidate origin")),
        ("switch_item", "side", SwitchSide, translate("PlanCheck", "team switch side")),
        ("switch_item", "kind", SwitchItemKind, translate("PlanCheck", "team switch item kind")),
    )
    for table, column, values, what in known:
        problems += _unknown(connection, column, table, values, what)
    for (impact,) in connection.execute(
        "SELECT DISTINCT impact FROM candidate WHERE impact IS NOT NULL AND impact NOT BETWEEN 1 AND 5"
    ):
        problems.append(
            translate("PlanCheck", "A candidate's impact is {impact}; it should be from 1 to 5.").format(
                impact=impact
            )
        )
    for (dots,) in connection.execute("SELECT DISTINCT dots FROM dot_vote WHERE dots < 1"):
        problems.append(
            translate("PlanCheck", "A dot vote holds {dots} dots; it should hold at least one.").format(
                dots=dots
            )
        )
    for funnel_id, quarters, weights in connection.execute("SELECT id, quarters, weights FROM funnel"):
        try:
            labels = json.loads(quarters)
            shares = None if weights is None else json.loads(weights)
        except ValueError:
            problems.append(
                translate(
                    "PlanCheck",
                    "The reverse funnel #{funnel_id} has quarters or weights that cannot be read.",
                ).format(funnel_id=funnel_id)
            )
            continue
        if not isinstance(labels, list) or not all(isinstance(q, str) for q in labels):
            problems.append(
                translate(
                    "PlanCheck", "The reverse funnel #{funnel_id} has quarters that are not a list of labels."
                ).format(funnel_id=funnel_id)
            )
        elif shares is not None and (
            not isinstance(shares, list)
            or len(shares) != len(labels)
            or not all(isinstance(w, int | float) and not isinstance(w, bool) for w in shares)
        ):
            problems.append(
                translate(
                    "PlanCheck", "The reverse funnel #{funnel_id} does not have one weight per quarter."
                ).format(funnel_id=funnel_id)
            )
    return problems

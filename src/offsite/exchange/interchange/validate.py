"""Parse and validate a received plan document: its shape by the data classes, then what crosses records.

A document from elsewhere is untrusted. It is parsed strictly (no repeated field, no NaN, no number
beyond reach), upgraded from an older interchange version by the defaults the data classes declare
(``offsite.store.document.fields.Since``), validated by ``offsite.store.document.data.Document``
(every field's kind, no unknown field), and then checked for what no single field can say:
identities and references, the brainstorm trees and pairs, sign-off (signed means signed), the
agenda and drafting, and every value a leader types by the rules typing keeps. The first problem
found is one sentence naming its place, e.g. ``objectives[3].title is longer than …``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import math
import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from offsite.domain.agenda import PHASE_VIEWS, parse_day_start
from offsite.domain.agenda import is_view as is_agenda_view
from offsite.domain.errors import EditRefusedError, ImportFormatError
from offsite.domain.fingerprint import canonical_form
from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.domain.rules import document_faults
from offsite.exchange.interchange.gate import passes
from offsite.services.signoff import clean_initials
from offsite.store.document import signed_content, signed_fingerprints
from offsite.store.document.data import RECORDS, Document, Record
from offsite.store.document.fields import FORMAT, HERE, VERSION, Kind, Ref, Refs, Since, Uid, moment


class Problem(Exception):
    """The first thing wrong with a document, as a phrase naming where it is."""


def parse(data: bytes, name: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” is not UTF-8 text (byte {byte} cannot be read); check that it is an Offsite plan export, or save it again as UTF-8.",
            ).format(name=name, byte=error.start)
        ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some Windows editors add
    if not text or text.isspace():  # as `not text.strip()`, without copying a large file's text
        raise ImportFormatError(
            translate("Interchange", "“{name}” is empty; export the plan again.").format(name=name)
        )
    beyond_reach: list[_NotANumber] = []  # every number no plan can hold, as the parser meets it

    def out_of_reach(written: str) -> _NotANumber:
        beyond_reach.append(_NotANumber(written))
        return beyond_reach[-1]

    def whole_number(written: str) -> int | _NotANumber:
        return out_of_reach(written) if len(written) > _LONGEST_NUMBER else int(written)

    def fraction(written: str) -> float | _NotANumber:
        number = float(written)
        return number if math.isfinite(number) else out_of_reach(written)

    try:
        document = json.loads(
            text,
            parse_constant=out_of_reach,
            parse_int=whole_number,
            parse_float=fraction,
            object_pairs_hook=_without_repeats,
        )
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” is not valid JSON (line {line}, column {column}: {reason}); it may be cut short or damaged. Export the plan again, or correct the file.",
            ).format(name=name, line=error.lineno, column=error.colno, reason=error.msg)
        ) from None
    except RecursionError:
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” is nested far too deeply to be an Offsite plan export; check that it is one.",
            ).format(name=name)
        ) from None
    except Problem as problem:
        raise ImportFormatError(
            translate("Interchange", "“{name}” cannot be imported: {problem}; correct the file.").format(
                name=name, problem=problem
            )
        ) from None

    try:
        if beyond_reach:  # only then is the whole document walked, to name the first one's place
            _refuse_numbers_out_of_reach(document)
    except Problem as problem:
        raise ImportFormatError(
            translate(
                "Interchange", "“{name}” cannot be imported: {problem}. Correct the file and try again."
            ).format(name=name, problem=problem)
        ) from None
    if not isinstance(document, dict):
        raise ImportFormatError(
            translate(
                "Interchange",
                '“{name}” is JSON but not an Offsite plan export, which is one object with "format": "{format}".',
            ).format(name=name, format=FORMAT)
        )
    if document.get("format") != FORMAT:
        found = (
            translate("Interchange", "it has no “format” field")
            if "format" not in document
            else translate("Interchange", "its format is {found}, not “{format}”").format(
                found=_show(document["format"]), format=FORMAT
            )
        )
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” is not an Offsite plan export: {found}. Choose a file exported from Offsite.",
            ).format(name=name, found=found)
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” has no valid format version (“version” should be a whole number such as {version}); export the plan again.",
            ).format(name=name, version=VERSION)
        )
    if version > VERSION:
        raise ImportFormatError(
            translate(
                "Interchange",
                "“{name}” was written by a newer Offsite (interchange version {version}; this Offsite reads up to version {newest}); update Offsite to import it.",
            ).format(name=name, version=version, newest=VERSION)
        )
    try:
        check_document(document)
    except Problem as problem:
        raise ImportFormatError(
            translate(
                "Interchange", "“{name}” cannot be imported: {problem}. Correct the file and try again."
            ).format(name=name, problem=problem)
        ) from None
    return document


class _NotANumber:
    """A number as written in the file that no plan can hold: NaN, Infinity, 1e400, 5,000 digits.

    The parser keeps it in its place, so that validation refuses it naming its JSON path
    (Python's own conversion would fail without one, or not at all for NaN).
    """

    def __init__(self, written: str) -> None:
        self.written = written

    def __str__(self) -> str:
        if len(self.written) > _LONGEST_NUMBER:
            return translate("Interchange", "{count} digits long").format(
                count=format_number(len(self.written.lstrip("-")))
            )
        return self.written


#: More digits than any number a plan holds (a float has at most 309 before its point).
_LONGEST_NUMBER = 400


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
            _refuse_not_a_number(value, path or translate("Interchange", "the document"))


def _refuse_not_a_number(value: Any, path: str) -> None:
    if isinstance(value, _NotANumber):
        if value.written.lstrip("-") in ("NaN", "Infinity"):
            raise Problem(
                translate("Interchange", "{path} is {value}, which is not a number JSON allows").format(
                    path=path, value=value
                )
            )
        raise Problem(
            translate("Interchange", "{path} is too large a number ({value})").format(path=path, value=value)
        )


def _without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # a field named twice: find the first repeat, as a reader meets it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise Problem(
                    translate(
                        "Interchange", "an object names the field “{key}” twice, so its value is ambiguous"
                    ).format(key=key)
                )
            seen.add(key)
    return result


def _show(value: Any) -> str:
    if isinstance(value, _NotANumber):
        return str(value)
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _where(path: str) -> str:
    return path or translate("Interchange", "the document")


# --- The shape, by the data classes -------------------------------------------------------------------


def check_document(document: dict[str, Any]) -> None:
    """Refuse the first thing wrong with a parsed document (raises Problem); upgrades it in place."""
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and 1 <= version < VERSION:
        _upgrade(document, Document, "", version)
        document["version"] = VERSION  # now a document of this version: checking it again finds it so
    # A document the quick checks accept has nothing the field-by-field checks would refuse: those
    # run, to find and name its first problem, only when a quick check refuses.
    fast = passes_quickly(document)
    if not fast:
        problem = field_problem(document)
        if problem is not None:
            raise Problem(problem)
    # The buy-in histories' order is not checked against their times: the list is in recording
    # order, which decides the current stance; a time earlier than the one before is a clock behind.
    _check_brainstorm(document)
    _check_signoff(document)
    _check_agenda(document)
    _check_drafting(document)
    _check_cadence(document)
    # Every value a leader types, held to the rules typing keeps (a negative amount, a blank name);
    # the gate holds each field to the same rule (gate.document_rules), so it found none.
    if not fast:
        faults = document_faults(document)
        if faults:
            raise Problem(faults[0].at_path)


def passes_quickly(document: Mapping[str, Any]) -> bool:
    """Whether an upgraded document passes the native gate (each field's kind and typing rule) and the
    identity pass: then ``field_problem`` and ``document_faults`` find nothing in it."""
    return passes(document) and _identities_hold(document)


def field_problem(document: Mapping[str, Any]) -> str | None:
    """The first field of an upgraded document that is not of its kind, or uid that is repeated or
    names nothing listed, as a phrase; None when there is none. Field by field, in Python."""
    try:
        Document.model_validate(document)
    except ValidationError as error:
        return _sentence(error)
    try:
        _check_identities(document)
    except Problem as problem:
        return str(problem)
    return None


def _path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _sentence(error: ValidationError) -> str:
    """The first of pydantic's errors as one sentence naming its place, as a leader reads it.

    A record's unknown field is named before what is wrong inside it, as a reader going down the
    document meets it.
    """
    errors = error.errors(include_url=False)
    first = errors[0]
    for candidate in errors:
        parent = candidate["loc"][:-1]
        if candidate["type"] == "extra_forbidden" and first["loc"][: len(parent)] == parent:
            first = candidate
            break
    return _phrase(first)


def _phrase(error: ErrorDetails) -> str:
    loc = tuple(error["loc"])
    path = _path(loc)
    kind = error["type"]
    if kind == "offsite":
        return str(error["msg"]).replace(HERE, _where(path))
    if kind == "extra_forbidden":
        return translate(
            "Interchange",
            "{where} has an unknown field “{field}” (interchange version {version} has no such field)",
        ).format(where=_where(_path(loc[:-1])), field=loc[-1], version=VERSION)
    if kind == "missing":
        return translate("Interchange", "{path} is missing").format(path=path)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return translate("Interchange", "{where} must be a JSON object ({{…}})").format(where=_where(path))
    if kind in ("list_type", "tuple_type"):
        return translate("Interchange", "{path} must be a list ([…])").format(path=path)
    return f"{_where(path)}: {error['msg']}"  # pragma: no cover - the kinds above are all a document meets


class _Field(typing.NamedTuple):
    """What the checks need to know of one field of a record, worked out once per record class."""

    name: str
    kind: Kind | None
    since: Since | None
    #: The record the field holds, if any, and whether it holds a list of them.
    record: type[Record] | None
    listed: bool


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """The fields of a record class in declared order; the document is walked by this, not by
    asking pydantic and ``typing`` about each field of each of thousands of records."""
    found = []
    for name, info in model.model_fields.items():
        kind = next((m for m in info.metadata if isinstance(m, Kind)), None)
        since = next((m for m in info.metadata if isinstance(m, Since)), None)
        record, listed = _nested(info.annotation)
        found.append(_Field(name, kind, since, record, listed))
    return tuple(found)


@functools.cache
def _identity_fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """The fields that hold an identity or a reference, or records that may: all the identity check reads."""
    return tuple(
        f
        for f in _fields(model)
        if isinstance(f.kind, Uid | Refs) or (f.record is not None and _identity_fields(f.record))
    )


def _nested(annotation: Any) -> tuple[type[Record] | None, bool]:
    """The record a field of this annotation holds, if any, and whether it holds a list of them."""
    listed = typing.get_origin(annotation) is tuple
    for part in (
        typing.get_args(annotation) if listed or isinstance(annotation, types.UnionType) else (annotation,)
    ):
        if isinstance(part, type) and issubclass(part, Record):
            return part, listed
    return None, False


def _upgrade(value: Any, model: type[BaseModel], path: str, version: int) -> None:
    """Give a document of an older version the fields added since, with what the older version meant.

    A field the document's version does not have is refused rather than guessed at.
    """
    if not isinstance(value, dict):
        return  # the validation that follows says what is wrong
    for key, _, since, record, listed in _fields(model):
        here = f"{path}.{key}" if path else key
        if since is not None and since.version > version:
            if key in value:
                raise Problem(
                    translate(
                        "Interchange",
                        "{where} has the field “{key}”, which interchange version {version} does not have; set “version” to {since} or later",
                    ).format(where=_where(path), key=key, version=version, since=since.version)
                )
            value[key] = copy.deepcopy(since.default)
            continue
        if record is None or key not in value:
            continue
        if not listed:
            _upgrade(value[key], record, here, version)
        elif isinstance(value[key], list):
            for index, item in enumerate(value[key]):
                _upgrade(item, record, f"{here}[{index}]", version)


class _Identities:
    """The uids a validated document lists, by record class, and the references it makes, in document order."""

    def __init__(self) -> None:
        self.first_seen: dict[str, str] = {}
        self.known: dict[str, set[str]] = defaultdict(set)
        #: (the reference's place, the record class it names, the uid); a list's place lacks its index.
        self.references: list[tuple[str, int | None, str, str]] = []

    def collect(self, value: Mapping[str, Any], model: type[BaseModel], path: str) -> None:
        for key, kind, _, record, listed in _identity_fields(model):
            if key not in value:
                continue
            item = value[key]
            if type(kind) is Uid:  # an identity, not a reference (Ref) nor a loose uid (LooseUid)
                here = f"{path}.{key}" if path else key
                if item in self.first_seen:
                    raise Problem(
                        translate(
                            "Interchange", "{here} repeats the uid of {first}; every item needs its own uid"
                        ).format(here=here, first=self.first_seen[item])
                    )
                self.first_seen[item] = here
                self.known[model.__name__].add(item)
            elif isinstance(kind, Ref) and item is not None:
                self.references.append((f"{path}.{key}" if path else key, None, kind.target, item))
            elif isinstance(kind, Refs) and item:
                here = f"{path}.{key}" if path else key
                self.references += [(here, i, kind.target, uid) for i, uid in enumerate(item)]
            if record is None or item is None:
                continue
            here = f"{path}.{key}" if path else key
            if listed:
                for index, part in enumerate(item):
                    self.collect(part, record, f"{here}[{index}]")
            else:
                self.collect(item, record, here)


def _check_identities(document: Mapping[str, Any]) -> None:
    """Every uid is unique in the document, and every reference names a uid the document lists."""
    identities = _Identities()
    identities.collect(document, Document, "")
    known = identities.known
    for where, index, target, uid in identities.references:
        if uid not in known[target]:
            record = RECORDS[target]
            place = where if index is None else f"{where}[{index}]"
            raise Problem(
                translate(
                    "Interchange", "{place} names a {called} ({uid}) that is not listed in {listed_in}"
                ).format(place=place, called=record.called, uid=uid, listed_in=record.listed_in)
            )


@functools.cache
def _identity_plan(model: type[BaseModel]) -> tuple[tuple[str, str, str, type[Record] | None, bool], ...]:
    """For each field that holds an identity, a reference or records that may: (name, what it holds:
    "uid", "ref", "refs" or "records", the record class a reference names, the records held, listed)."""
    plan: list[tuple[str, str, str, type[Record] | None, bool]] = []
    for f in _identity_fields(model):
        if type(f.kind) is Uid:
            plan.append((f.name, "uid", "", None, False))
        elif isinstance(f.kind, Ref):
            plan.append((f.name, "ref", f.kind.target, None, False))
        elif isinstance(f.kind, Refs):
            plan.append((f.name, "refs", f.kind.target, None, False))
        if f.record is not None:
            plan.append((f.name, "records", "", f.record, f.listed))
    return tuple(plan)


def _identities_hold(document: Mapping[str, Any]) -> bool:
    """Whether every uid is unique, every reference names a listed uid of its kind, and no list of
    references names one twice: ``_check_identities`` in one pass that builds no places (it names
    the first problem when this finds one). The document's shape is already checked by the gate."""
    uids: list[str] = []
    known: dict[str, set[str]] = defaultdict(set)
    named: dict[str, list[str]] = defaultdict(list)

    def collect(rows: list[Mapping[str, Any]], model: type[BaseModel]) -> bool:
        for name, holds, target, record, listed in _identity_plan(model):
            if holds == "uid":
                found = [row[name] for row in rows]
                uids.extend(found)
                known[model.__name__].update(found)
            elif holds == "ref":
                named[target].extend(row[name] for row in rows if row[name] is not None)
            elif holds == "refs":
                for row in rows:
                    references = row[name]
                    if len(set(references)) != len(references):
                        return False
                    named[target].extend(references)
            elif record is not None:
                held = [row[name] for row in rows if row[name] is not None]
                if not collect([part for parts in held for part in parts] if listed else held, record):
                    return False
        return True

    if not collect([document], Document) or len(set(uids)) != len(uids):
        return False
    return all(known[target].issuperset(references) for target, references in named.items())


def _moment(value: Any, path: str) -> dt.datetime:
    try:
        return moment(value)
    except PydanticCustomError as error:
        raise Problem(error.message().replace(HERE, path)) from None


# --- What crosses records --------------------------------------------------------------------------------


def _check_tree(document: Mapping[str, Any], section: str, group: str, *, after: str, apart: str) -> None:
    """Each record of ``section`` lists its parent before it, in the same ``group`` (a team, a company goal).

    ``after`` and ``apart`` finish the sentences for a parent listed later and one of another group.
    """
    group_of: dict[str, str] = {}
    for index, record in enumerate(document[section]):
        parent = record["parent"]
        if parent is not None:
            if parent not in group_of:
                raise Problem(
                    translate("Interchange", "{section}[{index}].parent names {after}").format(
                        section=section, index=index, after=after
                    )
                )
            if group_of[parent] != record[group]:
                raise Problem(
                    translate("Interchange", "{section}[{index}].{group} differs from {apart}").format(
                        section=section, index=index, group=group, apart=apart
                    )
                )
        group_of[record["uid"]] = record[group]


def _check_brainstorm(document: Mapping[str, Any]) -> None:
    """What the brainstorm sections must hold beyond their shape: trees, pairs and one-per rules."""
    _check_tree(
        document,
        "why_chains",
        "team",
        after=translate(
            "Interchange", "a statement listed after it (or itself); list each statement before its answers"
        ),
        apart=translate(
            "Interchange", "the team of the statement it answers; an answer belongs to the same team's chain"
        ),
    )

    _check_once(
        document["dismissed_suggestions"],
        lambda pair: frozenset((pair["first"], pair["second"])),
        lambda index, earlier: translate(
            "Interchange",
            "dismissed_suggestions[{index}] repeats the pair of dismissed_suggestions[{earlier}]",
        ).format(index=index, earlier=earlier),
    )

    _check_tree(
        document,
        "team_goals",
        "company_goal",
        after=translate(
            "Interchange", "a team goal listed after it (or itself); list each goal before the goals under it"
        ),
        apart=translate(
            "Interchange",
            "that of the goal it sits under; a team goal sits under a goal worked back from the same company goal",
        ),
    )

    funnel_of: dict[str, int] = {}
    for index, funnel in enumerate(document["funnels"]):
        if funnel["company_goal"] in funnel_of:
            raise Problem(
                translate(
                    "Interchange",
                    "funnels[{index}].company_goal already has the reverse funnel funnels[{earlier}]; "
                    "a company goal has at most one",
                ).format(index=index, earlier=funnel_of[funnel["company_goal"]])
            )
        funnel_of[funnel["company_goal"]] = index
        weights = funnel["weights"]
        if weights is not None and len(weights) != len(funnel["quarters"]):
            raise Problem(
                translate(
                    "Interchange",
                    "funnels[{index}].weights has {weights} weights for {quarters} quarters; "
                    "give one weight per quarter, or null for an even split",
                ).format(index=index, weights=len(weights), quarters=len(funnel["quarters"]))
            )

    for index, switch in enumerate(document["team_switches"]):
        teams = (switch["player_team"], switch["played_team"])
        if teams[0] == teams[1]:
            raise Problem(
                translate(
                    "Interchange",
                    "team_switches[{index}].played_team is the player team; a team cannot play itself",
                ).format(index=index)
            )
        noted: set[str] = set()
        for number, note in enumerate(switch["empathy_notes"]):
            here = f"team_switches[{index}].empathy_notes[{number}].team"
            if note["team"] not in teams:
                raise Problem(
                    translate(
                        "Interchange",
                        "{here} is neither team of the switch; only its two teams write notes on it",
                    ).format(here=here)
                )
            if note["team"] in noted:
                raise Problem(
                    translate(
                        "Interchange", "{here} has written a note on this switch already; a team writes one"
                    ).format(here=here)
                )
            noted.add(note["team"])

    _check_once(
        document["votes"],
        lambda vote: (vote["leader"], vote["candidate"]),
        lambda index, _: translate(
            "Interchange",
            "votes[{index}] repeats a leader and candidate listed before; give each pair one entry",
        ).format(index=index),
    )


#: A quarter as the plan stores it.
_QUARTER_LABEL = re.compile(r"^\d{4}-Q[1-4]$")


def _check_cadence(document: Mapping[str, Any]) -> None:
    """What the review cadence's sections must hold beyond their shape: one entry per key, as the
    plan keeps them, and quarters written as the plan writes them."""
    _check_once(
        document["check_ins"],
        lambda c: (c["metric"], c["as_of"], c["source"]),
        lambda index, earlier: translate(
            "Interchange",
            "check_ins[{index}] repeats the metric, day and source of check_ins[{earlier}]; a metric has one check-in per day and source",
        ).format(index=index, earlier=earlier),
    )
    _check_once(
        document["import_mappings"],
        lambda m: m["name"].strip().casefold(),
        lambda index, earlier: translate(
            "Interchange",
            "import_mappings[{index}] has the name of import_mappings[{earlier}]; give each mapping its own",
        ).format(index=index, earlier=earlier),
    )
    for section in ("objective_reviews", "alignment_readings"):
        for index, entry in enumerate(document[section]):
            if not _QUARTER_LABEL.match(entry["period"]):
                raise Problem(
                    translate(
                        "Interchange", "{section}[{index}].period is “{period}”; write a quarter as 2027-Q1"
                    ).format(section=section, index=index, period=entry["period"])
                )
    _check_once(
        document["objective_reviews"],
        lambda r: (r["objective"], r["period"]),
        lambda index, earlier: translate(
            "Interchange",
            "objective_reviews[{index}] reviews the objective and quarter of objective_reviews[{earlier}] again; an objective has one review a quarter",
        ).format(index=index, earlier=earlier),
    )
    _check_once(
        document["alignment_readings"],
        lambda r: r["period"],
        lambda index, earlier: translate(
            "Interchange",
            "alignment_readings[{index}] is of the quarter of alignment_readings[{earlier}]; one reading a quarter",
        ).format(index=index, earlier=earlier),
    )


def _check_once(
    entries: Iterable[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], Hashable],
    repeated: Callable[[int, int], str],
) -> None:
    """Refuse the first entry whose ``key`` an earlier entry has: ``repeated(index, earlier)`` says which."""
    first: dict[Hashable, int] = {}
    for index, entry in enumerate(entries):
        found = key(entry)
        if found in first:
            raise Problem(repeated(index, first[found]))
        first[found] = index


def _check_oldest_first(entries: list[dict[str, Any]], field_name: str, path: str, what: str) -> None:
    previous: dt.datetime | None = None
    for index, entry in enumerate(entries):
        moment = _moment(entry[field_name], f"{path}[{index}].{field_name}")
        if previous is not None and moment < previous:
            raise Problem(
                translate(
                    "Interchange",
                    "{path}[{index}].{field_name} is earlier than {path}[{previous}].{field_name}; list {what} oldest first",
                ).format(path=path, index=index, field_name=field_name, previous=index - 1, what=what)
            )
        previous = moment


def _check_signoff(document: Mapping[str, Any]) -> None:
    """What the version 3 sections must hold beyond their shape; above all, that signed means signed.

    Each version's content must be the canonical form whose SHA-256 is its fingerprint, and a
    plan locked at a version (its reopening null) must hold exactly that version's content: an
    export changed after it was written is refused, not imported as if it had been signed.
    """
    _check_oldest_first(
        document["overlap_resolutions"],
        "resolved_at",
        "overlap_resolutions",
        translate("Interchange", "resolutions"),
    )
    _check_once(
        document["overlap_resolutions"],
        lambda resolution: (resolution["rule"], resolution["first"], resolution["second"]),
        lambda index, earlier: translate(
            "Interchange",
            "overlap_resolutions[{index}] settles the overlap of overlap_resolutions[{earlier}] again; an overlap is settled once",
        ).format(index=index, earlier=earlier),
    )

    for index, leader in enumerate(document["leaders"]):
        if leader["initials"].strip():
            try:
                clean_initials(leader["initials"])
            except EditRefusedError as error:
                raise Problem(f"leaders[{index}].initials: {error}") from None

    _check_once(
        document["survey"],
        lambda rating: rating["leader"],
        lambda index, earlier: translate(
            "Interchange",
            "survey[{index}].leader has rated already in survey[{earlier}]; a leader rates once",
        ).format(index=index, earlier=earlier),
    )

    versions = document["versions"]
    for index, version in enumerate(versions):
        here = f"versions[{index}]"
        if index and version["number"] <= versions[index - 1]["number"]:
            raise Problem(
                translate(
                    "Interchange",
                    "{here}.number is not above that of versions[{previous}]; list versions by number",
                ).format(here=here, previous=index - 1)
            )
        if version["reopening"] is None and index < len(versions) - 1:
            raise Problem(
                translate(
                    "Interchange",
                    "{here} was never re-opened, yet a later version was frozen; only the last version may lock the plan",
                ).format(here=here)
            )
        _check_version_content(version, here)
        _check_oldest_first(
            version["signatures"], "signed_at", f"{here}.signatures", translate("Interchange", "signatures")
        )
        _check_oldest_first(
            version["withdrawals"],
            "withdrawn_at",
            f"{here}.withdrawals",
            translate("Interchange", "withdrawals"),
        )
        signed: set[str] = set()
        for number, signature in enumerate(version["signatures"]):
            try:
                clean_initials(signature["initials"])
            except EditRefusedError as error:
                raise Problem(f"{here}.signatures[{number}].initials: {error}") from None
            if bool(signature["signed_by"].strip()) != bool(signature["behalf_reason"].strip()):
                raise Problem(
                    translate(
                        "Interchange",
                        "{here}.signatures[{number}] names who signed on the leader's behalf without a reason, or a reason without who; give both, or neither",
                    ).format(here=here, number=number)
                )
            if signature["leader_uid"] in signed:
                raise Problem(
                    translate(
                        "Interchange", "{here}.signatures[{number}] is a second signature by the same leader"
                    ).format(here=here, number=number)
                )
            signed.add(signature["leader_uid"])
    if versions and versions[-1]["reopening"] is None:
        locked = versions[-1]
        if locked["fingerprint"] not in signed_fingerprints(signed_content(document)):
            raise Problem(
                translate(
                    "Interchange",
                    "the plan is signed (version {number}), but its content does not match that "
                    "version's fingerprint, so it was changed after signing; export it from Offsite again, or "
                    "set the last version's “reopening” to say who changed it, when and why",
                ).format(number=locked["number"])
            )


def _check_version_content(version: Mapping[str, Any], here: str) -> None:
    content = version["content"]
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError:
        raise Problem(
            translate(
                "Interchange", "{here}.content contains a broken character (a lone UTF-16 surrogate)"
            ).format(here=here)
        ) from None
    if hashlib.sha256(data).hexdigest() != version["fingerprint"]:
        raise Problem(
            translate(
                "Interchange",
                "{here}.content does not match {here}.fingerprint, so the signed version was changed after Offsite wrote it; use an unaltered export",
            ).format(here=here)
        )
    try:
        parsed = json.loads(content)
        canonical = canonical_form(parsed) if isinstance(parsed, dict) else None
    except (ValueError, TypeError, RecursionError):
        canonical = None
    if canonical != data:
        raise Problem(
            translate(
                "Interchange",
                "{here}.content is not a plan's content in canonical form (see docs/interchange.md)",
            ).format(here=here)
        )


def _check_agenda(document: Mapping[str, Any]) -> None:
    """Each agenda item names a screen; the day starts at an HH:MM; a running item has its start."""
    section = document["agenda"]
    for index, item in enumerate(section["items"]):
        if not is_agenda_view(item["view"]):
            raise Problem(
                translate(
                    "Interchange",
                    "agenda.items[{index}].view is “{view}”, which is no screen; use a phase "
                    "({phases}), brainstorm:<tab> or agreements:<tab>",
                ).format(index=index, view=item["view"], phases=", ".join(PHASE_VIEWS))
            )
    day = section["day"]
    if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", day["starts_at"]):
        raise Problem(
            translate(
                "Interchange", "agenda.day.starts_at is “{start}”; write the time as HH:MM, e.g. 09:00"
            ).format(start=day["starts_at"])
        )
    try:
        parse_day_start(day["starts_at"])
    except ValueError:
        raise Problem(
            translate("Interchange", "agenda.day.starts_at is “{start}”, which is no time of day").format(
                start=day["starts_at"]
            )
        ) from None
    if (day["current_item_uid"] is None) != (day["item_started_at"] is None):
        raise Problem(
            translate(
                "Interchange",
                "agenda.day gives a running item without its start, or a start without an item; give both or neither",
            )
        )
    if day["item_started_at"] is not None:
        _moment(day["item_started_at"], "agenda.day.item_started_at")


def _check_drafting(document: Mapping[str, Any]) -> None:
    """A draft keeps one base per item; merge records are oldest first, the order that makes the latest."""
    section = document["drafting"]
    draft = section["draft"]
    if draft is not None:
        _check_once(
            draft["bases"],
            lambda base: base["item_key"],
            lambda index, earlier: translate(
                "Interchange",
                "drafting.draft.bases[{index}].item_key repeats that of drafting.draft.bases[{earlier}]; a draft keeps one base fingerprint per item",
            ).format(index=index, earlier=earlier),
        )

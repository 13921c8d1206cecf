"""The rules a value must keep to be stored in a plan, in one place for every way a value arrives.

A leader typing into the app (services' verbs), a draft read for a merge (exchange.drafts) and a
JSON file imported (exchange.interchange) are all held to these same rules: what one refuses,
the others refuse, so a plan never holds a value the app itself could not have written.

Each ``clean_*`` returns the value as the plan stores it, or raises EditRefusedError whose
message starts with ``label``. ``document_faults`` applies them to a whole plan document (the
interchange shape, as store.document writes it) and lists every value at fault.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from offsite.domain.agenda import is_view as is_agenda_view
from offsite.domain.agreements import BUSINESS_MODELS, CADENCES, AgreementKind
from offsite.domain.agreements import TEXT_FIELDS as AGREEMENT_TEXTS
from offsite.domain.drafting import quote
from offsite.domain.errors import EditRefusedError
from offsite.domain.exercises import SwitchItemKind, SwitchSide
from offsite.domain.formatting import format_number
from offsite.domain.funnel import STAGES
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.signoff import clean_initials
from offsite.domain.values import Direction, Stance

#: What a field holds; ``clean`` applies the rule for each.
TEXT = "text"
NUMBER = "number"
DATE = "date"
BOOL = "bool"
DIRECTION = "direction"
TEAM_REF = "team_ref"
AMOUNT = "amount"
PERCENT = "percent"
MAYBE_BOOL = "maybe_bool"
IMPACT = "impact"
MINUTES = "minutes"
COUNT = "count"
SIDE = "side"
ITEM_KIND = "item_kind"
RATING = "rating"
VIEW = "view"  # an agenda item's screen: a phase key or "brainstorm:<tab>"
INITIALS = "initials"  # the initials a leader signs with; blank: those of their name
LEADER_REF = "leader_ref"  # a leader who answers for something (an owner), or nobody
FUNNEL_STAGE = "funnel_stage"  # the funnel stage a metric counts, or blank
CONFIDENCE = "confidence"  # a check-in's confidence: 0 to 10, or not said
SCORE = "score"  # an objective's quarter-end score: 0.0 to 1.0, or the metrics' own
OBJECTIVE_REF = "objective_ref"  # the objective something serves, or none
ACTUAL = "actual"  # a check-in's value: a number of sane size, never blank
TRACKED_DAY = "tracked_day"  # the day a check-in or a win is as of: a date within the years a plan tracks
DECISION = "decision"  # what happens to an objective next cycle: keep, drop, change, or undecided
METRIC_REF = "metric_ref"  # the metric something is tracked by, or none
DEFINITION_REF = "definition_ref"  # the definition something meets, or none
CADENCE = "cadence"  # how often a joint practice happens: weekly … yearly, or not agreed
BUSINESS_MODEL = "business_model"  # sales-led, product-led or hybrid go-to-market, or not chosen


#: Longest time box of an exercise, in minutes: a whole day.
MAX_MINUTES = 24 * 60
#: Most dots a leader may hold, or candidates a team may keep: far beyond any real vote.
MAX_COUNT = 99

#: Longest text a field takes: far beyond any real use, short of a pasted book.
MAX_TEXT = 100_000


def clean_text(value: Any, label: str) -> str:
    if not isinstance(value, str):
        raise EditRefusedError(translate("Rules", "{label} must be text.").format(label=label))
    if "\x00" in value:
        raise EditRefusedError(
            translate(
                "Rules", "{label} contains a NUL character, which a plan cannot store; remove it."
            ).format(label=label)
        )
    try:
        if not value.isascii():  # only text beyond ASCII can hold a lone surrogate; most text is ASCII
            value.encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefusedError(
            translate("Rules", "{label} contains a broken character (a lone surrogate); retype it.").format(
                label=label
            )
        ) from None
    if len(value) > MAX_TEXT:
        raise EditRefusedError(
            translate("Rules", "{label} is longer than {count} characters; shorten it.").format(
                label=label, count=format_number(MAX_TEXT)
            )
        )
    return value


def clean_number(value: Any, label: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EditRefusedError(translate("Rules", "{label} must be a number.").format(label=label))
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond any float, as a file may hold
        number = math.inf
    if not math.isfinite(number):
        raise EditRefusedError(translate("Rules", "{label} must be a finite number.").format(label=label))
    return number


def clean_date(value: Any, label: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise EditRefusedError(translate("Rules", "{label} must be a date.").format(label=label))


def clean_funnel_stage(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Funnel stage")) -> str:
    if value == "" or value in FUNNEL_STAGES:
        return str(value)
    raise EditRefusedError(
        translate("Rules", "{label} must be one of {choices}, or blank.").format(
            label=translate("Rules", label), choices=", ".join(FUNNEL_STAGES)
        )
    )


def clean_score(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Score")) -> float | None:
    label = translate("Rules", label)
    number = clean_number(value, label)
    if number is not None and not 0 <= number <= 1:
        raise EditRefusedError(translate("Rules", "{label} must be from 0.0 to 1.0.").format(label=label))
    return number


#: The funnel stages a metric may count, leads first (revenue last).
FUNNEL_STAGES = tuple(reversed(STAGES))


#: The largest value a check-in holds: far beyond any metric's, well within a float's exact range.
MAX_ACTUAL = 1e15
#: The years a plan's check-ins and wins may be dated in.
TRACKED_YEARS = (1900, 2999)


def clean_actual(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Actual")) -> float:
    label = translate("Rules", label)
    number = clean_number(value, label)
    if number is None:
        raise EditRefusedError(
            translate("Rules", "{label} is blank; type the metric's value.").format(label=label)
        )
    if abs(number) > MAX_ACTUAL:
        raise EditRefusedError(
            translate(
                "Rules", "{label} is larger than any metric's value ({largest}); check the number."
            ).format(label=label, largest=format_number(int(MAX_ACTUAL)))
        )
    return number


def clean_tracked_day(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Date")) -> dt.date:
    label = translate("Rules", label)
    day = clean_day(value, label) if isinstance(value, str) else clean_date(value, label)
    if day is None:
        raise EditRefusedError(translate("Rules", "{label} must be a date.").format(label=label))
    low, high = TRACKED_YEARS
    if not low <= day.year <= high:
        raise EditRefusedError(
            translate("Rules", "{label} {day} is outside the years a plan tracks ({low}–{high}).").format(
                label=label, day=day.isoformat(), low=low, high=high
            )
        )
    return day


#: What may happen to an objective when its quarter is reviewed; blank while undecided.
DECISIONS = ("keep", "drop", "change")


def clean_decision(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Decision")) -> str:
    if value == "" or value in DECISIONS:
        return str(value)
    raise EditRefusedError(
        translate("Rules", "{label} must be keep, drop or change, or blank.").format(
            label=translate("Rules", label)
        )
    )


def clean_cadence(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Cadence")) -> str:
    if value == "" or value in CADENCES:
        return str(value)
    raise EditRefusedError(
        translate("Rules", "{label} must be {choices} or {last}, or blank.").format(
            label=translate("Rules", label), choices=", ".join(CADENCES[:-1]), last=CADENCES[-1]
        )
    )


def clean_business_model(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Business model")) -> str:
    if value == "" or value in BUSINESS_MODELS:
        return str(value)
    raise EditRefusedError(
        translate("Rules", "{label} must be {choices} or {last}, or blank.").format(
            label=translate("Rules", label), choices=", ".join(BUSINESS_MODELS[:-1]), last=BUSINESS_MODELS[-1]
        )
    )


def clean_direction(value: Any, label: str) -> str:
    try:
        return Direction(value).value
    except ValueError:
        raise EditRefusedError(
            translate("Rules", "{label} must be “up” or “down”.").format(label=label)
        ) from None


def clean_amount(value: Any, label: str) -> float | None:
    number = clean_number(value, label)
    if number is not None and number < 0:
        raise EditRefusedError(translate("Rules", "{label} cannot be negative.").format(label=label))
    return number


def clean_percent(value: Any, label: str) -> float | None:
    number = clean_number(value, label)
    if number is not None and not 0 <= number <= 100:
        raise EditRefusedError(
            translate("Rules", "{label} is a percentage: give a number from 0 to 100.").format(label=label)
        )
    return number


def clean_whole(value: Any, label: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; a float with no fraction (3.0) is taken as one."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditRefusedError(translate("Rules", "{label} must be a whole number.").format(label=label))
    if not low <= value <= high:
        raise EditRefusedError(
            translate("Rules", "{label} must be from {low} to {high}.").format(
                label=label, low=low, high=high
            )
        )
    return value


def clean_impact(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Impact")) -> int | None:
    return None if value is None else clean_whole(value, translate("Rules", label), 1, 5)


def clean_maybe_bool(value: Any, label: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise EditRefusedError(
        translate("Rules", "{label} must be yes, no or not yet judged.").format(label=label)
    )


def clean_side(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Side")) -> str:
    try:
        return SwitchSide(value).value
    except ValueError:
        raise EditRefusedError(
            translate("Rules", "{label} must be “played” or “real”.").format(label=translate("Rules", label))
        ) from None


def clean_item_kind(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Kind")) -> str:
    try:
        return SwitchItemKind(value).value
    except ValueError:
        raise EditRefusedError(
            translate("Rules", "{label} must be “goal” or “plan”.").format(label=translate("Rules", label))
        ) from None


def clean_agenda_view(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "Screen")) -> str:
    """An agenda item's screen: a phase key ("plan") or a brainstorm tab ("brainstorm:Work back")."""
    text = clean_text(value, translate("Rules", label)).strip()
    if not is_agenda_view(text):
        raise EditRefusedError(
            translate(
                "Rules",
                "“{text}” is not a screen: use prepare, brainstorm, plan, buyin, signoff, review "
                "or a brainstorm exercise such as brainstorm:Work back.",
            ).format(text=text)
        )
    return text


def clean_stance(value: Any, label: str = QT_TRANSLATE_NOOP("Rules", "A stance")) -> Stance:
    """A stance as given (an enum member or its value), or a sentence naming the choices."""
    try:
        return Stance(value)
    except ValueError:
        choices = ", ".join(s.label.lower() for s in Stance)
        raise EditRefusedError(
            translate("Rules", "{label} is one of: {choices}.").format(
                label=translate("Rules", label), choices=choices
            )
        ) from None


#: What each reference rule names, as a leader says it.
_REFERENCE_NOUNS = {
    TEAM_REF: QT_TRANSLATE_NOOP("Rules", "{label} must name a team."),
    LEADER_REF: QT_TRANSLATE_NOOP("Rules", "{label} must name a leader."),
    OBJECTIVE_REF: QT_TRANSLATE_NOOP("Rules", "{label} must name a objective."),
    METRIC_REF: QT_TRANSLATE_NOOP("Rules", "{label} must name a metric."),
    DEFINITION_REF: QT_TRANSLATE_NOOP("Rules", "{label} must name a definition."),
}


def clean(shape: str, value: Any, label: str) -> Any:
    """``value`` as the plan stores a field holding ``shape``; EditRefusedError naming ``label`` if it cannot."""
    if shape == TEXT:
        return clean_text(value, label)
    if shape == NUMBER:
        return clean_number(value, label)
    if shape == DATE:
        return clean_date(value, label)
    if shape == BOOL:
        if isinstance(value, bool):
            return value
        raise EditRefusedError(translate("Rules", "{label} must be yes or no.").format(label=label))
    if shape == DIRECTION:
        return clean_direction(value, label)
    if shape == AMOUNT:
        return clean_amount(value, label)
    if shape == PERCENT:
        return clean_percent(value, label)
    if shape == MAYBE_BOOL:
        return clean_maybe_bool(value, label)
    if shape == IMPACT:
        return clean_impact(value, label)
    if shape == MINUTES:
        return clean_whole(value, label, 1, MAX_MINUTES)
    if shape == COUNT:
        return clean_whole(value, label, 1, MAX_COUNT)
    if shape == SIDE:
        return clean_side(value, label)
    if shape == ITEM_KIND:
        return clean_item_kind(value, label)
    if shape == RATING:
        return clean_whole(value, label, 1, 5)
    if shape == VIEW:
        return clean_agenda_view(value)
    if shape == INITIALS:
        typed = clean_text(value, label).strip()
        return clean_initials(typed) if typed else ""
    if shape == FUNNEL_STAGE:
        return clean_funnel_stage(value, label)
    if shape == ACTUAL:
        return clean_actual(value, label)
    if shape == TRACKED_DAY:
        return clean_tracked_day(value, label)
    if shape == CONFIDENCE:
        return None if value is None or value == "" else clean_whole(value, label, 0, 10)
    if shape == SCORE:
        return clean_score(value, label)
    if shape == DECISION:
        return clean_decision(value, label)
    if shape == CADENCE:
        return clean_cadence(value, label)
    if shape == BUSINESS_MODEL:
        return clean_business_model(value, label)
    if shape in _REFERENCE_NOUNS:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise EditRefusedError(translate("Rules", _REFERENCE_NOUNS[shape]).format(label=label))
    raise AssertionError(shape)


# --- A whole plan document, as a draft or an imported file brings it ----------------------------------

#: A stance, as buy-in records it; like the other shapes, a rule of its own.
STANCE = "stance"
#: A list of texts (a funnel's quarters) or of amounts (its weights), or null.
TEXTS = "texts"
AMOUNTS = "amounts"


def clean_day(value: Any, label: str) -> dt.date | None:
    """A date as a document writes it (YYYY-MM-DD) or as typed (a date), or blank."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise EditRefusedError(
                translate("Rules", "{label} must be a date.").format(label=label)
            ) from None
    return clean_date(value, label)


def _clean_any(shape: str, value: Any, label: str) -> Any:
    """``clean`` with the shapes only a document has."""
    if shape == STANCE:
        return clean_stance(value, label)
    if shape == DATE:
        return clean_day(value, label)
    if shape in (TEXTS, AMOUNTS):
        if value is None and shape == AMOUNTS:
            return None
        if not isinstance(value, list | tuple):
            raise EditRefusedError(translate("Rules", "{label} must be a list.").format(label=label))
        rule = clean_text if shape == TEXTS else clean_amount
        return [rule(item, f"{label}[{index}]") for index, item in enumerate(value)]
    return clean(shape, value, label)


@dataclass(frozen=True, slots=True)
class Fault:
    """One value of a document that breaks a rule: where it is, whose it is, and the rule's sentence."""

    path: str  # as JSON names it: objectives[2].metrics[0].direction
    row: str  # as a leader names it: metric “Pipeline”
    field: str  # direction
    value: Any
    problem: str  # the rule, as typing it would say: Direction must be “up” or “down”
    at_path: str  # the rule naming the path: objectives[2].metrics[0].direction must be “up” or “down”

    def __str__(self) -> str:
        """The fault named by its row: metric “Pipeline” has direction “sideways”: Direction must be …"""
        return translate("Rules", "{row} has {field} {value}: {problem}").format(
            row=self.row, field=self.field, value=show(self.value), problem=self.problem
        )


def show(value: Any) -> str:
    """A value as a message quotes it, whatever a file put there."""
    if value is None:
        return translate("Rules", "blank")
    if isinstance(value, bool):
        return translate("Rules", "yes") if value else translate("Rules", "no")
    if isinstance(value, str):
        return quote(value) if value.strip() else translate("Rules", "blank")
    if isinstance(value, int) and abs(value) > 10**15:
        return translate("Rules", "a number too long to show")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(item) for item in value[:6]) + (", …]" if len(value) > 6 else "]")
    return translate("Rules", "a value of the wrong kind")


# What each section's rows hold, by field. The fields not listed (uids, references, times) are the
# file's structure, which the reader of each format checks; these are what a leader types.
_PLAN_FIELDS = {
    "title": TEXT,
    "starts_on": DATE,
    "ends_on": DATE,
    "venue": TEXT,
    "horizon": TEXT,
    "vision": TEXT,
    "dot_budget": COUNT,
    "top_n": COUNT,
    "business_model": BUSINESS_MODEL,
    "business_model_why": TEXT,
}
_METRIC_FIELDS = {
    "name": TEXT,
    "unit": TEXT,
    "baseline": NUMBER,
    "target": NUMBER,
    "direction": DIRECTION,
    "due": DATE,
    "data_source": TEXT,
    "customer_centric": BOOL,
    "shared": BOOL,
    "funnel_stage": FUNNEL_STAGE,
}
_STANCE_FIELDS = {"stance": STANCE, "comment": TEXT}
_SECTION_FIELDS: dict[str, dict[str, str]] = {
    "teams": {"name": TEXT},
    "leaders": {"name": TEXT, "title": TEXT},
    "company_goals": {"statement": TEXT, "baseline": NUMBER, "target": NUMBER, "unit": TEXT, "due": DATE},
    "objectives": {"statement": TEXT, "period": TEXT, "method": TEXT, "origin_label": TEXT},
    "buy_in": _STANCE_FIELDS,
    "why_chains": {"text": TEXT},
    "themes": {"name": TEXT},
    "team_goals": {"statement": TEXT, "target": NUMBER, "unit": TEXT},
    "funnels": {
        "revenue_target": AMOUNT,
        "average_deal_size": AMOUNT,
        "win_rate": PERCENT,
        "sql_to_opportunity": PERCENT,
        "mql_to_sql": PERCENT,
        "lead_to_mql": PERCENT,
        "quarters": TEXTS,
        "weights": AMOUNTS,
    },
    "team_switches": {"prepare_minutes": MINUTES, "present_minutes": MINUTES},
    "candidates": {"text": TEXT, "impact": IMPACT, "origin_label": TEXT},
    "votes": {"dots": COUNT},
    "definitions": {"term": TEXT, "definition": TEXT},
    "agreements": {
        **dict.fromkeys(AGREEMENT_TEXTS, TEXT),
        "cadence": CADENCE,
    },
    "parking_lot": {"text": TEXT},
    "check_ins": {
        "as_of": TRACKED_DAY,
        "value": ACTUAL,
        "confidence": CONFIDENCE,
        "note": TEXT,
        "by_name": TEXT,
        "source": TEXT,
    },
    "import_mappings": {"name": TEXT},
    "objective_reviews": {
        "score": SCORE,
        "reason": TEXT,
        "worked": TEXT,
        "did_not_work": TEXT,
        "decision": DECISION,
    },
    "wins": {"on": TRACKED_DAY, "text": TEXT, "thanks": TEXT},
}
#: Rows inside rows: (section, list field) -> what each inner row holds.
_INNER_FIELDS: dict[tuple[str, str], dict[str, str]] = {
    ("objectives", "metrics"): _METRIC_FIELDS,
    ("team_switches", "items"): {"side": SIDE, "kind": ITEM_KIND, "text": TEXT},
    ("team_switches", "empathy_notes"): {"text": TEXT},
    ("definitions", "stances"): _STANCE_FIELDS,
    ("agreements", "stances"): _STANCE_FIELDS,
}


def document_faults(document: Mapping[str, Any]) -> list[Fault]:
    """Every value of a plan document the app would refuse if a leader typed it, in document order.

    ``document`` has the interchange shape (store.document writes it for a plan or a draft,
    the JSON reader parses it); a section or row of the wrong shape is skipped here, since each
    reader refuses those in its own terms.
    """
    names = _Names(document)
    faults: list[Fault] = []
    plan = document.get("plan")
    if isinstance(plan, Mapping):
        faults += _row_faults(plan, _PLAN_FIELDS, "plan", lambda: translate("Rules", "the plan’s details"))
    for section, fields in _SECTION_FIELDS.items():
        rows = document.get(section)
        if not isinstance(rows, list):
            continue
        for index, row in enumerate(rows):
            if not isinstance(row, Mapping):
                continue
            path = f"{section}[{index}]"
            # Named only when a fault is found: a plan of thousands of rows has none, as a rule.
            who = partial(names.row, section, row, index)
            faults += _row_faults(row, fields, path, who)
            for (outer, inner), inner_fields in _INNER_FIELDS.items():
                if outer != section or not isinstance(row.get(inner), list):
                    continue
                for number, part in enumerate(row[inner]):
                    if isinstance(part, Mapping):
                        where = f"{path}.{inner}[{number}]"
                        faults += _row_faults(
                            part, inner_fields, where, partial(names.part, inner, part, who)
                        )
            if section == "candidates" and isinstance(row.get("smart"), Mapping):
                faults += _smart_faults(row["smart"], f"{path}.smart", who)
    return faults


#: The fields of a candidate's SMART answers, whatever the criterion.
_SMART_FIELDS = {"value": MAYBE_BOOL, "note": TEXT}


def document_rules() -> Iterator[tuple[tuple[str, ...], str, str]]:
    """Every field ``document_faults`` holds to a rule: (where its rows are, the field, its shape).

    Where is a path of the document's field names: ``("plan",)``, ``("objectives",)``,
    ``("objectives", "metrics")``; ``"*"`` stands for any field (a candidate's SMART criteria).
    A reader that checks a whole document at once reads the rules here, so it keeps the same ones.
    """
    places: list[tuple[tuple[str, ...], Mapping[str, str]]] = [(("plan",), _PLAN_FIELDS)]
    places += [((section,), fields) for section, fields in _SECTION_FIELDS.items()]
    places += list(_INNER_FIELDS.items())
    places.append((("candidates", "smart", "*"), _SMART_FIELDS))
    for place, fields in places:
        for name, shape in fields.items():
            yield place, name, shape


def _smart_faults(smart: Mapping[str, Any], path: str, who: Callable[[], str]) -> Iterator[Fault]:
    for criterion, judged in smart.items():
        if isinstance(judged, Mapping):
            yield from _row_faults(
                judged,
                _SMART_FIELDS,
                f"{path}.{criterion}",
                partial(_criterion_of, who, criterion),
            )


def _criterion_of(who: Callable[[], str], criterion: str) -> str:
    return f"{who()} ({criterion})"


def _row_faults(
    row: Mapping[str, Any], fields: Mapping[str, str], path: str, who: Callable[[], str]
) -> Iterator[Fault]:
    for name, shape in fields.items():
        if name not in row:
            continue
        label = name.replace("_", " ")
        try:
            _clean_any(shape, row[name], label.capitalize())
        except EditRefusedError as error:
            where = f"{path}.{name}"
            try:
                _clean_any(shape, row[name], where)
            except EditRefusedError as at_path:
                yield Fault(where, who(), label, row[name], str(error).rstrip("."), str(at_path).rstrip("."))


class _Names:
    """Rows as a leader names them in a message: leader by name, objective by statement."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._by_uid: dict[str, str] = {}
        for section, field_name in (
            ("teams", "name"),
            ("leaders", "name"),
            ("company_goals", "statement"),
            ("objectives", "statement"),
            ("candidates", "text"),
        ):
            rows = document.get(section)
            for row in rows if isinstance(rows, list) else ():
                if isinstance(row, Mapping) and isinstance(row.get("uid"), str):
                    text = row.get(field_name)
                    self._by_uid[row["uid"]] = text if isinstance(text, str) and text.strip() else "(blank)"

    def _name(self, uid: Any, quoted: bool = False) -> str:
        name = self._by_uid.get(uid) if isinstance(uid, str) else None
        if name is None:
            return translate("Rules", "an unknown row")
        return quote(name) if quoted else " ".join(name.split())

    def row(self, section: str, row: Mapping[str, Any], index: int) -> str:
        text = {
            "teams": "name",
            "leaders": "name",
            "company_goals": "statement",
            "objectives": "statement",
            "why_chains": "text",
            "themes": "name",
            "team_goals": "statement",
            "candidates": "text",
            "definitions": "term",
            "agreements": "title",
            "parking_lot": "text",
        }.get(section)
        noun = translate("Rules", _SECTION_NOUNS.get(section, section.rstrip("s")))
        if section == "agreements":  # by its kind, as the Agreements page shows it: hand-off “Demo request”
            noun = next((k.shown_noun for k in AgreementKind if k.value == row.get("kind")), noun)
        if text is not None:
            named = row.get(text)
            if isinstance(named, str) and named.strip():
                return translate("Rules", "{noun} {name}").format(noun=noun, name=quote(named))
            # blank: its place is all that tells it
            return translate("Rules", "{noun} number {number}").format(noun=noun, number=index + 1)
        if section == "buy_in":
            return translate("Rules", "buy-in of {leader} on {objective}").format(
                leader=self._name(row.get("leader")), objective=self._name(row.get("objective"), True)
            )
        if section == "votes":
            return translate("Rules", "the dots of {leader} on {candidate}").format(
                leader=self._name(row.get("leader")), candidate=self._name(row.get("candidate"), True)
            )
        if section == "funnels":
            return translate("Rules", "the reverse funnel of {goal}").format(
                goal=self._name(row.get("company_goal"), True)
            )
        if section == "team_switches":
            return translate("Rules", "the team switch of {team}").format(
                team=self._name(row.get("player_team"))
            )
        return noun

    def part(self, inner: str, part: Mapping[str, Any], who: Callable[[], str]) -> str:
        if inner == "metrics":
            return translate("Rules", "metric {name}").format(name=show(part.get("name")))
        if inner == "stances":
            return translate("Rules", "buy-in of {leader} on the {row}").format(
                leader=self._name(part.get("leader")), row=who()
            )
        if inner == "items":
            return translate("Rules", "switch item {text} of {row}").format(
                text=show(part.get("text")), row=who()
            )
        return translate("Rules", "empathy note {text} of {row}").format(
            text=show(part.get("text")), row=who()
        )


#: How a fault names a row of each section (others by the section's name less its “s”: “leader”).
_SECTION_NOUNS = {
    "company_goals": QT_TRANSLATE_NOOP("Rules", "company goal"),
    "why_chains": QT_TRANSLATE_NOOP("Rules", "why-statement"),
    "themes": QT_TRANSLATE_NOOP("Rules", "common theme"),
    "team_goals": QT_TRANSLATE_NOOP("Rules", "team goal"),
    "parking_lot": QT_TRANSLATE_NOOP("Rules", "parked item"),
    "agreements": QT_TRANSLATE_NOOP("Rules", "agreement"),
    "teams": QT_TRANSLATE_NOOP("Rules", "team"),
    "leaders": QT_TRANSLATE_NOOP("Rules", "leader"),
    "objectives": QT_TRANSLATE_NOOP("Rules", "objective"),
    "candidates": QT_TRANSLATE_NOOP("Rules", "candidate"),
    "definitions": QT_TRANSLATE_NOOP("Rules", "definition"),
}

"""Drafts and their merge, as plain rules over plan documents.

A draft is a plan file a leader fills alone; merging brings its items into the plan. Both
sides are read as documents (``store.document.plan_document``: plain data keyed by uids),
cut into *items* — an objective with its metrics, a why-statement, a candidate, a vote — and
each item is compared across three states by fingerprint:

- the draft's item now, the plan's item now, and
- their common ancestor (the *base*): what the plan had when the pack was exported
  (``draft_base``), or both sides as the last merge of this draft left them (``merge_record``).

An item only the draft changed since the base is an **addition** or a **change**; one only the
plan changed stays as the plan has it; one both changed differently is a **conflict**, settled by
picking a side. Teams, leaders and company goals are what a draft is written *against*: they
are matched (by identity, then by name) and added when the plan lacks them, never changed by a
merge; a draft's edits to them are reported as notes.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from offsite.domain.agreements import FIELDS as AGREEMENT_FIELDS
from offsite.domain.agreements import AgreementKind
from offsite.domain.fingerprint import NOTHING_LATER, Later, fingerprint, without_later_defaults
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, language, plural, translate


class Change(enum.StrEnum):
    """What a draft's item means for the plan."""

    ADD = "add"
    CHANGE = "change"
    REMOVE = "remove"
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        """The change in a word, in the leader's language."""
        return {
            "add": translate("Drafting", "Adds"),
            "change": translate("Drafting", "Changes"),
            "remove": translate("Drafting", "Removes"),
            "conflict": translate("Drafting", "Conflict"),
        }[self.value]


class Side(enum.StrEnum):
    """Which side of a conflict the merged plan keeps."""

    PLAN = "plan"
    DRAFT = "draft"


class Outcome(enum.StrEnum):
    """What a merge did with an item, as its merge record keeps it."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
    KEPT_PLAN = "kept_plan"

    @property
    def brought(self) -> bool:
        """True when the plan now holds the draft's version: the item's origin is the draft."""
        return self in (Outcome.ADDED, Outcome.CHANGED)


@dataclass(frozen=True, slots=True)
class Section:
    """One kind of item: the document section it lives in and how a leader names it."""

    name: str
    #: The noun in English, as the catalogue holds it: ``shown_noun`` on screen.
    noun: str
    #: Teams, leaders and company goals: matched and added, never changed by a merge.
    reference: bool = False
    #: Buy-in history: entries are only ever added.
    history: bool = False

    @property
    def shown_noun(self) -> str:
        """``noun`` in the leader's language."""
        return translate("Drafting", self.noun)


#: Every kind of item a draft can bring, in the order a merge writes them (what is needed first).
SECTIONS: tuple[Section, ...] = (
    Section("teams", QT_TRANSLATE_NOOP("Drafting", "team"), reference=True),
    Section("leaders", QT_TRANSLATE_NOOP("Drafting", "leader"), reference=True),
    Section("company_goals", QT_TRANSLATE_NOOP("Drafting", "company goal"), reference=True),
    Section("objectives", QT_TRANSLATE_NOOP("Drafting", "objective")),
    Section("buy_in", QT_TRANSLATE_NOOP("Drafting", "buy-in"), history=True),
    Section("definitions", QT_TRANSLATE_NOOP("Drafting", "definition")),
    Section("definition_stances", QT_TRANSLATE_NOOP("Drafting", "definition buy-in"), history=True),
    # After the objectives and definitions an agreement may name (a metric, an objective, a definition).
    Section("agreements", QT_TRANSLATE_NOOP("Drafting", "agreement")),
    Section("agreement_stances", QT_TRANSLATE_NOOP("Drafting", "agreement buy-in"), history=True),
    Section("why_chains", QT_TRANSLATE_NOOP("Drafting", "why-statement")),
    Section("themes", QT_TRANSLATE_NOOP("Drafting", "common theme")),
    Section("team_goals", QT_TRANSLATE_NOOP("Drafting", "team goal")),
    Section("funnels", QT_TRANSLATE_NOOP("Drafting", "reverse funnel")),
    Section("team_switches", QT_TRANSLATE_NOOP("Drafting", "team switch")),
    Section("candidates", QT_TRANSLATE_NOOP("Drafting", "candidate")),
    Section("votes", QT_TRANSLATE_NOOP("Drafting", "dot vote")),
    Section("parking_lot", QT_TRANSLATE_NOOP("Drafting", "parked item")),
)
SECTION = {s.name: s for s in SECTIONS}


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a leader recognises, as plain data in the plan's identities.

    ``key`` is its identity across files: the row's uid, except for a reverse funnel (one per
    company goal: "funnel:<goal uid>") and a dot vote (one per leader and candidate).
    ``requires`` lists the keys of the items it cannot exist without.
    """

    section: str
    key: str
    uid: str
    content: Mapping[str, Any]
    requires: tuple[str, ...] = ()
    #: The fields of its section added since plans were first signed (see ``fingerprint``).
    later: Later = field(default=NOTHING_LATER, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """The item's state: equal on both sides exactly when a leader would call them the same.

        Owning teams, linked goals and a theme's statements are sets: their order is the
        order each file happens to list them in, and does not count.
        """
        # A field added since (a leader's initials, an objective's owner) counts only when set: a
        # base fingerprint an older pack or merge recorded still matches an unchanged item.
        content = without_later_defaults(self.content, self.later)
        for name in _UNORDERED.get(self.section, ()):
            content[name] = sorted(content.get(name) or ())
        return fingerprint({"section": self.section, **content})


_UNORDERED = {"objectives": ("teams", "company_goals"), "themes": ("nodes",)}


@dataclass(frozen=True, slots=True)
class Shape:
    """What the plan's declaration (``offsite.store.document.data.DRAFTED``) says of each section's
    items, so that nothing here repeats it.

    ``needs``: per section, where an item's content names the items it cannot exist without, each
    a path of field names (through a list of records, each of them): ``("team",)``,
    ``("metrics", "owner")``. ``later``: per section, the fields added since plans were first
    signed, which an item's fingerprint leaves out while they hold their default.
    """

    needs: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    later: Mapping[str, Later] = field(default_factory=dict)


#: No declaration: items need nothing and every field counts (a test's plain documents).
NO_SHAPE = Shape()


def _named(value: Any, path: tuple[str, ...]) -> Iterator[Any]:
    """What ``value`` holds at ``path``: each of a list's, and null where a field is missing."""
    if isinstance(value, list | tuple):
        for part in value:
            yield from _named(part, path)
    elif not path:
        yield value
    elif isinstance(value, Mapping):
        yield from _named(value.get(path[0]), path[1:])


@dataclass(frozen=True, slots=True)
class Base:
    """The common ancestor of an item: each side's fingerprint then (None: that side had none)."""

    draft: str | None
    plan: str | None


def _without(record: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in names}


def _present(*keys: Any) -> tuple[str, ...]:
    return tuple(k for k in keys if isinstance(k, str) and k)


def items_of(document: Mapping[str, Any], shape: Shape = NO_SHAPE) -> dict[str, Item]:
    """Every item of a plan document, keyed by identity, in merge order (parents before children).

    ``shape``: what the plan's declaration says of each section: the items an item needs (its
    ``requires``, besides the record it is part of) and the fields its fingerprint leaves out
    while they hold an older plan's default (``offsite.store.document.data.DRAFTED``).
    """
    found: dict[str, Item] = {}
    # A metric is part of its objective, no item of its own: what names a metric (an agreement's
    # measure) cannot exist without that objective.
    metric_home = {m["uid"]: o["uid"] for o in document.get("objectives", ()) for m in o.get("metrics", ())}

    def add(section: str, key: str, uid: str, content: Mapping[str, Any], *part_of: str) -> None:
        named = [
            metric_home.get(v, v) if isinstance(v, str) else v
            for path in shape.needs.get(section, ())
            for v in _named(content, path)
        ]
        later = shape.later.get(section, NOTHING_LATER)
        found[key] = Item(section, key, uid, content, _present(*part_of, *named), later)

    for section in ("teams", "leaders", "company_goals", "objectives", "buy_in"):
        for r in document.get(section, ()):
            add(section, r["uid"], r["uid"], _without(r, "uid"))
    for d in document.get("definitions", ()):
        add("definitions", d["uid"], d["uid"], _without(d, "uid", "stances"))
    for d in document.get("definitions", ()):
        for r in d.get("stances", ()):
            content = {"definition": d["uid"], **_without(r, "uid")}
            add("definition_stances", r["uid"], r["uid"], content, d["uid"])
    for a in document.get("agreements", ()):
        add("agreements", a["uid"], a["uid"], _without(a, "uid", "stances"))
    for a in document.get("agreements", ()):
        for r in a.get("stances", ()):
            content = {"agreement": a["uid"], **_without(r, "uid")}
            add("agreement_stances", r["uid"], r["uid"], content, a["uid"])
    for section in ("why_chains", "themes", "team_goals"):
        for r in document.get(section, ()):
            add(section, r["uid"], r["uid"], _without(r, "uid"))
    for f in document.get("funnels", ()):
        add("funnels", f"funnel:{f['company_goal']}", f["uid"], _without(f, "uid"))
    for section in ("team_switches", "candidates"):
        for r in document.get(section, ()):
            add(section, r["uid"], r["uid"], _without(r, "uid"))
    for v in document.get("votes", ()):
        add("votes", f"vote:{v['leader']}:{v['candidate']}", "", dict(v))
    for p in document.get("parking_lot", ()):
        add("parking_lot", p["uid"], p["uid"], _without(p, "uid"))
    return found


def name_key(text: str) -> str:
    """How two names are told apart when matching a draft's teams, leaders and goals: not by case,
    spacing, accents or punctuation ("tomas herrera" is Tomás Herrera; "Customer-Success" is
    Customer Success), which a leader typing alone on a laptop gets wrong without meaning another.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(
        " " if unicodedata.category(c)[0] in "PZS" else c for c in decomposed if not unicodedata.combining(c)
    )
    # A name of symbols only ("🚀") keeps them: it must not match every other such name.
    return " ".join(kept.split()) or " ".join(unicodedata.normalize("NFC", text).casefold().split())


_MATCHED_BY = {"teams": "name", "leaders": "name", "company_goals": "statement"}


def match_references(draft: Mapping[str, Any], plan: Mapping[str, Any]) -> dict[str, str]:
    """The draft's teams, leaders and company goals that the plan holds: draft uid → plan uid.

    By identity first (a pack carries the plan's uids), then by name (a draft started from
    nothing names its team "Sales" as the plan does). What is not matched keeps its own uid.
    """
    mapping: dict[str, str] = {}
    for section, field_name in _MATCHED_BY.items():
        known = {r["uid"] for r in plan.get(section, ())}
        by_name: dict[str, str] = {}
        for r in plan.get(section, ()):
            by_name.setdefault(name_key(r[field_name]), r["uid"])
        taken: set[str] = set()
        for r in draft.get(section, ()):
            if r["uid"] in known:
                mapping[r["uid"]] = r["uid"]
                taken.add(r["uid"])
        for r in draft.get(section, ()):
            if r["uid"] in mapping:
                continue
            match = by_name.get(name_key(r[field_name]))
            if match is not None and match not in taken:
                mapping[r["uid"]] = match
                taken.add(match)
    return {k: v for k, v in mapping.items() if k != v}


def remap(value: Any, mapping: Mapping[str, str]) -> Any:
    """``value`` with every identity in ``mapping`` replaced (uids are random: no text equals one)."""
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, Mapping):
        return {k: remap(v, mapping) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [remap(v, mapping) for v in value]
    return value


def classify(draft: Item | None, plan: Item | None, base: Base | None) -> Change | None:
    """What the draft's state of one item means for the plan; None when there is nothing to merge.

    - No base: the draft's item is new to the plan (added), or both sides made it on their own:
      nothing when they agree, a conflict when they differ.
    - With a base: only the draft changed it → a change (or a removal); both changed it, and
      differently → a conflict. An item the draft left alone stays as the plan has it.
    """
    d = None if draft is None else draft.fingerprint
    p = None if plan is None else plan.fingerprint
    if d == p:
        return None
    if base is None:
        if draft is None:
            return None
        return Change.ADD if plan is None else Change.CONFLICT
    if d == base.draft:
        return None  # the draft has nothing new for it
    plan_changed = p != base.plan
    if draft is None:
        return Change.CONFLICT if plan_changed else Change.REMOVE
    if plan is None:
        # The plan had it and removed it since: that is the plan's change too.
        return Change.CONFLICT if base.plan is not None else Change.ADD
    return Change.CONFLICT if plan_changed else Change.CHANGE


# --- Words ----------------------------------------------------------------------------------------

Names = Mapping[str, str]

#: How a changed field is named in the preview: marked here, translated where shown (``_field_word``).
_FIELD_WORDS = {
    "statement": QT_TRANSLATE_NOOP("Drafting", "wording"),
    "text": QT_TRANSLATE_NOOP("Drafting", "wording"),
    "name": QT_TRANSLATE_NOOP("Drafting", "name"),
    "term": QT_TRANSLATE_NOOP("Drafting", "term"),
    "definition": QT_TRANSLATE_NOOP("Drafting", "definition"),
    "method": QT_TRANSLATE_NOOP("Drafting", "method"),
    "method_owner": QT_TRANSLATE_NOOP("Drafting", "method owner"),
    "period": QT_TRANSLATE_NOOP("Drafting", "period"),
    "teams": QT_TRANSLATE_NOOP("Drafting", "teams"),
    "team": QT_TRANSLATE_NOOP("Drafting", "team"),
    "company_goals": QT_TRANSLATE_NOOP("Drafting", "company goals"),
    "company_goal": QT_TRANSLATE_NOOP("Drafting", "company goal"),
    "parent": QT_TRANSLATE_NOOP("Drafting", "place in the tree"),
    "nodes": QT_TRANSLATE_NOOP("Drafting", "linked statements"),
    "target": QT_TRANSLATE_NOOP("Drafting", "target"),
    "unit": QT_TRANSLATE_NOOP("Drafting", "unit"),
    "impact": QT_TRANSLATE_NOOP("Drafting", "impact"),
    "smart": QT_TRANSLATE_NOOP("Drafting", "SMART check"),
    "exercise": QT_TRANSLATE_NOOP("Drafting", "exercise"),
    "dots": QT_TRANSLATE_NOOP("Drafting", "dots"),
    "items": QT_TRANSLATE_NOOP("Drafting", "goals and plan steps"),
    "empathy_notes": QT_TRANSLATE_NOOP("Drafting", "empathy notes"),
    "prepare_minutes": QT_TRANSLATE_NOOP("Drafting", "preparation time"),
    "present_minutes": QT_TRANSLATE_NOOP("Drafting", "presentation time"),
    "resolution": QT_TRANSLATE_NOOP("Drafting", "resolution"),
    "resolved_at": QT_TRANSLATE_NOOP("Drafting", "resolved"),
    "origin_label": QT_TRANSLATE_NOOP("Drafting", "origin"),
    "merged_from": QT_TRANSLATE_NOOP("Drafting", "merged from"),
    "revenue_target": QT_TRANSLATE_NOOP("Drafting", "revenue target"),
    "average_deal_size": QT_TRANSLATE_NOOP("Drafting", "average deal size"),
    "win_rate": QT_TRANSLATE_NOOP("Drafting", "win rate"),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("Drafting", "SQL to opportunity rate"),
    "mql_to_sql": QT_TRANSLATE_NOOP("Drafting", "MQL to SQL rate"),
    "lead_to_mql": QT_TRANSLATE_NOOP("Drafting", "lead to MQL rate"),
    "quarters": QT_TRANSLATE_NOOP("Drafting", "quarters"),
    "weights": QT_TRANSLATE_NOOP("Drafting", "quarter weights"),
    "on_miss": QT_TRANSLATE_NOOP("Drafting", "on a miss"),
    "title": QT_TRANSLATE_NOOP("Drafting", "title"),
    # Named as their field is (the English reads as before), so that a translation words them too.
    "baseline": QT_TRANSLATE_NOOP("Drafting", "baseline"),
    "direction": QT_TRANSLATE_NOOP("Drafting", "direction"),
    "due": QT_TRANSLATE_NOOP("Drafting", "due"),
    "data_source": QT_TRANSLATE_NOOP("Drafting", "data source"),
    "customer_centric": QT_TRANSLATE_NOOP("Drafting", "customer centric"),
    "shared": QT_TRANSLATE_NOOP("Drafting", "shared"),
    "owner": QT_TRANSLATE_NOOP("Drafting", "owner"),
    "funnel_stage": QT_TRANSLATE_NOOP("Drafting", "funnel stage"),
    "shortlisted": QT_TRANSLATE_NOOP("Drafting", "shortlisted"),
    "comment": QT_TRANSLATE_NOOP("Drafting", "comment"),
    "stance": QT_TRANSLATE_NOOP("Drafting", "stance"),
    "initials": QT_TRANSLATE_NOOP("Drafting", "initials"),
    "raised_in": QT_TRANSLATE_NOOP("Drafting", "raised in"),
    "kind": QT_TRANSLATE_NOOP("Drafting", "kind"),
    "label": QT_TRANSLATE_NOOP("Drafting", "label"),
}


def _field_word(name: str) -> str:
    """A field as the preview names it, in the leader's language: “wording”, “revenue target”."""
    return translate("Drafting", _FIELD_WORDS[name]) if name in _FIELD_WORDS else name.replace("_", " ")


_QUOTE_LENGTH = 60


#: Bidirectional embeddings, overrides and isolates: a label cut short could leave one open, and the
#: reversal would run on into the app's own words. Labels are for reading, so they go.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def quote(text: str) -> str:
    """A text as a sentence quotes it: one line, cut with an ellipsis when long."""
    flat = " ".join(str(text).translate(_BIDI_CONTROLS).split())
    if len(flat) > _QUOTE_LENGTH:
        flat = flat[: _QUOTE_LENGTH - 1].rstrip() + "…"
    # Each language has its own quotation marks (German: „…“).
    return translate("Drafting", "“{text}”").format(text=flat)


def _value(value: Any, names: Names) -> str:
    if value is None or value == "":
        return translate("Drafting", "none")
    if isinstance(value, bool):
        return translate("Drafting", "yes") if value else translate("Drafting", "no")
    if isinstance(value, int | float):
        return format_number(float(value))
    if isinstance(value, str):
        return names[value] if value in names else quote(value)
    if isinstance(value, list | tuple):
        return ", ".join(_value(v, names) for v in value) or translate("Drafting", "none")
    return translate("Drafting", "changed")


def label(item: Item, names: Names) -> str:
    """The item as the preview lists it: “Outbound pipeline” (Sales)."""
    c = item.content
    team = names.get(c.get("team") or "", "")
    owners = ", ".join(names.get(t, "?") for t in c.get("teams", ()))
    match item.section:
        case "teams":
            return quote(c["name"])
        case "leaders":
            return quote(c["name"]) + (f" ({team})" if team else "")
        case "company_goals":
            return quote(c["statement"])
        case "objectives":
            return quote(c["statement"]) + (f" ({owners})" if owners else "")
        case "buy_in" | "definition_stances" | "agreement_stances":
            subject = c[_SUBJECT[item.section]]
            stance = c["stance"]
            said = translate("Drafting", _STANCE_WORDS[stance]) if stance in _STANCE_WORDS else stance
            return translate("Drafting", "{leader}: {stance} on {subject}").format(
                leader=names.get(c["leader"], "?"),
                stance=said.replace("_", " "),
                subject=names.get(subject, "?"),
            )
        case "definitions":
            return quote(c["term"])
        case "agreements":
            return quote(c["title"])  # its kind is its noun: hand-off “Demo request”
        case "why_chains" | "candidates" | "parking_lot":
            return quote(c["text"]) + (f" ({team})" if team else "")
        case "themes":
            return quote(c["name"])
        case "team_goals":
            return quote(c["statement"]) + (f" ({team})" if team else "")
        case "funnels":
            return translate("Drafting", "for {goal}").format(goal=names.get(c["company_goal"], "?"))
        case "team_switches":
            return translate("Drafting", "{team} plays {other}").format(
                team=names.get(c["player_team"], "?"), other=names.get(c["played_team"], "?")
            )
        case "votes":
            dots = c["dots"]
            said = plural(
                dots,
                translate("Drafting", "{leader}: {dots} dot on {candidate}"),
                translate("Drafting", "{leader}: {dots} dots on {candidate}"),
            )
            return said.format(
                leader=names.get(c["leader"], "?"),
                dots=format_number(dots),
                candidate=names.get(c["candidate"], "?"),
            )
    return item.key  # pragma: no cover - every section is listed above


#: What a buy-in entry is on, by section: the field naming its objective, definition or agreement.
_SUBJECT = {"buy_in": "objective", "definition_stances": "definition", "agreement_stances": "agreement"}

#: A stance inside a sentence (“Maya Okafor: changes requested on …”), by its stored value.
_STANCE_WORDS = {
    "pending": QT_TRANSLATE_NOOP("Drafting", "pending"),
    "discussing": QT_TRANSLATE_NOOP("Drafting", "discussing"),
    "changes_requested": QT_TRANSLATE_NOOP("Drafting", "changes requested"),
    "agreed": QT_TRANSLATE_NOOP("Drafting", "agreed"),
    "declined": QT_TRANSLATE_NOOP("Drafting", "declined"),
}


def noun_of(item: Item) -> str:
    """What an item is, as a leader says it in their language: its section's noun, or an
    agreement's kind (“journey stage”, “hand-off”), so the preview reads “Adds hand-off “Demo request””."""
    if item.section == "agreements":
        try:
            return AgreementKind(str(item.content.get("kind"))).shown_noun
        except ValueError:
            pass  # a kind that is none: the draft's check refuses it before a merge
    return SECTION[item.section].shown_noun


def names_of(*documents: Mapping[str, Any]) -> dict[str, str]:
    """Display names of every identity the documents hold, for labels: uid → “Outbound pipeline” or Sales."""
    names: dict[str, str] = {}
    for document in documents:
        for t in document.get("teams", ()):
            names.setdefault(t["uid"], t["name"])
        for p in document.get("leaders", ()):
            names.setdefault(p["uid"], p["name"])
        for section, text in (
            ("company_goals", "statement"),
            ("objectives", "statement"),
            ("candidates", "text"),
            ("why_chains", "text"),
            ("team_goals", "statement"),
            ("definitions", "term"),
        ):
            for r in document.get(section, ()):
                names.setdefault(r["uid"], quote(r[text]))
        for a in document.get("agreements", ()):
            names.setdefault(
                a["uid"], f"{noun_of(Item('agreements', a['uid'], a['uid'], a))} {quote(a['title'])}"
            )
        for o in document.get("objectives", ()):
            for m in o.get("metrics", ()):
                names.setdefault(m["uid"], quote(m["name"]))
    return names


def _metric_changes(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]], names: Names
) -> list[str]:
    old = {m["uid"]: m for m in before}
    new = {m["uid"]: m for m in after}
    words = [
        translate("Drafting", "adds metric {metric}").format(metric=quote(m["name"]))
        for u, m in new.items()
        if u not in old
    ]
    words += [
        translate("Drafting", "removes metric {metric}").format(metric=quote(m["name"]))
        for u, m in old.items()
        if u not in new
    ]
    for uid, m in new.items():
        if uid in old and old[uid] != m:
            parts = [
                _became(_field_word(name), old[uid].get(name), m.get(name), names)
                for name in m
                if name != "uid" and old[uid].get(name) != m.get(name)
            ]
            words.append(
                translate("Drafting", "metric {metric}: {changes}").format(
                    metric=quote(m["name"]), changes=", ".join(parts)
                )
            )
    return words


def _became(field_word: str, old: Any, new: Any, names: Names) -> str:
    """“wording “A” → “B””."""
    return translate("Drafting", "{field} {old} → {new}").format(
        field=field_word, old=_value(old, names), new=_value(new, names)
    )


def difference(before: Item, after: Item, names: Names) -> str:
    """What changed from ``before`` to ``after``, in words: wording “A” → “B”; adds metric “C”."""
    words: list[str] = []
    for name in dict.fromkeys([*before.content, *after.content]):
        old, new = before.content.get(name), after.content.get(name)
        if old == new:
            continue
        if name == "metrics":
            words += _metric_changes(old or (), new or (), names)
        elif name in ("items", "empathy_notes", "smart", "merged_from"):
            words.append(translate("Drafting", "{field} changed").format(field=_field_word(name)))
        else:
            words.append(_became(_field_word(name), old, new, names))
    return "; ".join(words)


def summary(item: Item, names: Names) -> str:
    """One side of a conflict, in a line: the item's label and what tells two versions apart."""
    text = label(item, names)
    more = describe(item, names)
    return f"{text} · {more}" if more else text


def describe(item: Item, names: Names) -> str:
    """What the label leaves out, in a line: an objective's metrics and method, a funnel's inputs,
    a definition's wording, a team goal's target, the whole of a text cut short in its label.
    """
    c = item.content
    match item.section:
        case "objectives":
            parts = [
                f"{m['name']} {format_number(m['target']) if m.get('target') is not None else '—'}"
                for m in c.get("metrics", ())
            ]
            if str(c.get("method", "")).strip():
                parts.append(translate("Drafting", "method {method}").format(method=quote(c["method"])))
            return ", ".join(parts)
        case "funnels":
            inputs = [
                _field_value(_field_word(k), c[k], names)
                for k in c
                if k not in ("company_goal", "quarters", "weights") and c[k] is not None
            ]
            return ", ".join(inputs) or translate("Drafting", "no figures yet")
        case "definitions":
            return quote(c["definition"]) if str(c.get("definition", "")).strip() else ""
        case "team_goals":
            target = c.get("target")
            if target is None:
                return ""
            said = translate("Drafting", "target {target} {unit}")
            return said.format(target=_value(target, names), unit=c.get("unit", "")).rstrip()
        case "buy_in" | "definition_stances" | "agreement_stances":
            return quote(c["comment"]) if str(c.get("comment", "")).strip() else ""
        case "agreements":
            return _agreement_fields(c, names)
        case "team_switches":
            n = len(c.get("items", ()))
            if not n:
                return ""
            return plural(
                n,
                translate("Drafting", "{count} goal or plan step"),
                translate("Drafting", "{count} goals and plan steps"),
            ).format(count=format_number(n))
    text = str(c.get("text") or c.get("statement") or c.get("name") or "")
    flat = " ".join(text.translate(_BIDI_CONTROLS).split())
    return flat if len(flat) > _QUOTE_LENGTH else ""


def _agreement_fields(content: Mapping[str, Any], names: Names) -> str:
    """An agreement's filled fields but its title, as its kind's table labels them:
    “route “Round-robin to SDRs”, response time “Within 4 business hours””."""
    try:
        fields = AGREEMENT_FIELDS[AgreementKind(str(content.get("kind")))]
    except ValueError:
        return ""
    parts = []
    for shown in fields[1:]:
        name = shown.name.removesuffix("_id")
        value = content.get(name)
        if value is not None and value != "":
            # English names a column in lower case inside a phrase; German keeps its nouns' capitals.
            word = shown.label.lower() if language() == "en" else shown.shown_label
            parts.append(_field_value(word, value, names))
    return ", ".join(parts)


def _field_value(field_word: str, value: Any, names: Names) -> str:
    """“revenue target 10,000,000”, “route “Round-robin to SDRs””."""
    return translate("Drafting", "{field} {value}").format(field=field_word, value=_value(value, names))


@dataclass(frozen=True, slots=True)
class Proposal:
    """One item of a draft in the merge preview: what merging it would do, in words and in data."""

    section: str
    key: str
    change: Change
    label: str
    #: For a change: what changes. For a conflict: what each side did since the draft was made.
    detail: str
    plan_side: str = ""
    draft_side: str = ""
    requires: tuple[str, ...] = ()
    #: The draft's item (None for a removal) and the plan's (None for an addition).
    draft_item: Item | None = None
    plan_item: Item | None = None

    @property
    def noun(self) -> str:
        item = self.draft_item or self.plan_item
        return SECTION[self.section].noun if item is None else noun_of(item)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A draft compared with the plan: the proposals in merge order, and notes on what is not merged."""

    proposals: tuple[Proposal, ...] = ()
    notes: tuple[str, ...] = ()
    counts: Mapping[Change, int] = field(default_factory=dict)


def compare(
    draft: Mapping[str, Any],
    plan: Mapping[str, Any],
    bases: Mapping[str, Base],
    *,
    names: Names | None = None,
    removable: Callable[[str], bool] = lambda section: True,
    shape: Shape = NO_SHAPE,
) -> Comparison:
    """Compare a draft (already in the plan's identities: see ``match_references`` and ``remap``)
    with the plan, given each item's common ancestor. Proposals come in merge order.
    ``shape``: as ``items_of`` takes it.
    """
    names = names_of(plan, draft) if names is None else names  # the plan's names first
    ours, theirs = items_of(draft, shape), items_of(plan, shape)
    proposals: list[Proposal] = []
    notes: list[str] = []
    order = {s.name: i for i, s in enumerate(SECTIONS)}
    keys = list(ours) + [k for k in bases if k not in ours and k in theirs]
    keys.sort(key=lambda k: order[(ours.get(k) or theirs[k]).section])
    for key in keys:
        d, p, base = ours.get(key), theirs.get(key), bases.get(key)
        section = SECTION[(d or p).section]  # type: ignore[union-attr]
        if section.reference:
            if p is None and d is not None:
                proposals.append(
                    Proposal(
                        section.name, key, Change.ADD, label(d, names), "", requires=d.requires, draft_item=d
                    )
                )
            elif (
                d is not None
                and p is not None
                and base is not None
                and d.fingerprint not in (base.draft, p.fingerprint)
            ):
                notes.append(
                    translate(
                        "Drafting",
                        "The draft changes the {noun} {item} ({changes}); "
                        "not merged: teams, leaders and company goals are changed in the plan itself.",
                    ).format(noun=section.shown_noun, item=label(p, names), changes=difference(p, d, names))
                )
            continue
        change = classify(d, p, base)
        if change is None or (change is Change.REMOVE and not removable(section.name)):
            continue
        if section.history and change is not Change.ADD:
            continue  # a buy-in entry is never changed or taken back by a merge
        shown = d or p
        assert shown is not None
        detail, plan_side, draft_side = "", "", ""
        since = _recorded_since(key, ours, theirs, bases) if change is Change.REMOVE else []
        if since:
            # Taking it out would take the room's work on it along: the facilitator decides.
            change = Change.CONFLICT
            plan_side = summary(shown, names) + " · " + _count_words(since)
            draft_side = translate("Drafting", "removed")
            detail = translate("Drafting", "removed in the draft; the plan has {records} on it since").format(
                records=_count_words(since)
            )
        elif change is Change.ADD and d is not None:
            detail = describe(d, names)
        elif change is Change.CHANGE and p is not None and d is not None:
            detail = difference(p, d, names)
        elif change is Change.CONFLICT:
            plan_side = translate("Drafting", "removed") if p is None else summary(p, names)
            draft_side = translate("Drafting", "removed") if d is None else summary(d, names)
            if p is not None and d is not None:
                detail = difference(p, d, names)
            else:
                detail = translate("Drafting", "changed on one side, removed on the other")
        proposals.append(
            Proposal(
                section.name,
                key,
                change,
                label(shown, names),
                detail,
                plan_side,
                draft_side,
                requires=shown.requires,
                draft_item=d,
                plan_item=p,
            )
        )
    counts: dict[Change, int] = {}
    for proposal in proposals:
        counts[proposal.change] = counts.get(proposal.change, 0) + 1
    return Comparison(tuple(proposals), tuple(notes), counts)


def _recorded_since(
    key: str, ours: Mapping[str, Item], theirs: Mapping[str, Item], bases: Mapping[str, Base]
) -> list[Item]:
    """What the plan holds on ``key`` that the draft never had: buy-in, votes, answers, linked goals.

    Removing ``key`` would remove these too (they cannot exist without it), so a removal that
    would take them along is not a plain removal.
    """
    found: list[Item] = []
    pending = [key]
    while pending:
        current = pending.pop()
        for item in theirs.values():
            if (
                current in item.requires
                and item.key not in ours
                and item.key not in bases
                and item not in found
            ):
                found.append(item)
                pending.append(item.key)
    return found


#: How many of a section's items there are, for each section: marked here, translated where counted.
_COUNTED = {
    "teams": (QT_TRANSLATE_NOOP("Drafting", "{count} team"), QT_TRANSLATE_NOOP("Drafting", "{count} teams")),
    "leaders": (
        QT_TRANSLATE_NOOP("Drafting", "{count} leader"),
        QT_TRANSLATE_NOOP("Drafting", "{count} leaders"),
    ),
    "company_goals": (
        QT_TRANSLATE_NOOP("Drafting", "{count} company goal"),
        QT_TRANSLATE_NOOP("Drafting", "{count} company goals"),
    ),
    "objectives": (
        QT_TRANSLATE_NOOP("Drafting", "{count} objective"),
        QT_TRANSLATE_NOOP("Drafting", "{count} objectives"),
    ),
    "buy_in": (
        QT_TRANSLATE_NOOP("Drafting", "{count} buy-in entry"),
        QT_TRANSLATE_NOOP("Drafting", "{count} buy-in entries"),
    ),
    "definitions": (
        QT_TRANSLATE_NOOP("Drafting", "{count} definition"),
        QT_TRANSLATE_NOOP("Drafting", "{count} definitions"),
    ),
    "definition_stances": (
        QT_TRANSLATE_NOOP("Drafting", "{count} definition buy-in entry"),
        QT_TRANSLATE_NOOP("Drafting", "{count} definition buy-in entries"),
    ),
    "agreements": (
        QT_TRANSLATE_NOOP("Drafting", "{count} agreement"),
        QT_TRANSLATE_NOOP("Drafting", "{count} agreements"),
    ),
    "agreement_stances": (
        QT_TRANSLATE_NOOP("Drafting", "{count} agreement buy-in entry"),
        QT_TRANSLATE_NOOP("Drafting", "{count} agreement buy-in entries"),
    ),
    "why_chains": (
        QT_TRANSLATE_NOOP("Drafting", "{count} answer"),
        QT_TRANSLATE_NOOP("Drafting", "{count} answers"),
    ),
    "themes": (
        QT_TRANSLATE_NOOP("Drafting", "{count} common theme"),
        QT_TRANSLATE_NOOP("Drafting", "{count} common themes"),
    ),
    "team_goals": (
        QT_TRANSLATE_NOOP("Drafting", "{count} team goal"),
        QT_TRANSLATE_NOOP("Drafting", "{count} team goals"),
    ),
    "funnels": (
        QT_TRANSLATE_NOOP("Drafting", "{count} reverse funnel"),
        QT_TRANSLATE_NOOP("Drafting", "{count} reverse funnels"),
    ),
    "team_switches": (
        QT_TRANSLATE_NOOP("Drafting", "{count} team switch"),
        QT_TRANSLATE_NOOP("Drafting", "{count} team switches"),
    ),
    "candidates": (
        QT_TRANSLATE_NOOP("Drafting", "{count} candidate"),
        QT_TRANSLATE_NOOP("Drafting", "{count} candidates"),
    ),
    "votes": (
        QT_TRANSLATE_NOOP("Drafting", "{count} dot vote"),
        QT_TRANSLATE_NOOP("Drafting", "{count} dot votes"),
    ),
    "parking_lot": (
        QT_TRANSLATE_NOOP("Drafting", "{count} parked item"),
        QT_TRANSLATE_NOOP("Drafting", "{count} parked items"),
    ),
}


def _count_words(items: Sequence[Item]) -> str:
    """“2 buy-in entries and 1 dot vote”."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.section] = counts.get(item.section, 0) + 1
    parts = []
    for section, n in counts.items():
        one, many = _COUNTED[section]
        parts.append(
            plural(n, translate("Drafting", one), translate("Drafting", many)).format(count=format_number(n))
        )
    if len(parts) == 1:
        return parts[0]
    return translate("Drafting", "{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def needed(chosen: Iterable[str], proposals: Sequence[Proposal], present: Iterable[str]) -> set[str]:
    """``chosen`` and every proposal they require that the plan does not already hold (transitively)."""
    offered = {p.key: p for p in proposals if p.change is Change.ADD or p.change is Change.CONFLICT}
    have = set(present)
    result: set[str] = set()
    pending = list(chosen)
    while pending:
        key = pending.pop()
        if key in result:
            continue
        result.add(key)
        proposal = next((p for p in proposals if p.key == key), None)
        for required in proposal.requires if proposal is not None else ():
            if required not in have and required in offered:
                pending.append(required)
    return result


def dependants(key: str, proposals: Sequence[Proposal]) -> set[str]:
    """Every proposal that cannot be merged without ``key`` (transitively): unticked with it."""
    result: set[str] = set()
    pending = [key]
    while pending:
        current = pending.pop()
        for proposal in proposals:
            if current in proposal.requires and proposal.key not in result:
                result.add(proposal.key)
                pending.append(proposal.key)
    return result

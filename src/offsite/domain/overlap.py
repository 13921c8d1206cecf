"""Overlap review: objectives of different teams that look like the same work, or pull against each other.

``find_overlaps`` lists every pair of objectives that one of the ``OverlapRule`` rules finds; the
facilitator resolves each finding (merge, adjust, or keep with a note). Each finding carries the rule
that found it, so the screen and the PDF can say why it is listed.

Objectives of different teams that serve the same company goal are *not* a finding: working back
from company goals is how the plan is meant to be built, so several teams serving one goal is the
design, not an overlap. ``goal_groups`` lists them once per goal, for information; nothing there is
to settle. ``OverlapRule.SAME_COMPANY_GOAL`` stays only because plans written before this change may
hold resolutions under it (``offsite.domain.overlap_review`` keeps those as history).

Which pairs are compared: two objectives of *different teams*, meaning that their sets of owning teams
differ. An objective owned by several teams is already shared among them, so it is compared with every
objective whose team set is not exactly the same: "One funnel view" (Sales, Marketing) is compared
with "Go outbound" (Sales), because Marketing is in one and not the other, but two objectives both
owned by Sales and Marketing are not compared. An objective without an owning team belongs to no team
and is never compared.

Too common to count: a metric name, a data source or a significant word that more than
``TOO_COMMON`` (100) objectives share tells them apart from nothing, so the rules leave it out;
``OverlapIndex.too_common`` lists what was left out and ``too_common_sentence()`` says it in a sentence,
which the screen adds to the rules' text when something was. A plan of up to 100 objectives is never
affected. This is also what keeps the work near-linear: no pair is ever looked at through a value
that a large part of the plan holds.

Team roles, for the known conflict only, come from team names: a team whose name contains "market"
is a marketing team, one whose name contains "sales" is a sales team (both case-insensitive; "Sales &
Marketing" is both). It is a heuristic: a team called "Demand Generation" is not seen as marketing.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.themes import (
    TOO_COMMON,
    Comparisons,
    shared_needed,
    significant_words,
    similar_pairs,
    similarity,
)
from offsite.domain.values import MetricView, ObjectiveView, PlanView

#: Similar wording: at least this many significant words in common...
MIN_SHARED_WORDS = 2
#: ...and at least this share of the significant words of the objective with fewer of them.
MIN_WORD_SHARE = 0.5
#: How many shared words a finding's detail names before it says "and N more".
_DETAIL_WORDS = 8


class OverlapRule(enum.StrEnum):
    """The rule that found an overlap; ``text`` states it in one sentence for the screen and the PDF."""

    SHARED_METRIC_NAME = "shared_metric_name"
    SHARED_DATA_SOURCE = "shared_data_source"
    SAME_COMPANY_GOAL = "same_company_goal"
    SIMILAR_WORDING = "similar_wording"
    KNOWN_CONFLICT = "known_conflict"

    @property
    def text(self) -> str:
        return translate("OverlapRules", _RULE_TEXTS[self])

    @property
    def label(self) -> str:
        """A short name for a column or a heading: "Shared metric name"."""
        return translate("OverlapRules", _RULE_LABELS[self])


# Made at import: marked here, translated where a property hands them out.
_RULE_TEXTS = {
    OverlapRule.SHARED_METRIC_NAME: QT_TRANSLATE_NOOP(
        "OverlapRules",
        "Objectives of different teams that track a metric of the same name (ignoring case and spacing).",
    ),
    OverlapRule.SHARED_DATA_SOURCE: QT_TRANSLATE_NOOP(
        "OverlapRules",
        "Objectives of different teams that read a metric from the same data source "
        "(ignoring case and spacing; a metric without a data source never matches).",
    ),
    OverlapRule.SAME_COMPANY_GOAL: QT_TRANSLATE_NOOP(
        "OverlapRules",
        "Objectives of different teams that are linked to the same company goal: the plan working as "
        "designed, listed for information and never a finding to settle.",
    ),
    OverlapRule.SIMILAR_WORDING: QT_TRANSLATE_NOOP(
        "OverlapRules",
        "Objectives of different teams whose statement and method, taken together, share at least two "
        "significant words and at least half the significant words of the one with fewer.",
    ),
    OverlapRule.KNOWN_CONFLICT: QT_TRANSLATE_NOOP(
        "OverlapRules",
        "A marketing objective measured on lead volume while a sales objective targets a narrower "
        "ideal customer: the two teams are rewarded for different leads.",
    ),
}
_RULE_LABELS = {
    OverlapRule.SHARED_METRIC_NAME: QT_TRANSLATE_NOOP("OverlapRules", "Shared metric name"),
    OverlapRule.SHARED_DATA_SOURCE: QT_TRANSLATE_NOOP("OverlapRules", "Shared data source"),
    OverlapRule.SAME_COMPANY_GOAL: QT_TRANSLATE_NOOP("OverlapRules", "Same company goal"),
    OverlapRule.SIMILAR_WORDING: QT_TRANSLATE_NOOP("OverlapRules", "Similar wording"),
    OverlapRule.KNOWN_CONFLICT: QT_TRANSLATE_NOOP("OverlapRules", "Known conflict"),
}
_RULE_ORDER = {rule: index for index, rule in enumerate(OverlapRule)}


def too_common_sentence() -> str:
    """What the rules leave out on a large plan, for the screen to add to a rule's text when it applies."""
    return translate(
        "OverlapRules",
        "A metric name, a data source or a word that more than {count} objectives share is too common "
        "to tell them apart: no rule counts it.",
    ).format(count=TOO_COMMON)


#: The rules whose findings are overlaps to settle: every rule but the same company goal.
FINDING_RULES = tuple(rule for rule in OverlapRule if rule is not OverlapRule.SAME_COMPANY_GOAL)


@dataclass(frozen=True, slots=True)
class Overlap:
    """One finding: two objectives (``first_id`` < ``second_id``) that ``rule`` found, and why.

    ``detail`` names what they share (the metric, the data source, the goal, the words) or the
    conflict. ``key`` identifies the finding across reloads: ``"<rule>:<first_id>:<second_id>"``.
    The ids are the view's local ids, so a layer that persists a resolution must store the rule with
    the two objectives' uids instead (``offsite.domain.signoff.overlap_key(rule, uid, uid)``), and
    match it to the findings of the view it reads next through the ids' uids.
    """

    rule: OverlapRule
    first_id: int
    second_id: int
    detail: str
    key: str


def finding_key(rule: OverlapRule, first_id: int, second_id: int) -> str:
    """The key of a finding: the rule and the two objective ids, the smaller id first."""
    low, high = sorted((first_id, second_id))
    return f"{rule.value}:{low}:{high}"


def find_overlaps(view: PlanView, *, comparisons: Comparisons | None = None) -> list[Overlap]:
    """Every finding of every rule of ``FINDING_RULES`` in ``view``, sorted by the pair (first id, then
    second id), then by rule in the order ``OverlapRule`` declares them.

    A pair appears at most once per rule and may appear under several rules. The order depends only
    on the view's content, never on the order of its tuples. Serving the same company goal is never
    a finding (see ``goal_groups``). ``comparisons``, when given, counts the work (``OverlapIndex``).
    """
    index = OverlapIndex(comparisons)
    index.update(view)
    return index.findings()


@dataclass(frozen=True, slots=True)
class TooCommon:
    """What more than ``TOO_COMMON`` objectives share, so the rules leave it out: each value with the
    number of objectives that hold it, most shared first."""

    words: tuple[tuple[str, int], ...] = ()
    metric_names: tuple[tuple[str, int], ...] = ()
    data_sources: tuple[tuple[str, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.metric_names or self.data_sources)


@dataclass(slots=True)
class _Indexed:
    """What the rules read of one objective, as the index holds it."""

    objective: ObjectiveView
    signature: tuple[object, ...]
    teams: frozenset[int]
    names: dict[str, str]  # normalised metric name → its first spelling
    sources: dict[str, str]  # normalised data source → its first spelling
    words: frozenset[str]
    lead: bool  # a marketing objective with a lead-volume metric
    ideal: bool  # a sales objective that targets the ideal customer


def _signature(objective: ObjectiveView) -> tuple[object, ...]:
    """Everything of an objective that a rule reads: the same signature, the same findings."""
    metrics = tuple((m.id, m.name, m.unit, m.data_source) for m in objective.metrics)
    return (objective.team_ids, objective.statement, objective.method, metrics)


class OverlapIndex:
    """The findings of one plan, kept up to date edit by edit.

    ``update(view)`` indexes each objective by its metric names, data sources and significant words
    (inverted indexes: value → objectives); a rule only ever judges two objectives that share an
    entry, or a lead-volume objective beside an ideal-customer one. On a later ``update`` only the
    objectives whose rule inputs changed (``_signature``) are indexed again and only the pairs that
    involve them judged again, unless the teams changed (their names decide marketing and sales),
    which indexes everything again. A value more than ``TOO_COMMON`` objectives share is left out
    (``too_common``); when an edit makes a value cross that line, the pairs of every objective that
    holds it are judged again.

    Not thread-safe: one thread at a time (the screen runs it on a worker and keeps it per plan).
    """

    def __init__(self, comparisons: Comparisons | None = None) -> None:
        self.comparisons = comparisons if comparisons is not None else Comparisons()
        self._teams: tuple[tuple[int, str], ...] | None = None
        self._names: dict[int, str] = {}
        self._marketing: set[int] = set()
        self._sales: set[int] = set()
        self._entries: dict[int, _Indexed] = {}
        self._by_name: dict[str, set[int]] = {}
        self._by_source: dict[str, set[int]] = {}
        self._by_word: dict[str, set[int]] = {}
        self._leads: set[int] = set()
        self._ideal: set[int] = set()
        #: Each objective's significant words less the too common ones (kept for the dirty ones).
        self._effective: dict[int, frozenset[str]] = {}
        self._found: dict[tuple[int, int], tuple[Overlap, ...]] = {}
        self._partners: dict[int, set[int]] = {}
        self._sorted: list[Overlap] | None = None
        #: How many objectives the last ``update`` indexed again (all of them on the first).
        self.reindexed = 0

    # -- reading -------------------------------------------------------------------------
    def findings(self) -> list[Overlap]:
        """Every finding, in ``find_overlaps`` order."""
        if self._sorted is None:
            self._sorted = [f for pair in sorted(self._found) for f in self._found[pair]]
        return list(self._sorted)

    def too_common(self) -> TooCommon:
        """The words, metric names and data sources left out for being too common."""

        def over(index: dict[str, set[int]]) -> tuple[tuple[str, int], ...]:
            counted = [(value, len(ids)) for value, ids in index.items() if len(ids) > TOO_COMMON]
            return tuple(sorted(counted, key=lambda item: (-item[1], item[0])))

        return TooCommon(over(self._by_word), over(self._by_name), over(self._by_source))

    # -- updating ------------------------------------------------------------------------
    def pending(self, view: PlanView) -> int | None:
        """How many objectives ``update(view)`` would index again (added, changed or removed), or
        None when it would index them all (the teams changed, or nothing is indexed yet). Changes
        nothing: a caller weighs the work before doing it."""
        if self._teams is None or tuple((t.id, t.name) for t in view.teams) != self._teams:
            return None
        count, seen = 0, 0
        for objective in view.objectives:
            if not objective.team_ids:
                continue
            entry = self._entries.get(objective.id)
            if entry is None:
                count += 1
                continue
            seen += 1
            if entry.objective is not objective and entry.signature != _signature(objective):
                count += 1
        return count + len(self._entries) - seen

    def update(self, view: PlanView) -> None:
        """Bring the findings up to date with ``view``, judging again only what changed."""
        teams = tuple((team.id, team.name) for team in view.teams)
        owned = {o.id: o for o in view.objectives if o.team_ids}
        if teams != self._teams:
            self._rebuild(teams, owned)
            return
        changed: list[ObjectiveView] = []
        for objective_id, objective in owned.items():
            entry = self._entries.get(objective_id)
            if entry is None or (
                entry.objective is not objective and entry.signature != _signature(objective)
            ):
                changed.append(objective)
            elif entry.objective is not objective:
                entry.objective = objective
        removed = [i for i in self._entries if i not in owned]
        if not changed and not removed:
            self.reindexed = 0
            return
        if 4 * (len(changed) + len(removed)) > len(owned):  # much changed: indexing all is quicker
            self._rebuild(teams, owned)
            return
        # The values the edit touches, old and new: when one crosses TOO_COMMON, everyone holding it
        # is judged again.
        touched = [*removed, *(o.id for o in changed)]
        values = self._values_of(touched)
        for objective in changed:
            fresh = self._entry(objective)
            values["name"] |= set(fresh.names)
            values["source"] |= set(fresh.sources)
            values["word"] |= fresh.words
        before = {
            (kind, value): len(self._posting(kind, value)) for kind, held in values.items() for value in held
        }
        for objective_id in touched:
            if objective_id in self._entries:
                self._forget(objective_id)
        for objective in changed:
            self._add(objective)
        dirty = {o.id for o in changed}
        for (kind, value), count in before.items():
            now = self._posting(kind, value)
            if (count > TOO_COMMON) != (len(now) > TOO_COMMON):
                dirty |= now
        for objective_id in {*removed, *dirty}:
            for partner in self._partners.pop(objective_id, set()):
                self._found.pop((min(objective_id, partner), max(objective_id, partner)), None)
                self._partners.get(partner, set()).discard(objective_id)
        for objective_id in removed:
            self._effective.pop(objective_id, None)
        for objective_id in dirty:
            self._effective[objective_id] = self._words(objective_id)
        pairs: set[tuple[int, int]] = set()
        for objective_id in dirty:
            pairs |= self._candidates_of(objective_id)
        for first, second in sorted(pairs):
            self._judge(first, second)
        self._sorted = None
        self.reindexed = len(changed)

    def _rebuild(self, teams: tuple[tuple[int, str], ...], owned: dict[int, ObjectiveView]) -> None:
        self._teams = teams
        self._names = dict(teams)
        self._marketing = {tid for tid, name in teams if "market" in name.casefold()}
        self._sales = {tid for tid, name in teams if "sales" in name.casefold()}
        self._entries, self._found, self._partners, self._sorted = {}, {}, {}, None
        self._effective = {}
        self._by_name, self._by_source, self._by_word = {}, {}, {}
        self._leads, self._ideal = set(), set()
        for objective in owned.values():
            self._add(objective)
        work = self.comparisons
        pairs: set[tuple[int, int]] = set()
        for index in (self._by_name, self._by_source):
            for ids in index.values():
                if len(ids) <= TOO_COMMON:
                    work.count += len(ids) * (len(ids) - 1) // 2
                    pairs.update(combinations(sorted(ids), 2))
        order = sorted(self._entries)
        self._effective = {objective_id: self._words(objective_id) for objective_id in order}
        words = [self._effective[objective_id] for objective_id in order]
        for i, j, _shared in similar_pairs(
            words, threshold=MIN_WORD_SHARE, min_shared=MIN_SHARED_WORDS, comparisons=work
        ):
            pairs.add((order[i], order[j]))
        work.count += len(self._leads) * len(self._ideal)
        pairs.update((min(a, b), max(a, b)) for a in self._leads for b in self._ideal if a != b)
        for first, second in sorted(pairs):
            self._judge(first, second)
        self.reindexed = len(owned)

    def _index(self, index_id: str) -> dict[str, set[int]]:
        return {"name": self._by_name, "source": self._by_source, "word": self._by_word}[index_id]

    def _posting(self, index_id: str, value: str) -> set[int]:
        return self._index(index_id).get(value, set())

    def _values_of(self, ids: Iterable[int]) -> dict[str, set[str]]:
        values: dict[str, set[str]] = {"name": set(), "source": set(), "word": set()}
        for objective_id in ids:
            entry = self._entries.get(objective_id)
            if entry is not None:
                values["name"] |= set(entry.names)
                values["source"] |= set(entry.sources)
                values["word"] |= entry.words
        return values

    def _entry(self, objective: ObjectiveView) -> _Indexed:
        teams = frozenset(objective.team_ids)
        return _Indexed(
            objective,
            _signature(objective),
            teams,
            spellings(objective, "name"),
            spellings(objective, "data_source"),
            significant_words(f"{objective.statement}\n{objective.method}"),
            bool(self._marketing & teams) and any(is_lead_volume(m) for m in objective.metrics),
            bool(self._sales & teams) and targets_ideal_customer(objective),
        )

    def _add(self, objective: ObjectiveView) -> None:
        self._entries[objective.id] = entry = self._entry(objective)
        for index, values in (
            (self._by_name, entry.names),
            (self._by_source, entry.sources),
            (self._by_word, entry.words),
        ):
            for value in values:
                index.setdefault(value, set()).add(objective.id)
        if entry.lead:
            self._leads.add(objective.id)
        if entry.ideal:
            self._ideal.add(objective.id)

    def _forget(self, objective_id: int) -> None:
        entry = self._entries.pop(objective_id)
        for index, values in (
            (self._by_name, entry.names),
            (self._by_source, entry.sources),
            (self._by_word, entry.words),
        ):
            for value in values:
                ids = index[value]
                ids.discard(objective_id)
                if not ids:
                    del index[value]
        self._leads.discard(objective_id)
        self._ideal.discard(objective_id)

    def _words(self, objective_id: int) -> frozenset[str]:
        """The objective's significant words less those too common to count."""
        words = self._entries[objective_id].words
        return frozenset(w for w in words if len(self._by_word[w]) <= TOO_COMMON)

    def _candidates_of(self, objective_id: int) -> set[tuple[int, int]]:
        """Every pair with ``objective_id`` that some rule could find: from its postings, counted."""
        entry, work = self._entries[objective_id], self.comparisons
        others: set[int] = set()
        for index, values in ((self._by_name, entry.names), (self._by_source, entry.sources)):
            for value in values:
                ids = index[value]
                if len(ids) <= TOO_COMMON:
                    work.count += len(ids)
                    others |= ids
        mine = self._effective[objective_id]
        shared: Counter[int] = Counter()
        for word in mine:
            ids = self._by_word[word]
            work.count += len(ids)
            shared.update(ids)
        for other, count in shared.items():
            theirs = self._effective[other]
            if count >= shared_needed(min(len(mine), len(theirs)), MIN_WORD_SHARE, MIN_SHARED_WORDS):
                others.add(other)
        if entry.lead:
            work.count += len(self._ideal)
            others |= self._ideal
        if entry.ideal:
            work.count += len(self._leads)
            others |= self._leads
        others.discard(objective_id)
        return {(min(objective_id, o), max(objective_id, o)) for o in others}

    def _judge(self, first_id: int, second_id: int) -> None:
        """Run every rule on one pair (``first_id`` < ``second_id``) and keep what they find."""
        self.comparisons.count += 1
        one, two = self._entries[first_id], self._entries[second_id]
        if one.teams == two.teams:
            return
        first, second = one.objective, two.objective
        # Each rule only where it can fire (a shared name or source, a lead beside an ICP): this runs
        # once per finding, so a large plan's thousands of findings pay for nothing else.
        found: list[Overlap] = []
        names = [n for n in one.names if n in two.names] if one.names and two.names else ()
        if names:
            index = self._by_name
            names = sorted(n for n in names if len(index[n]) <= TOO_COMMON)
            if names:
                found.append(_metric_name_found(first, second, [one.names[n] for n in names]))
        sources = [n for n in one.sources if n in two.sources] if one.sources and two.sources else ()
        if sources:
            index = self._by_source
            sources = sorted(n for n in sources if len(index[n]) <= TOO_COMMON)
            if sources:
                found.append(_data_source_found(first, second, [one.sources[n] for n in sources]))
        found.extend(_wording(first, second, self._effective[first_id], self._effective[second_id]))
        if (one.lead and two.ideal) or (two.lead and one.ideal):
            found.extend(_conflict(first, second, self._marketing, self._sales, self._names))
        if found:
            self._found[(first_id, second_id)] = tuple(found)
            self._partners.setdefault(first_id, set()).add(second_id)
            self._partners.setdefault(second_id, set()).add(first_id)


@dataclass(frozen=True, slots=True)
class GoalGroup:
    """Objectives of different teams that serve one company goal: the design, shown once, never settled.

    ``objective_ids`` are every objective owned by a team and linked to the goal, in id order.
    """

    goal_id: int
    statement: str
    objective_ids: tuple[int, ...]


def goal_groups(view: PlanView) -> list[GoalGroup]:
    """One group per company goal that objectives of at least two different sets of teams serve,
    in the order of the plan's goals.

    The same pairs that would have been "same company goal" findings make a group, so an objective
    without a team, or goals served by one team's objectives only, make none.
    """
    serving: dict[int, list[ObjectiveView]] = {}
    for objective in sorted(view.objectives, key=lambda o: o.id):
        if objective.team_ids:
            for goal_id in dict.fromkeys(objective.goal_ids):
                serving.setdefault(goal_id, []).append(objective)
    groups: list[GoalGroup] = []
    for goal in view.goals:
        members = serving.get(goal.id, [])
        if len({frozenset(o.team_ids) for o in members}) >= 2:
            groups.append(GoalGroup(goal.id, goal.statement, tuple(o.id for o in members)))
    return groups


# --- The rules, each for one pair (first.id < second.id) ------------------------------------------

_SPACE = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """``text`` as the name rules compare it: NFKC, case-folded, runs of spacing made one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _finding(rule: OverlapRule, first: ObjectiveView, second: ObjectiveView, detail: str) -> Overlap:
    # first.id < second.id: the key without sorting them again (``finding_key``).
    return Overlap(rule, first.id, second.id, detail, f"{rule.value}:{first.id}:{second.id}")


def spellings(objective: ObjectiveView, field: str) -> dict[str, str]:
    """Each value of ``field`` of the objective's metrics, normalised (``normalise_name``), with its
    first spelling (in metric id order, trimmed); empty values left out."""
    found: dict[str, str] = {}
    for metric in sorted(objective.metrics, key=lambda m: m.id):
        value: str = getattr(metric, field)
        normal = normalise_name(value)
        if normal and normal not in found:
            found[normal] = value.strip()
    return found


def _shared(
    mine: dict[str, str], theirs: Collection[str], left_out: Collection[str]
) -> list[tuple[str, str]]:
    """(first objective's spelling, normalised) for each value both have, but those ``left_out``."""
    return sorted(
        (
            (spelling, normal)
            for normal, spelling in mine.items()
            if normal in theirs and normal not in left_out
        ),
        key=lambda p: p[1],
    )


def _shared_by_metric(
    first: ObjectiveView, second: ObjectiveView, field: str, left_out: Collection[str]
) -> list[tuple[str, str]]:
    """(first objective's spelling, normalised) for each value of ``field`` both objectives' metrics
    have, but those in ``left_out`` (too common to count)."""
    return _shared(spellings(first, field), spellings(second, field), left_out)


def _quoted(texts: Iterable[str]) -> str:
    items = [translate("OverlapRules", "“{text}”").format(text=text) for text in texts]
    if len(items) == 1:
        return items[0]
    if not items:
        return ""
    return translate("OverlapRules", "{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _metric_name(first: ObjectiveView, second: ObjectiveView, left_out: Collection[str]) -> Iterator[Overlap]:
    shared = _shared_by_metric(first, second, "name", left_out)
    if shared:
        yield _metric_name_found(first, second, [spelling for spelling, _ in shared])


def _metric_name_found(first: ObjectiveView, second: ObjectiveView, shared: list[str]) -> Overlap:
    """The finding for the metric names ``shared`` (the first's spellings, in normalised order)."""
    detail = plural(
        len(shared),
        translate("OverlapRules", "Both measure a metric named {names}."),
        translate("OverlapRules", "Both measure metrics named {names}."),
    ).format(names=_quoted(shared))
    return _finding(OverlapRule.SHARED_METRIC_NAME, first, second, detail)


def _data_source(first: ObjectiveView, second: ObjectiveView, left_out: Collection[str]) -> Iterator[Overlap]:
    shared = _shared_by_metric(first, second, "data_source", left_out)
    if shared:
        yield _data_source_found(first, second, [spelling for spelling, _ in shared])


def _data_source_found(first: ObjectiveView, second: ObjectiveView, shared: list[str]) -> Overlap:
    """The finding for the data sources ``shared`` (the first's spellings, in normalised order)."""
    detail = plural(
        len(shared),
        translate("OverlapRules", "Both read metrics from the same data source: {names}."),
        translate("OverlapRules", "Both read metrics from the same data sources: {names}."),
    ).format(names=_quoted(shared))
    return _finding(OverlapRule.SHARED_DATA_SOURCE, first, second, detail)


def _wording(
    first: ObjectiveView, second: ObjectiveView, mine: frozenset[str], theirs: frozenset[str]
) -> Iterator[Overlap]:
    shared = sorted(mine & theirs)
    if len(shared) < MIN_SHARED_WORDS or similarity(mine, theirs) < MIN_WORD_SHARE:
        return
    named = ", ".join(shared[:_DETAIL_WORDS])
    more = len(shared) - _DETAIL_WORDS
    if more > 0:
        named = translate("OverlapRules", "{words} and {more} more").format(words=named, more=more)
    fewer = min(len(mine), len(theirs))
    detail = translate(
        "OverlapRules", "They share {count} of the {fewer} significant words of the shorter one: {words}."
    ).format(count=len(shared), fewer=fewer, words=named)
    yield _finding(OverlapRule.SIMILAR_WORDING, first, second, detail)


# Lead volume: a metric that counts leads or MQLs, not a rate and not a qualified subset of them.
_LEADS = re.compile(r"\b(?:leads?|mqls?)\b")
# "Marketing qualified leads" are MQLs: volume, not the qualification sales asks for.
_MARKETING_QUALIFIED = re.compile(r"\bmarketing[\s-]+qualified\b")
_QUALIFIED = re.compile(
    r"\b(?:qualified|sqls?|sals?|accepted|icp|ideal[\s-]+customers?|target[\s-]+accounts?|in[\s-]+profile)\b"
)
_RATE = re.compile(r"%|\b(?:rate|ratio|conversion|percent|percentage|share|time|speed|within)\b")
# A narrower ideal customer: what a sales objective says when it targets one.
_IDEAL_CUSTOMER = re.compile(r"\b(?:ideal[\s-]+customers?|icp|target[\s-]+accounts?)\b")


def is_lead_volume(metric: MetricView) -> bool:
    """True when ``metric`` counts leads or MQLs without a qualification and is not a rate.

    Its name or unit speaks of "lead(s)" or "MQL(s)" ("marketing qualified leads" counts as MQLs);
    neither says "qualified", "SQL", "SAL", "accepted", "ICP", "ideal customer", "target account(s)"
    or "in profile"; and neither is a rate ("%", "rate", "ratio", "conversion", "share", "time"...).
    """
    text = normalise_name(f"{metric.name} | {metric.unit}")
    text = _MARKETING_QUALIFIED.sub("mql", text)
    return bool(_LEADS.search(text)) and not _QUALIFIED.search(text) and not _RATE.search(text)


def targets_ideal_customer(objective: ObjectiveView) -> bool:
    """True when the objective's statement, method or a metric name speaks of an "ideal customer",
    the "ICP" or "target accounts"."""
    texts = [objective.statement, objective.method, *(m.name for m in objective.metrics)]
    return any(_IDEAL_CUSTOMER.search(normalise_name(text)) for text in texts)


def _teams_named(objective: ObjectiveView, role: set[int], names: dict[int, str]) -> str:
    return ", ".join(names[tid] for tid in sorted(role & set(objective.team_ids)))


def _conflict(
    first: ObjectiveView,
    second: ObjectiveView,
    marketing: set[int],
    sales: set[int],
    names: dict[int, str],
) -> Iterator[Overlap]:
    # Either objective may be the marketing one; one finding per pair even when both ways fire.
    for lead_side, icp_side in ((first, second), (second, first)):
        if not marketing & set(lead_side.team_ids) or not sales & set(icp_side.team_ids):
            continue
        volume = [m for m in sorted(lead_side.metrics, key=lambda m: m.id) if is_lead_volume(m)]
        if not volume or not targets_ideal_customer(icp_side):
            continue
        detail = translate(
            "OverlapRules",
            "“{lead_objective}” ({marketing}) is measured on lead volume ({metrics}), "
            "while “{icp_objective}” ({sales}) targets the ideal customer.",
        ).format(
            lead_objective=lead_side.statement,
            marketing=_teams_named(lead_side, marketing, names),
            metrics=_quoted(m.name for m in volume),
            icp_objective=icp_side.statement,
            sales=_teams_named(icp_side, sales, names),
        )
        yield _finding(OverlapRule.KNOWN_CONFLICT, first, second, detail)
        return

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

Team roles, for the known conflict only, come from team names: a team whose name contains "market"
is a marketing team, one whose name contains "sales" is a sales team (both case-insensitive; "Sales &
Marketing" is both). It is a heuristic: a team called "Demand Generation" is not seen as marketing.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from offsite.domain.themes import significant_words, similarity
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
        return _RULE_TEXTS[self]

    @property
    def label(self) -> str:
        """A short name for a column or a heading: "Shared metric name"."""
        return _RULE_LABELS[self]


_RULE_TEXTS = {
    OverlapRule.SHARED_METRIC_NAME: (
        "Objectives of different teams that track a metric of the same name (ignoring case and spacing)."
    ),
    OverlapRule.SHARED_DATA_SOURCE: (
        "Objectives of different teams that read a metric from the same data source "
        "(ignoring case and spacing; a metric without a data source never matches)."
    ),
    OverlapRule.SAME_COMPANY_GOAL: (
        "Objectives of different teams that are linked to the same company goal: the plan working as "
        "designed, listed for information and never a finding to settle."
    ),
    OverlapRule.SIMILAR_WORDING: (
        "Objectives of different teams whose statement and method, taken together, share at least two "
        "significant words and at least half the significant words of the one with fewer."
    ),
    OverlapRule.KNOWN_CONFLICT: (
        "A marketing objective measured on lead volume while a sales objective targets a narrower "
        "ideal customer: the two teams are rewarded for different leads."
    ),
}
_RULE_LABELS = {
    OverlapRule.SHARED_METRIC_NAME: "Shared metric name",
    OverlapRule.SHARED_DATA_SOURCE: "Shared data source",
    OverlapRule.SAME_COMPANY_GOAL: "Same company goal",
    OverlapRule.SIMILAR_WORDING: "Similar wording",
    OverlapRule.KNOWN_CONFLICT: "Known conflict",
}
_RULE_ORDER = {rule: index for index, rule in enumerate(OverlapRule)}

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


def find_overlaps(view: PlanView) -> list[Overlap]:
    """Every finding of every rule of ``FINDING_RULES`` in ``view``, sorted by the pair (first id, then
    second id), then by rule in the order ``OverlapRule`` declares them.

    A pair appears at most once per rule and may appear under several rules. The order depends only
    on the view's content, never on the order of its tuples. Serving the same company goal is never
    a finding (see ``goal_groups``).
    """
    objectives = sorted((o for o in view.objectives if o.team_ids), key=lambda o: o.id)
    team_names = {team.id: team.name for team in view.teams}
    words = {o.id: significant_words(f"{o.statement}\n{o.method}") for o in objectives}
    marketing = {tid for tid, name in team_names.items() if "market" in name.casefold()}
    sales = {tid for tid, name in team_names.items() if "sales" in name.casefold()}

    found: list[Overlap] = []
    for first, second in _pairs_to_compare(objectives, words, marketing, sales):
        if set(first.team_ids) == set(second.team_ids):
            continue
        found.extend(_metric_name(first, second))
        found.extend(_data_source(first, second))
        found.extend(_wording(first, second, words[first.id], words[second.id]))
        found.extend(_conflict(first, second, marketing, sales, team_names))
    found.sort(key=lambda f: (f.first_id, f.second_id, _RULE_ORDER[f.rule]))
    return found


def _pairs_to_compare(
    objectives: list[ObjectiveView],
    words: dict[int, frozenset[str]],
    marketing: set[int],
    sales: set[int],
) -> list[tuple[ObjectiveView, ObjectiveView]]:
    """The pairs (in id order) that some rule could find, from indexes instead of every pair of the plan.

    A rule can only fire on two objectives that share a metric name, a data source or enough
    significant words (``MIN_SHARED_WORDS``, ``MIN_WORD_SHARE``), or on a marketing objective with a lead-volume metric
    beside a sales objective that targets the ideal customer; every other pair is passed over. The
    rules still judge each pair they are given, so the findings are exactly those of comparing all.
    """
    pairs: set[tuple[int, int]] = set()

    def add_groups(groups: Iterable[list[int]]) -> None:
        for group in groups:
            pairs.update(combinations(sorted(set(group)), 2))

    by_name: dict[str, list[int]] = {}
    by_source: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for n, objective in enumerate(objectives):
        for metric in objective.metrics:
            for index, value in ((by_name, metric.name), (by_source, metric.data_source)):
                normal = normalise_name(value)
                if normal:
                    index.setdefault(normal, []).append(n)
        for word in words[objective.id]:
            by_word.setdefault(word, []).append(n)
    add_groups(by_name.values())
    add_groups(by_source.values())
    shared_words: dict[tuple[int, int], int] = {}
    for group in by_word.values():
        for pair in combinations(group, 2):
            shared_words[pair] = shared_words.get(pair, 0) + 1
    sizes = [len(words[o.id]) for o in objectives]
    pairs.update(
        (a, b)
        for (a, b), count in shared_words.items()
        if count >= MIN_SHARED_WORDS and count >= MIN_WORD_SHARE * min(sizes[a], sizes[b])
    )
    leads = [
        n
        for n, o in enumerate(objectives)
        if marketing & set(o.team_ids) and any(is_lead_volume(m) for m in o.metrics)
    ]
    ideal = [n for n, o in enumerate(objectives) if sales & set(o.team_ids) and targets_ideal_customer(o)]
    pairs.update((min(a, b), max(a, b)) for a in leads for b in ideal if a != b)
    return [(objectives[a], objectives[b]) for a, b in sorted(pairs)]


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
    groups: list[GoalGroup] = []
    for goal in view.goals:
        serving = sorted(
            (o for o in view.objectives if o.team_ids and goal.id in o.goal_ids), key=lambda o: o.id
        )
        if len({frozenset(o.team_ids) for o in serving}) >= 2:
            groups.append(GoalGroup(goal.id, goal.statement, tuple(o.id for o in serving)))
    return groups


# --- The rules, each for one pair (first.id < second.id) ------------------------------------------

_SPACE = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """``text`` as the name rules compare it: NFKC, case-folded, runs of spacing made one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _finding(rule: OverlapRule, first: ObjectiveView, second: ObjectiveView, detail: str) -> Overlap:
    return Overlap(rule, first.id, second.id, detail, finding_key(rule, first.id, second.id))


def _shared_by_metric(first: ObjectiveView, second: ObjectiveView, field: str) -> list[tuple[str, str]]:
    """(first objective's spelling, normalised) for each value of ``field`` both objectives' metrics have."""
    theirs = {normalise_name(getattr(m, field)) for m in second.metrics}
    shared: dict[str, str] = {}
    for metric in sorted(first.metrics, key=lambda m: m.id):
        value: str = getattr(metric, field)
        normal = normalise_name(value)
        if normal and normal in theirs and normal not in shared:
            shared[normal] = value.strip()
    return sorted(((spelling, normal) for normal, spelling in shared.items()), key=lambda p: p[1])


def _quoted(texts: Iterable[str]) -> str:
    items = [f"“{text}”" for text in texts]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _metric_name(first: ObjectiveView, second: ObjectiveView) -> Iterator[Overlap]:
    shared = _shared_by_metric(first, second, "name")
    if shared:
        noun = "a metric named" if len(shared) == 1 else "metrics named"
        detail = f"Both measure {noun} {_quoted(spelling for spelling, _ in shared)}."
        yield _finding(OverlapRule.SHARED_METRIC_NAME, first, second, detail)


def _data_source(first: ObjectiveView, second: ObjectiveView) -> Iterator[Overlap]:
    shared = _shared_by_metric(first, second, "data_source")
    if shared:
        noun = "the same data source" if len(shared) == 1 else "the same data sources"
        detail = f"Both read metrics from {noun}: {_quoted(spelling for spelling, _ in shared)}."
        yield _finding(OverlapRule.SHARED_DATA_SOURCE, first, second, detail)


def _wording(
    first: ObjectiveView, second: ObjectiveView, mine: frozenset[str], theirs: frozenset[str]
) -> Iterator[Overlap]:
    shared = sorted(mine & theirs)
    if len(shared) < MIN_SHARED_WORDS or similarity(mine, theirs) < MIN_WORD_SHARE:
        return
    named = ", ".join(shared[:_DETAIL_WORDS])
    more = len(shared) - _DETAIL_WORDS
    if more > 0:
        named += f" and {more} more"
    fewer = min(len(mine), len(theirs))
    detail = f"They share {len(shared)} of the {fewer} significant words of the shorter one: {named}."
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
        detail = (
            f"“{lead_side.statement}” ({_teams_named(lead_side, marketing, names)}) is measured on lead "
            f"volume ({_quoted(m.name for m in volume)}), while “{icp_side.statement}” "
            f"({_teams_named(icp_side, sales, names)}) targets the ideal customer."
        )
        yield _finding(OverlapRule.KNOWN_CONFLICT, first, second, detail)
        return

"""Overlap and theme detection from indexes: exactly what comparing every pair finds, edit by edit,
with work that grows with the plan and not with its square.

The brute-force references below compare every pair with the same rules; they are the meaning of
the rules, the indexes only a quicker way to the same list.
"""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest

from offsite.domain.overlap import (
    Overlap,
    OverlapIndex,
    OverlapRule,
    _conflict,
    _data_source,
    _metric_name,
    _wording,
    find_overlaps,
    normalise_name,
    too_common_sentence,
)
from offsite.domain.themes import (
    TOO_COMMON,
    Comparisons,
    ThemeNode,
    ThemeSuggestion,
    match_items,
    pair_key,
    significant_words,
    similarity,
    suggest_theme_pairs,
)
from offsite.domain.values import Direction, MetricView, ObjectiveView, PlanDetails, PlanView, TeamView
from offsite.services.brainstorm import read_brainstorm
from offsite.services.generated import make_plan
from offsite.services.plans import PlanFile, read_plan

RULE_ORDER = list(OverlapRule)


# --- The references: every pair, one by one ----------------------------------------------------


def too_common(values_per_objective: list[set[str]]) -> set[str]:
    counts: dict[str, int] = {}
    for values in values_per_objective:
        for value in values:
            counts[value] = counts.get(value, 0) + 1
    return {value for value, count in counts.items() if count > TOO_COMMON}


def every_pair(view: PlanView) -> list[Overlap]:
    """The findings of ``view`` from comparing every pair of objectives of different teams."""
    owned = sorted((o for o in view.objectives if o.team_ids), key=lambda o: o.id)
    names = {t.id: t.name for t in view.teams}
    marketing = {t for t, name in names.items() if "market" in name.casefold()}
    sales = {t for t, name in names.items() if "sales" in name.casefold()}
    words = {o.id: significant_words(f"{o.statement}\n{o.method}") for o in owned}
    common_words = too_common([set(w) for w in words.values()])
    common_names = too_common([{normalise_name(m.name) for m in o.metrics} - {""} for o in owned])
    common_sources = too_common([{normalise_name(m.data_source) for m in o.metrics} - {""} for o in owned])
    found: list[Overlap] = []
    for first, second in combinations(owned, 2):
        if set(first.team_ids) == set(second.team_ids):
            continue
        found += _metric_name(first, second, common_names)
        found += _data_source(first, second, common_sources)
        found += _wording(first, second, words[first.id] - common_words, words[second.id] - common_words)
        found += _conflict(first, second, marketing, sales, names)
    found.sort(key=lambda f: (f.first_id, f.second_id, RULE_ORDER.index(f.rule)))
    return found


def every_answer_pair(
    nodes: list[ThemeNode], threshold: float = 0.5, min_shared: int = 2
) -> list[ThemeSuggestion]:
    """The theme suggestions from comparing every pair of answers of different teams."""
    answers = sorted((n for n in nodes if n.depth >= 1), key=lambda n: n.uid)
    words = {n.uid: significant_words(n.text) for n in answers}
    common = too_common([set(w) for w in words.values()])
    found = []
    for one, other in combinations(answers, 2):
        mine, theirs = words[one.uid] - common, words[other.uid] - common
        shared = mine & theirs
        if one.team_uid == other.team_uid or len(shared) < min_shared:
            continue
        score = similarity(mine, theirs)
        if score >= threshold:
            first, second = sorted((one, other), key=lambda n: n.uid)
            key = (-score, -(first.depth + second.depth), first.text, second.text, first.uid, second.uid)
            found.append((key, ThemeSuggestion(first.uid, second.uid, tuple(sorted(shared)), score)))
    return [s for _key, s in sorted(found, key=lambda item: item[0])]


# --- Plans ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, PlanView]:
    views = {}
    for objectives in (50, 200, 2000):
        path = tmp_path_factory.mktemp("generated") / f"plan-{objectives}.offsite"
        plan = make_plan(path, objectives=objectives)
        views[objectives] = read_plan(plan)
        plan.close()
    return views


def word(n: int) -> str:
    """A made-up word of letters only, different for every ``n`` below 4,096 ("bakalo")."""
    syllables = (
        "ba",
        "ke",
        "li",
        "mo",
        "nu",
        "pa",
        "re",
        "si",
        "to",
        "vu",
        "wa",
        "ze",
        "da",
        "fo",
        "gi",
        "ju",
    )
    letters = ""
    for _ in range(3):
        n, digit = divmod(n, len(syllables))
        letters += syllables[digit]
    return letters


SALES, MARKETING, SUCCESS = 1, 2, 3
TEAMS = (TeamView(SALES, "Sales"), TeamView(MARKETING, "Marketing"), TeamView(SUCCESS, "Customer Success"))
_metric_ids = iter(range(1, 10**6))


def metric(name: str, source: str = "") -> MetricView:
    return MetricView(next(_metric_ids), 0, name, "", None, None, Direction.UP, None, source, False, False)


def objective(objective_id: int, statement: str, team: int, *metrics: MetricView) -> ObjectiveView:
    return ObjectiveView(objective_id, statement, "", "", (team,), (), metrics, uid=f"o{objective_id}")


def plan_of(*objectives: ObjectiveView) -> PlanView:
    return PlanView(PlanDetails("Offsite", None, None, "", "", ""), TEAMS, (), (), tuple(objectives))


def crowded_plan() -> PlanView:
    """Objectives of three teams written from a small vocabulary, so that many pairs overlap; one
    word ("pipeline"), one metric name and one data source are in more than TOO_COMMON of them."""
    rng = random.Random(15)
    vocabulary = [word(n) for n in range(60)]
    objectives = []
    for n in range(1, 241):
        words = rng.sample(vocabulary, 3) + (["pipeline"] if n % 2 else [])
        if n % 50 == 0:
            words.append("for the ideal customer")
        metrics = [metric("Win rate" if n % 2 else f"Metric {n}", "CRM" if n % 3 else f"Sheet {n % 5}")]
        if n % 40 == 0:
            metrics.append(metric("Inbound leads"))
        objectives.append(objective(n, " ".join(words), (SALES, MARKETING, SUCCESS)[(n // 2) % 3], *metrics))
    return plan_of(*objectives)


# --- Overlaps ------------------------------------------------------------------------------------


def test_the_demo_plan_has_the_findings_of_comparing_every_pair(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    found = find_overlaps(view)
    assert found == every_pair(view)
    assert [f.rule for f in found] == [OverlapRule.SHARED_DATA_SOURCE, OverlapRule.KNOWN_CONFLICT]


def test_generated_plans_have_the_findings_of_comparing_every_pair(generated: dict[int, PlanView]) -> None:
    for objectives in (50, 200):
        view = generated[objectives]
        assert find_overlaps(view) == every_pair(view)
        assert find_overlaps(view)


def test_values_shared_by_more_than_a_hundred_objectives_are_left_out_and_listed() -> None:
    view = crowded_plan()
    found = find_overlaps(view)
    assert found == every_pair(view)
    # Nothing found through what more than a hundred objectives share, and the screen can say what.
    assert not any("pipeline" in f.detail or "Win rate" in f.detail or "CRM" in f.detail for f in found)
    assert {OverlapRule.SHARED_DATA_SOURCE, OverlapRule.SIMILAR_WORDING, OverlapRule.KNOWN_CONFLICT} <= {
        f.rule for f in found
    }
    index = OverlapIndex()
    index.update(view)
    common = index.too_common()
    assert [value for value, _count in common.words] == ["pipeline"]
    assert common.metric_names == (("win rate", 120),)
    assert common.data_sources == (("crm", 160),)
    assert str(TOO_COMMON) in too_common_sentence()


def test_an_edit_judges_again_only_the_pairs_of_the_objective_edited() -> None:
    view = crowded_plan()
    index = OverlapIndex()
    index.update(view)
    objectives = list(view.objectives)

    def edit(n: int, changed: ObjectiveView) -> PlanView:
        objectives[n] = changed
        return replace(view, objectives=tuple(objectives))

    # A new wording for one objective: one objective indexed again, the findings of a fresh look.
    view = edit(4, replace(objectives[4], statement=objectives[7].statement + " theme1 theme2"))
    assert index.pending(view) == 1
    before = index.comparisons.count
    index.update(view)
    assert index.reindexed == 1
    assert index.findings() == every_pair(view)
    assert index.comparisons.count - before < 1000  # its own pairs, not the plan's 28,680
    # An edit elsewhere in the plan (a goal, a stance) changes no objective: nothing is judged.
    before = index.comparisons.count
    index.update(replace(view, stances=()))
    assert (index.reindexed, index.comparisons.count) == (0, before)
    # A metric name taken up by one objective more, a removed objective, a team renamed.
    view = edit(9, replace(objectives[9], metrics=(*objectives[9].metrics, metric("Metric 12"))))
    index.update(view)
    assert index.findings() == every_pair(view)
    del objectives[11]
    view = replace(view, objectives=tuple(objectives))
    index.update(view)
    assert index.findings() == every_pair(view)
    view = replace(view, teams=(TeamView(SALES, "Field"), *TEAMS[1:]))
    index.update(view)
    assert index.findings() == every_pair(view)


def test_an_edit_that_makes_a_word_too_common_judges_again_everyone_who_uses_it() -> None:
    # "onboarding" in exactly a hundred objectives counts; in a hundred and one it no longer does.
    objectives = [
        objective(n, f"onboarding {word(n // 2)} {word(1000 + n)}", (SALES, MARKETING)[n % 2])
        for n in range(1, 101)
    ]
    objectives.append(objective(101, "something else entirely", SUCCESS))
    view = plan_of(*objectives)
    index = OverlapIndex()
    index.update(view)
    assert index.findings() == every_pair(view)
    assert not index.too_common()
    objectives[-1] = replace(objectives[-1], statement="onboarding gamma delta")
    view = plan_of(*objectives)
    index.update(view)
    assert index.reindexed == 1
    assert index.findings() == every_pair(view)
    assert [w for w, _n in index.too_common().words] == ["onboarding"]
    # And back under the line: it counts again for all of them.
    objectives[-1] = replace(objectives[-1], statement="gamma delta")
    view = plan_of(*objectives)
    index.update(view)
    assert index.findings() == every_pair(view)
    assert not index.too_common()


def test_the_work_grows_with_the_plan_not_with_its_square(generated: dict[int, PlanView]) -> None:
    work = {}
    for objectives in (200, 2000):
        counted = Comparisons()
        find_overlaps(generated[objectives], comparisons=counted)
        work[objectives] = counted.count
    # Ten times the objectives: a hundred times the pairs, but not a hundred times the work.
    assert work[2000] < 15 * work[200]


# --- Themes and the team switch ------------------------------------------------------------------


def answers(count: int, seed: int = 7) -> list[ThemeNode]:
    """``count`` answers of four teams' ask-why chains, from a vocabulary that makes many pairs."""
    rng = random.Random(seed)
    vocabulary = [word(n) for n in range(count // 2)] + ["revenue", "customers", "growth"]
    nodes = []
    for n in range(count):
        words = rng.sample(vocabulary, 4)
        nodes.append(ThemeNode(f"n{n:05}", f"team{n % 4}", "To " + " ".join(words), 1 + n % 3))
    return nodes


def test_theme_suggestions_are_those_of_comparing_every_pair(demo_plan: PlanFile) -> None:
    brainstorm = read_brainstorm(demo_plan)
    demo = [ThemeNode(n.uid, str(n.team_id), n.text, n.depth) for n in brainstorm.nodes]
    assert suggest_theme_pairs(demo) == every_answer_pair(demo)
    assert suggest_theme_pairs(demo)
    many = answers(400)
    found = suggest_theme_pairs(many)
    assert found == every_answer_pair(many)
    assert len(found) > 20
    # Dismissed and linked pairs stay out, in either order.
    first, second = found[0].first_uid, found[0].second_uid
    assert pair_key(first, second) not in {
        (s.first_uid, s.second_uid) for s in suggest_theme_pairs(many, dismissed=[(second, first)])
    }


def test_theme_suggestions_look_at_a_number_of_pairs_that_grows_with_the_brainstorm() -> None:
    work = {}
    for count in (200, 2000):
        counted = Comparisons()
        suggest_theme_pairs(answers(count), comparisons=counted)
        work[count] = counted.count
    assert work[2000] < 15 * work[200]


def test_the_team_switch_matches_what_comparing_every_pair_matches() -> None:
    rng = random.Random(3)
    vocabulary = ["pipeline", "coverage", "renewal", "churn", "pricing", "onboarding", "partners", "leads"]
    for _ in range(30):
        played = [" ".join(rng.sample(vocabulary, rng.randint(1, 4))) for _ in range(rng.randint(0, 8))]
        real = [" ".join(rng.sample(vocabulary, rng.randint(1, 4))) for _ in range(rng.randint(0, 8))]
        expected = []
        taken_played: set[int] = set()
        taken_real: set[int] = set()
        scored = []
        for p, mine in enumerate(map(significant_words, played)):
            for r, theirs in enumerate(map(significant_words, real)):
                shared = mine & theirs
                if len(shared) >= 2 and similarity(mine, theirs) >= 0.5:
                    scored.append(((-similarity(mine, theirs), -len(shared), p, r), shared))
        for (score, _n, p, r), shared in sorted(scored, key=lambda item: item[0]):
            if p not in taken_played and r not in taken_real:
                taken_played.add(p)
                taken_real.add(r)
                expected.append((p, r, tuple(sorted(shared)), -score))
        got = [(m.played, m.real, m.shared_words, m.score) for m in match_items(played, real)]
        assert got == sorted(expected)


def test_generated_plan_findings_are_stable_whatever_the_order_of_objectives(
    generated: dict[int, PlanView], tmp_path: Path
) -> None:
    view = generated[200]
    shuffled = list(view.objectives)
    random.Random(1).shuffle(shuffled)
    assert find_overlaps(replace(view, objectives=tuple(shuffled))) == find_overlaps(view)

"""The rules of drafting and merging, as plain data: items, three-way classification, matching, words."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from offsite.domain.drafting import (
    SECTIONS,
    Base,
    Change,
    Item,
    Proposal,
    classify,
    compare,
    dependants,
    difference,
    items_of,
    label,
    match_references,
    name_key,
    names_of,
    needed,
    quote,
    remap,
    summary,
)
from offsite.store.document.data import DRAFTED

SALES, MARKETING, SUCCESS = "t-sales", "t-marketing", "t-success"
REVENUE, RETENTION = "g-revenue", "g-retention"
MAYA = "p-maya"


def _metric(uid: str, name: str, target: float | None, **extra: Any) -> dict[str, Any]:
    return {
        "uid": uid,
        "name": name,
        "unit": "",
        "baseline": None,
        "target": target,
        "direction": "up",
        "due": None,
        "data_source": "",
        "customer_centric": False,
        "shared": False,
        **extra,
    }


def _objective(uid: str, statement: str, teams: list[str], goals: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "uid": uid,
        "statement": statement,
        "period": "Q1 2027",
        "method": "",
        "teams": teams,
        "company_goals": goals,
        "metrics": [],
        "origin_candidate_uid": None,
        "origin_label": "",
        "merged_from": [],
        **extra,
    }


def _document(**sections: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "teams": [
            {"uid": SALES, "name": "Sales"},
            {"uid": MARKETING, "name": "Marketing"},
            {"uid": SUCCESS, "name": "Customer Success"},
        ],
        "leaders": [{"uid": MAYA, "name": "Maya Okafor", "title": "VP of Sales", "team": SALES}],
        "company_goals": [
            {
                "uid": REVENUE,
                "statement": "Grow revenue 50% in 2027",
                "baseline": 20,
                "target": 30,
                "unit": "M USD",
                "due": None,
            },
            {
                "uid": RETENTION,
                "statement": "Net revenue retention above 110%",
                "baseline": 102,
                "target": 110,
                "unit": "%",
                "due": None,
            },
        ],
    }
    base.update(sections)
    return base


def _item(statement: str, teams: list[str] | None = None, goals: list[str] | None = None) -> Item:
    doc = _document(objectives=[_objective("o-1", statement, teams or [SALES], goals or [REVENUE])])
    return items_of(doc)["o-1"]


# --- classify: the three-way truth table ----------------------------------------------------------

A, B, C = _item("Go outbound"), _item("Go outbound fast"), _item("Own mid-market")


@pytest.mark.parametrize(
    ("draft", "plan", "base", "expected"),
    [
        # No common ancestor: new in the draft, made alike on both sides, or made differently.
        (A, None, None, Change.ADD),
        (A, A, None, None),
        (B, A, None, Change.CONFLICT),
        (None, A, None, None),
        # Only the draft changed it since the base: a change the plan takes.
        (B, A, Base(A.fingerprint, A.fingerprint), Change.CHANGE),
        # Only the plan changed it: the draft has nothing new, the plan keeps its own.
        (A, B, Base(A.fingerprint, A.fingerprint), None),
        # Both changed it, differently: a conflict; alike: nothing to do.
        (B, C, Base(A.fingerprint, A.fingerprint), Change.CONFLICT),
        (B, B, Base(A.fingerprint, A.fingerprint), None),
        # The draft removed it: a removal, unless the plan changed it meanwhile (then a conflict).
        (None, A, Base(A.fingerprint, A.fingerprint), Change.REMOVE),
        (None, B, Base(A.fingerprint, A.fingerprint), Change.CONFLICT),
        # Both removed it: nothing left to say.
        (None, None, Base(A.fingerprint, A.fingerprint), None),
        # The plan removed it: the draft left alone says nothing, a draft that changed it conflicts.
        (A, None, Base(A.fingerprint, A.fingerprint), None),
        (B, None, Base(A.fingerprint, A.fingerprint), Change.CONFLICT),
        # The base had it only in the draft (the plan never took it): the draft's new state is offered again.
        (B, None, Base(A.fingerprint, None), Change.ADD),
        # A merge record whose two sides differ (the plan's side was kept): the draft unchanged says nothing.
        (B, A, Base(B.fingerprint, A.fingerprint), None),
    ],
)
def test_classify_truth_table(
    draft: Item | None, plan: Item | None, base: Base | None, expected: Change | None
) -> None:
    assert classify(draft, plan, base) is expected


def test_the_fingerprint_ignores_the_order_of_owning_teams_and_goals_but_not_their_members() -> None:
    one = _item("Shared funnel", [SALES, MARKETING], [REVENUE, RETENTION])
    other = _item("Shared funnel", [MARKETING, SALES], [RETENTION, REVENUE])
    assert one.fingerprint == other.fingerprint
    assert one.fingerprint != _item("Shared funnel", [SALES], [REVENUE, RETENTION]).fingerprint
    assert one.fingerprint != _item("Shared funnel", [SALES, MARKETING], [REVENUE]).fingerprint
    # NFC and NFD spell the same words: the same item.
    nfd = unicodedata.normalize("NFD", "Crème de la crème")
    assert _item(nfd).fingerprint == _item(unicodedata.normalize("NFC", nfd)).fingerprint


def test_items_of_keys_funnels_by_goal_and_votes_by_leader_and_candidate_with_their_needs() -> None:
    doc = _document(
        candidates=[
            {
                "uid": "c-1",
                "team": SALES,
                "text": "Double outbound",
                "exercise": "direct",
                "origin_uid": None,
                "origin_label": "",
                "impact": None,
                "smart": {},
            }
        ],
        votes=[{"leader": MAYA, "candidate": "c-1", "dots": 2}],
        funnels=[{"uid": "f-1", "company_goal": REVENUE, "quarters": ["Q1"], "weights": None}],
        why_chains=[
            {"uid": "w-1", "team": SALES, "parent": None, "text": "Meetings"},
            {"uid": "w-2", "team": SALES, "parent": "w-1", "text": "Pipeline"},
        ],
    )
    items = items_of(doc, DRAFTED)
    assert items[f"vote:{MAYA}:c-1"].requires == (MAYA, "c-1")
    assert items[f"funnel:{REVENUE}"].uid == "f-1"
    assert items["w-2"].requires == (SALES, "w-1")
    assert items["w-1"].requires == (SALES,)
    assert items[MAYA].requires == (SALES,)
    # Merge order: what is needed comes first.
    order = [s.name for s in SECTIONS]
    sections = [i.section for i in items.values()]
    assert sections == sorted(sections, key=order.index)


# --- Matching a draft's teams, leaders and goals to the plan's ------------------------------------


def test_match_references_by_identity_first_then_by_name_ignoring_case_spacing_and_normal_form() -> None:
    plan = _document()
    draft = {
        "teams": [
            {"uid": SALES, "name": "Sales (renamed in the draft)"},  # same identity: kept, whatever the name
            {"uid": "d-mkt", "name": "  MARKETING "},
            {"uid": "d-cs", "name": unicodedata.normalize("NFD", "customer   success")},
            {"uid": "d-new", "name": "Partnerships"},
        ],
        "leaders": [{"uid": "d-maya", "name": "maya  okafor", "title": "", "team": "d-sales"}],
        "company_goals": [
            {"uid": "d-goal", "statement": "grow revenue 50% IN 2027"},
            {"uid": "d-other", "statement": "Grow revenue 60% in 2027"},
        ],
    }
    assert match_references(draft, plan) == {
        "d-mkt": MARKETING,
        "d-cs": SUCCESS,
        "d-maya": MAYA,
        "d-goal": REVENUE,
    }


def test_match_references_accented_names_match_whether_composed_or_not() -> None:
    plan = _document(leaders=[{"uid": "p-tomas", "name": "Tomás Herrera", "title": "", "team": SALES}])
    draft = {"leaders": [{"uid": "d-tomas", "name": unicodedata.normalize("NFD", "tomás herrera")}]}
    assert match_references(draft, plan) == {"d-tomas": "p-tomas"}
    assert name_key("  Tomás\tHERRERA ") == name_key(unicodedata.normalize("NFD", "tomás herrera"))


def test_a_plan_team_is_matched_once_even_when_two_draft_teams_share_its_name() -> None:
    draft = {"teams": [{"uid": "d-1", "name": "sales"}, {"uid": "d-2", "name": "SALES"}]}
    assert match_references(draft, _document()) == {"d-1": SALES}
    # One with the plan's own identity takes it; the other, named alike, is not matched on top of it.
    draft = {"teams": [{"uid": "d-1", "name": "Sales"}, {"uid": SALES, "name": "Sales"}]}
    assert match_references(draft, _document()) == {}


def test_remap_replaces_identities_at_any_depth_and_leaves_the_rest() -> None:
    value = {
        "teams": [SALES, "d-mkt"],
        "nested": {"team": "d-mkt", "text": "d-mkt-ish", "count": 3, "flag": True, "none": None},
        "tuple": ("d-mkt",),
    }
    assert remap(value, {"d-mkt": MARKETING}) == {
        "teams": [SALES, MARKETING],
        "nested": {"team": MARKETING, "text": "d-mkt-ish", "count": 3, "flag": True, "none": None},
        "tuple": [MARKETING],
    }


# --- Words ----------------------------------------------------------------------------------------


def _names() -> dict[str, str]:
    return names_of(_document())


def test_difference_names_each_change_as_a_leader_reads_it() -> None:
    before_doc = _document(
        objectives=[
            _objective(
                "o-1",
                "Go outbound",
                [SALES],
                [REVENUE],
                metrics=[_metric("m-x", "Meetings booked", 40), _metric("m-y", "Old metric", 5)],
            )
        ]
    )
    after_doc = _document(
        objectives=[
            _objective(
                "o-1",
                "Own the mid-market",
                [SALES, MARKETING],
                [REVENUE],
                metrics=[_metric("m-x", "Meetings booked", 60), _metric("m-z", "Pipeline", 2.5)],
            )
        ]
    )
    before, after = items_of(before_doc)["o-1"], items_of(after_doc)["o-1"]
    words = difference(before, after, _names())
    assert words == (
        "wording “Go outbound” → “Own the mid-market”; teams Sales → Sales, Marketing; "
        "adds metric “Pipeline”; removes metric “Old metric”; metric “Meetings booked”: target 40 → 60"
    )
    assert difference(before, before, _names()) == ""


def test_a_funnel_difference_names_its_inputs_as_the_work_back_screen_does() -> None:
    def funnel(**inputs: Any) -> Item:
        content = {
            "uid": "f-1",
            "company_goal": REVENUE,
            "revenue_target": 10_000_000,
            "average_deal_size": 40_000,
            "win_rate": 25,
            "sql_to_opportunity": 60,
            "mql_to_sql": 30,
            "lead_to_mql": 15,
            "quarters": ["Q1 2027", "Q2 2027"],
            "weights": None,
            **inputs,
        }
        return items_of(_document(funnels=[content]))[f"funnel:{REVENUE}"]

    before = funnel()
    after = funnel(revenue_target=12_500_000, sql_to_opportunity=55.5, lead_to_mql=12, weights=[40, 60])
    assert label(after, _names()) == "for “Grow revenue 50% in 2027”"
    assert difference(before, after, _names()) == (
        "revenue target 10,000,000 → 12,500,000; SQL to opportunity rate 60 → 55.5; "
        "lead to MQL rate 15 → 12; quarter weights none → 40, 60"
    )


def test_labels_and_summaries_use_the_names_the_room_knows() -> None:
    doc = _document(
        objectives=[
            _objective(
                "o-1", "Go outbound", [SALES, MARKETING], [REVENUE], metrics=[_metric("m", "Meetings", 1200)]
            )
        ],
        buy_in=[
            {
                "uid": "b-1",
                "objective": "o-1",
                "leader": MAYA,
                "stance": "changes_requested",
                "comment": "",
                "recorded_at": "2027-01-01T00:00:00.000000Z",
            }
        ],
        votes=[{"leader": MAYA, "candidate": "c-1", "dots": 1}],
        candidates=[{"uid": "c-1", "team": None, "text": "Idea", "smart": {}}],
    )
    items, names = items_of(doc), names_of(doc)
    assert label(items["o-1"], names) == "“Go outbound” (Sales, Marketing)"
    assert summary(items["o-1"], names) == "“Go outbound” (Sales, Marketing) · Meetings 1,200"
    assert label(items["b-1"], names) == "Maya Okafor: changes requested on “Go outbound”"
    assert label(items[f"vote:{MAYA}:c-1"], names) == "Maya Okafor: 1 dot on “Idea”"
    assert label(items[MAYA], names) == "“Maya Okafor” (Sales)"


def test_quote_keeps_odd_unicode_and_cuts_long_text_with_an_ellipsis() -> None:
    assert quote("  Grow\n ARR  🚀 ") == "“Grow ARR 🚀”"
    assert quote("زيادة الإيرادات") == "“زيادة الإيرادات”"
    long = quote("word " * 40)
    assert long.endswith("…”")
    assert len(long) == 62  # 59 characters, the ellipsis and two quotation marks


# --- compare, needed, dependants ------------------------------------------------------------------


def _new_team_draft() -> tuple[dict[str, Any], dict[str, Any]]:
    plan = _document()
    draft = _document(
        teams=[*plan["teams"], {"uid": "t-new", "name": "Partnerships"}],
        objectives=[
            _objective("o-partner", "Partner-led growth", ["t-new"], [REVENUE]),
            _objective("o-sales", "Go outbound", [SALES], [REVENUE]),
        ],
        why_chains=[
            {"uid": "w-1", "team": "t-new", "parent": None, "text": "Partners matter"},
            {"uid": "w-2", "team": "t-new", "parent": "w-1", "text": "They bring deals"},
        ],
    )
    return draft, plan


def test_compare_lists_additions_in_merge_order_with_counts() -> None:
    draft, plan = _new_team_draft()
    result = compare(draft, plan, {})
    assert [(p.change, p.noun, p.label) for p in result.proposals] == [
        (Change.ADD, "team", "“Partnerships”"),
        (Change.ADD, "objective", "“Partner-led growth” (Partnerships)"),
        (Change.ADD, "objective", "“Go outbound” (Sales)"),
        (Change.ADD, "why-statement", "“Partners matter” (Partnerships)"),
        (Change.ADD, "why-statement", "“They bring deals” (Partnerships)"),
    ]
    assert result.counts == {Change.ADD: 5}
    assert result.notes == ()


def test_a_draft_renaming_a_plan_team_gets_a_note_not_a_change() -> None:
    plan = _document()
    draft = _document(teams=[{"uid": SALES, "name": "Revenue"}, *plan["teams"][1:]])
    base = {SALES: Base(items_of(plan)[SALES].fingerprint, items_of(plan)[SALES].fingerprint)}
    result = compare(draft, plan, base)
    assert result.proposals == ()
    assert result.notes == (
        "The draft changes the team “Sales” (name “Sales” → “Revenue”); not merged: teams, leaders "
        "and company goals are changed in the plan itself.",
    )


def test_needed_takes_along_what_the_plan_lacks_and_dependants_untick_what_needs_it() -> None:
    draft, plan = _new_team_draft()
    proposals = compare(draft, plan, {}, shape=DRAFTED).proposals
    present = set(items_of(plan))
    assert needed({"w-2"}, proposals, present) == {"w-2", "w-1", "t-new"}
    assert needed({"o-sales"}, proposals, present) == {"o-sales"}  # Sales and the goal are in the plan
    assert dependants("t-new", proposals) == {"o-partner", "w-1", "w-2"}
    assert dependants("w-1", proposals) == {"w-2"}
    assert dependants("o-sales", proposals) == set()


def test_needed_does_not_take_along_a_change_of_an_item_the_plan_holds() -> None:
    item = _item("Go outbound")
    change = Proposal("objectives", "o-1", Change.CHANGE, "", "", draft_item=item, plan_item=item)
    child = Proposal("buy_in", "b-1", Change.ADD, "", "", requires=("o-1",))
    assert needed({"b-1"}, [change, child], present=()) == {"b-1"}


def test_a_label_cut_short_leaves_no_right_to_left_override_open() -> None:
    text = "Customer \u202eremotsuC success plan that goes on and on well past the length a label shows"
    quoted = quote(text)
    assert "\u202e" not in quoted
    assert quoted.endswith("…”")


def test_an_addition_says_what_its_label_leaves_out() -> None:
    goal = "g-1"
    names = {goal: "“Grow revenue”"}
    funnel = Item(
        "funnels",
        f"funnel:{goal}",
        "f-1",
        {"company_goal": goal, "revenue_target": 5_000_000, "win_rate": 20, "quarters": [], "weights": None},
        (goal,),
    )
    (proposal,) = compare({"funnels": [{"uid": "f-1", **funnel.content}]}, {}, {}, names=names).proposals
    assert proposal.change is Change.ADD
    assert proposal.detail == "revenue target 5,000,000, win rate 20"
    assert summary(funnel, names) == "for “Grow revenue” · revenue target 5,000,000, win rate 20"

"""The reverse funnel table: hand-computed figures, the rounding rule, and never an infinity or a NaN.

Plain Python (``offsite.domain.funnel``): the table is recomputed on every keystroke, without pandas.
"""

from __future__ import annotations

import itertools
import math
import random

import pytest

from offsite.domain.funnel import (
    STAGES,
    FunnelInputs,
    FunnelResult,
    candidate_text,
    funnel_rows,
    funnel_table,
)

YEAR = ("Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027")


def inputs(**changes: object) -> FunnelInputs:
    """The worked example: 10 M over a year, 50 k deals, 25% / 50% / 40% / 20% conversion."""
    values: dict[str, object] = {
        "revenue_target": 10_000_000.0,
        "average_deal_size": 50_000.0,
        "win_rate": 25.0,
        "sql_to_opportunity": 50.0,
        "mql_to_sql": 40.0,
        "lead_to_mql": 20.0,
        "quarters": YEAR,
        "weights": None,
    }
    values.update(changes)
    return FunnelInputs(**values)  # type: ignore[arg-type]


def row(result: FunnelResult, label: str) -> list[float]:
    assert result.table is not None
    return [float(result.table.row(label)[stage]) for stage in STAGES]


def test_even_split_of_ten_million_gives_the_hand_computed_funnel() -> None:
    # Per quarter: 2,500,000 / 50,000 = 50 deals; 50 / 25% = 200 opportunities; 200 / 50% = 400 SQLs;
    # 400 / 40% = 1,000 MQLs; 1,000 / 20% = 5,000 leads.
    result = funnel_table(inputs())
    assert result.messages == ()
    for quarter in YEAR:
        assert row(result, quarter) == [2_500_000, 50, 200, 400, 1_000, 5_000]
    assert row(result, "Total") == [10_000_000, 200, 800, 1_600, 4_000, 20_000]


def test_table_has_the_quarters_then_total_and_the_stages_in_funnel_order() -> None:
    table = funnel_table(inputs()).table
    assert table is not None
    assert table.labels == (*YEAR, "Total")
    assert all(type(r.revenue) is float for r in table.rows)
    # Counts are whole numbers, one per stage after revenue, in funnel order.
    assert all(len(r.counts) == len(STAGES) - 1 for r in table.rows)
    assert all(type(count) is int for r in table.rows for count in r.counts)
    assert table.rows[0]["leads"] == table.rows[0].counts[-1] == 5_000


def test_weights_ten_twenty_thirty_forty_split_revenue_and_every_stage_by_weight() -> None:
    # Q1 10%: 1,000,000 → 20 deals → 80 opps → 160 SQLs → 400 MQLs → 2,000 leads
    # Q2 20%: 2,000,000 → 40 → 160 → 320 → 800 → 4,000
    # Q3 30%: 3,000,000 → 60 → 240 → 480 → 1,200 → 6,000
    # Q4 40%: 4,000,000 → 80 → 320 → 640 → 1,600 → 8,000
    result = funnel_table(inputs(weights=(10.0, 20.0, 30.0, 40.0)))
    assert row(result, "Q1 2027") == [1_000_000, 20, 80, 160, 400, 2_000]
    assert row(result, "Q2 2027") == [2_000_000, 40, 160, 320, 800, 4_000]
    assert row(result, "Q3 2027") == [3_000_000, 60, 240, 480, 1_200, 6_000]
    assert row(result, "Q4 2027") == [4_000_000, 80, 320, 640, 1_600, 8_000]
    assert row(result, "Total") == [10_000_000, 200, 800, 1_600, 4_000, 20_000]


def test_weights_need_not_sum_to_a_hundred() -> None:
    assert_same = funnel_table(inputs(weights=(1.0, 2.0, 3.0, 4.0))).table
    expected = funnel_table(inputs(weights=(10.0, 20.0, 30.0, 40.0))).table
    assert assert_same is not None
    assert expected is not None
    assert assert_same == expected


def test_a_zero_weight_quarter_plans_nothing_that_quarter() -> None:
    result = funnel_table(inputs(weights=(0.0, 1.0, 1.0, 0.0)))
    assert row(result, "Q1 2027") == [0, 0, 0, 0, 0, 0]
    assert row(result, "Q2 2027") == [5_000_000, 100, 400, 800, 2_000, 10_000]


def test_every_count_is_rounded_up_at_each_stage_within_each_quarter() -> None:
    # 1,000,000 over three even quarters; deal 45,000; win 30%, SQL→opp 45%, MQL→SQL 35%, lead→MQL 15%.
    # Each quarter: revenue 333,333.33…
    #   deals  = 333,333.33 / 45,000 = 7.41   → 8
    #   opps   = 8 / 30%             = 26.67  → 27
    #   SQLs   = 27 / 45%            = 60     → 60 (exact: no rounding)
    #   MQLs   = 60 / 35%            = 171.43 → 172
    #   leads  = 172 / 15%           = 1,146.67 → 1,147
    # Without rounding at each stage a quarter would need 1,045.3 leads; rounding only at the end of
    # the whole year would give 3,136. The total is the sum of the quarters: 24 / 81 / 180 / 516 / 3,441.
    result = funnel_table(
        FunnelInputs(1_000_000.0, 45_000.0, 30.0, 45.0, 35.0, 15.0, ("Q1", "Q2", "Q3"), None)
    )
    for quarter in ("Q1", "Q2", "Q3"):
        revenue, *counts = row(result, quarter)
        assert revenue == pytest.approx(1_000_000 / 3)
        assert counts == [8, 27, 60, 172, 1_147]
    revenue, *counts = row(result, "Total")
    assert revenue == pytest.approx(1_000_000)
    assert counts == [24, 81, 180, 516, 3_441]


def test_floating_point_noise_does_not_add_an_opportunity() -> None:
    # 7 deals at a 5.6% win rate is exactly 125 opportunities, though 7 × 100 / 5.6 computes as
    # 125.00000000000001; rounding that up would plan a 126th opportunity nobody needs.
    result = funnel_table(FunnelInputs(350_000.0, 50_000.0, 5.6, 50.0, 50.0, 50.0, ("Q1",), None))
    assert row(result, "Q1") == [350_000, 7, 125, 250, 500, 1_000]


def test_a_hundred_percent_rate_warns_but_still_computes() -> None:
    result = funnel_table(inputs(win_rate=100.0))
    assert [m.text for m in result.messages] == [
        "A win rate of 100% means every opportunity closes — is that right?"
    ]
    assert row(result, "Q1 2027") == [2_500_000, 50, 50, 100, 250, 1_250]


@pytest.mark.parametrize(
    "change",
    [
        {"average_deal_size": None},
        {"revenue_target": 0.0},
        {"win_rate": 0.0},
        {"lead_to_mql": 120.0},
        {"mql_to_sql": -5.0},
        {"sql_to_opportunity": math.nan},
        {"revenue_target": math.inf},
        {"weights": (1.0, 2.0)},
        {"weights": (0.0, 0.0, 0.0, 0.0)},
        {"quarters": ()},
        {"average_deal_size": 1e-300},
    ],
    ids=repr,
)
def test_a_blocking_problem_gives_messages_and_no_table(change: dict[str, object]) -> None:
    result = funnel_table(inputs(**change))
    assert result.table is None
    assert any(m.blocking for m in result.messages)
    assert funnel_rows(result) == []


def _random_value(rng: random.Random, low: float, high: float) -> float | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    if roll < 0.06:
        return rng.choice([0.0, -1.0, math.nan, math.inf, -math.inf, 1e-300, 1e300, 100.0])
    return rng.uniform(low, high)


def test_no_cell_is_ever_nan_or_infinite_and_nothing_raises_for_random_inputs() -> None:
    rng = random.Random(20270114)
    tables = 0
    for _ in range(400):
        count = rng.randint(0, 6)
        weights = (
            None if rng.random() < 0.5 else tuple(rng.choice([0.0, rng.uniform(0, 50)]) for _ in range(count))
        )
        trial = FunnelInputs(
            _random_value(rng, 1.0, 1e9),
            _random_value(rng, 1.0, 1e6),
            _random_value(rng, 0.01, 100.0),
            _random_value(rng, 0.01, 100.0),
            _random_value(rng, 0.01, 100.0),
            _random_value(rng, 0.01, 100.0),
            tuple(f"Q{i + 1}" for i in range(count)),
            weights,
        )
        result = funnel_table(trial)
        if result.table is None:
            assert any(m.blocking for m in result.messages), trial
            continue
        tables += 1
        assert all(math.isfinite(x) for r in result.table.rows for x in r.figures), trial
        *quarters, total = result.table.rows
        # Conversion only loses people: each stage back needs at least as many as the one after it.
        for r in result.table.rows:
            assert all(earlier >= later for later, earlier in itertools.pairwise(r.counts)), trial
        assert list(total.counts) == [sum(c) for c in zip(*(q.counts for q in quarters), strict=True)], trial
        assert all(cell for _, cells in funnel_rows(result) for cell in cells)
        assert not any("nan" in cell or "inf" in cell for _, cells in funnel_rows(result) for cell in cells)
    assert tables > 60  # the loop mostly exercised real tables, not only refusals


def test_rows_format_revenue_and_counts_for_display() -> None:
    rows = funnel_rows(funnel_table(inputs(quarters=("Q1", "Q2", "Q3"))))
    assert rows[0] == ("Q1", ["3,333,333.33333", "67", "268", "536", "1,340", "6,700"])
    assert rows[-1] == ("Total", ["10,000,000", "201", "804", "1,608", "4,020", "20,100"])


def test_candidate_text_reads_as_a_team_goal() -> None:
    assert candidate_text("Marketing", "mqls", "Q1 2027", 1200) == "Marketing: 1,200 MQLs in Q1 2027"
    assert candidate_text("Sales", "deals", "Q2 2027", 50.0) == "Sales: 50 deals in Q2 2027"
    assert candidate_text("Sales", "deals", "Q2 2027", 1) == "Sales: 1 deal in Q2 2027"
    assert candidate_text("SDR", "opportunities", "Total", 800) == "SDR: 800 opportunities in total"


def test_candidate_text_puts_a_unit_after_the_number() -> None:
    text = candidate_text("Sales", "revenue", "Q1 2027", 2_500_000, unit="EUR")
    assert text == "Sales: 2,500,000 EUR revenue in Q1 2027"


def test_candidate_text_refuses_a_figure_that_is_not_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        candidate_text("Sales", "deals", "Q1", math.nan)

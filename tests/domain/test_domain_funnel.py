"""The reverse funnel's input checks: every blank, impossible or doubtful input says so in plain words."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from offsite.domain.funnel import (
    ROUNDING_RULE,
    STAGE_LABELS,
    STAGES,
    FunnelInputs,
    FunnelMessage,
    check_inputs,
    is_computable,
)

GOOD = FunnelInputs(
    revenue_target=10_000_000.0,
    average_deal_size=50_000.0,
    win_rate=25.0,
    sql_to_opportunity=50.0,
    mql_to_sql=40.0,
    lead_to_mql=20.0,
    quarters=("Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"),
    weights=None,
)


def messages_for(**changes: object) -> list[FunnelMessage]:
    return check_inputs(dataclasses.replace(GOOD, **changes))  # type: ignore[arg-type]


def test_the_field_names_are_the_ones_storage_uses() -> None:
    assert [f.name for f in dataclasses.fields(FunnelInputs)] == [
        "revenue_target",
        "average_deal_size",
        "win_rate",
        "sql_to_opportunity",
        "mql_to_sql",
        "lead_to_mql",
        "quarters",
        "weights",
    ]


def test_stages_run_from_revenue_back_to_leads_with_labels() -> None:
    assert STAGES == ("revenue", "deals", "opportunities", "sqls", "mqls", "leads")
    assert [STAGE_LABELS[s] for s in STAGES] == ["Revenue", "Deals", "Opportunities", "SQLs", "MQLs", "Leads"]


def test_the_rounding_rule_is_stated_for_the_ui() -> None:
    assert "rounded up" in ROUNDING_RULE
    assert "sum of the quarters" in ROUNDING_RULE


def test_good_inputs_have_no_messages() -> None:
    assert check_inputs(GOOD) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("revenue_target", "Enter the revenue target."),
        ("average_deal_size", "Enter the average deal size."),
        ("win_rate", "Enter the win rate."),
        ("sql_to_opportunity", "Enter the SQL-to-opportunity rate."),
        ("mql_to_sql", "Enter the MQL-to-SQL rate."),
        ("lead_to_mql", "Enter the lead-to-MQL rate."),
    ],
)
def test_a_blank_input_blocks_with_a_message_naming_it(field: str, text: str) -> None:
    assert messages_for(**{field: None}) == [FunnelMessage(field, text, blocking=True)]


def test_every_blank_input_is_named_at_once_in_form_order() -> None:
    blank = FunnelInputs(None, None, None, None, None, None, ("Q1",), None)
    fields = [m.field for m in check_inputs(blank)]
    assert fields == [
        "revenue_target",
        "average_deal_size",
        "win_rate",
        "sql_to_opportunity",
        "mql_to_sql",
        "lead_to_mql",
    ]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("win_rate", "A win rate of 0% means no opportunity ever closes; enter a rate above 0%."),
        (
            "sql_to_opportunity",
            "An SQL-to-opportunity rate of 0% means no SQL ever becomes an opportunity; enter a rate above 0%.",
        ),
        ("mql_to_sql", "An MQL-to-SQL rate of 0% means no MQL ever becomes an SQL; enter a rate above 0%."),
        ("lead_to_mql", "A lead-to-MQL rate of 0% means no lead ever becomes an MQL; enter a rate above 0%."),
    ],
)
def test_a_zero_percent_rate_blocks_and_says_why(field: str, text: str) -> None:
    assert messages_for(**{field: 0.0}) == [FunnelMessage(field, text, blocking=True)]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("win_rate", "A win rate of 100% means every opportunity closes — is that right?"),
        (
            "sql_to_opportunity",
            "An SQL-to-opportunity rate of 100% means every SQL becomes an opportunity — is that right?",
        ),
        ("mql_to_sql", "An MQL-to-SQL rate of 100% means every MQL becomes an SQL — is that right?"),
        ("lead_to_mql", "A lead-to-MQL rate of 100% means every lead becomes an MQL — is that right?"),
    ],
)
def test_a_hundred_percent_rate_only_warns(field: str, text: str) -> None:
    messages = messages_for(**{field: 100.0})
    assert messages == [FunnelMessage(field, text, blocking=False)]
    assert is_computable(messages)


@pytest.mark.parametrize("value", [100.5, 250.0, -0.1, -40.0])
def test_a_rate_outside_nought_to_a_hundred_blocks(value: float) -> None:
    (message,) = messages_for(win_rate=value)
    assert message.blocking
    assert message.field == "win_rate"
    assert "between 0% and 100%" in message.text


def test_the_out_of_range_message_quotes_the_rate_typed() -> None:
    (message,) = messages_for(mql_to_sql=120.0)
    assert message.text == "A rate is between 0% and 100%; enter an MQL-to-SQL rate in that range (not 120%)."


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("average_deal_size", 0.0, "Enter an average deal size above zero."),
        ("average_deal_size", -50_000.0, "Enter an average deal size above zero."),
        ("revenue_target", 0.0, "Enter a revenue target above zero."),
        ("revenue_target", -1.0, "Enter a revenue target above zero."),
    ],
)
def test_a_zero_or_negative_amount_blocks(field: str, value: float, text: str) -> None:
    assert messages_for(**{field: value}) == [FunnelMessage(field, text, blocking=True)]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_non_finite_input_blocks_rather_than_reaching_the_maths(value: float) -> None:
    for field in ("revenue_target", "average_deal_size", "win_rate", "lead_to_mql"):
        (message,) = messages_for(**{field: value})
        assert message.blocking
        assert message.field == field
        assert message.text.endswith("as a number.")


def test_weights_of_the_wrong_count_block() -> None:
    (message,) = messages_for(weights=(50.0, 50.0))
    assert message == FunnelMessage(
        "weights", "Give one weight per quarter: there are 4 quarters and 2 weights.", blocking=True
    )


def test_a_negative_weight_blocks() -> None:
    (message,) = messages_for(weights=(10.0, -5.0, 30.0, 40.0))
    assert message == FunnelMessage("weights", "A quarter weight cannot be negative.", blocking=True)


def test_all_zero_weights_block() -> None:
    (message,) = messages_for(weights=(0.0, 0.0, 0.0, 0.0))
    assert message == FunnelMessage(
        "weights", "Give at least one quarter a weight above zero.", blocking=True
    )


def test_a_non_finite_weight_blocks() -> None:
    (message,) = messages_for(weights=(1.0, math.nan, 1.0, 1.0))
    assert message.blocking
    assert message.field == "weights"


def test_some_zero_weights_are_fine() -> None:
    assert messages_for(weights=(0.0, 0.0, 30.0, 70.0)) == []


@pytest.mark.parametrize(
    "quarters",
    [(), ("Q1", "  "), ("Q1", "q1"), ("Q1", "Total")],
    ids=["none", "blank name", "duplicate", "named Total"],
)
def test_quarters_must_be_named_distinct_and_not_total(quarters: tuple[str, ...]) -> None:
    (message,) = messages_for(quarters=quarters)
    assert message.blocking
    assert message.field == "quarters"


def test_figures_too_large_to_plan_with_block_with_one_message() -> None:
    (message,) = messages_for(revenue_target=1e15, average_deal_size=1.0)
    assert message.blocking
    assert message.field is None
    assert "1,000,000,000,000 leads" in message.text


def test_a_tiny_rate_that_would_overflow_blocks_instead_of_reaching_infinity() -> None:
    (message,) = messages_for(lead_to_mql=1e-300)
    assert message.blocking
    assert message.field is None


def test_a_warning_and_a_block_both_show() -> None:
    messages = messages_for(win_rate=100.0, average_deal_size=None)
    assert [(m.field, m.blocking) for m in messages] == [("average_deal_size", True), ("win_rate", False)]
    assert not is_computable(messages)


def test_the_funnel_rules_load_without_pandas() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    code = "import sys, offsite.domain.funnel; sys.exit('pandas' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr

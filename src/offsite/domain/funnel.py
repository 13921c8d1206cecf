"""The reverse funnel's inputs, stages and checks: from a revenue target back to the leads it needs.

The rounding rule, shown in the UI as ``ROUNDING_RULE``:

- revenue is split across the quarters by weight, exactly (not rounded);
- every count (deals, opportunities, SQLs, MQLs, leads) is rounded UP to a whole number, at each
  stage, within each quarter: nobody closes 0.3 of a deal, and a plan should err on the side of
  enough pipeline. Each stage is computed from the previous stage's rounded figure;
- the total row is the sum of the quarters (so it can exceed the figure a whole-year funnel would give).

A figure within a billionth of a whole number counts as that whole number: that difference is the
computer's decimal arithmetic, not a real fraction of a deal.

The maths itself (with pandas) lives in ``offsite.services.funnel``; this module holds the plain
rules, so that the checks can run as a leader types without loading pandas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from offsite.domain.formatting import format_number

STAGES = ("revenue", "deals", "opportunities", "sqls", "mqls", "leads")
STAGE_LABELS = {
    "revenue": "Revenue",
    "deals": "Deals",
    "opportunities": "Opportunities",
    "sqls": "SQLs",
    "mqls": "MQLs",
    "leads": "Leads",
}
# How a stage reads inside a sentence ("Marketing: 1,200 MQLs in Q1 2027"): plural, then singular.
STAGE_NOUNS = {
    "revenue": ("revenue", "revenue"),
    "deals": ("deals", "deal"),
    "opportunities": ("opportunities", "opportunity"),
    "sqls": ("SQLs", "SQL"),
    "mqls": ("MQLs", "MQL"),
    "leads": ("leads", "lead"),
}
TOTAL_LABEL = "Total"
ROUNDING_RULE = (
    "Revenue is split across quarters by weight, exactly. Every count is rounded up to a whole number "
    "at each stage within each quarter — nobody closes 0.3 of a deal, and a plan should err on the side "
    "of enough pipeline. The total row is the sum of the quarters."
)
# Above this many leads (or any count) the figures stop meaning anything for a plan, and floating
# point stops holding whole numbers exactly; the check refuses them instead of showing nonsense.
MAX_COUNT = 10.0**12

# The conversion rates, in funnel order from deals back to leads, with how a leader reads each.
RATE_FIELDS = ("win_rate", "sql_to_opportunity", "mql_to_sql", "lead_to_mql")
FIELD_LABELS = {
    "revenue_target": "revenue target",
    "average_deal_size": "average deal size",
    "win_rate": "win rate",
    "sql_to_opportunity": "SQL-to-opportunity rate",
    "mql_to_sql": "MQL-to-SQL rate",
    "lead_to_mql": "lead-to-MQL rate",
    "quarters": "quarters",
    "weights": "quarter weights",
}
# "A win rate", "An SQL-to-opportunity rate" (said "an ess-queue-ell"), "An MQL-to-SQL rate".
_ARTICLES = {"win_rate": "A", "sql_to_opportunity": "An", "mql_to_sql": "An", "lead_to_mql": "A"}
_NONE_CONVERT = {
    "win_rate": "no opportunity ever closes",
    "sql_to_opportunity": "no SQL ever becomes an opportunity",
    "mql_to_sql": "no MQL ever becomes an SQL",
    "lead_to_mql": "no lead ever becomes an MQL",
}
_ALL_CONVERT = {
    "win_rate": "every opportunity closes",
    "sql_to_opportunity": "every SQL becomes an opportunity",
    "mql_to_sql": "every MQL becomes an SQL",
    "lead_to_mql": "every lead becomes an MQL",
}


@dataclass(frozen=True, slots=True)
class FunnelInputs:
    """What a leader types into the reverse funnel; rates are percentages (0–100), None is blank.

    ``weights`` is None for an even split, else one weight per quarter (they need not sum to 100).
    """

    revenue_target: float | None
    average_deal_size: float | None
    win_rate: float | None
    sql_to_opportunity: float | None
    mql_to_sql: float | None
    lead_to_mql: float | None
    quarters: tuple[str, ...]
    weights: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class FunnelMessage:
    """Something to tell the leader about the inputs; ``field`` names the input (None: the whole funnel).

    A blocking message means no table can be computed until it is fixed; a non-blocking one is a
    question worth asking ("is a 100% win rate right?") shown beside the table.
    """

    field: str | None
    text: str
    blocking: bool


def check_inputs(inputs: FunnelInputs) -> list[FunnelMessage]:
    """Every problem with the inputs, in the order of the form; empty when the funnel can be computed.

    Never raises: a blank, zero, negative, out-of-range or non-finite input becomes a message.
    """
    messages: list[FunnelMessage] = []
    messages += _check_amount("revenue_target", inputs.revenue_target)
    messages += _check_amount("average_deal_size", inputs.average_deal_size)
    for name in RATE_FIELDS:
        messages += _check_rate(name, getattr(inputs, name))
    messages += _check_quarters(inputs.quarters)
    messages += _check_weights(inputs.quarters, inputs.weights)
    if not any(m.blocking for m in messages):
        messages += _check_size(inputs)
    return messages


def is_computable(messages: list[FunnelMessage] | tuple[FunnelMessage, ...]) -> bool:
    """True when none of the messages blocks the table."""
    return not any(m.blocking for m in messages)


def _blocking(field: str | None, text: str) -> FunnelMessage:
    return FunnelMessage(field, text, blocking=True)


def _check_amount(name: str, value: float | None) -> list[FunnelMessage]:
    label = FIELD_LABELS[name]
    if value is None:
        return [_blocking(name, f"Enter the {label}.")]
    if not math.isfinite(value):
        return [_blocking(name, f"Enter the {label} as a number.")]
    if value <= 0:
        return [_blocking(name, f"Enter {_article(label)} {label} above zero.")]
    return []


def _check_rate(name: str, value: float | None) -> list[FunnelMessage]:
    label = FIELD_LABELS[name]
    if value is None:
        return [_blocking(name, f"Enter the {label}.")]
    if not math.isfinite(value):
        return [_blocking(name, f"Enter the {label} as a number.")]
    if value < 0 or value > 100:
        return [
            _blocking(
                name,
                f"A rate is between 0% and 100%; enter {_article(label)} {label} in that range "
                f"(not {format_number(value)}%).",
            )
        ]
    if value == 0:
        return [
            _blocking(
                name,
                f"{_ARTICLES[name]} {label} of 0% means {_NONE_CONVERT[name]}; enter a rate above 0%.",
            )
        ]
    if value == 100:
        return [
            FunnelMessage(
                name,
                f"{_ARTICLES[name]} {label} of 100% means {_ALL_CONVERT[name]} — is that right?",
                blocking=False,
            )
        ]
    return []


def _check_quarters(quarters: tuple[str, ...]) -> list[FunnelMessage]:
    if not quarters:
        return [_blocking("quarters", "Add at least one quarter to split the target across.")]
    if any(not q.strip() for q in quarters):
        return [_blocking("quarters", "Give every quarter a name, such as “Q1 2027”.")]
    names = [q.strip().casefold() for q in quarters]
    if len(set(names)) != len(names):
        return [_blocking("quarters", "Give each quarter a different name.")]
    if TOTAL_LABEL.casefold() in names:
        return [_blocking("quarters", f"“{TOTAL_LABEL}” names the sum of the quarters; rename that quarter.")]
    return []


def _check_weights(quarters: tuple[str, ...], weights: tuple[float, ...] | None) -> list[FunnelMessage]:
    if weights is None:
        return []
    if len(weights) != len(quarters):
        return [
            _blocking(
                "weights",
                f"Give one weight per quarter: there are {len(quarters)} quarters "
                f"and {len(weights)} weights.",
            )
        ]
    if not all(math.isfinite(w) for w in weights):
        return [_blocking("weights", "Enter every quarter weight as a number.")]
    if any(w < 0 for w in weights):
        return [_blocking("weights", "A quarter weight cannot be negative.")]
    if not any(w > 0 for w in weights):
        return [_blocking("weights", "Give at least one quarter a weight above zero.")]
    return []


def _check_size(inputs: FunnelInputs) -> list[FunnelMessage]:
    """Refuse figures too large to plan with (and to hold exactly), before pandas ever sees them."""
    # Called only when every input is present and valid; the whole-year leads bound every count
    # (each quarter is a share of it, plus at most one per rounding step and stage).
    assert inputs.revenue_target is not None
    assert inputs.average_deal_size is not None
    figure = inputs.revenue_target / inputs.average_deal_size
    for name in RATE_FIELDS:
        rate = getattr(inputs, name)
        figure = figure * 100.0 / rate
    if not math.isfinite(figure) or figure + len(STAGES) * len(inputs.quarters) > MAX_COUNT:
        return [
            _blocking(
                None,
                f"These figures would need more than {format_number(MAX_COUNT)} leads; "
                "check the revenue target, deal size and rates.",
            )
        ]
    return []


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" or word.startswith(("SQL", "MQL")) else "a"

"""The reverse funnel as a table per quarter, computed with pandas, and its figures as text.

pandas is imported here and nowhere that loads at start-up: this module is imported when the
work-back view first computes a funnel. The rounding rule is ``offsite.domain.funnel.ROUNDING_RULE``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from offsite.domain.formatting import format_number
from offsite.domain.funnel import (
    RATE_FIELDS,
    STAGE_NOUNS,
    STAGES,
    TOTAL_LABEL,
    FunnelInputs,
    FunnelMessage,
    check_inputs,
    is_computable,
)

# Stages after revenue, each with the input that leads back to it from the stage before.
_DIVISORS = tuple(zip(STAGES[2:], RATE_FIELDS, strict=True))
_SNAP = 1e-9  # relative: a figure this close to a whole number is that number (floating-point noise)


@dataclass(frozen=True)
class FunnelResult:
    """The messages about the inputs, and the table when none of them blocks it.

    ``table``: index = the quarter labels then "Total"; columns = ``STAGES``; revenue as float64,
    the counts as int64. None when any message is blocking.
    """

    messages: tuple[FunnelMessage, ...]
    table: pd.DataFrame | None


def funnel_table(inputs: FunnelInputs) -> FunnelResult:
    """The reverse funnel for ``inputs``: revenue split by quarter, then each stage rounded up.

    Never raises for any inputs and never returns a table holding an infinity or a NaN: problems
    come back as messages, and the table is None while any of them blocks.
    """
    messages = tuple(check_inputs(inputs))
    if not is_computable(messages):
        return FunnelResult(messages, None)
    assert inputs.revenue_target is not None
    assert inputs.average_deal_size is not None

    count = len(inputs.quarters)
    weights = np.ones(count) if inputs.weights is None else np.asarray(inputs.weights, dtype="float64")
    quarters = pd.DataFrame(index=pd.Index(list(inputs.quarters), name="quarter"))
    # Multiply before dividing: 10,000,000 × 10 / 100 is exact where 10,000,000 × 0.1 is not.
    quarters["revenue"] = inputs.revenue_target * weights / weights.sum()
    quarters["deals"] = _round_up(quarters["revenue"] / inputs.average_deal_size)
    previous = "deals"
    for stage, rate_field in _DIVISORS:
        rate: float = getattr(inputs, rate_field)
        quarters[stage] = _round_up(quarters[previous] * 100.0 / rate)
        previous = stage

    # Built column by column so that revenue stays float64 and the counts stay int64.
    total = pd.DataFrame({stage: [quarters[stage].sum()] for stage in STAGES}, index=[TOTAL_LABEL])
    table = pd.concat([quarters, total])
    table.index.name = "quarter"

    # check_inputs bounds every figure, so this never fires; it stays as the guarantee that no
    # infinity or NaN ever reaches a screen, whatever a future change to the maths does.
    if not np.isfinite(table.to_numpy(dtype="float64")).all():
        blocking = FunnelMessage(None, "These figures cannot be computed; check the inputs.", blocking=True)
        return FunnelResult((*messages, blocking), None)
    return FunnelResult(messages, table)


def _round_up(figures: pd.Series) -> pd.Series:
    """Each figure rounded up to a whole number, after snapping floating-point noise to the nearest one."""
    values = figures.to_numpy(dtype="float64")
    nearest = np.round(values)
    close = np.abs(values - nearest) <= _SNAP * np.maximum(np.abs(nearest), 1.0)
    return pd.Series(np.ceil(np.where(close, nearest, values)).astype("int64"), index=figures.index)


def funnel_rows(result: FunnelResult) -> list[tuple[str, list[str]]]:
    """The table as text, row by row: (quarter label, one figure per stage); empty without a table.

    Revenue reads as ``format_number`` shows it (decimals kept); counts are whole numbers.
    """
    if result.table is None:
        return []
    rows: list[tuple[str, list[str]]] = []
    for label, row in result.table.iterrows():
        figures = [format_number(float(row["revenue"]))]
        figures += [format_number(int(row[stage])) for stage in STAGES[1:]]
        rows.append((str(label), figures))
    return rows


def candidate_text(team_name: str, stage: str, quarter: str, value: float, unit: str = "") -> str:
    """A funnel figure as a candidate goal: "Marketing: 1,200 MQLs in Q1 2027".

    ``unit`` follows the number ("Sales: 2,500,000 EUR revenue in Q1 2027"); the total row reads
    "in total". Raises KeyError for a stage not in ``STAGES`` and ValueError for a non-finite value.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite figure: {value!r}")
    plural, singular = STAGE_NOUNS[stage]
    noun = singular if value == 1 else plural
    amount = format_number(value) + (f" {unit.strip()}" if unit.strip() else "")
    when = "in total" if quarter == TOTAL_LABEL else f"in {quarter}"
    prefix = f"{team_name.strip()}: " if team_name.strip() else ""
    return f"{prefix}{amount} {noun} {when}"

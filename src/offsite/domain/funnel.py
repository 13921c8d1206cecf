"""The reverse funnel's inputs, stages and checks: from a revenue target back to the leads it needs.

The rounding rule, shown in the UI as ``ROUNDING_RULE``:

- revenue is split across the quarters by weight, exactly (not rounded);
- every count (deals, opportunities, SQLs, MQLs, leads) is rounded UP to a whole number, at each
  stage, within each quarter: nobody closes 0.3 of a deal, and a plan should err on the side of
  enough pipeline. Each stage is computed from the previous stage's rounded figure;
- the total row is the sum of the quarters (so it can exceed the figure a whole-year funnel would give).

A figure within a billionth of a whole number counts as that whole number: that difference is the
computer's decimal arithmetic, not a real fraction of a deal.

The table is computed here in plain Python, as a leader types: a 5×6 table needs no data-frame
library (pandas would cost milliseconds per keystroke and a hundred megabytes to load).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

STAGES = ("revenue", "deals", "opportunities", "sqls", "mqls", "leads")
# The labels, nouns, field names and rule below are English keys, marked for the catalogue: show
# them through ``translate("Funnel", ...)`` (the language is chosen after this module is imported).
STAGE_LABELS = {
    "revenue": QT_TRANSLATE_NOOP("Funnel", "Revenue"),
    "deals": QT_TRANSLATE_NOOP("Funnel", "Deals"),
    "opportunities": QT_TRANSLATE_NOOP("Funnel", "Opportunities"),
    "sqls": QT_TRANSLATE_NOOP("Funnel", "SQLs"),
    "mqls": QT_TRANSLATE_NOOP("Funnel", "MQLs"),
    "leads": QT_TRANSLATE_NOOP("Funnel", "Leads"),
}
# How a stage reads inside a sentence ("Marketing: 1,200 MQLs in Q1 2027"): plural, then singular.
STAGE_NOUNS = {
    "revenue": (QT_TRANSLATE_NOOP("Funnel", "revenue"), QT_TRANSLATE_NOOP("Funnel", "revenue")),
    "deals": (QT_TRANSLATE_NOOP("Funnel", "deals"), QT_TRANSLATE_NOOP("Funnel", "deal")),
    "opportunities": (
        QT_TRANSLATE_NOOP("Funnel", "opportunities"),
        QT_TRANSLATE_NOOP("Funnel", "opportunity"),
    ),
    "sqls": (QT_TRANSLATE_NOOP("Funnel", "SQLs"), QT_TRANSLATE_NOOP("Funnel", "SQL")),
    "mqls": (QT_TRANSLATE_NOOP("Funnel", "MQLs"), QT_TRANSLATE_NOOP("Funnel", "MQL")),
    "leads": (QT_TRANSLATE_NOOP("Funnel", "leads"), QT_TRANSLATE_NOOP("Funnel", "lead")),
}
# The total row's key in a FunnelTable; shown as translate("Funnel", TOTAL_LABEL).
TOTAL_LABEL = QT_TRANSLATE_NOOP("Funnel", "Total")
ROUNDING_RULE = QT_TRANSLATE_NOOP(
    "Funnel",
    "Revenue is split across quarters by weight, exactly. Every count is rounded up to a whole number "
    "at each stage within each quarter — nobody closes 0.3 of a deal, and a plan should err on the side "
    "of enough pipeline. The total row is the sum of the quarters.",
)
# Above this many leads (or any count) the figures stop meaning anything for a plan, and floating
# point stops holding whole numbers exactly; the check refuses them instead of showing nonsense.
MAX_COUNT = 10.0**12

# The conversion rates, in funnel order from deals back to leads, with how a leader reads each.
RATE_FIELDS = ("win_rate", "sql_to_opportunity", "mql_to_sql", "lead_to_mql")
FIELD_LABELS = {
    "revenue_target": QT_TRANSLATE_NOOP("Funnel", "revenue target"),
    "average_deal_size": QT_TRANSLATE_NOOP("Funnel", "average deal size"),
    "win_rate": QT_TRANSLATE_NOOP("Funnel", "win rate"),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("Funnel", "SQL-to-opportunity rate"),
    "mql_to_sql": QT_TRANSLATE_NOOP("Funnel", "MQL-to-SQL rate"),
    "lead_to_mql": QT_TRANSLATE_NOOP("Funnel", "lead-to-MQL rate"),
    "quarters": QT_TRANSLATE_NOOP("Funnel", "quarters"),
    "weights": QT_TRANSLATE_NOOP("Funnel", "quarter weights"),
}
# Each message about one input is a whole sentence per input, so a translation can give each label
# its own article and grammar ("A win rate", "An SQL-to-opportunity rate" — said "an ess-queue-ell").
_ENTER = {
    "revenue_target": QT_TRANSLATE_NOOP("Funnel", "Enter the revenue target."),
    "average_deal_size": QT_TRANSLATE_NOOP("Funnel", "Enter the average deal size."),
    "win_rate": QT_TRANSLATE_NOOP("Funnel", "Enter the win rate."),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("Funnel", "Enter the SQL-to-opportunity rate."),
    "mql_to_sql": QT_TRANSLATE_NOOP("Funnel", "Enter the MQL-to-SQL rate."),
    "lead_to_mql": QT_TRANSLATE_NOOP("Funnel", "Enter the lead-to-MQL rate."),
}
_ENTER_NUMBER = {
    "revenue_target": QT_TRANSLATE_NOOP("Funnel", "Enter the revenue target as a number."),
    "average_deal_size": QT_TRANSLATE_NOOP("Funnel", "Enter the average deal size as a number."),
    "win_rate": QT_TRANSLATE_NOOP("Funnel", "Enter the win rate as a number."),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("Funnel", "Enter the SQL-to-opportunity rate as a number."),
    "mql_to_sql": QT_TRANSLATE_NOOP("Funnel", "Enter the MQL-to-SQL rate as a number."),
    "lead_to_mql": QT_TRANSLATE_NOOP("Funnel", "Enter the lead-to-MQL rate as a number."),
}
_ABOVE_ZERO = {
    "revenue_target": QT_TRANSLATE_NOOP("Funnel", "Enter a revenue target above zero."),
    "average_deal_size": QT_TRANSLATE_NOOP("Funnel", "Enter an average deal size above zero."),
}
_OUT_OF_RANGE = {
    "win_rate": QT_TRANSLATE_NOOP(
        "Funnel", "A rate is between 0% and 100%; enter a win rate in that range (not {value}%)."
    ),
    "sql_to_opportunity": QT_TRANSLATE_NOOP(
        "Funnel",
        "A rate is between 0% and 100%; enter an SQL-to-opportunity rate in that range (not {value}%).",
    ),
    "mql_to_sql": QT_TRANSLATE_NOOP(
        "Funnel", "A rate is between 0% and 100%; enter an MQL-to-SQL rate in that range (not {value}%)."
    ),
    "lead_to_mql": QT_TRANSLATE_NOOP(
        "Funnel", "A rate is between 0% and 100%; enter a lead-to-MQL rate in that range (not {value}%)."
    ),
}
_NONE_CONVERT = {
    "win_rate": QT_TRANSLATE_NOOP(
        "Funnel", "A win rate of 0% means no opportunity ever closes; enter a rate above 0%."
    ),
    "sql_to_opportunity": QT_TRANSLATE_NOOP(
        "Funnel",
        "An SQL-to-opportunity rate of 0% means no SQL ever becomes an opportunity; enter a rate above 0%.",
    ),
    "mql_to_sql": QT_TRANSLATE_NOOP(
        "Funnel", "An MQL-to-SQL rate of 0% means no MQL ever becomes an SQL; enter a rate above 0%."
    ),
    "lead_to_mql": QT_TRANSLATE_NOOP(
        "Funnel", "A lead-to-MQL rate of 0% means no lead ever becomes an MQL; enter a rate above 0%."
    ),
}
_ALL_CONVERT = {
    "win_rate": QT_TRANSLATE_NOOP(
        "Funnel", "A win rate of 100% means every opportunity closes — is that right?"
    ),
    "sql_to_opportunity": QT_TRANSLATE_NOOP(
        "Funnel", "An SQL-to-opportunity rate of 100% means every SQL becomes an opportunity — is that right?"
    ),
    "mql_to_sql": QT_TRANSLATE_NOOP(
        "Funnel", "An MQL-to-SQL rate of 100% means every MQL becomes an SQL — is that right?"
    ),
    "lead_to_mql": QT_TRANSLATE_NOOP(
        "Funnel", "A lead-to-MQL rate of 100% means every lead becomes an MQL — is that right?"
    ),
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


def _missing(name: str, value: float | None) -> FunnelMessage:
    """The message for a figure not entered, or entered as no number at all (infinite, NaN)."""
    return _blocking(name, translate("Funnel", _ENTER[name] if value is None else _ENTER_NUMBER[name]))


def _check_amount(name: str, value: float | None) -> list[FunnelMessage]:
    if value is None or not math.isfinite(value):
        return [_missing(name, value)]
    if value <= 0:
        return [_blocking(name, translate("Funnel", _ABOVE_ZERO[name]))]
    return []


def _check_rate(name: str, value: float | None) -> list[FunnelMessage]:
    if value is None or not math.isfinite(value):
        return [_missing(name, value)]
    if value < 0 or value > 100:
        return [_blocking(name, translate("Funnel", _OUT_OF_RANGE[name]).format(value=format_number(value)))]
    if value == 0:
        return [_blocking(name, translate("Funnel", _NONE_CONVERT[name]))]
    if value == 100:
        return [FunnelMessage(name, translate("Funnel", _ALL_CONVERT[name]), blocking=False)]
    return []


def _check_quarters(quarters: tuple[str, ...]) -> list[FunnelMessage]:
    if not quarters:
        return [
            _blocking("quarters", translate("Funnel", "Add at least one quarter to split the target across."))
        ]
    if any(not q.strip() for q in quarters):
        return [_blocking("quarters", translate("Funnel", "Give every quarter a name, such as “Q1 2027”."))]
    names = [q.strip().casefold() for q in quarters]
    if len(set(names)) != len(names):
        return [_blocking("quarters", translate("Funnel", "Give each quarter a different name."))]
    # The total row's key is the English word, and the leader sees it in their language: neither
    # may name a quarter.
    total = translate("Funnel", TOTAL_LABEL)
    if TOTAL_LABEL.casefold() in names or total.casefold() in names:
        return [
            _blocking(
                "quarters",
                translate("Funnel", "“{total}” names the sum of the quarters; rename that quarter.").format(
                    total=total
                ),
            )
        ]
    return []


def _check_weights(quarters: tuple[str, ...], weights: tuple[float, ...] | None) -> list[FunnelMessage]:
    if weights is None:
        return []
    if len(weights) != len(quarters):
        return [
            _blocking(
                "weights",
                translate(
                    "Funnel",
                    "Give one weight per quarter: there are {quarters} quarters and {weights} weights.",
                ).format(quarters=format_number(len(quarters)), weights=format_number(len(weights))),
            )
        ]
    if not all(math.isfinite(w) for w in weights):
        return [_blocking("weights", translate("Funnel", "Enter every quarter weight as a number."))]
    if any(w < 0 for w in weights):
        return [_blocking("weights", translate("Funnel", "A quarter weight cannot be negative."))]
    if not any(w > 0 for w in weights):
        return [_blocking("weights", translate("Funnel", "Give at least one quarter a weight above zero."))]
    return []


def _check_size(inputs: FunnelInputs) -> list[FunnelMessage]:
    """Refuse figures too large to plan with (and to hold exactly), before the table is computed."""
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
                translate(
                    "Funnel",
                    "These figures would need more than {count} leads; "
                    "check the revenue target, deal size and rates.",
                ).format(count=format_number(MAX_COUNT)),
            )
        ]
    return []


# --- The table ----------------------------------------------------------------------------------

# Stages after revenue, each with the input that leads back to it from the stage before.
_DIVISORS = tuple(zip(STAGES[2:], RATE_FIELDS, strict=True))
_SNAP = 1e-9  # relative: a figure this close to a whole number is that number (floating-point noise)
_UNCOMPUTABLE = QT_TRANSLATE_NOOP("Funnel", "These figures cannot be computed; check the inputs.")


@dataclass(frozen=True, slots=True)
class FunnelRow:
    """One row of the table: a quarter (or the total) and its figure at each stage.

    ``revenue`` is kept exact (a share of the target); ``counts`` are the whole numbers of deals,
    opportunities, SQLs, MQLs and leads, in ``STAGES`` order after revenue.
    """

    label: str
    revenue: float
    counts: tuple[int, ...]

    @property
    def figures(self) -> tuple[float, ...]:
        """Every figure in ``STAGES`` order, revenue first."""
        return (self.revenue, *map(float, self.counts))

    def __getitem__(self, stage: str) -> float | int:
        """The figure at ``stage`` (one of ``STAGES``); KeyError for any other name."""
        if stage == "revenue":
            return self.revenue
        if stage not in STAGES:
            raise KeyError(stage)
        return self.counts[STAGES.index(stage) - 1]


@dataclass(frozen=True, slots=True)
class FunnelTable:
    """The reverse funnel: one row per quarter, in the order given, then the ``TOTAL_LABEL`` row."""

    rows: tuple[FunnelRow, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(row.label for row in self.rows)

    def row(self, label: str) -> FunnelRow:
        """The row of ``label`` (a quarter, or ``TOTAL_LABEL``); KeyError when there is none."""
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)


@dataclass(frozen=True, slots=True)
class FunnelResult:
    """The messages about the inputs, and the table when none of them blocks it (else None)."""

    messages: tuple[FunnelMessage, ...]
    table: FunnelTable | None


def funnel_table(inputs: FunnelInputs) -> FunnelResult:
    """The reverse funnel for ``inputs``: revenue split by quarter, then each stage rounded up.

    Never raises for any inputs and never returns a table holding an infinity or a NaN: problems
    come back as messages, and the table is None while any of them blocks.
    """
    messages = tuple(check_inputs(inputs))
    if not is_computable(messages):
        return FunnelResult(messages, None)
    try:
        table = _compute(inputs)
    except (ArithmeticError, ValueError):
        table = None
    # check_inputs bounds every figure, so this never happens; it stays as the guarantee that no
    # infinity or NaN ever reaches a screen, whatever a future change to the maths does.
    if table is None or not all(math.isfinite(x) for row in table.rows for x in row.figures):
        return FunnelResult(
            (*messages, FunnelMessage(None, translate("Funnel", _UNCOMPUTABLE), blocking=True)), None
        )
    return FunnelResult(messages, table)


def _compute(inputs: FunnelInputs) -> FunnelTable:
    """The table; ArithmeticError or ValueError when a figure is not finite (rounding it up fails)."""
    assert inputs.revenue_target is not None
    assert inputs.average_deal_size is not None
    weights = [1.0] * len(inputs.quarters) if inputs.weights is None else [float(w) for w in inputs.weights]
    whole = _float_sum(weights)
    rows: list[FunnelRow] = []
    for label, weight in zip(inputs.quarters, weights, strict=True):
        # Multiply before dividing: 10,000,000 × 10 / 100 is exact where 10,000,000 × 0.1 is not.
        revenue = inputs.revenue_target * weight / whole
        counts = [_round_up(revenue / inputs.average_deal_size)]
        for _stage, rate_field in _DIVISORS:
            rate: float = getattr(inputs, rate_field)
            counts.append(_round_up(counts[-1] * 100.0 / rate))
        rows.append(FunnelRow(label, revenue, tuple(counts)))
    total = FunnelRow(
        TOTAL_LABEL,
        _float_sum([row.revenue for row in rows]),
        tuple(sum(column) for column in zip(*(row.counts for row in rows), strict=True)),
    )
    return FunnelTable((*rows, total))


def _round_up(figure: float) -> int:
    """``figure`` rounded up to a whole number, after snapping floating-point noise to the nearest one.

    Raises OverflowError or ValueError for an infinity or a NaN.
    """
    nearest = float(round(figure))  # half to even, as the table always rounded
    if abs(figure - nearest) <= _SNAP * max(abs(nearest), 1.0):
        figure = nearest
    return math.ceil(figure)


def _float_sum(values: Sequence[float]) -> float:
    """The sum of ``values``, added in the order NumPy adds them (pairwise, eight at a time).

    The table was computed with pandas until this module took it over; summing in the same order
    keeps every figure a plan shows identical to the last bit (plain left-to-right addition can
    differ in the last digit of a revenue split by awkward weights).
    """
    n = len(values)
    if n < 8:
        result = -0.0
        for value in values:
            result += value
        return result
    if n <= 128:
        partial = list(values[:8])
        i = 8
        while i < n - n % 8:
            for j in range(8):
                partial[j] += values[i + j]
            i += 8
        result = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + (
            (partial[4] + partial[5]) + (partial[6] + partial[7])
        )
        for value in values[i:]:
            result += value
        return result
    half = n // 2
    half -= half % 8
    return _float_sum(values[:half]) + _float_sum(values[half:])


def funnel_rows(result: FunnelResult) -> list[tuple[str, list[str]]]:
    """The table as text, row by row: (quarter label, one figure per stage); empty without a table.

    Revenue reads as ``format_number`` shows it (decimals kept); counts are whole numbers.
    """
    if result.table is None:
        return []
    return [
        (row.label, [format_number(row.revenue), *(format_number(count) for count in row.counts)])
        for row in result.table.rows
    ]


def candidate_text(team_name: str, stage: str, quarter: str, value: float, unit: str = "") -> str:
    """A funnel figure as a candidate goal: "Marketing: 1,200 MQLs in Q1 2027".

    ``unit`` follows the number ("Sales: 2,500,000 EUR revenue in Q1 2027"); the total row reads
    "in total". Raises KeyError for a stage not in ``STAGES`` and ValueError for a non-finite value.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite figure: {value!r}")
    many, one = STAGE_NOUNS[stage]
    noun = translate("Funnel", one if value == 1 else many)
    amount = format_number(value) + (f" {unit.strip()}" if unit.strip() else "")
    # The candidate is written in the leader's language, as they would have typed it.
    if quarter == TOTAL_LABEL:
        figure = translate("Funnel", "{amount} {noun} in total").format(amount=amount, noun=noun)
    else:
        figure = translate("Funnel", "{amount} {noun} in {quarter}").format(
            amount=amount, noun=noun, quarter=quarter
        )
    prefix = f"{team_name.strip()}: " if team_name.strip() else ""
    return prefix + figure

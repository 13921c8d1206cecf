"""The next cycle from this plan: which objectives are unfinished, and how they and their lessons read
in the next offsite's brainstorm.

Plain rules on plain values (``services.cycle`` reads them from a plan, ``exchange.cycle`` writes
the new plan with them):

- an objective is **unfinished** when its last quarter review decided to keep or change it, or
  scored below 0.7 (the OKR line of “delivered”), or when it has no review at all; a review that
  decided to **drop** it is the leaders' word that it does not go on, whatever it scored, so it is
  not proposed (the facilitator can still tick it);
- the proposed title and horizon of the next offsite: the next half after “H1 2027”, the next
  quarter after “Q4 2027”, the next year after “2027” or “FY2027”;
- the words a carried-over candidate and a “Last cycle” parking-lot item are written with.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.labels import quote
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.progress import format_score, parse_period
from offsite.domain.rules import MAX_TEXT

#: A score at or above this (as shown, to one decimal) is a delivered objective (OKR practice).
DELIVERED: Final = Decimal("0.7")
#: Decisions of a quarter review that take the objective into the next cycle.
CARRY_DECISIONS: Final = frozenset({"keep", "change"})
#: What a “Last cycle” parking-lot item says it was raised in (the parking lot shows it).
LAST_CYCLE: Final = "Last cycle"

#: A quarter review's decision as a sentence says it (stored in English: "keep", "change", "drop").
DECISION_WORDS: Final = {
    "keep": QT_TRANSLATE_NOOP("NextCycle", "keep"),
    "change": QT_TRANSLATE_NOOP("NextCycle", "change"),
    "drop": QT_TRANSLATE_NOOP("NextCycle", "drop"),
}


def decision_words(decision: str) -> str:
    """A stored decision in the leader's language ("keep" → "beibehalten"); any other text as it is."""
    return translate("NextCycle", DECISION_WORDS[decision]) if decision in DECISION_WORDS else decision


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


# --- Scores and quarters ------------------------------------------------------------------------------
# The cadence's own rules (``offsite.domain.progress``), for the quarter a review closes.


def shown_score(score: float) -> str:
    """A score as leaders see it: one decimal, halves up (0.65 reads 0.7)."""
    return format_score(score)


def quarter_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a stored quarter (“2027-Q1”); None for anything else."""
    if _QUARTER.match(period) is None:
        return None
    quarter = parse_period(period)
    return quarter.start, quarter.end


def quarter_words(period: str) -> str:
    """“2027-Q1” as people write it, “Q1 2027”; any other text as it is."""
    return parse_period(period).words if _QUARTER.match(period) else period


# --- What an objective leaves behind -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuarterReview:
    """An objective's review at a quarter's end, as the next cycle reads it."""

    period: str
    #: The leaders' score if they overrode it, else its metrics' score at the quarter's end; None: none.
    score: float | None
    decision: str
    worked: str
    did_not_work: str

    @property
    def quarter(self) -> str:
        """“Q1” of “2027-Q1”: the quarter the dialog names a score by."""
        return self.period.rsplit("-", 1)[-1]

    @property
    def has_notes(self) -> bool:
        return bool(self.worked.strip() or self.did_not_work.strip() or self.decision)


@dataclass(frozen=True, slots=True)
class CarriedMetric:
    """A metric of an objective: its definition, and the last actual recorded (the next baseline)."""

    name: str
    unit: str
    baseline: float | None
    target: float | None
    due: dt.date | None
    last_actual: float | None = None
    last_on: dt.date | None = None

    def words(self) -> str:
        """“Appointments booked: 120 → 300 meetings by 30 Jun 2027; last 180 on 28 Mar 2027”."""
        unit = self.unit.strip()
        unit = "%" if unit == "%" else f" {unit}" if unit else ""
        if self.baseline is None and self.target is None:
            figures = translate("NextCycle", "no baseline or target")
        else:
            figures = f"{format_number(self.baseline) or '?'} → {format_number(self.target) or '?'}{unit}"
        if self.due is not None:
            figures = translate("NextCycle", "{figures} by {due}").format(
                figures=figures, due=format_short_date(self.due)
            )
        name = self.name.strip() or translate("NextCycle", "A metric")
        text = f"{name}: {figures}"
        if self.last_actual is not None:
            last = format_number(self.last_actual)
            if self.last_on is not None:
                text += translate("NextCycle", "; last {actual} on {day}").format(
                    actual=last, day=format_short_date(self.last_on)
                )
            else:
                text += translate("NextCycle", "; last {actual}").format(actual=last)
        return text


@dataclass(frozen=True, slots=True)
class ObjectiveOutcome:
    """An objective at the end of the cycle: its quarter reviews (oldest first) and metrics."""

    id: int
    uid: str
    statement: str
    period: str
    #: The names of its teams, in plan order.
    teams: tuple[str, ...]
    reviews: tuple[QuarterReview, ...]
    metrics: tuple[CarriedMetric, ...]

    @property
    def last_review(self) -> QuarterReview | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def unfinished(self) -> bool:
        """Whether the next cycle is proposed to carry it (the module's rule)."""
        last = self.last_review
        if last is None:
            return True
        if last.decision == "drop":
            return False
        if last.decision in CARRY_DECISIONS:
            return True
        return last.score is None or Decimal(shown_score(last.score)) < DELIVERED

    @property
    def why(self) -> str:
        """What the last review says, as the dialog shows it: “Q1 score 0.4 · decision: keep”."""
        last = self.last_review
        if last is None:
            return translate("NextCycle", "no quarter review")
        if last.score is None:
            parts = [translate("NextCycle", "{quarter} no score").format(quarter=last.quarter)]
        else:
            parts = [
                translate("NextCycle", "{quarter} score {score}").format(
                    quarter=last.quarter, score=shown_score(last.score)
                )
            ]
        if last.decision:
            parts.append(
                translate("NextCycle", "decision: {decision}").format(decision=decision_words(last.decision))
            )
        return " · ".join(parts)


# --- The words of the next offsite -----------------------------------------------------------------


def names(items: Sequence[str]) -> str:
    """“Sales”, “Sales and Marketing”, “Sales, Marketing and RevOps”."""
    if len(items) < 2:
        return items[0] if items else ""
    return translate("NextCycle", "{names} and {last}").format(names=", ".join(items[:-1]), last=items[-1])


def _sentence(text: str) -> str:
    """A note on one line without its closing full stop (the item adds its own)."""
    return " ".join(text.split()).rstrip(" .")


def clipped(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` within what a plan stores in one field, cut with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def carried_origin(plan_title: str, outcome: ObjectiveOutcome) -> str:
    """Where a carried-over candidate came from: “Carried over from “Offsite 2027” › Sales: “Go outbound” (Q1 2027)”."""
    teams = names(outcome.teams)
    where = f"{teams}: " if teams else ""
    period = f" ({outcome.period.strip()})" if outcome.period.strip() else ""
    plan = quote(plan_title) if plan_title else translate("NextCycle", "the last plan")
    return clipped(
        translate("NextCycle", "Carried over from {plan} › {where}").format(
            plan=plan, where=f"{where}{quote(outcome.statement)}{period}"
        )
    )


def carried_notes(outcome: ObjectiveOutcome) -> dict[str, str]:
    """The SMART notes a carried-over candidate starts with, by criterion: its metrics (with the
    last actual, the next baseline) under measurable, its last review under achievable. The
    answers themselves stay unjudged: a new cycle judges them again."""
    notes: dict[str, str] = {}
    if outcome.metrics:
        notes["measurable"] = clipped(
            translate("NextCycle", "Last cycle: {notes}.").format(
                notes="; ".join(m.words() for m in outcome.metrics)
            )
        )
    last = outcome.last_review
    if last is not None:
        notes["achievable"] = clipped(
            translate("NextCycle", "Last cycle: {notes}.").format(notes=outcome.why)
        )
    return notes


def retrospective(outcome: ObjectiveOutcome) -> str:
    """The “Last cycle” parking-lot item of an objective: every quarter review's score, decision,
    what worked and what did not, oldest first; "" when no review holds any of it."""
    parts: list[str] = []
    for review in outcome.reviews:
        if not review.has_notes and review.score is None:
            continue
        head = quarter_words(review.period)
        if review.score is not None:
            head = translate("NextCycle", "{quarter} score {score}").format(
                quarter=head, score=shown_score(review.score)
            )
        if review.decision:
            head += translate("NextCycle", ", decision: {decision}").format(
                decision=decision_words(review.decision)
            )
        sentences = [head]
        if review.worked.strip():
            sentences.append(translate("NextCycle", "Worked: {notes}").format(notes=_sentence(review.worked)))
        if review.did_not_work.strip():
            sentences.append(
                translate("NextCycle", "Did not work: {notes}").format(notes=_sentence(review.did_not_work))
            )
        parts.append(". ".join(sentences))
    if not parts:
        return ""
    return clipped(
        translate("NextCycle", "Last cycle › {objective}: {reviews}.").format(
            objective=quote(outcome.statement), reviews=". ".join(parts)
        )
    )


# --- The next offsite's title and horizon ------------------------------------------------------------

_HALF = re.compile(r"^\s*H([12])\s*[-/ ]?\s*(\d{4})\s*$|^\s*(\d{4})\s*[-/ ]?\s*H([12])\s*$", re.IGNORECASE)
_QUARTER_WORDS = re.compile(
    r"^\s*Q([1-4])\s*[-/ ]?\s*(\d{4})\s*$|^\s*(\d{4})\s*[-/ ]?\s*Q([1-4])\s*$", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def next_horizon(horizon: str) -> str:
    """The period after ``horizon``: “H1 2027” → “H2 2027”, “H2 2027” → “H1 2028”, “Q4 2027” →
    “Q1 2028”, and any other text with years in it a year on (“2027” → “2028”, “FY2027” →
    “FY2028”); text without a year stays as it is."""
    half = _HALF.match(horizon)
    if half is not None:
        number, year = (int(half[1]), int(half[2])) if half[1] else (int(half[4]), int(half[3]))
        return f"H2 {year}" if number == 1 else f"H1 {year + 1}"
    quarter = _QUARTER_WORDS.match(horizon)
    if quarter is not None:
        number, year = (
            (int(quarter[1]), int(quarter[2])) if quarter[1] else (int(quarter[4]), int(quarter[3]))
        )
        return f"Q{number + 1} {year}" if number < 4 else f"Q1 {year + 1}"
    return _YEAR.sub(lambda m: str(int(m[1]) + 1), horizon.strip())


def next_title(title: str, horizon: str, following: str) -> str:
    """The next offsite's title: the horizon or year in ``title`` moved on to ``following`` (the
    next horizon). “Offsite H1 2027” → “Offsite H2 2027”; “Offsite 2027” → “Offsite 2028” when the
    next horizon is in 2028, “Offsite H2 2027” when it is the same year's second half; a title
    without either gains the next horizon, or “(next cycle)”."""
    title = " ".join(title.split())
    if horizon.strip() and following.strip() and horizon.strip() in title:
        return title.replace(horizon.strip(), following.strip())
    years = _YEAR.findall(following)
    in_title = _YEAR.findall(title)
    if in_title and years:
        old, new = in_title[-1], years[-1]
        at = title.rfind(old)
        replacement = new if new != old else following.strip()
        return title[:at] + replacement + title[at + len(old) :]
    if in_title:
        at = title.rfind(in_title[-1])
        return title[:at] + str(int(in_title[-1]) + 1) + title[at + 4 :]
    if following.strip():
        return f"{title} {following.strip()}".strip()
    return translate("NextCycle", "{title} (next cycle)").format(title=title or "Offsite")


def carried_by_default(outcomes: Sequence[ObjectiveOutcome]) -> tuple[str, ...]:
    """The uids of the objectives the next cycle proposes to carry: the unfinished ones, in plan order."""
    return tuple(o.uid for o in outcomes if o.unfinished)

"""The SMART check of a candidate goal: the five criteria, and the hints the app can compute from its text.

The hints only suggest; the facilitator records each criterion as yes or no, with a note.

- A number: any digit that is not part of a period or date ("1,200", "50%", "$2M", "3.5" count;
  the "1" of "Q1" and the "2027" of "FY2027" do not). Number words ("double") are not read.
- A period or date: a quarter or half (Q1–Q4, H1/H2, optionally with a year: "Q1 2027", "Q3'27"),
  a fiscal year (FY2027, FY27), a year from 1990 to 2099, an English month name (full or three
  letters; "May" only beside a day, a year or a word like "in", "by" or "end of", since "may" is
  also a verb), an ISO date (2027-03-31), a numeric date (31/03/2027), "by (the) end of", "next
  quarter", "this year", "year-end", "per month", "quarterly", "within 90 days" and the like.
- A team: the candidate has an owning team (the caller says so).

Whether a candidate *passes* is the facilitator's record, not a hint: ``passes`` is True when all
five questions are marked yes. An objective passes when a candidate it was promoted from passes
(``objectives_passing``); the Review screen, the alignment index and the PDF all ask these two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from offsite.domain.exercises import CandidateView, SmartCriterion
from offsite.domain.language import QT_TRANSLATE_NOOP

CRITERIA = ("specific", "measurable", "achievable", "realistic", "timely")
#: Shown as ``translate("Smart", CRITERION_LABELS[c])`` (and the questions likewise).
CRITERION_LABELS = {
    "specific": QT_TRANSLATE_NOOP("Smart", "Specific"),
    "measurable": QT_TRANSLATE_NOOP("Smart", "Measurable"),
    "achievable": QT_TRANSLATE_NOOP("Smart", "Achievable"),
    "realistic": QT_TRANSLATE_NOOP("Smart", "Realistic"),
    "timely": QT_TRANSLATE_NOOP("Smart", "Timely"),
}
CRITERION_QUESTIONS = {
    "specific": QT_TRANSLATE_NOOP("Smart", "Does it say exactly what will be done, and which team owns it?"),
    "measurable": QT_TRANSLATE_NOOP("Smart", "Is there a number that will show whether it happened?"),
    "achievable": QT_TRANSLATE_NOOP("Smart", "Can the team do it with the people, budget and time it has?"),
    "realistic": QT_TRANSLATE_NOOP(
        "Smart", "Does it fit the market, the rest of the plan and what the teams have done before?"
    ),
    "timely": QT_TRANSLATE_NOOP("Smart", "Does it say by when, or in which period?"),
}
MIN_SPECIFIC_WORDS = 3

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?<![\w$€£¥.,])(?:199\d|20\d\d)(?![\w%]|[.,]\d)"
_UNIT = r"(?:hour|day|week|month|quarter|year)s?"
_PERIOD_PATTERNS = (
    # Quarters and halves, with an optional short year: Q1, Q3'27, H2.
    r"\b(?:q[1-4]|h[12])\b(?:\s*['’]\d{2}\b)?",
    # Fiscal or calendar years: FY2027, FY27, FY 2027, CY2026.
    r"\b(?:fy|cy)\s?['’]?(?:\d{4}|\d{2})\b",
    # ISO dates and months: 2027-03-31, 2027-03.
    r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?\b",
    # Numeric dates: 31/03/2027, 3.31.27.
    r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b",
    # A day and a month, either way round: 14 January, 1st of March, March 1st.
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\s+{_DAY}\b",
    rf"\b{_MONTH}\b",
    # "May" only where it must be the month (it is also a verb).
    rf"\b(?:in|by|until|till|before|after|from|since|during|of|end)\s+may\b|\bmay\s+(?:{_DAY}\b|\d{{4}}\b)",
    _YEAR,
    r"\bby\s+(?:the\s+)?end\s+of\b",
    r"\b(?:end|start|beginning)\s+of\s+(?:the\s+)?(?:year|quarter|month|half|fiscal\s+year)\b",
    r"\b(?:this|next|last|coming|current|following)\s+(?:fiscal\s+)?(?:week|month|quarter|half|year)\b",
    r"\b(?:year|quarter|month|week)[\s-]end\b",
    r"\b(?:per|each|every|a)\s+(?:week|month|quarter|year)\b",
    r"\b(?:weekly|monthly|quarterly|annually|yearly|annual|ytd|qtd|eoy|eoq|yoy)\b",
    rf"\b(?:within|in|over|for)\s+(?:the\s+)?(?:next\s+|first\s+|last\s+)?\d+\s+{_UNIT}\b",
    rf"\b\d+[\s-]{_UNIT}\b",
)
_PERIOD = re.compile("|".join(f"(?:{p})" for p in _PERIOD_PATTERNS), re.IGNORECASE)
# The period tokens whose digits are dates, not measures: removed before looking for a number.
_DATE_DIGITS = re.compile(
    "|".join(f"(?:{p})" for p in (*_PERIOD_PATTERNS[:5], _YEAR)),
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class SmartHints:
    """What the app can see in a candidate's text; ``word_count`` counts words with a letter or digit."""

    has_number: bool
    has_period: bool
    has_team: bool
    word_count: int


def has_number(text: str) -> bool:
    """True when ``text`` holds a figure other than the digits of a period or date."""
    return bool(_DIGIT.search(_DATE_DIGITS.sub(" ", text)))


def has_period(text: str) -> bool:
    """True when ``text`` names a period or a date (see the module docstring)."""
    return bool(_PERIOD.search(text))


def word_count(text: str) -> int:
    """How many whitespace-separated words of ``text`` hold a letter or a digit."""
    return sum(1 for token in text.split() if _WORD.search(token))


def smart_hints(text: str, team_set: bool) -> SmartHints:
    """The hints for a candidate's text, given whether it has an owning team."""
    return SmartHints(has_number(text), has_period(text), team_set, word_count(text))


def suggested(hints: SmartHints) -> dict[str, bool | None]:
    """A suggested answer per criterion: measurable ← a number, timely ← a period, specific ← a team
    and at least three words; achievable and realistic are None (human judgement only).
    """
    return {
        "specific": hints.has_team and hints.word_count >= MIN_SPECIFIC_WORDS,
        "measurable": hints.has_number,
        "achievable": None,
        "realistic": None,
        "timely": hints.has_period,
    }


def passes(candidate: CandidateView) -> bool:
    """True when every one of the five SMART questions of ``candidate`` is marked yes.

    A question not judged yet (None), or missing from the candidate's marks, does not pass.
    """
    marks = {m.criterion: m.value for m in candidate.smart}
    return all(marks.get(criterion) is True for criterion in SmartCriterion)


def objectives_passing(candidates: Iterable[CandidateView]) -> dict[int, bool]:
    """Objective id → whether a candidate it was promoted from ``passes`` the SMART check.

    An objective not promoted from any candidate is missing here, and so counts as not passing
    (it has no SMART marks): the one rule of the Review screen, the alignment index and the PDF.
    """
    passed: dict[int, bool] = {}
    for candidate in candidates:
        if candidate.objective_id is not None:
            passed[candidate.objective_id] = passed.get(candidate.objective_id, False) or passes(candidate)
    return passed

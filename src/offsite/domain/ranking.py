"""Votes on candidate goals and the shortlist: dot budgets, impact scores, ranking and "keep the top N".

Eligibility (a decision, shown in the UI as ``ELIGIBILITY_RULE``): only a candidate with at least one
dot (when ranking by dots) or an impact score (when ranking by impact) can make the shortlist. An
idea nobody voted for is not promoted just because its team has fewer than N ideas.

Ties are broken the same way every time: by dots, then impact, then the earlier-created candidate
(or by impact, then dots, then earlier-created); a candidate without an impact score sorts after
every scored one. ``rank`` is the 1-based position in that order, so no two candidates share one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from offsite.domain.exercises import BrainstormView
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate

DEFAULT_DOT_BUDGET = 3
DEFAULT_TOP_N = 3
IMPACT_MIN, IMPACT_MAX = 1, 5
#: Written before the language is chosen: shown as ``translate("Ranking", ELIGIBILITY_RULE)``.
ELIGIBILITY_RULE = QT_TRANSLATE_NOOP(
    "Ranking",
    "Only a candidate with at least one dot (or, when ranking by impact, an impact score) can make "
    "the shortlist.",
)

RankBy = Literal["dots", "impact"]


@dataclass(frozen=True, slots=True)
class DotVote:
    """Dots a leader put on a candidate; several records for the same pair add up."""

    leader_uid: str
    candidate_uid: str
    dots: int


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    """A candidate's place in the pool; ``eligible`` says whether it may make the shortlist."""

    uid: str
    team_uid: str | None
    dots: int
    impact: int | None
    rank: int
    eligible: bool


def dots_used(votes: Iterable[DotVote], leader_uid: str, candidate_uid: str | None = None) -> int:
    """The dots a leader has placed, on every candidate or on one."""
    return sum(
        v.dots
        for v in votes
        if v.leader_uid == leader_uid and (candidate_uid is None or v.candidate_uid == candidate_uid)
    )


def dots_left(budget: int, votes: Iterable[DotVote], leader_uid: str) -> int:
    """The dots a leader can still place: the budget less what they placed, never below zero.

    (A budget lowered after voting can leave a leader over it; they have none left, and may take
    dots back.) Raises ValueError for a negative budget.
    """
    if budget < 0:
        raise ValueError(f"a dot budget cannot be negative: {budget}")
    return max(0, budget - dots_used(votes, leader_uid))


def check_vote(
    budget: int,
    votes: Iterable[DotVote],
    leader_uid: str,
    adding: int,
    candidate_uid: str | None = None,
) -> str | None:
    """Why a leader cannot add ``adding`` dots (negative: take back), or None when they can.

    With ``candidate_uid``, taking back is checked against that candidate's dots from this leader;
    without it, against all the leader's dots. Raises ValueError for a negative budget.
    """
    votes = list(votes)
    left = dots_left(budget, votes, leader_uid)
    if adding > left:
        if left == 0:
            return translate(
                "Ranking", "No dots left of a budget of {budget}; take one back to vote elsewhere."
            ).format(budget=format_number(budget))
        return plural(
            left,
            translate("Ranking", "Only {count} dot left of a budget of {budget}; you cannot place {adding}."),
            translate(
                "Ranking", "Only {count} dots left of a budget of {budget}; you cannot place {adding}."
            ),
        ).format(count=format_number(left), budget=format_number(budget), adding=format_number(adding))
    if adding < 0:
        placed = dots_used(votes, leader_uid, candidate_uid)
        if placed + adding < 0:
            if candidate_uid is not None:
                refusal = plural(
                    placed,
                    translate("Ranking", "Only {count} dot placed here; you cannot take back {taking}."),
                    translate("Ranking", "Only {count} dots placed here; you cannot take back {taking}."),
                )
            else:
                refusal = plural(
                    placed,
                    translate("Ranking", "Only {count} dot placed in all; you cannot take back {taking}."),
                    translate("Ranking", "Only {count} dots placed in all; you cannot take back {taking}."),
                )
            return refusal.format(count=format_number(placed), taking=format_number(-adding))
    return None


def check_impact(impact: int | None) -> str | None:
    """Why ``impact`` is not a valid score (1 to 5, or None for none), or None when it is."""
    if impact is None or IMPACT_MIN <= impact <= IMPACT_MAX:
        return None
    return translate("Ranking", "An impact score is from {low} to {high}.").format(
        low=IMPACT_MIN, high=IMPACT_MAX
    )


def rank(
    candidates: Sequence[tuple[str, str | None, int]],
    votes: Iterable[DotVote],
    impacts: Mapping[str, int | None],
    by: RankBy = "dots",
) -> list[RankedCandidate]:
    """The candidates (uid, team uid, created order) in rank order, best first.

    Dots are summed over all leaders' votes (votes for unknown candidates are ignored); a candidate
    missing from ``impacts`` has no score. Raises ValueError for an impact outside 1–5 or an
    unknown ``by``.
    """
    if by not in ("dots", "impact"):
        raise ValueError(f"rank by 'dots' or 'impact', not {by!r}")
    for uid, impact in impacts.items():
        if check_impact(impact) is not None:
            raise ValueError(f"impact of {uid!r} is {impact}; it must be from {IMPACT_MIN} to {IMPACT_MAX}")
    known = {uid for uid, _, _ in candidates}
    dots: dict[str, int] = dict.fromkeys(known, 0)
    for vote in votes:
        if vote.candidate_uid in known:
            dots[vote.candidate_uid] += vote.dots

    def key(candidate: tuple[str, str | None, int]) -> tuple[int | str, ...]:
        uid, _, created = candidate
        impact = impacts.get(uid)
        unscored = 1 if impact is None else 0
        if by == "dots":
            return (-dots[uid], unscored, -(impact or 0), created, uid)
        return (unscored, -(impact or 0), -dots[uid], created, uid)

    ordered = sorted(candidates, key=key)
    return [
        RankedCandidate(
            uid,
            team_uid,
            dots[uid],
            impacts.get(uid),
            position,
            eligible=dots[uid] > 0 if by == "dots" else impacts.get(uid) is not None,
        )
        for position, (uid, team_uid, _) in enumerate(ordered, start=1)
    ]


def rank_pool(pool: BrainstormView, by: RankBy = "dots") -> list[RankedCandidate]:
    """The whole candidate pool in rank order (uids are the candidates' and leaders' ids as text):
    how the Candidates screen lists it and the PDF's shortlist prints it."""
    uids = {c.id: c.uid for c in pool.candidates}
    return rank(
        [(c.uid, None if c.team_id is None else str(c.team_id), i) for i, c in enumerate(pool.candidates)],
        [
            DotVote(str(v.leader_id), uids[v.candidate_id], v.dots)
            for v in pool.votes
            if v.candidate_id in uids
        ],
        {c.uid: c.impact for c in pool.candidates},
        by,
    )


def shortlist(ranked: Sequence[RankedCandidate], top_n: int = DEFAULT_TOP_N) -> dict[str | None, list[str]]:
    """The top ``top_n`` eligible candidates of each team, in rank order.

    Every team in ``ranked`` has a key, in order of its best-ranked candidate, even when none of
    its candidates is eligible (an empty list); None is the key for candidates without a team.
    Raises ValueError for a negative ``top_n``.
    """
    if top_n < 0:
        raise ValueError(f"keep the top N with N of zero or more, not {top_n}")
    kept: dict[str | None, list[str]] = {}
    for candidate in sorted(ranked, key=lambda c: c.rank):
        team = kept.setdefault(candidate.team_uid, [])
        if candidate.eligible and len(team) < top_n:
            team.append(candidate.uid)
    return kept

"""The overlap review as the Overlaps tab, the PDF and the alignment index all count it.

``review_overlaps`` is the one place that decides, from a plan and its stored resolutions:

- **the findings to settle**: ``find_overlaps`` (never "same company goal"), each with the
  resolution stored under its key (the rule and the two objectives' uids). A finding is *settled*
  when such a resolution exists, and only then.
- **merges**: a merge folds one objective into the other, so its pair no longer shows as a finding;
  the merge still counts as a finding found and settled, when its rule is one that makes findings.
- **the goals served together** (``goal_groups``): information, never counted, never settled.
- **history**: every other stored resolution, shown and never counted. Plans written before serving
  the same goal stopped being a finding may hold resolutions under "same company goal": such a
  record is shown with its goal's group when both of its objectives (or the shared objective its
  merge made) serve that goal, and in the history otherwise. A resolution whose pair the rules no
  longer find (a metric renamed since) and one under a rule this version does not know go to the
  history too.

``found``, ``settled`` and ``to_settle`` are what the screen's summary, the PDF's summary and the
alignment index's "Overlaps resolved" all use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from offsite.domain.language import plural, translate
from offsite.domain.overlap import FINDING_RULES, GoalGroup, Overlap, OverlapRule, find_overlaps, goal_groups
from offsite.domain.signoff import ResolutionAction, ResolutionView, in_sentence, overlap_key
from offsite.domain.values import PlanView


@dataclass(frozen=True, slots=True)
class ReviewedFinding:
    """A finding to settle, the key its resolution is stored under, and that resolution if any."""

    finding: Overlap
    key: str
    resolution: ResolutionView | None

    @property
    def settled(self) -> bool:
        return self.resolution is not None


@dataclass(frozen=True, slots=True)
class ServedTogether:
    """A company goal several teams' objectives serve, with what was noted on their pairs earlier."""

    group: GoalGroup
    #: "Same company goal" resolutions stored before it stopped being a finding, oldest first.
    earlier: tuple[ResolutionView, ...]


@dataclass(frozen=True, slots=True)
class OverlapReview:
    findings: tuple[ReviewedFinding, ...]
    #: Merges whose pair is gone: each a finding found and settled.
    merges: tuple[ResolutionView, ...]
    groups: tuple[ServedTogether, ...]
    #: Resolutions that settle nothing counted here (see the module docstring), oldest first.
    history: tuple[ResolutionView, ...]

    @property
    def found(self) -> int:
        """Overlaps found: the findings, and the merges that settled a finding whose pair is gone."""
        return len(self.findings) + len(self.merges)

    @property
    def settled(self) -> int:
        return sum(f.settled for f in self.findings) + len(self.merges)

    @property
    def to_settle(self) -> int:
        return self.found - self.settled


def is_finding_rule(rule: str) -> bool:
    """True when ``rule`` (as stored) names a rule whose findings are overlaps to settle."""
    return rule in {r.value for r in FINDING_RULES}


def review_overlaps(view: PlanView, resolutions: Iterable[ResolutionView]) -> OverlapReview:
    """The findings of ``view`` with how each was settled, its goal groups and the history."""
    return review_found(view, find_overlaps(view), goal_groups(view), resolutions)


def review_found(
    view: PlanView,
    found: Iterable[Overlap],
    groups: Iterable[GoalGroup],
    resolutions: Iterable[ResolutionView],
) -> OverlapReview:
    """``review_overlaps`` from findings and goal groups found already (``find_overlaps`` and
    ``goal_groups`` of ``view``, or an ``OverlapIndex`` kept up to date): the same review."""
    groups = list(groups)
    stored = list(resolutions)
    uids = {o.id: o.uid for o in view.objectives}
    ids = {o.uid: o.id for o in view.objectives}
    by_key = {r.key: r for r in stored}

    findings = []
    for finding in found:
        key = overlap_key(finding.rule.value, uids[finding.first_id], uids[finding.second_id])
        findings.append(ReviewedFinding(finding, key, by_key.get(key)))
    used = {f.key for f in findings}

    earlier: dict[int, list[ResolutionView]] = {g.goal_id: [] for g in groups}
    merges: list[ResolutionView] = []
    history: list[ResolutionView] = []
    for resolution in stored:
        if resolution.key in used:
            continue
        if resolution.rule == OverlapRule.SAME_COMPANY_GOAL.value:
            group = _group_of(resolution, groups, ids)
            if group is not None:
                earlier[group.goal_id].append(resolution)
                continue
        elif resolution.action is ResolutionAction.MERGED and is_finding_rule(resolution.rule):
            merges.append(resolution)
            continue
        history.append(resolution)
    return OverlapReview(
        tuple(findings),
        tuple(merges),
        tuple(ServedTogether(g, tuple(earlier[g.goal_id])) for g in groups),
        tuple(history),
    )


def _group_of(resolution: ResolutionView, groups: list[GoalGroup], ids: dict[str, int]) -> GoalGroup | None:
    """The first group that holds both objectives of ``resolution`` (or the objective its merge made)."""
    if resolution.action is ResolutionAction.MERGED:
        wanted = {ids.get(resolution.merged_objective_uid or "")}
    else:
        wanted = {ids.get(resolution.first_uid), ids.get(resolution.second_uid)}
    if None in wanted:
        return None
    return next((g for g in groups if wanted <= set(g.objective_ids)), None)


# --- Words the screen and the PDF share ----------------------------------------------------------


def to_settle_text(review: OverlapReview) -> str:
    """ "2 overlaps to settle", "1 overlap to settle", "No overlap to settle"."""
    count = review.to_settle
    if count == 0:
        return translate("OverlapReview", "No overlap to settle")
    return plural(
        count,
        translate("OverlapReview", "{count} overlap to settle"),
        translate("OverlapReview", "{count} overlaps to settle"),
    ).format(count=count)


def teams_of(view: PlanView, objective_id: int) -> str:
    """The owning teams of an objective, in the plan's team order: "Sales + Marketing"."""
    objective = view.objective(objective_id)
    return owners_text(view, objective.team_ids if objective is not None else ())


def owners_text(view: PlanView, team_ids: Iterable[int]) -> str:
    """Teams by id, in the plan's team order: "Sales + Marketing"; "no team" for none."""
    owners = set(team_ids)
    return " + ".join(t.name for t in view.teams if t.id in owners) or translate("OverlapReview", "no team")


def group_text(view: PlanView, group: GoalGroup, *, at_most: int | None = None) -> str:
    """ "Serve “Grow revenue 50%”: Go outbound (Sales), Fill the pipeline (Marketing)".

    With ``at_most``, names that many objectives and ends "and N more" (for a line on a screen).
    """
    by_id = {o.id: o for o in view.objectives}
    present = [o for objective_id in group.objective_ids if (o := by_id.get(objective_id)) is not None]
    named = present if at_most is None else present[:at_most]
    members = ", ".join(
        translate("OverlapReview", "{objective} ({teams})").format(
            objective=o.statement, teams=owners_text(view, o.team_ids)
        )
        for o in named
    )
    more = len(present) - len(named)
    if more:
        return translate("OverlapReview", "Serve “{goal}”: {objectives} and {more} more").format(
            goal=group.statement, objectives=members, more=more
        )
    return translate("OverlapReview", "Serve “{goal}”: {objectives}").format(
        goal=group.statement, objectives=members
    )


def earlier_text(view: PlanView, resolution: ResolutionView) -> str:
    """What a resolution stored earlier said, naming its objectives as they are now:
    "“Go outbound” and “Fill the pipeline”: kept with a note, “Separate motions.”"."""
    by_uid = {o.uid: o for o in view.objectives}
    if resolution.action is ResolutionAction.MERGED:
        merged = by_uid.get(resolution.merged_objective_uid or "")
        what = (
            translate("OverlapReview", "Merged into “{objective}”").format(objective=merged.statement)
            if merged is not None
            else translate("OverlapReview", "Merged")
        )
    else:
        found = [o for u in (resolution.first_uid, resolution.second_uid) if (o := by_uid.get(u)) is not None]
        # In the plan's order, as the screen lists objectives, not in the stored key's uid order.
        names = [o.statement for o in sorted(found, key=lambda o: o.id)]
        if len(names) == 2:
            pair = translate("OverlapReview", "“{first}” and “{second}”").format(
                first=names[0], second=names[1]
            )
        elif names:
            pair = translate("OverlapReview", "“{objective}” and an objective no longer in the plan").format(
                objective=names[0]
            )
        else:
            pair = translate("OverlapReview", "Two objectives no longer in the plan")
        what = translate("OverlapReview", "{objectives}: {settled}").format(
            objectives=pair, settled=in_sentence(resolution.action.label)
        )
    note = resolution.note.strip()
    if note:
        return translate("OverlapReview", "{settled}, “{note}”").format(settled=what, note=note)
    return what

"""What the PDF shows besides the plan itself: the sign-off, definitions, overlaps settled, the survey,
and the agreements beyond goals (journey, hand-offs, decision rights, incentives, joint practices)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from offsite.domain.agreements import AgreementView
from offsite.domain.signoff import DefinitionView, ResolutionView, SignoffView, SurveyView


@dataclass(frozen=True, slots=True)
class PdfExtras:
    """What the PDF shows besides the plan itself; every part is optional (an empty part is left out).

    ``smart_passed`` maps objective ids to whether the candidate each was promoted from passed all
    five SMART questions; ``export_plan_pdf`` derives it from the brainstorm.
    """

    plan_uid: str = ""
    signoff: SignoffView | None = None
    definitions: tuple[DefinitionView, ...] = ()
    resolutions: tuple[ResolutionView, ...] = ()
    survey: SurveyView | None = None
    smart_passed: Mapping[int, bool] = field(default_factory=dict)
    #: For a leader's draft, whose draft it is (“Maya Okafor’s draft of “…””): every footer says so.
    drafted_by: str = ""
    #: The agreements beyond goals, every kind, in display order (``AgreementView.kind`` tells which).
    agreements: tuple[AgreementView, ...] = ()
    #: Incentive id → why it rewards something no shared objective asks for (``incentive_warning``).
    incentive_warnings: Mapping[int, str] = field(default_factory=dict)

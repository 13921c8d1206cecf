"""The base of every record of the plan's declaration (``offsite.store.document.data``), and the
field types several records hold alike, each declared once with what it means."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from offsite.domain import rules
from offsite.domain.rules import MAX_COUNT, MAX_MINUTES
from offsite.domain.values import Stance
from offsite.store.document import fields as kinds
from offsite.store.document.fields import Choice, Edit, Ref, Since, Whole

Identity = Annotated[str, kinds.Uid()]
Text = Annotated[str, kinds.Text()]
NullableText = Annotated[str | None, kinds.Text(nullable=True)]
Texts = Annotated[tuple[str, ...], kinds.Texts()]
NullableDay = Annotated[str | None, kinds.Day(nullable=True)]
Moment = Annotated[str, kinds.Moment()]
NullableMoment = Annotated[str | None, kinds.Moment(nullable=True)]
NullableNumber = Annotated[float | None, kinds.Number(nullable=True)]
NullableNumbers = Annotated[tuple[float, ...] | None, kinds.Numbers(nullable=True)]
#: A sum of money a funnel starts from: never negative.
Amount = Annotated[NullableNumber, Edit(rules.AMOUNT)]
#: A funnel's conversion rate, in percent: from 0 to 100.
Percent = Annotated[NullableNumber, Edit(rules.PERCENT)]
#: Minutes of a time box: a whole number up to a day.
Minutes = Annotated[int, Whole(low=1, high=MAX_MINUTES), Edit(rules.MINUTES)]
#: How many of something a leader has or keeps (dots, shortlisted candidates).
Count = Annotated[int, Whole(low=1, high=MAX_COUNT), Edit(rules.COUNT)]
Flag = Annotated[bool, kinds.Flag()]
NullableFlag = Annotated[bool | None, kinds.Flag(nullable=True)]
# Fields several records hold alike, declared once with what they mean.
#: The leader whose entry, vote or rating it is.
ByLeader = Annotated[
    str, Ref(target="Leader"), Field(description="The uid of the leader (listed in leaders).")
]
#: A leader's stance on an objective or a definition.
LeaderStance = Annotated[
    str, Choice(choices=tuple(s.value for s in Stance)), Field(description="The leader's stance.")
]
#: What a leader said with a stance or a rating.
Said = Annotated[str, kinds.Text(), Field(description="What the leader said, if anything.")]
#: A leader of the plan who answers for something, or null: added in version 7 (older: no owner).
Owner = Annotated[str | None, Ref(target="Leader", nullable=True), Since(7, None)]
#: A date a reading or an event is as of.
Day = Annotated[str, kinds.Day()]


class Record(BaseModel):
    """A JSON object of the document: frozen, and refusing a field it does not declare."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    called: ClassVar[str] = "item"
    listed_in: ClassVar[str] = ""
    #: Whether a user changes its fields by the one edit verb; False: a record, kept as made.
    edited: ClassVar[bool] = True

"""The review cadence's records in the plan's declaration (interchange version 8): check-ins, import
mappings, quarter reviews, wins, alignment readings and the plan a cycle continues."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from offsite.domain import rules
from offsite.store.document import fields as kinds
from offsite.store.document.fields import Choice, Edit, Fingerprint, Fixed, LooseUid, Ref, Whole
from offsite.store.document.record import Day, Flag, Identity, Moment, Record, Text, Texts

# --- After the offsite: the review cadence (version 8) ----------------------------------------------
# Process records, like the survey: a signed plan still takes them, and no fingerprint covers them
# (the signed commitment and the progress tracked against it are kept apart).


class CheckIn(Record):
    """One reading of a metric after the offsite: its actual value as of a day, and how confident whoever checked in is."""

    called: ClassVar[str] = "check-in"
    listed_in: ClassVar[str] = "check_ins"

    uid: Identity = Field(description="The check-in's identity.")
    metric: Annotated[str, Ref(target="Metric"), Fixed()] = Field(
        description="The uid of the metric read (listed in an objective's metrics)."
    )
    as_of: Annotated[Day, Fixed()] = Field(
        description="The day the value is as of. A date (YYYY-MM-DD). One check-in per metric, day and source."
    )
    value: Annotated[float, kinds.Number()] = Field(
        description="The metric's actual value as of that day, in the metric's unit."
    )
    confidence: Annotated[int | None, Whole(low=0, high=10, nullable=True), Edit(rules.CONFIDENCE)] = Field(
        description="How confident the leader is that the target will be met, 0 to 10 (7–10 on track, 4–6 at risk, 0–3 off track), or null when not said."
    )
    note: Text = Field(description="A short note: what moved the number, what is in the way.")
    leader: Annotated[str | None, Ref(target="Leader", nullable=True)] = Field(
        description="The uid of the leader who checked in (listed in leaders), or null when it came from elsewhere."
    )
    by_name: Annotated[Text, Fixed()] = Field(
        description="Who checked in, as an imported file named them, when that is no leader of the plan; blank otherwise."
    )
    source: Annotated[Text, Fixed()] = Field(
        description="Where the value came from: blank when typed in Offsite, else the name of the import mapping that read it."
    )
    recorded_at: Moment = Field(description="When the check-in was recorded, in UTC.")


class MappingFilter(Record):
    """A filter of a list of records: only rows whose column holds one of the values count."""

    called: ClassVar[str] = "mapping filter"
    listed_in: ClassVar[str] = "import_mappings"

    column: Text = Field(description="The column's header, e.g. “Deal Stage”.")
    values: Texts = Field(description="The values that count, e.g. “Closed Won”.")


class MetricAlias(Record):
    """What a file calls one of the plan's metrics, e.g. “SQLs” for “Sales qualified leads”."""

    called: ClassVar[str] = "metric alias"
    listed_in: ClassVar[str] = "import_mappings"

    label: Text = Field(description="The name as the file writes it.")
    metric: Annotated[str, LooseUid()] = Field(
        description="The uid of the metric it stands for. Not checked: the metric may be removed since, and an alias of a removed metric matches nothing."
    )


class ImportMapping(Record):
    """How one source's files become check-ins: which columns hold what, saved for next time."""

    called: ClassVar[str] = "import mapping"
    listed_in: ClassVar[str] = "import_mappings"
    edited: ClassVar[bool] = False  # saved whole from the mapping screen, not a field at a time

    uid: Identity = Field(description="The mapping's identity.")
    name: Text = Field(
        description="The source it reads, e.g. “HubSpot closed-won deals”; unique in the plan."
    )
    layout: Annotated[str, Choice(choices=("totals", "records"))] = Field(
        description="totals: each row is a metric's value on a day; records: each row is a record (a deal, a lead) that a metric counts or sums."
    )
    metric_column: Text = Field(
        description="The header of the column naming the metric (totals); blank otherwise."
    )
    date_column: Text = Field(description="The header of the column holding the day.")
    value_column: Text = Field(
        description="The header of the column holding the value (totals) or the amount summed (records); blank to count records."
    )
    note_column: Text = Field(description="The header of the column holding a note; blank for none.")
    owner_column: Text = Field(description="The header of the column naming who; blank for none.")
    metric: Annotated[str | None, Ref(target="Metric", nullable=True)] = Field(
        description="The uid of the metric a list of records makes up (records); null otherwise."
    )
    aggregate: Annotated[str, Choice(choices=("count", "sum"))] = Field(
        description="Whether a list of records is counted or its value column summed."
    )
    period: Annotated[str, Choice(choices=("day", "week", "month", "quarter"))] = Field(
        description="The periods records are grouped into, one check-in each."
    )
    cumulative: Flag = Field(
        description="Whether each period's check-in is the running total since the plan's start."
    )
    decimal: Annotated[str, Choice(choices=("auto", "point", "comma"))] = Field(
        description="How the file writes decimals: auto (decided from the values), point (1,234.5) or comma (1.234,5)."
    )
    dates: Annotated[str, Choice(choices=("auto", "day_first", "month_first"))] = Field(
        description="How the file writes days: auto (decided from the values), day first (14/03/2027) or month first (03/14/2027)."
    )
    filters: tuple[MappingFilter, ...] = Field(
        description="The filters of a list of records, all of which a row must pass."
    )
    aliases: tuple[MetricAlias, ...] = Field(description="What the file calls the plan's metrics.")


class ObjectiveReview(Record):
    """An objective at a quarter's end: its score, and the retrospective the leaders wrote."""

    called: ClassVar[str] = "quarter review"
    listed_in: ClassVar[str] = "objective_reviews"

    uid: Identity = Field(description="The review's identity.")
    objective: Annotated[str, Ref(target="Objective"), Fixed()] = Field(
        description="The uid of the objective reviewed (listed in objectives)."
    )
    period: Annotated[Text, Fixed()] = Field(
        description="The quarter reviewed, e.g. “2027-Q1”. One review per objective and quarter."
    )
    score: Annotated[float | None, kinds.Number(nullable=True), Edit(rules.SCORE)] = Field(
        description="The score the leaders gave, 0.0 to 1.0, overriding the one its metrics make; null: the metrics' score stands."
    )
    reason: Text = Field(description="Why the score was overridden.")
    worked: Text = Field(description="What worked.")
    did_not_work: Text = Field(description="What did not.")
    decision: Annotated[str, Choice(choices=("", "keep", "drop", "change")), Edit(rules.DECISION)] = Field(
        description="What happens to the objective next cycle: keep, drop or change; blank while undecided."
    )
    reviewed_at: Moment = Field(description="When the review was last changed, in UTC.")


class Win(Record):
    """A win to celebrate, with the people to thank."""

    called: ClassVar[str] = "win"
    listed_in: ClassVar[str] = "wins"

    uid: Identity = Field(description="The win's identity.")
    on: Day = Field(description="The day it happened. A date (YYYY-MM-DD).")
    text: Text = Field(description="What was won, e.g. “First enterprise deal from an outbound sequence”.")
    thanks: Text = Field(description="The people to thank, as the leaders wrote them.")
    objective: Annotated[str | None, Ref(target="Objective", nullable=True)] = Field(
        description="The uid of the objective it serves, or null."
    )
    recorded_at: Moment = Field(description="When it was recorded, in UTC.")


class AlignmentReading(Record):
    """The alignment index when a quarter was closed, beside the leaders' own rating then: its trend."""

    called: ClassVar[str] = "alignment reading"
    listed_in: ClassVar[str] = "alignment_readings"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The reading's identity.")
    period: Text = Field(description="The quarter closed, e.g. “2027-Q1”. One reading per quarter.")
    evidence: Annotated[int, Whole(low=0, high=100)] = Field(
        description="The alignment index from the plan's evidence, 0 to 100."
    )
    self_rating: Annotated[float | None, kinds.Number(nullable=True)] = Field(
        description="The leaders' mean rating of their alignment then, 1 to 5, or null when none rated."
    )
    taken_at: Moment = Field(description="When it was taken, in UTC.")


class PreviousCycle(Record):
    """The plan this one continues: the link back to the last cycle's offsite."""

    called: ClassVar[str] = "previous cycle"
    listed_in: ClassVar[str] = "previous_cycle"
    edited: ClassVar[bool] = False

    plan_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of that plan. Not checked: it is another file."
    )
    title: Text = Field(description="Its title.")
    fingerprint: Annotated[str | None, Fingerprint(nullable=True)] = Field(
        description="The fingerprint of its signed version, or null when it was never signed."
    )
    file_name: Text = Field(description="Its file's name then, e.g. “offsite-2027.offsite”.")
    started_at: Moment = Field(description="When this cycle was started from it, in UTC.")

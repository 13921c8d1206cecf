"""From buy-in to a signed plan: definitions and their buy-in, overlap resolutions, frozen versions
with signatures and reopenings, and the leaders' alignment survey, as frozen values.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from offsite.domain.agreements import AgreementKind
from offsite.domain.buyin import all_agreed, last_recorded
from offsite.domain.drafting import quote
from offsite.domain.errors import EditRefusedError
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.values import LeaderView, Stance

# --- Definitions -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DefinitionStanceEvent:
    """One recorded stance on a definition; a definition's history is a list of these, in recording order."""

    id: int
    definition_id: int
    leader_id: int
    stance: Stance
    comment: str
    recorded_at: dt.datetime


def current_definition_stances(
    events: Iterable[DefinitionStanceEvent],
) -> dict[tuple[int, int], DefinitionStanceEvent]:
    """Each leader's current stance on each definition, by (definition id, leader id): the last recorded,
    by the objectives' rule (``last_recorded``)."""
    return last_recorded(events, lambda e: (e.definition_id, e.leader_id))


def definition_leaders(team_id: int | None, leaders: Iterable[LeaderView]) -> list[LeaderView]:
    """Who must agree to a definition: the owning team's leaders, or every leader when no team owns it."""
    return [leader for leader in leaders if team_id is None or leader.team_id == team_id]


def definition_bought_in(
    definition_id: int,
    team_id: int | None,
    leaders: Iterable[LeaderView],
    stances: Mapping[tuple[int, int], DefinitionStanceEvent],
) -> bool:
    """The objectives' rule: every leader concerned agreed; nobody to agree means not bought in."""
    return all_agreed(definition_id, definition_leaders(team_id, leaders), stances)


@dataclass(frozen=True, slots=True)
class DefinitionView:
    """A glossary entry with its buy-in history (in recording order) and whether it is bought in."""

    id: int
    uid: str
    term: str
    definition: str
    team_id: int | None
    stances: tuple[DefinitionStanceEvent, ...] = ()
    #: The leaders whose agreement makes it bought in, in display order.
    concerned_leader_ids: tuple[int, ...] = ()
    bought_in: bool = False

    def stance_of(self, leader_id: int) -> Stance:
        """The leader's current stance (the last recorded), pending when none."""
        latest = current_definition_stances(self.stances).get((self.id, leader_id))
        return Stance.PENDING if latest is None else latest.stance


# --- Overlap resolutions ---------------------------------------------------------------------------


class ResolutionAction(enum.StrEnum):
    """How the facilitator settled an overlap between two teams' objectives."""

    MERGED = "merged"
    ADJUSTED = "adjusted"
    KEPT = "kept"

    @property
    def label(self) -> str:
        return translate("Signoff", _ACTION_LABELS[self.value])


# Made at import: marked here, translated where ``ResolutionAction.label`` hands them out.
_ACTION_LABELS = {
    "merged": QT_TRANSLATE_NOOP("Signoff", "Merged"),
    "adjusted": QT_TRANSLATE_NOOP("Signoff", "Adjusted"),
    "kept": QT_TRANSLATE_NOOP("Signoff", "Kept with a note"),
}


def in_sentence(label: str) -> str:
    """A label (a stance, a way of settling) as it reads inside a sentence: lower case in English
    ("kept with a note"), as written in German, whose nouns keep their capital ("Änderungen erbeten")."""
    return label.lower() if language() == "en" else label


def overlap_key(rule: str, first_uid: str, second_uid: str) -> str:
    """The stored key of a finding: "rule:uidA:uidB", the objective uids in sorted order.

    Uids, not ids, so a resolution still names its finding after export, import or merging drafts.
    """
    low, high = sorted((first_uid, second_uid))
    return f"{rule}:{low}:{high}"


def split_overlap_key(key: str) -> tuple[str, str, str]:
    """(rule, first uid, second uid) of a stored key; the rule may itself hold no colon."""
    rule, first, second = key.split(":", 2)
    return rule, first, second


@dataclass(frozen=True, slots=True)
class ResolutionView:
    id: int
    key: str
    rule: str
    first_uid: str
    second_uid: str
    action: ResolutionAction
    note: str
    resolved_at: dt.datetime
    #: The shared objective a merge made (it may be removed or merged again later).
    merged_objective_uid: str | None = None


# --- Sign-off --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PendingObjective:
    """An objective not yet bought in, with the leaders who have not agreed (by name)."""

    id: int
    statement: str
    waiting_on: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PendingAgreement:
    """An agreement beyond goals not yet bought in, with the leaders who have not agreed (by name)."""

    id: int
    kind: str
    title: str
    waiting_on: tuple[str, ...]

    @property
    def named(self) -> str:
        """“Hand-off “Demo request””: its kind and title, as a leader reads it in a list."""
        try:
            noun = AgreementKind(self.kind).noun
        except ValueError:
            noun = translate(
                "Signoff", "agreement"
            )  # a kind hand-written into the file: ``offsite check`` names it
        title = quote(self.title) if self.title.strip() else translate("Signoff", "(untitled)")
        return translate("Signoff", "{kind} {title}").format(kind=noun.capitalize(), title=title)

    @property
    def line(self) -> str:
        """“Hand-off “Demo request”: waiting on Priya Raman”."""
        names = list(self.waiting_on)
        if not names:
            return translate("Signoff", "{agreement}: waiting on nobody: the plan has no leaders yet").format(
                agreement=self.named
            )
        who = (
            translate("Signoff", "{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
            if len(names) > 1
            else names[0]
        )
        return translate("Signoff", "{agreement}: waiting on {leaders}").format(
            agreement=self.named, leaders=who
        )


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether the plan may be frozen without an override: every objective is bought in, and every
    agreement beyond goals (the journey, hand-offs…), which is signed with them."""

    objective_count: int
    pending: tuple[PendingObjective, ...]
    agreement_count: int = 0
    agreements_pending: tuple[PendingAgreement, ...] = ()

    @property
    def ready(self) -> bool:
        """True when there is at least one objective and every objective and agreement is bought in."""
        return self.objective_count > 0 and not self.pending and not self.agreements_pending


#: Initials: one to five characters, letters with the odd dot, hyphen or apostrophe (“M.O.”, “J-P”).
MAX_INITIALS = 5
_INITIALS = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.\-'’])*$")
#: What is not part of the letters when initials are compared: “M.O.” is “MO”, “J-P” is “JP”.
_INITIALS_PUNCTUATION = re.compile(r"[\s.\-'’]")


def clean_initials(value: object) -> str:
    """Typed initials: one to five characters, starting with a letter, letters or . - ' after."""
    if not isinstance(value, str):
        raise EditRefusedError(translate("Signoff", "Initials must be text."))
    # NFC first: "Ö" typed as O + a combining diaeresis is the same letter as the precomposed one.
    initials = unicodedata.normalize("NFC", value).strip()
    if not initials:
        raise EditRefusedError(translate("Signoff", "Type your initials to sign, e.g. “MO”."))
    if len(initials) > MAX_INITIALS or not _INITIALS.match(initials):
        raise EditRefusedError(
            translate(
                "Signoff",
                "Initials are one to {count} letters (a dot or hyphen may follow a letter), e.g. “MO”.",
            ).format(count=MAX_INITIALS)
        )
    return initials


def initials_of(name: str) -> str:
    """The initials of a name, as a leader who has not set their own signs with.

    The first letter of each word, and of each part of a hyphenated word (“Jean-Pierre Dupont” →
    “JPD”), upper-cased when the script has case (“Алексей Иванов” → “АИ”); a one-word name gives
    one letter (“Cher” → “C”), and a name written without spaces (“王小明”) its first character.
    Words that start with no letter (“3rd”, “—”) are skipped; at most five letters are kept, the
    first four and the last (the family name usually comes last). Blank for a name with no letter.
    """
    letters: list[str] = []
    for word in unicodedata.normalize("NFC", name).split():
        for part in word.split("-"):
            first = next((c for c in part if c.isalpha()), "")
            if first:
                upper = first.upper()
                letters.append(upper if len(upper) == 1 else first)  # “ß”.upper() is “SS”: keep “ß”
    if len(letters) > MAX_INITIALS:
        letters = letters[: MAX_INITIALS - 1] + letters[-1:]
    return "".join(letters)


def initials_key(initials: str) -> str:
    """Initials as they are compared: without case, accents, dots, hyphens or spaces (“ŢĤ” is “th”)."""
    decomposed = unicodedata.normalize("NFKD", initials)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _INITIALS_PUNCTUATION.sub("", bare).casefold()


def initials_match(typed: str, expected: str) -> bool:
    """Whether typed initials are the expected ones, case- and accent-insensitively (“th” is “TH”)."""
    key = initials_key(typed)
    return bool(key) and key == initials_key(expected)


def signing_initials(leader: LeaderView) -> str:
    """The initials a leader signs with: their own, or else the initials of their name."""
    return leader.initials or initials_of(leader.name)


@dataclass(frozen=True, slots=True)
class SignatureView:
    id: int
    version_id: int
    leader_uid: str
    leader_name: str
    initials: str
    signed_at: dt.datetime
    #: Who signed on the leader's behalf, and why; both blank when the leader signed.
    signed_by: str = ""
    behalf_reason: str = ""
    uid: str = ""

    @property
    def on_behalf(self) -> bool:
        return bool(self.signed_by)


@dataclass(frozen=True, slots=True)
class WithdrawalView:
    """A signature taken back before the version was complete: who had signed, how, and when it was withdrawn."""

    id: int
    version_id: int
    leader_uid: str
    leader_name: str
    initials: str
    signed_at: dt.datetime
    signed_by: str
    behalf_reason: str
    withdrawn_at: dt.datetime
    uid: str = ""


@dataclass(frozen=True, slots=True)
class ReopeningView:
    id: int
    version_id: int
    by: str
    at: dt.datetime
    reason: str


@dataclass(frozen=True, slots=True)
class VersionView:
    """A frozen version: its canonical content, fingerprint, signatures and (if re-opened) reopening."""

    id: int
    uid: str
    number: int
    frozen_at: dt.datetime
    frozen_by: str
    content: str
    fingerprint: str
    override_reason: str | None
    signatures: tuple[SignatureView, ...] = ()
    reopening: ReopeningView | None = None
    #: Signatures taken back before every leader had signed, oldest first.
    withdrawals: tuple[WithdrawalView, ...] = ()

    @property
    def reopened(self) -> bool:
        return self.reopening is not None


@dataclass(frozen=True, slots=True)
class SignoffView:
    """The Sign-off screen: every version newest first, the lock, and who has yet to sign."""

    versions: tuple[VersionView, ...]
    #: The version that locks the plan (frozen, not re-opened); None when the plan is open for editing.
    locked_version_id: int | None
    #: Leaders of the plan who have not signed the locked version (all of them when none is locked).
    unsigned_leader_ids: tuple[int, ...] = ()

    @property
    def locked(self) -> bool:
        return self.locked_version_id is not None

    @property
    def current(self) -> VersionView | None:
        """The locked version, when there is one."""
        return next((v for v in self.versions if v.id == self.locked_version_id), None)

    @property
    def signed_by_all(self) -> bool:
        return self.locked and not self.unsigned_leader_ids


# --- Survey ----------------------------------------------------------------------------------------

#: The alignment survey's scale: 1 (not aligned at all) to 5 (fully aligned).
RATING_LOW, RATING_HIGH = 1, 5


@dataclass(frozen=True, slots=True)
class RatingView:
    id: int
    leader_id: int
    rating: int
    comment: str
    rated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SurveyView:
    """What the leaders say about alignment, beside the alignment index the plan computes."""

    ratings: tuple[RatingView, ...]
    #: Leaders who have not rated yet, in display order.
    unrated_leader_ids: tuple[int, ...] = ()

    @property
    def mean(self) -> float | None:
        """The average rating, or None before anyone has rated."""
        if not self.ratings:
            return None
        return sum(r.rating for r in self.ratings) / len(self.ratings)

    def rating_of(self, leader_id: int) -> RatingView | None:
        return next((r for r in self.ratings if r.leader_id == leader_id), None)

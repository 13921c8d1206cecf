"""Common themes across teams' ask-why chains: which answers the app suggests linking, and why.

The rule, shown in the UI as ``rule_text()``: two answers (not starting statements) from different
teams are suggested as one theme when they share at least two significant words and at least half
the significant words of the shorter answer (the overlap coefficient |A∩B| / min(|A|, |B|) ≥ 0.5).

A significant word is a run of three or more letters (any alphabet; digits and punctuation split
words), case-folded, that is not in ``STOP_WORDS``. One light stemming rule makes plurals meet
their singulars: a trailing "s" is dropped from a word of four letters or more that does not end in
"ss" ("leads" → "lead", "grows" → "grow", but "business" and "gas" stay).

A word that more than ``TOO_COMMON`` answers use is too common to tell answers apart: it does not
count as significant (``common_words``). Only a very large brainstorm has such words; the screen
then adds ``common_words_text()`` to the rule's text.

Finding the pairs never compares every answer with every other: ``similar_pairs`` indexes each
answer by its words (an inverted index) and looks only at answers that share one of the rarer half
of an answer's words, which every pair meeting the rule does (prefix filtering: if two sets share
at least ``k`` words, the first shared word in a fixed order is among the first ``len - k + 1``
words of each). The rule still judges every pair it is given, so the result is exactly that of
comparing all pairs, at a cost that grows with the plan, not with its square.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.words import letters

# Small on purpose: the common English words that carry no theme (articles, pronouns, auxiliaries,
# prepositions, conjunctions, the question words an ask-why chain is made of, and the verbs its
# answers lean on: "exists to", "needs to", "wants to"). Domain words such as "sales", "marketing" or
# "revenue" are NOT here: they are what themes are made of.
_STOP_WORDS_TEXT = """
    a an the and or but nor so yet if then than also too very just only
    to of in on at by for from with into onto over under about as per via out up off
    we us our ours you your yours they them their theirs it its he she his her i me my
    this that these those there here who whom whose what which why how when where
    is are was were be been being am do does did done have has had having
    can could will would shall should may might must not no nor
    more most less much many some any each every all both other such own same
    because through while until after before again
    exist exists get gets make makes need needs want wants
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_NUMBER_WORDS = {
    1: QT_TRANSLATE_NOOP("Themes", "one"),
    2: QT_TRANSLATE_NOOP("Themes", "two"),
    3: QT_TRANSLATE_NOOP("Themes", "three"),
    4: QT_TRANSLATE_NOOP("Themes", "four"),
    5: QT_TRANSLATE_NOOP("Themes", "five"),
}
#: A word that more than this many items (answers, objectives) use is too common to tell them apart.
#: A plan of up to this many items is never affected.
TOO_COMMON = 100


@dataclass(frozen=True, slots=True)
class ThemeNode:
    """One node of an ask-why chain: depth 0 is the starting statement, 1 the first answer, and so on."""

    uid: str
    team_uid: str
    text: str
    depth: int


@dataclass(frozen=True, slots=True)
class ThemeSuggestion:
    """Two answers from different teams that look like one theme; ``first_uid`` < ``second_uid``."""

    first_uid: str
    second_uid: str
    shared_words: tuple[str, ...]
    score: float


def _sharing(threshold: float, min_shared: int) -> str:
    """The word test that themes and the team switch both apply, as a clause of a sentence."""
    word = _NUMBER_WORDS.get(min_shared)
    shared = translate("Themes", word) if word else format_number(min_shared)
    if threshold == 0.5:
        share = translate("Themes", "half")
    else:
        share = translate("Themes", "{percent} of").format(percent=f"{threshold:.0%}")
    if min_shared == 1:
        clause = translate(
            "Themes",
            "they share at least {shared} significant word and at least {share} the words of the shorter one",
        )
    else:
        clause = translate(
            "Themes",
            "they share at least {shared} significant words and at least {share} the words of the shorter one",
        )
    return clause.format(shared=shared, share=share)


def rule_text(threshold: float = 0.5, min_shared: int = 2) -> str:
    """The suggestion rule in one sentence a leader reads, for the given settings."""
    return translate("Themes", "Offsite suggests two answers from different teams when {rule}.").format(
        rule=_sharing(threshold, min_shared)
    )


def common_words_text() -> str:
    """Added to the rule's text when some answers' words are too common to count (``common_words``)."""
    return translate("Themes", "A word that more than {count} answers use is too common to count.").format(
        count=format_number(TOO_COMMON)
    )


def stem(word: str) -> str:
    """``word`` without a plural "s": only for words of four letters or more not ending in "ss"."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def significant_words(text: str) -> frozenset[str]:
    """The significant words of ``text``, case-folded and stemmed (see the module docstring)."""
    words = set()
    for word in letters().findall(text.casefold()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        stemmed = stem(word)
        if stemmed not in STOP_WORDS:
            words.add(stemmed)
    return frozenset(words)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The overlap coefficient |A∩B| / min(|A|, |B|), from 0 to 1; 0 when either set is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(slots=True)
class Comparisons:
    """How much work finding pairs took: every time two items were looked at together (a shared
    entry of the index visited, or a pair judged by the rule). Tests read it to check that the work
    grows with the plan, not with its square."""

    count: int = 0


def common_words(word_sets: Iterable[frozenset[str]], limit: int = TOO_COMMON) -> frozenset[str]:
    """The words that more than ``limit`` of the sets hold: too common to tell them apart."""
    counts = Counter(word for words in word_sets for word in words)
    return frozenset(word for word, count in counts.items() if count > limit)


def shared_needed(size: int, threshold: float, min_shared: int) -> int:
    """The fewest shared words a set of ``size`` words needs with a set at least as large to meet
    the rule (``min_shared`` words and ``similarity`` ≥ ``threshold``); above ``size`` when it
    cannot meet it. Computed with the same float test as ``similarity``, so both agree exactly."""
    needed = max(min_shared, 1)
    while needed <= size and needed / size < threshold:
        needed += 1
    return needed


def meets_rule(shared: int, a: frozenset[str], b: frozenset[str], threshold: float, min_shared: int) -> bool:
    return shared >= min_shared and similarity(a, b) >= threshold


def similar_pairs(
    sets: Sequence[frozenset[str]],
    *,
    threshold: float = 0.5,
    min_shared: int = 2,
    apart: Callable[[int, int], bool] = lambda _a, _b: True,
    comparisons: Comparisons | None = None,
) -> Iterator[tuple[int, int, frozenset[str]]]:
    """(i, j, shared words) with i < j for every pair of ``sets`` that meets the rule and that
    ``apart(i, j)`` allows, in no particular order; found from an inverted index (see the module
    docstring), never by comparing all pairs.
    """
    work = comparisons if comparisons is not None else Comparisons()
    if min_shared <= 0 and threshold <= 0:  # even two sets with nothing in common meet the rule
        for i, j in combinations(range(len(sets)), 2):
            work.count += 1
            if apart(i, j):
                yield i, j, sets[i] & sets[j]
        return
    frequency = Counter(word for words in sets for word in words)
    postings: dict[str, list[int]] = {}
    for n, words in enumerate(sets):
        for word in words:
            postings.setdefault(word, []).append(n)
    for i, words in enumerate(sets):
        size = len(words)
        needed = shared_needed(size, threshold, min_shared)
        if needed > size:
            continue
        # The rarest words first: the pairs this set meets the rule with share one of the first few.
        prefix = sorted(words, key=lambda w: (frequency[w], w))[: size - needed + 1]
        seen: set[int] = set()
        for word in prefix:
            for j in postings[word]:
                work.count += 1
                # Each pair is looked at from its smaller set (ties: the earlier), whose size is the min.
                if j in seen or (len(sets[j]), j) <= (size, i):
                    continue
                seen.add(j)
                shared = words & sets[j]
                if meets_rule(len(shared), words, sets[j], threshold, min_shared) and apart(i, j):
                    yield (i, j, shared) if i < j else (j, i, shared)


def pair_key(first_uid: str, second_uid: str) -> tuple[str, str]:
    """The unordered pair as one key: the smaller uid first."""
    return (first_uid, second_uid) if first_uid <= second_uid else (second_uid, first_uid)


def suggest_theme_pairs(
    nodes: Sequence[ThemeNode],
    *,
    threshold: float = 0.5,
    min_shared: int = 2,
    dismissed: Collection[tuple[str, str]] = (),
    already_linked: Collection[tuple[str, str]] = (),
    comparisons: Comparisons | None = None,
) -> list[ThemeSuggestion]:
    """Pairs of answers from different teams that meet the rule, best first.

    Only nodes at depth ≥ 1 count (the deep answers, not the starting statements). Pairs are
    unordered: a pair in ``dismissed`` or ``already_linked`` is skipped in either order. Sorted by
    score (highest first), then deeper pairs first (the sum of the two depths), then by text and uid
    so that the order never depends on the input order. Words more than ``TOO_COMMON`` answers
    use do not count (``common_words``). ``comparisons``, when given, counts the work done.
    """
    skipped = {pair_key(a, b) for a, b in (*dismissed, *already_linked)}
    answers = sorted((node for node in nodes if node.depth >= 1), key=lambda n: n.uid)
    all_words = [significant_words(node.text) for node in answers]
    common = common_words(all_words)
    words = [w - common for w in all_words] if common else all_words

    def apart(i: int, j: int) -> bool:
        one, other = answers[i], answers[j]
        return (
            one.team_uid != other.team_uid
            and one.uid != other.uid
            and pair_key(one.uid, other.uid) not in skipped
        )

    found: list[tuple[tuple[float, int, str, str, str, str], ThemeSuggestion]] = []
    pairs = similar_pairs(
        words, threshold=threshold, min_shared=min_shared, apart=apart, comparisons=comparisons
    )
    for i, j, shared in pairs:
        one, other = answers[i], answers[j]
        score = similarity(words[i], words[j])
        first, second = (one, other) if one.uid <= other.uid else (other, one)
        suggestion = ThemeSuggestion(first.uid, second.uid, tuple(sorted(shared)), score)
        key = (-score, -(first.depth + second.depth), first.text, second.text, first.uid, second.uid)
        found.append((key, suggestion))
    found.sort(key=lambda item: item[0])
    return [suggestion for _, suggestion in found]


# --- Team switch: the players' version of a team's goals and plan against the team's own ----------


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """An item of the players' version and one of the real team's that say the same thing.

    ``played`` and ``real`` are positions in the two sequences given to ``match_items``.
    """

    played: int
    real: int
    shared_words: tuple[str, ...]
    score: float


def match_rule_text(threshold: float = 0.5, min_shared: int = 2) -> str:
    """The comparison rule of the team switch in one sentence, for the given settings."""
    return translate(
        "Themes",
        "Two items match when {rule}, as common themes do; an item without a match appears on one side only.",
    ).format(rule=_sharing(threshold, min_shared))


def match_items(
    played: Sequence[str], real: Sequence[str], *, threshold: float = 0.5, min_shared: int = 2
) -> list[ItemMatch]:
    """Pair items of the players' version with items of the real team's, one to one.

    The rule is the common-theme rule (``suggest_theme_pairs``): at least ``min_shared``
    significant words in common and an overlap coefficient of at least ``threshold``. Each item
    matches at most one item of the other side: the best pairs are taken first (highest score,
    then more shared words, then earlier positions), so the result never depends on anything but
    the two sequences. Sorted by played position.
    """
    played_words = [significant_words(text) for text in played]
    real_words = [significant_words(text) for text in real]
    both = played_words + real_words
    count = len(played_words)
    scored: list[tuple[tuple[float, int, int, int], ItemMatch]] = []
    pairs = similar_pairs(
        both, threshold=threshold, min_shared=min_shared, apart=lambda i, j: (i < count) != (j < count)
    )
    for i, j, shared in pairs:  # i < j: i is played, j is real
        p, r = i, j - count
        score = similarity(played_words[p], real_words[r])
        scored.append(((-score, -len(shared), p, r), ItemMatch(p, r, tuple(sorted(shared)), score)))
    scored.sort(key=lambda entry: entry[0])
    taken_played: set[int] = set()
    taken_real: set[int] = set()
    matches: list[ItemMatch] = []
    for _key, match in scored:
        if match.played in taken_played or match.real in taken_real:
            continue
        taken_played.add(match.played)
        taken_real.add(match.real)
        matches.append(match)
    return sorted(matches, key=lambda m: m.played)

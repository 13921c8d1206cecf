"""Common themes across ask-why chains: significant words, overlap, and which pairs the app suggests."""

from __future__ import annotations

import pytest

from offsite.domain.themes import (
    STOP_WORDS,
    ThemeNode,
    ThemeSuggestion,
    pair_key,
    rule_text,
    significant_words,
    similarity,
    stem,
    suggest_theme_pairs,
)

MARKETING = [
    ThemeNode("m0", "marketing", "Marketing exists to generate leads", 0),
    ThemeNode("m1", "marketing", "to fill the sales pipeline", 1),
    ThemeNode("m2", "marketing", "so the company grows predictable revenue", 2),
]
SALES = [
    ThemeNode("s0", "sales", "Sales exists to close deals", 0),
    ThemeNode("s1", "sales", "to hit the revenue target", 1),
    ThemeNode("s2", "sales", "so the company grows predictable revenue", 2),
]


def test_significant_words_drop_stop_words_short_words_and_case() -> None:
    assert significant_words("So the Company grows PREDICTABLE revenue") == {
        "company",
        "grow",
        "predictable",
        "revenue",
    }


def test_significant_words_skip_digits_and_punctuation() -> None:
    assert significant_words("Hit 30% win-rate by Q3, then 2x!") == {"hit", "win", "rate"}


def test_significant_words_read_any_alphabet() -> None:
    assert significant_words("Größere Pipeline für Vertrieb") == {"grössere", "pipeline", "für", "vertrieb"}
    assert significant_words("GRÖSSERE") == significant_words("größere")  # case-folded, not just lowered
    assert significant_words("ÉQUIPE équipe") == {"équipe"}
    assert significant_words("Продажи растут") == {"продажи", "растут"}


def test_stemming_drops_a_plural_s_only_from_longer_words_not_ending_in_ss() -> None:
    assert stem("leads") == "lead"
    assert stem("deals") == "deal"
    assert stem("grows") == "grow"
    assert stem("business") == "business"
    assert stem("gas") == "gas"
    assert stem("lead") == "lead"


def test_plural_and_singular_meet() -> None:
    assert significant_words("qualified leads") == significant_words("a qualified lead")


def test_stop_words_are_small_and_hold_no_domain_words() -> None:
    assert {"the", "and", "why", "because", "our"} <= STOP_WORDS
    assert not {"sales", "marketing", "revenue", "pipeline", "lead", "customer"} & STOP_WORDS
    assert len(STOP_WORDS) < 200


def test_similarity_is_the_overlap_of_the_shorter_set() -> None:
    short = frozenset({"revenue", "predictable"})
    long = frozenset({"company", "grow", "predictable", "revenue"})
    assert similarity(short, long) == 1.0
    assert similarity(frozenset({"revenue", "target"}), long) == 0.5
    assert similarity(frozenset({"pipeline"}), long) == 0.0


def test_similarity_of_an_empty_set_is_zero() -> None:
    assert similarity(frozenset(), frozenset({"revenue"})) == 0.0
    assert similarity(frozenset(), frozenset()) == 0.0


def test_the_two_chains_meet_at_predictable_revenue() -> None:
    assert suggest_theme_pairs(MARKETING + SALES) == [
        ThemeSuggestion("m2", "s2", ("company", "grow", "predictable", "revenue"), 1.0)
    ]


def test_starting_statements_are_never_suggested() -> None:
    nodes = [
        ThemeNode("m0", "marketing", "We exist to build the brand and the pipeline", 0),
        ThemeNode("s0", "sales", "We exist to build the pipeline and the brand", 0),
    ]
    assert suggest_theme_pairs(nodes) == []


def test_answers_of_the_same_team_are_never_suggested() -> None:
    nodes = [
        ThemeNode("m1", "marketing", "predictable revenue growth", 1),
        ThemeNode("m2", "marketing", "predictable revenue growth", 2),
    ]
    assert suggest_theme_pairs(nodes) == []


def test_one_shared_word_is_not_enough() -> None:
    nodes = [
        ThemeNode("m1", "marketing", "more revenue", 1),
        ThemeNode("s1", "sales", "revenue", 1),
    ]
    # Overlap 1.0, but a single shared word is too thin a theme.
    assert suggest_theme_pairs(nodes) == []
    assert len(suggest_theme_pairs(nodes, min_shared=1)) == 1


def test_sharing_less_than_half_the_shorter_answer_is_not_enough() -> None:
    nodes = [
        ThemeNode("m1", "marketing", "shorter sales cycle through better qualified leads and content", 1),
        ThemeNode("s1", "sales", "close bigger deals with better qualified buyers every quarter", 1),
    ]
    # Shared: better, qualified (2 of 7 and 2 of 8 words): 2 / 7 < 0.5.
    assert suggest_theme_pairs(nodes) == []
    (suggestion,) = suggest_theme_pairs(nodes, threshold=0.25)
    assert suggestion.shared_words == ("better", "qualified")
    assert suggestion.score == pytest.approx(2 / 7)


def test_dismissed_and_linked_pairs_are_skipped_in_either_order() -> None:
    nodes = MARKETING + SALES
    assert suggest_theme_pairs(nodes, dismissed=[("s2", "m2")]) == []
    assert suggest_theme_pairs(nodes, already_linked=[("m2", "s2")]) == []


def test_pairs_are_normalised_so_the_smaller_uid_comes_first() -> None:
    nodes = [
        ThemeNode("zz", "sales", "predictable revenue growth", 1),
        ThemeNode("aa", "marketing", "growth of predictable revenue", 1),
    ]
    (suggestion,) = suggest_theme_pairs(nodes)
    assert (suggestion.first_uid, suggestion.second_uid) == ("aa", "zz")
    assert pair_key("zz", "aa") == ("aa", "zz")


def test_suggestions_rank_by_score_then_depth_and_ignore_input_order() -> None:
    nodes = [
        ThemeNode("m1", "marketing", "a shorter sales cycle", 1),
        ThemeNode("s1", "sales", "a shorter sales cycle", 1),
        ThemeNode("m3", "marketing", "customers renew and expand", 3),
        ThemeNode("s3", "sales", "customers renew and expand", 3),
        ThemeNode("r2", "revops", "customers renew their contracts", 2),
    ]
    suggestions = suggest_theme_pairs(nodes)
    pairs = [(s.first_uid, s.second_uid, s.score) for s in suggestions]
    assert pairs[:2] == [("m3", "s3", 1.0), ("m1", "s1", 1.0)]  # equal scores: deeper first
    assert [p[:2] for p in pairs[2:]] == [("m3", "r2"), ("r2", "s3")]
    assert suggest_theme_pairs(list(reversed(nodes))) == suggestions


def test_three_teams_can_all_meet_on_one_theme() -> None:
    nodes = [
        ThemeNode("m1", "marketing", "predictable revenue", 1),
        ThemeNode("s1", "sales", "predictable revenue", 1),
        ThemeNode("c1", "success", "predictable revenue", 1),
    ]
    assert {(s.first_uid, s.second_uid) for s in suggest_theme_pairs(nodes)} == {
        ("c1", "m1"),
        ("c1", "s1"),
        ("m1", "s1"),
    }


def test_the_rule_is_one_sentence_for_the_ui() -> None:
    assert rule_text() == (
        "Offsite suggests two answers from different teams when they share at least two significant "
        "words and at least half the words of the shorter one."
    )
    assert "three significant words" in rule_text(0.6, 3)
    assert "60% of the words" in rule_text(0.6, 3)


def test_words_in_scripts_with_vowel_signs_stay_whole() -> None:
    """A Hindi answer is three words, not a dozen fragments that would match any other Hindi answer."""
    assert significant_words("बिक्री बढ़ाएं नए ग्राहकों") == frozenset({"बिक्री", "बढ़ाएं", "ग्राहकों"})
    assert not significant_words("बढ़ाएं ग्राहक") & significant_words("घटाएं लागत")

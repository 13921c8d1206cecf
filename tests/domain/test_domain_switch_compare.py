"""The team switch comparison: which items of the players' version match the real team's own."""

from __future__ import annotations

from offsite.domain.themes import ItemMatch, match_items, match_rule_text


def test_items_sharing_enough_significant_words_match() -> None:
    played = ["Generate as many leads as the budget allows", "Run webinars and buy contact lists"]
    real = [
        "1,400 MQLs a quarter that Sales accepts",
        "Move budget from lead volume to connected campaigns on the ideal customer profile",
    ]
    assert match_items(played, real) == [ItemMatch(0, 1, ("budget", "lead"), 0.5)]


def test_one_shared_word_is_not_enough() -> None:
    assert (
        match_items(["Call every MQL until someone picks up"], ["Call every new lead within one hour"]) == []
    )


def test_less_than_half_of_the_shorter_item_is_not_enough() -> None:
    played = ["Grow pipeline revenue with partners, events, webinars and referrals"]
    real = ["Grow pipeline through outbound calling, field events and paid social advertising spend"]
    # shared: grow, pipeline, event — 3 of the shorter item's 7 significant words
    assert match_items(played, real) == []
    assert match_items(played, real, threshold=0.3)[0].shared_words == ("event", "grow", "pipeline")


def test_matching_is_one_to_one_and_takes_the_best_pair_first() -> None:
    played = ["Qualified pipeline for sales", "Qualified pipeline for sales every quarter"]
    real = ["Qualified pipeline for sales every quarter"]
    (match,) = match_items(played, real)
    assert (match.played, match.real, match.score) == (1, 0, 1.0)


def test_ties_go_to_the_earlier_items_and_the_result_is_sorted_by_played_position() -> None:
    played = ["Shorter sales cycle", "Bigger deal size", "Shorter sales cycle"]
    real = ["Bigger deal size", "Shorter sales cycle"]
    assert [(m.played, m.real) for m in match_items(played, real)] == [(0, 1), (1, 0)]


def test_plurals_and_case_meet() -> None:
    assert match_items(["Qualified LEADS for Sales"], ["qualified lead"])[0].shared_words == (
        "lead",
        "qualified",
    )


def test_empty_sides_match_nothing() -> None:
    assert match_items([], ["Anything at all here"]) == []
    assert match_items(["Anything at all here"], []) == []
    assert match_items([""], [""]) == []


def test_the_rule_is_stated_in_one_sentence() -> None:
    assert match_rule_text().startswith("Two items match when they share at least two significant words")
    assert "one side only" in match_rule_text()
    assert "one significant word and at least 30% of" in match_rule_text(0.3, 1)

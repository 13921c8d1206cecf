"""Guidance as a leader types: objective statements, methods and metrics against seed 000's shapes."""

from __future__ import annotations

import pytest

from offsite.domain.guidance import (
    count_sentences,
    count_words,
    method_guidance,
    metric_guidance,
    statement_guidance,
)


@pytest.mark.parametrize(
    "statement",
    [
        "Go outbound",
        "Fill the pipeline",
        "Expand happy customers",
        "Customer-first growth",
        "Clean hand-offs",
    ],
)
def test_two_or_three_word_statement_is_crisp(statement: str) -> None:
    hint = statement_guidance(statement)
    assert hint.ok, hint.message
    assert "crisp" in hint.message


def test_one_word_statement_asks_for_two_or_three() -> None:
    hint = statement_guidance("Outbound")
    assert not hint.ok
    assert hint.message.startswith("1 word")
    assert "two or three words" in hint.message


def test_long_statement_says_how_many_words_it_has() -> None:
    hint = statement_guidance("Grow the outbound motion across all regions")
    assert not hint.ok
    assert hint.message.startswith("7 words")


def test_empty_statement_shows_an_example() -> None:
    hint = statement_guidance("   ")
    assert not hint.ok
    assert "Go outbound" in hint.message


def test_hyphens_and_apostrophes_do_not_split_words_and_emoji_are_not_words() -> None:
    assert count_words("Customer-first growth") == 2
    assert count_words("Don't stop now") == 3
    assert count_words("Go 🚀 outbound") == 2
    assert count_words("拡大 顧客") == 2


@pytest.mark.parametrize(
    "method",
    [
        "Stand up an outbound pod. Marketing builds the lists. SDRs book first meetings.",
        "Stand up a pod. Marketing builds lists. SDRs book meetings! Do we review weekly?",
    ],
)
def test_three_or_four_sentence_method_is_specific(method: str) -> None:
    hint = method_guidance(method)
    assert hint.ok, hint.message


def test_e_g_and_i_e_do_not_end_a_sentence() -> None:
    method = (
        "Target the best accounts, e.g. the top 500 by fit. "
        "Route leads by segment, i.e. by company size. "
        "Review weekly."
    )
    assert count_sentences(method) == 3
    assert method_guidance(method).ok


def test_a_decimal_inside_a_sentence_does_not_end_it() -> None:
    method = "Raise coverage to 2.5 times quota. Book 3.5 meetings a day per SDR. Review it every 1.5 weeks."
    assert count_sentences(method) == 3
    hint = method_guidance(method)
    assert hint.ok, hint.message


def test_cjk_full_stops_end_sentences_without_spaces() -> None:
    assert count_sentences("営業が会議を設定する。マーケティングがリストを作る。毎週見直す。") == 3


def test_short_method_says_how_many_sentences_it_has() -> None:
    hint = method_guidance("Just do more outbound.")
    assert not hint.ok
    assert hint.message.startswith("1 sentence —")


def test_long_method_asks_to_split_the_rest_out() -> None:
    hint = method_guidance("One. Two. Three. Four. Five.")
    assert not hint.ok
    assert hint.message.startswith("5 sentences")
    assert "split the rest out" in hint.message


def test_empty_method_asks_for_three_or_four_sentences() -> None:
    hint = method_guidance("")
    assert not hint.ok
    assert "three or four" in hint.message


def test_metric_without_any_number_asks_for_a_target() -> None:
    hint = metric_guidance("Appointments booked", None)
    assert not hint.ok
    assert "target number" in hint.message


@pytest.mark.parametrize(
    ("name", "target"), [("Appointments booked", 180.0), ("180 appointments booked", None)]
)
def test_metric_with_a_number_is_measurable(name: str, target: float | None) -> None:
    hint = metric_guidance(name, target)
    assert hint.ok
    assert hint.message == "Measurable."


def test_metric_target_of_zero_counts_as_a_number() -> None:
    assert metric_guidance("Churned accounts", 0.0).ok


def test_metric_without_a_name_asks_what_is_counted() -> None:
    hint = metric_guidance("  ", 5.0)
    assert not hint.ok
    assert "appointments booked" in hint.message


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("बिक्री बढ़ाएं", 2),  # Hindi: vowel signs are part of their word
        ("ขยาย ตลาด", 2),  # Thai, with its marks above and below
        ("Cafe\u0301 cre\u0300me", 2),  # accents typed as combining marks
        ("زيادة المبيعات", 2),
    ],
)
def test_a_word_in_any_script_keeps_its_marks(statement: str, words: int) -> None:
    assert count_words(statement) == words
    assert statement_guidance(statement).ok

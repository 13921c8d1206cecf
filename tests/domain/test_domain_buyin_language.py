"""Buy-in, overlaps and sign-off in another language: the words are looked up when shown, never
when the module was imported, and the keys stored in a plan stay English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from offsite.domain import language
from offsite.domain.alignment import BOUGHT_IN, Component
from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction, in_sentence

GERMAN = {
    ("Signoff", "Kept with a note"): "Mit Notiz beibehalten",
    ("OverlapRules", "Known conflict"): "Bekannter Konflikt",
    ("Alignment", "Bought in"): "Zustimmung erreicht",
}


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, _disambiguation: GERMAN.get((context, text), ""), "de")
    try:
        yield
    finally:
        language.use(None)


def test_labels_made_at_import_read_german_once_the_room_speaks_german(german: None) -> None:
    assert ResolutionAction.KEPT.label == "Mit Notiz beibehalten"
    assert OverlapRule.KNOWN_CONFLICT.label == "Bekannter Konflikt"
    # A text without a translation yet falls back to the English source.
    assert ResolutionAction.MERGED.label == "Merged"


def test_an_alignment_component_shows_german_but_keeps_its_english_key(german: None) -> None:
    component = Component(BOUGHT_IN, 0.3, 1, 2, "")
    assert component.label == "Zustimmung erreicht"
    assert component.name == "Bought in"  # what a closed quarter keeps


def test_a_label_inside_a_sentence_keeps_its_capital_in_german_and_is_lower_case_in_english() -> None:
    assert in_sentence(ResolutionAction.KEPT.label) == "kept with a note"
    language.use(lambda context, text, _d: GERMAN.get((context, text), ""), "de")
    try:
        assert in_sentence(ResolutionAction.KEPT.label) == "Mit Notiz beibehalten"
    finally:
        language.use(None)

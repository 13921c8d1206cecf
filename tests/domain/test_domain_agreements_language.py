"""The words of agreements, stances, practices and the plan's value rules come from the catalogue:
with a language installed, a leader reads them in it, placeholders filled after the lookup."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from offsite.domain import language
from offsite.domain.agreements import AgreementKind, ObjectiveShare, incentive_warning
from offsite.domain.errors import EditRefusedError
from offsite.domain.rules import clean_number
from offsite.domain.values import Stance

#: A few entries of a German catalogue, as the .qm holds them: (context, source) → translation.
GERMAN = {
    ("Agreements", "Hand-offs"): "Übergaben",
    ("Agreements", "hand-off"): "Übergabe",
    ("Stances", "Changes requested"): "Änderungen erbeten",
    ("Rules", "{label} must be a number."): "{label} muss eine Zahl sein.",
    (
        "Agreements",
        "It rewards “{objective}”, which only one team holds: no shared objective asks for it, "
        "so it may pull the teams apart.",
    ): "Er belohnt „{objective}“, das nur ein Team verfolgt.",
}


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, _d: GERMAN.get((context, text), ""), "de")
    yield
    language.use(None)


def test_agreement_kinds_and_stances_read_in_the_installed_language(german: None) -> None:
    assert AgreementKind.HAND_OFF.shown_heading == "Übergaben"
    assert AgreementKind.HAND_OFF.shown_noun == "Übergabe"
    assert Stance.CHANGES_REQUESTED.label == "Änderungen erbeten"
    # The English name stays what ``--view agreements:<tab>`` and a service's sentence use.
    assert AgreementKind.HAND_OFF.heading == "Hand-offs"


def test_an_incentive_warning_names_its_objective_inside_the_translated_sentence(german: None) -> None:
    solo = ObjectiveShare(1, "Raw lead volume", (7,), (3,))
    assert incentive_warning(1, None, [solo]) == "Er belohnt „Raw lead volume“, das nur ein Team verfolgt."


def test_a_refused_value_says_why_in_the_installed_language(german: None) -> None:
    with pytest.raises(EditRefusedError) as refused:
        clean_number("viele", "Zielwert")
    assert str(refused.value) == "Zielwert muss eine Zahl sein."


def test_without_a_catalogue_the_words_stay_english() -> None:
    assert AgreementKind.HAND_OFF.shown_heading == "Hand-offs"
    assert Stance.CHANGES_REQUESTED.label == "Changes requested"

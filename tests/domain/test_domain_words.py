"""Words in any script: the table of combining marks the word patterns are built from."""

from __future__ import annotations

import unicodedata

import pytest

from offsite.domain import words


@pytest.mark.skipif(
    unicodedata.unidata_version != words._MARKS_UNICODE, reason="this Python computes its own table"
)
def test_the_stored_table_of_marks_is_the_one_this_unicode_gives() -> None:
    assert words._computed_marks() == words._MARKS


def test_a_hindi_word_with_vowel_signs_counts_as_one_word() -> None:
    assert words.words().findall("बढ़ाएं pipeline") == ["बढ़ाएं", "pipeline"]

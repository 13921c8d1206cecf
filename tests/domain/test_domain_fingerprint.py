"""The fingerprint of a signed plan: one canonical form, so it can be recomputed from exported JSON."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

import pytest

from offsite.domain.fingerprint import canonical_form, fingerprint, short_fingerprint


def test_a_known_vector_is_the_sha256_of_the_compact_sorted_json() -> None:
    assert canonical_form({"b": "x", "a": 1}) == b'{"a":1,"b":"x"}'
    assert fingerprint({"b": "x", "a": 1}) == hashlib.sha256(b'{"a":1,"b":"x"}').hexdigest()


def test_the_fingerprint_is_64_lowercase_hex_digits() -> None:
    fp = fingerprint({"title": "Offsite"})
    assert len(fp) == 64
    assert fp == fp.lower()
    int(fp, 16)


def test_key_order_does_not_matter_at_any_depth() -> None:
    one = {"plan": {"title": "Offsite", "venue": "Boathouse"}, "objectives": [{"id": 1, "statement": "Go"}]}
    other = {"objectives": [{"statement": "Go", "id": 1}], "plan": {"venue": "Boathouse", "title": "Offsite"}}
    assert fingerprint(one) == fingerprint(other)


def test_nfc_and_nfd_spellings_have_the_same_fingerprint() -> None:
    composed = unicodedata.normalize("NFC", "Tomás Herrera")
    decomposed = unicodedata.normalize("NFD", "Tomás Herrera")
    assert composed != decomposed
    assert fingerprint({"leader": composed}) == fingerprint({"leader": decomposed})
    assert fingerprint({composed: 1}) == fingerprint({decomposed: 1})


def test_two_keys_equal_after_nfc_are_refused() -> None:
    with pytest.raises(ValueError, match="normalised"):
        canonical_form({unicodedata.normalize("NFC", "é"): 1, unicodedata.normalize("NFD", "é"): 2})


def test_a_whole_float_is_written_as_an_integer() -> None:
    assert fingerprint({"target": 1.0}) == fingerprint({"target": 1})
    assert canonical_form({"a": 1.0, "b": -0.0, "c": 1e20}) == b'{"a":1,"b":0,"c":100000000000000000000}'


def test_other_floats_keep_their_round_trip_digits() -> None:
    assert (
        canonical_form({"a": 0.1, "b": 4.2, "c": -3.75, "d": 1e-07})
        == b'{"a":0.1,"b":4.2,"c":-3.75,"d":1e-07}'
    )
    assert fingerprint({"a": 0.1}) != fingerprint({"a": 0.1000000001})


def test_list_order_matters() -> None:
    assert fingerprint({"objectives": ["Go outbound", "Fill the pipeline"]}) != fingerprint(
        {"objectives": ["Fill the pipeline", "Go outbound"]}
    )


def test_a_one_character_change_changes_the_fingerprint() -> None:
    assert fingerprint({"statement": "Close 10 M USD"}) != fingerprint({"statement": "Close 19 M USD"})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused(value: float) -> None:
    with pytest.raises(ValueError, match="JSON"):
        fingerprint({"nested": [{"target": value}]})


def test_booleans_and_none_are_json_literals() -> None:
    assert (
        canonical_form({"a": True, "b": False, "c": None, "d": 1}) == b'{"a":true,"b":false,"c":null,"d":1}'
    )
    assert fingerprint({"a": True}) != fingerprint({"a": 1})


def test_text_is_utf8_with_only_the_required_escapes() -> None:
    content = {"t": 'Ünïcode 😀 <&> "q" \\ \n\t\x01\x7f\u2028'}
    expected = '{"t":"Ünïcode 😀 <&> \\"q\\" \\\\ \\n\\t\\u0001\x7f\u2028"}'.encode()
    assert canonical_form(content) == expected


def test_tuples_are_arrays() -> None:
    assert canonical_form({"a": (1, 2)}) == canonical_form({"a": [1, 2]}) == b'{"a":[1,2]}'


@pytest.mark.parametrize("value", [b"bytes", {1, 2}, object()])
def test_values_json_cannot_hold_are_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        canonical_form({"a": value})


def test_keys_must_be_strings() -> None:
    with pytest.raises(TypeError, match="Keys"):
        canonical_form({"a": {1: "one"}})


def test_the_fingerprint_is_reproducible_from_exported_json() -> None:
    content = {
        "plan": {"title": "Sales & Marketing Offsite 2027", "vision": "Één team — 一个团队 😀"},
        "metrics": [{"name": "Pipeline", "baseline": 4.2, "target": 7.5, "shared": True, "due": None}],
        "count": 3.0,
    }
    exported = json.dumps(content, indent=2, ensure_ascii=True)  # any JSON writer, any layout
    assert fingerprint(json.loads(exported)) == fingerprint(content)


def test_short_fingerprint_groups_the_first_sixteen_digits() -> None:
    fp = "3f2a9c1b0d4e77aa" + "0" * 48
    assert short_fingerprint(fp) == "3f2a 9c1b 0d4e 77aa"
    assert short_fingerprint(fp.upper()) == "3f2a 9c1b 0d4e 77aa"


@pytest.mark.parametrize("fp", ["", "3f2a9c1b", "zz2a9c1b0d4e77aa"])
def test_short_fingerprint_refuses_what_is_not_a_fingerprint(fp: str) -> None:
    with pytest.raises(ValueError, match="Not a fingerprint"):
        short_fingerprint(fp)

"""Naming vendors and contacts: whole names, prefixes, layer words, diacritics, ambiguity."""

from __future__ import annotations

import pytest

from warroom.domain.directory_match import find_named, fold, matches_all_words
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError

VENDORS = [
    ("v1", "Baltic Perimeter Sp. z o.o.", ("internal firewall", "packet inspection")),
    ("v2", "Nordvik Nät AB", ("network",)),
    ("v3", "Nordvik", ("edge network",)),
    ("v4", "Kronan Datacenter AB", ("database servers",)),
    ("v5", "Łódź Łącza", ("fibre",)),
]


def find(text: str):
    return find_named(VENDORS, text, name_of=lambda v: v[1], id_of=lambda v: v[0], extra_of=lambda v: v[2])[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("v4", "v4"),
        ("Baltic", "v1"),
        ("baltic perimeter", "v1"),
        ("firewall", "v1"),
        ("PACKET", "v1"),
        ("nordvik nat", "v2"),
        ("NORDVIK NÄT AB", "v2"),
        ("Nordvik", "v3"),  # the exact name beats the longer one it starts
        ("kron", "v4"),
        ("lodz", "v5"),
        ("  Łódź  łącza ", "v5"),
    ],
)
def test_names_a_vendor_however_typed(typed, expected):
    assert find(typed) == expected


def test_an_ambiguous_name_lists_the_candidates():
    with pytest.raises(AmbiguousError) as caught:
        find("network")
    assert str(caught.value) == (
        "'network' could be more than one vendor: Nordvik Nät AB; Nordvik. Type more of the name."
    )


def test_an_unknown_name_names_the_known_ones():
    with pytest.raises(NotFoundError, match=r"No vendor is named 'Acme' \(known: Baltic Perimeter"):
        find("Acme")


def test_an_empty_name_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        find("  ")


def test_fold_drops_case_and_diacritics_only():
    assert fold("Paweł Wiśniewski") == "pawel wisniewski"
    assert fold("Göran  Lindqvist") == "goran lindqvist"


def test_every_word_must_start_a_word_of_some_field():
    assert matches_all_words("asa integ", ["Åsa Bergström", "Integration specialist"])
    assert not matches_all_words("asa network", ["Åsa Bergström", "Integration specialist"])

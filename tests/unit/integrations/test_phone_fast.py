"""The '+digits' reading of a phone cell gives phonenumbers.parse's answer, or leaves it to parse."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from warroom.domain.errors import ValidationError
from warroom.integrations.directory_records import parse_phone
from warroom.integrations.phone_fast import plus_digits_e164


def _parse_answer(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _cells(count: int) -> list[str]:
    """'+' numbers of every country code, with national prefixes, leading zeros and odd lengths."""
    rng = random.Random(16)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    cells = []
    for _ in range(count):
        code = str(rng.choice(codes))
        national = rng.choice(["", "0", "00", "8", "9", "1"]) + "".join(rng.choices("0123456789", k=rng.randint(0, 14)))
        digits = code + national
        groups, at = [], 0
        while at < len(digits):
            step = rng.randint(1, 4)
            groups.append(digits[at : at + step])
            at += step
        cells.append("+" + " ".join(groups))
    return cells


def test_the_fast_reading_agrees_with_phonenumbers_parse():
    cells = _cells(20_000) + ["+46 8 123 04 56", "+39 06 698 81", "+44 20 7946 0958", "+1 212 555 0100"]
    answered = valid = 0
    for cell in cells:
        fast, slow = plus_digits_e164(cell), _parse_answer(cell, "SE")
        answered, valid = answered + (fast is not None), valid + (slow is not None)
        if fast is not None:
            assert fast == slow, cell
    assert answered == valid > 300  # every number parse accepts is read here: it is not left to parse


@pytest.mark.parametrize("cell", ["+46 8", "+46 (8) 123 04 56", "+46-8-123 04 56", "08 123 04 56", "+0 123 456 789"])
def test_other_shapes_are_left_to_phonenumbers(cell):
    assert plus_digits_e164(cell) is None


def test_an_invalid_plus_number_is_refused_with_the_same_sentence():
    with pytest.raises(ValidationError, match=r"^'\+46 8 1' is not a valid phone number\.$"):
        parse_phone.__wrapped__("+46 8 1", "SE")
    assert parse_phone.__wrapped__("+46 8 123 04 56", "SE") == "+4681230456"

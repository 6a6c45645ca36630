"""The '+digits' reading of a phone cell gives phonenumbers.parse's answer, or leaves it to parse."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import phonenumberutil as _util

from warroom.domain.errors import ValidationError
from warroom.integrations.directory_records import parse_phone
from warroom.integrations.phone_fast import is_valid_national, plus_digits_e164


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


def _near_valid_numbers() -> list[tuple[int, str]]:
    """(country code, national significant number) around every region's example numbers of
    every type: the examples, each with a digit changed, one added or one dropped, and random
    numbers of about their length that start as they do."""
    rng = random.Random(1603)
    numbers = []
    for region in sorted(set(phonenumbers.SUPPORTED_REGIONS)):
        for kind in range(12):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            nsn = phonenumbers.national_significant_number(example)
            for variant in _variants(nsn, rng):
                numbers.append((example.country_code, variant))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            nsn = phonenumbers.national_significant_number(example)
            numbers += [(code, v) for v in _variants(nsn, rng)]
    return numbers


def _variants(nsn: str, rng: random.Random) -> list[str]:
    out = [nsn, nsn + rng.choice("0123456789"), nsn[:-1], "0" + nsn]
    for _ in range(6):
        at = rng.randrange(len(nsn))
        out.append(nsn[:at] + rng.choice("0123456789") + nsn[at + 1 :])
    for _ in range(6):  # the example's first digits, then random ones, a little shorter or longer
        kept = nsn[: rng.randint(1, 3)]
        out.append(kept + "".join(rng.choices("0123456789", k=max(len(nsn) + rng.randint(-2, 2) - len(kept), 0))))
    return [v for v in out if v]


def _phonenumbers_valid(code: int, nsn: str) -> bool:
    number = phonenumbers.PhoneNumber(country_code=code)
    _util._set_italian_leading_zeros_for_phone_number(nsn, number)
    number.national_number = int(nsn)
    return phonenumbers.is_valid_number(number)


def test_the_joined_patterns_agree_with_is_valid_number():
    numbers = _near_valid_numbers()
    verdicts = [(is_valid_national(code, nsn), _phonenumbers_valid(code, nsn), code, nsn) for code, nsn in numbers]
    wrong = [(code, nsn, mine) for mine, theirs, code, nsn in verdicts if mine != theirs]
    assert wrong == []
    valid = sum(theirs for _, theirs, _, _ in verdicts)
    assert valid > 3_000 and len(verdicts) - valid > 3_000  # both answers are well tried
    shared = {code for _, _, code, _ in verdicts if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]) > 1}
    assert {1, 7, 44, 47, 262} <= shared  # codes several regions share take the region-finding steps

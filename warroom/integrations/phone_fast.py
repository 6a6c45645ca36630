"""The common phone cell, '+' then digits in space-separated groups, read without
phonenumbers.parse's search for a number in free text (most of a contact's phone check).

It builds the number as parse does once the text is plain digits (country code, national
prefix, leading zeros; phonenumbers' own steps), then asks phonenumbers whether it is valid.
Anything else, and anything this reading cannot settle, returns None: the caller then asks
phonenumbers.parse, so what is refused, and its sentence, is what it always was.
tests/unit/integrations/test_phone_fast.py holds it to parse's answers.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import phonenumberutil as _util

_PLUS_DIGITS = re.compile(r"\+[0-9]+(?: [0-9]+)*")
_LENGTH = _util.ValidationResult
_NOT_NARROWED = (_LENGTH.TOO_SHORT, _LENGTH.IS_POSSIBLE_LOCAL_ONLY, _LENGTH.INVALID_LENGTH)


def plus_digits_e164(text: str) -> str | None:
    """E.164 of a valid '+46 8 123 45 67'-shaped number; None when phonenumbers.parse must decide."""
    if len(text) > _util._MAX_INPUT_STRING_LENGTH or not _PLUS_DIGITS.fullmatch(text):
        return None
    digits = text[1:].replace(" ", "")
    if len(digits) <= _util._MAX_LENGTH_COUNTRY_CODE:
        return None
    code, national = _util._extract_country_code(digits)
    if code == 0 or len(national) < _util._MIN_LENGTH_FOR_NSN:
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code)
    )
    if metadata is None:
        return None
    _, stripped, _ = _util._maybe_strip_national_prefix_carrier_code(national, metadata)
    if _util._test_number_length(stripped, metadata) not in _NOT_NARROWED:
        national = stripped
    if not _util._MIN_LENGTH_FOR_NSN <= len(national) <= _util._MAX_LENGTH_FOR_NSN:
        return None
    number = phonenumbers.PhoneNumber(country_code=code)
    _util._set_italian_leading_zeros_for_phone_number(national, number)
    number.national_number = int(national)
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

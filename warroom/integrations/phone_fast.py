"""The common phone cell, '+' then digits in space-separated groups, read without
phonenumbers.parse's search for a number in free text (most of a contact's phone check).

It builds the number as parse does once the text is plain digits (country code, national
prefix, leading zeros; phonenumbers' own steps), then asks whether it is valid as
phonenumbers.is_valid_number would (see is_valid_national). Anything else, and anything this
reading cannot settle, returns None: the caller then asks phonenumbers.parse, so what is
refused, and its sentence, is what it always was.
tests/unit/integrations/test_phone_fast.py holds it to parse's and is_valid_number's answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberDesc
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
    # `national` is the national significant number as phonenumbers keeps it: its leading zeros
    # ("italian" zeros, all but the last digit) and then the integer spell the same digits
    if not is_valid_national(code, national):
        return None
    return f"+{code}{national}"  # phonenumbers' E.164: '+', the country code, the significant number


def is_valid_national(code: int, nsn: str) -> bool:
    """phonenumbers.is_valid_number for +code nsn, with each region's number patterns joined
    into one regular expression per number length (phonenumbers tries up to eleven, each
    compiled anew through re's cache: most of the check's time on a 150,000-row import)."""
    return _validity(code)(nsn)


@cache
def _validity(code: int) -> Callable[[str], bool]:
    """is_valid_number's steps for one country code: the region the number belongs to (the only
    one, else the first whose leading digits it starts with or whose patterns it matches), then
    whether it is valid there."""
    regions = _util.COUNTRY_CODE_TO_REGION_CODE.get(code)
    if not regions:
        return lambda nsn: False
    if len(regions) == 1:
        return _valid_in(code, regions[0])
    steps = [(_leading_digits(region), _typed(_region_metadata(region)), _valid_in(code, region)) for region in regions]

    def valid(nsn: str) -> bool:
        for leading, typed, valid_there in steps:
            if leading is None:
                if typed(nsn):
                    return valid_there(nsn)
            elif leading.match(nsn):
                return valid_there(nsn)
        return False

    return valid


def _region_metadata(region: str) -> PhoneMetadata | None:
    return phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)


def _leading_digits(region: str) -> re.Pattern[str] | None:
    metadata = _region_metadata(region)
    return None if metadata is None or metadata.leading_digits is None else re.compile(metadata.leading_digits)


def _valid_in(code: int, region: str) -> Callable[[str], bool]:
    """is_valid_number_for_region(+code nsn, region)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region.upper())
    if metadata is None or (
        region != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY and code != _util.country_code_for_valid_region(region)
    ):
        return lambda nsn: False
    return _typed(metadata)


def _typed(metadata: PhoneMetadata | None) -> Callable[[str], bool]:
    """Whether _number_type_helper finds a number some type (not UNKNOWN) under `metadata`."""
    if metadata is None:
        return lambda nsn: False
    by_length = {length: _joined(metadata, length) for length in range(_util._MAX_LENGTH_FOR_NSN + 2)}

    def typed(nsn: str) -> bool:
        pattern = by_length.get(len(nsn))
        return pattern is not None and pattern.fullmatch(nsn) is not None

    return typed


def _joined(metadata: PhoneMetadata, length: int) -> re.Pattern[str] | None:
    """One pattern a number of `length` digits fully matches exactly when _number_type_helper
    finds it a type: the general description's pattern (as a look-ahead) and any type's."""
    general = _pattern_for(metadata.general_desc, length)
    kinds = [
        metadata.premium_rate,
        metadata.toll_free,
        metadata.shared_cost,
        metadata.voip,
        metadata.personal_number,
        metadata.pager,
        metadata.uan,
        metadata.voicemail,
        metadata.fixed_line,
    ]
    if not metadata.same_mobile_and_fixed_line_pattern:
        kinds.append(metadata.mobile)
    types = [p for p in (_pattern_for(desc, length) for desc in kinds) if p is not None]
    if general is None or not types:
        return None
    return re.compile(f"(?=(?:{general})\\Z)(?:" + "|".join(f"(?:{p})" for p in types) + ")")


def _pattern_for(desc: PhoneNumberDesc | None, length: int) -> str | None:
    """_is_number_matching_desc's pattern for numbers of `length` digits (None: none match)."""
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and length not in desc.possible_length:
        return None
    return str(desc.national_number_pattern)

from enum import Enum

import pytest

from warroom.domain.choices import parse_choice
from warroom.domain.directory import Outcome
from warroom.domain.errors import ValidationError
from warroom.domain.incident import Severity
from warroom.domain.timeline import EntryKind


class Light(str, Enum):
    RED = "red"
    AMBER = "amber"


def test_a_typed_choice_is_read_the_enums_way():
    assert parse_choice(Light, "  Red ", "light") is Light.RED
    assert parse_choice(Light, Light.AMBER, "light") is Light.AMBER
    assert parse_choice(Light, "stop", "light", aliases={"stop": "red"}) is Light.RED
    assert Severity.parse("2") is Severity.SEV2 and Severity.parse(" sev1") is Severity.SEV1
    assert EntryKind.parse("Status change") is EntryKind.STATUS
    assert Outcome.parse("NO_ANSWER") is Outcome.NO_ANSWER


def test_an_unknown_choice_is_one_sentence_naming_them_all():
    with pytest.raises(ValidationError, match=r"^Unknown light 'green': use one of red, amber\.$"):
        parse_choice(Light, "green", "light")
    with pytest.raises(ValidationError, match=r"^Unknown severity None: use one of SEV1, SEV2, SEV3, SEV4\.$"):
        Severity.parse(None)  # type: ignore[arg-type]


def test_a_hint_names_the_choices_a_person_types_and_spaced_choices_fold():
    from warroom.domain.changes_record import ChangeMark
    from warroom.domain.roles_questions import QuestionState

    assert ChangeMark.parse(" Ruled-Out ") is ChangeMark.RULED_OUT
    assert QuestionState.parse("ruled_out") is QuestionState.RULED_OUT
    with pytest.raises(ValidationError, match=r"^Unknown mark 'maybe': use suspect, ruled-out, cause or cleared\.$"):
        ChangeMark.parse("maybe")
    with pytest.raises(ValidationError, match=r"^Unknown outcome 'open-ish': use confirmed, ruled out or answered\.$"):
        QuestionState.parse("open-ish")

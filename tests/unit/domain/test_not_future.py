from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.errors import ValidationError
from warroom.domain.not_future import FUTURE_TOLERANCE, NO_TOLERANCE, is_future, not_future

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)


def test_a_minute_of_clock_drift_is_not_the_future():
    assert timedelta(minutes=1) == FUTURE_TOLERANCE
    assert not is_future(NOW + FUTURE_TOLERANCE, NOW)
    assert is_future(NOW + FUTURE_TOLERANCE + timedelta(microseconds=1), NOW)


def test_no_tolerance_refuses_even_a_second_ahead():
    assert not is_future(NOW, NOW, NO_TOLERANCE)
    assert is_future(NOW + timedelta(seconds=1), NOW, NO_TOLERANCE)


def test_refusal_is_the_callers_sentence():
    assert not_future(NOW - timedelta(days=1), NOW, "never shown") == NOW - timedelta(days=1)
    with pytest.raises(ValidationError, match="^Tick it when it is done.$"):
        not_future(NOW + timedelta(hours=1), NOW, "Tick it when it is done.")

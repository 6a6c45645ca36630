"""One rule, one home: a record is of what has happened, so it is never dated in the future.

Clocks on two laptops disagree a little, and "now" typed as HH:MM may be seconds ahead
of this laptop's clock, so what is recorded (timeline entries and their edits, ticked
checklist items, contact attempts, typed and imported times) may be up to
FUTURE_TOLERANCE ahead. An incident's start has no tolerance (NO_TOLERANCE): it is
set deliberately, and a start even a second ahead would make every duration negative.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from warroom.domain.errors import ValidationError

FUTURE_TOLERANCE = timedelta(minutes=1)
NO_TOLERANCE = timedelta(0)


def is_future(at: datetime, now: datetime, tolerance: timedelta = FUTURE_TOLERANCE) -> bool:
    """True when `at` is later than `now` by more than the tolerance."""
    return at > now + tolerance


def not_future(at: datetime, now: datetime, refusal: str, *, tolerance: timedelta = FUTURE_TOLERANCE) -> datetime:
    """`at` as it is, or a ValidationError with the caller's one-sentence `refusal`."""
    if is_future(at, now, tolerance):
        raise ValidationError(refusal)
    return at

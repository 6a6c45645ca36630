"""UUIDv7 identifiers: time-ordered, made on any laptop without coordination."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_seq = 0


def new_id() -> str:
    """Return a new UUIDv7 as its canonical 36-character string.

    Within one millisecond a 12-bit counter keeps ids strictly increasing from
    this process, so ids sort in creation order (RFC 9562, method 1).
    """
    noise = int.from_bytes(os.urandom(8), "big") & _RAND_B
    with _lock:
        high = _next_high()
    return _text(high | noise)


def new_ids(count: int) -> list[str]:
    """`count` new ids, as `count` calls of new_id give them: one lock and one read of the
    random source for a bulk write (the outbox rows of a 150,000-contact import)."""
    with _lock:
        highs = [_next_high() for _ in range(count)]
    noise = os.urandom(8 * count)
    return [_text(high | int.from_bytes(noise[8 * i : 8 * i + 8], "big") & _RAND_B) for i, high in enumerate(highs)]


def _next_high() -> int:
    """The id's time, version, counter and variant bits (all but the random tail); under _lock."""
    global _last_ms, _last_seq
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms
        _last_seq += 1
        if _last_seq > 0xFFF:
            ms += 1
            _last_seq = 0
    else:
        _last_seq = int.from_bytes(os.urandom(2), "big") & 0x3FF
    _last_ms = ms
    return (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _last_seq << 64 | 0b10 << 62


_RAND_B = (1 << 62) - 1


def _text(value: int) -> str:
    digits = value.to_bytes(16, "big").hex()  # what str(uuid.UUID(int=value)) gives, at a quarter of its cost
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def is_id(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return len(text) == 36

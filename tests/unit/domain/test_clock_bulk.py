"""Stamps ticked in bulk are the stamps single ticks give: increasing, after what came before."""

from __future__ import annotations

from warroom.domain.clock import HybridClock, Stamp


def test_tick_encoded_is_consecutive_ticks_within_one_wall_reading():
    wall = [1_000]
    clock = HybridClock("dev-a", wall=lambda: wall[0])
    before = clock.tick()
    bulk = clock.tick_encoded(3)
    after = clock.tick()
    assert bulk == [Stamp(1_000, n, "dev-a").encode() for n in (1, 2, 3)]
    assert after == Stamp(1_000, 4, "dev-a") and before < Stamp.decode(bulk[0])


def test_tick_encoded_starts_a_new_millisecond_at_counter_zero():
    wall = [1_000]
    clock = HybridClock("dev-a", wall=lambda: wall[0])
    clock.tick_encoded(5)
    wall[0] = 1_001
    assert [Stamp.decode(s) for s in clock.tick_encoded(2)] == [Stamp(1_001, 0, "dev-a"), Stamp(1_001, 1, "dev-a")]
    assert clock.tick_encoded(0) == [] and clock.tick() == Stamp(1_001, 2, "dev-a")

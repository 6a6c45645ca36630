"""Ids made in bulk are the ids one-at-a-time calls make: UUIDv7, unique, in creation order."""

from __future__ import annotations

import uuid

from warroom.domain.ids import is_id, new_id, new_ids


def test_new_ids_continue_the_order_of_new_id():
    made = [new_id()] + new_ids(10_000) + [new_id()]
    assert made == sorted(made) and len(set(made)) == len(made)
    assert all(is_id(i) and uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in made)
    assert new_ids(0) == []

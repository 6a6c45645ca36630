"""What every service needs: the store and who is using the app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from warroom.domain.clock import utc_now
from warroom.store.store import Store


@dataclass
class ServiceContext:
    store: Store
    user_name: str
    zone: str = "UTC"  # the viewer's zone, for parsing typed times
    now: Callable[[], datetime] = utc_now

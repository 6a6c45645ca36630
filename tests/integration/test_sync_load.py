"""Under load every entry reaches every replica exactly once.

Six writer processes write 20 entries a second each for 10 s on one PostgreSQL hub
while two more replicas only listen. Every replica must end with all 1,200 entries,
none twice, and each runner must have applied exactly the changes the others put on
the hub: a change applied twice or passed over shows up in that count even when
the store itself would hide it.
"""

from __future__ import annotations

import pytest

from tests.integration.sync_load_support import LoadRun
from tests.integration.sync_load_writer import tight
from warroom.sync.hub_admin import init_hub


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_every_entry_reaches_every_replica_exactly_once(tmp_path, pg_url):
    init_hub(pg_url)
    outcome = LoadRun(pg_url, tmp_path, writers=6, rate=20, seconds=10, readers=2).run()
    assert outcome.written == 6 * 200
    assert outcome.everywhere_once, "\n".join(outcome.problems)
    assert len(outcome.latencies) == 6 * 5 * 200  # each writer saw the other five writers' entries


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_exactly_once_with_tiny_batches_and_a_cursor_that_must_wait(tmp_path, pg_url, monkeypatch):
    """Pulls of 3 changes cut transactions in two; remembering only 2 transactions above xmin
    makes replicas fall back to waiting for it whenever pushes overlap."""
    init_hub(pg_url)
    tight(3, 2, monkeypatch.setattr)  # for the reader in this process; writers get it by argument
    outcome = LoadRun(pg_url, tmp_path, writers=4, rate=20, seconds=5, readers=1, tight=(3, 2)).run()
    assert outcome.written == 4 * 100
    assert outcome.everywhere_once, "\n".join(outcome.problems)

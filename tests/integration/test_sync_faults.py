"""The hub goes away (refused, cut mid-push, cut mid-pull, backends killed); nothing is lost or doubled."""

from __future__ import annotations

from collections import Counter

import psycopg
import pytest

from tests.integration.sync_support import entry_texts, replica, services, snapshot, wait_until
from tests.integration.tcp_proxy import TcpProxy
from warroom.sync.hub_admin import init_hub
from warroom.sync.runner import Backoff, SyncPhase, SyncRunner

FAST = Backoff(first=0.05, most=0.3, periodic=2.0)


@pytest.fixture
def pg_hub(pg_url) -> str:
    init_hub(pg_url)
    return pg_url


@pytest.fixture
def proxy(pg_hub):
    host_port = pg_hub.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    p = TcpProxy(host, int(port)).start()
    yield p
    p.stop()


def via(proxy: TcpProxy, url: str) -> str:
    head, tail = url.split("@", 1)
    return f"{head}@127.0.0.1:{proxy.port}/{tail.split('/', 1)[1]}"


class Pair:
    """Replica A syncs through `a_url`, B through `b_url`; both write; both must converge."""

    def __init__(self, tmp_path, a_url: str, b_url: str) -> None:
        self.a, self.b = replica(tmp_path, "a"), replica(tmp_path, "b")
        self.runners = [
            SyncRunner(self.a, a_url, backoff=FAST).start(),
            SyncRunner(self.b, b_url, backoff=FAST).start(),
        ]
        self.written: list[str] = []
        incidents, _ = services(self.a, "Åsa Bergström")
        self.incident = incidents.open("Hub outage drill", "SEV2").id
        wait_until(lambda: services(self.b, "x")[0].list(), 5, "the incident never reached B")

    def write(self, side: str, text: str) -> None:
        store = self.a if side == "a" else self.b
        services(store, f"user-{side}")[1].add(self.incident, text)
        self.written.append(text)

    def converged(self) -> bool:
        return sorted(self.written) == entry_texts(self.a) == entry_texts(self.b) and snapshot(self.a) == snapshot(
            self.b
        )

    def assert_converged(self, timeout: float = 10) -> None:
        try:
            wait_until(self.converged, timeout, "replicas did not converge")
        except AssertionError:
            raise AssertionError(
                f"replicas did not converge: A {self.runners[0].state!r} has {len(entry_texts(self.a))}, "
                f"B {self.runners[1].state!r} has {len(entry_texts(self.b))} of {len(self.written)}"
            ) from None
        for store in (self.a, self.b):
            counts = Counter(entry_texts(store))
            assert all(n == 1 for n in counts.values()), f"duplicated entries: {counts.most_common(3)}"
            wait_until(lambda: store.outbox_size() == 0, 2, "pushed changes stayed in the outbox")

    def stop(self) -> None:
        for r in self.runners:
            r.stop()


def hub_duplicates(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) - count(DISTINCT (table_name, row_id, stamp)) FROM hub_changes"
        ).fetchone()[0]


def test_connection_refused_then_back(tmp_path, pg_hub, proxy):
    proxy.refuse()
    pair = Pair.__new__(Pair)
    pair.a, pair.b = replica(tmp_path, "a"), replica(tmp_path, "b")
    pair.written = []
    states = []
    pair.runners = [
        SyncRunner(pair.a, via(proxy, pg_hub), states.append, backoff=FAST).start(),
        SyncRunner(pair.b, pg_hub, backoff=FAST).start(),
    ]
    try:
        pair.incident = services(pair.a, "Åsa")[0].open("Refused", "SEV3").id
        wait_until(
            lambda: pair.runners[0].state.phase is SyncPhase.OFFLINE and pair.runners[0].state.waiting >= 1,
            5,
            "A is not offline with changes waiting",
        )
        for n in range(5):
            pair.write("a", f"written while refused {n}")
        # the incident and one change per entry (its first revision)
        wait_until(lambda: pair.runners[0].state.waiting == 6, 5, "A's waiting count is wrong")
        assert str(pair.runners[0].state) == "Offline — 6 changes waiting"
        proxy.accept()
        wait_until(lambda: services(pair.b, "x")[0].list(), 5, "the incident never reached B")
        pair.write("b", "B once A is back")
        pair.assert_converged()
    finally:
        pair.stop()
    assert hub_duplicates(pg_hub) == 0


@pytest.mark.parametrize("reply_bytes", [None, 0], ids=["before-the-insert", "after-the-commit"])
def test_cut_in_the_middle_of_a_push(tmp_path, pg_hub, proxy, reply_bytes):
    pair = Pair(tmp_path, via(proxy, pg_hub), pg_hub)
    try:
        # Statements are prepared, so their SQL crossed the link long ago; the push's own
        # parameters carry the entry's text.
        fired = proxy.cut_when("pushed into a cut ✂".encode(), reply_bytes=reply_bytes)
        pair.write("a", "pushed into a cut ✂")
        assert fired.wait(5), "the push never went through the proxy"
        for n in range(3):
            pair.write("a", f"after the cut {n}")
            pair.write("b", f"B writes on {n}")
        pair.assert_converged()
    finally:
        pair.stop()
    assert hub_duplicates(pg_hub) == 0


def test_cut_in_the_middle_of_a_pull(tmp_path, pg_hub, proxy):
    pair = Pair(tmp_path, pg_hub, via(proxy, pg_hub))
    try:
        pair.write("a", "warm-up")
        wait_until(lambda: "warm-up" in entry_texts(pair.b), 5, "warm-up did not arrive")
        # The pull's SQL is a prepared statement by now; its parameters carry B's device id.
        fired = proxy.cut_when(pair.b.device_id.encode(), reply_bytes=60)
        for n in range(20):
            pair.write("a", f"big batch {n}" + " Ọlá Adéwálé" * 20)
        assert fired.wait(5), "no pull went through the proxy"
        pair.write("b", "B after the cut")
        pair.assert_converged()
    finally:
        pair.stop()


def test_server_restart_kills_every_backend(tmp_path, pg_hub, postgres_factory):
    pair = Pair(tmp_path, pg_hub, pg_hub)
    database = pg_hub.rsplit("/", 1)[1]
    admin = psycopg.connect(postgres_factory.admin_url, autocommit=True)
    try:
        for round_ in range(3):
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            ).fetchone()[0]
            assert killed >= 2  # at least both listeners
            pair.write("a", f"A after restart {round_}")
            pair.write("b", f"B after restart {round_}")
            pair.assert_converged()
    finally:
        admin.close()
        pair.stop()
    assert hub_duplicates(pg_hub) == 0

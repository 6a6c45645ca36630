"""Joining a compacted hub the quick way (snapshot_join) trusts the hub no more than the usual path.

`fit` must never accept a revision validate.py refuses (a property test throws mutated ones at
both), and a laptop joining a snapshot full of unusual and hostile revisions must end in the
same state, with the same quarantine, as one joining it the usual way.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.integration.sync_support import replica, services, snapshot
from tests.unit.sync.test_hostile_hub import MALLORY_DEVICE, Writer, now_ms, postgres_factory_if_pg, stamp, writer
from warroom.domain.ids import new_id
from warroom.store.replication import Change
from warroom.sync import revision_shape, snapshot_join
from warroom.sync.compaction import compact
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.quarantine import problems
from warroom.sync.validate import refusal

__all__ = ["postgres_factory_if_pg", "writer"]  # fixtures shared with the hostile-hub tests

DEVICE = "0190feed-0000-7000-8000-00000000c0de"
INSTANT = "2026-11-30T11:59:06.147878+00:00"


def revision(incident_id: str, entry_id: str | None = None, at: str | None = None, **over) -> dict:
    row = {
        "id": new_id(),
        "entry_id": entry_id or new_id(),
        "incident_id": incident_id,
        "stamp": at or stamp(device=MALLORY_DEVICE),
        "occurred_at": INSTANT,
        "recorded_at": INSTANT,
        "author": "Ọlá",
        "kind": "observation",
        "text": "Line 1\nthe vendor called back — 東京",
        "milestone": None,
        "vendor_id": None,
        "contact_id": None,
        "vendor_name": None,
        "contact_name": None,
        "retracted": False,
    }
    return {**row, **over}


def as_payload(row: dict, *, ascii_only: bool = False) -> str:
    return json.dumps({"row": row}, ensure_ascii=ascii_only, sort_keys=True)


ODD = (
    "",
    " ",
    "\u2003",
    "\t\n",
    "\x00",
    "x" * 37,
    "x" * 81,
    None,
    True,
    0,
    1.5,
    [],
    {},
    "Observation",
    "obs",
    "2026-02-30T11:59:06.147878+00:00",
    "2026-11-30T24:00:00.000000+00:00",
    "1969-12-31T23:59:59.999999+00:00",
    "2201-01-01T00:00:00.000000+00:00",
    "2026-11-30T11:59:06+00:00",
    "2026-11-30T11:59:06.147878+01:00",
    "2026-11-30 11:59:06.147878+00:00",
    INSTANT,
)
ODD_VALUES = st.sampled_from(ODD)
STAMP_TEXTS = (
    "1796039946161.000000." + DEVICE,
    "1796039946161.000000.other-device",
    "9796039946161.000000." + DEVICE,
    "179603994616.000000." + DEVICE,
    "1796039946161.000000." + DEVICE + "\n",
    "１796039946161.000000." + DEVICE,
    "1796039946161.000000.",
)
STAMPS = st.sampled_from(STAMP_TEXTS)
DELETED = object()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(st.tuples(st.sampled_from(sorted(revision("i"))), ODD_VALUES | st.text(max_size=90)), max_size=3),
    dropped=st.sets(st.sampled_from(sorted(revision("i"))), max_size=2),
    extra=st.booleans(),
    change_stamp=STAMPS,
    row_id_differs=st.booleans(),
    ascii_only=st.booleans(),
)
def test_fit_accepts_no_revision_validate_refuses(changes, dropped, extra, change_stamp, row_id_differs, ascii_only):
    now = 1796039946161
    row = revision(new_id(), at=change_stamp)
    for key, value in changes:
        row[key] = value
    for key in dropped:
        row.pop(key)
    if extra:
        row["colour"] = "red"
    row_id = new_id() if row_id_differs else row.get("id")
    text_payload = as_payload(row, ascii_only=ascii_only)
    change = Change(new_id(), "entry_revisions", row_id, json.loads(text_payload), change_stamp, DEVICE)
    found = revision_shape.values(text_payload)
    if found is not None and revision_shape.fit(
        (change.change_id, "entry_revisions", row_id, change_stamp, DEVICE), found, now
    ):
        assert refusal(change, now) is None, row


def _fit_implies_valid(row: dict, change_stamp: str, row_id: object, ascii_only: bool) -> bool:
    """Fails the test if `fit` takes what validate refuses; True if it took it."""
    now = 1796039946161
    text_payload = as_payload(row, ascii_only=ascii_only)
    change = Change(new_id(), "entry_revisions", row_id, json.loads(text_payload), change_stamp, DEVICE)
    found = revision_shape.values(text_payload)
    if found is None or not revision_shape.fit(
        (change.change_id, "entry_revisions", row_id, change_stamp, DEVICE), found, now
    ):
        return False
    assert refusal(change, now) is None, (row, change_stamp, row_id)
    return True


def test_fit_refuses_every_single_odd_value_validate_refuses():
    taken = 0
    for key in sorted(revision("i")):
        for value in (*ODD, DELETED):
            for ascii_only in (False, True):
                row = revision(new_id(), at=STAMP_TEXTS[0])
                if value is DELETED:
                    del row[key]
                else:
                    row[key] = value
                taken += _fit_implies_valid(row, STAMP_TEXTS[0], row.get("id"), ascii_only)
    for change_stamp in STAMP_TEXTS:
        row = revision(new_id(), at=change_stamp)
        taken += _fit_implies_valid(row, change_stamp, row["id"], False)
        taken += _fit_implies_valid(row, change_stamp, new_id(), False)
    assert taken > 15  # the values that are fine where they were put (a text for a name, ...) were taken


# Text that JSON readers are known to read differently, or to refuse: control characters (raw or as
# whitespace), a byte-order mark, a lone surrogate, NaN, numbers for flags, a trailing comma, bare words.
ODD_TEXT = st.sampled_from(
    ("\x00", "\x01", "\t", "\n", "\r", "\x0b", "\x0c", "\x1f", "\x7f", "\ufeff", "\u00a0", "\u2028", "\ud800")
    + ("\udc00", "🚒", " ", ",", "}", "]", '"', "\\", "\\/", "\\n", "\\x", "NaN", "-Infinity", "1", "1e999", "True")
    + ("null", "true", "false", '""', "{}", "[]")
)
JSON_VALUES = st.sampled_from(
    ('"x"', '"x\\ny"', '""', "null", "true", "false", "0", "1", "NaN", "[]", "{}", '"' + "x" * 37 + '"')
)
KEYS = st.sampled_from((*sorted(revision("i")), "row", "set", "colour", "te\\/xt", "Text"))


@st.composite
def payload_texts(draw) -> str:
    """A revision's payload as the app writes it, then bent as a hostile hub might bend the text."""
    row = revision(new_id(), at=STAMP_TEXTS[0], author=draw(st.sampled_from(("Ọlá", "x" * 300, "🚒" * 3))))
    text = as_payload(row)
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(("insert", "key first", "key last", "outer key", "around")))
        if how == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(ODD_TEXT) + text[at:]
        elif how in ("key first", "key last"):  # a duplicate key: json.loads keeps the last one
            pair = f'"{draw(KEYS)}": {draw(JSON_VALUES)}'
            text = (
                text.replace('{"row": {', '{"row": {' + pair + ", ", 1)
                if how == "key first"
                else text[:-2] + ", " + pair + "}}"
            )
        elif how == "outer key":
            text = "{" + f'"{draw(KEYS)}": {draw(JSON_VALUES)}, ' + text[1:]
        else:
            text = draw(ODD_TEXT | st.just("")) + text + draw(ODD_TEXT | st.just(" \t\r\n"))
    return text


@settings(max_examples=1500, deadline=None)
@given(text_payload=payload_texts())
def test_values_reads_a_payload_exactly_as_json_loads_does(text_payload):
    """msgspec decodes the quick path's payloads: where it takes one, json.loads (what the usual path
    reads with) must read the very same values, of the very same types, from it."""
    found = revision_shape.values(text_payload)
    if found is None:
        return
    decoded = json.loads(text_payload)
    assert list(decoded) == ["row"] and sorted(decoded["row"]) == sorted(revision_shape.NAMES), text_payload
    expected = [decoded["row"][name] for name in revision_shape.NAMES]
    assert [(type(v), v) for v in found] == [(type(v), v) for v in expected], text_payload


def test_values_leaves_what_json_readers_disagree_on_to_the_usual_path():
    row = revision(new_id(), at=STAMP_TEXTS[0])
    plain = as_payload(row)
    assert revision_shape.values(plain) is not None
    twice = plain.replace('{"row": {', '{"row": {"text": "first", ', 1)
    assert revision_shape.values(twice)[revision_shape.AT["text"]] == json.loads(twice)["row"]["text"]  # the last
    longest = plain.replace('"milestone": null', '"milestone": "' + "🚒" * 80 + '"')  # 80 characters in 320 bytes
    assert revision_shape.values(longest)[revision_shape.AT["milestone"]] == "🚒" * 80
    refused = (
        plain.replace("Line 1", "Line\x001"),  # a raw NUL: not JSON
        plain.replace("Line 1", "Line\t1"),  # a raw tab: not JSON either
        plain.replace("Line 1", "Line \ud800"),  # a lone surrogate json.loads would keep
        plain.replace('"retracted": false', '"retracted": 0'),  # a number for a flag
        plain.replace('"retracted": false', '"retracted": NaN'),
        plain[:-1] + ', "set": []}',  # more than the row
        plain.replace('"milestone": null', '"milestone": "' + "🚒" * 81 + '"'),  # one character over
        "\ufeff" + plain,
        plain + ",",
    )
    for text_payload in refused:
        assert revision_shape.values(text_payload) is None, text_payload


def test_twin_revisions_go_the_usual_way_even_beside_an_unreadable_one():
    """Two fit changes of one row, and a third revision the usual path judges: as many entries (2) and
    row ids (2) as fit changes (2), which once passed for "every revision alone" and sent both twins
    to one INSERT (UNIQUE constraint failed: the whole join failed, again at every pull)."""
    at = f"{now_ms():013d}.000000.{DEVICE}"
    twin = revision(new_id(), at=at)
    rows = [
        (1, n, new_id(), "entry_revisions", row_id, at, DEVICE, payload)
        for n, (row_id, payload) in enumerate(
            [(twin["id"], as_payload(twin)), (twin["id"], as_payload({**twin, "text": "again"})), (new_id(), "{junk")]
        )
    ]
    taken, others = snapshot_join._split(rows, now_ms())
    assert taken == [] and others == rows


def test_batches_start_small_and_grow_to_the_read_batch():
    sizes = snapshot_join.batch_sizes()
    assert [next(sizes) for _ in range(7)] == [2000, 4000, 8000, 16000, 20000, 20000, 20000]


def test_fit_takes_the_revisions_the_app_writes():
    at = f"{now_ms():013d}.000000.{DEVICE}"
    row = revision(new_id(), at=at, milestone="resolved", retracted=True)
    found = revision_shape.values(as_payload(row))
    assert found is not None and revision_shape.fit(
        (new_id(), "entry_revisions", row["id"], at, DEVICE), found, now_ms()
    )
    assert revision_shape.values(as_payload(row, ascii_only=True)) is None  # \u escapes: the usual path decides


def _plant(w: Writer, incident_id: str) -> int:
    """Revisions of every kind the quick path must leave to the usual one, and two it may take:
    how many the laptop must refuse."""

    def put(row: dict, *, ascii_only: bool = False, at: str | None = None) -> None:
        w.insert("entry_revisions", row["id"], as_payload(row, ascii_only=ascii_only), at or row["stamp"])

    put(revision(incident_id))  # fit: taken quickly
    put(revision(incident_id, text="Çağrı 🚒"), ascii_only=True)  # fit, but escaped: the usual path applies it
    put(revision(incident_id, occurred_at="2026-11-30T12:59:06.147878+01:00"))  # fit, stored in UTC: usual path
    put(revision(incident_id, text="\u2003 "))  # blank text: refused
    put(revision(incident_id, kind="Observation"))  # not as the app stores it: refused
    put(revision(incident_id, occurred_at="2026-02-30T11:59:06.147878+00:00"))  # no such day: refused
    put(revision(new_id()))  # its incident never arrives: the store cannot keep it
    if not w.pg:  # a PostgreSQL hub refuses it itself
        put(revision(incident_id, at=stamp(now_ms() + 3_600_000)))  # stamped an hour ahead: refused
    entry = new_id()
    put(revision(incident_id, entry_id=entry, text="first"))
    put(revision(incident_id, entry_id=entry, text="second"))  # two revisions of one entry: in log order
    twin = revision(incident_id, text="the first of two changes with one row id")
    put(twin)
    put({**twin, "text": "the second: an append-only row is kept once"}, at=twin["stamp"])
    w.insert("entry_revisions", new_id(), "{not json", stamp())  # junk: refused
    return 5 if w.pg else 6  # blank, kind, day, missing incident, (ahead,) junk


def _state(store) -> tuple:
    with store.session() as s:
        clocks = sorted(tuple(r) for r in s.execute(text("SELECT table_name, row_id, stamps FROM sync_row_clocks")))
        stored = {  # as SQLite keeps them: an instant's text, not just the instant it reads as
            t: sorted(tuple(r) for r in s.execute(text(f"SELECT * FROM {t}")))
            for t in ("entry_revisions", "timeline_heads")
        }
    quarantined = sorted((p.change_id, p.reason) for p in problems(store))
    return snapshot(store), clocks, stored, quarantined


def _compact_all(hub_url: str) -> None:
    deadline = time.monotonic() + 20
    while compact(hub_url, keep_days=0).point is None and time.monotonic() < deadline:
        time.sleep(0.2)  # PostgreSQL: an older transaction on the server holds xmin back


@pytest.mark.parametrize("batches", ["one", "small"])
def test_joining_quickly_ends_as_joining_the_usual_way(hub_url, writer, tmp_path, monkeypatch, batches):
    if batches == "small":  # batches of 3, 6, 7, 7, ... rows, several statements each: an entry's
        # revisions and a row's twins fall in different batches, a batch's statements end part full
        monkeypatch.setattr(snapshot_join, "FIRST_BATCH", 3)
        monkeypatch.setattr(snapshot_join, "READ_BATCH", 7)
        monkeypatch.setattr(snapshot_join, "ROWS_A_STATEMENT", 2)
    hub = Hub(hub_url)
    a = replica(tmp_path, "a")
    incidents, timeline = services(a, "Åsa")
    incident = incidents.open("Checkout down 東京", "SEV2").id
    for n in range(30):
        entry = timeline.add(incident, f"entry {n} — שלום").entry
        if n % 10 == 0:
            timeline.edit(entry.id, text=f"entry {n}, edited")
    SyncEngine(a, hub).sync_once(settle=5)
    refused = _plant(writer, incident)
    _compact_all(hub_url)
    taken: list[tuple[int, int]] = []
    real_join = snapshot_join.join
    monkeypatch.setattr(snapshot_join, "join", lambda *args: taken.append(real_join(*args)) or taken[-1])
    quick = replica(tmp_path, "quick")
    SyncEngine(quick, hub).sync_once(settle=5)
    monkeypatch.setattr(snapshot_join, "ENABLED", False)
    usual = replica(tmp_path, "usual")
    SyncEngine(usual, hub).sync_once(settle=5)
    hub.close()
    assert taken and taken[0][1] >= 25, taken  # most revisions went the quick way
    assert _state(quick) == _state(usual)
    assert len(_state(quick)[3]) == refused


def test_a_new_laptop_takes_every_plain_revision_and_a_second_join_changes_nothing(hub_url, tmp_path, monkeypatch):
    hub = Hub(hub_url)
    a = replica(tmp_path, "a")
    incidents, timeline = services(a, "Åsa")
    incident = incidents.open("Checkout down 東京", "SEV2").id
    for n in range(40):
        timeline.add(incident, f"entry {n} — שלום")
    SyncEngine(a, hub).sync_once(settle=5)
    _compact_all(hub_url)
    taken: list[tuple[int, int]] = []
    real_join = snapshot_join.join
    monkeypatch.setattr(snapshot_join, "join", lambda *args: taken.append(real_join(*args)) or taken[-1])
    quick = replica(tmp_path, "quick")  # its revisions and heads are empty when the quick path inserts
    engine = SyncEngine(quick, hub)
    engine.sync_once(settle=5)
    assert taken[0][1] == 40, taken  # every entry's revision and head came the quick way
    joined = _state(quick)
    again = real_join(
        engine._local, hub, quick.device_id, quick.clock, lambda c: engine._apply_usual(c, engine.cursor())
    )
    monkeypatch.setattr(snapshot_join, "ENABLED", False)
    usual = replica(tmp_path, "usual")
    SyncEngine(usual, hub).sync_once(settle=5)
    hub.close()
    assert again[1] == 0, again  # a snapshot applied again (after a crash) inserts nothing twice
    assert _state(quick) == joined == _state(usual)

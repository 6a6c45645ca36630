"""Hostile and broken inputs through the CLI: one sentence, the right exit code, nothing touched.

Each case asserts: the exit code; stderr is one line, "warroom: ...", naming the culprit (file,
line, field, setting or store); no traceback; and the store is byte-identical (SHA-256) with
PRAGMA integrity_check ok. Cases that need no environment of their own share one driver process
(see driver.py); the others run as `python -m warroom` processes of their own.
"""

from __future__ import annotations

import json
import re
import resource
import signal
import sqlite3
import time
import uuid

import pytest

from tests.data import SCENARIO
from tests.e2e.hostile.conftest import integrity_ok, sha256
from tests.read_only import read_only

CAL_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n"
VENDOR = "Kronan Datacenter AB"


def _calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return CAL_HEAD + body + "END:VCALENDAR\r\n"


def _files(folder, archive) -> dict[str, object]:
    """Every hostile input file, written once."""
    data = json.loads(archive.read_text(encoding="utf-8"))

    def variant(name: str, change) -> object:
        copy = json.loads(json.dumps(data))
        change(copy)
        path = folder / name
        path.write_text(json.dumps(copy), encoding="utf-8")
        return path

    def new_incident(d):
        d["incident"]["id"] = str(uuid.uuid4())

    def fresh_everything(d):
        new_incident(d)
        for key in (
            "entries",
            "revisions",
            "attempts",
            "checklists",
            "action_items",
            "status_updates",
            "duration_defs",
        ):
            for item in d[key]:
                item["id"] = str(uuid.uuid4())

    files = {
        "collide": variant("collide.json", new_incident),
        "no_entries": variant("no-entries.json", lambda d: (fresh_everything(d), d.pop("entries"))),
        "not_uuid": variant("not-uuid.json", lambda d: d["incident"].update(id="INC-4")),
        "year_0001": variant(
            "year-0001.json",
            lambda d: (fresh_everything(d), d["entries"][3].update(occurred_at="0001-01-01T00:00:00Z")),
        ),
    }
    deep = folder / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    files["deep"] = deep
    calendars = {
        "secondly": _calendar(
            "UID:tick@x\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ=SECONDLY\r\n"
        ),
        "minutely": _calendar(
            "UID:tock@x\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ=MINUTELY\r\n"
        ),
        "far_future": _calendar(
            "UID:daily@x\r\nDTSTART:20260101T090000Z\r\nDTEND:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\n",
            "UID:far@x\r\nDTSTART:29990101T090000Z\r\nDTEND:29990101T100000Z\r\n",
        ),
        "mars": _calendar(
            "UID:mars@x\r\nDTSTART;TZID=Mars/Olympus:20260101T090000\r\nDTEND;TZID=Mars/Olympus:20260101T100000\r\n"
        ),
        "backwards": _calendar("UID:back@x\r\nDTSTART:20260102T090000Z\r\nDTEND:20260101T090000Z\r\n"),
    }
    for name, text in calendars.items():
        path = folder / f"{name}.ics"
        path.write_bytes(text.encode())
        files[name] = path
    csv_lines = (SCENARIO / "vendors.csv").read_text(encoding="utf-8").splitlines()
    nul = folder / "nul.csv"
    nul.write_text("\n".join([csv_lines[0], csv_lines[1].replace("Service desk", "Service\x00desk", 1)]) + "\n")
    files["nul"] = nul
    ancient = folder / "ancient.csv"
    ancient.write_text(
        "occurred_at,kind,milestone,author,vendor,contact,text\n0001-01-01T00:00:00Z,action,,,,,From year one\n",
        encoding="utf-8",
    )
    files["ancient"] = ancient
    big = folder / "big.csv"
    big.write_text(csv_lines[0] + "\n" + "#" * 3000 + "\n", encoding="utf-8")
    files["big"] = big
    return files


CASES = [
    # (name, argv builder, exit code, pattern the one stderr line must match)
    (
        "ics-secondly",
        lambda f, s: ["vendors", "import", str(f["secondly"]), "--vendor", VENDOR],
        1,
        r"secondly\.ics line \d+: event tick@x repeats secondly",
    ),
    (
        "ics-minutely",
        lambda f, s: ["vendors", "import", str(f["minutely"]), "--vendor", VENDOR],
        1,
        r"minutely\.ics line \d+: event tock@x repeats minutely",
    ),
    (
        "ics-2999",
        lambda f, s: ["vendors", "import", str(f["far_future"]), "--vendor", VENDOR],
        1,
        r"far_future\.ics line \d+: event far@x has a DTSTART in the year 2999",
    ),
    (
        "ics-mars",
        lambda f, s: ["vendors", "import", str(f["mars"]), "--vendor", VENDOR],
        1,
        r"mars\.ics line \d+: event mars@x uses the unknown time zone 'Mars/Olympus'",
    ),
    (
        "ics-backwards",
        lambda f, s: ["vendors", "import", str(f["backwards"]), "--vendor", VENDOR],
        1,
        r"backwards\.ics line \d+: event back@x ends .* before it starts",
    ),
    (
        "csv-nul",
        lambda f, s: ["vendors", "import", str(f["nul"])],
        1,
        r"nul\.csv line 2, column 'contact': holds the control character U\+0000 \(NUL\)",
    ),
    (
        "csv-too-big",
        lambda f, s: ["vendors", "import", str(f["big"]), "--max-size", "1k"],
        1,
        r"big\.csv is 0\.0 MB, over the import limit .*; pass --max-size",
    ),
    (
        "timeline-year-0001",
        lambda f, s: ["timeline", "import", "INC-1", str(f["ancient"])],
        1,
        r"ancient\.csv line 2, column 'occurred_at': '0001-01-01T00:00:00Z' is outside the years 1900-2199",
    ),
    ("import-folder", lambda f, s: ["vendors", "import", str(f["big"].parent)], 1, r"is a folder: name the file"),
    (
        "json-collide",
        lambda f, s: ["incident", "import", str(f["collide"])],
        1,
        r"collide\.json: entry [0-9a-f-]{36} already belongs to INC-1 'Discharge handshakes.*'; .* --as-new",
    ),
    (
        "json-no-entries",
        lambda f, s: ["incident", "import", str(f["no_entries"])],
        1,
        r"no-entries\.json: The incident export has no 'entries'",
    ),
    (
        "json-not-uuid",
        lambda f, s: ["incident", "import", str(f["not_uuid"])],
        1,
        r"not-uuid\.json: incident\.id: 'INC-4' is not an id",
    ),
    (
        "json-year-0001",
        lambda f, s: ["incident", "import", str(f["year_0001"])],
        1,
        r"year-0001\.json: entries\[3\]\.occurred_at: '0001-01-01T00:00:00Z' is outside the years 1900-2199",
    ),
    ("json-deep", lambda f, s: ["incident", "import", str(f["deep"])], 1, r"deep\.json: the JSON is nested too deeply"),
    ("db-folder", lambda f, s: ["--db", str(s.parent), "vendors", "list"], 1, r"is a folder, not a store file"),
    (
        "db-missing-folder",
        lambda f, s: ["--db", str(s.parent / "nowhere" / "w.sqlite"), "vendors", "list"],
        1,
        r"The folder .*nowhere does not exist: create it first, or add --create",
    ),
    ("usage", lambda f, s: ["vendors", "frobnicate"], 2, r"invalid choice: 'frobnicate'"),
]


@pytest.fixture(scope="module")
def batch(hostile, prepared, tmp_path_factory):
    store, archive, _title = prepared
    files = _files(tmp_path_factory.mktemp("hostile-files"), archive)
    before = sha256(store)
    cases = [
        (name, ["--db", str(store), *build(files, store)] if build(files, store)[0] != "--db" else build(files, store))
        for name, build, _code, _pattern in CASES
    ]
    started = time.monotonic()
    outcomes = hostile.batch(cases, watch=[store])
    return outcomes, before, time.monotonic() - started, store


def _one_sentence(stderr: str, code: int) -> str:
    assert "Traceback" not in stderr and "ESCAPED" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code == 2:  # argparse: the usage line, then one "warroom ...: error: ..." sentence
        return lines[-1]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("warroom: "), stderr
    return lines[0]


@pytest.mark.parametrize(("name", "code", "pattern"), [(c[0], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_hostile_input_is_one_sentence_and_the_store_is_untouched(batch, name, code, pattern):
    outcomes, before, _seconds, store = batch
    outcome = outcomes[name]
    assert outcome.code == code, outcome.stderr
    assert re.search(pattern, _one_sentence(outcome.stderr, code)), outcome.stderr
    assert outcome.hashes[str(store)] == before
    assert integrity_ok(store)


def test_no_case_runs_long(batch):
    _outcomes, _before, seconds, _store = batch
    assert seconds < 30 + 2 * len(CASES)


# -- cases with an environment of their own ---------------------------------------------------


def test_another_programs_sqlite_file_is_left_byte_identical(hostile, tmp_path):
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
    conn.close()
    before = sha256(foreign)
    done = hostile.separate("--db", str(foreign), "vendors", "list", text=True)
    assert done.returncode == 1
    line = _one_sentence(done.stderr, 1)
    assert "photos.db is not a Warroom store: it holds another program's tables (albums)" in line
    assert sha256(foreign) == before and integrity_ok(foreign)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_a_zero_byte_named_file_becomes_a_store_and_says_so(hostile, tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    done = hostile.separate("--db", str(empty), "vendors", "list", "--json", text=True)
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert _one_sentence(done.stderr, 0) == f"warroom: {empty} was empty; made a new store in it"
    assert integrity_ok(empty)


def test_json_is_utf8_whatever_the_locale(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    done = hostile.separate("--db", str(store), "vendors", "list", "--json", env=env)
    assert done.returncode == 0, done.stderr
    names = {c["name"] for v in json.loads(done.stdout.decode("utf-8")) for c in v["contacts"]}
    assert "Åsa Bergström" in names and b"Traceback" not in done.stderr


def test_a_broken_keyring_backend_is_one_sentence(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    before = sha256(store)
    env = {"PYTHON_KEYRING_BACKEND": "no.such.Backend", "WARROOM_KEYRING": ""}
    done = hostile.separate(
        "--db", str(store), "sync", "--hub", "postgresql://warroom@127.0.0.1:1/hub", "--once", env=env, text=True
    )
    assert done.returncode == 1
    line = _one_sentence(done.stderr, 1)
    assert "keyring backend 'no.such.Backend' named by PYTHON_KEYRING_BACKEND cannot be loaded" in line
    assert sha256(store) == before


def test_terminal_escapes_in_a_user_name_are_not_echoed(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    evil = "Mallory\x1b]0;pwned\x07\x1b[2J\u202e"
    done = hostile.separate("--db", str(store), "--user", evil, "incident", "open", "Printer\x1b[31m fire", text=True)
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\u202e" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_busy_store_waits_says_so_and_then_gives_one_sentence(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    before = sha256(store)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")  # another program writing: holds the write lock
    try:
        started = time.monotonic()
        done = hostile.separate(
            "--db", str(store), "incident", "open", "Second incident", env={"WARROOM_BUSY_TIMEOUT": "3"}, text=True
        )
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("warroom: waiting for the store") and "another Warroom or program is writing" in lines[0]
    assert lines[-1] == "warroom: The store is busy: another Warroom or program is writing; try again."
    assert 3 <= took < 20
    assert sha256(store) == before and integrity_ok(store)


FILE_LIMIT = 64 * 1024


def _small_files_only():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def test_an_export_onto_a_full_disk_leaves_the_previous_file_whole(hostile, prepared, tmp_path):
    """The OS refuses writes past 64 KB (RLIMIT_FSIZE), as a full disk would, mid-export."""
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    header, first = (SCENARIO / "vendors.csv").read_text(encoding="utf-8").splitlines()[:2]
    many = tmp_path / "many.csv"
    rows = [first.replace("Service desk", f"Desk {n}", 1).replace("servicedesk@", f"desk{n}@", 1) for n in range(600)]
    many.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert hostile.separate("--db", str(store), "vendors", "import", str(many), text=True).returncode == 0
    target = tmp_path / "vendors.csv"
    target.write_text("the previous export\n", encoding="utf-8")
    done = hostile.separate(
        "--db",
        str(store),
        "vendors",
        "export",
        "--format",
        "csv",
        "-o",
        str(target),
        preexec_fn=_small_files_only,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    line = _one_sentence(done.stderr, 1)
    assert re.search(r"Cannot write .*vendors\.csv: file too large; the previous file is unchanged\.", line), line
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert integrity_ok(store)


def test_exported_csv_cells_never_start_a_formula(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    evil = tmp_path / "evil.csv"
    lines = (SCENARIO / "vendors.csv").read_text(encoding="utf-8").splitlines()
    evil.write_text(
        lines[0] + "\n" + lines[1].replace("Service desk", "=cmd|' /C calc'!A0", 1) + "\n", encoding="utf-8"
    )
    assert hostile.separate("--db", str(store), "vendors", "import", str(evil), text=True).returncode == 0
    done = hostile.separate("--db", str(store), "vendors", "export", "--format", "csv", text=True)
    import csv
    import io

    cells = [cell for row in list(csv.reader(io.StringIO(done.stdout)))[1:] for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"]


def test_a_read_only_store_is_one_sentence(hostile, prepared, tmp_path):
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    before = sha256(store)
    with read_only(store):
        done = hostile.separate("--db", str(store), "incident", "open", "x", text=True)
    assert done.returncode == 1 and "is read-only" in _one_sentence(done.stderr, 1)
    assert sha256(store) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1, 2]", "holds list, not a JSON object; using the defaults"),
        ('{"user_name": 42}', "has a bad value for 'user_name' (42)"),
        ('{"user_name": null}', "has a bad value for 'user_name' (null)"),
        ('{"zone": 5}', "has a bad value for 'zone' (5)"),
    ],
    ids=["list", "name-42", "name-null", "zone-5"],
)
def test_a_malformed_settings_file_is_named_and_the_command_still_runs(hostile, prepared, tmp_path, content, problem):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(content, encoding="utf-8")
    store = tmp_path / "copy.sqlite"
    store.write_bytes(prepared[0].read_bytes())
    done = hostile.separate(
        "--db", str(store), "vendors", "list", "--json", env={"WARROOM_CONFIG_DIR": str(config)}, text=True
    )
    assert done.returncode == 0 and json.loads(done.stdout)
    line = _one_sentence(done.stderr, 0)
    assert line.startswith(f"warroom: the settings file {config / 'settings.json'} {problem}")
    assert (config / "settings.json.bad").read_text(encoding="utf-8") == content

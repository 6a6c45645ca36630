"""Vendor import at scale: 150,000 contacts (a 50 MB CSV) in well under a minute, bounded memory.

Issue #16 found a 50 MB vendors CSV still running after 600 s at 600 MB resident: every row
reloaded every vendor. Each import here runs in a process of its own (so its peak resident
memory is its own) into a fresh SQLite store. Figures:
- the time for 30,000 and 150,000 contacts, beside a floor measured in the same run: reading
  the same file with csv.reader and inserting one row per contact into a bare SQLite table with
  executemany (the least any import that reads and stores every row must do);
- growth, (t 150,000 / t 30,000) / 5, which stays near 1 for a linear import;
- the import process's CPU seconds (on a loaded machine the wall time is several times that)
  and its peak resident memory.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.harness import Report

SIZES = (30_000, 150_000)
PER_VENDOR = 5
NOTES = "Escalation contact for the perimeter firewall; speaks Swedish, Polish and English. " * 2

_IMPORT = """
import json, resource, sys, time
from warroom.app import build_services
services = build_services(sys.argv[1], user_name="bench")
data = open(sys.argv[2], "rb").read()
started, cpu = time.perf_counter(), time.process_time()
services.directory.import_file(data, source_name="vendors.csv")
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
services.close()
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb}))
"""


def vendors_csv(contacts: int) -> bytes:
    from warroom.integrations.directory_csv import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n in range(contacts):
        v, c = divmod(n, PER_VENDOR)
        row = {
            "vendor": f"Leverantör {v:06d} AB",
            "layers": "network;firewall",
            "contact": f"Kontakt {v}-{c} Åström",
            "role": "Engineer",
            "phone": f"+46 8 {v % 1000:03d} {c:02d} {v % 97:02d}",
            "email": f"kontakt{c}@v{v}.example",
            "timezone": "Europe/Stockholm",
            "country": "SE",
            "holiday_categories": "public;de_facto",
            "hours": "Mon-Fri 08:00-17:00",
            "escalation_level": str(c % 3 + 1),
            "always_on_call": "no",
            "notes": NOTES,
        }
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return out.getvalue().encode("utf-8")


def time_import(path: Path, folder: Path) -> dict:
    store = f"sqlite:///{folder / f'import-{path.stem}.sqlite'}"
    done = subprocess.run([sys.executable, "-c", _IMPORT, store, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def floor_read_and_store(path: Path, folder: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(folder / f"floor-{path.stem}.sqlite")
    conn.execute("CREATE TABLE contacts (" + ", ".join(f"c{i} TEXT" for i in range(16)) + ")")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        conn.executemany("INSERT INTO contacts VALUES (" + ",".join("?" * 16) + ")", rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def run(report: Report) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        seconds: dict[int, float] = {}
        floors: dict[int, float] = {}
        for n in SIZES:
            path = folder / f"vendors-{n}.csv"
            path.write_bytes(vendors_csv(n))
            measured = time_import(path, folder)
            seconds[n], floors[n] = measured["seconds"], floor_read_and_store(path, folder)
            report.add(
                f"vendor import, {n:,} contacts ({path.stat().st_size / 1e6:.0f} MB CSV)",
                seconds[n],
                floors[n],
                "s",
                max_value=45 if n == 150_000 else None,
                note=f"(CPU {measured['cpu']:.1f} s; peak {measured['rss_mb']:.0f} MB resident; "
                "floor: csv.reader + executemany)",
            )
        big, small = SIZES[-1], SIZES[0]
        report.add(
            f"vendor import growth: (t {big:,} / t {small:,}) / {big // small}",
            seconds[big] / seconds[small] / (big / small),
            floors[big] / floors[small] / (big / small),
            "x",
            max_value=1.5,
            note="(1.0 = linear)",
        )

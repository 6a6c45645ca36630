"""Re-importing a calendar makes that calendar's absences equal to the file."""

from __future__ import annotations

from tests.data import SCENARIO
from warroom.domain.clock import parse_iso
from warroom.services.directory.service import DirectoryService

CAL = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n"
CLOSED = (
    "BEGIN:VEVENT\r\nUID:closed@bp\r\nDTSTAMP:20131201T090000Z\r\nDTSTART;VALUE=DATE:20131224\r\n"
    "DTEND;VALUE=DATE:20131227\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n"
)
LEAVE = (
    "BEGIN:VEVENT\r\nUID:leave@bp\r\nDTSTAMP:20131201T090000Z\r\nDTSTART;VALUE=DATE:20131223\r\n"
    "DTEND;VALUE=DATE:20140103\r\nSUMMARY:Annual leave\r\n"
    'ORGANIZER;CN="Paweł Wiśniewski":mailto:pawel.wisniewski@baltic-perimeter.example\r\nEND:VEVENT\r\n'
)
WEEKLY = (
    "BEGIN:VEVENT\r\nUID:training@bp\r\nDTSTAMP:20131201T090000Z\r\nDTSTART:20131202T090000Z\r\n"
    "DTEND:20131202T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Training\r\nEND:VEVENT\r\n"
)
MOVED = (
    "BEGIN:VEVENT\r\nUID:training@bp\r\nDTSTAMP:20131201T090000Z\r\nRECURRENCE-ID:20131209T090000Z\r\n"
    "DTSTART:20131210T090000Z\r\nDTEND:20131210T110000Z\r\nSUMMARY:Training (moved)\r\nEND:VEVENT\r\n"
)
BALTIC = "Baltic Perimeter Sp. z o.o."


def _calendar(*events: str) -> bytes:
    return CAL.format(events="".join(events)).encode("utf-8")


def _reasons(directory: DirectoryService) -> list[str]:
    return sorted(a.reason for a in directory.absences(BALTIC))


def test_a_reimport_adds_updates_and_removes_by_uid_and_recurrence_id(ctx):
    directory = DirectoryService(ctx)
    directory.import_file((SCENARIO / "vendors.csv").read_bytes(), source_name="vendors.csv")
    baltic_id = directory.vendor("baltic").vendor.id
    typed = directory.add_absence(baltic_id, parse_iso("2013-12-02T00:00Z"), parse_iso("2013-12-03T00:00Z"), "Typed")
    first = directory.import_file(_calendar(CLOSED.format(summary="Closed"), LEAVE, WEEKLY, MOVED), "bp.ics", "baltic")
    assert first.absences_removed == 0
    audit = CLOSED.replace("closed@bp", "audit@bp").format(summary="Audit")
    other = directory.import_file(_calendar(audit), "audit.ics", BALTIC)
    assert other.absences_created == 1 and other.absences_removed == 0  # another calendar removes nothing of bp.ics
    again = directory.import_file(_calendar(CLOSED.format(summary="Closed for Christmas"), WEEKLY), "bp.ics", BALTIC)
    # the leave is gone; the renamed closure and the moved occurrence (back in its slot) are updated
    assert (again.absences_updated, again.absences_removed) == (2, 1)
    assert "1 absence removed (gone from the calendar)" in again.describe()
    assert _reasons(directory) == [
        "Audit",
        "Closed for Christmas",
        "Training",
        "Training",
        "Training",
        "Training",
        "Typed",
    ]
    assert typed.id in {a.id for a in directory.absences(BALTIC)}
    rows = {(r.vendor.name, r.contact.name): r for r in directory.reachable(at=parse_iso("2014-01-02T10:00+01:00"))}
    assert rows[(BALTIC, "Paweł Wiśniewski")].reachable  # the cancelled leave no longer blocks him
    same = directory.import_file(_calendar(CLOSED.format(summary="Closed for Christmas"), WEEKLY), "bp.ics", BALTIC)
    assert (same.absences_created, same.absences_updated, same.absences_removed) == (0, 0, 0)
    # the series deleted; an early event keeps December inside the window the import reads
    early = CLOSED.replace("closed@bp", "kickoff@bp").replace("20131224", "20131101").replace("20131227", "20131102")
    series_gone = directory.import_file(
        _calendar(early.format(summary="Kick-off"), CLOSED.format(summary="Closed for Christmas")), "bp.ics", BALTIC
    )
    assert (series_gone.absences_created, series_gone.absences_removed) == (1, 4)
    assert _reasons(directory) == ["Audit", "Closed for Christmas", "Kick-off", "Typed"]

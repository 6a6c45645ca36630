"""Checklists on incidents: start, edit, tick into the timeline, progress, and two laptops."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.services.conftest import FakeNow
from warroom.domain.checklist import ItemState
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.domain.timeline import EntryKind
from warroom.services.checklists import ChecklistService
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.models import OutboxRow
from warroom.store.replication import Change, Replicator
from warroom.store.store import Store

T0 = datetime(2013, 12, 24, 9, 0, tzinfo=UTC)


def _incident(ctx):
    return IncidentService(ctx).open("Checkout down for 東京 and Åre 🚒", "SEV1")


def _checklist_texts(checklist):
    return [(i.section, i.text) for i in checklist.items]


def test_start_a_builtin_tick_skip_untick_and_read_it_back_in_the_timeline(any_ctx):
    inc = _incident(any_ctx)
    svc = ChecklistService(any_ctx)
    checklist = svc.start(inc.id, "production down: THE FIRST 15 minutes")
    assert checklist.title == "Production down: the first 15 minutes"
    assert checklist.template_name == checklist.title and checklist.progress == (0, 16)
    first, second, third = checklist.items[:3]
    done = svc.tick(first.id)
    assert done.state is ItemState.DONE and done.done_by == "Ọlá Adéwálé" and done.done_at is not None
    skipped = svc.skip(second.id, "  internal system only,\n no users  ", by="Paweł Wiśniewski")
    assert skipped.state is ItemState.SKIPPED and skipped.done_by == "Paweł Wiśniewski"
    assert skipped.note == "Skipped: internal system only, no users"
    svc.tick(third.id, by="שרה כהן", note="posted in #incident")
    opened = svc.untick(first.id)
    assert opened.state is ItemState.OPEN and opened.done_at is None and opened.done_by is None
    assert svc.checklist(checklist.id).progress == (2, 16) and svc.progress(inc.id) == (2, 16)
    entries = TimelineService(any_ctx).entries(inc.id)
    assert [e.kind for e in entries] == [EntryKind.CHECKLIST] * 4
    assert {e.author for e in entries} == {"Ọlá Adéwálé"}
    assert [e.text for e in entries] == [
        f"✓ {first.text} (by Ọlá Adéwálé)",
        f"Skipped: {second.text} (by Paweł Wiśniewski) — reason: internal system only, no users",
        f"✓ {third.text} (by שרה כהן) — note: posted in #incident",
        f"Un-ticked: {first.text} (by Ọlá Adéwálé)",
    ]


def test_a_second_tick_on_the_same_laptop_records_nothing_twice(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    item = svc.start(inc.id, "rollback").items[0]
    svc.tick(item.id)
    svc.tick(item.id)
    skipped = svc.start(inc.id, "vendor-escalation").items[0]
    svc.skip(skipped.id, "vendor is on the bridge")
    svc.skip(skipped.id, "vendor is on the bridge")
    assert svc.skip(skipped.id, "no answer yet").note == (
        "Skipped: vendor is on the bridge\nSkipped: no answer yet"
    )  # a new reason is recorded
    svc.untick(svc.start(inc.id, "rollback").items[0].id)  # open already: nothing to record
    assert len(TimelineService(ctx).entries(inc.id)) == 3


def test_tick_time_is_when_it_was_done_and_not_in_the_future(store):
    now = FakeNow(T0)
    ctx = ServiceContext(store, "Åsa Bergström", "Europe/Stockholm", now=now)
    inc = IncidentService(ctx).open("DB host", "SEV2", started_at=T0 - timedelta(hours=1))
    svc = ChecklistService(ctx)
    item = svc.start(inc.id, "Vendor escalation").items[0]
    ticked = svc.tick(item.id, at=T0 - timedelta(minutes=20))
    assert ticked.done_at == T0 - timedelta(minutes=20)
    entry = TimelineService(ctx).entries(inc.id)[0]
    assert entry.occurred_at == T0 - timedelta(minutes=20) and entry.recorded_at == T0
    with pytest.raises(ValidationError, match="future"):
        svc.tick(svc.start(inc.id, "rollback").items[0].id, at=T0 + timedelta(hours=1))


def test_blank_checklist_add_assign_note_and_remove(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    blank = svc.start(inc.id, None, title="Ọlá's\nown list")
    assert blank.title == "Ọlá's own list" and blank.template_name is None and blank.items == ()
    a = svc.add_item(blank.id, "Call the 東京 data centre ☎️", section="Vendors")
    b = svc.add_item(blank.id, "Ask for the firewall logs")
    c = svc.add_item(blank.id, "Check the status page", section="")
    d = svc.add_item(blank.id, "Read the logs", after=a.id)
    assert b.section == "Vendors" and d.section == "Vendors"
    assert _checklist_texts(svc.checklist(blank.id)) == [
        ("Vendors", a.text),
        ("Vendors", d.text),
        ("Vendors", b.text),
        ("", c.text),
    ]
    assert svc.assign(a.id, "  Åsa Bergström ").assignee == "Åsa Bergström"
    assert svc.assign(a.id, "").assignee is None
    assert svc.set_note(a.id, "ticket 4711\r\nasked for Paweł  ").note == "ticket 4711\nasked for Paweł"
    svc.remove_item(d.id)
    svc.remove_item(d.id)  # twice is harmless
    assert [i.id for i in svc.checklist(blank.id).items] == [a.id, b.id, c.id]
    with pytest.raises(ValidationError, match="Item text is empty"):
        svc.add_item(blank.id, " \n ")
    with pytest.raises(NotFoundError, match="add after"):
        svc.add_item(blank.id, "x", after=d.id)
    assert TimelineService(ctx).entries(inc.id) == []


def test_reorder_moves_within_and_across_sections(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    checklist = svc.start(inc.id, "rollback")
    sections = [i.section for i in checklist.items]
    second_section_top = checklist.items[sections.index("Announce")]
    svc.shift_item(second_section_top.id, -1)  # joins the section above, stays in place
    after = svc.checklist(checklist.id)
    assert [i.id for i in after.items] == [i.id for i in checklist.items]
    assert svc.item(second_section_top.id).section == "Choose the target"
    svc.shift_item(second_section_top.id, -1)  # now swaps with the item above
    moved = [i.id for i in svc.checklist(checklist.id).items]
    index = moved.index(second_section_top.id)
    assert moved[index + 1] == checklist.items[index].id
    top = checklist.items[0]
    assert svc.shift_item(top.id, -1).position == top.position  # the top cannot go higher
    svc.move_item(top.id, 999, section="Verify")
    last = svc.checklist(checklist.id).items[-1]
    assert last.id == top.id and last.section == "Verify"


def test_fifty_moves_into_one_gap_renumber_instead_of_failing(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    blank = svc.start(inc.id, None, title="Gaps")
    ids = [svc.add_item(blank.id, f"item {n}").id for n in range(3)]
    renumbered = 0
    for n in range(80):  # keep dropping the last item between the first two: the gap halves
        current = [i.id for i in svc.checklist(blank.id).items]
        svc.move_item(current[-1], 1)
        renumbered += [i.position for i in svc.checklist(blank.id).items] == [1.0, 2.0, 3.0]
    assert renumbered == 1
    items = svc.checklist(blank.id).items
    positions = [i.position for i in items]
    assert positions == sorted(positions) and len(set(positions)) == 3
    assert sorted(i.id for i in items) == sorted(ids)


def test_find_item_by_number_id_and_text_start(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    first = svc.start(inc.id, "rollback")
    second = svc.start(inc.id, "vendor escalation")
    assert svc.find_item(inc.id, "1").id == first.items[0].id
    assert svc.find_item(inc.id, str(len(first.items) + 1)).id == second.items[0].id
    assert svc.find_item(inc.id, second.items[2].id).id == second.items[2].id
    assert svc.find_item(inc.id, "  check DATA migrations").text.startswith("Check data migrations")
    with pytest.raises(AmbiguousError, match="give more of the text"):
        svc.find_item(inc.id, "c")
    with pytest.raises(NotFoundError, match="have 33 items"):
        svc.find_item(inc.id, "99")
    with pytest.raises(NotFoundError, match="checklist show"):
        svc.find_item(inc.id, "Zebra")


def test_ticking_an_item_removed_elsewhere_says_so(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    checklist = svc.start(inc.id, "rollback")
    gone = checklist.items[4]
    svc.remove_item(gone.id)
    for action in (
        lambda: svc.tick(gone.id),
        lambda: svc.skip(gone.id, "n/a"),
        lambda: svc.untick(gone.id),
        lambda: svc.assign(gone.id, "Åsa"),
        lambda: svc.find_item(inc.id, gone.id),
    ):
        with pytest.raises(NotFoundError, match="no longer exists: it was removed, perhaps on another laptop"):
            action()
    svc.remove_checklist(checklist.id)
    with pytest.raises(NotFoundError, match="no longer exists"):
        svc.tick(checklist.items[0].id)
    assert svc.checklists(inc.id) == [] and svc.progress(inc.id) == (0, 0)
    assert TimelineService(ctx).entries(inc.id) == []


def test_refusals_change_nothing(ctx):
    inc = _incident(ctx)
    svc = ChecklistService(ctx)
    item = svc.start(inc.id, "rollback").items[0]
    with pytest.raises(ValidationError, match="Skip reason is empty"):
        svc.skip(item.id, "  ")
    with pytest.raises(NotFoundError, match="No checklist template is called 'Nope'"):
        svc.start(inc.id, "Nope")
    with pytest.raises(NotFoundError, match="No incident"):
        svc.start("01a0d1c2-0000-7000-8000-000000000000", "rollback")
    with pytest.raises(ValidationError, match="Assignee is 201 characters"):
        svc.assign(item.id, "x" * 201)
    assert svc.item(item.id).state is ItemState.OPEN and len(svc.checklists(inc.id)) == 1
    assert TimelineService(ctx).entries(inc.id) == []


# -- two laptops ------------------------------------------------------------------------------


class Laptop:
    """A store with its services and how far its outbox has been delivered to the other one."""

    def __init__(self, url: str, user: str) -> None:
        self.store = Store(url)
        self.ctx = ServiceContext(self.store, user, "Europe/Stockholm")
        self.checklists = ChecklistService(self.ctx)
        self.sent = 0

    def send_to(self, other: "Laptop") -> int:
        """Hand-driven sync: apply this store's new outbox rows on the other store."""
        with self.store.session() as mine:
            rows = mine.query(OutboxRow).filter(OutboxRow.seq > self.sent).order_by(OutboxRow.seq).all()
        with other.store.session() as theirs:
            replicator = Replicator(theirs, other.store.clock)
            for r in rows:
                replicator.apply(Change(r.change_id, r.table_name, r.row_id, r.payload, r.stamp, self.store.device_id))
            theirs.commit()
        self.sent = rows[-1].seq if rows else self.sent
        return len(rows)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def laptops(tmp_path):
    a = Laptop(f"sqlite:///{tmp_path / 'a.sqlite'}", "Åsa Bergström")
    b = Laptop(f"sqlite:///{tmp_path / 'b.sqlite'}", "Paweł Wiśniewski")
    yield a, b
    a.close()
    b.close()


def _sync(a: Laptop, b: Laptop) -> None:
    a.send_to(b)
    b.send_to(a)


def test_two_people_tick_the_same_item_offline_and_end_with_one_item_and_both_entries(laptops):
    a, b = laptops
    inc = _incident(a.ctx)
    checklist = a.checklists.start(inc.id, "rollback")
    b.checklists.templates()  # B seeds its built-ins offline too
    _sync(a, b)
    item = checklist.items[0]
    a.checklists.tick(item.id)
    b.checklists.tick(item.id, note="verified from Åre")
    _sync(a, b)
    on_a, on_b = a.checklists.item(item.id), b.checklists.item(item.id)
    assert on_a == on_b and on_a.state is ItemState.DONE
    assert on_a.done_by == "Paweł Wiśniewski"  # the later tick wins every field
    for laptop in (a, b):
        texts = sorted(e.text for e in TimelineService(laptop.ctx).entries(inc.id))
        assert texts == [
            f"✓ {item.text} (by Paweł Wiśniewski) — note: verified from Åre",
            f"✓ {item.text} (by Åsa Bergström)",
        ]
        assert laptop.checklists.progress(inc.id) == (1, len(checklist.items))
    assert [t.id for t in a.checklists.templates()] == [t.id for t in b.checklists.templates()]
    assert len(a.checklists.templates()) == 5


def test_an_item_removed_on_one_laptop_cannot_be_ticked_after_sync(laptops):
    a, b = laptops
    inc = _incident(a.ctx)
    item = a.checklists.start(inc.id, "vendor escalation").items[3]
    _sync(a, b)
    b.checklists.remove_item(item.id)
    _sync(a, b)
    with pytest.raises(NotFoundError, match="removed, perhaps on another laptop"):
        a.checklists.tick(item.id)

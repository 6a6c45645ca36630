"""Calendars subscribed by URL: fetched, imported like a re-imported file, cached for offline use.

    calendars = CalendarService(ctx, folder)                 # folder: this laptop's, per store
    calendars.add("baltic", "pawel", "https://…/leave.ics")  # subscribe, then fetch and import
    calendars.refresh(vendor="baltic")                       # every (or one vendor's) subscription
    calendars.list()                                         # with when each was last fetched

Choices a reader should know:
- The subscriptions live in this laptop's data folder (one list per store), beside the cached
  copies: fetching is this laptop's work; the absences it writes sync like any others.
- Import semantics are those of re-importing a file: absences from that URL are added, updated
  and removed by UID and RECURRENCE-ID, with a summary. A contact's subscription makes every
  event that names nobody that contact's absence (a personal calendar), not a vendor closure.
- When the fetch fails, nothing is removed: the absences from the last good copy stand, and
  the result says when that copy was fetched. A copy that fails to import is not cached.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from warroom.atomic_file import write_atomic
from warroom.domain.clock import as_utc, iso_utc, parse_iso
from warroom.domain.directory_match import find_named
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.integrations.calendar_fetch import CalendarCache, CalendarFetchError, checked_url, fetch_ics
from warroom.services.context import ServiceContext
from warroom.services.directory.calendar_sync import sync_calendar

REFRESH_EVERY = timedelta(hours=6)
Fetched = bytes | CalendarFetchError | ValidationError  # what one fetch gave


@dataclass(frozen=True)
class Subscription:
    url: str
    vendor_id: str
    vendor_name: str
    contact_id: str | None = None
    contact_name: str | None = None
    fetched_at: datetime | None = None  # UTC: when the copy in use was fetched
    checked_at: datetime | None = None  # UTC: the last try, good or not
    problem: str = ""  # why the last try failed ("" when it worked)
    summary: str = ""  # what the last import changed

    @property
    def owner(self) -> str:
        return f"{self.vendor_name} / {self.contact_name}" if self.contact_name else self.vendor_name

    def state(self, show: Callable[[datetime], str] = lambda at: iso_utc(at) or "") -> str:
        """'fetched 2026-11-30T10:42:00Z', or the problem and which copy stands."""
        if not self.problem:
            return f"fetched {show(self.fetched_at)}" if self.fetched_at else "not fetched yet"
        kept = f"the copy fetched {show(self.fetched_at)} stands" if self.fetched_at else "no copy yet"
        return f"{self.problem} ({kept})"


@dataclass(frozen=True)
class RefreshResult:
    subscription: Subscription
    fresh: bool  # fetched and imported now

    @property
    def sentence(self) -> str:
        s = self.subscription
        if self.fresh:
            return s.summary
        return f"{s.owner}: {s.state()}"


class CalendarService:
    def __init__(self, ctx: ServiceContext, folder: Path, fetch: Callable[[str], bytes] = fetch_ics) -> None:
        self.ctx, self.folder, self.fetch = ctx, folder, fetch
        self.cache = CalendarCache(folder / "cache")

    # -- the list of subscriptions ------------------------------------------------------------
    def list(self) -> tuple[Subscription, ...]:
        path = self.folder / "subscriptions.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ()
        except (OSError, ValueError) as exc:
            raise ValidationError(f"{path} cannot be read ({exc}): fix or delete it, then subscribe again.") from None
        return tuple(_from_json(item) for item in raw)

    def _save(self, subs: tuple[Subscription, ...]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        items = [{k: (iso_utc(v) if isinstance(v, datetime) else v) for k, v in asdict(s).items()} for s in subs]
        write_atomic(self.folder / "subscriptions.json", json.dumps(items, ensure_ascii=False, indent=1))

    def _put(self, sub: Subscription) -> None:
        self._save(tuple(s for s in self.list() if s.url != sub.url) + (sub,))

    # -- what the CLI and the window call --------------------------------------------------------
    def add(self, vendor: str, contact: str | None, url: str) -> RefreshResult:
        """Subscribe a vendor (its closures and whoever the events name) or one contact; fetch now."""
        sub = self.subscribe(vendor, contact, url)
        return self.apply(sub, self._fetched(sub))

    def subscribe(self, vendor: str, contact: str | None, url: str) -> Subscription:
        """Add the subscription without fetching it (the window fetches off the writer)."""
        url = checked_url(url)
        chosen, person = self._owner(vendor, contact)
        taken = next((s for s in self.list() if s.url == url), None)
        if taken is not None and taken.vendor_id != chosen.id:
            raise ValidationError(f"{url} is already the calendar of {taken.owner}: remove that subscription first.")
        sub = Subscription(url, chosen.id, chosen.name, person.id if person else None, person.name if person else None)
        self._put(sub)
        return sub

    def _owner(self, vendor: str, contact: str | None):
        """The active vendor (and contact) named, by unique prefix, layer or id."""
        with self.ctx.store.unit_of_work() as uow:
            repo = uow.repos.directory
            vendors = [v for v in repo.vendors() if v.active]
            chosen = find_named(vendors, vendor, name_of=lambda v: v.name, id_of=lambda v: v.id,
                                extra_of=lambda v: v.layers)  # fmt: skip
            if not contact:
                return chosen, None
            people = [c for c in repo.contacts(chosen.id) if c.active]
        person = find_named(people, contact, name_of=lambda c: c.name, id_of=lambda c: c.id, what="contact",
                            scope=f" at {chosen.name}")  # fmt: skip
        return chosen, person

    def remove(self, url: str) -> Subscription:
        """Stop fetching; the absences already imported stay (remove them with `absence remove`)."""
        subs = self.list()
        gone = next((s for s in subs if s.url == url.strip()), None)
        if gone is None:
            raise NotFoundError(f"No calendar is subscribed at {url.strip()!r}: see 'warroom calendar list'.")
        self._save(tuple(s for s in subs if s is not gone))
        self.cache.forget(gone.url)
        return gone

    def refresh(self, vendor: str | None = None) -> tuple[RefreshResult, ...]:
        """Fetch and import every subscription (or one vendor's); a failure leaves the last copy."""
        return tuple(self.apply(sub, got) for sub, got in self.fetch_all(vendor))

    def fetch_all(self, vendor: str | None = None) -> tuple[tuple[Subscription, Fetched], ...]:
        """The network half of a refresh (no database): each subscription with its bytes or error."""
        subs = self.list()
        if vendor:
            chosen = find_named(list(subs), vendor, name_of=lambda s: s.vendor_name, id_of=lambda s: s.vendor_id)
            subs = tuple(s for s in subs if s.vendor_id == chosen.vendor_id)
        return tuple((s, self._fetched(s)) for s in subs)

    def due(self, every: timedelta = REFRESH_EVERY) -> bool:
        """Whether any subscription's last try is older than `every` (the window's schedule)."""
        now = self.ctx.now()
        return any(s.checked_at is None or now - as_utc(s.checked_at) >= every for s in self.list())

    # -- one subscription ------------------------------------------------------------------------
    def _fetched(self, sub: Subscription) -> Fetched:
        try:
            return self.fetch(sub.url)
        except (CalendarFetchError, ValidationError) as exc:
            return exc

    def apply(self, sub: Subscription, got: Fetched) -> RefreshResult:
        """The database half: import the fetched bytes, or record why there are none."""
        if all(s.url != sub.url for s in self.list()):  # removed while it was being fetched
            return RefreshResult(replace(sub, problem="no longer subscribed"), fresh=False)
        now = self.ctx.now()
        try:
            if isinstance(got, Exception):
                raise got
            data = got
            summary = self._import(sub, data)
        except (CalendarFetchError, ValidationError, NotFoundError) as exc:
            failed = replace(sub, checked_at=now, problem=str(exc).rstrip("."))
            self._put(failed)
            return RefreshResult(failed, fresh=False)
        self.cache.store(sub.url, data, now)
        done = replace(sub, fetched_at=now, checked_at=now, problem="", summary=summary)
        self._put(done)
        return RefreshResult(done, fresh=True)

    def _import(self, sub: Subscription, data: bytes) -> str:
        with self.ctx.store.unit_of_work() as uow:
            vendor = uow.repos.directory.vendor(sub.vendor_id)
            if vendor is None or not vendor.active:
                raise NotFoundError(f"{sub.vendor_name} is no longer in the directory: remove its calendar.")
            contact = uow.repos.directory.contact(sub.contact_id) if sub.contact_id else None
            if sub.contact_id and (contact is None or not contact.active):
                raise NotFoundError(f"{sub.contact_name} is no longer in the directory: remove their calendar.")
            summary = sync_calendar(uow, data, sub.url, vendor, contact, self.ctx.now())
            uow.commit()
        return summary.describe()

    def cached_copy(self, url: str):
        """The last good copy of a subscribed calendar (bytes and when fetched), or None."""
        return self.cache.load(url)


def _from_json(item: dict) -> Subscription:
    times = {k: parse_iso(item[k]) if item.get(k) else None for k in ("fetched_at", "checked_at")}
    return Subscription(**{**item, **times})

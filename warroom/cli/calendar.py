"""`warroom calendar add|refresh|list|remove`: vendors' and contacts' calendars by URL.

    warroom calendar add baltic https://example.net/baltic-closures.ics
    warroom calendar add baltic pawel webcal://example.net/pawel.ics   # one person's leave
    warroom calendar refresh [--vendor baltic]                         # exit 1 if any fetch failed

A failed fetch removes nothing: the absences from the last good copy stand, and the
message says when that copy was fetched.
"""

from __future__ import annotations

from warroom.cli.commands import SubCommands, add_command, add_group
from warroom.cli.output import open_services, print_json, say


def register(sub: SubCommands) -> None:
    actions = add_group(sub, "calendar", "calendars by URL: subscribe a vendor or contact, refresh, list")
    a = add_command(actions, "add", _add, "subscribe VENDOR [CONTACT] to an ICS URL, then fetch and import it")
    a.add_argument("vendor", metavar="VENDOR", help="a vendor's name, a unique prefix or a layer")
    a.add_argument("rest", nargs="+", metavar="[CONTACT] URL", help="a contact of that vendor (optional), the URL")
    r = add_command(actions, "refresh", _refresh, "fetch every subscribed calendar again (or one vendor's)")
    r.add_argument("--vendor", metavar="NAME")
    add_command(actions, "list", _list, "subscribed calendars and when each was last fetched")
    x = add_command(actions, "remove", _remove, "stop fetching a calendar (its absences stay)")
    x.add_argument("url", metavar="URL")


def subscribe(args, vendor: str, contact: str | None, url: str) -> int:
    """Shared with `vendors import URL --vendor V`."""
    with open_services(args) as services:
        result = services.calendars.add(vendor, contact, url)
    if args.json:
        print_json(result.subscription)
    if result.fresh:
        say(f"Subscribed {result.subscription.owner} to {url}. {result.sentence}")
        return 0
    say(f"Subscribed {result.subscription.owner} to {url}, but the first fetch failed: {result.sentence}")
    return 1


def _add(args) -> int:
    if len(args.rest) > 2:
        say("Give VENDOR, then optionally CONTACT, then the URL (quote names with spaces).")
        return 2
    contact, url = (args.rest[0], args.rest[1]) if len(args.rest) == 2 else (None, args.rest[0])
    return subscribe(args, args.vendor, contact, url)


def _refresh(args) -> int:
    with open_services(args) as services:
        results = services.calendars.refresh(args.vendor)
    if args.json:
        print_json([{"fresh": r.fresh, **_sub_json(r.subscription)} for r in results])
    if not results:
        say("No calendar is subscribed: add one with 'warroom calendar add VENDOR [CONTACT] URL'.")
    for result in results:
        say(result.sentence)
    return 0 if all(r.fresh for r in results) else 1


def _list(args) -> int:
    with open_services(args) as services:
        subs = services.calendars.list()
    if args.json:
        print_json([_sub_json(s) for s in subs])
        return 0
    for s in subs:
        print(f"{s.owner}\t{s.url}\t{s.state()}")
    if not subs:
        say("No calendar is subscribed.")
    return 0


def _remove(args) -> int:
    with open_services(args) as services:
        gone = services.calendars.remove(args.url)
    say(f"Stopped fetching {gone.url} for {gone.owner}; the absences already imported stay.")
    return 0


def _sub_json(sub) -> dict:
    from warroom.cli.output import jsonable

    return {**jsonable(sub), "state": sub.state()}

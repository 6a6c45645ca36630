"""`warroom vendors import|list|reachable|export`, `warroom escalate` and `warroom coverage`.

Instants in JSON are ISO 8601 with an offset: a contact's times (local_time,
next_reachable_at) in the contact's own zone, a vendor's gaps in the vendor's
zone, the asked instant and escalate_at in UTC ('Z').
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from warroom.cli.commands import SubCommands, add_command, add_group
from warroom.cli.output import jsonable, open_services, parse_instant, print_json, say
from warroom.domain.clock import iso_utc
from warroom.domain.errors import ValidationError

URL_SCHEMES = ("http://", "https://", "webcal://", "webcals://")


def register(sub: SubCommands) -> None:
    actions = add_group(sub, "vendors", "the vendor directory: import, list, who is reachable, export")

    i = add_command(actions, "import", _import, "import a directory CSV, vCards or an ICS calendar (all or nothing)")
    i.add_argument("file", help="a file, or a calendar's http(s):// or webcal:// URL (subscribed, see 'calendar')")
    i.add_argument("--vendor", metavar="NAME", help="the vendor a calendar (or vCards without ORG) belongs to")
    i.add_argument("--max-size", metavar="SIZE", help="refuse files larger than this (default 100MB), e.g. 500MB")

    add_command(actions, "list", _list, "vendors with their contacts and escalation paths")

    s = add_command(
        actions, "search", _search, "vendors and contacts by name, layer or role (case and accents ignored)"
    )
    s.add_argument("text", metavar="TEXT")

    r = add_command(actions, "reachable", _reachable, "who can be reached now (or at --at), and if not, why and when")
    r.add_argument("--at", help="ISO 8601 instant with offset, e.g. 2013-12-24T10:00+01:00 (default now)")
    r.add_argument("--vendor", metavar="NAME")

    x = add_command(actions, "export", _export, "the directory as CSV (the import format) or JSON", json=False)
    x.add_argument("--format", choices=("csv", "json"), default="csv")
    x.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    e = add_command(sub, "escalate", _escalate, "whom to call at a vendor now, and when to escalate")
    e.add_argument("vendor", metavar="VENDOR", help="a vendor's name or id")
    e.add_argument("--at", help="ISO 8601 instant with offset (default now)")

    c = add_command(sub, "coverage", _coverage, "per vendor, when nobody is reachable over a range of days")
    c.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    c.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day (included), YYYY-MM-DD")
    c.add_argument("--vendor", metavar="NAME")


# --- JSON shapes -----------------------------------------------------------------------------


def _local(instant: datetime | None, zone) -> str | None:
    return instant.astimezone(zone).isoformat() if instant is not None else None


def status_json(s) -> dict:
    """One contact at one instant: vendor, contact, reachable, reason, next_reachable_at, local_time."""
    zone = s.local_time.tzinfo
    return {
        "vendor": s.vendor.name,
        "contact": s.contact.name,
        "role": s.contact.role,
        "level": s.level,
        "reachable": s.reachable,
        "reason": s.reason,
        "next_reachable_at": _local(s.next_reachable_at, zone),
        "local_time": s.local_time.isoformat(),
        "zone": str(zone),
        "phones": list(s.contact.phones),
        "email": s.contact.email,
        "vendor_id": s.vendor.id,
        "contact_id": s.contact.id,
    }


def vendor_json(view) -> dict:
    names = {c.id: c.name for c in view.contacts}
    body = {k: v for k, v in jsonable(view.vendor).items()}
    body["contacts"] = [{**jsonable(c), "level": view.level_of(c.id)} for c in view.contacts]
    body["levels"] = [
        {"level": lv.level, "wait_min": lv.wait_min, "contacts": [names.get(cid, cid) for cid in lv.contact_ids]}
        for lv in view.levels
    ]
    return body


def escalation_json(view) -> dict:
    def level(lv) -> dict:
        return {
            "level": lv.level,
            "wait_min": lv.wait_min,
            "reachable": lv.reachable,
            "contacts": [status_json(s) for s in lv.contacts],
        }

    nxt = view.next_reachable_contact
    return {
        "vendor": view.vendor.name,
        "vendor_id": view.vendor.id,
        "at": iso_utc(view.at),
        "levels": [level(lv) for lv in view.levels],
        "call_now": [status_json(s) for s in view.call_now],
        "call_level": view.call_level,
        "escalate_at": iso_utc(view.escalate_at),
        "passed_over": [lv.level for lv in view.passed_over],
        "next_reachable_at": iso_utc(view.next_reachable_at),
        "next_reachable_contact": nxt.name if nxt else None,
        "not_on_path": [status_json(s) for s in view.not_on_path],
    }


def coverage_json(view) -> dict:
    from warroom.domain.availability import zone_of

    zone = zone_of(view.vendor.timezone)
    gaps = view.coverage.gaps
    return {
        "vendor": view.vendor.name,
        "vendor_id": view.vendor.id,
        "timezone": view.vendor.timezone,
        "from": _local(view.coverage.start, zone),
        "to": _local(view.coverage.end, zone),
        "uncovered_min": round(view.coverage.uncovered.total_seconds() / 60),
        "gaps": [
            {
                "start": _local(g.start, zone),
                "end": _local(g.end, zone),
                "reason": g.reason,
                "minutes": round(g.duration.total_seconds() / 60),
            }
            for g in gaps
        ],
        "days": [
            {"day": d.day.isoformat(), "status": d.status.value, "uncovered_min": d.uncovered_min} for d in view.days
        ],
    }


# --- handlers -------------------------------------------------------------------------------


def _import(args) -> int:
    from warroom.integrations.import_file import DEFAULT_MAX_BYTES, parse_size, read_limited

    if args.file.lower().startswith(URL_SCHEMES):  # a calendar URL: subscribe, as `calendar add` does
        if not args.vendor:
            raise ValidationError("A calendar URL belongs to a vendor: add --vendor NAME.")
        from warroom.cli.calendar import subscribe

        return subscribe(args, args.vendor, None, args.file)
    path = Path(args.file)
    data = read_limited(path, parse_size(args.max_size) if args.max_size else DEFAULT_MAX_BYTES)
    with open_services(args) as services:
        summary = services.directory.import_file(data, source_name=path.name, vendor_name=args.vendor)
    if args.json:
        print_json(summary)
    say(summary.describe())
    return 0


def _list(args) -> int:
    with open_services(args) as services:
        views = services.directory.vendors()
    if args.json:
        print_json([vendor_json(v) for v in views])
        return 0
    for view in views:
        v = view.vendor
        print(f"{v.name} — {', '.join(v.layers) or 'no layers'} ({v.country}, {v.timezone}, {v.hours})")
        for c in view.contacts:
            level = view.level_of(c.id)
            print(
                f"  {('L' + str(level)) if level else '  '} {c.name}"
                f"{' — ' + c.role if c.role else ''}  {' '.join(c.phones)} {c.email or ''}".rstrip()
            )
    return 0


def _search(args) -> int:
    with open_services(args) as services:
        found = services.directory.search(args.text)
    rows = [
        {
            "vendor": item.vendor.name,
            "vendor_id": item.vendor.id,
            "layers": list(item.vendor.layers),
            "contacts": [{"name": c.contact.name, "role": c.contact.role, "id": c.contact.id} for c in item.contacts],
        }
        for item in found
    ]
    if args.json:
        print_json(rows)
        return 0
    for item in found:
        print(f"{item.vendor.name} — {', '.join(item.vendor.layers) or 'no layers'}")
        for c in item.contacts:
            print(f"    {c.contact.name}{' — ' + c.contact.role if c.contact.role else ''}")
    if not rows:
        say(f"Nothing in the directory matches {args.text!r}.")
    return 0


def _reachable(args) -> int:
    with open_services(args) as services:
        rows = services.directory.reachable(at=parse_instant(args.at), vendor=args.vendor)
    if args.json:
        print_json([status_json(r) for r in rows])
        return 0
    for r in rows:
        when = (
            f" — next {r.next_reachable_at.astimezone(r.local_time.tzinfo):%Y-%m-%d %H:%M %Z}"
            if r.next_reachable_at
            else ""
        )
        print(
            f"{'yes' if r.reachable else 'no ':3} {r.vendor.name} / {r.contact.name} "
            f"({r.local_time:%a %H:%M %Z}) {r.reason}{when}".rstrip()
        )
    return 0


def _export(args) -> int:
    with open_services(args) as services:
        text = (
            services.directory.export_csv()
            if args.format == "csv"
            else json.dumps(services.directory.export_json(), ensure_ascii=False, indent=2) + "\n"
        )
    if args.output:
        from warroom.atomic_file import write_atomic

        write_atomic(Path(args.output), text)
        say(f"Exported the directory to {args.output}")
    else:
        print(text, end="")
    return 0


def _escalate(args) -> int:
    with open_services(args) as services:
        view = services.directory.escalate(args.vendor, at=parse_instant(args.at))
    if args.json:
        print_json(escalation_json(view))
        return 0
    for lv in view.levels:
        mark = "→" if lv.level == view.call_level else " "
        print(f"{mark} level {lv.level}" + (f" (wait {lv.wait_min} min)" if lv.wait_min else ""))
        for s in lv.contacts:
            print(f"    {'yes' if s.reachable else 'no '} {s.contact.name}  {' '.join(s.contact.phones)}  {s.reason}")
    if view.call_now:
        say(
            f"Call now: {', '.join(s.contact.name for s in view.call_now)}"
            + (f"; escalate at {iso_utc(view.escalate_at)} if nobody answers" if view.escalate_at else "")
        )
    else:
        nxt = view.next_reachable_contact
        say(
            "Nobody on the path is reachable"
            + (f"; first back: {nxt.name} at {iso_utc(view.next_reachable_at)}" if nxt else ".")
        )
    return 0


def _coverage(args) -> int:
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    with open_services(args) as services:
        views = services.directory.coverage(start, end, vendor=args.vendor)
    if args.json:
        print_json([coverage_json(v) for v in views])
        return 0
    from warroom.domain.availability import zone_of

    marks = {"full": "█", "partial": "▒", "none": "·", "outside": " "}
    for view in views:
        zone = zone_of(view.vendor.timezone)
        print(f"{''.join(marks[d.status.value] for d in view.days)}  {view.vendor.name}")
        for g in view.coverage.gaps:
            if g.duration.total_seconds() >= 12 * 3600:  # the nights of office hours are no news
                print(
                    f"    {g.start.astimezone(zone):%Y-%m-%d %H:%M} – {g.end.astimezone(zone):%Y-%m-%d %H:%M %Z}"
                    f"  {g.reason}"
                )
    return 0


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{what} {text!r} is not a date (use YYYY-MM-DD, e.g. 2013-12-20).") from None

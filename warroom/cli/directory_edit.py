"""`warroom vendor add|edit|remove`, `warroom contact add|edit|remove`, `warroom absence add|list|remove`.

Vendors and contacts are named as people type them (a unique prefix, no
diacritics needed); lists are ';'-separated ("public;de_facto"). A contact's
zone and place default to the vendor's. Removing a vendor or contact that an
incident tried to reach marks it inactive instead of erasing the record.
"""

from __future__ import annotations

import argparse
from typing import Any

from warroom.cli.output import jsonable, open_services, parse_instant, print_json, say
from warroom.domain.errors import ValidationError


def register(sub: Any) -> None:
    _register_vendor(sub.add_parser("vendor", help="add, edit or remove one vendor (the directory's CLI twin)"))
    _register_contact(sub.add_parser("contact", help="add, edit or remove one of a vendor's contacts"))
    _register_absence(sub.add_parser("absence", help="a vendor's closure or a contact's leave: add, list, remove"))


def _register_vendor(p: argparse.ArgumentParser) -> None:
    vsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = vsub.add_parser("add", help="a new vendor")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--country", required=True, metavar="CC", help="ISO 3166 code whose holidays apply, e.g. SE")
    _vendor_options(add)
    add.set_defaults(handler=_vendor_add)
    edit = vsub.add_parser("edit", help="change what is given, keep the rest")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--country", metavar="CC")
    edit.add_argument("--rename", metavar="NEW_NAME")
    _vendor_options(edit)
    edit.set_defaults(handler=_vendor_edit)
    rm = vsub.add_parser("remove", help="erase a vendor, or make it inactive if incidents called it")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=_vendor_remove)
    ev = vsub.add_parser("evidence", help="one vendor's attempts, tickets and SLA clock in one incident")
    ev.add_argument("ref", metavar="REF", help="INC-7, 7 or an id")
    ev.add_argument("vendor", metavar="VENDOR")
    ev.add_argument("--format", dest="fmt", choices=("md", "pdf", "csv"), default=None, help="default: from -o")
    ev.add_argument("-o", "--output", required=True, metavar="FILE")
    ev.set_defaults(handler=_vendor_evidence)
    ck = vsub.add_parser("clock", help="each engaged vendor's response against its SLA in one incident")
    ck.add_argument("ref", metavar="REF", help="INC-7, 7 or an id")
    ck.add_argument("--json", action="store_true")
    ck.set_defaults(handler=_vendor_clock)


def _vendor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--subdivision", metavar="S", help="state or region code, e.g. IL, BY")
    p.add_argument("--categories", metavar="C", help='holiday categories taken off, e.g. "public;de_facto"')
    p.add_argument("--zone", metavar="ZONE", help="IANA zone (default: the country's, if it has only one)")
    p.add_argument("--layers", metavar="L", help='what it operates, e.g. "internal firewall;packet inspection"')
    p.add_argument("--hours", metavar="H", help='support hours, e.g. "Mon-Fri 09:00-17:00" (the default) or "24/7"')
    p.add_argument("--sla-min", type=_whole, metavar="N", help="response SLA in minutes")
    p.add_argument("--sla-clock", metavar="CLOCK", help="'business' (runs in the vendor's hours) or '24/7'")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--json", action="store_true")


def _register_contact(p: argparse.ArgumentParser) -> None:
    csub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, handler, text in (
        ("add", _contact_add, "a new contact of VENDOR"),
        ("edit", _contact_edit, "change what is given, keep the rest"),
    ):
        q = csub.add_parser(action, help=text)
        q.add_argument("vendor", metavar="VENDOR")
        q.add_argument("name", metavar="NAME")
        if action == "edit":
            q.add_argument("--rename", metavar="NEW_NAME")
        q.add_argument("--role", metavar="R")
        q.add_argument("--phone", metavar="P", help="E.164 or national, ';' between several")
        q.add_argument("--email", metavar="E")
        q.add_argument("--zone", metavar="ZONE", help="their own zone (default: the vendor's)")
        q.add_argument("--hours", metavar="H", help='their own hours, e.g. "Mon-Fri 09:00-17:00"')
        q.add_argument("--level", type=_whole, metavar="N", help="their escalation level (1, 2, ...)")
        q.add_argument("--escalate-after-min", type=_whole, metavar="N", help="minutes to wait at that level")
        q.add_argument("--always-on-call", action=argparse.BooleanOptionalAction, default=None)
        q.add_argument("--country", metavar="CC", help="where they work, if not where the vendor is")
        q.add_argument("--subdivision", metavar="S", help="their state or region (of their or the vendor's country)")
        q.add_argument("--categories", metavar="C", help="holiday categories they take off (default: the vendor's)")
        q.add_argument("--json", action="store_true")
        q.set_defaults(handler=handler)
    rm = csub.add_parser("remove", help="erase a contact, or make them inactive if incidents called them")
    rm.add_argument("vendor", metavar="VENDOR")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=_contact_remove)


def _register_absence(p: argparse.ArgumentParser) -> None:
    asub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = asub.add_parser("add", help="a closure of VENDOR, or CONTACT's leave")
    add.add_argument("vendor", metavar="VENDOR")
    add.add_argument("contact", metavar="CONTACT", nargs="?")
    add.add_argument("--from", dest="start", required=True, metavar="ISO", help="e.g. 2025-12-24T00:00+01:00")
    add.add_argument("--to", dest="end", required=True, metavar="ISO", help="the end (not included)")
    add.add_argument("--reason", default="", metavar="TEXT")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_absence_add)
    ls = asub.add_parser("list", help="absences, all or one vendor's")
    ls.add_argument("--vendor", metavar="V")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_absence_list)
    rm = asub.add_parser("remove", help="remove one absence by its id (or a unique start of it)")
    rm.add_argument("id", metavar="ID")
    rm.set_defaults(handler=_absence_remove)


def _whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0 or more)")
    return value


# --- handlers -------------------------------------------------------------------------------


def _vendor_fields(args: argparse.Namespace) -> dict[str, Any]:
    return dict(
        subdivision=args.subdivision,
        holiday_categories=args.categories,
        layers=args.layers,
        hours=args.hours,
        sla_response_min=args.sla_min,
        sla_clock=args.sla_clock,
        notes=args.notes,
    )


def _vendor_add(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        vendor = services.directory.create_vendor(
            args.name, country=args.country, zone=args.zone, **_vendor_fields(args)
        )
    return _done(args, vendor, f"Added {vendor.name} ({vendor.country}, {vendor.timezone}, {vendor.hours}).")


def _vendor_edit(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        vendor = services.directory.edit_vendor(
            args.name, name=args.rename, country=args.country, zone=args.zone, **_vendor_fields(args)
        )
    return _done(args, vendor, f"Saved {vendor.name} ({vendor.country}, {vendor.timezone}, {vendor.hours}).")


def _vendor_remove(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        say(services.directory.remove_vendor(args.name))
    return 0


def _vendor_evidence(args: argparse.Namespace) -> int:
    from pathlib import Path

    path = Path(args.output)
    fmt = args.fmt or path.suffix.lower().lstrip(".")
    if fmt == "pdf":
        from warroom.export.qt_app import ensure_gui_app  # QtGui paints the PDF on the main thread

        ensure_gui_app()
    with open_services(args) as services:
        written = services.directory.write_evidence(args.ref, args.vendor, fmt, path)
    print(written)
    say(f"Wrote the evidence for {args.vendor!r} in {args.ref} as {fmt}: {written}")
    return 0


def _vendor_clock(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        incident = services.incidents.get(args.ref)
        clocks = services.directory.vendor_clocks(incident.id)
    if args.json:
        print_json([{**jsonable(c), "summary": c.summary} for c in clocks])
        return 0
    for c in clocks:
        tickets = f"; tickets {', '.join(c.tickets)}" if c.tickets else ""
        print(f"{c.vendor_name}: {c.summary} ({c.clock_text}){tickets}")
    if not clocks:
        say(f"{incident.reference} tried to reach no vendor in the directory.")
    return 0


def _contact_fields(args: argparse.Namespace) -> dict[str, Any]:
    return dict(
        role=args.role,
        phones=args.phone,
        email=args.email,
        zone=args.zone,
        hours=args.hours,
        always_on_call=args.always_on_call,
        country=args.country,
        subdivision=args.subdivision,
        holiday_categories=args.categories,
        level=args.level,
        wait_min=args.escalate_after_min,
    )


def _contact_add(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        contact = services.directory.create_contact(args.vendor, args.name, **_contact_fields(args))
    return _done(args, contact, f"Added {contact.name}.")


def _contact_edit(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        contact = services.directory.edit_contact(args.vendor, args.name, name=args.rename, **_contact_fields(args))
    return _done(args, contact, f"Saved {contact.name}.")


def _contact_remove(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        say(services.directory.remove_contact(args.vendor, args.name))
    return 0


def _absence_add(args: argparse.Namespace) -> int:
    start, end = parse_instant(args.start, "--from"), parse_instant(args.end, "--to")
    if start is None or end is None:
        raise ValidationError("Give both --from and --to.")
    with open_services(args) as services:
        absence = services.directory.create_absence(args.vendor, args.contact, start, end, args.reason)
    return _done(args, absence, f"Added absence {absence.id}.")


def _absence_list(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        snap = services.directory.snapshot()
        chosen = services.directory.find_vendor(args.vendor).id if args.vendor else None
    vendors = {v.id: v.name for v in snap.vendors}
    people = {c.id: c.name for c in snap.contacts}
    rows = [
        {**jsonable(a), "vendor": vendors.get(a.vendor_id, ""), "contact": people.get(a.contact_id or "")}
        for a in snap.absences
        if chosen is None or a.vendor_id == chosen
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        who = f"{row['vendor']}" + (f" / {row['contact']}" if row["contact"] else " (closed)")
        print(f"{row['id']}  {row['starts_at']} – {row['ends_at']}  {who}  {row['reason']}".rstrip())
    return 0


def _absence_remove(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        absence = services.directory.remove_absence(args.id)
    say(f"Removed absence {absence.id} ({absence.reason or 'no reason given'}).")
    return 0


def _done(args: argparse.Namespace, value: object, message: str) -> int:
    if getattr(args, "json", False):
        print_json(value)
    say(message)
    return 0

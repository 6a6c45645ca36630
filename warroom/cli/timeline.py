"""`warroom timeline add|import|list` and `warroom metrics`."""

from __future__ import annotations

from pathlib import Path

from warroom.cli.commands import SubCommands, add_command, add_group
from warroom.cli.output import jsonable, open_services, parse_instant, print_json, say
from warroom.domain.errors import ValidationError


def register(sub: SubCommands) -> None:
    actions = add_group(sub, "timeline", "add, import and list timeline entries")

    a = add_command(actions, "add", _add, "record an entry (now, or back-dated with --at)", ref=True)
    a.add_argument("text")
    a.add_argument("--at", help="when it happened: ISO 8601 with offset")
    a.add_argument(
        "--kind",
        default="observation",
        help="observation, action, decision, communication, contact, escalation, status, checklist",
    )
    a.add_argument("--milestone", help="started, detected, acknowledged, identified, mitigated, resolved or your own")
    a.add_argument("--author", help="who: default your user name")

    i = add_command(actions, "import", _import, "import entries from CSV (all or nothing)", ref=True)
    i.add_argument("file")
    i.add_argument("--zone", help="zone for times written without an offset, e.g. Europe/Stockholm")

    ls = add_command(actions, "list", _list, "list an incident's entries in time order", ref=True)
    ls.add_argument("--all", action="store_true", help="include retracted entries")

    add_command(sub, "metrics", _metrics, "durations between an incident's milestones", ref=True)


def entry_json(e) -> dict:
    return {
        "id": e.id,
        "occurred_at": jsonable(e.occurred_at),
        "kind": e.kind.value,
        "author": e.author,
        "text": e.text,
        "milestone": e.milestone,
        "vendor": e.vendor_name,
        "contact": e.contact_name,
        "revision": e.revision,
        "starred": e.starred,
        "retracted": e.retracted,
        "recorded_at": jsonable(e.recorded_at),
    }


def _add(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        added = services.timeline.add(
            inc.id, args.text, at=parse_instant(args.at), kind=args.kind, milestone=args.milestone, author=args.author
        )
    if added.warning:
        say(f"warning: {added.warning}")
    if args.json:
        print_json(entry_json(added.entry))
    else:
        print(added.entry.id)
    return 0


def _import(args) -> int:
    from warroom.services.timeline_import import TimelineImportService

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror}.") from None
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        result = TimelineImportService(services.ctx).import_csv(inc.id, data, zone=args.zone, source_name=path.name)
    if args.json:
        print_json(result)
    say(
        f"Imported {result.entries} entries into {inc.reference}"
        + (
            f"; not in the directory yet (kept as written): {', '.join(result.unlinked_names)}"
            if result.unlinked_names
            else ""
        )
    )
    return 0


def _list(args) -> int:
    from warroom.domain.timeline import EntryFilter

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        entries = services.timeline.entries(inc.id, EntryFilter(include_retracted=args.all))
    if args.json:
        print_json([entry_json(e) for e in entries])
        return 0
    for e in entries:
        mark = f" [{e.milestone}]" if e.milestone else ""
        print(f"{e.occurred_at:%Y-%m-%d %H:%M}Z {e.kind.value:13} {e.author}: {e.text}{mark}")
    return 0


def _metrics(args) -> int:
    from warroom.domain.metrics import format_duration

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        metrics = services.timeline.metrics(inc.id)
    if args.json:
        print_json(metrics.to_json())
        return 0
    for d in metrics.standard() + metrics.custom:
        print(f"{d.name:22} {format_duration(d.seconds)}" + (f"  ({d.warning})" if d.warning else ""))
    for w in metrics.warnings:
        say(f"warning: {w}")
    return 0

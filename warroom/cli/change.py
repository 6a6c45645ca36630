"""`warroom change add|import|list|mark`: the change record of an incident."""

from __future__ import annotations

from pathlib import Path

from warroom.cli.output import jsonable, open_services, parse_instant, print_json, say


def register(sub) -> None:
    p = sub.add_parser("change", help="the change record: deploys, reverts, config changes, flag flips")
    csub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = csub.add_parser("add", help="record a change made before or during the incident")
    a.add_argument("ref", help="INC-7, 7 or an id")
    a.add_argument("text", help="what was changed")
    a.add_argument("--service", required=True, help="the system that was changed")
    a.add_argument("--kind", default="deploy", help="deploy, revert, config or flag (default deploy)")
    a.add_argument("--version", default="", help="the version, commit or flag value")
    a.add_argument("--at", help="when: ISO 8601 with offset; default now")
    a.add_argument("--author", help="who made it; default your user name")
    a.add_argument("--link", default="", help="pull request or ticket")
    a.add_argument("--reverts", metavar="CHANGE", help="the change this revert undoes (id or version)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=_add)

    i = csub.add_parser("import", help="import changes from CSV, or from a git repository's log with --git")
    i.add_argument("ref")
    i.add_argument("file", help="CSV (occurred_at,service,kind,version,author,link,text) or, with --git, a repository")
    i.add_argument("--git", action="store_true", help="FILE is a git repository: import its log")
    i.add_argument("--service", help="with --git: the service the repository deploys")
    i.add_argument("--since", help="with --git: ISO 8601 instant; default 7 days before the start")
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=_import)

    ls = csub.add_parser("list", help="list the incident's changes, with marks and revert chains")
    ls.add_argument("ref")
    ls.add_argument("--window", type=float, metavar="HOURS", help="only the changes from HOURS before the start")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    m = csub.add_parser("mark", help="mark a change suspect, ruled-out or cause (or cleared)")
    m.add_argument("ref")
    m.add_argument("change", help="the change's id, the end of its id, or its version")
    m.add_argument("mark", help="suspect, ruled-out, cause or cleared")
    m.add_argument("--note", default="", help="why")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=_mark)


def change_json(c) -> dict:
    data = jsonable(c)
    data["label"] = c.label()
    data["marks"] = [{"mark": m.mark.value, "at": jsonable(m.at), "author": m.author, "note": m.note} for m in c.marks]
    return data


def _add(args) -> int:
    from warroom.services.roles.changes import ChangeService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        change = ChangeService(services.ctx).add(
            inc.id, args.text, service=args.service, kind=args.kind, version=args.version,
            at=parse_instant(args.at), author=args.author, link=args.link, reverts=args.reverts,
        )  # fmt: skip
    if args.json:
        print_json(change_json(change))
    else:
        print(change.id)
    return 0


def _import(args) -> int:
    from warroom.domain.errors import ValidationError
    from warroom.services.roles.changes import ChangeService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        changes = ChangeService(services.ctx)
        if args.git:
            if not args.service:
                raise ValidationError("Say which service the repository deploys: --service NAME.")
            added = changes.import_git_log(
                inc.id, Path(args.file), args.service, since=parse_instant(args.since, "--since")
            )
        else:
            path = Path(args.file)
            if not path.is_file():
                raise ValidationError(f"{path} is not a file: give the path of a CSV file.")
            added = changes.import_csv(inc.id, path.read_bytes(), path.name)
    if args.json:
        print_json([change_json(c) for c in added])
    say(f"Imported {len(added)} changes into {inc.reference}")
    return 0


def _list(args) -> int:
    from datetime import timedelta

    from warroom.services.roles.changes import ChangeService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        window = ChangeService(services.ctx).what_changed(
            inc.id, before=timedelta(hours=args.window) if args.window is not None else timedelta(days=36500)
        )
    if args.json:
        print_json(
            {
                "changes": [change_json(c) for c in window.changes],
                "chains": [[c.id for c in chain] for chain in window.chains],
            }
        )
        return 0
    if not window.changes:
        say(f"No change recorded for {inc.reference}: 'warroom change add' or 'warroom change import' records them.")
    for c in window.changes:
        mark = f"  [{c.mark.value}]" if c.mark else ""
        print(f"{c.id[-8:]}  {c.occurred_at:%Y-%m-%d %H:%M}Z  {c.label()}{mark}  {c.text}")
    for chain in window.chains:
        print("chain: " + " → ".join(c.label() + (f" [{c.mark.value}]" if c.mark else "") for c in chain))
    return 0


def _mark(args) -> int:
    from warroom.services.roles.changes import ChangeService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        change = ChangeService(services.ctx).mark(inc.id, args.change, args.mark, args.note)
    if args.json:
        print_json(change_json(change))
    say(f"{change.label()} is now {change.mark.value if change.mark else 'unmarked'}")
    return 0

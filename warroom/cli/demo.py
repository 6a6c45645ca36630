"""`warroom demo`: load the demo incident and its vendors into the store."""

from __future__ import annotations

from warroom.cli.output import open_services, print_json, say


def register(sub) -> None:
    p = sub.add_parser("demo", help="load a realistic demo incident with its vendors")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_demo)


def _demo(args) -> int:
    with open_services(args) as services:
        incident = services.demo.load()
    if args.json:
        print_json({"reference": incident.reference, "id": incident.id, "title": incident.title})
    else:
        print(incident.reference)
    say(f"Loaded the demo incident {incident.reference}: {incident.title}. Run 'warroom' to open it in the window.")
    return 0

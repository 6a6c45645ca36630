"""`warroom demo`: load the demo incident and its vendors into the store."""

from __future__ import annotations

from warroom.cli.commands import SubCommands, add_command
from warroom.cli.output import open_services, print_json, say


def register(sub: SubCommands) -> None:
    add_command(sub, "demo", _demo, "load a realistic demo incident with its vendors")


def _demo(args) -> int:
    with open_services(args) as services:
        incident = services.demo.load()
    if args.json:
        print_json({"reference": incident.reference, "id": incident.id, "title": incident.title})
    else:
        print(incident.reference)
    say(f"Loaded the demo incident {incident.reference}: {incident.title}. Run 'warroom' to open it in the window.")
    return 0

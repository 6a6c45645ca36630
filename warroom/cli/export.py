"""`warroom export REF --format md|html|pdf|json -o FILE [--starred-only] [--zone ZONE]`.

Prints the written paths (Markdown also writes its chart beside it), one a line,
or as a JSON list with --json.
"""

from __future__ import annotations

from pathlib import Path

from warroom.cli.commands import SubCommands, add_command
from warroom.cli.output import open_services, print_json, say
from warroom.domain.errors import ValidationError

FORMAT_HELP = "md (Markdown + chart PNG), html, pdf, or json (the whole incident, for 'warroom incident import')"


def register(sub: SubCommands) -> None:
    p = add_command(
        sub,
        "export",
        _export,
        "export an incident's postmortem (Markdown, HTML, PDF) or the whole incident (JSON)",
        ref=True,
        json="print the written paths as a JSON list",
        description="Export the postmortem of an incident, written from what was logged.",
    )
    p.add_argument(
        "--format", "-f", dest="fmt", metavar="FORMAT", help=f"{FORMAT_HELP}; default: from the file name's suffix"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (replaced if it exists)")
    p.add_argument("--starred-only", action="store_true", help="only the starred entries in the timeline")
    p.add_argument("--zone", metavar="ZONE", help="local times in this IANA zone (default: the incident's)")
    p.add_argument(
        "--redact", action="store_true", help="json: mask secrets pasted into notes (the archive is exact by default)"
    )


def _format(args) -> str:
    from warroom.services.postmortem.files import check_format, format_of

    if args.fmt:
        return check_format(args.fmt)
    implied = format_of(args.output)
    if implied is None:
        raise ValidationError(
            f"--format is missing and {Path(args.output).name!r} does not say which: "
            "use --format md, html, pdf or json."
        )
    return implied


def _export(args) -> int:
    fmt = _format(args)
    if args.zone:
        from warroom.domain.wall_time import resolve_zone

        resolve_zone(args.zone)
    if fmt != "json":
        # the chart and the PDF paint with QtGui, which needs its application on the main thread
        from warroom.export.qt_app import ensure_gui_app

        ensure_gui_app()
    with open_services(args) as services:
        incident = services.incidents.get(args.ref)
        paths = services.postmortem.export(
            incident.id, fmt, Path(args.output), starred_only=args.starred_only, zone=args.zone, redact=args.redact
        )
    if args.json:
        print_json([str(p) for p in paths])
    else:
        for path in paths:
            print(path)
    say(f"Exported {incident.reference} as {fmt}: {', '.join(str(p) for p in paths)}")
    return 0

"""`warroom handover REF --to PERSON`: build the brief, record the handover, print or write the brief."""

from __future__ import annotations

from pathlib import Path

from warroom.cli.output import open_services, say


def register(sub) -> None:
    p = sub.add_parser("handover", help="hand the incident over: prints (or writes) the brief and records it")
    p.add_argument("ref", help="INC-7, 7 or an id")
    p.add_argument("--to", required=True, metavar="PERSON", help="the incoming commander, who accepts it")
    p.add_argument("--note", default="", help="what the outgoing commander wants the next one to know")
    p.add_argument("--format", choices=("md", "pdf"), help="md or pdf (default: from -o's suffix, else md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the brief here instead of printing it")
    p.add_argument("--dry-run", action="store_true", help="only show the brief; record nothing")
    p.set_defaults(handler=_handover)


def _handover(args) -> int:
    from warroom.domain.errors import ValidationError
    from warroom.export.handover import render_brief_markdown, write_brief
    from warroom.services.roles.handover import HandoverService

    fmt = args.format or ("pdf" if args.output and args.output.lower().endswith(".pdf") else "md")
    if fmt == "pdf" and not args.output:
        raise ValidationError("A PDF brief goes to a file: add -o FILE.pdf.")
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        handovers = HandoverService(services.ctx)
        if args.dry_run:
            brief = handovers.prepare(inc.id, args.to, args.note)
        else:
            brief = handovers.accept(inc.id, args.to, args.note).brief
    if args.output:
        written = write_brief(brief, Path(args.output), fmt)
        say(f"Wrote the brief to {written}")
    else:
        print(render_brief_markdown(brief), end="")
    if not args.dry_run:
        say(f"{inc.reference} handed over from {brief.from_person or 'nobody'} to {brief.to_person}")
    return 0

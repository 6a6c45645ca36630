"""`warroom update draft|send|list|flush|approve|snooze|due|resolve|template`: status updates."""

from __future__ import annotations

from pathlib import Path

from warroom.cli.output import open_services, print_json, say
from warroom.domain.errors import ValidationError

AUDIENCES = "internal, executives, customers or vendors"


def register(sub) -> None:
    p = sub.add_parser("update", help="draft, send and follow status updates to stakeholders")
    usub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    d = usub.add_parser("draft", help="print the next update for an audience, filled from the record")
    d.add_argument("ref", help="INC-7, 7 or an id")
    d.add_argument("--audience", required=True, help=AUDIENCES)
    d.set_defaults(handler=_draft)

    s = usub.add_parser("send", help="queue an update to its channels and print its reference")
    s.add_argument("ref")
    s.add_argument("--audience", required=True, help=AUDIENCES)
    s.add_argument("--channels", help="comma-separated channel names (default: the audience's channels)")
    text = s.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="the update's Markdown")
    text.add_argument("--file", help="a UTF-8 Markdown file with the update")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=_send)

    ls = usub.add_parser("list", help="an incident's updates with their deliveries")
    ls.add_argument("ref")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    f = usub.add_parser("flush", help="send what is queued on this laptop; exit 0 only if all was delivered")
    f.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S seconds (default 60)")
    f.set_defaults(handler=_flush)

    a = usub.add_parser("approve", help="let a held update go out")
    a.add_argument("update_id")
    a.set_defaults(handler=_approve)

    z = usub.add_parser("snooze", help="postpone an audience's next update, with a reason")
    z.add_argument("ref")
    z.add_argument("--audience", required=True, help=AUDIENCES)
    z.add_argument("--minutes", type=int, required=True)
    z.add_argument("--reason", required=True)
    z.set_defaults(handler=_snooze)

    due = usub.add_parser("due", help="when each audience's next update is due")
    due.add_argument("ref")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=_due)

    r = usub.add_parser("resolve", help="an unknown delivery was posted, or resend it (a failed one too)")
    r.add_argument("delivery_id")
    choice = r.add_mutually_exclusive_group(required=True)
    choice.add_argument("--posted", action="store_true", help="it did reach the channel")
    choice.add_argument("--resend", action="store_true", help="send it again")
    r.set_defaults(handler=_resolve)

    pol = usub.add_parser("policy", help="show or set whether an audience's updates need approval, and by whom")
    pol.add_argument("--audience", required=True, help=AUDIENCES)
    pol.add_argument("--needs-approval", dest="needs_approval", action="store_true", default=None)
    pol.add_argument("--no-approval", dest="needs_approval", action="store_false")
    pol.add_argument("--approver", help="who may approve besides the commander ('' for the commander only)")
    pol.add_argument(
        "--cadence",
        action="append",
        default=[],
        metavar="SEV=MIN[/MIN]",
        help="e.g. SEV1=20/60: every 20 min for the first two hours, then every 60; SEV4=off for none; "
        "SEV1=default for the built-in interval (repeatable; other severities keep theirs)",
    )
    pol.add_argument("--json", action="store_true")
    pol.set_defaults(handler=_policy)

    t = usub.add_parser("template", help="export or import an audience's Markdown template")
    t.add_argument("direction", choices=("export", "import"))
    t.add_argument("file")
    t.add_argument("--audience", required=True, help=AUDIENCES)
    t.set_defaults(handler=_template)


def _comms(services):
    from warroom.services.comms import CommsService

    return CommsService(services.ctx)


def _draft(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        print(_comms(services).draft(inc.id, args.audience), end="")
    return 0


def _read_text(args) -> str:
    if args.text is not None:
        return args.text
    path = Path(args.file)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"No file at {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not UTF-8 text.") from None
    except OSError as exc:
        raise ValidationError(f"{path.name} could not be read ({exc.strerror}).") from None


def _send(args) -> int:
    names = [n.strip() for n in args.channels.split(",") if n.strip()] if args.channels else None
    text = _read_text(args)
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        update = _comms(services).send(inc.id, args.audience, text, names)
    if args.json:
        print_json(_update_json(update))
    else:
        print(update.id)
    held = " (held for approval)" if update.held else ""
    say(f"Queued the {update.audience.value} update for {inc.reference} to {len(update.deliveries)} channel(s){held}.")
    return 0


def _update_json(u) -> dict:
    return {
        "id": u.id,
        "audience": u.audience.value,
        "created_at": u.created_at,
        "author": u.author,
        "text": u.text,
        "held": u.held,
        "approved_by": u.approved_by,
        "deliveries": [
            {
                "id": d.id,
                "channel": d.channel_name,
                "status": d.status.value,
                "attempts": d.attempts,
                "sent_at": d.sent_at,
                "error": d.error,
            }
            for d in u.deliveries
        ],
    }


def _list(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        updates = _comms(services).updates(inc.id)
    if args.json:
        print_json([_update_json(u) for u in updates])
        return 0
    for u in updates:
        states = ", ".join(f"{d.channel_name} {d.status.value}" for d in u.deliveries) or "no channel"
        print(f"{u.created_at:%Y-%m-%d %H:%M}Z {u.audience.value:10} {states}")
    return 0


def _flush(args) -> int:
    from warroom.domain.comms import DeliveryStatus
    from warroom.services.comms import DeliverySender

    with open_services(args) as services:
        seen = DeliverySender(services.ctx).flush(args.timeout)
    undelivered = [d for d in seen if d.status is not DeliveryStatus.SENT]
    for d in undelivered:
        say(f"{d.channel_name}: {d.status.value}{': ' + d.error if d.error else ''}")
    say(f"{len(seen) - len(undelivered)} of {len(seen)} deliveries sent.")
    return 0 if not undelivered else 1


def _approve(args) -> int:
    with open_services(args) as services:
        update = _comms(services).approve(args.update_id)
    say(f"Approved: the {update.audience.value} update goes to {len(update.deliveries)} channel(s).")
    return 0


def _snooze(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        due = _comms(services).snooze(inc.id, args.audience, args.minutes, args.reason)
    if due is not None:
        say(f"The next {due.audience.value} update is now due at {due.due_at:%H:%M} UTC.")
    return 0


def _due(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        dues = _comms(services).cadence(inc.id)
        now = services.ctx.now()
    rows = [{"audience": d.audience.value, "due_at": d.due_at, "overdue": d.overdue(now)} for d in dues]
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['audience']:10} {r['due_at']:%Y-%m-%d %H:%M}Z{'  OVERDUE' if r['overdue'] else ''}")
    return 0


def _resolve(args) -> int:
    with open_services(args) as services:
        d = _comms(services).resolve_unknown(args.delivery_id, was_posted=args.posted)
    say(f"{d.channel_name}: {d.status.value}")
    return 0


def _policy(args) -> int:
    from warroom.services.comms.cadence_settings import CadenceSettings

    changes: dict = {}
    if args.needs_approval is not None:
        changes["needs_approval"] = args.needs_approval
    if args.approver is not None:
        changes["approver"] = args.approver.strip()
    cadence = dict(_severity_minutes(c) for c in args.cadence)
    with open_services(args) as services:
        comms = _comms(services)
        if cadence:  # laid over what the audience had: SEV2=60 keeps SEV1's 20/60
            CadenceSettings(services.ctx).set({args.audience: cadence})
        policy = comms.set_policy(args.audience, **changes) if changes else comms.policy(args.audience)
    data = {
        "audience": policy.audience.value,
        "needs_approval": policy.needs_approval,
        "approver": policy.approver,
        "custom_template": bool(policy.template),
        "cadence": policy.cadence,
    }
    if args.json:
        print_json(data)
    else:
        who = policy.approver or "the commander"
        say(
            f"{policy.audience.label}: "
            + (f"needs approval by {who}" if policy.needs_approval else "no approval needed")
        )
    return 0


def _severity_minutes(text: str) -> tuple[str, str]:
    severity, sep, minutes = text.partition("=")
    if not sep:
        raise ValidationError(f"--cadence {text!r} is not SEV=MINUTES, e.g. SEV1=20/60.")
    return severity.strip(), minutes.strip()


def _template(args) -> int:
    from warroom.services.comms.templates import read_template_file

    path = Path(args.file)
    with open_services(args) as services:
        comms = _comms(services)
        if args.direction == "export":
            from warroom.atomic_file import write_atomic

            write_atomic(path, comms.template(args.audience))
            say(f"Wrote the {args.audience} template to {path}.")
        else:
            comms.set_policy(args.audience, template=read_template_file(path))
            say(f"The {args.audience} template now comes from {path.name}.")
    return 0

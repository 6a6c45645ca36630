"""`warroom channel add|edit|list|test|secret|remove`: where status updates go.

Secrets (webhook URLs, API keys, SMTP passwords) are read from standard input, never
taken as arguments (they would land in the shell history and the process list).
"""

from __future__ import annotations

import sys

from warroom.cli.output import open_services, print_json, say
from warroom.domain.comms import SECRET_FIELDS, ChannelKind
from warroom.domain.errors import ValidationError

KINDS = "slack|teams|statuspage|webhook|email"
AUDIENCES = "internal|executives|customers|vendors"


def register(sub) -> None:
    p = sub.add_parser("channel", help="channels that status updates go to (Slack, Teams, Statuspage, webhook, e-mail)")
    csub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = csub.add_parser("add", help="add a channel; its secret is read from standard input")
    a.add_argument("name")
    a.add_argument("--kind", required=True, help=KINDS)
    a.add_argument("--audience", required=True, help=AUDIENCES)
    _secret_and_config_arguments(a)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=_add)

    e = csub.add_parser("edit", help="change a channel in place (its queued deliveries still go to it)")
    e.add_argument("name")
    e.add_argument("--name", dest="new_name", metavar="NEW_NAME", help="rename the channel")
    e.add_argument("--audience", help=AUDIENCES)
    _secret_and_config_arguments(e, editing=True)
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=_edit)

    ls = csub.add_parser("list", help="list channels and whether each is set up on this laptop")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    t = csub.add_parser("test", help="send a test message to a channel now")
    t.add_argument("name")
    t.set_defaults(handler=_test)

    s = csub.add_parser("secret", help="set a channel's secret on this laptop, read from standard input")
    s.add_argument("name")
    s.set_defaults(handler=_secret)

    r = csub.add_parser("remove", help="remove a channel (everywhere) and its secret (here)")
    r.add_argument("name")
    r.set_defaults(handler=_remove)


def _secret_and_config_arguments(parser, editing: bool = False) -> None:
    kept = " (left out: kept as it is)" if editing else ""
    parser.add_argument(
        "--url-from-stdin",
        "--secret-from-stdin",
        dest="secret_stdin",
        action="store_true",
        help="read the secret from stdin, one per line: the URL (Slack, Teams, webhook; a webhook's "
        "signing secret on the next line), the API key (Statuspage) or the SMTP password (e-mail)" + kept,
    )
    parser.add_argument("--page-id", help="Statuspage: the page id")
    parser.add_argument("--base-url", help="Statuspage: API base URL (default https://api.statuspage.io)")
    parser.add_argument(
        "--component",
        action="append",
        default=[],
        metavar="ID=STATE",
        help="Statuspage: an affected component" + (" (given: replaces the list)" if editing else ""),
    )
    parser.add_argument("--smtp-host", help="e-mail: SMTP server")
    parser.add_argument("--smtp-port", type=int, help="e-mail: SMTP port (default 587, or 465 with --security tls)")
    parser.add_argument("--security", choices=("starttls", "tls", "none"), help="e-mail: default starttls")
    parser.add_argument("--smtp-user", help="e-mail: log in as this user (password from stdin)")
    parser.add_argument("--from", dest="from_addr", help="e-mail: the From address")
    parser.add_argument(
        "--to",
        action="append",
        default=[],
        help="e-mail: a recipient (repeatable)" + (", replaces the list" if editing else ""),
    )


def _config(args, kind: ChannelKind) -> dict:
    config: dict = {}
    if kind is ChannelKind.STATUSPAGE:
        config["page_id"] = args.page_id or ""
        if args.base_url:
            config["base_url"] = args.base_url
        if args.component:
            config["components"] = dict(_component(c) for c in args.component)
    if kind is ChannelKind.EMAIL:
        config["smtp_host"] = args.smtp_host or ""
        for key, value in (
            ("smtp_port", args.smtp_port),
            ("security", args.security),
            ("username", args.smtp_user),
            ("from_addr", args.from_addr),
        ):
            if value:
                config[key] = value
        config["to"] = list(args.to)
    return config


def _component(text: str) -> tuple[str, str]:
    cid, sep, state = text.partition("=")
    if not sep or not cid.strip() or not state.strip():
        raise ValidationError(f"--component {text!r} is not ID=STATE, e.g. cmp123=major_outage.")
    return cid.strip(), state.strip()


def _read_secrets(kind: ChannelKind) -> dict[str, str]:
    lines = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    fields = SECRET_FIELDS[kind]
    if len(lines) < len(fields) and not (kind is ChannelKind.EMAIL and not lines):
        raise ValidationError(f"Standard input should hold, one per line: {', '.join(fields)}.")
    return dict(zip(fields, lines))


def _add(args) -> int:
    kind = ChannelKind.parse(args.kind)
    _refuse_other_kinds_options(args, kind)
    values = _read_secrets(kind) if args.secret_stdin else None
    with open_services(args) as services:
        from warroom.services.comms import ChannelService

        channel = ChannelService(services.ctx).add(args.name, kind, args.audience, _config(args, kind), values)
        state = ChannelService(services.ctx).setup_state(channel)
    if args.json:
        print_json({**_channel_json(channel), "setup": state})
    say(f"Added channel {channel.name} ({channel.kind.value}, {channel.audience.value}): {state}")
    return 0


def _edit(args) -> int:
    from warroom.services.comms import ChannelService

    with open_services(args) as services:
        svc = ChannelService(services.ctx)
        channel = svc.get(args.name)
        values = _read_secrets(channel.kind) if args.secret_stdin else None
        config = _edited_config(args, channel.kind, channel.config)
        edited = svc.edit(
            args.name, new_name=args.new_name, audience=args.audience, config=config, secret_values=values
        )
        state = svc.setup_state(edited)
    if args.json:
        print_json({**_channel_json(edited), "setup": state})
    say(f"Changed channel {edited.name} ({edited.kind.value}, {edited.audience.value}): {state}")
    return 0


def _edited_config(args, kind: ChannelKind, config: dict) -> dict | None:
    """The channel's config with only the options given changed; None when none was given."""
    _refuse_other_kinds_options(args, kind)
    if not any(getattr(args, name) not in (None, []) for name in _OPTIONS_OF.get(kind, ())):
        return None
    given = {k: v for k, v in _config(args, kind).items() if v not in ("", [], {}, None)}
    return {**config, **given}


_OPTIONS_OF = {
    ChannelKind.STATUSPAGE: ("page_id", "base_url", "component"),
    ChannelKind.EMAIL: ("smtp_host", "smtp_port", "security", "smtp_user", "from_addr", "to"),
}


def _refuse_other_kinds_options(args, kind: ChannelKind) -> None:
    """An option of another kind of channel is an error, not silently ignored."""
    for other, names in _OPTIONS_OF.items():
        for name in names:
            if getattr(args, name) in (None, []) or other is kind:
                continue
            option = "--from" if name == "from_addr" else "--" + name.replace("_", "-")
            raise ValidationError(f"{option} is for a {other.value} channel; this one is a {kind.value} channel.")


def _channel_json(channel) -> dict:
    return {
        "name": channel.name,
        "kind": channel.kind.value,
        "audience": channel.audience.value,
        "config": channel.config,
    }


def _list(args) -> int:
    from warroom.services.comms import ChannelService

    with open_services(args) as services:
        svc = ChannelService(services.ctx)
        rows = [{**_channel_json(c), "setup": svc.setup_state(c)} for c in svc.list()]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        say("No channel yet: 'warroom channel add NAME --kind slack --audience internal --url-from-stdin'.")
    for r in rows:
        print(f"{r['name']:20} {r['kind']:10} {r['audience']:10} {r['setup']}")
    return 0


def _test(args) -> int:
    from warroom.services.comms import ChannelService

    with open_services(args) as services:
        say(ChannelService(services.ctx).test(args.name))
    return 0


def _secret(args) -> int:
    from warroom.services.comms import ChannelService

    with open_services(args) as services:
        svc = ChannelService(services.ctx)
        channel = svc.get(args.name)
        svc.set_secrets(args.name, _read_secrets(channel.kind))
    say(f"The secret for {channel.name} is kept in this laptop's keyring.")
    return 0


def _remove(args) -> int:
    from warroom.services.comms import ChannelService

    with open_services(args) as services:
        ChannelService(services.ctx).remove(args.name)
    say(f"Removed channel {args.name}.")
    return 0

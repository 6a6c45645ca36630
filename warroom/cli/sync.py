"""`warroom sync --hub URL --once|--watch`, `warroom sync problems`,
`warroom hub init|password|add-user|quarantine|compact|policy`."""

from __future__ import annotations

import signal
import threading

from warroom.cli.output import open_services, print_json, say
from warroom.domain.errors import ValidationError


def register(sub) -> None:
    s = sub.add_parser("sync", help="sync the store with a shared hub; 'sync problems' lists refused changes")
    s.add_argument(
        "what",
        nargs="?",
        choices=["problems"],
        help="problems: the changes from the hub this laptop refused, with the reason",
    )
    s.add_argument(
        "--hub",
        metavar="URL",
        help="postgresql://USER@HOST/DB (password from the keyring) or a shared SQLite file",
    )
    mode = s.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="push and pull, print counts, exit")
    mode.add_argument("--watch", action="store_true", help="stay live until interrupted (Ctrl+C)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=_sync)

    h = sub.add_parser("hub", help="set up a shared hub")
    hsub = h.add_subparsers(dest="action", metavar="ACTION", required=True)
    i = hsub.add_parser("init", help="create or migrate a hub's schema; prints the GRANTs the app role needs")
    i.add_argument("url")
    i.add_argument("--app-role", default="warroom_app", help="role the app will use day to day")
    i.set_defaults(handler=_hub_init)

    pw = hsub.add_parser("password", help="store the hub password in the OS keyring (asked, never echoed)")
    pw.add_argument("url", help="the hub URL without its password")
    pw.set_defaults(handler=_hub_password)

    au = hsub.add_parser("add-user", help="as the hub's admin: a PostgreSQL login for one person (password asked)")
    au.add_argument("url", help="the hub URL, as its admin")
    au.add_argument("name", help="the new login role, e.g. asa")
    au.add_argument("--app-role", default="warroom_app", help="the role holding the app's grants")
    au.set_defaults(handler=_hub_add_user)

    q = hsub.add_parser("quarantine", help="as the hub's admin: retire a bad change for all laptops (kept)")
    q.add_argument("url", help="the hub URL, as its admin")
    q.add_argument("change_id", help="the change's id, as 'warroom sync problems' lists it")
    q.add_argument("--reason", default="", help="why, for the record")
    q.set_defaults(handler=_hub_quarantine)

    c = hsub.add_parser(
        "compact", help="as the hub's admin: fold old changes into a snapshot (laptops catch up from it)"
    )
    c.add_argument("url", help="the hub URL, as its admin")
    c.add_argument("--keep-days", type=float, default=30.0, help="days of changes kept in the log as they are (30)")
    c.add_argument("--if-due", action="store_true", help="apply the hub's policy instead, if it is due (cron)")
    c.set_defaults(handler=_hub_compact)

    p = hsub.add_parser("policy", help="show or set (as the hub's admin) the automatic compaction policy")
    p.add_argument("url", help="the hub URL, as its admin to set it")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--compact-after-days", type=float, metavar="N", help="fold changes older than N days")
    what.add_argument("--off", action="store_true", help="no automatic compaction")
    p.add_argument("--every-hours", type=float, metavar="H", help="at most once every H hours (24)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_hub_policy)


def _sync(args) -> int:
    if args.what == "problems":
        return _problems(args)
    if not args.hub or not (args.once or args.watch):
        raise ValidationError("Say which hub and how: warroom sync --hub URL --once (or --watch).")
    with open_services(args) as services:
        if args.once:
            result = services.sync.sync_once(args.hub)
            if args.json:
                print_json({"pushed": result.pushed, "pulled": result.pulled})
            else:
                print(f"pushed {result.pushed}, pulled {result.pulled}")
            return 0
        return _watch(services, args.hub)


def _problems(args) -> int:
    with open_services(args) as services:
        found = services.sync.problems()
    if args.json:
        print_json([p.as_json() for p in found])
        return 0
    if not found:
        print("No changes from the hub were refused.")
    for p in found:
        print(f"{p.change_id}  {p.table_name}  from device {p.device}: {p.reason}")
    return 0


def _watch(services, hub_url: str) -> int:
    stop = threading.Event()
    last = {"text": ""}

    def on_state(view) -> None:
        if view.text != last["text"]:
            last["text"] = view.text
            say(f"sync: {view.text}")

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    services.sync.start(hub_url, on_state)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        services.sync.stop()
    say("sync stopped")
    return 0


def _hub_init(args) -> int:
    from warroom.services.sync import init_hub

    print(init_hub(args.url, args.app_role))
    return 0


def _hub_password(args) -> int:
    import getpass
    from urllib.parse import urlsplit

    from warroom.integrations.secrets import store_password

    parts = urlsplit(args.url)
    if parts.password:
        raise ValidationError("Give the URL without its password; you will be asked for it.")
    if not parts.username:
        raise ValidationError("The URL names no user: use postgresql://USER@HOST/DB.")
    store_password(args.url, parts.username, getpass.getpass(f"Password for {parts.username}: "))
    say("Saved in the OS keyring.")
    return 0


def _hub_add_user(args) -> int:
    import getpass
    import sys

    from warroom.services.sync import add_hub_user

    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for the new login {args.name}: ")
    else:  # a script pipes it in: never on the command line, where ps and shell history would keep it
        password = sys.stdin.readline().rstrip("\n")
    say(add_hub_user(args.url, args.name, password, args.app_role))
    return 0


def _hub_compact(args) -> int:
    from warroom.services.sync import compact_hub, compact_hub_if_due

    say(compact_hub_if_due(args.url) if args.if_due else compact_hub(args.url, args.keep_days))
    return 0


def _hub_policy(args) -> int:
    from warroom.services.sync import hub_policy

    if args.every_hours is not None and args.compact_after_days is None:
        raise ValidationError("--every-hours goes with --compact-after-days N.")
    found = hub_policy(args.url, args.compact_after_days, args.every_hours, args.off)
    if args.json:
        print_json(found.as_json() if found else None)
    else:
        print(found or "No compaction policy on this hub: compact by hand (warroom hub compact) or set one.")
    return 0


def _hub_quarantine(args) -> int:
    from warroom.services.sync import retire_hub_change

    say(retire_hub_change(args.url, args.change_id, args.reason))
    return 0

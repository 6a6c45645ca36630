"""The command-line twin of the app: the same services, JSON on stdout for scripts.

Every sub-command module is imported by name right here, so PyInstaller sees them all and a
missing one fails loudly instead of shrinking the menu. They import their heavy dependencies
inside their handlers: `warroom --version` and `warroom incident list` stay fast.
"""

from __future__ import annotations

import argparse
import logging

from warroom.cli import (
    calendar,
    change,
    channel,
    checklist,
    demo,
    desktop,
    directory_edit,
    export,
    handover,
    incident,
    role,
    sync,
    timeline,
    update,
    vendors,
)

log = logging.getLogger("warroom.cli")

# Each module adds its sub-commands with register(subparsers), in this order in --help.
COMMAND_MODULES = (
    incident,
    timeline,
    demo,
    vendors,
    checklist,
    export,
    sync,
    change,
    role,
    handover,
    channel,
    update,
    directory_edit,
    calendar,
    desktop,
)


class _VersionAction(argparse.Action):
    """--version: asks for the commit only when used (a checkout runs git for it)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from warroom.build_info import version_line

        print(version_line())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warroom",
        description="Warroom: run an outage with outside vendors. With no command, opens the window.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a throwaway store (migrate, demo, availability, export, window) and exit",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="store to use: a SQLite path or URL, or postgresql://USER@HOST/DB "
        "(default: $WARROOM_DB or the local store in your data folder)",
    )
    parser.add_argument("--user", metavar="NAME", help="your name as it appears in the timeline")
    parser.add_argument(
        "--hub",
        metavar="URL",
        dest="window_hub",
        help="(window) sync live with this hub instead of the one in your settings",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug detail to the log file")
    parser.add_argument("--debug", action="store_true", help="on an error, print the traceback as well")
    parser.add_argument("--create", action="store_true", help="make the folder of a --db store that does not exist")
    # for tests/bench/bench_startup.py: open the window, say when it is painted, exit
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _import_store_before_qt() -> None:
    """Import SQLAlchemy and the store before PySide6: PySide6 reads the source of every module
    imported after it (its __feature__ hook), which cost the window's start about 70 ms (8% CPU)."""
    import warroom.app  # noqa: F401  (imports only: no engine, no database work)


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # --version and --help exit here, before anything heavier

    from warroom.logging_setup import configure_logging

    configure_logging(args.verbose)
    if args.self_test:
        from warroom.selftest import run_self_test

        return run_self_test()
    if args.startup_probe:
        _import_store_before_qt()
        from warroom.ui.shell.first_paint import probe

        return probe(args.db)
    if not args.command:
        _import_store_before_qt()
        from warroom.ui.shell.launch import run_window

        return run_window(db_url=args.db, user_name=args.user, hub_url=args.window_hub)
    from warroom.cli.errors import run_command

    return run_command(args.handler, args, debug=args.debug)

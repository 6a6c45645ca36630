"""The command-line twin of the app: the same services, JSON on stdout for scripts.

Every sub-command module is imported by name in `command_modules`, so PyInstaller sees them
all and a missing one fails loudly instead of shrinking the menu; `warroom` with no command
(the window) parses its few options without them. They import their heavy dependencies
inside their handlers: `warroom --version` and `warroom incident list` stay fast.
"""

from __future__ import annotations

import argparse
import logging
from types import ModuleType

log = logging.getLogger("warroom.cli")


def command_modules() -> tuple[ModuleType, ...]:
    """Each module adds its sub-commands with register(subparsers), in this order in --help."""
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

    return (
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
    add_window_options(parser)
    parser.add_argument("--debug", action="store_true", help="on an error, print the traceback as well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options `warroom` takes without a command (commands take them too)."""
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
    parser.add_argument("--create", action="store_true", help="make the folder of a --db store that does not exist")
    # for tests/bench/bench_startup.py: open the window, say when it is painted, exit
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """`warroom [--db URL] [--user NAME] ...` with no command: its options, parsed without importing
    a single command module (the window paints sooner). None for anything else, which the full
    parser then handles: a command, --help, --version, --self-test, a mistyped option."""
    if any(arg in ("-h", "--help", "--version", "--self-test") for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog="warroom", add_help=False, exit_on_error=False)
    add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: list[str]) -> int:
    window = window_arguments(argv)
    if window is not None:
        return _open_window(window)
    parser = build_parser()
    args = parser.parse_args(argv)  # --version and --help exit here, before anything heavier

    from warroom.logging_setup import configure_logging

    configure_logging(args.verbose)
    if args.self_test:
        from warroom.selftest import run_self_test

        return run_self_test()
    if not args.command:  # the window, named with an abbreviated option (--us for --user)
        return _open_window(args)
    from warroom.cli.errors import run_command

    return run_command(args.handler, args, debug=args.debug)


def _open_window(args: argparse.Namespace) -> int:
    """The window paints before the store is open: nothing here imports SQLAlchemy or the store,
    and the log file is set up once the frame is painted (ui/shell/startup.py)."""
    from warroom.ui.shell.entry import open_window

    return open_window(args.db, args.user, args.window_hub, create=args.create, verbose=args.verbose,
                       probe=args.startup_probe)  # fmt: skip

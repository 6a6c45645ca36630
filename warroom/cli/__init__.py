"""The command-line twin of the app: the same services, JSON on stdout for scripts."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from warroom.domain.errors import WarroomError

log = logging.getLogger("warroom.cli")

# Each module adds its sub-commands with register(subparsers).
COMMAND_MODULES: tuple[str, ...] = ("incident", "timeline", "demo", "vendors", "checklist", "export", "sync")
COMMAND_MODULES += ("change", "role", "handover")  # roles, the change record and shift handover
COMMAND_MODULES += ("directory_edit",)  # vendor|contact|absence add, edit, remove; vendor evidence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warroom",
        description="Warroom: run an outage with outside vendors. With no command, opens the window.",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"warroom.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"warroom.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str]) -> int:
    from warroom.logging_setup import configure_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if not args.command:
        from warroom.ui.shell.launch import run_window

        return run_window(db_url=args.db, user_name=args.user, hub_url=args.window_hub)
    try:
        return args.handler(args)
    except WarroomError as exc:
        print(f"warroom: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("warroom: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `warroom ... --json | head` closed the pipe: not an error worth a traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

"""Declaring sub-commands: `warroom GROUP ACTION ...` with the options every command shares.

    actions = add_group(sub, "incident", "open, list, show and change incidents")
    show = add_command(actions, "show", _show, "show one incident", ref=True)

Every command runs its handler with the parsed arguments; `ref=True` takes the incident
reference first (INC-7, 7 or an id); `json` adds the --json switch (a string is its help).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]
SubCommands = argparse._SubParsersAction  # argparse's own type for add_subparsers()

REF_HELP = "INC-7, 7 or an id"


def add_group(sub: SubCommands, name: str, help: str) -> SubCommands:
    """A command whose actions are sub-commands of their own."""
    parser = sub.add_parser(name, help=help)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def add_command(
    sub: SubCommands,
    name: str,
    handler: Handler,
    help: str,
    *,
    ref: bool = False,
    json: bool | str = True,
    **parser_options: Any,
) -> argparse.ArgumentParser:
    """A command that runs `handler`; add its own arguments to the parser it returns."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, **parser_options)
    if ref:
        parser.add_argument("ref", help=REF_HELP)
    if json:
        parser.add_argument("--json", action="store_true", help=json if isinstance(json, str) else None)
    parser.set_defaults(handler=handler)
    return parser

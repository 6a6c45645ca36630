"""`warroom install-desktop`: a launcher and icon for Linux desktops (GNOME, KDE, ...)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from warroom.cli.output import print_json, say


def register(sub: Any) -> None:
    p = sub.add_parser(
        "install-desktop",
        help="add Warroom to the Linux desktop's application menu (writes ~/.local/share/applications/warroom.desktop)",
    )
    p.add_argument("--data-home", metavar="DIR", help="instead of $XDG_DATA_HOME or ~/.local/share")
    p.add_argument("--json", action="store_true", help="print the written files as JSON")
    p.set_defaults(handler=_install)


def _install(args: argparse.Namespace) -> int:
    from warroom.services.desktop import install_desktop

    done = install_desktop(Path(args.data_home) if args.data_home else None)
    written = [str(done.desktop_file), *(str(p) for p in done.icons)]
    if args.json:
        print_json({"files": written, "command": done.command})
    else:
        for path in written:
            print(path)
    say(f"Warroom is in the application menu; it runs {done.command}.")
    return 0

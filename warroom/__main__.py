"""`python -m warroom` and the `warroom` command."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        return _open_window()
    if args == ["--version"]:
        # the fast path: no argparse, no sub-command modules, nothing but the version and commit
        from warroom.build_info import version_line

        print(version_line())
        return 0
    from warroom.cli import main as cli_main

    return cli_main(args)


def _open_window() -> int:
    """`warroom` as a user starts it: the window, without argparse or the CLI's modules (they
    cost its first paint). WARROOM_STARTUP_PROBE=1 makes it the start-up benchmark's probe
    (`--startup-probe` on the store in $WARROOM_DB), so that the benchmark times this launch."""
    from warroom.ui.shell.entry import open_window

    return open_window(probe=os.environ.get("WARROOM_STARTUP_PROBE") == "1")


if __name__ == "__main__":
    sys.exit(main())

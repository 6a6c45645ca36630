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
    from warroom.ui.kit.feature_hook import drop_feature_hook

    drop_feature_hook()  # before the window's modules load: PySide would read each one's source
    if os.environ.get("WARROOM_STARTUP_PROBE") == "1":
        from warroom.ui.shell.first_paint import probe

        return probe(None)
    from warroom.ui.shell.launch import run_window

    return run_window()


if __name__ == "__main__":
    sys.exit(main())

"""`python -m warroom` and the `warroom` command."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        # the fast path: no argparse, no sub-command modules, nothing but the version and commit
        from warroom.build_info import version_line

        print(version_line())
        return 0
    from warroom.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

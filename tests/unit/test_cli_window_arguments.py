"""`warroom` with no command parses its window options without the command modules (issue 13)."""

from __future__ import annotations

import pytest

from warroom.cli import build_parser, window_arguments


def test_window_options_are_parsed_like_the_full_parser_does():
    argv = ["--db", "/home/åsa/東京.sqlite", "--user", "Ọlá Adéwálé", "--hub", "postgresql://hub/db", "--verbose"]
    fast = window_arguments(argv)
    full = build_parser().parse_args(argv)
    assert fast is not None and full.command is None
    for name in ("db", "user", "window_hub", "verbose", "create", "startup_probe"):
        assert getattr(fast, name) == getattr(full, name)


@pytest.mark.parametrize(
    "argv",
    [
        ["incident", "list"],
        ["--db", "x.sqlite", "incident", "list", "--json"],
        ["--help"],
        ["--version"],
        ["--self-test"],
        ["--debug"],
        ["--db"],  # missing its value: the full parser says so
        ["--no-such-option"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv):
    assert window_arguments(argv) is None


def test_no_arguments_at_all_is_the_window():
    args = window_arguments([])
    assert args is not None and args.db is None and args.user is None

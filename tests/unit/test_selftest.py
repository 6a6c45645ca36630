"""The self-test's verdict: one line per step, a failure fails the run and skips what follows."""

from __future__ import annotations

import io
import os

import pytest

from warroom import selftest


def test_a_failing_step_fails_the_run_and_skips_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    seen_homes = []

    def fine(state: selftest.SelfTest) -> str:
        seen_homes.append(os.environ["WARROOM_DATA_DIR"])
        return "fine"

    def broken(state: selftest.SelfTest) -> str:
        raise RuntimeError("no translation file for 'PL'")

    monkeypatch.setattr(selftest, "STEPS", (("first", fine), ("second", broken), ("third", fine)))
    before = dict(os.environ)
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("ok   first") and lines[1].endswith("s)")
    assert lines[2] == "FAIL second       RuntimeError: no translation file for 'PL'"
    assert lines[3].startswith("skip third")
    assert lines[-1] == "self-test FAILED"
    assert "warroom-selftest-" in seen_homes[0]  # a temporary folder, not the user's data folder
    assert dict(os.environ) == before  # the throwaway folders were the self-test's only


def test_all_steps_passing_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "STEPS", (("only", lambda state: "done"),))
    out = io.StringIO()
    assert selftest.run_self_test(out) == 0
    assert out.getvalue().splitlines()[-1] == "self-test passed"

"""A large directory import reports its progress now and then; a small one stays quiet."""

from __future__ import annotations

import logging

from warroom.services.directory.importing import PROGRESS_EVERY, _report_progress, logged_progress


def test_progress_is_logged_each_time_a_multiple_is_passed(caplog):
    with caplog.at_level(logging.INFO, logger="warroom.progress"):
        done = 0
        for added in [4_000] * 8:
            done = _report_progress("v.csv", done, added, 32_000)
        _report_progress("small.csv", 0, 500, PROGRESS_EVERY - 1)
    assert [r.getMessage() for r in caplog.records] == [
        "v.csv: 12,000 of 32,000 contacts written",
        "v.csv: 20,000 of 32,000 contacts written",
        "v.csv: 32,000 of 32,000 contacts written",
    ]


def test_the_command_lines_callback_logs_as_batches_of_any_size_pass_each_multiple(caplog):
    report = logged_progress("v.csv")
    with caplog.at_level(logging.INFO, logger="warroom.progress"):
        for done in (1_667, 8_335, 10_002, 19_999, 20_001, 25_000, 25_000):
            report(done, 30_000)
    assert [r.getMessage() for r in caplog.records] == [
        "v.csv: 10,002 of 30,000 contacts written",
        "v.csv: 20,001 of 30,000 contacts written",
    ]

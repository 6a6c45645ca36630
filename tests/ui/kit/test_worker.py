"""The worker: writes in order on one thread, reads on a pool, outcomes back on the GUI thread."""

from __future__ import annotations

import threading

from warroom.domain.errors import ValidationError
from warroom.ui.kit.worker import error_sentence


def test_writes_run_in_the_order_asked_on_one_thread(tasks, wait_idle):
    seen, threads, done = [], set(), []
    for i in range(50):
        tasks.write(lambda i=i: (seen.append(i), threads.add(threading.get_ident()), i)[-1], done.append)
    wait_idle(tasks)
    assert seen == list(range(50))
    assert done == list(range(50))
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_results_and_errors_arrive_on_the_gui_thread(tasks, wait_idle):
    gui = threading.get_ident()
    arrived = []
    tasks.read(lambda: 42, lambda value: arrived.append(("done", value, threading.get_ident())))

    def refuse():
        raise ValidationError("Title: say in a few words what is broken.")

    tasks.write(refuse, None, lambda message: arrived.append(("error", message, threading.get_ident())))
    wait_idle(tasks)
    assert sorted(arrived) == [("done", 42, gui), ("error", "Title: say in a few words what is broken.", gui)]


def test_an_unhandled_error_goes_to_the_failed_signal(qtbot, tasks):
    def boom():
        raise ValidationError("Zone: 'Mars/Olympus' is not a time zone.")

    with qtbot.waitSignal(tasks.failed, timeout=3000) as signal:
        tasks.read(boom)
    assert signal.args == ["Zone: 'Mars/Olympus' is not a time zone."]


def test_an_unexpected_exception_becomes_one_readable_sentence(qtbot, tasks, caplog):
    with qtbot.waitSignal(tasks.failed, timeout=3000) as signal:
        tasks.write(lambda: {}["missing"])
    assert signal.args[0].startswith("Something went wrong (KeyError")
    assert "log file" in signal.args[0]
    assert error_sentence(ValidationError("Åsa: one sentence.")) == "Åsa: one sentence."


def test_after_shutdown_requests_are_refused_at_once(tasks):
    tasks.shutdown()
    ran = []
    tasks.write(lambda: ran.append(1))
    tasks.read(lambda: ran.append(2))
    assert ran == [] and tasks.is_idle()


def test_an_answer_for_a_widget_deleted_meanwhile_is_dropped_and_the_rest_arrive(tasks, wait_idle):
    """A dialog closed while its read ran: its method is not called on the deleted widget."""
    import shiboken6
    from PySide6.QtWidgets import QLabel

    gone, kept, arrived = QLabel(), QLabel(), []
    tasks.read(lambda: "for the closed dialog", gone.setText)
    tasks.write(refuse_politely, None, gone.setText)
    tasks.read(lambda: "still here 東京", kept.setText)
    tasks.read(lambda: 7, arrived.append)  # not a widget's method: always called
    shiboken6.delete(gone)
    wait_idle(tasks)  # a call on the deleted label would raise in the event loop: pytest-qt fails the test
    assert kept.text() == "still here 東京" and arrived == [7] and tasks.is_idle()


def refuse_politely():
    raise ValidationError("Nothing to save.")

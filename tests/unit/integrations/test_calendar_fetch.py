"""Fetching a calendar from a real local HTTP server, and the cache of the last good copy."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest

from tests.comms_servers import Reply, free_port
from warroom.domain.errors import ValidationError
from warroom.integrations.calendar_fetch import CalendarCache, CalendarFetchError, checked_url, fetch_ics

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


def test_a_calendar_is_fetched_whole(http_server):
    http_server.default = Reply(200, "\ufeff" + ICS, {"Content-Type": "text/calendar; charset=utf-8"})
    assert fetch_ics(http_server.url("/leave.ics")) == ("\ufeff" + ICS).encode("utf-8")
    assert http_server.requests[0].method == "GET" and "text/calendar" in http_server.requests[0].headers["Accept"]


@pytest.mark.parametrize(
    ("status", "sentence", "offline"),
    [
        (404, "127.0.0.1 has no calendar at that address: it was moved or unpublished (HTTP 404).", False),
        (403, "127.0.0.1 refused access: the secret address may have been reset (HTTP 403).", False),
        (503, "127.0.0.1 failed to serve the calendar (HTTP 503); try again later.", True),
        (302, "127.0.0.1 answered HTTP 302 instead of the calendar.", False),
    ],
)
def test_an_http_error_is_one_sentence(http_server, status, sentence, offline):
    http_server.default = Reply(status, "nope")
    with pytest.raises(CalendarFetchError) as caught:
        fetch_ics(http_server.url("/leave.ics"))
    assert str(caught.value) == sentence and caught.value.offline is offline


def test_a_page_that_is_not_a_calendar_is_refused(http_server):
    http_server.default = Reply(200, "<html><body>Sign in</body></html>")
    with pytest.raises(CalendarFetchError, match=r"not a calendar \(it starts '<html><body>Sign in<'\)"):
        fetch_ics(http_server.url())


def test_a_calendar_over_the_size_limit_is_refused(http_server):
    http_server.default = Reply(200, ICS + "X" * 5000)
    with pytest.raises(CalendarFetchError, match="larger than"):
        fetch_ics(http_server.url(), max_bytes=4096)
    assert fetch_ics(http_server.url(), max_bytes=10_000).startswith(b"BEGIN:VCALENDAR")


def test_a_slow_server_times_out_and_a_closed_port_is_offline(http_server):
    http_server.default = Reply(200, ICS, delay=1.0)
    with pytest.raises(CalendarFetchError, match="did not answer in time") as caught:
        fetch_ics(http_server.url(), timeout=(1.0, 0.2))
    assert caught.value.offline
    with socket.socket() as probe:  # a port nobody listens on
        port = free_port()
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    with pytest.raises(CalendarFetchError, match=r"Could not reach 127.0.0.1 \(offline") as caught:
        fetch_ics(f"http://127.0.0.1:{port}/x.ics")
    assert caught.value.offline


@pytest.mark.parametrize(
    ("url", "expected"),
    [("webcal://example.net/a.ics", "https://example.net/a.ics"), (" https://example.net/a ", "https://example.net/a")],
)
def test_webcal_is_https(url, expected):
    assert checked_url(url) == expected


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.net/a.ics", "example.net/a.ics", ""])
def test_other_schemes_are_refused(url):
    with pytest.raises(ValidationError, match="is not a calendar URL"):
        checked_url(url)


def test_the_cache_keeps_the_last_good_copy_per_url(tmp_path):
    cache = CalendarCache(tmp_path / "cache")
    assert cache.load("https://a.example/x.ics") is None
    at = datetime(2026, 11, 30, 10, 42, tzinfo=UTC)
    cache.store("https://a.example/x.ics", b"one", at)
    cache.store("https://b.example/x.ics", b"two", at)
    copy = cache.load("https://a.example/x.ics")
    assert (copy.data, copy.fetched_at) == (b"one", at)
    assert not list((tmp_path / "cache").glob("*.part"))  # written beside the target, then renamed
    # a copy that does not match its metadata (a write cut short) is not trusted
    next((tmp_path / "cache").glob("*.ics")).write_bytes(b"truncated!")
    assert sum(cache.load(u) is None for u in ("https://a.example/x.ics", "https://b.example/x.ics")) == 1
    cache.forget("https://b.example/x.ics")
    assert cache.load("https://b.example/x.ics") is None

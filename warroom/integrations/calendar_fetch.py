"""Fetching a published ICS calendar over HTTP, and keeping the last good copy on disk.

    data = fetch_ics("https://example.net/leave.ics")     # bytes, or CalendarFetchError
    cache = CalendarCache(folder); cache.store(url, data, now); cache.load(url)

Choices a reader should know:
- `webcal://` is read as `https://` (what calendar apps publish); other schemes are refused.
- A connect timeout of 5 s and a read timeout of 30 s; the body is read in chunks and refused
  past MAX_BYTES, so a wrong URL pointing at a video cannot fill the memory.
- Every failure is one sentence naming the host and what to do; `offline` tells a network
  failure (the last good copy stands and will be retried) from a refusal by the server.
- The cache keeps, per URL, the bytes and when they were fetched, each written atomically,
  so a crash mid-write leaves the previous good copy whole.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

from warroom.atomic_file import write_atomic
from warroom.domain.clock import as_utc, parse_iso
from warroom.domain.errors import ValidationError, WarroomError

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
CHUNK = 64 * 1024
_REFUSALS = {
    401: "asks for a login: publish the calendar with a secret address instead",
    403: "refused access: the secret address may have been reset",
    404: "has no calendar at that address: it was moved or unpublished",
    410: "says the calendar is gone: it was unpublished",
}


class CalendarFetchError(WarroomError):
    """One sentence; `offline` when the network, not the server, was the trouble."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline


def checked_url(url: str) -> str:
    """The URL to fetch: http(s), or webcal read as https; anything else is refused."""
    text = (url or "").strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        return "https" + text[len(parts.scheme) :]
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"{text!r} is not a calendar URL: give an http://, https:// or webcal:// address.")
    return text


def fetch_ics(url: str, *, timeout: tuple[float, float] = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """The calendar's bytes, or CalendarFetchError with the reason in one sentence."""
    url = checked_url(url)
    host = urlsplit(url).hostname or url
    try:
        with requests.get(
            url, timeout=timeout, stream=True, headers={"Accept": "text/calendar, */*;q=0.5"}, allow_redirects=True
        ) as response:
            _check_status(response, host)
            data = _read_capped(response, host, max_bytes)
    except requests.Timeout:
        raise CalendarFetchError(
            f"{host} did not answer in time; the calendar will be fetched again.", offline=True
        ) from None
    except requests.ConnectionError:
        raise CalendarFetchError(f"Could not reach {host} (offline, or the name is wrong).", offline=True) from None
    except requests.RequestException as exc:
        raise CalendarFetchError(f"Fetching the calendar from {host} failed ({type(exc).__name__}).") from None
    return _checked_calendar(data, host)


def _check_status(response: requests.Response, host: str) -> None:
    code = response.status_code
    if code == 200:
        return
    if code in _REFUSALS:
        raise CalendarFetchError(f"{host} {_REFUSALS[code]} (HTTP {code}).")
    if code >= 500 or code == 429:
        raise CalendarFetchError(f"{host} failed to serve the calendar (HTTP {code}); try again later.", offline=True)
    raise CalendarFetchError(f"{host} answered HTTP {code} instead of the calendar.")


def _read_capped(response: requests.Response, host: str, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise CalendarFetchError(f"The calendar at {host} is larger than {max_bytes // (1024 * 1024)} MB; refused.")
    body = bytearray()
    for chunk in response.iter_content(CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise CalendarFetchError(f"The calendar at {host} is larger than {max_bytes // (1024 * 1024)} MB; refused.")
    return bytes(body)


def _checked_calendar(data: bytes, host: str) -> bytes:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        shown = data.lstrip()[:20].decode("utf-8", "replace")
        raise CalendarFetchError(f"{host} sent something that is not a calendar (it starts {shown!r}).")
    return data


@dataclass(frozen=True)
class CachedCalendar:
    url: str
    data: bytes
    fetched_at: datetime  # UTC


class CalendarCache:
    """The last good copy of each subscribed calendar, in one folder of this laptop."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _stem(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]

    def store(self, url: str, data: bytes, fetched_at: datetime) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = self._stem(url)
        write_atomic(stem.with_suffix(".ics"), data)
        meta = {"url": url, "fetched_at": as_utc(fetched_at).isoformat(), "bytes": len(data)}
        write_atomic(stem.with_suffix(".json"), json.dumps(meta, ensure_ascii=False))

    def load(self, url: str) -> CachedCalendar | None:
        stem = self._stem(url)
        try:
            meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            data = stem.with_suffix(".ics").read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("bytes") != len(data):
            return None  # a copy from a write that did not finish pairs with the wrong metadata
        return CachedCalendar(url, data, parse_iso(meta["fetched_at"]))

    def forget(self, url: str) -> None:
        stem = self._stem(url)
        for suffix in (".ics", ".json"):
            stem.with_suffix(suffix).unlink(missing_ok=True)

"""What a channel sender receives and what it reports back, and the HTTP rules all share.

Choices a reader should know:
- A request that never left (refused connection, DNS, connect timeout) is always retried.
  A request that left and got no answer (read timeout) is retried only where the far end
  de-duplicates (Statuspage by its metadata marker, signed webhooks by webhook-id); for
  Slack and Teams it is "unknown: may have been posted", for a person to decide.
- 429 and 5xx are retried (honouring Retry-After); any other 4xx is final, with its reason.
- Error messages never contain a URL: a Slack or Teams URL is itself the secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any

import requests

TIMEOUT = (5.0, 15.0)  # connect, read (seconds)
FINAL_BODY_CHARS = 200


class Result(str, Enum):
    SENT = "sent"
    RETRY = "retry"
    FINAL = "final"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    result: Result
    error: str = ""
    retry_after: float | None = None  # seconds the far end asked us to wait
    remote_id: str = ""  # e.g. the Statuspage incident id


@dataclass(frozen=True)
class Outgoing:
    """One delivery of one update to one channel: everything a sender needs, secrets included."""

    delivery_id: str
    kind: str
    config: dict[str, Any]
    secrets: dict[str, str]
    audience: str
    text: str  # Markdown
    incident_id: str
    reference: str
    title: str
    severity: str
    status: str
    created_at: datetime
    next_update_at: datetime | None = None
    attempt: int = 1
    remote_id: str = ""  # e.g. the Statuspage incident made by an earlier update
    thread: tuple[str, ...] = ()  # earlier delivery ids to this channel for this incident (email threading)
    recipients: tuple[str, ...] = ()  # extra e-mail addresses (the vendor audience's contacts)
    extra: dict[str, Any] = field(default_factory=dict)


class SetupError(Exception):
    """The channel is not set up on this laptop (e.g. its secret is missing)."""


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if now is None:
        from datetime import UTC

        now = datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def classify(response: requests.Response) -> Outcome:
    code = response.status_code
    if 200 <= code < 300:
        return Outcome(Result.SENT)
    reason = f"HTTP {code} {response.reason or ''}".strip()
    body = (response.text or "").strip()[:FINAL_BODY_CHARS]
    if body:
        reason += f": {body}"
    if code == 429 or code == 408 or code >= 500:
        return Outcome(Result.RETRY, reason, retry_after_seconds(response.headers.get("Retry-After")))
    return Outcome(Result.FINAL, reason)


def post(
    method: str,
    url: str,
    *,
    idempotent: bool,
    body: bytes,
    headers: dict[str, str],
    session: requests.Session | None = None,
) -> tuple[Outcome, requests.Response | None]:
    """Send one request and classify what happened; never raises for network trouble."""
    sender = session or requests
    try:
        response = sender.request(method, url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False)
    except requests.exceptions.ConnectTimeout:
        return Outcome(Result.RETRY, "could not connect: timed out"), None
    except requests.exceptions.ReadTimeout:
        if idempotent:
            return Outcome(Result.RETRY, "no answer in time; retrying is safe here"), None
        return Outcome(Result.UNKNOWN, "no answer in time: may have been posted"), None
    except requests.exceptions.ConnectionError as exc:
        if _request_left(exc) and not idempotent:
            return Outcome(Result.UNKNOWN, "connection dropped after sending: may have been posted"), None
        return Outcome(Result.RETRY, "could not connect: the server is unreachable"), None
    except requests.exceptions.RequestException as exc:
        return Outcome(Result.FINAL, f"the request could not be made ({type(exc).__name__})"), None
    return classify(response), response


def _request_left(exc: requests.exceptions.ConnectionError) -> bool:
    """A dropped connection mid-response (not a refused one) means the request was sent."""
    text = repr(exc.args)
    return "RemoteDisconnected" in text or "Connection aborted" in text


def json_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def require_secret(secrets: dict[str, str], name: str, channel_kind: str) -> str:
    value = secrets.get(name, "")
    if not value:
        raise SetupError(f"This {channel_kind} channel is not set up on this laptop: its {name} is missing.")
    return value

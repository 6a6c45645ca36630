"""A generic webhook, signed as the Standard Webhooks spec says (standardwebhooks.com).

`webhook-id` is the delivery id, the same on every retry, so a receiver de-duplicates;
the signature is `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), where the key
is the base64 part of a `whsec_...` secret (or the secret's UTF-8 bytes otherwise).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from typing import Any

from warroom.integrations.channels.base import Outcome, Outgoing, json_body, post, require_secret


def signing_key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_") :], validate=True)
        except (binascii.Error, ValueError):
            pass
    return secret.encode("utf-8")


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def payload(out: Outgoing) -> dict[str, Any]:
    return {
        "type": "incident.status_update",
        "incident": {
            "id": out.incident_id,
            "reference": out.reference,
            "title": out.title,
            "severity": out.severity,
            "status": out.status,
        },
        "update": {
            "id": out.delivery_id,
            "text": out.text,
            "created_at": out.created_at.isoformat(),
            "next_update_at": out.next_update_at.isoformat() if out.next_update_at else None,
        },
        "audience": out.audience,
    }


def headers(out: Outgoing, body: bytes, secret: str, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {
        "Content-Type": "application/json",
        "webhook-id": out.delivery_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, out.delivery_id, timestamp, body),
        "Idempotency-Key": out.delivery_id,
    }


def send(out: Outgoing) -> Outcome:
    url = require_secret(out.secrets, "url", "webhook")
    secret = require_secret(out.secrets, "signing_secret", "webhook")
    body = json_body(payload(out))
    outcome, _ = post("POST", url, idempotent=True, body=body, headers=headers(out, body, secret))
    return outcome

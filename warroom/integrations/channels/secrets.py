"""Channel secrets (webhook URLs, API keys, SMTP passwords) in the OS keyring, one entry per channel."""

from __future__ import annotations

import json

import keyring
import keyring.errors

from warroom.domain.errors import ValidationError
from warroom.integrations.secrets import _ensure_backend

SERVICE = "warroom:channel"


def save(channel_id: str, values: dict[str, str]) -> None:
    _ensure_backend()
    try:
        keyring.set_password(SERVICE, channel_id, json.dumps(values))
    except keyring.errors.KeyringError as exc:
        raise ValidationError(
            f"The channel secret could not be saved: the OS keyring refused ({type(exc).__name__})."
        ) from None


def load(channel_id: str) -> dict[str, str]:
    _ensure_backend()
    try:
        raw = keyring.get_password(SERVICE, channel_id)
    except keyring.errors.KeyringError:
        return {}
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def forget(channel_id: str) -> None:
    _ensure_backend()
    try:
        keyring.delete_password(SERVICE, channel_id)
    except keyring.errors.KeyringError:
        pass

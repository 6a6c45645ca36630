"""Passwords in the OS keyring, never in a settings file, a log or an error message.

A hub password is filed under the hub's address without user or password
(`warroom:postgresql://host:port/db`) and the user name, so the URL that is
saved in settings or shown in the status bar never carries it; the sync code
fills it in at the last moment with `url_with_password`.

With WARROOM_KEYRING=memory (the test suite, CI) an in-process keyring is
used instead of the OS one.
"""

from __future__ import annotations

import os
import threading
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import keyring
import keyring.backend
import keyring.errors

from warroom.domain.errors import ValidationError

SERVICE_PREFIX = "warroom:"
_install_lock = threading.Lock()
_installed = False


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives and dies with the process."""

    priority = 1  # type: ignore[assignment]  # never chosen automatically

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._items.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError("no such password")


def _ensure_backend() -> None:
    global _installed
    with _install_lock:
        if not _installed and os.environ.get("WARROOM_KEYRING") == "memory":
            keyring.set_keyring(MemoryKeyring())
        _installed = True
    try:
        keyring.get_keyring()
    except Exception as exc:  # keyring imports the named backend; any failure there lands here
        raise ValidationError(_broken_backend(exc)) from None


def _broken_backend(exc: Exception) -> str:
    named = os.environ.get("PYTHON_KEYRING_BACKEND")
    if named:
        return (
            f"The keyring backend {named!r} named by PYTHON_KEYRING_BACKEND cannot be loaded "
            f"({type(exc).__name__}); unset it or name an installed backend."
        )
    return f"The OS keyring cannot be loaded ({type(exc).__name__}: {exc}); check its configuration."


def redact(url: str) -> str:
    """The URL as it may be shown or logged: the password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=_netloc(parts, "***")))


def service_name(url: str) -> str:
    """The keyring service for a database: scheme, host, port and database only."""
    parts = urlsplit((url or "").strip())
    if not parts.scheme or not parts.hostname:
        raise ValidationError("Hub address needs a scheme and a host, e.g. postgresql://host:5432/warroom.")
    scheme = parts.scheme.split("+")[0]
    port = f":{parts.port}" if parts.port else ""
    return f"{SERVICE_PREFIX}{scheme}://{parts.hostname}{port}{parts.path}"


def store_password(service_url: str, user: str, password: str) -> None:
    """Keep `password` for `user` at the database `service_url` (its own password, if any, is ignored)."""
    if not user:
        raise ValidationError("Hub user is empty: a password is kept per user, so name the user first.")
    _ensure_backend()
    try:
        keyring.set_password(service_name(service_url), user, password)
    except keyring.errors.KeyringError as exc:
        raise ValidationError(
            f"Hub password could not be saved: the OS keyring refused ({type(exc).__name__})."
        ) from None


def password_for(service_url: str, user: str) -> str | None:
    _ensure_backend()
    try:
        return keyring.get_password(service_name(service_url), user)
    except keyring.errors.KeyringError as exc:
        raise ValidationError(
            f"Hub password could not be read: the OS keyring refused ({type(exc).__name__})."
        ) from None


def forget_password(service_url: str, user: str) -> None:
    _ensure_backend()
    try:
        keyring.delete_password(service_name(service_url), user)
    except keyring.errors.PasswordDeleteError:
        pass


def url_with_password(url: str) -> str:
    """`url` with the keyring's password for its user filled in (unchanged if none is kept).

    The result must only be handed to a database driver, never shown or logged.
    """
    parts = urlsplit((url or "").strip())
    if not parts.scheme.startswith("postgres") or parts.password is not None or not parts.username:
        return url
    password = password_for(url, unquote(parts.username))
    if password is None:
        return url
    return urlunsplit(parts._replace(netloc=_netloc(parts, quote(password, safe=""))))


def url_without_password(url: str) -> str:
    """What may be saved in settings: the URL with its password removed."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=_netloc(parts, None)))


def _netloc(parts, password: str | None) -> str:
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if parts.port:
        host += f":{parts.port}"
    user = parts.username or ""
    if password is not None:
        user += f":{password}"
    return f"{user}@{host}" if user else host

"""Turning domain values into JSON for scripts, and opening services for a command."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from warroom.domain.clock import iso_utc

if TYPE_CHECKING:
    from argparse import Namespace

    from warroom.app import Services


def jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(message: str) -> None:
    """Messages for people go to stderr so stdout stays clean for scripts."""
    print(message, file=sys.stderr)


def open_services(args: Namespace) -> Services:
    from warroom.app import build_services

    return build_services(args.db, user_name=args.user, create=getattr(args, "create", False))


def parse_instant(text: str | None, what: str = "--at") -> datetime | None:
    if text is None:
        return None
    from warroom.domain.clock import parse_iso
    from warroom.domain.errors import ValidationError

    try:
        return parse_iso(text)
    except ValueError as exc:
        raise ValidationError(
            f"{what} {text!r} is not an ISO 8601 instant with an offset, e.g. 2013-12-24T10:00+01:00 ({exc})."
        ) from None

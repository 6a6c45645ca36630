"""Senders for status-update channels: Slack, Teams Workflows, Statuspage, signed webhooks, SMTP.

`send(out)` makes one attempt and reports what happened; retries, backoff and the outbox
live in services/comms. `preview(out)` shows what a channel will receive.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from warroom.integrations.channels import email, slack, statuspage, teams, webhook
from warroom.integrations.channels.base import Outcome, Outgoing, Result, SetupError

_SENDERS: dict[str, Callable[[Outgoing], Outcome]] = {
    "slack": slack.send,
    "teams": teams.send,
    "statuspage": statuspage.send,
    "webhook": webhook.send,
    "email": email.send,
}


def send(out: Outgoing) -> Outcome:
    try:
        return _SENDERS[out.kind](out)
    except SetupError as exc:
        return Outcome(Result.FINAL, str(exc))


def preview(out: Outgoing) -> str:
    """What the channel will receive, as text a person can check before sending."""
    if out.kind == "email":
        return email.build_message(out).as_string()
    payloads = {"slack": slack.payload, "teams": teams.payload, "statuspage": statuspage.payload}
    body = payloads.get(out.kind, webhook.payload)(out)
    return json.dumps(body, ensure_ascii=False, indent=2)


__all__ = ["Outcome", "Outgoing", "Result", "SetupError", "preview", "send"]

"""Senders for status-update channels: Slack, Teams Workflows, Statuspage, signed webhooks, SMTP.

`send(out)` makes one attempt and reports what happened; retries, backoff and the outbox
live in services/comms. `preview(out)` shows what a channel will receive.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

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
    """What the channel will show, as plain text, then exactly what it will receive."""
    if out.kind == "email":
        return email.build_message(out).as_string()
    payloads = {"slack": slack.payload, "teams": teams.payload, "statuspage": statuspage.payload}
    body = payloads.get(out.kind, webhook.payload)(out)
    shown = _as_shown(out.kind, body)
    raw = json.dumps(body, ensure_ascii=False, indent=2)
    return f"{shown}\n\n──── what is sent ────\n{raw}" if shown else raw


def _as_shown(kind: str, body: dict[str, Any]) -> str:
    if kind == "slack":
        lines = []
        for block in body["blocks"]:
            if block["type"] == "context":
                lines.append("  " + " ".join(e["text"] for e in block["elements"]))
            else:
                lines.append(block["text"]["text"])
        return "\n\n".join(lines)
    if kind == "teams":
        card = body["attachments"][0]["content"]
        return "\n\n".join(b["text"] for b in card["body"])
    if kind == "statuspage":
        inc = body["incident"]
        components = ", ".join(f"{cid}: {state}" for cid, state in inc["components"].items()) or "none"
        return f"{inc['name']}\n[{inc['status']}]  components: {components}\n\n{inc['body']}"
    return ""


__all__ = ["Outcome", "Outgoing", "Result", "SetupError", "preview", "send"]

"""Microsoft Teams through a Workflows "post to a channel when a webhook request is received" URL.

The Office 365 connectors are retired; a Workflow takes an Adaptive Card in a message envelope.
"""

from __future__ import annotations

from typing import Any

from warroom.integrations.channels.base import Outcome, Outgoing, json_body, post, require_secret
from warroom.integrations.channels.markdown import first_heading, to_plain, without_first_heading
from warroom.integrations.channels.slack import context_line

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def card(out: Outgoing) -> dict[str, Any]:
    title = first_heading(out.text) or f"{out.reference}: {out.title}"
    body_text = without_first_heading(out.text) if first_heading(out.text) else out.text
    blocks: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": to_plain(title), "size": "Large", "weight": "Bolder", "wrap": True}
    ]
    for paragraph in (p.strip() for p in body_text.split("\n\n")):
        if paragraph:
            blocks.append({"type": "TextBlock", "text": paragraph, "wrap": True})
    blocks.append({"type": "TextBlock", "text": context_line(out), "isSubtle": True, "size": "Small", "wrap": True})
    return {"$schema": CARD_SCHEMA, "type": "AdaptiveCard", "version": "1.4", "body": blocks}


def payload(out: Outgoing) -> dict[str, Any]:
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card(out)}
        ],
    }


def send(out: Outgoing) -> Outcome:
    url = require_secret(out.secrets, "url", "Teams")
    outcome, _ = post(
        "POST", url, idempotent=False, body=json_body(payload(out)), headers={"Content-Type": "application/json"}
    )
    return outcome

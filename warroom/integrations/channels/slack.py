"""Slack incoming webhooks: header, mrkdwn sections (split at 3000 chars), context."""

from __future__ import annotations

from typing import Any

from warroom.integrations.channels.base import Outcome, Outgoing, Result, json_body, post, require_secret
from warroom.integrations.channels.markdown import (
    first_heading,
    split_chunks,
    to_plain,
    to_slack_mrkdwn,
    truncate,
    without_first_heading,
)

HEADER_LIMIT = 150
SECTION_LIMIT = 3000
TEXT_FALLBACK_LIMIT = 3000


def context_line(out: Outgoing) -> str:
    line = f"{out.reference} · {out.severity} · {out.status} · {out.audience} update"
    if out.next_update_at is not None:
        line += f" · next update {out.next_update_at:%H:%M} UTC"
    return line


def payload(out: Outgoing) -> dict[str, Any]:
    title = first_heading(out.text) or f"{out.reference}: {out.title}"
    body = to_slack_mrkdwn(without_first_heading(out.text) if first_heading(out.text) else out.text)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(to_plain(title), HEADER_LIMIT)}}
    ]
    for chunk in split_chunks(body, SECTION_LIMIT):
        if chunk.strip():
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": to_slack_mrkdwn(context_line(out))}]})
    fallback = truncate(f"{to_plain(title)}\n{to_plain(out.text)}", TEXT_FALLBACK_LIMIT)
    return {"text": fallback, "blocks": blocks}


def send(out: Outgoing) -> Outcome:
    url = require_secret(out.secrets, "url", "Slack")
    outcome, response = post(
        "POST", url, idempotent=False, body=json_body(payload(out)), headers={"Content-Type": "application/json"}
    )
    if outcome.result is Result.SENT and response is not None and response.text.strip() not in ("ok", ""):
        return Outcome(Result.FINAL, f"Slack answered {response.text.strip()[:200]!r} instead of ok")
    return outcome

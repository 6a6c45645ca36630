"""Atlassian Statuspage: the first public update opens the page incident, later ones update it.

Every incident Warroom opens carries a metadata marker (our incident id), so a retry after a
timeout finds the incident it may already have made instead of making a second one.
"""

from __future__ import annotations

import json
from typing import Any

import requests

from warroom.integrations.channels.base import Outcome, Outgoing, Result, json_body, post, require_secret
from warroom.integrations.channels.markdown import to_plain

DEFAULT_BASE_URL = "https://api.statuspage.io"
STATUS_MAP = {
    "investigating": "investigating",
    "identified": "identified",
    "monitoring": "monitoring",
    "resolved": "resolved",
    "closed": "resolved",
}
COMPONENT_STATES = ("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance")
MARKER = "warroom"


def _base(out: Outgoing) -> str:
    base = str(out.config.get("base_url") or DEFAULT_BASE_URL).rstrip("/")
    return f"{base}/v1/pages/{out.config['page_id']}/incidents"


def _headers(out: Outgoing) -> dict[str, str]:
    key = require_secret(out.secrets, "api_key", "Statuspage")
    return {"Authorization": f"OAuth {key}", "Content-Type": "application/json"}


def components(out: Outgoing) -> dict[str, str]:
    """The channel's affected components, all back to operational once the incident is resolved."""
    mapping = dict(out.config.get("components") or {})
    if STATUS_MAP.get(out.status) == "resolved":
        return {cid: "operational" for cid in mapping}
    return {str(cid): str(state) for cid, state in mapping.items()}


def payload(out: Outgoing) -> dict[str, Any]:
    affected = components(out)
    incident: dict[str, Any] = {
        "name": out.title,
        "status": STATUS_MAP.get(out.status, "investigating"),
        "body": to_plain(out.text),
        "components": affected,
        "component_ids": sorted(affected),
        "metadata": {MARKER: {"incident_id": out.incident_id}},
    }
    return {"incident": incident}


def find_marked(out: Outgoing) -> str:
    """The page incident an earlier, unanswered attempt made for this incident ("" if none)."""
    try:
        response = requests.get(f"{_base(out)}/unresolved", headers=_headers(out), timeout=(5.0, 15.0))
    except requests.exceptions.RequestException:
        return ""
    if response.status_code != 200:
        return ""
    try:
        listed = response.json()
    except json.JSONDecodeError:
        return ""
    for item in listed if isinstance(listed, list) else []:
        marker = (item.get("metadata") or {}).get(MARKER) or {}
        if marker.get("incident_id") == out.incident_id:
            return str(item.get("id", ""))
    return ""


def send(out: Outgoing) -> Outcome:
    if not out.config.get("page_id"):
        return Outcome(Result.FINAL, "The Statuspage channel has no page id.")
    headers = _headers(out)
    remote = out.remote_id or (find_marked(out) if out.attempt > 1 else "")
    body = json_body(payload(out))
    if remote:
        outcome, response = post("PATCH", f"{_base(out)}/{remote}", idempotent=True, body=body, headers=headers)
    else:
        outcome, response = post("POST", _base(out), idempotent=True, body=body, headers=headers)
    if outcome.result is not Result.SENT:
        return outcome
    made = remote
    if response is not None and not made:
        try:
            made = str(response.json().get("id", ""))
        except (json.JSONDecodeError, AttributeError):
            made = ""
    return Outcome(Result.SENT, remote_id=made)


def check_access(out: Outgoing) -> Outcome:
    """A test that changes nothing: list the page's open incidents with the key."""
    if not out.config.get("page_id"):
        return Outcome(Result.FINAL, "The Statuspage channel has no page id.")
    outcome, _ = post("GET", f"{_base(out)}/unresolved", idempotent=True, body=b"", headers=_headers(out))
    return outcome

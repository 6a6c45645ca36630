"""Each channel's request, captured by a real local HTTP or SMTP server."""

import base64
import hashlib
import hmac

from tests.comms_servers import Reply, free_port
from tests.unit.integrations.channels.conftest import outgoing
from warroom.integrations.channels import Result, preview, send
from warroom.integrations.channels.slack import HEADER_LIMIT, SECTION_LIMIT


def test_slack_sends_header_sections_and_context_as_blocks(http_server):
    outcome = send(outgoing("slack", secrets={"url": http_server.url("/services/T/B/x")}))
    assert outcome.result is Result.SENT
    [req] = http_server.requests
    assert req.path == "/services/T/B/x" and req.headers["Content-Type"] == "application/json"
    body = req.json()
    assert [b["type"] for b in body["blocks"]] == ["header", "section", "context"]
    assert body["blocks"][0]["text"] == {"type": "plain_text", "text": "Apotek API down"}
    assert body["blocks"][1]["text"]["type"] == "mrkdwn"
    assert "*Impact:* orders with å, ä, ö" in body["blocks"][1]["text"]["text"]
    assert "INC-7 · SEV1 · investigating" in body["blocks"][2]["elements"][0]["text"]
    assert body["text"].startswith("Apotek API down")


def test_slack_long_text_is_split_and_header_truncated(http_server):
    long_title = "# " + "T" * 400
    text = long_title + "\n\n" + "\n".join(f"line {i:04d} {'x' * 90}" for i in range(100))
    send(outgoing("slack", text=text, secrets={"url": http_server.url()}))
    blocks = http_server.requests[0].json()["blocks"]
    assert len(blocks[0]["text"]["text"]) == HEADER_LIMIT
    sections = [b for b in blocks if b["type"] == "section"]
    assert len(sections) >= 4 and all(len(s["text"]["text"]) <= SECTION_LIMIT for s in sections)
    assert "line 0099" in sections[-1]["text"]["text"]


def test_slack_final_and_retry_answers(http_server):
    out = outgoing("slack", secrets={"url": http_server.url()})
    http_server.replies.append(Reply(429, "rate_limited", {"Retry-After": "2"}))
    first = send(out)
    assert first.result is Result.RETRY and first.retry_after == 2.0
    for code in (400, 403, 404, 410):
        http_server.replies.append(Reply(code, "no_service"))
        outcome = send(out)
        assert outcome.result is Result.FINAL and f"HTTP {code}" in outcome.error
        assert "/hook" not in outcome.error  # the URL is the secret
    http_server.replies.append(Reply(500, "oops"))
    assert send(out).result is Result.RETRY


def test_slack_read_timeout_is_unknown_but_webhook_retries(http_server, monkeypatch):
    from warroom.integrations.channels import base

    monkeypatch.setattr(base, "TIMEOUT", (2.0, 0.3))
    http_server.replies.append(Reply(200, "ok", delay=1.0))
    assert send(outgoing("slack", secrets={"url": http_server.url()})).result is Result.UNKNOWN
    http_server.replies.append(Reply(200, "ok", delay=1.0))
    hook = outgoing("webhook", secrets={"url": http_server.url(), "signing_secret": "s3cret"})
    assert send(hook).result is Result.RETRY


def test_server_down_is_retry_and_missing_secret_is_final():
    dead = f"http://127.0.0.1:{free_port()}/hook"
    assert send(outgoing("teams", secrets={"url": dead})).result is Result.RETRY
    outcome = send(outgoing("teams"))
    assert outcome.result is Result.FINAL and "not set up on this laptop" in outcome.error


def test_teams_posts_an_adaptive_card_in_a_message(http_server):
    http_server.default = Reply(202, "")
    assert send(outgoing("teams", secrets={"url": http_server.url()})).result is Result.SENT
    body = http_server.requests[0].json()
    assert body["type"] == "message"
    [att] = body["attachments"]
    assert att["contentType"] == "application/vnd.microsoft.card.adaptive" and att["contentUrl"] is None
    card = att["content"]
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert all(b["type"] == "TextBlock" and b["wrap"] is True for b in card["body"])
    assert card["body"][0]["text"] == "Apotek API down"


def test_webhook_is_signed_as_standard_webhooks_says(http_server):
    secret_bytes = b"0123456789abcdef0123456789abcdef"
    secret = "whsec_" + base64.b64encode(secret_bytes).decode()
    out = outgoing("webhook", secrets={"url": http_server.url(), "signing_secret": secret})
    assert send(out).result is Result.SENT
    assert send(out).result is Result.SENT  # a retry carries the same id
    first, second = http_server.requests
    h = first.headers
    assert h["webhook-id"] == out.delivery_id == second.headers["webhook-id"] == h["Idempotency-Key"]
    signed = f"{h['webhook-id']}.{h['webhook-timestamp']}.".encode() + first.body
    expected = base64.b64encode(hmac.new(secret_bytes, signed, hashlib.sha256).digest()).decode()
    assert h["webhook-signature"] == f"v1,{expected}"
    body = first.json()
    assert body["audience"] == "customers" and body["incident"]["reference"] == "INC-7"
    assert "å, ä, ö" in body["update"]["text"]


def test_statuspage_creates_then_updates_with_oauth_and_components(http_server):
    http_server.default = Reply(201, '{"id": "pg-inc-1"}')
    config = {
        "page_id": "p4g3",
        "base_url": http_server.url(""),
        "components": {"cmp1": "major_outage", "cmp2": "degraded_performance"},
    }
    first = send(outgoing("statuspage", config=config, secrets={"api_key": "k3y"}))
    assert first.result is Result.SENT and first.remote_id == "pg-inc-1"
    req = http_server.requests[0]
    assert (req.method, req.path) == ("POST", "/v1/pages/p4g3/incidents")
    assert req.headers["Authorization"] == "OAuth k3y"
    inc = req.json()["incident"]
    assert inc["status"] == "investigating"
    assert inc["components"] == {"cmp1": "major_outage", "cmp2": "degraded_performance"}
    assert inc["metadata"]["warroom"]["incident_id"] == "0190a1b2-0000-7000-8000-000000000001"
    http_server.default = Reply(200, '{"id": "pg-inc-1"}')
    send(outgoing("statuspage", config=config, secrets={"api_key": "k3y"}, remote_id="pg-inc-1", status="resolved"))
    patch = http_server.requests[1]
    assert (patch.method, patch.path) == ("PATCH", "/v1/pages/p4g3/incidents/pg-inc-1")
    assert patch.json()["incident"]["status"] == "resolved"
    assert set(patch.json()["incident"]["components"].values()) == {"operational"}


def test_statuspage_retry_finds_the_incident_an_unanswered_attempt_made(http_server):
    marker = '[{"id": "pg-9", "metadata": {"warroom": {"incident_id": "0190a1b2-0000-7000-8000-000000000001"}}}]'
    http_server.responder = lambda req: Reply(200, marker) if req.method == "GET" else Reply(200, '{"id": "pg-9"}')
    config = {"page_id": "p", "base_url": http_server.url("")}
    outcome = send(outgoing("statuspage", config=config, secrets={"api_key": "k"}, attempt=2))
    assert outcome.result is Result.SENT and outcome.remote_id == "pg-9"
    assert [(r.method, r.path) for r in http_server.requests] == [
        ("GET", "/v1/pages/p/incidents/unresolved"),
        ("PATCH", "/v1/pages/p/incidents/pg-9"),
    ]


def test_email_threads_an_incidents_updates(smtp_server):
    config = {"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "security": "none", "to": ["ops@example.se"]}
    earlier = ("0190a1b2-0000-7000-8000-0000000000a1", "0190a1b2-0000-7000-8000-0000000000a2")
    out = outgoing("email", config=config, thread=earlier, recipients=("noc@vendor.example",))
    assert send(out).result is Result.SENT
    [msg] = smtp_server.messages
    assert msg["Message-ID"] == f"<{out.delivery_id}@warroom.invalid>"
    assert msg["In-Reply-To"] == f"<{earlier[-1]}@warroom.invalid>"
    assert msg["References"].split() == [f"<{e}@warroom.invalid>" for e in earlier]
    assert "INC-7" in msg["Subject"]
    assert sorted(smtp_server.envelopes[0][1]) == ["noc@vendor.example", "ops@example.se"]
    assert "å, ä, ö" in msg.get_payload(decode=True).decode("utf-8")


def test_email_to_a_dead_server_is_retried():
    config = {"smtp_host": "127.0.0.1", "smtp_port": free_port(), "security": "none", "to": ["a@b.se"]}
    assert send(outgoing("email", config=config)).result is Result.RETRY


def test_preview_shows_the_body_without_secrets():
    text = preview(outgoing("slack", secrets={"url": "https://hooks.slack.com/services/SECRET"}))
    assert '"blocks"' in text and "SECRET" not in text
    assert text.startswith("Apotek API down\n\n*Impact:* orders with å, ä, ö")
    page = preview(outgoing("statuspage", config={"page_id": "p", "components": {"c1": "major_outage"}}))
    assert page.startswith("Apotek API rejects non-ASCII names\n[investigating]  components: c1: major_outage")
    assert "Message-ID" in preview(outgoing("email", config={"to": ["a@b.se"]}))

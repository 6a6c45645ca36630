"""The scrubber hides real secret shapes and never rewrites ordinary incident prose."""

from __future__ import annotations

import pytest

from warroom.domain.scrub import scrub_secrets

ORDINARY = [
    "Ran basic troubleshooting on the edge routers.",
    "Bearer instruments reported the delay first.",
    "Token ring segment in the old building is out of scope.",
    "Password reset requested by the user at 09:14.",
    "password: reset by the vendor",
    "The secret to the fix was a second deploy.",
    "Basic auth was turned off on the status page.",
    "API key rotation is scheduled for Friday.",
    "Tokens were re-issued by the identity team.",
    "The user pasted the token into the ticket, we asked them to rotate it.",
    "Bearer of bad news: the vendor is closed until 3 Jan.",
    "Risk-assessment done by Åsa Bergström.",
    "Task-force formed with Kronan Datacenter AB.",
    "https://status.example/incidents/7 shows degraded performance.",
    "See https://tracker.example/NET-12?status=open&sort=asc",
    "Basic checks passed; escalating to level 2.",
    "Opened ticket 4471 with Integra; awaiting a callback.",
    "Firewall layer cut the package in half at 23:10 CET.",
    "Rollback of release 2013.12.23 started.",
    "Database migration locked table orders for 14 minutes.",
    "The pharmacy API broke on non-ASCII drug names like Paracétamol.",
    "Phone was in bedtime mode; three calls missed.",
    "Revert did not help: the fault was two deployments back.",
    "Vendor said the password policy changed last week.",
    "Passwords are stored in the OS keyring, not the settings file.",
    "secret santa was postponed because of the outage",
    "Token bucket rate limiter dropped 3% of requests.",
    "The key = value pairs in the config looked fine.",
    "sk-ills matrix updated for the on-call rota.",
    "We asked for a basic SLA report from the vendor.",
    "Bearer token auth is used by the API gateway (no token pasted here).",
    "Access key policy reviewed by security.",
    "pwd showed /srv/app on the jump host.",
    "Ran `ls -la` and `pwd` to confirm the path.",
    "mailto:noc@nordvik.example was paged.",
    "tel:+46812345678 called twice with no answer.",
    "Stockholm office closed 24-26 Dec; Göran on leave.",
    "東京 data centre unaffected.",
    "CPU at 97% on db-3; connection pool exhausted.",
    "Action: rotate the webhook secret after the incident.",
    "GitHub Actions deploy pipeline paused.",
    "Slack channel #inc-7 created for responders.",
    "Discord is not used for incident communication.",
    "The Teams webhook was added to the channel list.",
    "Ticket number INC-0042 from the vendor portal.",
    "Used basic64 encoding? No — base64, which is not encryption.",
    "Token expiry set to 15 minutes by the identity provider.",
    "Password manager vault unlocked by the duty manager.",
    "Secret management moved to the vault last quarter.",
    "Bearer-token support was added in version 4.2.",
    "The credential: see the keyring on the IC laptop.",
    "Mikael said: basic connectivity restored at 11:02.",
]

SECRETS = [
    ("hub is postgresql://warroom:Hunter2!@db.example:5432/wr", "Hunter2!"),
    ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig123'", "eyJzdWIiOiIxIn0"),
    ("Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ("Authorization: Basic d2Fycm9vbTpodW50ZXIy", "d2Fycm9vbTpodW50ZXIy"),
    ("posted to https://hooks.slack.com/services/T0001/B0002/abcdefSECRET", "abcdefSECRET"),
    ("https://chat.example/hook?token=s3cr3tvalue&room=7", "s3cr3tvalue"),
    ("https://chat.example/hook?room=7&sig=Zm9vYmFy", "Zm9vYmFy"),
    ("dsn: host=db user=wr password=correcthorse", "correcthorse"),
    ("slack bot xoxb-123456789012-abcdefghijkl", "abcdefghijkl"),
    ("gh token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz0123456789"),
    ("glpat-aBcDeFgHiJkLmNoPqRsT", "aBcDeFgHiJkLmNoPqRsT"),
    ("key sk-proj-abc123def456ghi789jkl012", "abc123def456ghi789jkl012"),
    ("token=Q2hhbmdlTWVQbGVhc2UxMjM0", "Q2hhbmdlTWVQbGVhc2UxMjM0"),
    ("api_key: 8d7f6e5a4b3c2d1e0f9a8b7c", "8d7f6e5a4b3c2d1e0f9a8b7c"),
    ("https://discord.com/api/webhooks/123/abcDEF", "abcDEF"),
    ("https://contoso.webhook.office.com/webhookb2/xyz@abc/IncomingWebhook/123", "IncomingWebhook"),
]


def test_the_corpus_is_large_enough():
    assert len(ORDINARY) >= 50


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_sentences_pass_unchanged(sentence):
    assert scrub_secrets(sentence) == sentence


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_real_secrets_are_masked_and_the_mask_is_stable(text, secret):
    scrubbed = scrub_secrets(text)
    assert secret not in scrubbed and "***" in scrubbed
    assert scrub_secrets(scrubbed) == scrubbed


def test_the_shape_around_a_masked_password_is_kept():
    assert scrub_secrets("postgresql://user:pass@host/db") == "postgresql://user:***@host/db"
    assert scrub_secrets("see https://x.example/a?token=abc123&page=2") == "see https://x.example/a?token=***&page=2"

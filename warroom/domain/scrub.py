"""Masking secrets in free text before it leaves the app in an export.

Passwords, tokens and webhook URLs live in the OS keyring, but people paste
them into notes during an incident; the postmortem (Markdown, HTML, PDF) runs
every free text through `scrub_secrets` so such a paste never reaches a
document. The JSON archive is the backup and is exact unless asked to redact.

Choices a reader should know: only real secret *shapes* are masked, never
ordinary words. "Bearer instruments", "basic troubleshooting", "token ring"
and "password reset requested by the user" pass unchanged. What is masked:
- a password in a URL (scheme://user:***@host);
- query parameters named like secrets in a URL (?token=***);
- webhook URLs of Slack, Discord and Microsoft Teams (the path is the secret);
- known token formats: Slack xox?-, GitHub gh?_, GitLab glpat-, sk- keys, JWTs;
- `Bearer`/`Basic` followed by a credential-looking value (long, with a digit
  or base64 padding);
- `password=`, `pwd=` with no space before the value (a DSN or settings line),
  and `token=`, `secret=`, `api_key=` followed by 16+ token-like characters.
"""

from __future__ import annotations

import re

MASK = "***"

_URL_END = r"[^\s\"'<>)\]]+"
# a credential-looking word: long, and with a digit or base64 padding, so "instruments" is not one
_CREDENTIAL = r"(?=[A-Za-z0-9\-._~+/]*[0-9=])[A-Za-z0-9\-._~+/]{12,}=*"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # scheme://user:password@host -> scheme://user:***@host
    (re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]*:)(?!\*\*\*@)[^\s/@]+(@)"), r"\1***\2"),
    (re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+"), MASK),
    (re.compile(r"(?i)\b(bearer|basic)(\s+)(?!\*\*\*)" + _CREDENTIAL), r"\1\2***"),
    (re.compile(r"(?i)(hooks\.slack\.com/(?:services|workflows|triggers)/)(?!\*\*\*)" + _URL_END), r"\1***"),
    (re.compile(r"(?i)(discord(?:app)?\.com/api/webhooks/)(?!\*\*\*)" + _URL_END), r"\1***"),
    (re.compile(r"(?i)(\.webhook\.office\.com/)(?!\*\*\*)" + _URL_END), r"\1***"),
    # ?token=... in a URL: the parameter name says what it is
    (
        re.compile(
            r"(?i)(://[^\s?#]*\?(?:[^\s#]*[&;])?(?:access_token|api[_-]?key|apikey|auth|code|key|password|passwd"
            r"|pwd|secret|sig|signature|token)=)(?!\*\*\*)[^\s&#\"'<>]+"
        ),
        r"\1***",
    ),
    # password=correcthorse in a DSN keyword string or a settings line
    (re.compile(r"(?i)\b(password|passwd|pwd)(=)(?!\*\*\*)[^\s,;&\"'<>]{4,}"), r"\1\2***"),
    # token=..., secret: ... followed by a token-like value of 16+ characters
    (
        re.compile(
            r"(?i)\b(password|passwd|secret|api[_-]?key|token|access[_-]?key)(\s*[=:]\s*)(?!\*\*\*)"
            r"[A-Za-z0-9\-._~+/=!@#$%^*]{16,}"
        ),
        r"\1\2***",
    ),
    # well-known token shapes: Slack, GitHub, GitLab, OpenAI-style keys
    (re.compile(r"\b(xox[abposr]-)(?!\*\*\*)[A-Za-z0-9\-]{8,}"), r"\1***"),
    (re.compile(r"\b(gh[pousr]_|github_pat_|glpat-)(?!\*\*\*)[A-Za-z0-9_\-]{16,}"), r"\1***"),
    (re.compile(r"\b(sk-(?:proj-|live-|test-)?)(?!\*\*\*)(?=[A-Za-z0-9_\-]*[0-9])[A-Za-z0-9_\-]{20,}"), r"\1***"),
)


# every pattern above needs one of these; most text has none, and is passed through fast
_MAYBE_SECRET = re.compile(
    r"(?i)://|eyJ|bearer|basic|passw|pwd|secret|api[_-]?key|token|access[_-]?key|xox[abposr]-|gh[pousr]_"
    r"|github_pat_|glpat-|sk-"
)


def scrub_secrets(text: str) -> str:
    """Mask what has the shape of a password, token or secret webhook URL; idempotent."""
    if not text or not _MAYBE_SECRET.search(text):
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text

"""Masking secrets in free text before it leaves the app in an export.

Passwords, tokens and webhook URLs live in the OS keyring, but people paste
them into notes during an incident; exports run every free text through
`scrub_secrets` so such a paste never reaches a document or an archive.
"""

from __future__ import annotations

import re

MASK = "***"

_URL_END = r"[^\s\"'<>)\]]+"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # scheme://user:password@host -> scheme://user:***@host
    (re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]*:)[^\s/]+(@)"), r"\1***\2"),
    (re.compile(r"(?i)\b(bearer|basic)(\s+)(?!\*\*\*)[A-Za-z0-9\-._~+/]{8,}=*"), r"\1\2***"),
    (re.compile(r"(?i)(hooks\.slack\.com/(?:services|workflows|triggers)/)" + _URL_END), r"\1***"),
    (re.compile(r"(?i)(discord(?:app)?\.com/api/webhooks/)" + _URL_END), r"\1***"),
    (re.compile(r"(?i)(\.webhook\.office\.com/)" + _URL_END), r"\1***"),
    (
        re.compile(
            r"(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|code|key|password|passwd|pwd"
            r"|secret|sig|signature|token)=)[^\s&#\"'<>]+"
        ),
        r"\1***",
    ),
    # "password=secret" in settings or DSN keyword strings
    (
        re.compile(r"(?i)\b(password|passwd|pwd|secret|api[_-]?key|token)(\s*=\s*)(?!\*\*\*)[^\s,;&\"'<>]+"),
        r"\1\2***",
    ),
    # "password: hunter22" but not prose such as "password: reset by the vendor"
    (
        re.compile(r"(?i)\b(password|passwd|pwd|secret|api[_-]?key|token)(:\s*)(?=\S*\d)(?!\*\*\*)[^\s,;&\"'<>]{6,}"),
        r"\1\2***",
    ),
    # well-known token shapes: Slack, GitHub, GitLab, OpenAI-style keys
    (re.compile(r"\b(xox[abposr]-|gh[pousr]_|glpat-|sk-)(?!\*\*\*)[A-Za-z0-9\-_]{8,}"), r"\1***"),
)


# every pattern above needs one of these; most text has none, and is passed through fast
_MAYBE_SECRET = re.compile(
    r"(?i)://|bearer|basic|hooks\.slack|discord|webhook\.office|[?&;][a-z_\-]+=|passw|pwd|secret|api[_-]?key"
    r"|token|xox[abposr]-|gh[pousr]_|glpat-|sk-"
)


def scrub_secrets(text: str) -> str:
    """Mask what looks like a password, token or secret webhook URL; idempotent."""
    if not text or not _MAYBE_SECRET.search(text):
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text

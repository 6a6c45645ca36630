"""E-mail over SMTP (STARTTLS, TLS or plain, optional login): one message per update.

The Message-ID is made from the delivery id, and In-Reply-To/References name the earlier
updates of the same incident on the same channel, so mail clients thread them.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from warroom.integrations.channels.base import Outcome, Outgoing, Result
from warroom.integrations.channels.markdown import to_plain

MESSAGE_DOMAIN = "warroom.invalid"
SMTP_TIMEOUT = 20.0


def message_id(delivery_id: str) -> str:
    return f"<{delivery_id}@{MESSAGE_DOMAIN}>"


def recipients(out: Outgoing) -> list[str]:
    listed = [a.strip() for a in out.config.get("to") or [] if str(a).strip()]
    return sorted(set(listed) | set(out.recipients))


def build_message(out: Outgoing) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"[{out.reference}] {out.title}: {out.audience} update"
    msg["From"] = str(out.config.get("from_addr") or "warroom@localhost")
    msg["To"] = ", ".join(recipients(out))
    msg["Date"] = formatdate(out.created_at.timestamp(), usegmt=True)
    msg["Message-ID"] = message_id(out.delivery_id)
    if out.thread:
        msg["In-Reply-To"] = message_id(out.thread[-1])
        msg["References"] = " ".join(message_id(d) for d in out.thread)
    msg.set_content(to_plain(out.text))
    return msg


def _connect(out: Outgoing) -> smtplib.SMTP:
    host = str(out.config.get("smtp_host") or "")
    security = str(out.config.get("security") or "starttls")
    port = int(out.config.get("smtp_port") or (465 if security == "tls" else 587))
    context = ssl.create_default_context()
    if security == "tls":
        return smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT, context=context)
    client = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
    if security == "starttls":
        client.starttls(context=context)
    return client


def send(out: Outgoing) -> Outcome:
    if not out.config.get("smtp_host"):
        return Outcome(Result.FINAL, "The e-mail channel has no SMTP host.")
    if not recipients(out):
        return Outcome(Result.FINAL, "Nobody to send to: the channel lists no address and no vendor is engaged.")
    msg = build_message(out)
    try:
        client = _connect(out)
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome(Result.RETRY, f"could not reach the SMTP server ({type(exc).__name__})")
    try:
        with client:
            user = str(out.config.get("username") or "")
            if user:
                client.login(user, out.secrets.get("password", ""))
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError:
        return Outcome(Result.FINAL, "The SMTP server refused the login: check the user and password.")
    except smtplib.SMTPRecipientsRefused:
        return Outcome(Result.FINAL, "The SMTP server refused every recipient.")
    except smtplib.SMTPResponseException as exc:
        reason = f"SMTP {exc.smtp_code}"
        return Outcome(Result.RETRY if 400 <= exc.smtp_code < 500 else Result.FINAL, reason)
    except (TimeoutError, smtplib.SMTPServerDisconnected):
        return Outcome(Result.UNKNOWN, "the SMTP server stopped answering: the message may have been sent")
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome(Result.RETRY, f"SMTP failed ({type(exc).__name__})")
    return Outcome(Result.SENT)

"""Every email the portal sends goes through a task, so no request waits on the mail server.

`QueuedEmailBackend` is the `EMAIL_BACKEND`: Wagtail's workflow notices, the
receipts and moderators' notices of shared practices, forwarded replication
requests and password resets all reach it as ordinary messages. It turns each
into plain data and enqueues `deliver_email`, which hands the message to the
real backend (`PORTAL_EMAIL_DELIVERY_BACKEND`: SMTP in production, the console
locally).

With the database task backend the task is written in the same transaction as
whatever caused the mail, so a rolled-back request sends nothing and a
committed one cannot lose its mail. A failed delivery is tried again later
with a growing delay, as long as the task backend can defer tasks; the last
failure is logged and left in the task's result.
"""

import base64
import email
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def retry_delays():
    """Waits before the 2nd, 3rd, … attempt (`PORTAL_MAIL_RETRY_DELAYS`, seconds)."""
    return [timedelta(seconds=seconds) for seconds in settings.PORTAL_MAIL_RETRY_DELAYS]


def message_data(message):
    """A message as JSON-safe data that `message_from_data` makes whole again."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment_data(attachment) for attachment in message.attachments],
    }


def _attachment_data(attachment):
    if not isinstance(attachment, tuple):
        # A MIME part built by hand: keep it as its text.
        return {"filename": None, "content": base64.b64encode(attachment.as_bytes()).decode(), "mimetype": None}
    filename, content, mimetype = attachment
    raw = content.encode() if isinstance(content, str) else content
    return {"filename": filename, "content": base64.b64encode(raw).decode(), "mimetype": mimetype}


def message_from_data(data, connection=None):
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from_email"], to=data["to"],
        cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"], headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        raw = base64.b64decode(attachment["content"])
        if attachment["filename"] is None:
            message.attach(_mime_part(raw))
        else:
            message.attach(attachment["filename"], raw, attachment["mimetype"])
    return message


def _mime_part(raw):
    parsed = email.message_from_bytes(raw)
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for name, value in parsed.items():
        if name.lower() not in ("content-type", "mime-version"):
            part[name] = value
    for name, value in parsed.get_params(header="content-type")[1:]:
        part.set_param(name, value)
    part.set_payload(parsed.get_payload())
    return part


def delivery_connection():
    return get_connection(settings.PORTAL_EMAIL_DELIVERY_BACKEND, fail_silently=False)


@task()
def deliver_email(data, attempt=1):
    """Send one message through the real backend; on failure, enqueue the next attempt."""
    try:
        message_from_data(data, connection=delivery_connection()).send()
    except Exception as error:
        _retry_or_give_up(data, attempt, error)
        raise
    return attempt


def _retry_or_give_up(data, attempt, error):
    subject, recipients = data["subject"], ", ".join(data["to"] + data["cc"] + data["bcc"])
    backend = deliver_email.get_backend()
    delays = retry_delays()
    if attempt > len(delays) or not backend.supports_defer:
        logger.error("Gave up sending «%s» to %s after %d attempts: %s", subject, recipients, attempt, error)
        return
    delay = delays[attempt - 1]
    deliver_email.using(run_after=timezone.now() + delay).enqueue(data, attempt + 1)
    logger.warning("Sending «%s» to %s failed (%s); trying again in %s", subject, recipients, error, delay)


class QueuedEmailBackend(BaseEmailBackend):
    """Enqueues every message for `deliver_email` instead of talking to a mail server."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_data(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue the email «%s»", message.subject)
                continue
            queued += 1
        return queued

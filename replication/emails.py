"""A replication request goes to the practice's contact and to the moderators."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import override

from submissions.emails import moderator_recipients

logger = logging.getLogger(__name__)


def _message(sent, language, recipients):
    context = {"request": sent, "practice_url": _practice_url(sent)}
    with override(language):
        subject = " ".join(render_to_string("replication/email/forward_subject.txt", context).split())
        body = render_to_string("replication/email/forward.txt", context).strip() + "\n"
    # Replies go straight to the municipality that asked.
    reply_to = [sent.contact_email] if sent.contact_email else None
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=reply_to)


def _practice_url(sent):
    if sent.practice is None:
        return ""
    return sent.practice.get_full_url() or sent.practice.url or ""


def forward_request(sent):
    """Send the request on; True if at least one email left. Failures are logged, not raised."""
    batches = []
    if sent.practice is not None and sent.practice.contact_email:
        batches.append((sent.practice.locale.language_code, [sent.practice.contact_email]))
    batches += list(moderator_recipients().items())
    delivered = False
    for language, recipients in batches:
        try:
            _message(sent, language, recipients).send()
            delivered = True
        except Exception:
            logger.exception("Could not forward replication request %s to %s.", sent.pk, recipients)
    return delivered

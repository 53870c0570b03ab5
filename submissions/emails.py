"""The two emails a shared practice sends: a receipt to the sender, a notice to the moderators.

Both go after the submission is committed, and a failure is logged, never
raised: the sender's work is already safe, and the moderators find the
draft in the admin even when the mail server is down.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override
from wagtail.users.models import UserProfile

from .conf import setting

logger = logging.getLogger(__name__)


def _render(name, context, language):
    with override(language):
        subject = render_to_string(f"submissions/email/{name}_subject.txt", context)
        body = render_to_string(f"submissions/email/{name}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def _send(subject, body, recipients, submission):
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except Exception:
        logger.exception("Could not send the email «%s» about %s.", subject, submission.reference)
        return False
    return True


def send_acknowledgment(submission):
    """Tell the sender their reference number, in the language they wrote in."""
    if not submission.contact_email:
        return False
    subject, body = _render("acknowledgment", {"submission": submission}, submission.language)
    return _send(subject, body, [submission.contact_email], submission)


def moderator_recipients():
    """{language: [email, ...]}: the moderators group's members, else SUBMISSIONS_NOTIFY_EMAILS."""
    recipients = {}
    group = Group.objects.filter(name=setting("SUBMISSIONS_MODERATOR_GROUP")).first()
    if group is not None:
        for user in group.user_set.filter(is_active=True).exclude(email="").order_by("pk"):
            language = UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
            recipients.setdefault(language, []).append(user.email)
    if not recipients and setting("SUBMISSIONS_NOTIFY_EMAILS"):
        recipients[settings.LANGUAGE_CODE] = list(setting("SUBMISSIONS_NOTIFY_EMAILS"))
    return recipients


def send_moderator_notice(submission):
    recipients = moderator_recipients()
    if not recipients:
        logger.warning("Nobody to tell about shared practice %s.", submission.reference)
        return False
    admin_url = ""
    if submission.page_id:
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailadmin_pages:edit", args=[submission.page_id]
        )
    context = {
        "submission": submission,
        "admin_url": admin_url,
        "photo_count": submission.files.filter(kind="photo").count(),
        "document_count": submission.files.filter(kind="document").count(),
        "in_moderation": bool(submission.page and submission.page.workflow_in_progress),
    }
    sent = True
    for language, emails in recipients.items():
        subject, body = _render("moderator_notice", context, language)
        sent = _send(subject, body, emails, submission) and sent
    return sent

"""Receiving a shared practice: keep it, make the draft page, then tell people.

The order matters. The submission and its files are saved first and on
their own, so nothing the sender typed is lost if the draft cannot be made.
Workflow and emails come only after the database has committed, as a task:
a slow or broken mail server then delays nobody's writes and undoes nothing.
"""

import logging
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django_tasks import task

from practices.models import PracticePage

from .drafts import create_draft_practice
from .emails import send_acknowledgment, send_moderator_notice
from .models import PendingUpload, PracticeSubmission, SubmissionFile

logger = logging.getLogger(__name__)

SUBMISSION_FIELDS = (
    "title",
    "municipality",
    "problem",
    "what_was_done",
    "results",
    "cost_amount",
    "funding",
    "partners",
    "contact_name",
    "contact_role",
    "contact_phone",
    "contact_email",
    "contact_consent",
)


@contextmanager
def _readable(content):
    if isinstance(content, FieldFile):
        with content.open("rb") as handle:
            yield handle
    else:
        content.seek(0)
        yield content


def _save_files(submission, attachments):
    for checked, content in attachments:
        record = SubmissionFile(
            submission=submission,
            kind=checked.kind,
            original_name=checked.original_name[:255],
            extension=checked.extension,
            size=checked.size,
        )
        with _readable(content) as handle:
            record.file.save(f"upload.{checked.extension}", handle, save=True)


def _draft_or_none(submission):
    # Whatever goes wrong while building the page, the submission is already
    # saved and the moderators still hear of it; they can make the page by hand.
    try:
        with transaction.atomic():
            return create_draft_practice(submission)
    except Exception:
        logger.exception("Could not create a draft practice for %s.", submission.reference)
        return None


def receive_submission(form, *, language, client_hash="", assisted_by=None):
    """Save the valid `form` as a PracticeSubmission with its files and a draft page; return it.

    `assisted_by` is the editor or moderator who entered it for a municipality;
    the draft is then theirs, and so is its place in the moderation workflow.
    """
    data = form.cleaned_data
    used_pending = form.kept_pending + form.removed_pending
    with transaction.atomic():
        submission = PracticeSubmission.objects.create(
            language=language,
            client_hash=client_hash,
            assisted_by=assisted_by,
            **{name: data[name] for name in SUBMISSION_FIELDS},
        )
        submission.service_types.set(data["service_types"])
        submission.assign_reference()
        _save_files(submission, form.attachments())
        PendingUpload.objects.filter(pk__in=[upload.pk for upload in used_pending]).delete()
        page = _draft_or_none(submission)
        if page is not None:
            if assisted_by is not None:
                PracticePage.objects.filter(pk=page.pk).update(owner=assisted_by)
            submission.page = page
            submission.save(update_fields=["page"])
        leftovers = [upload.file.name for upload in used_pending]
        transaction.on_commit(partial(after_submission_task.enqueue, submission.pk, leftovers))
    return submission


@task()
def after_submission_task(submission_id, leftover_files):
    """Remove the pending copies of attached files, start moderation, send the emails."""
    storage = PendingUpload._meta.get_field("file").storage
    for name in leftover_files:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the pending upload %s.", name, exc_info=True)
    submission = PracticeSubmission.objects.select_related("page", "municipality", "assisted_by").get(
        pk=submission_id
    )
    start_moderation(submission)
    send_acknowledgment(submission)
    send_moderator_notice(submission)


def start_moderation(submission):
    """Put the draft in the moderators' queue when a workflow covers the practice list.

    A reader of the public form is not signed in, so the workflow then starts
    with no requesting user, which Wagtail allows; the moderators see the
    submission's reference in the notice. An assisted submission starts it
    as the editor or moderator who entered it.
    Wagtail emails the task's reviewers while starting; the mail only joins
    the task queue (portal/mail.py), so a broken mail server cannot stop it.
    """
    page = submission.page
    workflow = page.get_workflow() if page is not None else None
    if workflow is None:
        return False
    if page.workflow_in_progress:
        # The task ran before (a worker stopped after starting it).
        return True
    try:
        with transaction.atomic():
            workflow.start(page, submission.assisted_by)
    except Exception:
        logger.exception("Could not start moderation of %s.", submission.reference)
        return False
    return True

"""Checked files waiting for the corrected form, and the signed list the form carries of them."""

import datetime

from django.core import signing
from django.core.cache import cache
from django.core.files.base import File
from django.utils import timezone
from django_tasks import task

from .conf import setting
from .models import PendingUpload

PENDING_FIELD = "pending"
_SALT = "submissions.pending"


def store_pending(uploaded, checked):
    upload = PendingUpload(
        kind=checked.kind,
        original_name=checked.original_name[:255],
        extension=checked.extension,
        size=checked.size,
    )
    uploaded.seek(0)
    upload.file.save(f"upload.{checked.extension}", File(uploaded), save=False)
    upload.save()
    schedule_cleaning(upload.created_at)
    return upload


def remove_stale_pending(max_age=None):
    """Delete the pending uploads older than `max_age` seconds (a day by default); returns how many."""
    max_age = setting("SUBMISSIONS_PENDING_MAX_AGE") if max_age is None else max_age
    cutoff = timezone.now() - datetime.timedelta(seconds=max_age)
    count = 0
    for upload in PendingUpload.objects.filter(created_at__lt=cutoff).iterator():
        upload.discard()
        count += 1
    return count


@task()
def remove_stale_pending_task():
    return remove_stale_pending()


# One cleaning per hour of uploads is enough: it removes every file that has expired by then.
CLEANING_BUCKET = 3600


def schedule_cleaning(created_at):
    """Have a task remove this upload once it has expired, unless one is already due by then.

    A task backend that cannot run tasks later (tasks run in the request, as
    under `make run`) leaves the cleaning to `clean_pending_uploads`.
    """
    backend = remove_stale_pending_task.get_backend()
    if not backend.supports_defer:
        return
    bucket = int(created_at.timestamp() // CLEANING_BUCKET)
    max_age = setting("SUBMISSIONS_PENDING_MAX_AGE")
    bucket_end = datetime.datetime.fromtimestamp((bucket + 1) * CLEANING_BUCKET, tz=datetime.UTC)
    due = bucket_end + datetime.timedelta(seconds=max_age)
    if cache.add(f"submissions:pending-cleaning:{bucket}", 1, timeout=max_age + 2 * CLEANING_BUCKET):
        remove_stale_pending_task.using(run_after=due).enqueue()


def sign_pending(uploads):
    return signing.dumps([upload.token for upload in uploads], salt=_SALT) if uploads else ""


def load_pending(signed):
    """(uploads, some_missing): the files a form's signed list names, and whether any were lost.

    A forged or damaged list brings nothing back; a list naming files the
    cleaning command has since removed brings back the rest.
    """
    if not signed:
        return [], False
    try:
        tokens = signing.loads(signed, salt=_SALT)
    except signing.BadSignature:
        return [], True
    if not isinstance(tokens, list) or not all(isinstance(token, str) for token in tokens):
        return [], True
    found = {upload.token: upload for upload in PendingUpload.objects.filter(token__in=tokens)}
    uploads = [found[token] for token in dict.fromkeys(tokens) if token in found]
    return uploads, len(uploads) < len(set(tokens))


def keep_for_next_try(form):
    """Drop the files the reader removed, store this post's good files; return what is pending now."""
    for upload in form.removed_pending:
        upload.discard()
    stored = [
        store_pending(uploaded, checked)
        for kind in ("photo", "document")
        for uploaded, checked in form.new_files[kind]
    ]
    return form.kept_pending + stored

"""Checked files waiting for the corrected form, and the signed list the form carries of them."""

from django.core import signing
from django.core.files.base import File

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
    return upload


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

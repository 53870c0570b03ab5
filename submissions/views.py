"""The public "share your practice" form and the receipt that follows it."""

from django.core import signing
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from portal.oversized import answers_oversized_posts, oversized_post
from portal.parsing import limited_values

from .conf import setting
from .forms import FILE_FIELDS, ShareForm
from .models import PracticeSubmission
from .pending import PENDING_FIELD, keep_for_next_try, load_pending, sign_pending
from .protection import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    client_hash,
    looks_automated,
    posts_per_client,
    started_at,
    started_token,
    submissions_per_client,
)
from .service import receive_submission
from .upload_limits import UploadLimitHandler

FORM_TEMPLATE = "submissions/share_form.html"
RECEIVED_TEMPLATE = "submissions/share_received.html"
_RECEIPT_SALT = "submissions.receipt"

NOT_ACCEPTED = _(
    "Sorry, we could not accept the form this time. Please check it and press «Send» again."
)
TOO_MANY = _(
    "Many practices have been sent from your connection within the last hour. Please send the "
    "form again later; what you typed is kept below."
)
FILES_LOST = _("Some files you attached earlier are no longer here. Please attach them again.")


def receipt_url(submission_id):
    token = signing.dumps(submission_id, salt=_RECEIPT_SALT)
    return reverse("share_practice_received", kwargs={"token": token})


def _resend_key(data):
    # On a slow connection people press «Send» again when the first press
    # seems lost; the same form with the same text is then the same practice.
    fingerprint = "\n".join(data.get(name, "") for name in (STARTED_FIELD, "title", "what_was_done"))
    return "submissions:sent:" + salted_hmac("submissions.resend", fingerprint).hexdigest()


def _upload_limits():
    return {
        "photos": (setting("SUBMISSIONS_MAX_PHOTO_SIZE"), setting("SUBMISSIONS_MAX_PHOTOS")),
        "documents": (setting("SUBMISSIONS_MAX_DOCUMENT_SIZE"), setting("SUBMISSIONS_MAX_DOCUMENTS")),
    }


def _typed_values(data):
    """What the reader typed, as initial values: shown again without being judged."""
    return {
        name: limited_values(data, name) if name == "service_types" else data.get(name)
        for name in ShareForm.base_fields
        if name not in FILE_FIELDS
    }


def assisting(user):
    """Whether `user` enters a practice on a municipality's behalf: an editor or a moderator.

    Staff are known and signed in, so the checks against robots and floods do
    not apply to them, and the submission records who typed it in.
    """
    from moderation.roles import EDITORS, MODERATORS

    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.groups.filter(name__in=(EDITORS, MODERATORS)).exists()
    )


def _render(request, form, *, started, pending=(), notice=None, status=200):
    context = {
        "assisting": assisting(request.user),
        "form": form,
        "started": started,
        "started_field": STARTED_FIELD,
        "honeypot_field": HONEYPOT_FIELD,
        "pending_field": PENDING_FIELD,
        "pending_signed": sign_pending(pending),
        "pending_photos": [upload for upload in pending if upload.kind == "photo"],
        "pending_documents": [upload for upload in pending if upload.kind == "document"],
        "notice": notice,
        "breadcrumbs": [(_("Share your practice"), None)],
    }
    return TemplateResponse(request, FORM_TEMPLATE, context, status=status)


@answers_oversized_posts
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def share_practice(request):
    # Oversized files must be stopped while the body is read, so the handler
    # goes in before anything reads it; Django's CSRF check reads it, and
    # therefore runs inside, once the handler is in place.
    limits = UploadLimitHandler(request, _upload_limits())
    # A post flagged as oversized has been read already; its form is only shown again.
    if request.method == "POST" and not oversized_post(request):
        request.upload_handlers.insert(0, limits)
    return _share_practice(request, limits)


@csrf_protect
def _share_practice(request, limits):
    if request.method != "POST":
        return _render(request, ShareForm(), started=started_token())

    data = request.POST
    too_much = oversized_post(request)
    if too_much:
        form = ShareForm(initial=_typed_values(data))
        return _render(request, form, started=started_token(), notice=too_much.message, status=too_much.status)
    sent_before = cache.get(_resend_key(data))
    if sent_before and PracticeSubmission.objects.filter(pk=sent_before).exists():
        return redirect(receipt_url(sent_before))
    started = data.get(STARTED_FIELD) if started_at(data.get(STARTED_FIELD)) else started_token()
    pending, some_missing = load_pending(data.get(PENDING_FIELD))
    client = client_hash(request)
    staff = request.user if assisting(request.user) else None
    if staff is None:
        if submissions_per_client.exceeded(client) or posts_per_client.exceeded(client):
            form = ShareForm(initial=_typed_values(data))
            return _render(request, form, started=started, pending=pending, notice=TOO_MANY, status=429)
        posts_per_client.record(client)

        if looks_automated(data):
            form = ShareForm(initial=_typed_values(data))
            return _render(request, form, started=started, pending=pending, notice=NOT_ACCEPTED, status=400)

    form = ShareForm(data, request.FILES, pending=pending, upload_limits=limits)
    if form.is_valid():
        submission = receive_submission(form, language=get_language(), client_hash=client, assisted_by=staff)
        submissions_per_client.record(client)
        cache.set(_resend_key(data), submission.pk, timeout=setting("SUBMISSIONS_RATE_WINDOW"))
        return redirect(receipt_url(submission.pk))
    return _render(
        request,
        form,
        started=started,
        pending=keep_for_next_try(form),
        notice=FILES_LOST if some_missing else None,
    )


@require_http_methods(["GET", "HEAD"])
def share_practice_received(request, token):
    """The receipt, reached only through the signed link the form redirected to."""
    try:
        pk = signing.loads(token, salt=_RECEIPT_SALT, max_age=setting("SUBMISSIONS_ACKNOWLEDGMENT_MAX_AGE"))
    except signing.SignatureExpired:
        context = {"expired": True, "breadcrumbs": [(_("Share your practice"), None)]}
        return TemplateResponse(request, RECEIVED_TEMPLATE, context, status=410)
    except signing.BadSignature:
        raise Http404 from None
    submission = (
        PracticeSubmission.objects.filter(pk=pk).select_related("municipality").first()
        if isinstance(pk, int)
        else None
    )
    if submission is None:
        raise Http404
    context = {
        "submission": submission,
        "breadcrumbs": [(_("Share your practice"), reverse("share_practice")), (submission.reference, None)],
    }
    return TemplateResponse(request, RECEIVED_TEMPLATE, context)

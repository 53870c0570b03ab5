"""«We want to do this too»: a municipality asks to replicate a practice.

The same protections as the public "share your practice" form: a hidden
field, a minimum fill time and a limit per connection, with CSRF. The
request is saved first; the emails go after the commit and may fail
without losing it.
"""

import logging

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.oversized import answers_oversized_posts, oversized_post
from practices.models import PracticePage
from replication.emails import forward_request
from replication.forms import ReplicationRequestForm
from replication.models import ReplicationRequest
from submissions.protection import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    RateLimit,
    client_hash,
    looks_automated,
    started_token,
)

logger = logging.getLogger(__name__)
requests_per_client = RateLimit("replication", "SUBMISSIONS_RATE_LIMIT")


def _practice(page_id):
    page = PracticePage.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None:
        raise Http404
    return page


@answers_oversized_posts
def request_replication(request, page_id):
    page = _practice(page_id)
    notice = ""
    status = 200
    too_much = oversized_post(request) if request.method == "POST" else None
    if too_much:
        typed = {name: request.POST.get(name) for name in ReplicationRequestForm.base_fields}
        form = ReplicationRequestForm(initial=typed)
        notice, status = too_much.message, too_much.status
    elif request.method == "POST":
        form = ReplicationRequestForm(request.POST)
        client = client_hash(request)
        if looks_automated(request.POST):
            # Says nothing of which check failed; a person just sends again.
            notice = _("Your request could not be sent yet. Check it and send it again.")
        elif requests_per_client.exceeded(client):
            notice = _("Too many requests were sent from your connection. Please try again in an hour.")
        elif form.is_valid():
            with transaction.atomic():
                sent = form.save(commit=False)
                sent.practice, sent.practice_title = page, page.title
                sent.translation_key, sent.language = page.translation_key, get_language()
                sent.save()
                transaction.on_commit(lambda: _forward(sent.pk))
            requests_per_client.record(client)
            return redirect(reverse("replication_sent", args=[page.pk]))
    else:
        form = ReplicationRequestForm()
    return TemplateResponse(request, "replication/request_form.html", {
        "page": page, "form": form, "notice": notice,
        # Whatever went wrong, the next post gets a fresh start time.
        "started_field": STARTED_FIELD, "started": started_token(), "honeypot_field": HONEYPOT_FIELD,
    }, status=status)


def _forward(request_id):
    try:
        sent = ReplicationRequest.objects.select_related("practice", "municipality").get(pk=request_id)
        if forward_request(sent):
            ReplicationRequest.objects.filter(pk=request_id).update(forwarded_at=timezone.now())
    except Exception:
        logger.exception("Replication request %s was saved but could not be forwarded.", request_id)


def request_sent(request, page_id):
    return TemplateResponse(request, "replication/request_sent.html", {"page": _practice(page_id)})

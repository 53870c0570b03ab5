"""A public form sent with more than the portal reads answers with the form again, not a bare 400.

Django stops a POST whose body is over DATA_UPLOAD_MAX_MEMORY_SIZE
(RequestDataTooBig) or that has over DATA_UPLOAD_MAX_NUMBER_FIELDS fields
(TooManyFieldsSent) with an empty "Bad Request" page, and the secretary who
pasted a long report loses everything typed. For the views marked with
`@answers_oversized_posts`, the middleware here reads a urlencoded body up to
the limits instead: the fields that fit in full are kept, and the view, asking
`oversized_post(request)`, shows the form again with them, a message, and 413
(too big) or 400 (too many fields). It never saves anything from such a post.

A multipart body is not read here (the share form adds its upload limits
first); when Django stops it inside the view, the view is called again with
no fields, so the reader still gets the form and the message.

The middleware goes before CsrfViewMiddleware. A flagged post skips the CSRF
check: the CSRF token may be among the fields cut off, and the view only
shows a form for it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

URLENCODED = "application/x-www-form-urlencoded"
_FLAG = "_oversized_post"

TOO_BIG = _(
    "What you sent is longer than the portal can take at once. The fields that fitted are kept "
    "below; please shorten the longest text and send the form again."
)
TOO_MANY_FIELDS = _(
    "The form arrived with more fields than the portal can take. The fields that fitted are kept "
    "below; please check them and send the form again."
)
NOTHING_KEPT = _(
    "What you sent is longer than the portal can take at once, so it could not be kept. Please "
    "shorten the longest text, or attach it as a document, and send the form again."
)


@dataclass(frozen=True)
class OversizedPost:
    message: str
    status: int


def answers_oversized_posts(view):
    """Mark a public form view: an oversized post reaches it, flagged, instead of ending in a 400."""
    view.answers_oversized_posts = True
    return view


def oversized_post(request):
    """The OversizedPost this request was, or None for an ordinary one."""
    return getattr(request, _FLAG, None)


def _first_fields(raw, max_fields, complete):
    """The urlencoded fields of `raw` that arrived whole, at most `max_fields` of them."""
    pairs = raw.split(b"&")
    if not complete:
        # The last field was cut at the limit; half a sentence is not kept.
        pairs = pairs[:-1]
    if max_fields is not None:
        pairs = pairs[:max_fields]
    try:
        return QueryDict(b"&".join(pairs), encoding="utf-8")
    except (TooManyFieldsSent, ValueError):
        return QueryDict(encoding="utf-8")


def _flag(request, data, problem):
    request._post = data
    request._files = MultiValueDict()
    request.csrf_processing_done = True
    setattr(request, _FLAG, problem)


def _read_urlencoded(request):
    max_size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    try:
        request.POST  # noqa: B018 - reading it is the check
    except RequestDataTooBig:
        if request._read_started:
            # No Content-Length: Django read past the limit before it stopped.
            _flag(request, QueryDict(encoding="utf-8"), OversizedPost(NOTHING_KEPT, 413))
            return
        # Django refused on the Content-Length before reading: read up to the limit.
        raw = request.read(max_size)
        complete = len(raw) < max_size
        _flag(request, _first_fields(raw, max_fields, complete), OversizedPost(TOO_BIG, 413))
    except TooManyFieldsSent:
        _flag(request, _first_fields(request.body, max_fields, True), OversizedPost(TOO_MANY_FIELDS, 400))


class OversizedPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method == "POST"
            and getattr(view_func, "answers_oversized_posts", False)
            and request.content_type == URLENCODED
        ):
            _read_urlencoded(request)
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
            return None
        match = request.resolver_match
        if request.method != "POST" or match is None or oversized_post(request):
            return None
        if not getattr(match.func, "answers_oversized_posts", False):
            return None
        _flag(request, QueryDict(encoding="utf-8"), OversizedPost(NOTHING_KEPT, 413))
        return match.func(request, *match.args, **match.kwargs)

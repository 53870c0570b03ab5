"""Anonymous readers' page views served from the shared cache.

Most readers are anonymous and on slow links, and the pages they read change
only when an editor publishes. So the answer of a public page (Wagtail's page
view: home, practice lists with their filters, landing pages, practices) is
kept in the default cache (Redis in production, shared by every worker), keyed
by host and full address, which carries the language prefix.

Any change that can show on a public page (a page published, unpublished,
moved or deleted, reference data, images and documents, replication requests
counted on practices) moves the cache to a new generation, so every page is
rendered afresh: wider than the one page changed, but never stale, and
publishing is rare next to reading. Entries also expire after
`PORTAL_PAGE_CACHE_SECONDS`.

Nothing is cached for a signed-in user (their session cookie), for answers
other than 200, for answers that set a cookie or vary on it (a form's CSRF
token, messages), or that say they are private. wagtail-cache would do this
job, but its releases do not support Wagtail 8.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import cc_delim_re
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.counters import increment

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
# Models whose changes can show on a public page.
PUBLIC_APPS = {"practices", "portal", "replication", "wagtailcore", "wagtailimages", "wagtaildocs"}
# Saving these never changes what readers see.
QUIET_MODELS = {("wagtailcore", "revision"), ("wagtailcore", "pagelogentry"), ("wagtailcore", "modellogentry"),
                ("wagtailcore", "workflowstate"), ("wagtailcore", "taskstate"), ("wagtailcore", "referenceindex"),
                ("wagtailcore", "comment"), ("wagtailcore", "commentreply"), ("wagtailcore", "pagesubscription"),
                ("wagtailimages", "rendition")}


# The practice list's filters. A query string with anything else (a typed query,
# unknown or repeated keys, long or odd values) is served but not stored, so a
# stream of made-up addresses cannot fill the shared cache and push out the
# rate-limit counters that live there too.
CACHED_PARAMETERS = {"oblast", "rayon", "municipality", "settlement", "service", "group", "funding", "status",
                     "year", "sort", "page"}
PLAIN_VALUE = re.compile(r"^[a-z0-9-]{1,40}$")
MAX_PARAMETERS = 4


def cache_seconds():
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


# A purge that could not reach the cache (Redis away) is made again by this
# process's next request, so pages cached before a change made during the
# outage are not served once Redis is back with them.
_purge_missed = False


def purge():
    """Every cached page goes at once: later requests read and store under a new generation."""
    global _purge_missed
    _purge_missed = increment(GENERATION_KEY, timeout=None, start=1) is None


def purge_now_and_after_commit():
    # Now, so this process's next reads miss; after commit, so a page read
    # while the change was not yet committed cannot stay cached.
    purge()
    transaction.on_commit(purge)


def _key(request):
    address = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:{generation()}:{request.get_host()}:{address}"


def _plain_query(request):
    lists = request.GET.lists()
    count = 0
    for key, values in lists:
        count += 1
        if key not in CACHED_PARAMETERS or len(values) != 1 or not PLAIN_VALUE.match(values[0]):
            return False
    return count <= MAX_PARAMETERS


def _may_be_served_from_cache(request):
    return (
        cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _plain_query(request)
    )


def _may_be_stored(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return False
    # A page that used a CSRF token leaves the CSRF middleware with the cookie set
    # and `Vary: Cookie`, as does one that read the session or messages.
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
    control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and "*" not in vary and not any(
        word in control for word in ("private", "no-store", "no-cache")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _purge_missed:
            purge()
        if not _may_be_served_from_cache(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _may_be_stored(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response[HEADER] = "miss"
            cache.set(key, response, timeout=cache_seconds())
        return response


def _on_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in PUBLIC_APPS and (meta.app_label, meta.model_name) not in QUIET_MODELS:
        purge_now_and_after_commit()


def _on_page_event(sender, **kwargs):
    purge_now_and_after_commit()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"pagecache-{id(signal)}")

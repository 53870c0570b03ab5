"""The submissions app's settings, with the defaults used when a project leaves one out."""

from django.conf import settings

DEFAULTS = {
    "SUBMISSIONS_NOTIFY_EMAILS": [],
    "SUBMISSIONS_MODERATOR_GROUP": "Moderators",
    "SUBMISSIONS_MAX_PHOTOS": 10,
    "SUBMISSIONS_MAX_DOCUMENTS": 5,
    "SUBMISSIONS_MAX_PHOTO_SIZE": 10 * 1024 * 1024,
    "SUBMISSIONS_MAX_DOCUMENT_SIZE": 20 * 1024 * 1024,
    "SUBMISSIONS_MAX_PHOTO_PIXELS": 40_000_000,
    "SUBMISSIONS_MIN_FILL_SECONDS": 5,
    # Sent practices per client address and hour, and form posts of any kind:
    # every post may leave pending uploads on disk, so those are limited too.
    "SUBMISSIONS_RATE_LIMIT": 5,
    "SUBMISSIONS_POST_LIMIT": 30,
    "SUBMISSIONS_RATE_WINDOW": 3600,
    "SUBMISSIONS_PENDING_MAX_AGE": 24 * 3600,
    "SUBMISSIONS_ACKNOWLEDGMENT_MAX_AGE": 7 * 24 * 3600,
    # Behind a proxy, the META key that holds the reader's address (e.g.
    # "HTTP_X_REAL_IP"); REMOTE_ADDR otherwise. Only a header the proxy
    # overwrites can be trusted: readers can send any header they like.
    "SUBMISSIONS_CLIENT_IP_HEADER": "",
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])

"""Search engines behind one interface; settings choose one by dotted path."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DEFAULT = {"ENGINE": "search.engines.database", "INDEX_PREFIX": "portal"}
# Every engine there is, by the dotted path settings name it with.
ENGINES = ("search.engines.database", "search.engines.elastic")
# The engine that answers when the configured one cannot, and is kept current for that.
FALLBACK = "search.engines.database"


def engine_settings():
    return {**DEFAULT, **getattr(settings, "PORTAL_SEARCH", {})}


def unknown_engine_message(path):
    """What to tell an operator whose settings name no engine: the name given and the names there are."""
    return f"{path!r} is no search engine; the engines are {' and '.join(ENGINES)}."


def get_engine(path=None):
    """A fresh engine of the configured kind (or of `path`, one of `ENGINES`)."""
    config = engine_settings()
    module = path or config["ENGINE"]
    if module not in ENGINES:
        raise ImproperlyConfigured(unknown_engine_message(module))
    return import_string(f"{module}.Engine")(config)

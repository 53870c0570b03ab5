"""Search engines behind one interface; settings choose one by dotted path."""

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT = {"ENGINE": "search.engines.database", "INDEX_PREFIX": "portal"}
# The engine that answers when the configured one cannot, and is kept current for that.
FALLBACK = "search.engines.database"


def engine_settings():
    return {**DEFAULT, **getattr(settings, "PORTAL_SEARCH", {})}


def get_engine(path=None):
    """A fresh engine of the configured kind (or of `path`, a module exporting `Engine`)."""
    config = engine_settings()
    module = path or config["ENGINE"]
    return import_string(f"{module}.Engine")(config)

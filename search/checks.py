"""Problems with the search environment, reported as system checks."""

from django.core import checks
from django.db import connection

from search.engines import ENGINES, engine_settings, unknown_engine_message


@checks.register(checks.Tags.database)
def check_fulltext_support(app_configs, databases=None, **kwargs):
    if connection.vendor != "sqlite" or not databases:
        return []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        options = {row[0] for row in cursor.fetchall()}
    if "ENABLE_FTS5" not in options:
        return [
            checks.Error(
                "This SQLite has no FTS5, which the portal's database search needs.",
                hint="Use a Python built with a newer SQLite, or PostgreSQL via DATABASE_URL.",
                id="search.E001",
            )
        ]
    return []


@checks.register()
def check_engine_name(app_configs, **kwargs):
    """A mistyped engine stops the portal at start-up, rather than at the first search or publish."""
    engine = engine_settings()["ENGINE"]
    if engine in ENGINES:
        return []
    return [
        checks.Error(
            f'PORTAL_SEARCH["ENGINE"]: {unknown_engine_message(engine)}',
            hint="PORTAL_SEARCH_ENGINE takes database or elasticsearch.",
            id="search.E003",
        )
    ]


@checks.register()
def check_engine_setting(app_configs, **kwargs):
    config = engine_settings()
    if config["ENGINE"].endswith(".elastic") and not config.get("URL"):
        return [
            checks.Error(
                "PORTAL_SEARCH_ENGINE is elasticsearch but ELASTICSEARCH_URL is not set.",
                hint="Set ELASTICSEARCH_URL, e.g. http://127.0.0.1:9200, or use the database engine.",
                id="search.E002",
            )
        ]
    return []

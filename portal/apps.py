from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.urls import register_converter

        from portal.parsing import DbIdConverter

        # Registered before any URLconf is read, so every app's urls.py can use <db_id:…>.
        register_converter(DbIdConverter, "db_id")

        from portal import accounts, pagecache

        pagecache.connect_signals()
        accounts.connect_signals()

        # Registers its system check.
        import portal.language_versions  # noqa: F401

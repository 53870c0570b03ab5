"""Settings shared by every environment.

Secrets and anything that differs between machines come from the environment;
see dev.py, test.py and production.py for what each one adds.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.security import PUBLIC_DIRECTIVES

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "practices",
    "search",
    "moderation",
    "replication",
    "submissions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin says "4 minutes ago" with humanize's naturaltime; the app
    # brings the Kyrgyz and Russian for it.
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

# Tasks run inside the request that enqueues them, which suits `make run` and the
# tests; production keeps them in the database for a worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.security.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    # Inside the locale (the address carries the language), outside the CSRF and
    # session work, which a cached page of an anonymous reader does not need.
    "portal.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which would otherwise end an oversized form post in a bare 400.
    "portal.oversized.OversizedPostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

# Pages load only the portal's own files and run no inline code (portal/security.py).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_DIRECTIVES}
# No page of the portal uses these browser features, and nothing it frames may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# Nobody frames the portal; Wagtail's preview panel frames its own pages and says so per view.
X_FRAME_OPTIONS = "DENY"
# Anonymous readers' pages come from the cache for this long, or until a change purges them.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "300"))
# /healthz calls the task queue not ok when a task has waited longer than this (seconds).
PORTAL_TASKS_MAX_WAIT = int(os.environ.get("PORTAL_TASKS_MAX_WAIT", "600"))
# ensure_admin and ensure_demo_users make accounts with a known password; production turns them off.
PORTAL_DEMO_ACCOUNTS = True
# Avatars come from the portal, never from a third party that would learn who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite keeps the portal runnable with no server; DATABASE_URL switches to
# PostgreSQL (or anything dj-database-url understands) in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A transaction that reads and then writes cannot wait for another writer
    # on SQLite: it fails at once with "database is locked" (an autosave and a
    # submit of the same form did). Taking the write lock when the transaction
    # begins makes the second one wait its turn, up to the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Kyrgyz is the state language and the portal's default; Russian is what many
# municipal staff read first; English serves donors and researchers.
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("en", "English"),
]
# Wagtail ships no Kyrgyz, so its own strings are translated in locale_wagtail/,
# apart from the portal's catalogue that `make messages` regenerates. Django reads
# these before the apps' catalogues, and the first entry wins over the second.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
LANGUAGE_COOKIE_NAME = "portal_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"

WAGTAIL_I18N_ENABLED = True
# The admin speaks the portal's languages; new accounts start in Kyrgyz
# (portal/accounts.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.AdminLoginForm"
# Everyone works in Bishkek time, so the account settings offer no list of
# the world's time zones.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Off: syncing the trees would copy every new page into the other languages as
# an alias, which goes live with its source's text marked as another language.
# A page reaches other languages' readers as itself, marked with its language,
# until someone translates it; portal/language_versions.py keeps what the sync
# did that is still wanted (withdrawing a case in every language at once).
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}
# Redis answers in a millisecond or two. One that takes longer than REDIS_TIMEOUT
# seconds is treated as gone: the portal serves on without the cache for a few
# seconds and tries again (portal/cache.py), so a stopped or frozen Redis never
# holds a request for long nor turns it into an error.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT},
    }
# Signed-in editors stay signed in while Redis is away or restarted: sessions
# live in the database, never in the cache alone.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Mail leaves through a task (portal/mail.py): the request only enqueues it, and
# the task hands it to the delivery backend, retrying while the server is down.
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
PORTAL_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# A mail server that accepts connections and never answers must not hold a
# request (or a worker) for minutes: SMTP calls give up after this many seconds.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Seconds before the 2nd, 3rd, … delivery attempt: 1 min, 5 min, 30 min, 2 h,
# 6 h, 12 h, so a mail server down for most of a day still gets the mail.
PORTAL_MAIL_RETRY_DELAYS = [
    int(seconds) for seconds in env_list("PORTAL_MAIL_RETRY_DELAYS", "60,300,1800,7200,21600,43200")
]
# Wagtail emails moderators when a practice is submitted and the author when
# it is approved or sent back with a comment; the links in them need
# WAGTAILADMIN_BASE_URL. Locally the mail goes to the console.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool("WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True)

WAGTAIL_SITE_NAME = _("LSG best practices portal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every download goes through Wagtail's view, which refuses documents of the
# private "Awaiting moderation" collection to anyone but moderators and
# editors. "direct" would link the file in MEDIA_URL, which nothing checks;
# "redirect" would check once and then hand out that same address for good.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# The public "share your practice" form. Moderators hear of each practice
# through the "Moderators" group; these addresses stand in while it has no
# members with an email. See submissions/conf.py for the other limits.
SUBMISSIONS_NOTIFY_EMAILS = env_list("SUBMISSIONS_NOTIFY_EMAILS")
SUBMISSIONS_MAX_PHOTO_SIZE = 10 * 1024 * 1024
SUBMISSIONS_MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
SUBMISSIONS_RATE_LIMIT = 5
# Behind a proxy, the request header that carries the reader's address,
# e.g. HTTP_X_REAL_IP; empty means REMOTE_ADDR.
SUBMISSIONS_CLIENT_IP_HEADER = os.environ.get("SUBMISSIONS_CLIENT_IP_HEADER", "")

# Wagtail's own search serves the admin only; the public search has its own
# layer in the `search` app. The database backend, with SQLite's quoting fixed
# (portal/admin_search.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "portal.admin_search"},
}

# The portal's own search: the database engine by default (no server), or
# Elasticsearch for scale. PORTAL_SEARCH_ENGINE=elasticsearch with ELASTICSEARCH_URL.
_SEARCH_ENGINES = {
    "database": "search.engines.database",
    "elasticsearch": "search.engines.elastic",
}
_search_engine = os.environ.get("PORTAL_SEARCH_ENGINE", "database")
PORTAL_SEARCH = {
    # A name that is none of these goes through as it is, so the system check names it.
    "ENGINE": _SEARCH_ENGINES.get(_search_engine, _search_engine),
    "INDEX_PREFIX": os.environ.get("PORTAL_SEARCH_INDEX_PREFIX", "portal"),
    "URL": os.environ.get("ELASTICSEARCH_URL", ""),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Wagtail and the task runner log every page save at INFO; the portal's
    # own modules keep INFO so imports and indexing report progress.
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")}
        for name in ("portal", "practices", "search")
    },
}

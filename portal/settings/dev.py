"""Local development: SQLite, debug on, mail printed to the console."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env_bool, env_list, os

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The search benchmarks and their commands; production settings leave them out.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]


def _local_secret_key():
    # No key lives in the repository; each checkout makes its own on first run
    # and keeps it out of git, so sessions survive restarts of the dev server.
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()

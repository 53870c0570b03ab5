"""Settings for the test suite: fast, isolated, and the same on SQLite and PostgreSQL."""

import os
import secrets
import tempfile

from .base import *  # noqa: F403

DEBUG = False
# The search benchmarks, as in development settings, so their tests can run.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A test that runs the portal in a child process names that process's media folder.
MEDIA_ROOT = os.environ.get("PORTAL_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="portal-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that follow a change on a page see it at once; tests/portal/test_pagecache.py turns caching on.
PORTAL_PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PORTAL_SEARCH = {**PORTAL_SEARCH, "ENGINE": "search.engines.database", "INDEX_PREFIX": "portal-test"}  # noqa: F405

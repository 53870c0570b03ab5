"""Production settings refuse to start without what they need."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


SUMMARY = "import portal.settings.production as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])"
REQUIRED = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example.kg",
            "DATABASE_URL": "postgres://u:p@db.example:5432/portal"}


def load_production(env, code=SUMMARY):
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "REDIS_TIMEOUT")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True)


def test_production_names_every_missing_variable():
    result = load_production({})
    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL" in result.stderr


def test_production_reads_database_and_hosts_from_the_environment():
    result = load_production(REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "['portal.example.kg']", "django.db.backends.postgresql"]


CACHE_SUMMARY = (
    "import json, portal.settings.production as s; "
    "print(json.dumps([s.CACHES['default'], s.SESSION_ENGINE]))"
)


def test_production_with_redis_uses_the_cache_that_survives_redis_with_short_timeouts():
    result = load_production({**REQUIRED, "REDIS_URL": "redis://cache.example:6379/0"}, CACHE_SUMMARY)
    assert result.returncode == 0, result.stderr
    cache, sessions = json.loads(result.stdout)
    assert cache == {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": "redis://cache.example:6379/0",
        "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    }
    # Editors stay signed in through a Redis restart.
    assert sessions == "django.contrib.sessions.backends.db"

    slower = load_production({**REQUIRED, "REDIS_URL": "redis://cache.example:6379/0", "REDIS_TIMEOUT": "1.5"},
                             CACHE_SUMMARY)
    assert json.loads(slower.stdout)[0]["OPTIONS"] == {"socket_timeout": 1.5, "socket_connect_timeout": 1.5}


def test_no_secret_key_is_committed():
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        text = path.read_text()
        assert "django-insecure" not in text, path


def test_a_mail_server_that_never_answers_is_given_up_on_within_the_timeout(settings):
    from django.core.mail import send_mail

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.getsockname()[1]
        settings.EMAIL_TIMEOUT = 0.5
        started = time.monotonic()
        with pytest.raises(OSError):
            send_mail("Тема", "Текст", "portal@example.org", ["moderator@example.org"])
    assert time.monotonic() - started < 2


def test_smtp_calls_have_a_timeout_by_default():
    from portal.settings import base

    assert 0 < base.EMAIL_TIMEOUT <= 30


PRODUCTION = {"SECRET_KEY": "vR7q-" + "".join(chr(97 + (i * 7) % 26) for i in range(60)), "ALLOWED_HOSTS": "portal.example.kg",
              "DATABASE_URL": "postgres://u:p@db.example:5432/portal"}


@pytest.mark.parametrize("hosts", ["", " ", ",", " , ,"])
def test_production_refuses_allowed_hosts_made_of_blanks_and_commas(hosts):
    result = load_production({**PRODUCTION, "ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def deploy_check(env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "portal.settings.production"},
        capture_output=True, text=True,
    )


@pytest.mark.parametrize("preload", ["true", "false"])
def test_the_deployment_check_is_clean_under_production_settings(preload):
    result = deploy_check({**PRODUCTION, "SECURE_HSTS_PRELOAD": preload})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Two requests that each read and then write, as an autosave and a submit of one form do.
SQLITE_WRITERS = """
import os, threading, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
django.setup()
from django.db import connection, transaction
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n INTEGER)")
    cursor.execute("INSERT INTO counter VALUES (0)")
errors, both_read = [], threading.Barrier(2, timeout=5)
def request():
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                try:
                    both_read.wait()
                except threading.BrokenBarrierError:
                    pass
                time.sleep(0.2)
                cursor.execute("UPDATE counter SET n = n + 1")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()
threads = [threading.Thread(target=request) for _ in range(2)]
for thread in threads: thread.start()
for thread in threads: thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print(cursor.fetchone()[0], errors)
"""


def test_two_sqlite_transactions_that_read_then_write_both_succeed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    result = subprocess.run([sys.executable, "-c", SQLITE_WRITERS], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 []"

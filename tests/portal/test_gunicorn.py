"""The production app server: gunicorn with the portal's settings serves pages, even before collectstatic."""

import importlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_workers_follow_the_core_count_unless_set(monkeypatch):
    import portal.gunicorn as config

    monkeypatch.delenv("PORTAL_WORKERS", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)
    assert importlib.reload(config).workers == 9
    monkeypatch.setenv("PORTAL_WORKERS", "3")
    assert importlib.reload(config).workers == 3


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def production_server(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "gunicorn-test-" + "q7Zp" * 15, "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"), "PORTAL_BIND": f"127.0.0.1:{port}", "PORTAL_WORKERS": "2",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url, deadline=30):
    started = time.monotonic()
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            if time.monotonic() - started > deadline:
                raise
            time.sleep(0.3)


def test_gunicorn_serves_the_portal_with_production_settings(production_server):
    url, server = production_server
    response = fetch(f"{url}/robots.txt")
    assert response.status == 200
    assert "Disallow: /admin/" in response.read().decode()
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert server.poll() is None


@pytest.mark.django_db
@pytest.mark.parametrize("storage", ["whitenoise.storage.CompressedManifestStaticFilesStorage",
                                     "portal.storage.PortalStaticFilesStorage"])
def test_pages_render_before_collectstatic_has_run(client, site_tree, settings, tmp_path, storage):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": storage}}
    if storage.startswith("whitenoise"):
        # WhiteNoise's own storage fails every page, its error page too, until collectstatic has run.
        with pytest.raises(ValueError, match="manifest"):
            client.get("/ky/")
        return
    response = client.get("/ky/")
    assert response.status_code == 200
    assert "/static/css/portal.css" in response.content.decode()


def test_production_uses_the_storage_that_does_not_fail_pages():
    code = "import portal.settings.production as s; print(s.STORAGES['staticfiles']['BACKEND'])"
    env = {**os.environ, "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "portal.example.kg",
           "DATABASE_URL": "postgres://u:p@db.example:5432/portal"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "portal.storage.PortalStaticFilesStorage", result.stderr

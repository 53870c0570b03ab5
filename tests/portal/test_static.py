"""On the development server, static files and uploads are served, and paths that leave their folder are 404s."""

import importlib
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.http import Http404
from django.test import RequestFactory
from django.urls import clear_url_caches

from portal.management.commands.runserver import CheckedStaticFilesHandler
from portal.static import clean_relative_path, serve_media, serve_static

ESCAPES = [
    "../../etc/passwd",
    "../../../../../../etc/passwd",
    "css/../../portal/settings/base.py",
    "/etc/passwd",
    "//etc/passwd",
    "..",
    ".",
    "",
    "css/portal.css\x00.png",
    "\x00",
    "..\\..\\etc\\passwd",
    "C:/Windows/win.ini",
    "c:\\boot.ini",
    "css/./portal.css",
]


@pytest.fixture
def debug_urls(settings, db):
    """portal.urls as it is built with DEBUG on, and as it was afterwards."""
    import portal.urls

    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def uploaded(settings):
    path = Path(settings.MEDIA_ROOT) / "original_images" / "бала-бакча.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("photo")
    return "original_images/бала-бакча.txt"


@pytest.mark.parametrize("path", ESCAPES)
def test_path_outside_the_folder_or_invalid_is_not_found(path):
    with pytest.raises(Http404):
        clean_relative_path(path)


@pytest.mark.parametrize("path", ESCAPES)
def test_views_answer_escaping_paths_with_404(settings, path):
    settings.DEBUG = True
    request = RequestFactory().get("/")
    for view in (serve_static, serve_media):
        with pytest.raises(Http404):
            view(request, path)


def test_static_view_serves_a_static_file(settings):
    settings.DEBUG = True
    response = serve_static(RequestFactory().get("/static/css/portal.css"), "css/portal.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_folders_are_not_listed(settings):
    settings.DEBUG = True
    with pytest.raises(Http404):
        serve_static(RequestFactory().get("/static/css/"), "css/")
    with pytest.raises(Http404):
        serve_media(RequestFactory().get("/media/original_images/"), "original_images/")


def test_static_view_is_off_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(Http404):
        serve_static(RequestFactory().get("/static/css/portal.css"), "css/portal.css")


def test_media_link_pointing_outside_media_root_is_not_found(settings, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    link = Path(settings.MEDIA_ROOT) / "link.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    try:
        with pytest.raises(Http404):
            serve_media(RequestFactory().get("/media/link.txt"), "link.txt")
    finally:
        link.unlink()


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc/passwd",
        "/static/%2fetc/passwd",
        "/static/css/portal.css%00.png",
        "/static/%00",
        "/static/..%5c..%5cetc%5cpasswd",
        "/media/..%2f..%2fetc/passwd",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/%2fetc/passwd",
        "/media/x%00y",
        "/static/does-not-exist.css",
    ],
)
def test_dev_server_urls_answer_escaping_paths_with_404(client, debug_urls, url):
    assert client.get(url).status_code == 404


def test_dev_server_urls_serve_static_files_and_uploads(client, debug_urls, uploaded):
    assert client.get("/static/css/portal.css").status_code == 200
    response = client.get("/media/" + uploaded)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"photo"


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/a%00b",
        "/static/%2fetc/passwd",
    ],
)
def test_runserver_static_handler_answers_escaping_paths_with_404(settings, db, url):
    settings.DEBUG = True
    handler = CheckedStaticFilesHandler(WSGIHandler())
    request = RequestFactory().get(url)
    assert handler.get_response(request).status_code == 404


def test_runserver_static_handler_serves_static_files(settings):
    settings.DEBUG = True
    handler = CheckedStaticFilesHandler(WSGIHandler())
    assert handler.get_response(RequestFactory().get("/static/css/portal.css")).status_code == 200

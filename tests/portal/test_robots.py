"""robots.txt lets crawlers read the public site and keeps them out of the rest."""

import pytest

pytestmark = pytest.mark.django_db


def robots_lines(client, **extra):
    response = client.get("/robots.txt", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


def test_robots_txt_lets_crawlers_read_the_public_site(client):
    lines = robots_lines(client)
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_keeps_crawlers_out_of_admin_api_searches_and_forms(client):
    lines = robots_lines(client)
    for path in ("/admin/", "/api/", "/language/", "/*/search/", "/*/share/", "/*/replicate/"):
        assert f"Disallow: {path}" in lines
    for language in ("ky", "ru", "en"):
        assert f"Disallow: /{language}/search/" in lines
        assert f"Disallow: /{language}/share/" in lines
        assert f"Disallow: /{language}/replicate/" in lines


def test_robots_txt_names_the_sitemap_with_an_absolute_url(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.kg"]
    lines = robots_lines(client, HTTP_HOST="portal.example.kg", secure=True)
    assert "Sitemap: https://portal.example.kg/sitemap.xml" in lines


def test_robots_txt_refuses_posts(client):
    assert client.post("/robots.txt").status_code == 405

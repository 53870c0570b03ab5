"""Kyrgyz by default, a switcher that keeps the reader on the same page, and clear 404s."""

import pytest
from django.conf import settings
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def switcher(response):
    links = {link["code"]: link for link in response.context["languages"]} if "languages" in (
        response.context or {}) else None
    return links


def test_site_root_opens_in_kyrgyz_whatever_the_browser_says(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru,en;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


def test_root_remembers_the_language_the_reader_chose(client, site_tree):
    response = client.get("/language/", {"lang": "ru", "next": "/ru/"})
    assert response.status_code == 302 and response["Location"] == "/ru/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert client.get("/")["Location"] == "/ru/"


def test_switcher_refuses_to_send_readers_to_other_sites(client, site_tree):
    response = client.get("/language/", {"lang": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"
    response = client.get("/language/", {"lang": "xx", "next": "/ru/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == settings.LANGUAGE_CODE


def test_switcher_links_to_the_translation_of_the_same_practice(client, practice):
    kyrgyz = practice()
    russian = practice(title="Детский центр «Алтын-Бешик»", summary="Перевод.", language="ru",
                       translation_of=kyrgyz)
    body = client.get(kyrgyz.url).content.decode()
    from urllib.parse import quote

    assert "next=" + quote(russian.url, safe="") in body


def test_switcher_says_when_a_page_has_no_translation(client, practice):
    kyrgyz = practice()
    body = client.get(kyrgyz.url).content.decode()
    assert "котормосу жок" in body  # "no translation" in the Kyrgyz interface
    assert "next=%2Fen%2F" in body  # goes to the English home page instead


def test_switcher_keeps_the_landing_page_and_filters(client, site_tree):
    response = client.get("/ky/practices/oblast/batken/?status=running")
    from urllib.parse import quote

    assert "next=" + quote("/ru/practices/oblast/batken/?status=running", safe="") in response.content.decode()


@pytest.mark.parametrize("language, words", [("ky", "Барак табылган жок"), ("ru", "Страница не найдена"),
                                             ("en", "Page not found")])
def test_missing_page_is_a_404_in_the_readers_language(client, site_tree, language, words):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert words in response.content.decode()


def test_unknown_language_prefix_is_a_helpful_404(client, site_tree):
    response = client.get("/de/practices/", follow=True)
    assert response.status_code == 404
    assert "Барак табылган жок" in response.content.decode()


def test_every_portal_language_has_a_locale_and_home_page(site_tree):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"ky", "ru", "en"}
    assert {page.locale.language_code for page in site_tree.get_translations(inclusive=True)} == {
        "ky", "ru", "en"}


def test_server_error_page_renders_without_the_database(rf, settings):
    from django.db import connection
    from django.views.defaults import server_error

    request = rf.get("/ru/practices/")
    from django.utils import translation

    with translation.override("ru"), connection.execute_wrapper(_refuse_queries):
        response = server_error(request)
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()


def _refuse_queries(execute, sql, params, many, context):
    raise AssertionError("the 500 page must not query the database")

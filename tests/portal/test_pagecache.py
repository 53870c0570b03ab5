"""Anonymous readers get cached pages; any change they could see purges them; nobody else is served from the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Oblast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def katran(practice):
    return practice(municipality="katran")


def test_a_second_anonymous_view_comes_from_the_cache_without_touching_the_database(client, katran):
    first = client.get(katran.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(katran.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_each_language_and_each_filter_is_its_own_entry(client, katran):
    client.get("/ky/practices/")
    assert client.get("/ru/practices/")["X-Page-Cache"] == "miss"
    assert client.get("/ky/practices/?oblast=batken")["X-Page-Cache"] == "miss"
    assert client.get("/ky/practices/?oblast=batken")["X-Page-Cache"] == "hit"


def test_publishing_a_change_shows_at_once(client, katran, django_capture_on_commit_callbacks):
    client.get(katran.url)
    client.get("/ky/practices/")
    with django_capture_on_commit_callbacks(execute=True):
        katran.title = "Катрандагы жаңыланган бала бакча"
        katran.save_revision().publish()
    page = client.get(katran.url)
    assert page["X-Page-Cache"] == "miss" and "жаңыланган" in page.content.decode()
    assert "жаңыланган" in client.get("/ky/practices/").content.decode()


def test_a_new_practice_joins_the_cached_list(client, katran, practice, django_capture_on_commit_callbacks):
    client.get("/ky/practices/")
    with django_capture_on_commit_callbacks(execute=True):
        practice(title="Бостеринин жаңы борбору", oblast="issyk-kul", municipality="bosteri")
    assert "Бостеринин жаңы борбору" in client.get("/ky/practices/").content.decode()


def test_unpublishing_takes_the_page_off_at_once(client, katran, django_capture_on_commit_callbacks):
    assert client.get(katran.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        katran.unpublish()
    assert client.get(katran.url).status_code == 404


def test_renamed_reference_data_shows_at_once(client, katran, django_capture_on_commit_callbacks):
    client.get("/ky/practices/")
    with django_capture_on_commit_callbacks(execute=True):
        Oblast.objects.filter(slug="batken").update(name_ky="Баткен (жаңы аты)")
        oblast = Oblast.objects.get(slug="batken")
        oblast.save()
    assert "Баткен (жаңы аты)" in client.get("/ky/practices/").content.decode()


def test_signed_in_users_are_never_served_from_the_cache_nor_fill_it(client, katran, admin_user):
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get(katran.url)
    assert "X-Page-Cache" not in client.get(katran.url)
    client.logout()
    assert client.get(katran.url)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("url", ["/ky/share/", "/ky/search/?q=бакча", "/healthz", "/ky/no-such-page/"])
def test_forms_searches_probes_and_errors_are_not_cached(client, katran, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_the_replication_form_with_its_csrf_token_is_not_cached(client, katran):
    url = f"/ky/replicate/{katran.pk}/"
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_caching_can_be_turned_off(client, katran, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get(katran.url)
    assert "X-Page-Cache" not in client.get(katran.url)


@pytest.mark.parametrize("query", [
    "?q=бакча", "?oblast=batken&oblast=chui", "?utm_source=x", "?page=" + "9" * 60,
    "?oblast=batken&service=a&group=b&funding=c&status=d",
])
def test_made_up_addresses_are_served_but_not_stored(client, katran, query):
    client.get("/ky/practices/" + query)
    response = client.get("/ky/practices/" + query)
    assert response.status_code == 200 and "X-Page-Cache" not in response

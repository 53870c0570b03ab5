"""The admin report of popular queries and queries that found nothing."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db

URL = "/admin/reports/search-queries/"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("moderator", "m@example.org", "pw"))
    return client


@pytest.fixture
def days():
    today = timezone.localdate()

    def day(query, ago, searches, nothing=0, partial=0, language="ky"):
        SearchQueryDay.objects.create(
            query=query, language=language, date=today - datetime.timedelta(days=ago),
            searches=searches, without_results=nothing, partial_results=partial,
        )

    day("бала бакча", 0, 5)
    day("бала бакча", 3, 4, language="ru")
    day("бала бакча", 60, 20)
    day("таштанды", 1, 3, nothing=3)
    day("суу түтүгү", 2, 2, partial=2)
    day("космодром", 200, 9, nothing=9)


def rows(response):
    return [(row["query"], row["total"], row["nothing"], row["partial"]) for row in response.context["object_list"]]


def test_report_lists_queries_most_searched_first(admin_client, days):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [
        ("бала бакча", 29, 0, 0), ("космодром", 9, 9, 0), ("таштанды", 3, 3, 0), ("суу түтүгү", 2, 0, 2),
    ]


def test_report_for_a_period(admin_client, days):
    assert rows(admin_client.get(URL, {"period": "7"})) == [
        ("бала бакча", 9, 0, 0), ("таштанды", 3, 3, 0), ("суу түтүгү", 2, 0, 2),
    ]
    assert [r[0] for r in rows(admin_client.get(URL, {"period": "90"}))] == ["бала бакча", "таштанды", "суу түтүгү"]


def test_report_of_queries_that_found_nothing(admin_client, days):
    assert rows(admin_client.get(URL, {"outcome": "nothing"})) == [("космодром", 9, 9, 0), ("таштанды", 3, 3, 0)]
    assert rows(admin_client.get(URL, {"outcome": "nothing", "period": "30"})) == [("таштанды", 3, 3, 0)]
    assert rows(admin_client.get(URL, {"outcome": "partial"})) == [("суу түтүгү", 2, 0, 2)]


def test_report_by_site_language(admin_client, days):
    assert rows(admin_client.get(URL, {"language": "ru"})) == [("бала бакча", 4, 0, 0)]


def test_report_can_be_searched_and_sorted(admin_client, days):
    assert [r[0] for r in rows(admin_client.get(URL, {"q": "бакча"}))] == ["бала бакча"]
    assert [r[0] for r in rows(admin_client.get(URL, {"ordering": "query"}))] == [
        "бала бакча", "космодром", "суу түтүгү", "таштанды",
    ]


def test_report_links_each_query_to_the_public_search(admin_client, days):
    body = admin_client.get(URL).content.decode()
    assert 'href="/ky/search/?q=%D1%82%D0%B0%D1%88%D1%82%D0%B0%D0%BD%D0%B4%D1%8B"' in body


def test_report_exports_csv_with_kyrgyz_letters(admin_client, days):
    response = admin_client.get(URL, {"export": "csv", "period": "7"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = [line for line in text.splitlines() if line]
    # The admin speaks the portal's default language, Kyrgyz, to a user who chose none.
    assert lines[0] == "Суроо-талап,Издөөлөр,Эч нерсе табылган жок,Сөздөрдүн айрымдары гана табылды"
    assert "суу түтүгү,2,0,2" in lines


@pytest.mark.parametrize("params", [{"period": "-1"}, {"period": "abc"}, {"outcome": "<script>"},
                                    {"ordering": "password"}, {"p": "999"}])
def test_report_survives_odd_parameters(admin_client, days, params):
    assert admin_client.get(URL, params).status_code == 200


def test_report_needs_the_permission(client, django_user_model, days):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL not in menu
    user.user_permissions.add(Permission.objects.get(codename="view_searchqueryday"))
    assert client.get(URL).status_code == 200


def test_wagtails_own_search_terms_report_is_hidden(admin_client, days):
    body = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in body
    assert reverse("wagtailsearchpromotions:search_terms") not in body


def test_a_200_character_query_wraps_and_keeps_its_whole_text(admin_client, days):
    # A reader pasted a paragraph; words without spaces are the worst case for a table cell.
    long_query = ("айылөкмөтүнүнмуниципалдыксоциалдыктапшырыгы" * 5)[:200]
    SearchQueryDay.objects.create(query=long_query, language="ky", date=timezone.localdate(), searches=50)
    body = admin_client.get(URL).content.decode()
    cell = re.search(r'<td class="wrap-anywhere[^"]*">(.*?)</td>', body, flags=re.S)
    assert cell, "the query cell may not break its text"
    link = re.search(r'<a href="[^"]*" title="([^"]*)"[^>]*>([^<]*)</a>', cell.group(1))
    assert link.group(1) == long_query
    assert len(link.group(2)) <= 80 and link.group(2).endswith("…")
    whole = re.search(r"<details>\s*<summary>Суроо-талап толугу менен</summary>\s*<span[^>]*>([^<]*)</span>",
                      cell.group(1))
    assert whole and whole.group(1) == long_query


def test_a_short_query_shows_whole_without_a_fold(admin_client, days):
    body = admin_client.get(URL).content.decode()
    assert re.search(r'title="таштанды"[^>]*>таштанды</a>', body)
    assert "<details>" not in body

"""The admin's page search, where the dashboard's search box sends its query."""

import re

import pytest
from django.urls import reverse

from tests.factories import KATRAN_TITLE

pytestmark = pytest.mark.django_db

ODD_QUERIES = ['"', 'Алтын"Бешик', '"""', "'\"<>", "«Алтын-Бешик", "(", "NEAR(", "*", "-", "OR AND NOT", " "]


def dashboard_search_url(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return re.search(r'<form[^>]*action="([^"]+)"[^>]*role="search"', response.content.decode()).group(1)


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_dashboard_search_answers_odd_input_without_an_error(login, contributor, katran_draft, query):
    client = login(contributor)
    response = client.get(dashboard_search_url(client), {"q": query})
    assert response.status_code == 200


def test_dashboard_search_with_a_stray_quote_still_finds_the_word(login, moderator, katran_draft):
    client = login(moderator)
    response = client.get(dashboard_search_url(client), {"q": 'Алтын"'})
    assert response.status_code == 200
    response = client.get(dashboard_search_url(client), {"q": "Алтын"})
    assert [page.draft_title for page in response.context["object_list"]] == [KATRAN_TITLE]


def test_page_search_answers_a_quote_without_an_error(login, moderator, katran_draft):
    response = login(moderator).get(reverse("wagtailadmin_pages:search"), {"q": '"Алтын'})
    assert response.status_code == 200

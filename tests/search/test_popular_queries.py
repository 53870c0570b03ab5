"""The promoted-results screens: help that tells how picks really match, and readers' queries to choose from."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.users.models import UserProfile

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
from search.editorial import promoted_results
from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/search-promotions/popular-queries/"
MATCHING = {
    "ky": "кыргызча мүчөлөр алынып салынат, ң, ө, ү ордуна жазылган н, о, у ошол эле тамгалар деп эсептелет",
    "ru": "кыргызские окончания отбрасываются, а н, о, у, набранные вместо ң, ө, ү, считаются теми же буквами",
}


@pytest.fixture
def role_user(site_tree, django_user_model):
    from moderation.setup import ensure_moderation

    ensure_moderation()

    def make(role, language="ky"):
        user = django_user_model.objects.create_user(role.split()[0].lower(), password="pw")
        user.groups.add(Group.objects.get(name=role))
        UserProfile.get_for_user(user)
        UserProfile.objects.filter(user=user).update(preferred_language=language)
        return user

    return make


@pytest.fixture
def moderator_client(client, role_user):
    def as_moderator(language="ky"):
        client.force_login(role_user(MODERATORS, language))
        return client

    return as_moderator


@pytest.fixture
def searched():
    today = timezone.localdate()
    for query, ago, searches in [("бала бакча", 0, 5), ("бала бакча", 40, 4), ("таштанды", 1, 7), ("суу", 2, 1)]:
        SearchQueryDay.objects.create(query=query, language="ky", date=today - datetime.timedelta(days=ago),
                                      searches=searches)


def chooser_html(response):
    # The chooser opens as a modal, whose HTML comes inside JSON; its later pages come as plain HTML.
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def chooser_rows(response):
    return [
        (html.unescape(query), int(count))
        for query, count in re.findall(
            r'data-querystring="([^"]*)"[^>]*>[^<]*</a>\s*</td>\s*<td>(\d+)</td>', chooser_html(response),
        )
    ]


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("screen", ["add", "edit"])
def test_promoted_results_screens_describe_matching_on_analysed_words(moderator_client, practice, language, screen):
    query = Query.get("бала бакча")
    SearchPromotion.objects.create(query=query, page=practice(municipality="katran"))
    url = reverse("wagtailsearchpromotions:add" if screen == "add" else "wagtailsearchpromotions:edit",
                  args=[] if screen == "add" else [query.pk])
    response = moderator_client(language).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert MATCHING[language] in body
    assert "exact match" not in body and "exact search" not in body
    assert "«онугуу программасы»" in body


def test_the_help_texts_examples_are_how_picks_match(practice):
    page = practice(municipality="katran")
    SearchPromotion.objects.create(query=Query.get("бала бакча"), page=page)
    SearchPromotion.objects.create(query=Query.get("өнүгүү программасы"), page=page)
    for typed in ("Бала бакчалар", "баланын бакчасы", "бала жана бакча", "онугуу программасы"):
        assert [pick["page"].pk for pick in promoted_results(typed, "ky")] == [page.pk], typed
    for typed in ("бакча бала", "бала бакча Катран"):
        assert promoted_results(typed, "ky") == [], typed


def test_the_query_field_opens_the_portals_popular_queries(moderator_client, site_tree):
    body = moderator_client().get(reverse("wagtailsearchpromotions:add")).content.decode()
    assert f"var initialUrl = '{CHOOSER}'" in body
    assert "Окурмандар издегендерден тандоо" in body


def test_popular_terms_are_the_queries_readers_searched_most_first(moderator_client, searched):
    response = moderator_client().get(CHOOSER)
    assert response.status_code == 200
    assert chooser_rows(response) == [("бала бакча", 9), ("таштанды", 7), ("суу", 1)]
    # Wagtail's own hit counter stays empty: the list does not depend on it.
    assert not QueryDailyHits.objects.exists()


def test_a_search_on_the_site_reaches_the_popular_terms(client, moderator_client, indexed):
    client.get("/ky/search/", {"q": "Бала бакча"})
    client.get("/ky/search/", {"q": "бала бакча"})
    assert ("бала бакча", 2) in chooser_rows(moderator_client().get(CHOOSER))


def test_views_count_the_searches_that_showed_the_promoted_results(client, moderator_client, indexed):
    katran = indexed[0]
    SearchPromotion.objects.create(query=Query.get("бала бакча"), page=katran)
    SearchPromotion.objects.create(query=Query.get("бала бакчалар"), page=indexed[2], sort_order=1)
    client.get("/ky/search/", {"q": "Бала бакчалар"})
    client.get("/ky/search/", {"q": "бала бакча"})
    # Paging and narrowing repeat a search; a query without picks counts nowhere.
    client.get("/ky/search/", {"q": "бала бакча", "oblast": "batken"})
    client.get("/ky/search/", {"q": "таштанды"})
    body = moderator_client().get(reverse("wagtailsearchpromotions:index")).content.decode()
    counts = {query.query_string: query.hits for query in Query.objects.filter(editors_picks__isnull=False)}
    assert counts == {"бала бакча": 2, "бала бакчалар": 2}
    assert re.search(r">\s*2\s*</td>", body)


def test_popular_terms_can_be_narrowed(moderator_client, searched):
    client = moderator_client()
    response = client.get(CHOOSER + "results/", {"q": "БАКЧА"})
    assert chooser_rows(response) == [("бала бакча", 9)]
    empty = client.get(CHOOSER + "results/", {"q": "космодром"}).content.decode()
    assert "Издөө отчетунда мындай суроо-талап табылган жок." in empty


@pytest.mark.parametrize("role", [EDITORS, CONTRIBUTORS])
def test_only_moderators_see_the_readers_queries(client, role_user, searched, role):
    client.force_login(role_user(role))
    for url in (CHOOSER, CHOOSER + "results/", reverse("wagtailsearchpromotions:add")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "таштанды" not in response.content.decode()


def test_promoted_results_screens_fetch_nothing_from_the_internet(moderator_client, searched):
    # Links out are fine; what the browser loads by itself (images, scripts, styles, frames) is not.
    fetched = re.compile(
        r'<(?:img|script|iframe|source|link)\b[^>]*\b(?:src|href|srcset)="(?:https?:)?//(?!testserver)',
    )
    client = moderator_client()
    for url in (reverse("wagtailsearchpromotions:index"), reverse("wagtailsearchpromotions:add"), CHOOSER):
        body = chooser_html(client.get(url))
        assert not fetched.search(body), url

"""Search in the admin: editors manage synonyms and promoted results."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion

from search.models import LexiconEntry, SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("moderator", "m@example.org", "pw"))
    return client


def test_editor_adds_a_synonym_group_in_the_admin(admin_client, site_tree):
    url = reverse("wagtailsnippets_search_synonymgroup:add")
    response = admin_client.post(url, {"term": "ЖӨБ", "equivalents": "жергиликтүү өз алдынча башкаруу\r\nМСУ\r\n",
                                       "note": ""})
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert group.equivalent_list == ["жергиликтүү өз алдынча башкаруу", "МСУ"]
    listing = admin_client.get(reverse("wagtailsnippets_search_synonymgroup:list")).content.decode()
    assert "жергиликтүү өз алдынча башкаруу; МСУ" in listing


def test_invalid_synonym_group_is_shown_again_with_a_message(admin_client, site_tree):
    url = reverse("wagtailsnippets_search_synonymgroup:add")
    response = admin_client.post(url, {"term": "ЖӨБ", "equivalents": " \r\n ", "note": "өз алдынча"})
    assert response.status_code == 200
    assert not SynonymGroup.objects.exists()
    body = response.content.decode()
    assert "Жок дегенде бир маанилеш сөз жазыңыз." in body
    assert 'value="ЖӨБ"' in body and "өз алдынча" in body


def test_editor_promotes_a_practice_for_a_query(admin_client, practice):
    page = practice(municipality="katran")
    response = admin_client.post(reverse("wagtailsearchpromotions:add"), {
        "query_string": "Бала бакча",
        "editors_picks-TOTAL_FORMS": "1", "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MIN_NUM_FORMS": "0", "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-page": str(page.pk), "editors_picks-0-description": "",
        "editors_picks-0-ORDER": "1", "editors_picks-0-external_link_url": "",
        "editors_picks-0-external_link_text": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchPromotion.objects.get().page_id == page.pk
    found = admin_client.get("/ky/search/", {"q": "бала бакчалар"}).context["picks"]
    assert [pick["page"].pk for pick in found] == [page.pk]


def test_moderator_adds_a_lexicon_row_in_the_admin(client, django_user_model, site_tree, indexed):
    from moderation.roles import MODERATORS, ensure_roles

    moderator = django_user_model.objects.create_user("lexicographer", "l@example.org", "pw")
    moderator.groups.add(ensure_roles()[MODERATORS])
    client.force_login(moderator)
    assert client.get("/admin/").content.decode().count(str(reverse("wagtailsnippets_search_lexiconentry:list"))) >= 1
    response = client.post(reverse("wagtailsnippets_search_lexiconentry:add"), {
        "kyrgyz": "реабилитациялык\r\n", "russian": "реабилитационный\r\nреабилитации", "english": "",
        "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LexiconEntry.objects.get()
    assert entry.expressions() == [
        ("реабилитациялык", "ky"), ("реабилитационный", "ru"), ("реабилитации", "ru"),
    ]
    listing = client.get(reverse("wagtailsnippets_search_lexiconentry:list")).content.decode()
    assert "реабилитационный; реабилитации" in listing
    _, _, bosteri = indexed
    found = client.get("/ru/search/", {"q": "реабилитационный"}).context["found"]
    assert [page.pk for page, _ in found] == [bosteri.pk]


def test_invalid_lexicon_row_is_shown_again_with_a_message(admin_client, site_tree):
    response = admin_client.post(reverse("wagtailsnippets_search_lexiconentry:add"), {
        "kyrgyz": "мектеп", "russian": "", "english": "", "note": "жалгыз",
    })
    assert response.status_code == 200
    assert not LexiconEntry.objects.exists()
    body = response.content.decode()
    assert "Жок дегенде эки туюнтма жазыңыз" in body
    assert "мектеп" in body

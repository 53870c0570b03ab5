"""Editors steer search: promoted results, their own synonyms, and counting what readers search for."""

import datetime

import pytest
from django.db import DatabaseError
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import editorial
from search.models import SearchQueryDay, SynonymGroup
from tests.factories import BOSTERI_TITLE

pytestmark = pytest.mark.django_db


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, **fields)


# Picks ---------------------------------------------------------------------------


def test_pick_shows_above_the_results_for_its_query(client, indexed):
    _, _, bosteri = indexed
    promote("бала бакча", page=bosteri, description="Эң жакшы тажрыйба")
    response = client.get("/ky/search/", {"q": "бала бакча"})
    body = response.content.decode()
    assert [pick["title"] for pick in response.context["picks"]] == [BOSTERI_TITLE]
    assert body.index("Эң жакшы тажрыйба") < body.index('id="results-heading"')


def test_pick_matches_other_forms_of_the_query(client, indexed):
    _, _, bosteri = indexed
    promote("Бала бакча", page=bosteri)
    for typed in ("бала  бакчалар", "БАЛА БАКЧАГА", "бала бакча?"):
        response = client.get("/ky/search/", {"q": typed})
        assert [pick["page"].pk for pick in response.context["picks"]] == [bosteri.pk], typed


def test_pick_for_a_query_typed_without_kyrgyz_letters(client, indexed):
    katran, _, _ = indexed
    promote("мектепке чейинки билим берүү", page=katran)
    response = client.get("/ky/search/", {"q": "мектепке чейинки билим беруу"})
    assert [pick["page"].pk for pick in response.context["picks"]] == [katran.pk]


def test_pick_is_not_shown_for_another_query(client, indexed):
    _, _, bosteri = indexed
    promote("бала бакча", page=bosteri)
    assert client.get("/ky/search/", {"q": "бала"}).context["picks"] == []


def test_pick_comes_in_the_readers_language(client, indexed):
    katran, russian, _ = indexed
    promote("Катран", page=katran)
    response = client.get("/ru/search/", {"q": "Катран"})
    assert [pick["page"].pk for pick in response.context["picks"]] == [russian.pk]


def test_unpublished_pick_is_not_shown(client, indexed):
    _, _, bosteri = indexed
    promote("бала бакча", page=bosteri)
    bosteri.unpublish()
    assert client.get("/ky/search/", {"q": "бала бакча"}).context["picks"] == []


def test_external_link_pick(client, indexed):
    promote("закон", external_link_url="https://example.org/law", external_link_text="Мыйзам")
    response = client.get("/ky/search/", {"q": "закон"})
    assert response.context["picks"][0]["url"] == "https://example.org/law"
    assert 'href="https://example.org/law"' in response.content.decode()


def test_pick_shows_even_when_nothing_is_found(client, indexed):
    _, _, bosteri = indexed
    promote("космос", page=bosteri)
    response = client.get("/ky/search/", {"q": "космос"})
    assert response.context["results"].total == 0
    assert [pick["page"].pk for pick in response.context["picks"]] == [bosteri.pk]


def test_picks_only_on_the_first_page(client, indexed):
    _, _, bosteri = indexed
    promote("бала бакча", page=bosteri)
    assert client.get("/ky/search/", {"q": "бала бакча", "page": 2}).context["picks"] == []


def test_json_endpoint_returns_the_picks(client, indexed):
    _, _, bosteri = indexed
    promote("бала бакча", page=bosteri, description="Жакшы")
    data = client.get("/api/search/", {"q": "бала бакча", "language": "ky"}).json()
    assert data["picks"] == [{
        "title": BOSTERI_TITLE, "url": f"http://testserver{bosteri.url}", "description": "Жакшы", "id": bosteri.pk,
    }]


def test_search_still_answers_when_picks_cannot_be_read(client, indexed, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("table is locked")

    monkeypatch.setattr(SearchPromotion.objects, "select_related", broken)
    response = client.get("/ky/search/", {"q": "Катран"})
    assert response.status_code == 200
    assert response.context["picks"] == []
    assert response.context["results"].total >= 1


# The query log -----------------------------------------------------------------------


def test_each_search_is_counted_by_day_without_the_reader(client, indexed):
    client.get("/ky/search/", {"q": "Катран"})
    client.get("/ky/search/", {"q": "  КАТРАН "}, REMOTE_ADDR="10.1.2.3")
    client.get("/ru/search/", {"q": "Катран"})
    rows = {(row.query, row.language): row for row in SearchQueryDay.objects.all()}
    assert set(rows) == {("катран", "ky"), ("катран", "ru")}
    assert rows["катран", "ky"].searches == 2
    assert rows["катран", "ky"].without_results == 0
    stored = " ".join(str(value) for row in SearchQueryDay.objects.values() for value in row.values())
    assert "10.1.2.3" not in stored


def test_search_that_found_nothing_is_counted_as_such(client, indexed):
    client.get("/ky/search/", {"q": "космодром"})
    row = SearchQueryDay.objects.get()
    assert (row.query, row.searches, row.without_results, row.partial_results) == ("космодром", 1, 1, 0)


def test_search_that_found_only_some_words_is_counted_as_such(client, indexed):
    client.get("/ky/search/", {"q": "Катран космодром"})
    row = SearchQueryDay.objects.get()
    assert (row.searches, row.without_results, row.partial_results) == (1, 0, 1)


def test_paging_and_narrowing_are_not_new_searches(client, indexed):
    client.get("/ky/search/", {"q": "борбор"})
    client.get("/ky/search/", {"q": "борбор", "page": 2})
    client.get("/ky/search/", {"q": "борбор", "oblast": "batken"})
    assert SearchQueryDay.objects.get().searches == 1


def test_empty_query_is_not_counted(client, indexed):
    client.get("/ky/search/", {"q": "   "})
    assert not SearchQueryDay.objects.exists()


def test_search_answers_when_counting_fails(client, indexed, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchQueryDay.objects, "get_or_create", broken)
    response = client.get("/ky/search/", {"q": "Катран"})
    assert response.status_code == 200
    assert response.context["results"].total >= 1


def test_a_new_day_starts_a_new_row(client, indexed, monkeypatch):
    client.get("/ky/search/", {"q": "Катран"})
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(editorial.timezone, "localdate", lambda: tomorrow)
    client.get("/ky/search/", {"q": "Катран"})
    assert sorted(SearchQueryDay.objects.values_list("searches", flat=True)) == [1, 1]


# Editors' synonyms ------------------------------------------------------------------


def test_editors_synonym_finds_pages_at_the_next_search(client, indexed):
    _, _, bosteri = indexed
    assert client.get("/ky/search/", {"q": "РЦ"}).context["results"].total == 0
    SynonymGroup.objects.create(term="РЦ", equivalents="реабилитациялык борбор\nреабилитационный центр")
    found = client.get("/ky/search/", {"q": "РЦ"}).context["found"]
    assert [page.pk for page, _ in found] == [bosteri.pk]


def test_deleted_synonym_stops_matching(client, indexed):
    group = SynonymGroup.objects.create(term="РЦ", equivalents="реабилитациялык борбор")
    assert client.get("/ky/search/", {"q": "РЦ"}).context["results"].total == 1
    group.delete()
    assert client.get("/ky/search/", {"q": "РЦ"}).context["results"].total == 0


def test_built_in_synonyms_still_work_beside_the_editors(client, indexed):
    SynonymGroup.objects.create(term="РЦ", equivalents="реабилитациялык борбор")
    table = editorial.current_synonyms()
    built_in = editorial.build_synonyms().rows
    assert set(built_in) < set(table.rows)
    assert len(table.rows) == len(built_in) + 1


@pytest.mark.parametrize("equivalents, field", [
    ("", "equivalents"),
    ("\n \n", "equivalents"),
    ("\n".join(f"сөз {n}" for n in range(40)), "equivalents"),
    ("бир эки үч төрт беш алты жети сегиз тогуз он он бир он эки он үч", "equivalents"),
])
def test_synonym_group_rejects_what_the_search_cannot_use(equivalents, field):
    from django.core.exceptions import ValidationError

    group = SynonymGroup(term="РЦ", equivalents=equivalents)
    with pytest.raises(ValidationError) as raised:
        group.full_clean()
    assert field in raised.value.message_dict


# Moderators' lexicon ----------------------------------------------------------------


def test_moderators_lexicon_row_finds_pages_at_the_next_search(client, indexed):
    from search.models import LexiconEntry

    _, _, bosteri = indexed
    assert client.get("/ru/search/", {"q": "реабилитационный"}).context["results"].total == 0
    entry = LexiconEntry.objects.create(kyrgyz="реабилитациялык", russian="реабилитационный")
    response = client.get("/ru/search/", {"q": "реабилитационный"})
    assert [page.pk for page, _ in response.context["found"]] == [bosteri.pk]
    [group] = response.context["query"].analyzed.groups
    assert any(group.lexical)
    entry.delete()
    assert client.get("/ru/search/", {"q": "реабилитационный"}).context["results"].total == 0


def test_moderators_row_can_replace_built_in_translations(client, indexed):
    from search.models import LexiconEntry

    assert client.get("/ru/search/", {"q": "дети"}).context["results"].total > 0
    LexiconEntry.objects.create(kyrgyz="балдар", replaces_built_in=True, note="«дети» finds too much")
    table = editorial.current_lexicon()
    assert table is not editorial.build_lexicon()
    response = client.get("/ru/search/", {"q": "дети"})
    [group] = response.context["query"].analyzed.groups
    assert not any(group.lexical)


def test_built_in_lexicon_serves_while_no_moderator_row_exists(indexed):
    from search.analysis.lexicon import default_lexicon

    assert editorial.current_lexicon() is default_lexicon()


@pytest.mark.parametrize("fields", [
    {},
    {"kyrgyz": "мектеп"},
    {"kyrgyz": "\n \n", "russian": " "},
    {"kyrgyz": "\n".join(f"сөз {n}" for n in range(40))},
    {"kyrgyz": "мектеп", "russian": "бир эки үч төрт беш алты жети сегиз тогуз он он бир он эки он үч"},
])
def test_lexicon_entry_rejects_what_the_search_cannot_use(fields):
    from django.core.exceptions import ValidationError

    from search.models import LexiconEntry

    with pytest.raises(ValidationError):
        LexiconEntry(**fields).full_clean()
    assert LexiconEntry(kyrgyz="мектеп", replaces_built_in=True).full_clean() is None

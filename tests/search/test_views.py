"""The search page and its JSON twin: results, facets, paging and any input at all."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import BOSTERI_TITLE

pytestmark = pytest.mark.django_db


def test_inflected_query_finds_the_case_with_a_highlighted_snippet(client, indexed):
    response = client.get("/ky/search/", {"q": "балдарга"})
    assert response.status_code == 200
    titles = [page.title for page, _ in response.context["found"]]
    assert BOSTERI_TITLE in titles
    assert "<mark>" in response.content.decode()


def test_facet_links_narrow_the_results(client, indexed):
    response = client.get("/ky/search/", {"q": "борбор"})
    oblasts = next(f for f in response.context["facets"] if f["name"] == "oblast")
    assert {o["value"]: o["count"] for o in oblasts["options"]} == {"batken": 1, "issyk-kul": 1}
    assert 'href="?q=%D0%B1%D0%BE%D1%80%D0%B1%D0%BE%D1%80&amp;oblast=issyk-kul"' in response.content.decode()
    narrowed = client.get("/ky/search/", {"q": "борбор", "oblast": "issyk-kul"})
    assert [page.title for page, _ in narrowed.context["found"]] == [BOSTERI_TITLE]


def test_readers_language_version_stands_for_the_case(client, indexed):
    katran, russian, _ = indexed
    response = client.get("/ru/search/", {"q": "Алтын-Бешик"})
    assert [page.pk for page, _ in response.context["found"]] == [russian.pk]
    response = client.get("/ky/search/", {"q": "Алтын-Бешик"})
    assert [page.pk for page, _ in response.context["found"]] == [katran.pk]


def test_no_results_page_suggests_what_to_do(client, indexed):
    response = client.get("/ky/search/", {"q": "космос"})
    body = response.content.decode()
    assert response.context["results"].total == 0
    assert "/practices/service/preschool-education/" in body


def test_json_endpoint_returns_the_same_results(client, indexed):
    page_response = client.get("/ky/search/", {"q": "Катран"})
    data = client.get("/api/search/", {"q": "Катран", "language": "ky"}).json()
    assert [r["id"] for r in data["results"]] == [p.pk for p, _ in page_response.context["found"]]
    assert data["results"][0]["translations"]


def test_autocomplete_offers_titles_and_places(client, indexed):
    data = client.get("/api/autocomplete/", {"q": "Катр"}).json()
    assert any("Катран" in s for s in data["suggestions"])


@pytest.mark.parametrize("params", [
    {"q": ""}, {"q": '"'}, {"q": "\x00"}, {"q": "a" * 10_000}, {"q": "балдар", "page": "-1"},
    {"q": "балдар", "page": "abc"}, {"q": "балдар", "oblast": "atlantis"}, {"q": "NEAR(a b) OR *"},
    {"q": "балдар", "year": "not-a-year"}, {"q": "балдар", "year": "²"}, {"q": "балдар", "year": "7" * 5000},
    {"q": "балдар", "page": "٣"}, {"q": "балдар", "oblast": "a\x00b"}, {"q": "балдар", "page": "9" * 5000},
])
def test_odd_input_gets_a_sensible_page(client, indexed, params):
    assert client.get("/ky/search/", params).status_code == 200
    assert client.get("/api/search/", params).status_code == 200


def test_a_year_that_is_not_ascii_digits_keeps_the_query_and_drops_the_filter(client, indexed):
    response = client.get("/ky/search/", {"q": "балдар", "year": "²", "page": "٣"})
    assert response.status_code == 200
    assert response.context["query"].text == "балдар"
    assert "year" not in response.context["query"].filters
    assert response.context["query"].page == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), page=st.text(max_size=5))
def test_any_unicode_query_is_answered(client, indexed, text, page):
    assert client.get("/ky/search/", {"q": text, "page": page}).status_code == 200


def test_mistyped_query_offers_a_corrected_query_that_keeps_the_filters(client, indexed):
    response = client.get("/ky/search/", {"q": "реабилитациялк", "oblast": "issyk-kul"})
    page = response.content.decode()
    assert response.context["results"].total == 0
    assert "Балким, сиз муну издегенсиз:" in page
    assert 'href="?q=%D1%80%D0%B5%D0%B0%D0%B1%D0%B8%D0%BB%D0%B8%D1%82%D0%B0%D1%86%D0%B8%D1%8F%D0%BB%D1%8B%D0%BA&amp;oblast=issyk-kul"' in page
    api = client.get("/api/search/", {"q": "реабилитациялк", "language": "ru"}).json()
    assert api["suggestion"] == "реабилитациялык" and api["total"] == 0


def _link(body, rel):
    import html
    import re

    found = re.search(rf'<a href="([^"]*)" rel="{rel}">', body)
    return html.unescape(found.group(1)) if found else None


def test_next_and_previous_links_page_through_the_same_query(client, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(13):
            practice(title=f"Ичүүчү суу түтүгү №{number}", summary="Айылга таза суу келди.")
    first = client.get("/ky/search/", {"q": "суу түтүгү"})
    next_link = _link(first.content.decode(), "next")
    assert next_link.startswith("?") and not next_link.startswith("??")
    second = client.get("/ky/search/" + next_link)
    assert second.context["query"].text == "суу түтүгү"
    first_titles = {page.title for page, _ in first.context["found"]}
    second_titles = {page.title for page, _ in second.context["found"]}
    assert len(first_titles) == 10 and len(second_titles) == 3
    assert not first_titles & second_titles
    assert _link(second.content.decode(), "next") is None
    back = client.get("/ky/search/" + _link(second.content.decode(), "prev"))
    assert {page.title for page, _ in back.context["found"]} == first_titles


def test_every_live_translation_is_offered_the_readers_language_first(client, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kyrgyz = practice(title="Көк-Жарда жаңы суу түтүгү", summary="Айылга таза суу келди, эл кубанычтуу.")
        english = practice(title="A new water pipe", summary="Clean water reached the village.", language="en",
                           translation_of=kyrgyz)
        russian = practice(title="Новый водопровод", summary="В село пришла чистая вода.", language="ru",
                           translation_of=kyrgyz)
    # Only the Kyrgyz text has the word, and no translation of it; the reader still gets the Russian version.
    response = client.get("/ru/search/", {"q": "кубанычтуу"})
    [(page, _)] = response.context["found"]
    assert page.pk == kyrgyz.pk
    assert [version.pk for version in page.other_versions] == [russian.pk, english.pk]
    body = response.content.decode()
    assert f'href="{russian.url}" lang="ru" hreflang="ru"' in body
    assert f'href="{english.url}" lang="en" hreflang="en"' in body
    data = client.get("/api/search/", {"q": "кубанычтуу", "language": "en"}).json()
    assert [(version["id"], version["language"]) for version in data["results"][0]["translations"]] == [
        (english.pk, "en"), (russian.pk, "ru"),
    ]


def test_an_unpublished_translation_is_not_offered(client, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kyrgyz = practice(title="Көк-Жарда жаңы суу түтүгү", summary="Айылга таза суу келди, эл кубанычтуу.")
        russian = practice(title="Новый водопровод", summary="В село пришла чистая вода.", language="ru",
                           translation_of=kyrgyz)
    russian.unpublish()
    [(page, _)] = client.get("/ru/search/", {"q": "түтүгү"}).context["found"]
    assert page.other_versions == []


# Across languages, through the domain lexicon --------------------------------------

PASTURE_TITLE = "Ат-Башыда жайыт комитети жайыттарды пландуу пайдаланууну жолго койду"
PASTURE_SUMMARY = (
    "Ат-Башы айыл аймагынын жайыт комитети жайыттарды инвентаризациялап, малды айдоо графиги бар "
    "жайыт пайдалануу планын бекитти."
)
WATER_TITLE = "Строительство водопровода и счётчики воды в Массы"
WATER_SUMMARY = (
    "Айылный аймак Массы при строительстве водопровода установил счётчики в каждом доме и добился "
    "бережного расходования воды."
)


@pytest.fixture
def one_language_cases(practice, django_capture_on_commit_callbacks):
    """A case only in Kyrgyz and another only in Russian, published and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        pasture = practice(title=PASTURE_TITLE, summary=PASTURE_SUMMARY, oblast="naryn", municipality="at-bashy",
                           services=("pastures-agriculture",))
        water = practice(title=WATER_TITLE, summary=WATER_SUMMARY, language="ru", oblast="jalal-abad",
                         municipality="massy", services=("water-supply",))
    return pasture, water


def _found_without_lexicon(client, monkeypatch, path, text):
    """Neither the reader's words nor any synonym reach the page: only the lexicon does."""
    from search.analysis.lexicon import build_lexicon
    from search.models import SynonymGroup

    assert not SynonymGroup.objects.exists()
    with monkeypatch.context() as patched:
        patched.setattr("search.query.current_lexicon", lambda: build_lexicon(defaults=False))
        return client.get(path, {"q": text}).context["results"].total


def test_russian_query_finds_a_case_that_exists_only_in_kyrgyz(client, monkeypatch, one_language_cases):
    pasture, _ = one_language_cases
    assert _found_without_lexicon(client, monkeypatch, "/ru/search/", "пастбища") == 0
    response = client.get("/ru/search/", {"q": "пастбища"})
    assert [page.pk for page, _ in response.context["found"]] == [pasture.pk]
    body = response.content.decode()
    assert '<h3 class="card-title" lang="ky">' in body
    assert '<span class="tag tag-language">на кыргызском</span>' in body


def test_kyrgyz_query_finds_a_case_that_exists_only_in_russian(client, monkeypatch, one_language_cases):
    _, water = one_language_cases
    assert _found_without_lexicon(client, monkeypatch, "/ky/search/", "суунун") == 0
    response = client.get("/ky/search/", {"q": "суунун"})
    assert [page.pk for page, _ in response.context["found"]] == [water.pk]
    body = response.content.decode()
    assert '<h3 class="card-title" lang="ru">' in body
    assert '<span class="tag tag-language">орусча</span>' in body
    data = client.get("/api/search/", {"q": "суунун", "language": "ky"}).json()
    assert [(result["id"], result["language"]) for result in data["results"]] == [(water.pk, "ru")]


def test_result_in_the_readers_language_is_not_marked(client, one_language_cases):
    body = client.get("/ky/search/", {"q": "жайыттар"}).content.decode()
    assert PASTURE_TITLE in body
    assert "tag-language" not in body and '<h3 class="card-title" lang=' not in body


def test_search_and_the_catalogue_share_one_facet_vocabulary():
    from practices.browse import SLUG_FACETS as CATALOGUE
    from search.engines.base import FACETS
    from search.query import SLUG_FACETS

    assert set(SLUG_FACETS) == set(CATALOGUE) and set(SLUG_FACETS) <= set(FACETS)

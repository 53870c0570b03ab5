"""The practice list: filters that combine, counts, landing pages and bad input."""

import pytest

from practices.browse import apply_filters, facet_counts, localized_practices, parse_filters
from practices.models import Municipality
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_practices(practice):
    katran = practice(municipality="katran", funding=("social-order", "donor-grant"), groups=("children",))
    bosteri = practice(
        title=BOSTERI_TITLE,
        summary=BOSTERI_SUMMARY,
        oblast="issyk-kul",
        municipality="bosteri",
        services=("inclusive-education", "social-services"),
        groups=("children", "persons-with-disabilities"),
        funding=("local-budget",),
        status="running",
        start_year=2017,
        end_year=None,
    )
    kant = practice(
        title="Кант шаарындагы таштанды чогултуу",
        summary="Шаар калдыктарды бөлүп чогултууну уюштурду.",
        oblast="chui",
        municipality="kant",
        services=("solid-waste",),
        funding=("local-budget", "community-contribution"),
        groups=("all-residents",),
        status="running",
        start_year=2021,
        end_year=None,
    )
    return katran, bosteri, kant


def get_list(client, query="", language="ky", path=""):
    return client.get(f"/{language}/practices/{path}" + (f"?{query}" if query else ""))


def titles(response):
    return [p.title for p in response.context["practices"]]


def options(response, name):
    for field in response.context["filter_fields"]:
        if field["name"] == name:
            return {option.value: option.count for option in field["options"]}
    return {}


def test_list_shows_every_live_practice(client, three_practices):
    response = get_list(client)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3


def test_oblast_and_service_filters_combine(client, three_practices):
    response = get_list(client, "oblast=issyk-kul&service=social-services")
    assert titles(response) == [BOSTERI_TITLE]
    response = get_list(client, "oblast=issyk-kul&service=solid-waste")
    assert titles(response) == []


def test_counts_show_what_choosing_each_option_would_give(client, three_practices):
    response = get_list(client, "funding=local-budget")
    # Two practices are paid from the local budget: Bosteri (Issyk-Kul) and Kant (Chui).
    assert options(response, "oblast") == {"issyk-kul": 1, "chui": 1}
    # The funding facet ignores its own choice, so other sources still show their totals.
    assert options(response, "funding")["social-order"] == 1
    assert options(response, "funding")["local-budget"] == 2
    assert options(response, "status") == {"running": 2}


def test_rural_and_urban_filter_uses_the_municipality_kind(client, three_practices):
    assert Municipality.objects.get(slug="kant").kind != "ayil_aimak"
    response = get_list(client, "settlement=urban")
    assert titles(response) == ["Кант шаарындагы таштанды чогултуу"]
    assert options(response, "settlement") == {"rural": 2, "urban": 1}


def test_year_filter_keeps_practices_running_that_year(client, three_practices):
    response = get_list(client, "year=2015")
    assert titles(response) == [three_practices[0].title]
    response = get_list(client, "year=2022")
    assert set(titles(response)) == {BOSTERI_TITLE, "Кант шаарындагы таштанды чогултуу"}


def test_group_filter(client, three_practices):
    response = get_list(client, "group=persons-with-disabilities")
    assert titles(response) == [BOSTERI_TITLE]


def test_sort_by_title_follows_the_kyrgyz_alphabet(client, practice, three_practices):
    practice(title="Өзгөн шаарындагы жарык", summary="Көчө жарыгы.", oblast="osh")
    practice(title="Ош облусундагы суу", summary="Суу.", oblast="osh")
    response = get_list(client, "sort=title")
    found = titles(response)
    # о comes before ө in Kyrgyz, though ө's code point is far after я.
    assert found.index("Ош облусундагы суу") < found.index("Өзгөн шаарындагы жарык")
    assert found[0].startswith("Бостери")


def test_unknown_filter_values_are_ignored_and_named(client, three_practices):
    response = get_list(client, "oblast=atlantis&status=sleeping&year=abcd&sort=random")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3
    ignored = dict(response.context["filters"].ignored)
    assert ignored == {"oblast": "atlantis", "status": "sleeping", "year": "abcd", "sort": "random"}
    assert "atlantis" in response.content.decode()


@pytest.mark.parametrize("page", ["-1", "0", "abc", "999999999999999999999", "2.5", "%00"])
def test_bad_page_numbers_show_a_real_page(client, three_practices, page):
    response = get_list(client, f"page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize("year", ["²", "٣", "½", "−2015", "＋2015", "2" * 5000, "1990", "-1"])
@pytest.mark.parametrize("path", ["", "oblast/batken/"])
def test_a_year_that_is_not_ascii_digits_in_range_is_ignored_and_the_query_kept(client, three_practices, year, path):
    response = get_list(client, f"q=балдар&year={year}", path=path)
    assert response.status_code == 200
    assert response.context["filters"].year is None
    assert ("year", year[:100]) in response.context["filters"].ignored
    assert 'value="балдар"' in response.content.decode()


def test_a_long_query_is_cut_to_thirty_two_words(client, three_practices):
    response = get_list(client, "q=" + "+".join(f"w{n}" for n in range(100)))
    assert response.status_code == 200
    assert len(response.context["filters"].q.split()) == 32


def test_text_filter_matches_without_kyrgyz_letters(client, three_practices):
    # Readers without a Kyrgyz keyboard type о, у, н for ө, ү, ң.
    response = get_list(client, "q=реабилитациялык+борбору")
    assert titles(response) == [BOSTERI_TITLE]
    response = get_list(client, "q=" + "бөлүп".replace("ө", "о").replace("ү", "у"))
    assert titles(response) == ["Кант шаарындагы таштанды чогултуу"]


def test_text_filter_finds_practices_by_place_name_in_any_language(client, three_practices):
    assert titles(get_list(client, "q=Katran")) == [three_practices[0].title]
    assert titles(get_list(client, "q=Катран")) == [three_practices[0].title]


def test_odd_text_queries_never_fail(client, three_practices):
    for query in ['"', "%00", "a" * 5000, "ӨҮҢ*:()^~", "   "]:
        assert get_list(client, "q=" + query).status_code == 200


def test_oblast_landing_page_lists_only_that_oblast(client, three_practices):
    response = get_list(client, path="oblast/issyk-kul/")
    assert response.status_code == 200
    assert titles(response) == [BOSTERI_TITLE]
    assert "oblast" not in [field["name"] for field in response.context["filter_fields"]]


def test_service_and_municipality_landing_pages(client, three_practices):
    assert titles(get_list(client, path="service/solid-waste/")) == ["Кант шаарындагы таштанды чогултуу"]
    assert titles(get_list(client, path="municipality/katran/")) == [three_practices[0].title]


def test_unknown_landing_slug_is_a_friendly_404_in_the_readers_language(client, three_practices):
    response = get_list(client, path="oblast/atlantis/", language="ru")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_landing_keeps_its_filter_when_other_filters_change(client, three_practices):
    response = get_list(client, "status=completed", path="oblast/issyk-kul/")
    assert titles(response) == []
    assert response.context["filters"].oblast.slug == "issyk-kul"


def test_practice_of_a_merged_municipality_shows_under_its_successor(client, practice, site_tree):
    successor = Municipality.objects.get(slug="katran")
    former = Municipality.objects.create(
        slug="former-unit", name_ky="Эски аймак", name_ru="Старый аймак", name_en="Old aimak",
        oblast=successor.oblast, rayon=successor.rayon, successor=successor,
        former_names="Кара-Таш", abolished_year=2025,
    )
    old_case = practice(title="Эски аймактын тажрыйбасы", summary="Реформага чейинки иш.",
                        municipality=former.slug)
    response = get_list(client, path="municipality/katran/")
    assert titles(response) == [old_case.title]
    # The former name still finds it.
    assert titles(get_list(client, "q=Кара-Таш")) == [old_case.title]


def test_untranslated_practice_reaches_readers_of_other_languages_once(indexes, practice):
    from wagtail.models import Locale

    kyrgyz = practice()
    practice(title="Детский центр «Алтын-Бешик» в Катране", summary="Русский перевод.",
             language="ru", translation_of=kyrgyz)
    only_kyrgyz = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    russian = Locale.objects.get(language_code="ru")
    shown = list(localized_practices(russian))
    assert len(shown) == 2
    assert {p.locale.language_code for p in shown} == {"ru", "ky"}
    assert only_kyrgyz.pk in [p.pk for p in shown]


def test_drafts_are_not_listed(client, practice, three_practices):
    practice(title="Даяр эмес долбоор", summary="Долбоор.", live=False)
    assert "Даяр эмес долбоор" not in titles(get_list(client))


def test_filter_parsing_prefers_the_narrower_place(three_practices):
    filters = parse_filters({"oblast": "chui", "municipality": "katran"})
    assert filters.oblast is None
    assert filters.municipality.slug == "katran"


def test_facet_counts_match_the_filtered_totals(three_practices):
    base = localized_practices()
    filters = parse_filters({})
    counts = facet_counts(base, filters)
    for option in counts["service"]:
        chosen = parse_filters({"service": option.value})
        assert apply_filters(base, chosen).count() == option.count


def test_list_pages_split_after_twelve(client, practice, site_tree):
    for number in range(14):
        practice(title=f"Тажрыйба {number}", summary="Кыскача.")
    first = get_list(client)
    assert len(first.context["practices"]) == 12
    second = get_list(client, "page=2")
    assert len(second.context["practices"]) == 2
    assert 'rel="next"' in first.content.decode()

"""The admin's search on the portal's analysis: page search, page listings and the page chooser."""

import re

import pytest
from django.urls import reverse

from tests.factories import BOSTERI_TITLE, KATRAN_TITLE

pytestmark = pytest.mark.django_db

ODD_QUERIES = ['"', 'Алтын"Бешик', '"""', "'\"<>", "«Алтын-Бешик", "(", "NEAR(", "*", "-", "OR AND NOT", " "]
BAD_QUERIES = ['"', "«", "»", "*^~:!", "()[]{}", "бала\x00бакча", "\x00", "бала " * 400, "ө" * 5000, "-бала", "'"]

KINDERGARTEN_TITLE = "Катрандагы бала бакча: тарбиячыларды окутуу жана тажрыйба алмашуу сапарлары"
TOURISM_TITLE = "Кочкордо айылдык туризмдин өнүгүү планы"
KAZARMAN_TITLE = "Мобильный детский сад в Казармане: воспитатель сам едет в отдалённые сёла"


def dashboard_search_url(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return re.search(r'<form[^>]*action="([^"]+)"[^>]*role="search"', response.content.decode()).group(1)


def page_search(client, query):
    """Titles (latest draft's) of the pages the admin's page search finds, and how many it counts."""
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return [page.draft_title for page in response.context["object_list"]], response.context["paginator"].count


def listing_search(client, parent, query):
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]), {"q": query})
    assert response.status_code == 200
    return [page.draft_title for page in response.context["object_list"]], response.context["paginator"].count


def chooser_search(client, query):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    pages = response.context["pages"]
    return [page.draft_title for page in pages], pages.paginator.count


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


@pytest.mark.parametrize("query", ["балдар", "балага", "балдарга", "Бала", "бал"])
def test_inflected_kyrgyz_finds_a_page_titled_with_the_word(login, moderator, practice, query):
    practice(title=KINDERGARTEN_TITLE)
    practice(title="Ак-Чийдеги айыл өкмөтүнүн ачык бюджети", summary="Айыл өкмөтү бюджетти тургундарга көрсөттү.")
    titles, count = page_search(login(moderator), query)
    assert titles == [KINDERGARTEN_TITLE]
    assert count == 1


@pytest.mark.parametrize("query", ["онугуу", "ОНУГУУ", "өнүгүү", "онугуусу"])
def test_query_typed_without_kyrgyz_letters_finds_page(login, moderator, practice, query):
    practice(title=TOURISM_TITLE)
    assert page_search(login(moderator), query)[0] == [TOURISM_TITLE]


@pytest.mark.parametrize("query", ["детского сада", "детские сады", "Детский сад", "детском"])
def test_russian_forms_find_a_russian_page(login, moderator, practice, query):
    practice(title=KAZARMAN_TITLE, summary="Воспитатель приезжает в сёла, где нет детского сада.", language="ru")
    assert KAZARMAN_TITLE in page_search(login(moderator), query)[0]


def test_a_word_in_the_summary_finds_the_page(login, moderator, practice):
    practice(title=TOURISM_TITLE, summary="Туристтер айылда токтобой өтүп кетишчү: конок үйлөр аз эле.")
    assert page_search(login(moderator), "конок үйлөрү")[0] == [TOURISM_TITLE]


def test_the_start_of_a_word_finds_a_title_as_one_types(login, moderator, practice):
    practice(title=TOURISM_TITLE)
    client = login(moderator)
    assert page_search(client, "Кочк")[0] == [TOURISM_TITLE]
    assert page_search(client, "туризмдин өнү")[0] == [TOURISM_TITLE]
    assert page_search(client, "туризмдин өнү план")[0] == []


@pytest.mark.parametrize("query", ["бала бакча", "бала бакч", "бала бакчалары", "детский сад"])
def test_words_of_one_expression_find_a_title_as_one_types(login, moderator, practice, query):
    practice(title=KINDERGARTEN_TITLE)
    assert page_search(login(moderator), query)[0] == [KINDERGARTEN_TITLE]


def test_a_quoted_phrase_needs_its_words_together(login, moderator, practice):
    practice(title=TOURISM_TITLE)
    client = login(moderator)
    assert page_search(client, '"айылдык туризм"')[0] == [TOURISM_TITLE]
    assert page_search(client, '"туризм айылдык"')[0] == []


def test_a_never_published_draft_is_found_by_its_title(login, moderator, katran_draft):
    titles, _ = page_search(login(moderator), "Алтын-Бешиктеги балдар")
    assert titles == [KATRAN_TITLE]


def test_a_live_page_is_found_by_its_draft_title(login, moderator, practice):
    page = practice(title=KINDERGARTEN_TITLE)
    page.title = TOURISM_TITLE
    page.save_revision()
    client = login(moderator)
    assert page_search(client, "онугуу")[0] == [TOURISM_TITLE]
    # Readers still see the published title, so it finds the page too.
    assert page_search(client, "бакчалар")[0] == [TOURISM_TITLE]


def test_contributor_never_gets_another_municipalitys_draft_from_page_search(
    login, contributor, katran_draft, bosteri_draft
):
    client = login(contributor)
    assert page_search(client, "борбору") == ([KATRAN_TITLE], 1)
    assert page_search(client, "реабилитациялык") == ([], 0)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "борбор"})
    assert BOSTERI_TITLE not in response.content.decode()


def test_contributor_never_gets_another_municipalitys_draft_from_listing_search(
    login, contributor, indexes, katran_draft, bosteri_draft
):
    client = login(contributor)
    assert listing_search(client, indexes["ky"], "борбору") == ([KATRAN_TITLE], 1)
    assert listing_search(client, indexes["ky"], "реабилитациялык") == ([], 0)


def test_contributor_never_gets_another_municipalitys_draft_from_the_chooser(
    login, contributor, katran_draft, bosteri_draft
):
    client = login(contributor)
    assert chooser_search(client, "борбору") == ([KATRAN_TITLE], 1)
    assert chooser_search(client, "реабилитациялык") == ([], 0)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "балдар"})
    assert BOSTERI_TITLE not in response.content.decode()


def test_moderator_gets_every_municipalitys_draft(login, moderator, katran_draft, bosteri_draft):
    client = login(moderator)
    assert sorted(page_search(client, "борбору")[0]) == sorted([KATRAN_TITLE, BOSTERI_TITLE])
    assert sorted(chooser_search(client, "борбору")[0]) == sorted([KATRAN_TITLE, BOSTERI_TITLE])


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_answers_without_an_error_everywhere(login, contributor, indexes, katran_draft, query):
    client = login(contributor)
    for url in (
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_pages:search_results"),
        reverse("wagtailadmin_explore", args=[indexes["ky"].pk]),
        reverse("wagtailadmin_choose_page_search"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
    ):
        assert client.get(url, {"q": query}).status_code == 200, url


def test_symbols_only_find_nothing(login, moderator, katran_draft):
    assert page_search(login(moderator), "*^~:!") == ([], 0)


def test_a_word_anywhere_in_the_case_finds_it(login, moderator, practice):
    practice(
        title=TOURISM_TITLE,
        lessons_learned="<p>Шырдак жасаган аялдар конокторго өз өнөрүн көрсөтүп, киреше табышты.</p>",
    )
    assert page_search(login(moderator), "шырдактар")[0] == [TOURISM_TITLE]

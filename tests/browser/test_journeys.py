"""What a reader does on the portal, in a real browser, on a phone and on a desktop screen."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_fits_the_screen,
    card_places,
    card_titles,
    expect_language,
    reach_filters,
)

pytestmark = pytest.mark.browser

KATRAN_CASE = "Алтын-Бешик"


def test_reader_browses_an_oblast_opens_a_case_and_switches_to_russian_and_back(page, screen, screenshot):
    page.goto("/ky/")
    expect_language(page, "ky")
    assert_fits_the_screen(page)
    screenshot(page, "home")
    oblasts = page.locator("#oblast-heading").bounding_box()
    latest = page.locator("#latest-heading").bounding_box()
    if screen == "phone":
        assert oblasts["y"] < latest["y"], "on a phone the oblasts come before the latest practices"
    else:
        assert latest["x"] < oblasts["x"], "on a wide screen the latest practices take the first column"

    page.locator("section[aria-labelledby=oblast-heading]").get_by_role("link", name="Баткен облусу").click()
    expect(page).to_have_url(re.compile(r"/ky/practices/oblast/batken/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Баткен облусу")
    places = card_places(page)
    assert places and all("Баткен" in place for place in places), places
    # The landing page is the filter; the form stays folded so the cases come first.
    expect(page.locator("details.filters[open]")).to_have_count(0)
    assert_fits_the_screen(page)
    screenshot(page, "oblast")

    # Other Katran cases mention the centre in their summaries; its own title names it.
    page.locator("article.card").filter(has=page.locator("h3", has_text=KATRAN_CASE)).get_by_role("link").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(KATRAN_CASE)
    expect(page.locator(".facts").first).to_contain_text("Лейлек")
    kyrgyz_url = page.url
    assert_fits_the_screen(page)
    screenshot(page, "case")

    page.get_by_role("navigation", name="Тил").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/practices/"))
    expect_language(page, "ru")
    expect(heading).to_contain_text(f"Детский центр «{KATRAN_CASE}» в Катране")
    screenshot(page, "case-ru")

    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Кыргызча").click()
    expect(page).to_have_url(kyrgyz_url)
    expect_language(page, "ky")
    expect(heading).to_contain_text(KATRAN_CASE)


def test_reader_searches_an_inflected_kyrgyz_word_and_narrows_by_oblast(page, screen, screenshot):
    page.goto("/ky/")
    # «бакчаларга» (to kindergartens) has to find pages that say «бакча» and «бакчасы».
    page.locator("#home-q").fill("бакчаларга")
    page.locator("#home-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/ky/search/\?q="))
    expect_language(page, "ky")
    found = card_titles(page)
    assert any(KATRAN_CASE in title for title in found), found
    everywhere = {place.rpartition(", ")[2] for place in card_places(page)}
    assert len(everywhere) > 1, f"the word should be found in more than one oblast: {everywhere}"
    assert_fits_the_screen(page)
    screenshot(page, "search")

    facets = reach_filters(page, screen, "details.search-facets")
    facets.locator("section.facet").first.get_by_role("link", name="Баткен облусу").click()
    expect(page.locator("details.search-facets strong[aria-current]")).to_have_text("Баткен облусу")
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["бакчаларга"] and query["oblast"] == ["batken"], page.url
    narrowed = card_places(page)
    assert narrowed and all("Баткен" in place for place in narrowed), narrowed
    assert len(narrowed) < len(found)
    assert_fits_the_screen(page)
    screenshot(page, "search-narrowed")


def test_reader_narrows_the_practice_list_with_the_filter_form(page, screen, screenshot):
    page.goto("/ky/practices/")
    total = page.locator("#results-heading").inner_text()
    assert_fits_the_screen(page)
    screenshot(page, "list")

    reach_filters(page, screen, "details.filters")
    page.get_by_label("Облус").select_option("batken")
    page.get_by_role("button", name="Көрсөтүү").click()
    expect(page).to_have_url(re.compile(r"[?&]oblast=batken"))
    expect(page.locator("#results-heading")).not_to_have_text(total)
    places = card_places(page)
    assert places and all("Баткен" in place for place in places), places
    chip = page.get_by_role("list", name="Тандалган фильтрлер").get_by_role("link")
    expect(chip).to_contain_text("Баткен облусу")
    assert_fits_the_screen(page)
    screenshot(page, "list-filtered")

    chip.click()
    expect(page.locator("#results-heading")).to_have_text(total)
    assert "oblast" not in unquote(page.url)


def test_a_city_of_republican_significance_is_named_once(page):
    page.goto("/ru/practices/oblast/osh-city/")
    places = card_places(page)
    assert places and all(place.split("·")[0].strip() == "город Ош" for place in places), places
    page.locator("article.card h3 a").first.click()
    expect(page.locator(".facts dd").first).to_have_text("город Ош")

"""Browsing, filtering and searching with JavaScript switched off, as on a locked-down or very old phone."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import card_places, card_titles, reach_filters

pytestmark = pytest.mark.browser


@pytest.fixture
def page(new_context, screen):
    return new_context(screen, java_script_enabled=False).new_page()


def test_javascript_really_is_off(page):
    page.goto("/ky/")
    page.set_content("<p id=out>off</p><script>document.getElementById('out').textContent = 'on'</script>")
    expect(page.locator("#out")).to_have_text("off")


def test_browse_from_home_to_an_oblast_and_through_its_pages(page):
    page.goto("/ky/")
    page.locator("section[aria-labelledby=oblast-heading]").get_by_role("link", name="Жалал-Абад облусу").click()
    expect(page).to_have_url(re.compile(r"/ky/practices/oblast/jalal-abad/$"))
    assert all("Жалал-Абад" in place for place in card_places(page))

    page.goto("/ky/practices/")
    first_page = card_titles(page)
    page.get_by_role("navigation", name="Барактар").get_by_role("link", name=re.compile("Кийинки")).click()
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    second_page = card_titles(page)
    assert second_page and not set(first_page) & set(second_page)


def test_filter_the_list(page, screen):
    page.goto("/ky/practices/")
    reach_filters(page, screen, "details.filters")
    page.get_by_label("Кызмат көрсөтүү").select_option("preschool-education")
    page.get_by_label("Сөздөр").fill("бакча")
    page.get_by_role("button", name="Көрсөтүү").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["service"] == ["preschool-education"] and query["q"] == ["бакча"], page.url
    titles = card_titles(page)
    assert any("Алтын-Бешик" in title for title in titles), titles

    page.get_by_role("list", name="Тандалган фильтрлер").get_by_role("link", name=re.compile("«бакча»")).click()
    query = parse_qs(urlsplit(page.url).query)
    assert "q" not in query and query["service"] == ["preschool-education"], page.url


def test_search_and_narrow_by_a_facet(page, screen):
    page.goto("/ky/")
    page.locator("#home-q").fill("балдарга")
    page.locator("#home-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/ky/search/\?q="))
    found = card_places(page)
    assert found
    reach_filters(page, screen, "details.search-facets")
    page.locator("details.search-facets section.facet").first.get_by_role("link").first.click()
    # A phone opens on the results again, the facets folded with the one chosen counted.
    expect(page.locator("details.search-facets > summary")).to_contain_text("(1)")
    expect(page.locator("details.search-facets strong[aria-current]")).to_have_count(1)
    assert "oblast=" in page.url
    assert 0 < len(card_places(page)) <= len(found)

"""Next and Previous in the search results and the practice list: the reader's query and filters go along."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import card_titles

pytestmark = pytest.mark.browser

# «айыл» (village) is in most demo cases: more than one page in either list, rural ones too.
WORD = "айыл"


def follow(page, name):
    """Click Next or Previous in the page list; returns the new address's parameters."""
    pages = page.get_by_role("navigation", name="Барактар")
    pages.get_by_role("link", name=re.compile(name)).click()
    page.wait_for_load_state()
    return parse_qs(urlsplit(page.url).query)


def expect_page_number(page, number):
    expect(page.get_by_role("navigation", name="Барактар").locator("[aria-current=page]")).to_contain_text(
        f"{number}-барак"
    )


def test_search_results_page_forward_and_back_with_the_query_and_a_facet(page):
    page.goto(f"/ky/search/?q={WORD}&settlement=rural")
    first = card_titles(page)
    expect_page_number(page, 1)

    assert follow(page, "Кийинки") == {"q": [WORD], "settlement": ["rural"], "page": ["2"]}, page.url
    second = card_titles(page)
    assert second and not set(first) & set(second), (first, second)
    expect_page_number(page, 2)
    expect(page.locator("#search-q")).to_have_value(WORD)
    expect(page.locator(".big-search input[type=hidden][name=settlement]")).to_have_value("rural")

    assert follow(page, "Мурунку") == {"q": [WORD], "settlement": ["rural"], "page": ["1"]}, page.url
    assert card_titles(page) == first
    expect_page_number(page, 1)
    expect(page.locator("#search-q")).to_have_value(WORD)


def test_practice_list_pages_forward_and_back_with_its_words_filters_and_sort(page):
    page.goto(f"/ky/practices/?q={WORD}&settlement=rural&sort=title")
    first = card_titles(page)
    expect_page_number(page, 1)
    expected = {"q": [WORD], "settlement": ["rural"], "sort": ["title"]}

    assert follow(page, "Кийинки") == {**expected, "page": ["2"]}, page.url
    second = card_titles(page)
    assert second and not set(first) & set(second), (first, second)
    expect_page_number(page, 2)
    expect(page.locator("#filter-q")).to_have_value(WORD)
    expect(page.locator("#filter-settlement")).to_have_value("rural")
    expect(page.locator("#filter-sort")).to_have_value("title")

    assert follow(page, "Мурунку") == {**expected, "page": ["1"]}, page.url
    assert card_titles(page) == first
    expect_page_number(page, 1)
    expect(page.locator("#filter-q")).to_have_value(WORD)

"""The practice list's and the search page's filters: open in a column beside the results on a
desktop screen, folded above them on a phone, and usable either way with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_fits_the_screen, card_places

pytestmark = pytest.mark.browser

FINDERS = {
    "list": ("/ky/practices/?q=айыл", "details.filters", "#filter-oblast"),
    "search": ("/ky/search/?q=айыл", "details.search-facets", "section.facet a"),
}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


def open_finder(new_context, screen, javascript, finder):
    """(page, the filters' <details>, their first control) with the finder loaded."""
    address, selector, control = FINDERS[finder]
    page = new_context(screen, java_script_enabled=javascript).new_page()
    page.goto(address)
    return page, page.locator(selector), page.locator(control).first


def narrow_to_batken(page, finder):
    if finder == "list":
        page.get_by_label("Облус").select_option("batken")
        page.get_by_role("button", name="Көрсөтүү").click()
    else:
        page.locator("details.search-facets section.facet").first.get_by_role("link", name="Баткен облусу").click()
    expect(page).to_have_url(re.compile(r"[?&]oblast=batken"))
    places = card_places(page)
    assert places and all("Баткен" in place for place in places), places


@pytest.mark.parametrize("finder", list(FINDERS))
def test_on_a_desktop_screen_the_filters_stand_open_beside_the_results(
    new_context, javascript, finder, artifacts_dir
):
    page, filters, control = open_finder(new_context, "desktop", javascript, finder)
    expect(filters.locator(":scope > summary")).to_be_hidden()
    expect(control).to_be_visible()
    column = filters.bounding_box()
    results = page.locator("section.results").bounding_box()
    assert column["x"] + column["width"] <= results["x"], (column, results)
    assert column["y"] < results["y"] + results["height"] and results["y"] < column["y"] + column["height"], (
        f"the filters {column} and the results {results} should sit side by side"
    )
    assert control.bounding_box()["y"] < page.viewport_size["height"], "the first filter is below the first screen"
    if javascript:
        page.screenshot(path=artifacts_dir / f"desktop-{finder}-filters.png")

    narrow_to_batken(page, finder)
    expect(filters.locator(":scope > summary")).to_be_hidden()
    expect(control).to_be_visible()


@pytest.mark.parametrize("finder", list(FINDERS))
def test_on_a_phone_the_filters_fold_above_the_results_and_open_on_a_tap(
    new_context, javascript, finder, artifacts_dir
):
    page, filters, control = open_finder(new_context, "phone", javascript, finder)
    summary = filters.locator(":scope > summary")
    expect(summary).to_be_visible()
    expect(control).to_be_hidden()
    heading = page.locator("#results-heading").bounding_box()
    assert summary.bounding_box()["y"] + summary.bounding_box()["height"] <= heading["y"]
    assert heading["y"] + heading["height"] <= page.viewport_size["height"], "the results start below the first screen"
    assert_fits_the_screen(page)

    summary.tap()
    expect(control).to_be_visible()
    assert_fits_the_screen(page)
    if javascript:
        page.screenshot(path=artifacts_dir / f"phone-{finder}-filters-open.png", full_page=True)

    narrow_to_batken(page, finder)
    # Narrowed, the page opens on the results again; the summary counts the filter chosen.
    expect(summary).to_contain_text("(1)")
    expect(control).to_be_hidden()
    assert_fits_the_screen(page)

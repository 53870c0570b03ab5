"""A phone on a slow, metered connection: what the key pages weigh before any image."""

import pytest

from tests.browser.measure import load_page

pytestmark = pytest.mark.browser

BYTES_BEFORE_IMAGES_BUDGET = 150 * 1024
KEY_PAGES = {
    "home": "/ky/",
    "list": "/ky/practices/",
    "practice": None,
    "search": "/ky/search/?q=бакчаларга",
}


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_transfers_at_most_150_kb_before_images(new_context, portal_url, name):
    context = new_context("phone")
    path = KEY_PAGES[name]
    if path is None:
        finder = context.new_page()
        finder.goto("/ky/practices/municipality/katran/")
        path = finder.locator("article.card h3 a").first.get_attribute("href")
    load = load_page(context, portal_url + path)
    assert load.bytes_before_images <= BYTES_BEFORE_IMAGES_BUDGET, (
        f"{path} transfers {load.bytes_before_images / 1024:.1f} KB before images: {load.bytes_by_type}"
    )
    assert set(load.bytes_by_type) <= {"Document", "Stylesheet", "Image", "Other"}, (
        f"{path} loads more than HTML, CSS and images: {load.bytes_by_type}"
    )
    assert load.main_element_in_main, f"the largest thing painted on {path} is not page content: {load.main_element}"

"""The practice list and the practice form in the admin, on a 390 px phone."""


import pytest
from playwright.sync_api import expect

from tests.browser import server
from tests.browser.helpers import assert_fits_the_screen, sign_in_to_admin

pytestmark = pytest.mark.browser

# The common large phone; the portal's phone screen is 360 px wide.
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def phone_admin(new_context):
    """A 390 px phone logged in to the admin."""
    page = new_context("phone").new_page()
    page.set_viewport_size(PHONE_390)
    return sign_in_to_admin(page, server.EDITOR_USERNAME)


def practice_list_in_admin(page):
    page.goto("/ky/practices/")
    return page.locator("a[href*='/admin/pages/'][href$='/add_subpage/']").first.get_attribute("href")


def test_practice_list_leaves_the_titles_room_on_a_phone(phone_admin, artifacts_dir):
    page = phone_admin
    page.goto(practice_list_in_admin(page).replace("add_subpage/", ""))
    title = page.locator("table.listing td.title").first
    expect(title).to_be_visible()
    width = title.bounding_box()["width"]
    page.screenshot(path=artifacts_dir / "phone390-practice-list.png")
    assert width >= 0.4 * 390, f"the title column is {width:.0f} px wide"
    assert_fits_the_screen(page)


def test_practice_form_opens_on_its_first_tab_and_fits_a_phone(phone_admin, artifacts_dir):
    page = phone_admin
    page.goto(practice_list_in_admin(page))
    page.wait_for_url("**/add/practices/practicepage/**")
    tabs = page.locator("[role=tab]")
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_title")).to_be_visible()
    expect(page.locator("#id_summary")).to_be_visible()
    expect(page.locator("#id_gallery_images-ADD")).to_be_hidden()
    page.screenshot(path=artifacts_dir / "phone390-practice-form.png")
    assert_fits_the_screen(page)

    # The one place for photos: the gallery, on its own tab.
    tabs.nth(3).click()
    expect(page.locator("#id_gallery_images-ADD")).to_be_visible()
    page.locator("#id_gallery_images-ADD").click()
    page.get_by_role("button", name="Сүрөт тандоо").or_(page.get_by_role("button", name="Choose an image")).first.click()
    expect(page.locator(".modal")).to_be_visible()
    expect(page.locator(".modal input[type=search], .modal #id_q").first).to_be_visible()
    page.wait_for_timeout(400)  # the modal fades in; the screenshot is for people to look at
    page.screenshot(path=artifacts_dir / "phone390-image-chooser.png")
    assert_fits_the_screen(page)

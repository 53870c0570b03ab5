"""A municipal contributor on a phone reads the moderators' request for changes and finds it again in the form."""


import pytest
from playwright.sync_api import expect

from tests.browser import server
from tests.browser.helpers import assert_fits_the_screen, sign_in_to_admin

pytestmark = pytest.mark.browser


def sign_in_as_contributor(page):
    sign_in_to_admin(page, server.CONTRIBUTOR_USERNAME)


def words(text):
    return " ".join(text.split())


def test_contributor_reads_the_comment_on_the_dashboard_and_at_the_top_of_the_form(
    new_context, artifacts_dir
):
    page = new_context("phone").new_page()
    sign_in_as_contributor(page)
    panel = page.locator("#municipality-practices-section")
    sent_back = panel.locator("li.portal-practice--changes_requested")
    expect(sent_back).to_have_count(1)
    comment = sent_back.locator(".portal-changes-requested__comment")
    expect(comment).to_be_visible()
    assert words(comment.inner_text()) == words(server.CHANGES_REQUESTED_COMMENT)
    expect(panel.locator(".portal-dashboard__add a")).to_be_visible()
    assert_fits_the_screen(page)
    page.screenshot(path=artifacts_dir / "phone-contributor-dashboard.png", full_page=True)

    sent_back.locator(".portal-practice__title a").click()
    page.wait_for_url("**/edit/")
    notice = page.locator(".portal-edit-notice")
    expect(notice.locator("blockquote")).to_be_visible()
    assert words(notice.locator("blockquote").inner_text()) == words(server.CHANGES_REQUESTED_COMMENT)
    box = notice.bounding_box()
    # On the first screen, and within its width, whatever the form below it does.
    assert box["y"] < page.viewport_size["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.screenshot(path=artifacts_dir / "phone-contributor-changes-requested.png")


def test_the_dashboard_reads_the_same_without_javascript(new_context):
    page = new_context("phone", java_script_enabled=False).new_page()
    sign_in_as_contributor(page)
    comment = page.locator("#municipality-practices-section .portal-changes-requested__comment")
    assert words(comment.inner_text()) == words(server.CHANGES_REQUESTED_COMMENT)
    assert_fits_the_screen(page)

"""Editors in the Wagtail admin: a photo reaches readers only with a text alternative, from one place."""

import io
import secrets

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.helpers import expect_language

pytestmark = pytest.mark.browser

# Each test edits a practice of its own: Wagtail autosaves drafts, so a test that
# fails half-way leaves an unfinished draft behind on its page. Katran, which the
# reader tests look at, is left alone.
GALLERY_LANDING = "/ky/practices/municipality/kok-oy/"
TEXT_IMAGE_LANDING = "/ky/practices/municipality/gulcha/"
# What the generated photo shows.
ALT_TEXT = "Жашыл талаанын үстүндө сары күн"


def photo_file(tmp_path, token):
    """A JPEG of a yellow sun over a green field; the token makes its file name unique."""
    image = Image.new("RGB", (1200, 800), (222, 232, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 300, 1100, 780), fill=(11, 93, 75))
    draw.ellipse((800, 60, 1000, 260), fill=(242, 193, 78))
    path = tmp_path / f"talaa-{token}.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def upload_image(page, path, title):
    page.goto("/admin/images/add/")
    page.locator("#id_title").fill(title)
    page.locator("#id_file").set_input_files(path)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(page.url.split("/admin/")[0] + "/admin/images/")


def type_like_an_editor(page, field, text):
    """Type into a field the way a person does, between Wagtail's autosaves.

    After a failed publish the editor autosaves the form as a draft; text typed
    while that request is on its way is lost when its answer comes back.
    """
    page.wait_for_load_state("networkidle")
    field.fill(text)
    field.press("Tab")
    page.wait_for_load_state("networkidle")


def publish(page):
    """Publish from the editor's action menu; returns the field errors the page shows."""
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    return [
        f"{error.get_attribute('id')}: {error.inner_text().strip()}"
        for error in page.locator("[data-field-errors], [id$=-errors]").all()
        if error.inner_text().strip()
    ]


def edit_practice(page, landing):
    """Open the first practice of a landing page in the admin; returns its public URL."""
    page.goto(landing)
    page.locator("article.card h3 a").first.click()
    public_url = page.url
    page.goto(page.locator("a[href*='/admin/pages/'][href$='/edit/']").first.get_attribute("href"))
    return public_url


def open_tab_holding(page, selector):
    """Click the form's tab whose panel holds `selector`, as a person looking for that field does."""
    panel_id = page.locator(f"[role=tabpanel]:has({selector})").get_attribute("id")
    page.locator(f"[role=tab][aria-controls='{panel_id}']").click()
    expect(page.locator(selector).first).to_be_visible()


def choose_image(page, scope, title):
    scope.get_by_role("button", name="Choose an image").click()
    page.locator(".modal").get_by_role("link", name=title).first.click()


def test_a_gallery_photo_cannot_be_published_without_alternative_text(editor_page, tmp_path):
    page = editor_page
    token = secrets.token_hex(4)
    upload_image(page, photo_file(tmp_path, token), f"Талаа {token}")
    public_url = edit_practice(page, GALLERY_LANDING)
    open_tab_holding(page, "#id_gallery_images-ADD")

    prefix = f"gallery_images-{page.locator('#id_gallery_images-TOTAL_FORMS').input_value()}"
    page.locator("#id_gallery_images-ADD").click()
    added = page.locator(f"#inline_child_{prefix}")
    choose_image(page, added, f"Талаа {token}")
    expect(page.locator(f"#id_{prefix}-image-title")).to_contain_text(token)

    publish(page)
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(added.locator("[data-contentpath=alt_text] [data-field-errors]")).not_to_be_empty()

    # The form comes back on its first tab; the message above it names the photos' tab.
    expect(page.locator(".messages")).to_contain_text("Photos and files")
    open_tab_holding(page, f"#id_{prefix}-alt_text")
    type_like_an_editor(page, page.locator(f"#id_{prefix}-alt_text"), ALT_TEXT)
    assert publish(page) == []
    expect(page.locator(".messages")).to_contain_text("has been published")

    reader = page.context.browser.new_context().new_page()
    reader.goto(public_url)
    expect_language(reader, "ky")
    expect(reader.locator(f".gallery img[src*='{token}']")).to_have_attribute("alt", ALT_TEXT)
    reader.context.close()


def test_the_story_of_a_practice_offers_no_image_block(editor_page):
    """A practice's photos have one place, its gallery: "what was done" takes text, quotes, documents, steps."""
    page = editor_page
    edit_practice(page, TEXT_IMAGE_LANDING)
    open_tab_holding(page, "[data-contentpath=what_was_done]")
    stream = page.locator("[data-contentpath=what_was_done]")
    stream.locator("button.c-sf-add-button").first.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    assert "Image" not in [option.inner_text().strip() for option in options.all()]

"""A municipality shares its practice and asks to replicate another's, from a phone, in a real browser."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.helpers import assert_fits_the_screen, expect_language

pytestmark = pytest.mark.browser

# The public forms refuse posts made sooner than this after the form was handed out.
MIN_FILL_MS = 5500


def png_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 90)).save(buffer, "PNG")
    return {"name": "бала-бакча.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def choose(page, select, text):
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.locator(select).select_option(value)


def test_secretary_shares_a_practice_fixes_a_mistake_and_gets_a_reference(page, screenshot):
    page.goto("/ky/")
    page.get_by_role("navigation", name="Башкы меню").get_by_role("link", name="Тажрыйбаңыз менен бөлүшүңүз").click()
    expect(page).to_have_url(re.compile(r"/ky/share/$"))
    expect_language(page, "ky")
    assert_fits_the_screen(page)

    page.locator("#id_title").fill("Жаңы бала бакча — Катран")
    choose(page, "#id_municipality", "Катран")
    page.locator("#id_what_was_done").fill("Айыл өкмөтү бош имаратты оңдоп, бала бакча ачты. Өңүттөр үчүн.")
    page.locator("#id_contact_name").fill("Гүлнара Үсөнова")
    # A phone number without digits: the browser lets it through, the server does not.
    page.locator("#id_contact_phone").fill("телефон жок")
    page.locator("#id_photos").set_input_files([png_photo()])
    page.wait_for_timeout(MIN_FILL_MS)
    page.get_by_role("button", name="Тажрыйбаны жөнөтүү").click()

    # The form says what is wrong next to the field, and keeps the text and the photo.
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".field-invalid")).to_contain_text("+996 555 123 456")
    expect(page.locator("#id_what_was_done")).to_have_value(re.compile("Өңүттөр үчүн"))
    expect(page.locator(".attached")).to_contain_text("бала-бакча.png")
    assert_fits_the_screen(page)
    screenshot(page, "share-error")

    page.locator("#id_contact_phone").fill("+996 555 123 456")
    page.wait_for_timeout(MIN_FILL_MS)
    page.get_by_role("button", name="Тажрыйбаны жөнөтүү").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Рахмат! Тажрыйбаңыз алынды.")
    expect(page.locator(".reference")).to_have_text(re.compile(r"^LSG-\d{4}-\d{6}$"))
    assert_fits_the_screen(page)
    screenshot(page, "share-received")


def test_municipality_asks_to_replicate_a_practice(page, screenshot):
    page.goto("/ky/practices/municipality/katran/")
    page.locator("article.card h3 a").first.click()
    page.get_by_role("link", name="Биз да муну жасагыбыз келет").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Биз да муну жасагыбыз келет")
    assert_fits_the_screen(page)
    choose(page, "#id_municipality", "Бостери")
    page.locator("#id_contact_name").fill("Айбек Токтогулов")
    page.locator("#id_contact_email").fill("bosteri@example.kg")
    page.wait_for_timeout(MIN_FILL_MS)
    page.get_by_role("button", name="Өтүнүчтү жөнөтүү").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Рахмат! Өтүнүчүңүз жөнөтүлдү.")
    page.get_by_role("link", name=re.compile("Тажрыйбага кайтуу")).click()
    expect(page.locator(".spread")).to_contain_text("муниципалитет аны кайталоону суранды")
    screenshot(page, "replicate-counted")

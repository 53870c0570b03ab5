"""Every public page type renders in Kyrgyz, Russian and English, with the right lang and words."""

import io

import pytest
from wagtail.models import Locale

from portal.demo.pages import ensure_about_pages
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE

pytestmark = pytest.mark.django_db

UI_WORDS = {
    # A word from the menu in each language proves the UI strings are translated.
    "ky": "Башкы бет",
    "ru": "Главная",
    "en": "Home",
}


@pytest.fixture
def translated_practice(practice):
    kyrgyz = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                      municipality="bosteri", services=("inclusive-education",),
                      groups=("children",), funding=("local-budget",), start_year=2017, end_year=None)
    practice(title="Реабилитационный центр в Бостери", summary="Центр для детей с ОВЗ.",
             language="ru", oblast="issyk-kul", municipality="bosteri", translation_of=kyrgyz)
    practice(title="Bosteri rehabilitation centre", summary="A centre for children with disabilities.",
             language="en", oblast="issyk-kul", municipality="bosteri", translation_of=kyrgyz)
    return kyrgyz


def assert_page(response, language):
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in body
    assert UI_WORDS[language] in body
    return body


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_home_page_renders(client, translated_practice, language):
    body = assert_page(client.get(f"/{language}/"), language)
    assert 'role="search"' in body
    assert "/practices/oblast/issyk-kul/" in body


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_practice_page_renders(client, translated_practice, language):
    page = translated_practice.get_translation(Locale.objects.get(language_code=language))
    body = assert_page(client.get(page.url), language)
    assert page.title in body
    assert "/practices/municipality/bosteri/" in body
    assert 'aria-label="' in body  # breadcrumbs are a labelled navigation


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_practice_list_and_landing_pages_render(client, translated_practice, language):
    for path in ("", "oblast/issyk-kul/", "rayon/issyk-kul/", "municipality/bosteri/",
                 "service/inclusive-education/"):
        assert_page(client.get(f"/{language}/practices/{path}"), language)


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_standard_page_renders(client, site_tree, language):
    about = ensure_about_pages()
    page = about.get_translation(Locale.objects.get(language_code=language))
    body = assert_page(client.get(page.url), language)
    assert page.title in body


def test_practice_page_shows_its_facts(client, translated_practice):
    body = client.get(translated_practice.url).content.decode()
    for text in ("Бостери", "2017–", "Ысык-Көл"):
        assert text in body


def test_pages_load_no_assets_from_the_internet(client, translated_practice):
    for url in ("/ky/", translated_practice.url, "/ky/practices/"):
        body = client.get(url).content.decode()
        assert "https://" not in body.split("<body")[0]
        assert "<script" not in body


def test_gallery_photos_come_as_responsive_webp_with_alt_text(client, practice):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (30, 120, 90)).save(buffer, "JPEG")
    image = get_image_model().objects.create(
        title="Балдар борбору", file=ImageFile(buffer, name="centre.jpg")
    )
    page = practice()
    page.gallery_images.create(image=image, alt_text="«Алтын-Бешик» борборундагы балдар")
    page.save_revision().publish()
    body = client.get(page.url).content.decode()
    assert "<picture>" in body
    assert 'type="image/webp"' in body
    assert 'alt="«Алтын-Бешик» борборундагы балдар"' in body
    assert 'loading="lazy"' in body

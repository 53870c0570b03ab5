"""The practice page: its form, validation, locations, sorting key and what it shows."""

import io
import json
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

from practices.models import Municipality, Oblast, PracticeLocation, PracticePage, Rayon

pytestmark = pytest.mark.django_db


def test_end_year_before_start_year_is_rejected():
    page = PracticePage(title="t", summary="s", start_year=2015, end_year=2014)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_year" in error.value.message_dict


def test_location_with_municipality_from_another_oblast_is_rejected():
    location = PracticeLocation(oblast=Oblast.objects.get(slug="chui"),
                                municipality=Municipality.objects.get(slug="katran"))
    with pytest.raises(ValidationError) as error:
        location.clean()
    assert "municipality" in error.value.message_dict


def test_location_with_rayon_from_another_oblast_is_rejected():
    location = PracticeLocation(oblast=Oblast.objects.get(slug="chui"), rayon=Rayon.objects.get(slug="leilek"))
    with pytest.raises(ValidationError):
        location.clean()


def test_location_fills_the_rayon_from_the_municipality():
    location = PracticeLocation(oblast=Oblast.objects.get(slug="batken"),
                                municipality=Municipality.objects.get(slug="katran"))
    location.clean()
    assert location.rayon.slug == "leilek"


def test_saved_practice_keeps_a_kyrgyz_sort_key(practice):
    page = practice(title="Өзгөн")
    assert page.title_sort_key == PracticePage.objects.get(pk=page.pk).title_sort_key
    other = practice(title="Ош")
    assert other.title_sort_key < page.title_sort_key


def test_period_label(practice):
    assert practice(start_year=2017, end_year=None).period_label == "2017–"
    assert practice(start_year=2013, end_year=2015).period_label == "2013–2015"


def test_related_practices_come_in_the_pages_language(practice):
    kyrgyz_target = practice(title="Бостери")
    russian_target = practice(title="Бостери (рус.)", language="ru", translation_of=kyrgyz_target)
    source_ru = practice(title="Катран (рус.)", language="ru")
    source_ru.related_links.create(related_page=kyrgyz_target)
    assert source_ru.related_practices() == [russian_target]


def test_copying_a_practice_does_not_copy_its_external_id(practice):
    page = practice(external_id="katran")
    copy = page.copy(update_attrs={"slug": "copy", "title": "Көчүрмө"})
    assert copy.external_id == ""


def tab_contents(page_class=PracticePage):
    """(heading, field names, inline names) of each tab of the page's form, in order."""
    with translation.override("en"):
        return [
            (str(tab.heading), tab.get_form_options().get("fields") or [], list(tab.get_form_options().get("formsets") or []))
            for tab in page_class.get_edit_handler().children
        ]


def test_practice_form_tabs_follow_the_telling_of_a_practice():
    assert [heading for heading, _fields, _inlines in tab_contents()] == [
        "The practice", "The story", "Replicating it", "Photos and files", "For moderators", "Promote", "Settings",
    ]


def test_first_tab_holds_everything_a_practice_needs_first():
    _heading, fields, inlines = tab_contents()[0]
    assert fields[:2] == ["title", "summary"]
    assert "service_types" in fields
    assert inlines == ["locations"]


def test_typing_the_name_fills_in_the_slug_on_the_promote_tab(admin_client, site_tree):
    # Otherwise a new practice submitted straight away is refused for a slug nobody sees.
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.filter(locale__language_code="ky").first()
    body = admin_client.get(f"/admin/pages/add/practices/practicepage/{index.pk}/").content.decode()
    title = re.search(r'<input[^>]*name="title"[^>]*>', body).group(0)
    assert 'data-w-sync-target-value="#id_slug"' in title


def test_photos_have_one_place_and_the_promote_tab_keeps_slug_and_external_id():
    tabs = {heading: fields + inlines for heading, fields, inlines in tab_contents()}
    holding_images = [heading for heading, names in tabs.items() if "gallery_images" in names]
    assert holding_images == ["Photos and files"]
    assert {"slug", "external_id"} <= set(tabs["Promote"])


@translation.override("en")
def test_every_practice_field_on_the_form_has_a_help_text_with_an_example():
    without = []
    for _heading, fields, _inlines in tab_contents()[:5]:
        for name in fields:
            if name == "title":
                continue
            help_text = str(PracticePage._meta.get_field(name).help_text)
            if "e.g." not in help_text.lower():
                without.append(name)
    assert without == []


@translation.override("en")
def test_story_fields_say_what_to_add_with_the_plus_button():
    for name in ("what_was_done", "replication_steps"):
        assert "Press +" in str(PracticePage._meta.get_field(name).help_text)


def test_help_texts_read_in_kyrgyz():
    with translation.override("ky"):
        assert str(PracticePage._meta.get_field("summary").help_text).startswith("Тизмелерде")


def test_story_offers_no_image_block():
    assert "image" not in PracticePage._meta.get_field("what_was_done").stream_block.child_blocks


STORY_WITH_IMAGE = [
    {"type": "text", "value": "<p>Айыл өкмөтү бала бакча ачты.</p>", "id": "a1"},
    {
        "type": "image",
        "value": {"image": {"image": None, "alt_text": "Балдар сабакта", "decorative": False}, "caption": "2019"},
        "id": "a2",
    },
]


@pytest.fixture
def photo():
    image = PILImage.new("RGB", (60, 40), "green")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return get_image_model().objects.create(title="Балдар", file=ImageFile(buffer, name="balдар.jpg"))


def story_with_image(photo):
    story = json.loads(json.dumps(STORY_WITH_IMAGE))
    story[1]["value"]["image"]["image"] = photo.pk
    return story


def store_story(page, story):
    """Store the story's JSON as it is: saving through the model drops blocks it no longer has."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE practices_practicepage SET what_was_done = %s WHERE page_ptr_id = %s",
            [json.dumps(story), page.pk],
        )


def test_a_story_stored_with_an_image_still_renders(client, practice, photo):
    page = practice()
    store_story(page, story_with_image(photo))
    page.refresh_from_db()
    assert [block.block_type for block in page.what_was_done] == ["text"]
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Айыл өкмөтү бала бакча ачты." in response.content.decode()


def test_migration_moves_the_storys_images_to_the_gallery(practice, photo):
    migration = import_module("practices.migrations.0005_form_help_texts_and_story_without_images")
    page = practice(live=False)
    store_story(page, story_with_image(photo))
    revision = page.get_latest_revision()
    revision.content["what_was_done"] = json.dumps(story_with_image(photo))
    revision.save()

    migration.move_story_images_to_gallery(apps, None)

    page = PracticePage.objects.get(pk=page.pk)
    assert [block["type"] for block in page.what_was_done.raw_data] == ["text"]
    assert [(g.image_id, g.alt_text, g.caption) for g in page.gallery_images.all()] == [
        (photo.pk, "Балдар сабакта", "2019")
    ]
    draft = page.get_latest_revision_as_object()
    assert [block.block_type for block in draft.what_was_done] == ["text"]
    assert [g.image_id for g in draft.gallery_images.all()] == [photo.pk]

"""The practice page: validation, locations, sorting key and what it shows."""

import pytest
from django.core.exceptions import ValidationError

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

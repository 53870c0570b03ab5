"""Moderators mark a practice as recommended for replication; readers see it and can filter by it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from practices.models import PracticePage
from tests.moderation.conftest import edit_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def katran(practice):
    return practice(municipality="katran")


def recommend(page, reason="Бала бакчасы жок айылдар үчүн арзан жол", on=datetime.date(2026, 11, 20)):
    page.recommended_on, page.recommendation_reason = on, reason
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def test_moderator_recommends_a_practice_in_the_admin(login, moderator, katran):
    client = login(moderator)
    data = form_data(client, edit_url(katran))
    data["recommendation_reason"] = "Бала бакчасы жок айылдар үчүн арзан жол"
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(katran), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=katran.pk)
    assert page.recommended_on == datetime.date.today()
    assert page.recommendation_reason == "Бала бакчасы жок айылдар үчүн арзан жол"


def test_editor_cannot_give_or_take_the_recommendation(login, editor, katran):
    recommend(katran)
    client = login(editor)
    data = form_data(client, edit_url(katran))
    data["recommended_on"] = ""
    data["recommendation_reason"] = "башка себеп"
    assert client.post(edit_url(katran), data).status_code == 302
    draft = PracticePage.objects.get(pk=katran.pk).get_latest_revision_as_object()
    assert draft.recommended_on == datetime.date(2026, 11, 20)
    assert draft.recommendation_reason == "Бала бакчасы жок айылдар үчүн арзан жол"


def test_a_recommendation_needs_its_reason(katran):
    katran.recommended_on = datetime.date(2026, 11, 20)
    with pytest.raises(ValidationError) as raised:
        katran.full_clean()
    assert "recommendation_reason" in raised.value.message_dict


def test_practice_page_shows_the_label_reason_and_date(client, katran):
    page = recommend(katran)
    body = client.get(page.url).content.decode()
    assert "Кайталоо үчүн сунушталат" in body
    assert "Бала бакчасы жок айылдар үчүн арзан жол" in body
    assert "20.11.2026" in body


def test_list_filters_recommended_practices_with_a_count(client, katran, practice, indexes):
    recommend(katran)
    practice(title="Кант шаарында таштанды", municipality="kant", oblast="chui")
    response = client.get(indexes["ky"].url)
    field = next(f for f in response.context["filter_fields"] if f["name"] == "recommended")
    assert [(o.value, o.count) for o in field["options"]] == [("yes", 1)]
    narrowed = client.get(indexes["ky"].url, {"recommended": "yes"})
    assert [p.pk for p in narrowed.context["practices"]] == [katran.pk]
    assert "tag-recommended" in narrowed.content.decode()


def test_list_ignores_an_odd_recommended_value(client, katran, indexes):
    response = client.get(indexes["ky"].url, {"recommended": "<b>maybe</b>"})
    assert response.status_code == 200
    assert ("recommended", "<b>maybe</b>") in response.context["filters"].ignored

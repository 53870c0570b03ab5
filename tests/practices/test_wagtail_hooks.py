"""Editors reach practices and reference data in the Wagtail admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("moderator", "m@example.org", "pw")
    client.force_login(user)
    return client


def test_practice_edit_form_opens(editor_client, practice):
    page = practice(municipality="katran")
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "locations-TOTAL_FORMS" in body
    assert "gallery_images-TOTAL_FORMS" in body


def test_new_practice_form_opens_under_the_list(editor_client, indexes):
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", indexes["ky"].pk])
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("model", ["oblast", "rayon", "municipality", "servicetype", "fundingmechanism",
                                   "beneficiarygroup", "partner"])
def test_reference_data_is_listed_in_the_admin(editor_client, site_tree, model):
    response = editor_client.get(reverse(f"wagtailsnippets_practices_{model}:list"))
    assert response.status_code == 200


def test_municipality_edit_form_shows_the_reform_history(editor_client, site_tree):
    from practices.models import Municipality

    katran = Municipality.objects.get(slug="katran")
    response = editor_client.get(reverse("wagtailsnippets_practices_municipality:edit", args=[katran.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="former_names"' in body and 'name="successor"' in body

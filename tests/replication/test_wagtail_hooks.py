"""Moderators follow up replication requests in the admin."""

import pytest
from django.urls import reverse

from practices.models import Municipality
from replication.models import ReplicationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(practice):
    katran = practice(municipality="katran")
    return ReplicationRequest.objects.create(
        practice=katran, practice_title=katran.title, translation_key=katran.translation_key,
        municipality=Municipality.objects.get(slug="bosteri"), contact_name="Гүлнара Өмүрбекова",
        contact_phone="+996 555 123 456", language="ky",
    )


def test_moderators_list_replication_requests(client, moderator, sent):
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_replication_replicationrequest:list"))
    assert response.status_code == 200
    assert "Гүлнара Өмүрбекова" in response.content.decode()


def test_editors_do_not_see_replication_requests(client, editor, sent):
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_replication_replicationrequest:list"))
    assert response.status_code in (302, 403)

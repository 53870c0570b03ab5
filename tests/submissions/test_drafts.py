"""Files sent with a practice stay private, under random names, until a moderator publishes it."""

import pytest
from django.test import Client

from moderation.files import private_collection, public_collection
from practices.models import PracticePage
from submissions.models import PracticeSubmission

from . import files

pytestmark = pytest.mark.django_db

PHOTO_NAME = "Катран-бала-бакча.jpg"
DOCUMENT_NAME = "Тапшырык-отчёту.pdf"


@pytest.fixture
def draft(client, share_url, valid_data, moderation, django_capture_on_commit_callbacks):
    data = {**valid_data, "photos": [files.jpeg(PHOTO_NAME)], "documents": [files.pdf(DOCUMENT_NAME)]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(share_url, data)
    assert response.status_code == 302
    return PracticePage.objects.get(pk=PracticeSubmission.objects.get().page_id)


@pytest.fixture
def moderation(site_tree):
    from moderation.setup import ensure_moderation

    return ensure_moderation()


def test_photos_and_documents_of_a_draft_wait_in_the_private_collection(draft):
    image = draft.gallery_images.get().image
    document = draft.attachments.get().document
    assert image.collection == document.collection == private_collection()


def test_stored_files_are_named_at_random_not_after_the_sender(draft):
    image = draft.gallery_images.get().image
    document = draft.attachments.get().document
    for stored in (image.file.name, document.file.name, document.url):
        assert "Катран" not in stored and "Тапшырык" not in stored and "upload" not in stored
    assert len(document.filename) == len("0" * 32 + ".pdf")
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".jpg")
    # Moderators still see what the sender called the document.
    assert document.title == "Тапшырык-отчёту"


def test_anonymous_reader_cannot_fetch_the_document_before_publication(draft):
    document = draft.attachments.get().document
    response = Client().get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_document_is_public_once_the_practice_is_published(draft):
    draft.get_latest_revision().publish()
    document = PracticePage.objects.get(pk=draft.pk).attachments.get().document
    assert document.collection == public_collection()
    assert draft.gallery_images.get().image.collection == public_collection()
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF

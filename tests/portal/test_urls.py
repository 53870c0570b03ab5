"""Ids in public URLs past the database's integer range are a 404, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAST_RANGE = ["9223372036854775808", "2147483648", "0", "9" * 40]


@pytest.fixture
def tolerant_client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("page_id", PAST_RANGE)
@pytest.mark.parametrize("suffix", ["", "sent/"])
def test_replication_pages_with_an_impossible_id_are_not_found(tolerant_client, site_tree, page_id, suffix):
    assert tolerant_client.get(f"/ky/replicate/{page_id}/{suffix}").status_code == 404


@pytest.mark.parametrize("document_id", PAST_RANGE)
def test_documents_with_an_impossible_id_are_not_found(tolerant_client, site_tree, document_id):
    assert tolerant_client.get(f"/documents/{document_id}/report.pdf").status_code == 404
    assert (
        tolerant_client.get(f"/documents/authenticate_with_password/{document_id}/", follow=True).status_code
        == 404
    )


def test_wagtail_routes_keep_their_names():
    assert reverse("wagtaildocs_serve", args=[3, "report.pdf"]) == "/documents/3/report.pdf"
    assert (
        reverse("wagtaildocs_authenticate_with_password", args=[3])
        == "/documents/authenticate_with_password/3/"
    )
    assert reverse("wagtailcore_authenticate_with_password", args=[1, 2]).endswith(
        "/_util/authenticate_with_password/1/2/"
    )

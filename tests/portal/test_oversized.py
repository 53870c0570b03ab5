"""A public form sent with more than the portal reads comes back with the fields that fitted and a message."""

import time
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import translation

from practices.models import Municipality
from replication.models import ReplicationRequest
from submissions.models import PracticeSubmission
from submissions.protection import started_token
from tests.submissions.conftest import DONE, TITLE

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"
# Pasted from a report: a long text that goes over the limit on its own.
LONG_REPORT = "Айыл өкмөтү муниципалдык социалдык тапшырык жарыялады. " * 200


@pytest.fixture
def limits(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 40
    return settings


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def csrf_token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def share_fields(token, **extra):
    katran = Municipality.objects.get(slug="katran")
    return [
        ("csrfmiddlewaretoken", token),
        ("started", started_token(at=time.time() - 60)),
        ("title", TITLE),
        ("municipality", str(katran.pk)),
        ("contact_name", "Гүлнара Үсөнова"),
        ("contact_email", "katran@example.kg"),
        *extra.items(),
    ]


def post(client, url, fields, **extra):
    return client.post(url, urlencode(fields), content_type=URLENCODED, **extra)


def test_share_form_over_the_size_limit_comes_back_with_what_fitted(csrf_client, limits, site_tree):
    token = csrf_token(csrf_client, "/ky/share/")
    response = post(
        csrf_client, "/ky/share/", share_fields(token, problem=LONG_REPORT, results="Борборго 60 бала барат.")
    )

    assert response.status_code == 413
    assert not PracticeSubmission.objects.exists()
    form = response.context["form"]
    assert form["title"].value() == TITLE
    assert form["contact_name"].value() == "Гүлнара Үсөнова"
    # The field cut at the limit and everything after it are not kept.
    assert not form["problem"].value()
    assert not form["results"].value()
    body = response.content.decode()
    assert TITLE in body
    assert "ашык" in body or "узун" in body
    assert response.context["notice"]


def test_share_form_with_too_many_fields_comes_back_with_what_fitted(csrf_client, limits, site_tree):
    token = csrf_token(csrf_client, "/ky/share/")
    fields = share_fields(token, what_was_done=DONE) + [("service_types", "1")] * 60

    response = post(csrf_client, "/ky/share/", fields)

    assert response.status_code == 400
    assert not PracticeSubmission.objects.exists()
    assert response.context["form"]["title"].value() == TITLE
    assert response.context["form"]["what_was_done"].value() == DONE
    assert response.context["notice"]


def test_share_form_multipart_over_the_limit_still_shows_the_form(csrf_client, limits, site_tree):
    token = csrf_token(csrf_client, "/ky/share/")
    response = csrf_client.post("/ky/share/", dict(share_fields(token, problem=LONG_REPORT)))

    assert response.status_code == 413
    assert not PracticeSubmission.objects.exists()
    assert response.context["notice"]
    assert "share-form" in response.content.decode()


def test_share_form_within_the_limits_is_judged_as_usual(csrf_client, limits, site_tree):
    token = csrf_token(csrf_client, "/ky/share/")
    response = post(csrf_client, "/ky/share/", share_fields(token))
    assert response.status_code == 200
    assert response.context["notice"] is None
    # Nothing says what was done yet: the usual field error, not the oversized message.
    assert response.context["form"].errors["what_was_done"]


def test_replication_form_over_the_size_limit_comes_back_with_what_fitted(csrf_client, limits, practice):
    page = practice()
    url = f"/ky/replicate/{page.pk}/"
    token = csrf_token(csrf_client, url)
    fields = [
        ("csrfmiddlewaretoken", token),
        ("municipality", str(Municipality.objects.get(slug="bosteri").pk)),
        ("contact_name", "Гүлнара Өмүрбекова"),
        ("contact_phone", "+996 555 123 456"),
        ("message", LONG_REPORT),
    ]

    response = post(csrf_client, url, fields)

    assert response.status_code == 413
    assert not ReplicationRequest.objects.exists()
    form = response.context["form"]
    assert form["contact_name"].value() == "Гүлнара Өмүрбекова"
    assert form["contact_phone"].value() == "+996 555 123 456"
    assert not form["message"].value()
    assert "Гүлнара Өмүрбекова" in response.content.decode()


def test_replication_form_with_too_many_fields_comes_back(csrf_client, limits, practice):
    page = practice()
    url = f"/ky/replicate/{page.pk}/"
    token = csrf_token(csrf_client, url)
    fields = [("csrfmiddlewaretoken", token), ("contact_name", "Гүлнара")] + [("x", "1")] * 50
    response = post(csrf_client, url, fields)
    assert response.status_code == 400
    assert response.context["form"]["contact_name"].value() == "Гүлнара"


@pytest.mark.parametrize(
    "language, words",
    [
        ("ky", "порталдын бир жолу кабыл ала турганынан"),
        ("ru", "длиннее, чем портал может принять"),
        ("en", "longer than the portal can take"),
    ],
)
def test_message_speaks_the_readers_language(csrf_client, limits, site_tree, language, words):
    url = f"/{language}/share/"
    token = csrf_token(csrf_client, url)
    response = post(csrf_client, url, share_fields(token, problem=LONG_REPORT))
    assert response.status_code == 413
    with translation.override(language):
        assert words in str(response.context["notice"])
    assert words in response.content.decode()

"""«We want to do this too»: a municipality asks to replicate a practice; the request is kept and forwarded."""

import pytest
from django.core import mail
from django.urls import reverse

from practices.models import Municipality, PracticePage
from replication.models import ReplicationRequest
from submissions import protection

pytestmark = pytest.mark.django_db


@pytest.fixture
def katran(practice):
    page = practice(municipality="katran")
    page.contact_email = "katran@example.org"
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def past_start(monkeypatch):
    """Forms handed out a minute ago, so the minimum fill time has passed."""
    return protection.started_token(at=protection.now() - 60)


def request_data(started, **overrides):
    data = {
        "municipality": str(Municipality.objects.get(slug="bosteri").pk),
        "contact_name": "Гүлнара Өмүрбекова", "contact_role": "айыл өкмөтүнүн башчысы",
        "contact_phone": "+996 555 123 456", "contact_email": "bosteri@example.org",
        "message": "Бизде да бала бакча жок. Кантип баштасак болот?",
        protection.STARTED_FIELD: started, protection.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


def url(page):
    return reverse("request_replication", args=[page.pk])


def test_request_is_saved_forwarded_and_counted_on_the_practice(client, katran, past_start, django_user_model,
                                                                django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    moderator = django_user_model.objects.create_user("m", "moderator@example.org", "pw")
    moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(katran), request_data(past_start))
    assert response.status_code == 302
    saved = ReplicationRequest.objects.get()
    assert (saved.practice, saved.municipality.slug, saved.contact_name) == (katran, "bosteri", "Гүлнара Өмүрбекова")
    assert saved.forwarded_at is not None
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["katran@example.org", "moderator@example.org"]
    assert mail.outbox[0].reply_to == ["bosteri@example.org"]
    assert "Кантип баштасак болот?" in mail.outbox[0].body
    page = client.get(katran.url).content.decode()
    assert "1 муниципалитет аны кайталоону суранды." in page
    assert url(katran) in page


def test_request_counts_for_every_language_of_the_case(client, katran, practice, past_start):
    russian = practice(title="Детский центр в Катране", language="ru", municipality="katran", translation_of=katran)
    assert client.post(url(russian), request_data(past_start)).status_code == 302
    assert "1 муниципалитет аны кайталоону суранды." in client.get(katran.url).content.decode()


def test_invalid_request_keeps_what_was_typed(client, katran, past_start):
    response = client.post(url(katran), request_data(past_start, contact_phone="", contact_email=""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Гүлнара Өмүрбекова" in body and "Кантип баштасак болот?" in body
    assert response.context["form"].errors["contact_phone"]
    assert not ReplicationRequest.objects.exists()


def test_bad_email_is_refused_with_a_message(client, katran, past_start):
    response = client.post(url(katran), request_data(past_start, contact_email="not an email"))
    assert response.context["form"].errors["contact_email"]


def test_honeypot_and_hurried_posts_are_not_saved(client, katran, past_start):
    filled = client.post(url(katran), request_data(past_start, **{protection.HONEYPOT_FIELD: "buy now"}))
    hurried = client.post(url(katran), request_data(protection.started_token()))
    assert filled.status_code == hurried.status_code == 200
    assert filled.context["notice"] and hurried.context["notice"]
    assert "Гүлнара Өмүрбекова" in hurried.content.decode()
    assert not ReplicationRequest.objects.exists()


def test_requests_from_one_connection_are_limited(client, katran, past_start, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(url(katran), request_data(past_start)).status_code == 302
    refused = client.post(url(katran), request_data(past_start))
    assert refused.status_code == 200 and refused.context["notice"]
    assert ReplicationRequest.objects.count() == 2


def test_a_failing_mail_server_loses_no_request(client, katran, past_start, settings,
                                               django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.replication.test_views.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(katran), request_data(past_start)).status_code == 302
    saved = ReplicationRequest.objects.get()
    assert saved.forwarded_at is None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_form_in_every_language_and_unknown_practices(client, katran):
    for language in ("ky", "ru", "en"):
        response = client.get(f"/{language}/replicate/{katran.pk}/", {"junk": "<x>"})
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
    assert client.get("/ky/replicate/999999/").status_code == 404
    assert client.get("/ky/replicate/abc/").status_code == 404


def test_unpublished_practice_takes_no_requests(client, katran, past_start):
    katran.unpublish()
    assert client.post(url(katran), request_data(past_start)).status_code == 404


def test_adapted_case_links_back_and_the_original_lists_it(client, katran, practice):
    adapted = practice(title="Бостери айылындагы бала бакча", oblast="issyk-kul", municipality="bosteri")
    adapted.adapted_from = katran
    adapted.save_revision().publish()
    original_page = client.get(katran.url).content.decode()
    adapted_page = client.get(PracticePage.objects.get(pk=adapted.pk).url).content.decode()
    assert "Бостери айылындагы бала бакча" in original_page
    assert katran.title in adapted_page

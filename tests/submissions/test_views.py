"""The public form: a practice sent from a phone becomes a saved submission and a draft page."""

import time

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client, override_settings
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from practices.models import Municipality, PracticePage
from submissions.models import PendingUpload, PracticeSubmission, SubmissionFile
from submissions.protection import started_token
from tests.submissions import files
from tests.submissions.conftest import DONE, TITLE, hidden_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(client, share_url, django_capture_on_commit_callbacks):
    """Post the form like a browser would; callbacks after commit (emails) run as in production."""

    def post(data, url=share_url, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return post


def receipt_of(response):
    """The submission a redirect's receipt link names."""
    from django.core import signing
    from django.urls import resolve

    from submissions.views import _RECEIPT_SALT

    token = resolve(response["Location"]).kwargs["token"]
    return signing.loads(token, salt=_RECEIPT_SALT)


def only_submission():
    submission = PracticeSubmission.objects.get()
    return submission, PracticePage.objects.get(pk=submission.page_id)


@override_settings(SUBMISSIONS_NOTIFY_EMAILS=["moderators@example.kg"])
def test_practice_is_saved_with_a_draft_page_and_the_sender_gets_the_reference(
    send, client, valid_data, indexes, mailoutbox
):
    response = send(
        {**valid_data, "photos": [files.jpeg(), files.png()], "documents": [files.pdf(), files.docx()]}
    )

    assert response.status_code == 302
    submission, page = only_submission()
    assert submission.title == TITLE
    assert submission.what_was_done == DONE
    assert submission.language == "ky"
    assert submission.reference == f"LSG-{submission.created_at.year}-{submission.pk:06d}"
    assert submission.cost_amount == 150000
    assert submission.client_hash and "127.0.0.1" not in submission.client_hash
    assert [f.kind for f in SubmissionFile.objects.filter(submission=submission)] == [
        "photo", "photo", "document", "document"
    ]

    assert not page.live
    assert page.has_unpublished_changes
    assert page.get_parent().specific == indexes["ky"]
    assert page.locale.language_code == "ky"
    assert page.title == TITLE
    assert "үлгүсү" in page.slug and "жаңы" in page.slug and "өкмөтү" in page.slug
    assert page.get_latest_revision() is not None
    location = page.locations.get()
    katran = Municipality.objects.get(slug="katran")
    assert (location.municipality, location.rayon, location.oblast) == (katran, katran.rayon, katran.oblast)
    assert [s.slug for s in page.service_types.all()] == ["preschool-education"]
    assert [(g.image.width, g.image.height) for g in page.gallery_images.all()] == [(40, 30), (40, 30)]
    assert all(g.image.file_hash for g in page.gallery_images.all())
    assert [a.document.file_extension for a in page.attachments.all()] == ["pdf", "docx"]
    assert page.contact_phone == "+996 3656 5 12 34"
    assert "Инсан-Лейлек" in str(page.what_was_done)

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert submission.reference in receipt.content.decode()

    to_sender = [mail for mail in mailoutbox if mail.to == ["katran@example.kg"]]
    assert len(to_sender) == 1 and submission.reference in to_sender[0].subject + to_sender[0].body
    to_moderators = [mail for mail in mailoutbox if mail.to == ["moderators@example.kg"]]
    assert len(to_moderators) == 1
    assert f"/admin/pages/{page.pk}/edit/" in to_moderators[0].body


def test_contact_stays_off_the_page_without_consent(send, valid_data):
    valid_data.pop("contact_consent")
    send(valid_data)
    submission, page = only_submission()
    assert submission.contact_phone and not submission.contact_consent
    assert (page.contact_name, page.contact_phone, page.contact_email) == ("", "", "")


def test_russian_reader_gets_a_draft_in_the_russian_list(send, valid_data, indexes):
    send(valid_data, url="/ru/share/")
    submission, page = only_submission()
    assert submission.language == "ru"
    assert page.get_parent().specific == indexes["ru"]


def test_draft_goes_to_the_moderators_workflow(send, valid_data, indexes, django_user_model, mailoutbox):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    django_user_model.objects.create_user("moderator", "moderator@example.kg", "pw").groups.add(moderators)
    workflow = Workflow.objects.create(name="Moderation", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators review")
    task.groups.add(moderators)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in indexes.values():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    send(valid_data)

    _submission, page = only_submission()
    assert page.workflow_in_progress
    assert page.current_workflow_state.requested_by is None
    assert any(mail.to == ["moderator@example.kg"] and "LSG-" in mail.subject for mail in mailoutbox)


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise OSError("the mail server is down")

    def close(self):
        pass

    def send_messages(self, messages):
        raise OSError("the mail server is down")


@override_settings(
    EMAIL_BACKEND="tests.submissions.test_views.BrokenMailBackend",
    SUBMISSIONS_NOTIFY_EMAILS=["moderators@example.kg"],
)
def test_broken_mail_server_loses_nothing(send, client, valid_data):
    response = send({**valid_data, "photos": [files.jpeg()]})
    assert response.status_code == 302
    submission, page = only_submission()
    assert page.gallery_images.count() == 1
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Please write a name for the practice."),
        ({"municipality": ""}, "municipality", "Please choose the municipality."),
        ({"contact_phone": "", "contact_email": ""}, "contact_phone", "Please give a phone number or an email"),
        ({"contact_email": "katran at example"}, "contact_email", "Please check the email address"),
        ({"contact_phone": "звоните"}, "contact_phone", "Please write the phone number in digits"),
        ({"cost_amount": "көп"}, "cost_amount", "Please write the amount in digits"),
        ({"what_was_done": ""}, "what_was_done", "Please describe what was done."),
        ({"title": "Ө" * 300}, "title", "at most 255 characters"),
    ],
    ids=["title", "municipality", "no-contact", "email", "phone", "amount", "what-was-done", "too-long"],
)
def test_invalid_field_is_explained_next_to_it_and_typing_is_kept(
    send, valid_data, change, field, message
):
    with override_settings(LANGUAGE_CODE="en"):
        response = send({**valid_data, **change}, url="/en/share/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert 'aria-invalid="true"' in body
    assert "Гүлнара Үсөнова" in body and "Инсан-Лейлек" in body
    assert not PracticeSubmission.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: {"photos": [files.upload("photo.jpg", files.PHP, "image/jpeg")]}, "is not a photo"),
        (lambda: {"photos": [files.upload("page.jpg", files.HTML, "image/jpeg")]}, "is not a photo"),
        (lambda: {"photos": [files.upload("logo.svg", files.SVG, "image/svg+xml")]}, "is not a photo"),
        (lambda: {"photos": [files.upload("bomb.png", files.png_declaring(100_000, 100_000))]}, "too many pixels"),
        (lambda: {"documents": [files.upload("report.pdf", files.EXE, "application/pdf")]}, "is not a document"),
        (lambda: {"documents": [files.upload("archive.zip", files.PLAIN_ZIP)]}, "is not a document"),
        (lambda: {"photos": [files.jpeg(name=f"{n}.jpg") for n in range(11)]}, "At most 10 photos"),
        (lambda: {"documents": [files.pdf(name=f"{n}.pdf") for n in range(6)]}, "At most 5 documents"),
    ],
    ids=["php-as-jpg", "html-as-jpg", "svg", "bomb", "exe-as-pdf", "zip", "11-photos", "6-documents"],
)
def test_rejected_upload_is_explained_and_nothing_is_sent(send, valid_data, upload, message):
    response = send({**valid_data, **upload()}, url="/en/share/")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PracticeSubmission.objects.exists()


@override_settings(SUBMISSIONS_MAX_PHOTO_SIZE=2000)
def test_too_large_photo_is_dropped_while_reading_and_explained(send, valid_data):
    big = files.upload("big.png", files.image_bytes("PNG", size=(300, 300), color=None) + b"\0" * 3000)
    response = send({**valid_data, "photos": [big, files.jpeg(name="small.jpg")]}, url="/en/share/")
    body = response.content.decode()
    assert "«big.png» is larger than" in body
    assert "small.jpg" in body  # kept, listed as already attached
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["small.jpg"]


def test_good_files_are_kept_across_an_error_and_attached_later(send, valid_data):
    first = send(
        {**valid_data, "title": "", "photos": [files.jpeg(), files.upload("x.jpg", files.PHP)],
         "documents": [files.pdf()]},
        url="/en/share/",
    )
    body = first.content.decode()
    assert "Already attached" in body and "бала-бакча.jpg" in body and "отчёт.pdf" in body
    assert "«x.jpg» is not a photo" in body
    kept = list(PendingUpload.objects.all())
    assert len(kept) == 2

    second = send({**valid_data, "pending": hidden_value(first, "pending"), "started": hidden_value(first, "started")})

    assert second.status_code == 302
    _submission, page = only_submission()
    assert page.gallery_images.count() == 1
    assert page.attachments.count() == 1
    assert not PendingUpload.objects.exists()
    assert not any(upload.file.storage.exists(upload.file.name) for upload in kept)


def test_reader_can_remove_a_kept_file(send, valid_data):
    first = send({**valid_data, "title": "", "photos": [files.jpeg(), files.png()]})
    token = PendingUpload.objects.get(original_name="photo.png").token
    send({**valid_data, "pending": hidden_value(first, "pending"), "remove_pending": [token]})
    _submission, page = only_submission()
    assert [g.image.title.endswith("(1)") for g in page.gallery_images.all()] == [True]
    assert page.gallery_images.count() == 1


def test_forged_list_of_kept_files_brings_back_nothing_and_says_so(send, valid_data):
    response = send({**valid_data, "title": "", "pending": "forged:list"}, url="/en/share/")
    assert response.status_code == 200
    assert "Some files you attached earlier are no longer here" in response.content.decode()


@override_settings(SUBMISSIONS_RATE_LIMIT=5)
def test_sixth_practice_within_an_hour_from_one_address_is_refused(send, valid_data):
    for number in range(5):
        assert send({**valid_data, "title": f"{TITLE} {number}"}).status_code == 302
    response = send({**valid_data, "title": "Алтынчы практика"}, url="/en/share/")
    assert response.status_code == 429
    assert "Many practices have been sent from your connection" in response.content.decode()
    assert "Алтынчы практика" in response.content.decode()
    assert PracticeSubmission.objects.count() == 5
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert other.post("/ky/share/", {**valid_data, "title": "Алтынчы практика"}).status_code == 302


def test_pressing_send_again_after_a_lost_answer_makes_no_duplicate(send, valid_data):
    first = send({**valid_data, "photos": [files.jpeg()]})
    again = send({**valid_data, "photos": [files.jpeg()]})
    assert again.status_code == 302
    # The signed link carries the time it was made, so compare the submissions it names.
    assert receipt_of(again) == receipt_of(first)
    assert PracticeSubmission.objects.count() == 1
    changed = send({**valid_data, "title": "Башка практика"})
    assert receipt_of(changed) != receipt_of(first)
    assert PracticeSubmission.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"hp_comment": "http://spam.example"},
        lambda: {"started": started_token()},
        lambda: {"started": started_token(at=time.time() - 60)[:-3] + "xyz"},
        lambda: {"started": ""},
    ],
    ids=["honeypot", "too-fast", "tampered-time", "no-time"],
)
def test_robots_get_a_calm_refusal_and_nothing_is_saved(send, valid_data, change):
    response = send({**valid_data, **change(), "photos": [files.jpeg()]}, url="/en/share/")
    body = response.content.decode()
    assert response.status_code == 400
    assert "we could not accept the form this time" in body
    assert "honeypot" not in body.lower() and "too fast" not in body.lower()
    assert not PracticeSubmission.objects.exists()
    assert not PendingUpload.objects.exists()


def test_too_fast_human_can_send_again_a_moment_later(send, valid_data, monkeypatch):
    started = started_token()
    first = send({**valid_data, "started": started})
    assert first.status_code == 400
    assert hidden_value(first, "started") == started
    monkeypatch.setattr("submissions.protection.now", lambda: time.time() + 30)
    assert send({**valid_data, "started": started}).status_code == 302


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_form_renders_in_every_language(client, site_tree, language):
    response = client.get(f"/{language}/share/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in body
    assert 'enctype="multipart/form-data"' in body
    assert 'name="photos"' in body and "multiple" in body
    assert "csrfmiddlewaretoken" in body
    assert "<optgroup" in body


def test_form_ignores_junk_in_the_address(client, site_tree):
    response = client.get("/ky/share/?municipality=<script>&page=-1&title=%00%FF&photos=1")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_post_without_csrf_token_is_refused_not_crashed(site_tree, valid_data):
    response = Client(enforce_csrf_checks=True).post("/ky/share/", valid_data)
    assert response.status_code == 403
    assert not PracticeSubmission.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"municipality": "abc"},
        {"municipality": "99999999999999999999999"},
        {"municipality": "-1"},
        {"service_types": ["x", "999999"]},
        {"what_was_done": "ы" * 200_000},
        {"contact_email": "a@" + "ө" * 300 + ".kg"},
        {"cost_amount": "1e999999"},
        {"cost_amount": "NaN"},
    ],
    ids=["letters", "huge-id", "negative-id", "junk-services", "huge-text", "huge-email",
         "huge-exponent", "nan"],
)
def test_junk_input_gets_a_message_not_a_crash(send, valid_data, change):
    response = send({**valid_data, **change}, url="/en/share/")
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not PracticeSubmission.objects.exists()


def test_odd_unicode_is_cleaned_and_kyrgyz_letters_survive(send, valid_data):
    send({**valid_data, "title": "\u202eЖаңы\u200b өнүгүү\x00  үлгүсү\ufeff", "contact_name": "Ү\u0301сөн"})
    submission, page = only_submission()
    assert submission.title == page.title == "Жаңы өнүгүү үлгүсү"
    assert page.slug == "жаңы-өнүгүү-үлгүсү"


def test_other_methods_are_not_allowed(client, site_tree):
    assert client.put("/ky/share/").status_code == 405
    assert client.delete("/ky/share/").status_code == 405


def test_receipt_link_cannot_be_forged_or_reused_forever(send, client, valid_data):
    response = send(valid_data)
    submission = PracticeSubmission.objects.get()
    assert client.get(response["Location"].replace(":", "x", 1)).status_code == 404
    assert client.get("/ky/share/received/1/").status_code == 404
    other_salt = signing.dumps(submission.pk, salt="something.else")
    assert client.get(f"/ky/share/received/{other_salt}/").status_code == 404
    with override_settings(SUBMISSIONS_ACKNOWLEDGMENT_MAX_AGE=-1):
        expired = client.get(response["Location"])
    assert expired.status_code == 410
    assert submission.reference not in expired.content.decode()


def test_body_too_big_for_the_server_is_refused_with_the_form_not_crashed(send, valid_data):
    response = send({**valid_data, "what_was_done": "ы" * 2_000_000})
    assert response.status_code == 413
    assert response.context["notice"] and response.context["form"]
    assert not PracticeSubmission.objects.exists()

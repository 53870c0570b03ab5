"""Who hears about a shared practice, and in which language."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.users.models import UserProfile

from submissions.emails import moderator_recipients, send_acknowledgment, send_moderator_notice
from submissions.models import PracticeSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_tree):
    from practices.models import Municipality

    return PracticeSubmission.objects.create(
        language="ru", title="Детский сад «Алтын-Бешик»", municipality=Municipality.objects.get(slug="katran"),
        what_was_done="Айыл өкмөтү социалдык тапшырык жарыялады.", contact_name="Гүлнара",
        contact_email="katran@example.kg", reference="LSG-2026-000042",
    )


@override_settings(SUBMISSIONS_NOTIFY_EMAILS=["desk@example.kg"])
def test_moderators_group_members_are_told_in_their_own_language(django_user_model):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    for name, language in (("aida", "ru"), ("bakyt", "")):
        user = django_user_model.objects.create_user(name, f"{name}@example.kg", "pw")
        user.groups.add(moderators)
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    django_user_model.objects.create_user("gone", "gone@example.kg", "pw", is_active=False).groups.add(
        moderators
    )
    assert moderator_recipients() == {"ru": ["aida@example.kg"], "ky": ["bakyt@example.kg"]}


@override_settings(SUBMISSIONS_NOTIFY_EMAILS=["desk@example.kg"])
def test_configured_addresses_stand_in_for_an_empty_moderators_group():
    Group.objects.get_or_create(name="Moderators")
    assert moderator_recipients() == {"ky": ["desk@example.kg"]}


def test_notice_without_a_draft_carries_the_whole_text(submission, mailoutbox, settings):
    settings.SUBMISSIONS_NOTIFY_EMAILS = ["desk@example.kg"]
    assert send_moderator_notice(submission)
    body = mailoutbox[0].body
    assert "LSG-2026-000042" in mailoutbox[0].subject
    assert "Айыл өкмөтү социалдык тапшырык жарыялады." in body
    assert "katran@example.kg" in body


def test_acknowledgment_goes_only_to_a_sender_with_an_email(submission, mailoutbox):
    assert send_acknowledgment(submission)
    assert mailoutbox[0].to == ["katran@example.kg"]
    assert "\n" not in mailoutbox[0].subject
    submission.contact_email = ""
    assert not send_acknowledgment(submission)
    assert len(mailoutbox) == 1


def test_a_share_with_the_mail_server_down_reaches_the_moderators_queue_and_its_mail_waits(
    client, valid_data, settings, django_capture_on_commit_callbacks,
):
    from django_tasks import default_task_backend
    from wagtail.models import WorkflowState

    from moderation.setup import ensure_moderation
    from portal.mail import deliver_email

    ensure_moderation()
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing may be contacted
    settings.SUBMISSIONS_NOTIFY_EMAILS = ["desk@example.kg"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ky/share/", valid_data)
    assert response.status_code == 302
    # The worker's turn: everything but the mail runs; the mail server stays down.
    for result in [r for r in default_task_backend.results if r.task.func is not deliver_email.func]:
        result.task.call(*result.args, **result.kwargs)
    submission = PracticeSubmission.objects.get()
    assert WorkflowState.objects.filter(object_id=str(submission.page_id), status="in_progress").exists()
    mails = [result.args[0] for result in default_task_backend.results if result.task.func is deliver_email.func]
    recipients = {address for data in mails for address in data["to"]}
    assert {"katran@example.kg", "desk@example.kg"} <= recipients


def test_running_the_after_submission_task_again_keeps_one_moderation(client, valid_data, caplog):
    from wagtail.models import WorkflowState

    from moderation.setup import ensure_moderation
    from submissions.service import after_submission_task

    ensure_moderation()
    client.post("/ky/share/", valid_data)
    submission = PracticeSubmission.objects.get()
    after_submission_task.call(submission.pk, [])
    after_submission_task.call(submission.pk, [])
    assert WorkflowState.objects.filter(object_id=str(submission.page_id), status="in_progress").count() == 1
    assert "Could not start moderation" not in caplog.text

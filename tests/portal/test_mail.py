"""Mail leaves through a task: the request only enqueues it, and a failed delivery is tried again later."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import default_task_backend

from portal.mail import deliver_email, message_data, retry_delays

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.fixture
def deferred_tasks(queued):
    queued.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    return default_task_backend


def kyrgyz_message():
    message = EmailMultiAlternatives(
        "Жаңы практика: «Бала бакча» Катранда", "Төмөнкү шилтеме боюнча өтүңүз.\n", "portal@example.kg",
        ["moderator@example.kg"], cc=["desk@example.kg"], reply_to=["katran@example.kg"],
        headers={"X-Portal-Reference": "LSG-2026-000042"},
    )
    message.attach_alternative("<p>Төмөнкү шилтеме</p>", "text/html")
    message.attach("смета.csv", "сумма;150000\n", "text/csv")
    return message


def test_a_message_comes_out_of_its_task_as_it_went_in(queued, mailoutbox):
    assert kyrgyz_message().send() == 1
    [sent] = mailoutbox
    assert message_data(sent) == message_data(kyrgyz_message())
    assert sent.attachments[0][0] == "смета.csv"


def test_a_hand_built_mime_part_travels_too(queued, mailoutbox):
    from email.mime.text import MIMEText

    message = kyrgyz_message()
    message.attach(MIMEText("Тиркелген текст", "plain", "utf-8"))
    message.send()
    [sent] = mailoutbox
    part = sent.attachments[-1]
    assert part.get_content_type() == "text/plain"
    assert part.get_payload(decode=True).decode("utf-8") == "Тиркелген текст"


def test_sending_only_enqueues_and_talks_to_no_mail_server(deferred_tasks, mailoutbox):
    assert send_mail("Тема", "Текст", "portal@example.kg", ["katran@example.kg"]) == 1
    assert mailoutbox == []
    [result] = deferred_tasks.results
    assert result.task.func is deliver_email.func
    assert result.args[0]["to"] == ["katran@example.kg"]


def test_a_failed_delivery_is_tried_again_after_a_delay(deferred_tasks):
    data = message_data(kyrgyz_message())
    with pytest.raises(ConnectionRefusedError):
        _deliver_with(RefusingBackend, data, attempt=1)
    [retry] = deferred_tasks.results
    assert list(retry.args) == [data, 2]
    assert abs(retry.task.run_after - (timezone.now() + timedelta(minutes=1))) < timedelta(seconds=5)


def test_the_retry_schedule_is_a_setting(deferred_tasks, settings):
    settings.PORTAL_MAIL_RETRY_DELAYS = [7, 11]
    data = message_data(kyrgyz_message())
    with pytest.raises(ConnectionRefusedError):
        _deliver_with(RefusingBackend, data, attempt=2)
    [retry] = deferred_tasks.results
    assert list(retry.args) == [data, 3]
    assert abs(retry.task.run_after - (timezone.now() + timedelta(seconds=11))) < timedelta(seconds=2)
    with pytest.raises(ConnectionRefusedError):
        _deliver_with(RefusingBackend, data, attempt=3)
    assert len(deferred_tasks.results) == 1


def test_after_the_last_attempt_the_failure_is_logged_and_not_retried(deferred_tasks, caplog):
    data = message_data(kyrgyz_message())
    with caplog.at_level(logging.ERROR, logger="portal.mail"), pytest.raises(ConnectionRefusedError):
        _deliver_with(RefusingBackend, data, attempt=len(retry_delays()) + 1)
    assert deferred_tasks.results == []
    assert "Gave up" in caplog.text and "moderator@example.kg" in caplog.text


def test_a_backend_that_cannot_wait_does_not_retry_at_once(queued, caplog):
    # Tasks run in the request (make run, tests): a retry there would hold the request.
    queued.PORTAL_EMAIL_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        assert kyrgyz_message().send() == 1
    assert "Gave up" in caplog.text
    assert mail.outbox == []


def _deliver_with(backend_class, data, attempt):
    from django.test import override_settings

    with override_settings(PORTAL_EMAIL_DELIVERY_BACKEND=f"{backend_class.__module__}.{backend_class.__name__}"):
        return deliver_email.call(data, attempt)


@pytest.mark.django_db
def test_with_the_database_backend_mail_waits_in_the_database_until_the_worker_delivers_it(
    queued, mailoutbox, worker_in_test_transaction,
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    queued.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert kyrgyz_message().send() == 1
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    [sent] = mailoutbox
    assert sent.subject == "Жаңы практика: «Бала бакча» Катранда"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_a_rolled_back_request_sends_nothing(queued, mailoutbox):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    queued.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        kyrgyz_message().send()
        raise RuntimeError("the change failed")
    assert not DBTaskResult.objects.exists()

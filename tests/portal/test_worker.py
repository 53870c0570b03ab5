"""A worker killed mid-task finds its unfinished task when it comes back, and runs it."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings, worker_in_test_transaction):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def claimed_mail(subject, worker_id):
    """A mail task a worker had claimed when it was killed."""
    from django.core.mail import send_mail

    send_mail(subject, "Текст", "portal@example.kg", ["moderator@example.kg"])
    result = DBTaskResult.objects.latest("enqueued_at")
    result.claim(worker_id)
    return result


def test_the_restarted_worker_runs_the_task_it_was_killed_in(database_tasks, mailoutbox):
    interrupted = claimed_mail("Үзүлгөн тапшырма", "worker-1")
    call_command("run_worker", worker_id="worker-1", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert [message.subject for message in mailoutbox] == ["Үзүлгөн тапшырма"]
    interrupted.refresh_from_db()
    assert interrupted.status == "SUCCESSFUL"
    assert interrupted.worker_ids == ["worker-1", "worker-1"]


def test_another_workers_running_task_is_left_to_it(database_tasks, mailoutbox):
    other = claimed_mail("Башка жумушчунуку", "worker-2")
    call_command("run_worker", worker_id="worker-1", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert mailoutbox == []
    other.refresh_from_db()
    assert other.status == "RUNNING"

"""Files kept for a corrected form are removed by a task once they expire, without anyone running a command."""

import datetime

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from submissions.conf import setting
from submissions.models import PendingUpload
from submissions.pending import remove_stale_pending, remove_stale_pending_task, store_pending
from submissions.uploads import CheckedFile
from tests.submissions import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def deferred_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def stored(name="смета.pdf"):
    checked = CheckedFile(kind="document", original_name=name, extension="pdf", size=5)
    return store_pending(files.pdf(name), checked)


def test_storing_a_pending_file_schedules_its_removal_after_it_expires(deferred_tasks):
    upload = stored()
    [cleaning] = deferred_tasks.results
    assert cleaning.task.func is remove_stale_pending_task.func
    max_age = datetime.timedelta(seconds=setting("SUBMISSIONS_PENDING_MAX_AGE"))
    due = cleaning.task.run_after
    assert upload.created_at + max_age <= due <= upload.created_at + max_age + datetime.timedelta(hours=1)


def test_files_stored_within_the_same_hour_share_one_cleaning(deferred_tasks):
    stored("бир.pdf")
    stored("эки.pdf")
    assert len(deferred_tasks.results) == 1


def test_the_cleaning_removes_expired_files_and_keeps_fresh_ones():
    old, fresh = stored("эски.pdf"), stored("жаңы.pdf")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    storage = old.file.storage
    assert remove_stale_pending() == 1
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["жаңы.pdf"]
    assert not storage.exists(old.file.name) and storage.exists(fresh.file.name)


def test_tasks_run_in_the_request_schedule_nothing():
    stored()
    assert PendingUpload.objects.count() == 1

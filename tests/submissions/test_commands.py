"""Files left by forms nobody finished are cleaned after a day."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from submissions.models import PendingUpload

pytestmark = pytest.mark.django_db


def pending(name, age_hours):
    upload = PendingUpload(kind="document", original_name=name, extension="pdf", size=5)
    upload.file.save("x.pdf", ContentFile(b"%PDF-"), save=False)
    upload.save()
    PendingUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=age_hours)
    )
    return upload


def test_clean_pending_uploads_deletes_old_files_and_keeps_recent_ones(capsys):
    old, recent = pending("old.pdf", 30), pending("recent.pdf", 2)
    storage = old.file.storage

    call_command("clean_pending_uploads")

    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["recent.pdf"]
    assert not storage.exists(old.file.name)
    assert storage.exists(recent.file.name)
    assert "Deleted 1 pending upload" in capsys.readouterr().out


def test_clean_pending_uploads_takes_a_shorter_age():
    pending("recent.pdf", 2)
    call_command("clean_pending_uploads", hours=1)
    assert not PendingUpload.objects.exists()

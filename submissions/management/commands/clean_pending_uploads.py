"""Delete files that readers attached to a form they never finished sending."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from submissions.conf import setting
from submissions.models import PendingUpload


class Command(BaseCommand):
    help = "Delete pending uploads of the share form older than a day (or --hours)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=setting("SUBMISSIONS_PENDING_MAX_AGE") / 3600,
            help="Age in hours after which a pending upload is deleted.",
        )

    def handle(self, *args, hours, **options):
        cutoff = timezone.now() - datetime.timedelta(hours=hours)
        stale = PendingUpload.objects.filter(created_at__lt=cutoff)
        count = 0
        for upload in stale.iterator():
            upload.discard()
            count += 1
        self.stdout.write(f"Deleted {count} pending upload(s) older than {hours:g} hours.")

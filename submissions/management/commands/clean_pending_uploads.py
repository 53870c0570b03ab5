"""Delete files that readers attached to a form they never finished sending."""

from django.core.management.base import BaseCommand

from submissions.conf import setting
from submissions.pending import remove_stale_pending


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
        count = remove_stale_pending(max_age=hours * 3600)
        self.stdout.write(f"Deleted {count} pending upload(s) older than {hours:g} hours.")

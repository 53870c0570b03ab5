from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, make_backup
from portal.backup.manifest import describe_counts


class Command(BaseCommand):
    help = (
        "Write the whole database (pg_dump on PostgreSQL, the online backup API on SQLite) and "
        "everything under MEDIA_ROOT into one .tar.gz archive, with a manifest of what it holds. "
        "The site may keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", metavar="PATH",
            help="the archive to write, or a folder for it; default portal-backup-<date>-<time>.tar.gz here",
        )

    def handle(self, *args, **options):
        try:
            report = make_backup(options["output"], stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {report.path} ({report.size / 1e6:.1f} MB) in {report.seconds:.1f} s: "
            f"{describe_counts(report.counts)}; {report.media_files} media files "
            f"({report.media_bytes / 1e6:.1f} MB)."
        ))

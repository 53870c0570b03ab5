from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup
from portal.backup.manifest import describe_counts


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database and an empty MEDIA_ROOT, "
        "then rebuild the search index and clear the cache."
    )
    # The database may have no tables yet, which some checks would trip over.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="an archive made by manage.py backup")
        parser.add_argument(
            "--force", action="store_true",
            help="delete everything in the database and MEDIA_ROOT first, if they are not empty",
        )

    def handle(self, *args, **options):
        try:
            report = restore_backup(options["path"], force=options["force"], stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {report.created} in {report.seconds:.1f} s: "
            f"{describe_counts(report.counts)}; {report.media_files} media files."
        ))
        if report.index_problem:
            self.stdout.write(self.style.WARNING(report.index_problem))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from practices.exchange.formats import FormatError, detect_format, read_file
from practices.exchange.validation import check_records
from practices.exchange.writer import PracticeWriter, upsert_partners


class Command(BaseCommand):
    help = (
        "Import practices from a JSON or CSV file (see docs/import-format.md). Every record is "
        "checked first; by default nothing is written if any record is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["json", "csv"])
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument(
            "--partial", action="store_true", help="write the good records and report the bad ones"
        )

    def handle(self, *args, **options):
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        file_format = detect_format(path, options["format"])
        try:
            partners, records, labels = read_file(path, file_format)
        except FormatError as error:
            raise CommandError(f"{path}: {error}") from error

        problems, valid = check_records(partners, records, labels, path.parent)
        for problem in problems:
            self.stderr.write(str(problem))
        bad = len(records) - len(valid)
        if options["dry_run"]:
            self.stdout.write(f"{len(records)} records checked: {len(valid)} good, {bad} with problems.")
            if problems:
                raise CommandError(f"{len(problems)} problems found; nothing was written (dry run).")
            return
        if problems and not options["partial"]:
            raise CommandError(
                f"{len(problems)} problems in {bad} of {len(records)} records; nothing was written. "
                "Fix them, or use --partial to import only the good records."
            )
        good = [record for position, record in enumerate(records) if position in valid]
        # A good record may point at a skipped one; the writer drops such
        # links rather than the record. One transaction: an error half way leaves the portal as it was.
        with transaction.atomic():
            upsert_partners(partners)
            summary = PracticeWriter(path.parent).write(good)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(good)} records: {summary['created']} pages created, "
                f"{summary['updated']} updated" + (f"; {bad} records skipped." if bad else ".")
            )
        )

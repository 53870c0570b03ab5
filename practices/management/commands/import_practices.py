from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.exchange.formats import FormatError, detect_format, read_file
from practices.exchange.service import import_records


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
        try:
            partners, records, labels = read_file(path, detect_format(path, options["format"]))
        except FormatError as error:
            raise CommandError(f"{path}: {error}") from error
        report = import_records(
            partners, records, labels, path.parent,
            partial=options["partial"], dry_run=options["dry_run"],
        )
        write_report(self, report, dry_run=options["dry_run"], partial=options["partial"])


def write_report(command, report, *, dry_run, partial):
    for problem in report.problems:
        command.stderr.write(str(problem))
    bad = len({p.label for p in report.problems})
    if dry_run:
        command.stdout.write(f"{report.records} records checked; {bad} with problems.")
        if report.problems:
            raise CommandError(f"{len(report.problems)} problems found; nothing was written (dry run).")
        return
    if report.problems and not partial:
        raise CommandError(
            f"{len(report.problems)} problems in {bad} of {report.records} records; nothing was "
            "written. Fix them, or use --partial to import only the good records."
        )
    command.stdout.write(
        command.style.SUCCESS(
            f"Imported {report.written} records: {report.created} pages created, {report.updated} updated"
            + (f"; {report.records - report.written} records skipped." if report.records > report.written else ".")
        )
    )

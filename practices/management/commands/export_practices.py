import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from practices.exchange.export import (
    in_export_order,
    partner_records,
    practice_queryset,
    record_from_page,
)
from practices.exchange.formats import detect_format, write_csv, write_json


class Command(BaseCommand):
    help = "Export practices to JSON or CSV in the format import_practices reads."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help='where to write; "-" for standard output')
        parser.add_argument("--format", choices=["json", "csv"])
        parser.add_argument("--language", action="append", choices=["ky", "ru", "en"],
                            help="only these languages (repeat for several)")
        parser.add_argument("--include-drafts", action="store_true")

    def handle(self, *args, **options):
        target = options["file"]
        file_format = detect_format(target, options["format"])
        pages = in_export_order(list(practice_queryset(options["language"], options["include_drafts"])))
        records = [record_from_page(page) for page in pages]
        if str(target) == "-":
            self._write(sys.stdout, file_format, pages, records)
        else:
            with target.open("w", encoding="utf-8", newline="") as stream:
                self._write(stream, file_format, pages, records)
            self.stdout.write(self.style.SUCCESS(f"Exported {len(records)} records to {target}."))

    @staticmethod
    def _write(stream, file_format, pages, records):
        if file_format == "csv":
            write_csv(stream, records)
        else:
            write_json(stream, partner_records(pages), records)

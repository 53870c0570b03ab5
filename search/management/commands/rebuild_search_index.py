import sys
import time

from django.core.management.base import BaseCommand

from search.documents import document_for_page, indexable_pages
from search.engines import get_engine

BATCH = 200


class Command(BaseCommand):
    help = "Empty the search index and index every live practice again."

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="dotted path of an engine module, default from settings")

    def handle(self, *args, **options):
        engine = get_engine(options["engine"])
        started = time.monotonic()
        engine.reset()
        ids = list(indexable_pages().order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH):
            pages = indexable_pages().filter(pk__in=ids[start : start + BATCH])
            done += engine.index([document_for_page(page) for page in pages])
            self._progress(done, len(ids))
        elapsed = time.monotonic() - started
        if ids:
            self.stdout.write("")
        ok, message = engine.health()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {done} pages with the {engine.name} engine in {elapsed:.1f} s.")
        )
        self.stdout.write(message)

    def _progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        stream = self.stdout
        end = "\r" if sys.stdout.isatty() else "\n"
        stream.write(f"[{bar}] {done}/{total}", ending=end)

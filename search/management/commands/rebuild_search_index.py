import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.documents import document_for_page, indexable_pages
from search.engines import get_engine
from search.engines.base import EngineUnavailable
from search.suggest import forget_all, learn

BATCH = 200


class Command(BaseCommand):
    help = "Index every live practice again, into a fresh index where the engine has one."

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="dotted path of an engine module, default from settings")

    def handle(self, *args, **options):
        engine = get_engine(options["engine"])
        started = time.monotonic()
        ids = list(indexable_pages().order_by("pk").values_list("pk", flat=True))
        # The words for "did you mean" come from the pages as they are now.
        forget_all()
        try:
            if hasattr(engine, "rebuild"):
                # Readers keep the old index until the new one is complete.
                done = engine.rebuild(self._documents(ids))
            else:
                engine.reset()
                done = sum(engine.index(batch) for batch in self._batches(ids))
        except EngineUnavailable as error:
            raise CommandError(f"The {engine.name} engine failed: {error}") from error
        elapsed = time.monotonic() - started
        if ids:
            self.stdout.write("")
        ok, message = engine.health()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {done} pages with the {engine.name} engine in {elapsed:.1f} s.")
        )
        self.stdout.write(message)

    def _batches(self, ids):
        done = 0
        for start in range(0, len(ids), BATCH):
            pages = indexable_pages().filter(pk__in=ids[start : start + BATCH])
            batch = [document_for_page(page) for page in pages]
            learn(batch)
            done += len(batch)
            self._progress(done, len(ids))
            yield batch

    def _documents(self, ids):
        for batch in self._batches(ids):
            yield from batch

    def _progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        end = "\r" if sys.stdout.isatty() else "\n"
        self.stdout.write(f"[{bar}] {done}/{total}", ending=end)

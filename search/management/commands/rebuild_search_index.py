import sys
import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from search import rebuild_lock
from search.engines import get_engine
from search.engines.base import EngineUnavailable
from search.health import index_health
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Index every live practice again, into a fresh index where the engine has one; "
        "beside Elasticsearch, the database fallback too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="dotted path of an engine module, default from settings")
        parser.add_argument("--force", action="store_true", help="run even while another rebuild is under way")

    def handle(self, *args, **options):
        try:
            engine = get_engine(options["engine"])
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        # An operator may retry at once after a failed rebuild; automatic requests wait a while.
        lease = rebuild_lock.claim("rebuild_search_index", retry_now=True)
        if lease is None and not options["force"]:
            running = rebuild_lock.under_way()
            since = f" since {running.requested:%Y-%m-%d %H:%M:%S %Z}" if running else ""
            raise CommandError(f"A rebuild of the search index is already under way{since}; "
                               "wait for it to finish, or use --force.")
        started = time.monotonic()
        try:
            done = rebuild_index(engine, progress=self._progress, lease=lease)
        except BaseException as error:
            # Interrupted or failed: automatic rebuilds wait a while, the next run of this command does not.
            if lease:
                rebuild_lock.hold_after_failure(lease, error)
            if isinstance(error, EngineUnavailable):
                raise CommandError(f"The {engine.name} engine failed: {error}") from error
            raise
        if lease:
            rebuild_lock.release(lease)
        elapsed = time.monotonic() - started
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {done} pages with the {engine.name} engine in {elapsed:.1f} s.")
        )
        for label, ok, message in index_health(engine):
            self.stdout.write(f"{label}: {message}" if ok else self.style.WARNING(f"{label}: {message}"))

    def _progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        end = "\r" if sys.stdout.isatty() else "\n"
        self.stdout.write(f"[{bar}] {done}/{total}", ending=end)

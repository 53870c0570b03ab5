from django.core.management.base import BaseCommand, CommandError

from search.backlog import backlog_summary, replay
from search.engines import get_engine
from search.engines.base import IndexMissing
from search.indexing import request_rebuild
from search.write_policy import keeps_backlog


class Command(BaseCommand):
    help = "Show the index operations Elasticsearch could not take; with --replay, send them again."

    def add_arguments(self, parser):
        parser.add_argument("--replay", action="store_true", help="retry them now, oldest first")

    def handle(self, *args, **options):
        self._show()
        if not options["replay"]:
            return
        engine = get_engine()
        # Only the Elasticsearch engine fills the backlog; the database engine writes or fails at once.
        if not keeps_backlog(engine):
            raise CommandError(f"The configured engine ({engine.name}) keeps no backlog; nothing to replay into.")
        try:
            replayed, waiting = replay(engine)
        except IndexMissing as error:
            # Replaying into no index would start one with these pages alone.
            queued = request_rebuild(error)
            raise CommandError(
                f"The search index is missing ({error}); "
                + ("a full rebuild is enqueued." if queued else "a rebuild is already under way.")
            ) from error
        style = self.style.SUCCESS if not waiting else self.style.WARNING
        self.stdout.write(style(f"Replayed {replayed} operations; {waiting} still waiting."))
        if waiting:
            self._show()
            raise CommandError("Elasticsearch did not take every operation; the next write or run tries again.")

    def _show(self):
        count, oldest, last_error = backlog_summary()
        if not count:
            self.stdout.write(self.style.SUCCESS("The search backlog is empty."))
            return
        self.stdout.write(f"{count} index operations waiting, the oldest from {oldest:%Y-%m-%d %H:%M:%S %Z}.")
        self.stdout.write(f"Last error: {last_error}")

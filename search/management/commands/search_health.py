from django.core.management.base import BaseCommand, CommandError

from search.engines import get_engine


class Command(BaseCommand):
    help = "Say whether the configured search engine answers, and how many documents it holds."

    def handle(self, *args, **options):
        engine = get_engine()
        ok, message = engine.health()
        if not ok:
            raise CommandError(f"{engine.name}: {message}")
        self.stdout.write(self.style.SUCCESS(f"{engine.name}: {message}"))

from django.core.management.base import BaseCommand, CommandError

from search.health import index_health


class Command(BaseCommand):
    help = (
        "Say whether the search index (and the database fallback beside Elasticsearch) answers "
        "and holds one document per live page; exits non-zero when not."
    )

    def handle(self, *args, **options):
        checked = index_health()
        for label, ok, message in checked:
            style = self.style.SUCCESS if ok else self.style.ERROR
            self.stdout.write(style(f"{label}: {message}"))
        failing = [label for label, ok, _ in checked if not ok]
        if failing:
            raise CommandError(f"Search index not ok: {', '.join(failing)}")

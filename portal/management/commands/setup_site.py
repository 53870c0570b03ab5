from django.core.management.base import BaseCommand

from portal.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Create the home page and practice list in every language, if missing."

    def handle(self, *args, **options):
        home = ensure_site_structure()
        self.stdout.write(f"Site root: {home.title} ({home.url})")

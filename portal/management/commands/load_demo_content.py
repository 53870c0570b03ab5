from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.demo.pages import ensure_about_pages
from portal.site_structure import ensure_site_structure
from practices.models import PracticePage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo" / "data"


def demo_files():
    """Shared partners first, then the practice files in name order."""
    files = sorted(DEMO_DIR.glob("*.json"))
    return sorted(files, key=lambda path: (path.name != "partners.json", path.name))


class Command(BaseCommand):
    help = (
        "Load the demo practices through the import path. Skipped when practices already "
        "exist, so editors' changes survive a restart; --force imports again (updating the "
        "demo pages in place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, **options):
        ensure_site_structure()
        ensure_about_pages()
        if PracticePage.objects.exists() and not options["force"]:
            self.stdout.write("Practices already exist; demo content not loaded again (use --force).")
            return
        for path in demo_files():
            call_command("import_practices", str(path), stdout=self.stdout, stderr=self.stderr)

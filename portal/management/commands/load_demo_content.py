from pathlib import Path

from django.core.management.base import BaseCommand

from portal.demo.pages import ensure_about_pages
from portal.site_structure import ensure_site_structure
from practices.exchange.formats import read_file
from practices.exchange.service import import_records
from practices.management.commands.import_practices import write_report
from practices.models import PracticePage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo" / "data"


def demo_files():
    """Shared partners first, then the practice files in path order."""
    files = sorted(DEMO_DIR.rglob("*.json"))
    return sorted(files, key=lambda path: (path.name != "partners.json", str(path)))


def demo_dataset():
    """All demo files as one import, so cases can point at cases in other files."""
    partners, records, labels = [], [], []
    for path in demo_files():
        file_partners, file_records, file_labels = read_file(path, "json")
        name = path.relative_to(DEMO_DIR)
        partners.extend(file_partners)
        records.extend(file_records)
        labels.extend(f"{name} {label}" for label in file_labels)
    return partners, records, labels


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
        partners, records, labels = demo_dataset()
        report = import_records(partners, records, labels, DEMO_DIR)
        write_report(self, report, dry_run=False, partial=False)

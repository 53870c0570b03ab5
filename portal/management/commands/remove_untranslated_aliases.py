from django.core.management.base import BaseCommand

from portal.language_versions import remove_untranslated_aliases


class Command(BaseCommand):
    help = (
        "Delete the aliases that show a page of another language under this language's address "
        "(made while the language trees were synced), each with a temporary redirect to its source. "
        "Translations, converted aliases among them, are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        result = remove_untranslated_aliases(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for alias in result.removed:
            self.stdout.write(
                f"{verb} {alias.url_path} ({alias.locale.language_code}), alias of page {alias.alias_of_id}"
            )
        for alias in result.kept:
            self.stdout.write(
                f"Kept {alias.url_path}: pages that are not aliases sit below it; "
                "convert it into an ordinary page and translate it."
            )
        self.stdout.write(f"{verb} {len(result.removed)} alias(es), kept {len(result.kept)}.")

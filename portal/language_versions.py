"""A page's language versions: real translations only, never a live copy of another language's text.

Wagtail's simple translation could keep the language trees in step by copying
every new page into the other languages as an alias. An alias is published
with its source and shows the source's words under the other language's
address, marked as that language; it also hides "Translate", since the page
counts as translated already. The portal turns that off (settings
`WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE`): an untranslated case reaches the
other languages' readers as itself, marked with its own language, and a
translation is a draft someone writes and moderators publish.

What the sync did that is still wanted stays here: withdrawing, moving or
deleting a page does the same to its translations, so a case withdrawn in
Kyrgyz does not live on as its Russian version on the Kyrgyz list. And aliases
made while the sync was on are removed by `remove_untranslated_aliases`.
"""

from dataclasses import dataclass, field

from django.core import checks
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page


def versions_to_cascade(pages, action):
    """For Wagtail's unpublish, move and delete views: the other language versions that go along."""
    if action == "unpublish":
        # An alias follows its source by itself; unpublishing it directly is refused.
        return {
            page: Page.objects.translation_of(page, inclusive=False).filter(alias_of__isnull=True)
            for page in pages
        }
    if action in ("move", "delete"):
        return {page: Page.objects.translation_of(page, inclusive=False) for page in pages}
    return None


def untranslated_aliases():
    """Aliases showing a page of another language: its words, under this language's address."""
    return Page.objects.filter(alias_of__isnull=False).exclude(locale=F("alias_of__locale"))


@dataclass
class AliasCleanup:
    removed: list = field(default_factory=list)
    # Aliases with real pages below them: removing one would take those pages too.
    kept: list = field(default_factory=list)


def remove_untranslated_aliases(dry_run=False):
    """Delete every untranslated alias, leaving a temporary redirect from its address to its source.

    Converted aliases are ordinary pages (no `alias_of`) and are never touched.
    The deepest go first, so an alias whose only descendants are such aliases
    goes too; one with a real page below it stays, for an editor to convert.
    Deleting through Wagtail takes the page out of the search index and the
    page cache and writes the audit log, as a deletion in the admin does.
    """
    from wagtail.contrib.redirects.models import Redirect

    result = AliasCleanup()
    removable = set(untranslated_aliases().values_list("pk", flat=True))
    with transaction.atomic():
        for alias in untranslated_aliases().order_by("-depth", "path").select_related("alias_of"):
            if alias.get_descendants().exclude(pk__in=removable).exists():
                result.kept.append(alias)
                continue
            result.removed.append(alias)
            if dry_run:
                continue
            site_id, _root, path = alias.get_url_parts() or (None, None, None)
            if (
                path
                and not Redirect.objects.filter(
                    old_path=Redirect.normalise_path(path), site_id=site_id
                ).exists()
            ):
                # Temporary: a translation written later at this address takes it back.
                Redirect.add_redirect(
                    path, redirect_to=alias.alias_of, is_permanent=False, site=alias.get_site()
                )
            alias.specific.delete()
    return result


@checks.register(checks.Tags.database)
def check_untranslated_aliases(app_configs, databases=None, **kwargs):
    """`migrate` says so when aliases from the time the trees were synced are still there."""
    # `migrate` checks before it creates the tables.
    if not databases or Page._meta.db_table not in connection.introspection.table_names():
        return []
    count = untranslated_aliases().count()
    if not count:
        return []
    return [
        checks.Warning(
            f"{count} page(s) show another language's page as an alias, with its text marked as "
            "their own language.",
            hint="Run `manage.py remove_untranslated_aliases` (`--dry-run` lists them first).",
            id="portal.W001",
        )
    ]

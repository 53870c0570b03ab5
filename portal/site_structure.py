"""The portal's fixed page tree: a home page and a practice list in each language.

Run by `load_demo_content` and `setup_site`; safe to run again, it only adds
what is missing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal.models import HomePage
from practices.models import PracticeIndexPage

# Titles and slugs per language. Practice list slugs are readable words in
# each language; Wagtail keeps Kyrgyz letters in slugs as they are.
HOME_TITLES = {
    "ky": "Жергиликтүү өз алдынча башкаруунун мыкты практикалары",
    "ru": "Лучшие практики местного самоуправления",
    "en": "Local self-government best practices",
}
INDEX = {
    "ky": ("Практикалар", "practices"),
    "ru": ("Практики", "practices"),
    "en": ("Practices", "practices"),
}


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def _remove_install_placeholder(root):
    # Wagtail's install creates a plain "Welcome" page that nobody edits; it
    # holds the slug the home page wants.
    for page in root.get_children().filter(content_type__model="page", numchild=0):
        Site.objects.filter(root_page=page).update(root_page=root)
        page.delete()


def public_address():
    """(hostname, port) of the portal's configured address, `WAGTAILADMIN_BASE_URL`."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname, url.port or (443 if url.scheme == "https" else 80)


def _give_site_the_public_address(site):
    # Full URLs of pages (links in notification emails, the sitemap, the search
    # API) come from the Site's hostname and port. Wagtail's install names
    # localhost:80, which readers of those links cannot reach.
    hostname, port = public_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()


@transaction.atomic
def ensure_site_structure():
    """Return the Kyrgyz home page, creating the tree and its translations if needed."""
    locales = ensure_locales()
    default = locales[settings.LANGUAGE_CODE]
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        root = Page.get_first_root_node()
        _remove_install_placeholder(root)
        home = root.add_child(
            instance=HomePage(title=HOME_TITLES["ky"], slug="home", locale=default)
        )
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        site.root_page = home
        site.site_name = HOME_TITLES["ky"]
        site.save()
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site is not None:
        _give_site_the_public_address(default_site)

    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        title, slug = INDEX["ky"]
        index = home.add_child(instance=PracticeIndexPage(title=title, slug=slug))

    for code, locale in locales.items():
        if code == default.language_code:
            continue
        translated_home = home.get_translation_or_none(locale)
        if translated_home is None:
            translated_home = home.copy_for_translation(locale)
            translated_home.title = HOME_TITLES.get(code, home.title)
            translated_home.slug = f"home-{code}"
            translated_home.save_revision().publish()
        translated_index = index.get_translation_or_none(locale)
        if translated_index is None:
            translated_index = index.copy_for_translation(locale, copy_parents=True)
            translated_index.title = INDEX.get(code, INDEX["ky"])[0]
            translated_index.save_revision().publish()
    # Contributors' permissions and the moderation workflow attach to the practice
    # lists, which exist only from here on an empty database.
    from moderation.setup import ensure_moderation

    ensure_moderation()
    return home

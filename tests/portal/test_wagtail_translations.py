"""Wagtail's own strings: the Kyrgyz catalogue is complete and compiled, and no language falls back to another."""

import gettext
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "locale_wagtail"
WAGTAIL = Path(wagtail.__file__).parent
# The Wagtail apps the portal installs, and the table blocks its editors may meet
# once a page type uses them; the catalogue must translate every msgid they ship.
INSTALLED = [
    "admin",
    ".",
    "users",
    "images",
    "documents",
    "snippets",
    "contrib/simple_translation",
    "contrib/search_promotions",
    "embeds",
    "search",
    "contrib/settings",
    "locales",
    "sites",
    "contrib/redirects",
    "contrib/forms",
]
APPS = [*INSTALLED, "contrib/table_block", "contrib/typed_table_block"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogue(language, domain="django"):
    return polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / f"{domain}.po"))


def wagtail_msgids(domain, apps=APPS):
    keys = set()
    for app in apps:
        path = WAGTAIL / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            keys |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}
    return keys


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_string_has_a_kyrgyz_translation(domain):
    translated = {(entry.msgctxt, entry.msgid) for entry in catalogue("ky", domain).translated_entries()}
    assert len(wagtail_msgids(domain)) > (1500 if domain == "django" else 80)
    assert sorted(wagtail_msgids(domain) - translated, key=str) == []
    assert catalogue("ky", domain).untranslated_entries() == []
    assert catalogue("ky", domain).fuzzy_entries() == []


@pytest.mark.parametrize(
    "language, domain", [("ky", "django"), ("ky", "djangojs"), ("ru", "django"), ("en", "django")]
)
def test_translations_keep_placeholders_and_compiled_catalogue_matches(language, domain):
    source = catalogue(language, domain)
    with (CATALOGUES / language / "LC_MESSAGES" / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in source.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            assert compiled._catalog.get((key, 1)) == entry.msgstr_plural[1], entry.msgid
        else:
            pairs = [(entry.msgid, entry.msgstr)]
            assert compiled._catalog.get(key) == entry.msgstr, entry.msgid
        for msgid, msgstr in pairs:
            assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid


def test_kyrgyz_is_written_with_kyrgyz_letters():
    text = " ".join(entry.msgstr or " ".join(entry.msgstr_plural.values()) for entry in catalogue("ky"))
    assert {"ң", "ө", "ү"} <= set(text)
    assert "ѳ" not in text and "ӊ" not in text


@pytest.mark.parametrize(
    "language, changes_requested", [("ky", "оңдоо"), ("ru", "изменени"), ("en", "hange")]
)
def test_a_request_for_changes_is_never_called_a_rejection(language, changes_requested):
    """Wagtail calls a moderator's request for changes "rejected"; the portal does not."""
    about_rejection = [entry for entry in catalogue(language) if re.search("reject", entry.msgid, re.I)]
    assert len(about_rejection) >= 15
    for entry in about_rejection:
        text = PLACEHOLDER.sub("", entry.msgstr)
        assert changes_requested in text.lower(), entry.msgid
        assert not re.search("reject|отклон|четке", text, re.I), entry.msgid


def test_russian_never_falls_back_to_kyrgyz():
    """Django fills a language's gaps from the default language, Kyrgyz; Russian must have none."""
    from django.utils.translation.trans_real import translation as catalogue_for

    russian = catalogue_for("ru")._catalog
    # The table blocks are not installed, so neither is their Russian.
    not_installed = wagtail_msgids("django") - wagtail_msgids("django", INSTALLED)
    missing = [
        entry.msgid
        for entry in catalogue("ky").translated_entries()
        if (entry.msgctxt, entry.msgid) not in not_installed
        and (f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid) not in russian
        and (entry.msgid, 0) not in russian
    ]
    assert missing == []


@pytest.fixture
def admin_user_in(django_user_model):
    from wagtail.users.models import UserProfile

    def make(language):
        user = django_user_model.objects.create_superuser(
            f"admin-{language}", f"{language}@example.org", "pw"
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return make


def served_catalogue(client, user):
    """The catalogue the admin's scripts load, as the user's browser gets it."""
    client.force_login(user)
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))


@pytest.mark.django_db
def test_admin_scripts_get_the_kyrgyz_catalogue(client, admin_user_in):
    served = served_catalogue(client, admin_user_in("ky"))
    for entry in catalogue("ky", "djangojs"):
        expected = [entry.msgstr_plural[0], entry.msgstr_plural[1]] if entry.msgid_plural else entry.msgstr
        assert served[entry.msgid] == expected, entry.msgid
    assert served["Insert a block"] == "Блок кыстаруу"  # StreamField's "+"


@pytest.mark.django_db
def test_admin_scripts_of_a_russian_account_stay_russian(client, admin_user_in):
    served = served_catalogue(client, admin_user_in("ru"))
    assert served["Insert a block"] == "Вставить блок"
    assert served["Add"] == "Добавить"

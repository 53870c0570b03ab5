"""Every interface string is translated into ky, ru and en, and the compiled catalogues are current."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_compiled_catalogue_matches_the_source(language):
    source = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in source.translated_entries():
        if entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, entry.msgid


def test_kyrgyz_translations_use_kyrgyz_letters():
    catalogue = polib.pofile(str(LOCALE_DIR / "ky" / "LC_MESSAGES" / "django.po"))
    text = " ".join(entry.msgstr for entry in catalogue)
    assert {"ң", "ө", "ү"} <= set(text)
    assert "ѳ" not in text and "ӊ" not in text

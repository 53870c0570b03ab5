from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NAME_LANGUAGES = ("ky", "ru", "en")


class TranslatedNameMixin(models.Model):
    """A name in each portal language, for reference data shared by all locales.

    Reference data is not translated page by page: one Oblast row serves the
    Kyrgyz, Russian and English trees alike, so filters and counts agree
    across languages.
    """

    name_ky = models.CharField(_("name in Kyrgyz"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def name_in(self, language):
        language = (language or "ky").split("-")[0]
        if language not in NAME_LANGUAGES:
            language = "ky"
        return getattr(self, f"name_{language}") or self.name_ky

    @property
    def name(self):
        return self.name_in(get_language())

    @property
    def all_names(self):
        return [n for n in (self.name_ky, self.name_ru, self.name_en) if n]

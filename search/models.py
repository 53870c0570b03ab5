"""Search's storage: the database engine's index, the backlog, and what editors steer.

The database engine keeps one row per indexed page and one per facet value.

The full-text structures (an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL) are created by migrations for the database in use; see
search/engines/database.py.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    page_id = models.BigIntegerField(primary_key=True)
    translation_key = models.CharField(max_length=36, db_index=True)
    language = models.CharField(max_length=5)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Analysed terms, space-separated, as search/analysis produced them.
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    keywords_terms = models.TextField(blank=True)
    # Place names in every language, analysed as Kyrgyz and as Russian alike:
    # a reader types «Баткенской области» whatever the page's language.
    places_terms = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    suggestions = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["language"])]

    def __str__(self):
        return f"{self.title} ({self.language})"


class IndexedFacet(models.Model):
    page = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "page"]),
            models.Index(fields=["page", "facet"]),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexState(models.Model):
    """A token replaced by every change to the index.

    Engines keep facet data in memory per process and reload it when the
    token changes, so every web worker sees a publish at its next query. A
    random token rather than a counter: a rolled-back change must never bring
    back a value that some process has cached other data under.
    """

    key = models.CharField(max_length=50, primary_key=True)
    generation = models.CharField(max_length=32, default="")

    def __str__(self):
        return f"{self.key}: {self.generation}"


class PendingIndexOperation(models.Model):
    """An index change Elasticsearch could not take, kept until it can (search/backlog.py).

    Only page ids: a replay re-reads the pages, so it writes what readers should
    see by then, whatever happened to the pages in between.
    """

    INDEX = "index"
    DELETE = "delete"
    OPERATIONS = [(INDEX, "index"), (DELETE, "delete")]

    operation = models.CharField(max_length=10, choices=OPERATIONS)
    page_ids = models.JSONField(default=list)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    last_attempt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.operation} {len(self.page_ids)} pages ({self.attempts} attempts)"


class IndexRebuild(models.Model):
    """A full rebuild of the index queued or running (search/rebuild_lock.py), one row per index.

    Many writes may find the index missing at once; the first to insert this
    row enqueues the rebuild and the others see it and do not. The row expires
    so a rebuild whose worker died does not block the next one for ever; a
    running rebuild pushes the expiry on as it goes.
    """

    key = models.CharField(max_length=50, primary_key=True)
    token = models.CharField(max_length=32)
    reason = models.CharField(max_length=300, blank=True)
    requested = models.DateTimeField()
    expires = models.DateTimeField()
    # A failed rebuild holds the claim a while, so a broken cluster is not sent one per publish.
    failed = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.key}: until {self.expires:%Y-%m-%d %H:%M:%S} ({self.reason})"


class SearchWord(models.Model):
    """A word readers may mean when they mistype one: the vocabulary behind "did you mean".

    Kept beside whichever engine runs (search/suggest.py), so both suggest the
    same words. Words only come in as pages are indexed; a rebuild starts the
    list afresh. A suggestion is offered only if it finds pages, so a word whose
    pages are gone does no harm.
    """

    # Folded (ө→о, ү→у, ң→н), so a reader without a Kyrgyz keyboard is not "corrected".
    folded = models.CharField(max_length=64, primary_key=True)
    # The form shown to the reader, with its Kyrgyz letters.
    word = models.CharField(max_length=64)
    # Candidates are looked up by first letter and length, as a mistyped word rarely differs in its first letter.
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    # The word's stem in the language of the page it came from: an inflected form of a known word is no typo.
    stem = models.CharField(max_length=64, db_index=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["initial", "length"])]

    def __str__(self):
        return self.word


class SynonymGroup(models.Model):
    """Expressions that mean the same, added by editors on top of the built-in table.

    Used at query time only (search/analysis/synonyms.py), so a saved row works
    at the next search, with no reindexing.
    """

    term = models.CharField(
        _("term"), max_length=200,
        help_text=_("A word, phrase or abbreviation, e.g. «ЖӨБ»."),
    )
    equivalents = models.TextField(
        _("equivalents"),
        help_text=_("One per line, in any language: «жергиликтүү өз алдынча башкаруу», «МСУ», «LSG»."),
    )
    note = models.CharField(_("note for editors"), max_length=300, blank=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.term

    @property
    def equivalent_list(self):
        return [line.strip() for line in self.equivalents.splitlines() if line.strip()]

    @admin.display(description=_("equivalents"))
    def equivalents_in_line(self):
        return "; ".join(self.equivalent_list)

    def clean(self):
        from search.analysis.synonyms import MAX_EXPRESSION_WORDS, MAX_ROW_EXPRESSIONS

        errors = {}
        lines = self.equivalent_list
        if not lines:
            errors["equivalents"] = _("Give at least one equivalent.")
        elif len(lines) + 1 > MAX_ROW_EXPRESSIONS:
            errors["equivalents"] = _("At most %(count)d expressions in one group.") % {
                "count": MAX_ROW_EXPRESSIONS - 1,
            }
        else:
            too_long = [line for line in lines if len(line.split()) > MAX_EXPRESSION_WORDS]
            if too_long:
                errors["equivalents"] = _("An expression has at most %(count)d words: %(lines)s") % {
                    "count": MAX_EXPRESSION_WORDS, "lines": "; ".join(too_long),
                }
        if len(self.term.split()) > MAX_EXPRESSION_WORDS:
            errors["term"] = _("An expression has at most %(count)d words.") % {"count": MAX_EXPRESSION_WORDS}
        if errors:
            raise ValidationError(errors)


class LexiconEntry(models.Model):
    """Words that translate each other, added by moderators to the domain lexicon.

    Used at query time only (search/analysis/lexicon.py): a reader's word in one
    language also finds pages with its translation, ranked below pages with the
    reader's own word. A saved row works at the next search, with no reindexing.
    """

    kyrgyz = models.TextField(_("Kyrgyz"), blank=True, help_text=_("One expression per line, e.g. «мектеп»."))
    russian = models.TextField(_("Russian"), blank=True, help_text=_("One expression per line, e.g. «школа»."))
    english = models.TextField(_("English"), blank=True, help_text=_("One expression per line, e.g. «school»."))
    replaces_built_in = models.BooleanField(
        _("replaces built-in rows"), default=False,
        help_text=_(
            "Built-in rows that share an expression with this one are no longer used. "
            "A row of one expression with this box ticked turns its built-in translations off."
        ),
    )
    note = models.CharField(_("note for editors"), max_length=300, blank=True)

    class Meta:
        ordering = ["kyrgyz", "russian", "english"]
        verbose_name = _("lexicon entry")
        verbose_name_plural = _("lexicon")

    def __str__(self):
        return " — ".join(filter(None, (self.kyrgyz_in_line(), self.russian_in_line(), self.english_in_line())))

    def expressions(self):
        """The row's expressions as (text, language) pairs, Kyrgyz first."""
        return [
            (line, language)
            for language, text in (("ky", self.kyrgyz), ("ru", self.russian), ("en", self.english))
            for line in _lines(text)
        ]

    @admin.display(description=_("Kyrgyz"))
    def kyrgyz_in_line(self):
        return "; ".join(_lines(self.kyrgyz))

    @admin.display(description=_("Russian"))
    def russian_in_line(self):
        return "; ".join(_lines(self.russian))

    @admin.display(description=_("English"))
    def english_in_line(self):
        return "; ".join(_lines(self.english))

    def clean(self):
        from search.analysis.synonyms import MAX_EXPRESSION_WORDS, MAX_ROW_EXPRESSIONS

        expressions = self.expressions()
        if not expressions or (len(expressions) < 2 and not self.replaces_built_in):
            raise ValidationError(_("Give at least two expressions, or one that replaces built-in rows."))
        if len(expressions) > MAX_ROW_EXPRESSIONS:
            raise ValidationError(_("At most %(count)d expressions in one group.") % {"count": MAX_ROW_EXPRESSIONS})
        fields = {"ky": "kyrgyz", "ru": "russian", "en": "english"}
        errors = {}
        for text, language in expressions:
            if len(text.split()) > MAX_EXPRESSION_WORDS:
                errors.setdefault(fields[language], []).append(
                    _("An expression has at most %(count)d words: %(lines)s")
                    % {"count": MAX_EXPRESSION_WORDS, "lines": text},
                )
        if errors:
            raise ValidationError(errors)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SearchQueryDay(models.Model):
    """How often a query was searched on one day, and how often it found nothing.

    Counts only: no reader, address or time of day is kept, so the report
    tells SALSGIER what municipalities look for without telling who.
    """

    # The query as search/editorial.py normalises it: lowercase, single spaces.
    query = models.CharField(max_length=200)
    language = models.CharField(max_length=5)
    date = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)
    # Found only pages having some of the words.
    partial_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "language", "date"], name="search_query_day_unique"),
        ]
        indexes = [models.Index(fields=["date", "query"])]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date}): {self.searches}"

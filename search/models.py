"""Storage of the database engine: one row per indexed page, one per facet value.

The full-text structures (an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL) are created by migrations for the database in use; see
search/engines/database.py.
"""

from django.db import models


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

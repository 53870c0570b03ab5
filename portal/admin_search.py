"""Wagtail's database search backend for the admin, on the portal's analysis.

Every admin search goes through `queryset.search()` or `queryset.autocomplete()`
on the queryset the view built: page search, page listings, page and snippet
choosers, document and image listings. This backend changes only what the index
holds and what a query matches (portal/admin_search_terms.py), so all of them
find «бала» in «балдар», «өнүгүү» typed as «онугуу» and «детский сад» written as
«детского сада», and every one keeps filtering the queryset it was given: no
page the view would not show is ever found or counted.

The index is written here (`add_items`) and matched by the stock compilers with
the query leaves replaced (`AnalysedText`). After a change to what is indexed,
`manage.py update_index` rebuilds the admin's index.

PostgreSQL and SQLite with FTS5 get this backend; another database gets
modelsearch's fallback, which matches words as written.
"""

from functools import cache, reduce
from operator import and_, or_

from django.db import connections, transaction
from django.db.models import Manager, TextField, Value
from django.utils.encoding import force_str
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.conf import get_app_config
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MATCH_NONE, And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from portal.admin_search_terms import indexed_terms, query_groups, written_words


class AnalysedText(PlainText):
    """A typed word or phrase as the groups of alternatives it matches (admin_search_terms.query_groups).

    A PlainText, so the stock compilers rank it as they rank typed words.
    """

    def __init__(self, groups, operator="and"):
        super().__init__(" ".join(alternative.text for group in groups for alternative in group), operator=operator)
        self.groups = groups


def analysed_query(query, last_word_prefix):
    """`query` (modelsearch's tree) with its typed words and phrases replaced by their analysis.

    A leaf with nothing to search for matches nothing, as does an And holding
    one, and an Or drops it.
    """
    if isinstance(query, Phrase):
        groups = query_groups(query.query_string, quoted=True)
        return AnalysedText(groups) if groups else MATCH_NONE
    if isinstance(query, PlainText):
        groups = query_groups(query.query_string, last_word_prefix=last_word_prefix)
        return AnalysedText(groups, operator=query.operator) if groups else MATCH_NONE
    if isinstance(query, (And, Or)):
        parts = [analysed_query(part, last_word_prefix) for part in query.subqueries]
        matching = [part for part in parts if part is not MATCH_NONE]
        if not matching or (isinstance(query, And) and len(matching) < len(parts)):
            return MATCH_NONE
        return matching[0] if len(matching) == 1 else type(query)(matching)
    if isinstance(query, Not):
        inner = analysed_query(query.subquery, last_word_prefix)
        return MatchAll() if inner is MATCH_NONE else Not(inner)
    return query


def any_of(group, lexeme, invert=False):
    """The dialect's `lexeme`s for a group's alternatives, joined by OR (by AND when inverted, as NOT takes them)."""
    return reduce(and_ if invert else or_, [lexeme(alternative, invert) for alternative in group])


def all_of(query, parts, invert=False):
    """Expressions for an AnalysedText's groups, joined by its operator (swapped when inverted)."""
    joins_with_and = (query.operator.lower() != "or") != invert
    return reduce(and_ if joins_with_and else or_, parts)


# Reading an object -----------------------------------------------------------


def _values(obj, fields):
    """(field, text) for each of `fields` on `obj`, following related fields."""
    for field in fields:
        if isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            related = related.all() if isinstance(related, Manager) else [related() if callable(related) else related]
            for item in related:
                yield from _values(item, field.fields)
        elif isinstance(field, (SearchField, AutocompleteField)):
            yield field, _text(field.get_value(obj))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_text(item) for item in value.values())
    return force_str(value)


class IndexedObject:
    """An object's texts for the admin's index: title, body, and what the search box matches."""

    def __init__(self, obj, language=None):
        self.object_id = force_str(obj.pk)
        self.language = language
        values = list(_values(obj, obj.get_search_fields()))
        self.titles = [text for field, text in values if isinstance(field, SearchField) and field.field_name == "title"]
        self.bodies = [text for field, text in values if isinstance(field, SearchField) and field.field_name != "title"]
        self.labels = [text for field, text in values if isinstance(field, AutocompleteField)]
        # A page's latest draft has its own title, which the page row keeps
        # as draft_title until it is published: editors look for their drafts by it.
        draft_title = getattr(obj, "draft_title", "")
        if draft_title and draft_title not in self.titles:
            self.titles.append(draft_title)
            self.labels.append(draft_title)

    @property
    def title(self):
        return indexed_terms(self.titles, self.language)

    @property
    def body(self):
        return indexed_terms(self.bodies, self.language)

    @property
    def autocomplete(self):
        """The search box matches the whole text, and the start of a word written in a title or label."""
        return " ".join(filter(None, [
            indexed_terms(self.labels, self.language), self.body, written_words(self.labels),
        ]))


def _languages(model):
    """{locale id: language code} for a translatable model, else None (languages are guessed)."""
    if not any(field.name == "locale" for field in model._meta.get_fields()):
        return None
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


class AnalysedIndexMixin:
    """Writes each object's analysed texts in place of the texts as written."""

    def columns(self, indexed):
        """The IndexEntry column values for an IndexedObject, in the dialect's form."""
        raise NotImplementedError

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        languages = _languages(model)
        indexed = [
            IndexedObject(obj, languages.get(obj.locale_id) if languages is not None else None) for obj in objs
        ]
        if not indexed:
            return
        IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - a model class
        content_type = get_content_type_pk(model)
        alias = self.write_connection.alias
        with transaction.atomic(using=alias):
            self.entries.filter(
                content_type_id=content_type, object_id__in=[item.object_id for item in indexed]
            )._raw_delete(using=alias)
            IndexEntry._default_manager.using(alias).bulk_create([
                IndexEntry(content_type_id=content_type, object_id=item.object_id, **self.columns(item))
                for item in indexed
            ])
        self._refresh_title_norms()


# The two dialects ------------------------------------------------------------


@cache
def _sqlite_backend_class():
    # The SQLite dialect looks up its FTS model when imported, and that model
    # exists only on SQLite, so it is imported only there.
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    def lexeme(alternative, invert):
        return Lexeme(alternative.text, prefix=alternative.prefix)

    class Bracketed(SearchQueryExpression):
        # FTS5 binds AND before OR, and the stock lexemes join without brackets.
        def as_sql(self, compiler, connection, **extra_context):
            sql, params = super().as_sql(compiler, connection, **extra_context)
            return f"({sql})", params

    class AnalysedCompilerMixin:
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = analysed_query(self.query, self.LAST_TERM_IS_PREFIX)

        def build_search_query_content(self, query, config=None):
            if not isinstance(query, AnalysedText):
                return super().build_search_query_content(query, config=config)
            return all_of(query, [Bracketed(any_of(group, lexeme)) for group in query.groups])

    class QueryCompiler(AnalysedCompilerMixin, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(AnalysedCompilerMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class Index(AnalysedIndexMixin, SQLiteIndex):
        def columns(self, indexed):
            return {"title": indexed.title, "body": indexed.body, "autocomplete": indexed.autocomplete}

    class AnalysedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        index_class = Index

    return SQLiteSearchBackend, AnalysedSQLiteSearchBackend


@cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    def lexeme(alternative, invert):
        # A quoted lexeme of several terms is a phrase in to_tsquery.
        return Lexeme(alternative.text, prefix=alternative.prefix, invert=invert)

    class AnalysedCompilerMixin:
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.query = analysed_query(self.query, self.LAST_TERM_IS_PREFIX)

        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, AnalysedText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            groups = [any_of(group, lexeme, invert) for group in query.groups]
            return SearchQuery(all_of(query, groups, invert), search_type="raw", config=config)

    class QueryCompiler(AnalysedCompilerMixin, PostgresSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(AnalysedCompilerMixin, PostgresAutocompleteQueryCompiler):
        pass

    def vector(terms, weight):
        return SearchVector(Value(terms, output_field=TextField()), config="simple", weight=weight)

    class Index(AnalysedIndexMixin, PostgresIndex):
        def columns(self, indexed):
            return {
                "title": vector(indexed.title, "A"),
                "body": vector(indexed.body, "D"),
                "autocomplete": vector(indexed.autocomplete, "D"),
                # Plain text, for modelsearch's fuzzy matching.
                "title_text": " ".join(indexed.titles),
                "body_text": " ".join(indexed.bodies),
            }

    class AnalysedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        index_class = Index

        def __init__(self, params):
            super().__init__(params)
            # The terms are analysed already: PostgreSQL must take them as they are.
            self.config = "simple"

    return PostgresSearchBackend, AnalysedPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database_search_backend(params)
    vendor = connections["default"].vendor
    if vendor == "postgresql":
        stock, analysed = _postgres_backend_class()
    elif vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        stock, analysed = _sqlite_backend_class()
    else:
        return backend
    return analysed(params) if type(backend) is stock else backend

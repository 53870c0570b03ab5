"""The full-text index of the database engine, in the form the database offers.

SQLite gets an FTS5 table keyed by page id; PostgreSQL a weighted tsvector
column with a GIN index. Both hold the terms search/analysis made, so the
database does no language processing of its own.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    lang, title, summary, body, keywords, places,
    tokenize = "unicode61 remove_diacritics 0"
)
"""
POSTGRES_CREATE = [
    "ALTER TABLE search_indexeddocument ADD COLUMN search_vector tsvector",
    "CREATE INDEX search_vector_gin ON search_indexeddocument USING GIN (search_vector)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_vector_gin")
        schema_editor.execute("ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

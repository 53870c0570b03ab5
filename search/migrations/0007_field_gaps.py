"""PostgreSQL: rewrite every document's tsvector with a gap between its fields.

Before, the fields' vectors were joined side by side, so a quoted phrase could
match the last word of one field and the first of the next. The vector is
computed from the terms each row keeps, so rewriting it needs no reindexing.
SQLite keeps each field in an FTS5 column of its own and needs nothing.
"""

from django.db import migrations

# The expressions as they stand at this migration (search/engines/fulltext.py may change later).
WITH_GAPS = (
    "ts_delete(setweight(to_tsvector('simple', title_terms), 'A') || '|:100'::tsvector || "
    "setweight(to_tsvector('simple', summary_terms), 'B') || '|:100'::tsvector || "
    "setweight(to_tsvector('simple', keywords_terms), 'B') || '|:100'::tsvector || "
    "setweight(to_tsvector('simple', places_terms), 'C') || '|:100'::tsvector || "
    "setweight(to_tsvector('simple', body_terms), 'D'), '|')"
)
SIDE_BY_SIDE = (
    "setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', summary_terms || ' ' || keywords_terms), 'B') || "
    "setweight(to_tsvector('simple', places_terms), 'C') || "
    "setweight(to_tsvector('simple', body_terms), 'D')"
)


def rewrite(expression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"UPDATE search_indexeddocument SET search_vector = {expression}")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_index_rebuild")]

    operations = [migrations.RunPython(rewrite(WITH_GAPS), rewrite(SIDE_BY_SIDE))]

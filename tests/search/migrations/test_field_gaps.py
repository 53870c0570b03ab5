import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from search.engines.database import Engine
from search.engines.fulltext import PostgresIndex
from tests.search.engines.contract import KANT, EngineContract

migration = importlib.import_module("search.migrations.0007_field_gaps")


def test_the_migration_writes_the_vector_the_engine_writes():
    assert migration.WITH_GAPS == PostgresIndex.VECTOR


def run(expression):
    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    migration.rewrite(expression)(None, SimpleNamespace(connection=connection, execute=execute))


@pytest.mark.django_db
def test_migrating_vectors_written_side_by_side_stops_a_phrase_from_crossing_fields():
    engine = Engine({"INDEX_PREFIX": "portal-test"})
    engine.reset()
    engine.index([KANT])
    contract = EngineContract()
    # KANT's title ends «чогултуу» and its summary starts «Шаар».
    run(migration.SIDE_BY_SIDE)
    crossing = contract.ids(contract.search(engine, '"чогултуу шаар"'))
    assert crossing == ([301] if connection.vendor == "postgresql" else [])
    run(migration.WITH_GAPS)
    assert contract.ids(contract.search(engine, '"чогултуу шаар"')) == []
    assert contract.ids(contract.search(engine, '"сорттоого үйрөнүштү"')) == [301]

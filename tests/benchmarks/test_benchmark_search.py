"""The search benchmark runs end to end on a tiny corpus, for the portal's engine and Wagtail's."""

import io
import json
import random
import re
import time

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarks.management.commands.benchmark_search import (
    QUERIES,
    QueryTimeout,
    deadline,
    generated_documents,
    sentences,
)
from benchmarks.relevance.wagtail_baseline import STOCK_BACKEND
from practices.models import PracticeIndexPage, PracticePage
from search.models import IndexedDocument

pytestmark = pytest.mark.django_db

# Counts to a hundred million: seconds of work on either database, so a
# deadline of a fraction of a second must cut it short. The many parameters
# are there because Django's debug cursor quotes them with one more query
# after an error, which the deadline must not trip over.
EXCLUDED = list(range(-500, 0))
SLOW_QUERY = (
    "WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 100000000) "
    f"SELECT count(*) FROM numbers WHERE n NOT IN ({', '.join(['%s'] * len(EXCLUDED))})"
)


def run(*args):
    out = io.StringIO()
    call_command("benchmark_search", *args, "--i-know-this-empties-the-index", stdout=out)
    return out.getvalue()


def assert_latency_lines(output):
    for label in [*QUERIES, "all queries"]:
        assert re.search(rf"^{label} +p50 +≥?[0-9.]+ ms +p95 +≥?[0-9.]+ ms", output, re.MULTILINE), label


def test_wagtail_baseline_searches_live_pages_in_wagtails_index():
    output = run("--engine", "wagtail", "--documents", "20", "--repeat", "1")

    assert "Created 20 live practice pages" in output
    assert "run once, no warm-up" in output
    assert_latency_lines(output)
    assert "(Wagtail, 20 pages" in output
    pages = PracticePage.objects.live().filter(slug__startswith="bench-")
    assert pages.count() == 20
    page = pages.get(slug="bench-0")
    parent = page.get_parent().specific
    assert isinstance(parent, PracticeIndexPage) and parent.locale.language_code == "ky"
    assert page.locations.get().oblast.slug
    word = max(re.findall(r"\w+", page.title), key=len)
    # In Wagtail's index as it ships: the word as written finds the page.
    assert page in list(PracticePage.objects.live().search(word, backend=STOCK_BACKEND))


def test_database_engine_benchmark_indexes_and_times_every_kind():
    output = run("--engine", "search.engines.database", "--documents", "20", "--repeat", "1")

    assert "Indexed 20 documents with" in output
    assert_latency_lines(output)
    assert "20 documents)" in output
    assert IndexedDocument.objects.filter(page_id__gte=10_000_000).count() == 20


@pytest.mark.parametrize("debug", [False, True], ids=["", "DEBUG"])
def test_deadline_abandons_a_slow_query_and_leaves_the_connection_usable(debug, settings):
    settings.DEBUG = debug
    started = time.monotonic()
    with pytest.raises(QueryTimeout), deadline(0.2), connection.cursor() as cursor:
        cursor.execute(SLOW_QUERY, EXCLUDED)
        cursor.fetchone()
    assert time.monotonic() - started < 3
    with deadline(5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_sentences_come_from_the_demo_data_alone(tmp_path, settings):
    project = tmp_path / "project"
    data = project / "portal" / "demo" / "data"
    data.mkdir(parents=True)
    (data / "practices.json").write_text(json.dumps({"practices": [{
        "language": "ky",
        "title": "Айылда таза суу түтүгү тартылды",
        "summary": "Суу түтүгүн бирикме тейлейт. Кыска.",
    }, {
        "language": "ru",
        "title": "В селе провели водопровод для всех",
    }]}), "utf-8")
    seeds = tmp_path / "shared" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "article.txt").write_text("Бул сүйлөм жобо макаладан келген.", "utf-8")
    settings.BASE_DIR = project

    assert sentences() == {
        "ky": ["Айылда таза суу түтүгү тартылды", "Суу түтүгүн бирикме тейлейт."],
        "ru": ["В селе провели водопровод для всех"],
    }


def test_each_generated_document_is_a_version_of_a_case_written_in_one_language():
    pool = {"ky": ["Айылда таза суу түтүгү тартылды"], "ru": ["В селе провели водопровод для всех"]}
    documents = list(generated_documents(200, random.Random(1), pool))
    assert len(documents) == 200 and len({document.page_id for document in documents}) == 200
    for document in documents:
        own_words = set(pool[document.language][0].split())
        assert document.title == pool[document.language][0]
        assert set(document.body.split()) == own_words
    cases = {}
    for document in documents:
        cases.setdefault(document.translation_key, []).append(document)
    # Most cases have a Kyrgyz and a Russian version, which share the case's place and years.
    both = [versions for versions in cases.values() if len(versions) == 2]
    assert len(both) > len(cases) / 2
    for versions in both:
        assert {v.language for v in versions} == {"ky", "ru"}
        assert len({(v.oblasts, v.services, v.years) for v in versions}) == 1

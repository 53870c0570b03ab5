"""The practice list's work is bounded by its answer, not by what a reader sends."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.practices.test_browse import three_practices  # noqa: F401

pytestmark = pytest.mark.django_db

# A hundred short words, as a pasted paragraph or a script sends them.
HUNDRED_WORDS = " ".join(f"сөз{n} ай" if n % 2 else f"w{n}" for n in range(50))
# Queries one list page may make, whatever its query string: page, filters,
# facet counts and their labels, the place names, and Wagtail's own.
QUERY_BUDGET = 60


def measured(client, query):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get("/ky/practices/", {"q": query, "oblast": "batken", "year": "2015"})
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return len(queries), elapsed


def test_a_hundred_word_query_costs_no_more_queries_than_a_two_word_one(client, three_practices):  # noqa: F811
    short, _ = measured(client, "Катран балдар")
    long, elapsed = measured(client, HUNDRED_WORDS)
    assert long <= short + 3
    assert long <= QUERY_BUDGET
    assert elapsed < 2


def test_query_count_does_not_grow_with_the_number_of_practices(client, practice, three_practices):  # noqa: F811
    # The first request of a process also fills Wagtail's caches of sites and locales.
    measured(client, "мектеп")
    before, _ = measured(client, "балдар")
    for n in range(4):
        practice(title=f"Балдар бакчасы {n}", municipality="katran", groups=("children",))
    after, _ = measured(client, "балдар")
    assert after == before

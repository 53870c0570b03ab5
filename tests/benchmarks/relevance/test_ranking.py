"""A judged query reaches the engines, and Wagtail's baseline, with its filters."""

from contextlib import nullcontext

import pytest

from benchmarks.relevance.ranking import WAGTAIL, judged_query, ranked_cases
from benchmarks.relevance.wagtail_baseline import stock_wagtail_search
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

TITLE = "Көчөлөрдү күн панелдери менен жарыктандыруу"
SUMMARY = "Айыл өкмөтү четки көчөлөргө күн панелдүү чырактарды орнотту."


@pytest.fixture
def two_oblasts(practice, django_capture_on_commit_callbacks):
    """The same sentences in two practices, one in Osh oblast and one in Chui."""
    with django_capture_on_commit_callbacks(execute=True):
        practice(title=TITLE, summary=SUMMARY, oblast="osh", services=("roads-lighting",),
                 external_id="osh-lighting")
        practice(title=TITLE, summary=SUMMARY, oblast="chui", services=("roads-lighting",),
                 external_id="chui-lighting")
    return dict(PracticePage.objects.values_list("pk", "external_id"))


def test_judged_query_carries_its_filters_into_the_search_query():
    item = {"query": "көчө жарыгы", "language": "ky", "kind": "filtered-relax",
            "filters": {"oblast": "osh", "service": "roads-lighting"}, "relevant": ["x"]}

    query = judged_query(item)

    assert query.filters == {"oblast": "osh", "service": "roads-lighting"}
    assert query.language == "ky" and query.text == "көчө жарыгы"
    assert judged_query({**item, "filters": {}}).filters == {}


@pytest.mark.parametrize("engine", ["search.engines.database", WAGTAIL])
def test_filtered_query_ranks_only_practices_inside_the_filter(engine, two_oblasts):
    item = {"query": "күн панелдери", "language": "ky", "kind": "filtered-relax", "relevant": ["osh-lighting"]}

    with stock_wagtail_search() if engine == WAGTAIL else nullcontext():
        assert sorted(ranked_cases(engine, item, two_oblasts)) == ["chui-lighting", "osh-lighting"]
        assert ranked_cases(engine, {**item, "filters": {"oblast": "osh"}}, two_oblasts) == ["osh-lighting"]

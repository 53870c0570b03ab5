"""The baseline is Wagtail's search as it ships, and measuring it leaves the admin's index as it was."""

import pytest

from benchmarks.relevance.wagtail_baseline import STOCK_BACKEND, stock_wagtail_search
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def kindergarten(practice):
    return practice(title="Катрандагы бала бакча", summary="Айыл өкмөтү бакча ачты.", municipality="katran")


def found(text, backend="default"):
    return [page.pk for page in PracticePage.objects.live().search(text, backend=backend)]


def test_the_baseline_matches_words_as_written_as_wagtail_ships(kindergarten):
    with stock_wagtail_search() as backend:
        assert backend == STOCK_BACKEND
        assert found("бала бакча", backend) == [kindergarten.pk]
        # No Kyrgyz morphology: the plural finds nothing, as SEARCH-BASELINE measured.
        assert found("балдар", backend) == []


def test_the_admins_index_is_back_after_the_baseline(kindergarten):
    assert found("балдар") == [kindergarten.pk]
    with stock_wagtail_search():
        pass
    assert found("балдар") == [kindergarten.pk]

import pytest

from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE


@pytest.fixture
def indexed(practice, django_capture_on_commit_callbacks):
    """Katran's case in Kyrgyz and Russian and Bosteri's in Kyrgyz, published and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        katran = practice(municipality="katran")
        russian = practice(title="Детский центр «Алтын-Бешик» в Катране", summary="Дети готовы к школе.",
                           language="ru", municipality="katran", translation_of=katran)
        bosteri = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                           municipality="bosteri", services=("inclusive-education",))
    return katran, russian, bosteri

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, TestCase
from wagtail.documents import get_document_model

from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE, make_practice
from tests.fuzz.targets import discover_parameters, page_tree_targets, url_targets


def _small_site():
    """Three practices (one translated), published and indexed, and a document; returns their ids."""
    from practices.models import PracticeIndexPage

    indexes = {page.locale.language_code: page for page in PracticeIndexPage.objects.select_related("locale")}
    with TestCase.captureOnCommitCallbacks(execute=True):
        katran = make_practice(indexes, municipality="katran", funding=("social-order",), groups=("children",))
        make_practice(indexes, title="Детский центр «Алтын-Бешик» в Катране", summary="Дети готовы к школе.",
                      language="ru", municipality="katran", translation_of=katran)
        make_practice(indexes, title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                      municipality="bosteri", services=("inclusive-education",), status="running",
                      start_year=2017, end_year=None)
    document = get_document_model().objects.create(
        title="Отчёт", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    return [katran.pk, document.pk]


@pytest.fixture(scope="module")
def fuzz_targets(django_db_setup, django_db_blocker):
    """Every public route with its parameters, over a small site built once for the module.

    The site lives in a transaction rolled back after the module, so the other
    tests never see it; each test runs in a savepoint inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        sample_ids = _small_site()
        client = Client(raise_request_exception=False)
        targets = url_targets(sample_ids) + page_tree_targets(client)
        yield [discover_parameters(client, target) for target in targets]
        transaction.set_rollback(True)


@pytest.fixture
def fuzz_client():
    # A server error must come back as a 500 response to count, not as an exception.
    return Client(raise_request_exception=False)

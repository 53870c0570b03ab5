import pytest
from wagtail.models import Page, Site

from portal.models import HomePage
from portal.site_structure import ensure_site_structure
from practices.models import PracticeIndexPage

pytestmark = pytest.mark.django_db


def test_site_structure_replaces_the_install_placeholder_and_is_idempotent():
    home = ensure_site_structure()
    again = ensure_site_structure()
    assert home.pk == again.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert HomePage.objects.count() == 3
    assert PracticeIndexPage.objects.count() == 3
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


def test_practice_lists_have_readable_addresses():
    ensure_site_structure()
    assert sorted(p.url for p in PracticeIndexPage.objects.all()) == [
        "/en/practices/", "/ky/practices/", "/ru/practices/"]

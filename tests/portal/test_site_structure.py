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


def test_the_site_answers_at_the_portal_address(settings):
    """Full page addresses (mail, sitemap, search API) use it, not Wagtail's install placeholder localhost:80."""
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.kg"
    home = ensure_site_structure()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.kg", 443)
    assert home.full_url == "https://portal.example.kg/ky/"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    ensure_site_structure()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_the_root_page_has_a_name_the_admin_can_show_in_every_language():
    # Wagtail's install calls it "Root"; the portal's migration renames it.
    assert Page.objects.get(depth=1).title == "Портал"

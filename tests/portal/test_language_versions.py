"""Language versions are translations, never aliases: the aliases the synced trees made are removed,
and withdrawing a case still withdraws its translations."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from portal.language_versions import check_untranslated_aliases, untranslated_aliases
from portal.models import StandardPage
from practices.models import PracticePage
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE

pytestmark = pytest.mark.django_db


def alias_in(page, language):
    """What the synced trees made of a new page: an alias in another language's tree."""
    return page.copy_for_translation(Locale.objects.get(language_code=language), alias=True)


@pytest.fixture
def synced(practice, indexes, django_capture_on_commit_callbacks):
    """Katran's case with the aliases the sync made, published and indexed; Bosteri's with a converted one."""
    with django_capture_on_commit_callbacks(execute=True):
        katran = practice(municipality="katran")
        aliases = [alias_in(katran, "ru"), alias_in(katran, "en")]
        # Publishing the source publishes its aliases with its text.
        katran.save_revision().publish()
        bosteri = practice(
            title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul", municipality="bosteri"
        )
        converted = alias_in(bosteri, "ru")
        ConvertAliasPageAction(converted).execute(skip_permission_checks=True)
        converted = PracticePage.objects.get(pk=converted.pk)
        converted.title = "Бостери айыл окмоту: реабилитационный центр"
        converted.save_revision().publish()
    return katran, aliases, bosteri, converted


def test_the_synced_aliases_are_live_with_kyrgyz_text(client, synced):
    katran, aliases, _, _ = synced
    response = client.get(f"/ru/practices/{aliases[0].slug}/")
    assert response.status_code == 200
    assert katran.title in response.content.decode()
    assert set(untranslated_aliases()) == {Page.objects.get(pk=alias.pk) for alias in aliases}


def test_removing_them_keeps_translations_and_sends_old_addresses_to_the_source(
    client, synced, django_capture_on_commit_callbacks
):
    katran, aliases, bosteri, converted = synced
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remove_untranslated_aliases", stdout=out)
    assert "Removed 2 alias(es), kept 0." in out.getvalue()
    assert not PracticePage.objects.filter(pk__in=[alias.pk for alias in aliases]).exists()
    assert set(PracticePage.objects.values_list("pk", flat=True)) == {katran.pk, bosteri.pk, converted.pk}
    assert PracticePage.objects.get(pk=converted.pk).live
    response = client.get(f"/ru/practices/{aliases[0].slug}/")
    assert response.status_code == 302
    assert response["Location"] == katran.url
    # The search index forgets them: a Russian reader finds the Kyrgyz page itself.
    found = client.get("/ru/search/", {"q": "Алтын-Бешик"}).context["found"]
    assert [page.pk for page, _ in found] == [katran.pk]
    assert list(untranslated_aliases()) == []


def test_a_dry_run_lists_them_and_changes_nothing(synced):
    _, aliases, _, _ = synced
    out = io.StringIO()
    call_command("remove_untranslated_aliases", "--dry-run", stdout=out)
    assert "Would remove 2 alias(es)" in out.getvalue()
    assert PracticePage.objects.filter(pk__in=[alias.pk for alias in aliases]).count() == 2


def test_an_alias_in_its_own_language_stays(indexes, practice):
    katran = practice(municipality="katran")
    same_language = katran.create_alias(update_slug="katran-again")
    call_command("remove_untranslated_aliases", stdout=io.StringIO())
    assert PracticePage.objects.filter(pk=same_language.pk).exists()


def test_an_alias_with_a_real_page_below_it_stays(site_tree):
    about = site_tree.add_child(instance=StandardPage(title="Портал жөнүндө", slug="about-portal"))
    about.save_revision().publish()
    alias = alias_in(about, "ru")
    alias.add_child(instance=StandardPage(title="Контакты", slug="contacts", locale=alias.locale))
    out = io.StringIO()
    call_command("remove_untranslated_aliases", stdout=out)
    assert Page.objects.filter(pk=alias.pk).exists()
    assert "Kept /home-ru/about-portal/" in out.getvalue()


def test_migrate_warns_while_such_aliases_remain(synced):
    warnings = check_untranslated_aliases(None, databases=["default"])
    assert [warning.id for warning in warnings] == ["portal.W001"]
    call_command("remove_untranslated_aliases", stdout=io.StringIO())
    assert check_untranslated_aliases(None, databases=["default"]) == []


def test_withdrawing_a_case_withdraws_its_translations(client, admin_user, practice):
    katran = practice(municipality="katran")
    russian = practice(
        title="Детский центр «Алтын-Бешик» в Катране",
        summary="Дети готовы к школе.",
        language="ru",
        municipality="katran",
        translation_of=katran,
    )
    client.force_login(admin_user)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[katran.pk]))
    assert response.status_code == 302
    assert not PracticePage.objects.get(pk=katran.pk).live
    assert not PracticePage.objects.get(pk=russian.pk).live

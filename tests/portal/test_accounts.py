"""Admin accounts start in Kyrgyz; a language someone chose stays; the settings offer the portal's languages."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.admin.forms.account import LocalePreferencesForm
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_account(django_user_model):
    return django_user_model.objects.create_superuser("aigul", "aigul@example.org", "pw", first_name="Айгүл")


def test_new_account_starts_in_kyrgyz(new_account):
    assert UserProfile.objects.get(user=new_account).preferred_language == "ky"


def test_new_account_reads_the_admin_in_kyrgyz_whatever_the_public_site_language(client, new_account):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    client.force_login(new_account)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="ky"' in body
    assert "Башкаруу панели" in body


def test_account_that_chose_russian_keeps_russian(client, new_account):
    profile = UserProfile.get_for_user(new_account)
    profile.preferred_language = "ru"
    profile.save()
    new_account.first_name = "Айгуль"
    new_account.save()
    assert UserProfile.get_for_user(new_account).preferred_language == "ru"
    client.force_login(new_account)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="ru"' in body and "Панель управления" in body


def test_older_account_without_a_profile_starts_in_kyrgyz_too(new_account):
    UserProfile.objects.filter(user=new_account).delete()
    assert UserProfile.get_for_user(new_account).preferred_language == "ky"


def test_choosing_the_server_language_later_is_kept(new_account):
    profile = UserProfile.get_for_user(new_account)
    profile.preferred_language = ""
    profile.save()
    profile.refresh_from_db()
    assert profile.preferred_language == ""
    assert profile.get_preferred_language() == "ky"


def test_account_settings_offer_the_portal_languages_and_no_time_zone_list(new_account):
    form = LocalePreferencesForm(instance=UserProfile.get_for_user(new_account))
    assert [code for code, _name in form.fields["preferred_language"].choices] == ["", "en", "ky", "ru"]
    assert dict(form.fields["preferred_language"].choices)["ky"] == "Кыргызча"
    assert "current_time_zone" not in form.fields


def test_account_settings_save_a_new_language(client, new_account):
    client.force_login(new_account)
    page = client.get(reverse("wagtailadmin_account"))
    assert 'value="ky" selected' in page.content.decode()
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "locale-preferred_language": "ru",
            "name_email-first_name": "Айгүл",
            "name_email-last_name": "Модератор",
            "name_email-email": "aigul@example.org",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert UserProfile.get_for_user(new_account).preferred_language == "ru"

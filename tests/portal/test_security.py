"""The security headers: a strict policy on the public site, the admin's looser one, no framing, no features."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/ky/", "/ru/practices/", "/en/search/?q=school", "/ky/share/", "/ky/no-such-page/"])
def test_public_pages_forbid_inline_code_foreign_origins_and_framing(client, site_tree, url):
    response = client.get(url)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_carry_no_inline_code_the_policy_would_refuse(client, practice):
    import re

    page = practice(municipality="katran")
    for url in ["/ky/", "/ky/practices/", page.url, "/ky/search/?q=бакча", "/ky/share/"]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), url


def test_the_admin_allows_its_own_inline_code_and_frames_only_itself(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert all(source in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:")
               for values in policy.values() for source in values)


def test_a_preview_in_the_admin_may_be_framed_by_the_admin(client, admin_user, practice):
    page = practice(municipality="katran")
    client.force_login(admin_user)
    # Wagtail renders the public page for a made-up request inside the admin's own.
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("command", ["ensure_demo_users", "ensure_admin"])
def test_commands_that_make_demo_accounts_refuse_where_demo_accounts_are_off(settings, command, django_user_model):
    settings.PORTAL_DEMO_ACCOUNTS = False
    with pytest.raises(CommandError, match="PORTAL_DEMO_ACCOUNTS"):
        call_command(command, password="known-password")
    assert not django_user_model.objects.exists()

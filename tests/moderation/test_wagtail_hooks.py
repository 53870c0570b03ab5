"""Contributors' view of the page tree, and contributor profiles in the admin."""

import pytest
from django.urls import reverse

from moderation.models import ContributorProfile
from moderation.roles import CONTRIBUTORS
from tests.factories import BOSTERI_TITLE

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = "Ак-Чий айыл өкмөтү донорлор үчүн демонстрациялык аянтча болду"


@pytest.fixture
def tree(katran_draft, bosteri_draft, practice):
    published = practice(title=PUBLISHED_TITLE, oblast="issyk-kul", municipality="ak-chiy",
                         services=("citizen-participation",))
    return {"own draft": katran_draft, "other draft": bosteri_draft, "other live": published}


def explorer_titles(client, index):
    response = client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 200
    # The explorer shows the latest draft's title.
    return {page.draft_title for page in response.context["object_list"]}


def test_contributor_explorer_hides_other_municipalities_drafts(login, contributor, indexes, tree):
    titles = explorer_titles(login(contributor), indexes["ky"])
    assert tree["own draft"].title in titles
    assert PUBLISHED_TITLE in titles
    assert BOSTERI_TITLE not in titles


def test_contributor_explorer_hides_a_pending_edit_of_another_municipalitys_live_case(
    login, contributor, indexes, tree
):
    published = tree["other live"]
    published.title = "Ак-Чий: жаңы долбоор"
    published.save_revision()
    titles = explorer_titles(login(contributor), indexes["ky"])
    assert "Ак-Чий: жаңы долбоор" not in titles
    assert PUBLISHED_TITLE not in titles


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_see_every_draft(request, login, indexes, tree, role):
    titles = explorer_titles(login(request.getfixturevalue(role)), indexes["ky"])
    assert {page.title for page in tree.values()} <= titles


def test_contributor_page_chooser_hides_other_municipalities_drafts(
    login, contributor, indexes, tree
):
    response = login(contributor).get(
        reverse("wagtailadmin_choose_page_child", args=[indexes["ky"].pk])
    )
    html = response.json()["html"]
    assert PUBLISHED_TITLE in html
    assert tree["own draft"].title in html
    assert BOSTERI_TITLE not in html


def test_moderator_edits_a_contributor_profile(login, moderator, contributor):
    from practices.models import Municipality

    profile = contributor.contributor_profile
    client = login(moderator)
    assert client.get(reverse("wagtailsnippets_moderation_contributorprofile:list")).status_code == 200
    url = reverse("wagtailsnippets_moderation_contributorprofile:edit", args=[profile.pk])
    assert client.get(url).status_code == 200
    bosteri = Municipality.objects.get(slug="bosteri")
    response = client.post(url, {
        "user": contributor.pk, "municipality": bosteri.pk, "position": "Айыл башчысы",
        "phone": "", "contact_consent": "",
    })
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.municipality == bosteri
    assert not profile.contact_consent


def test_moderator_finds_a_contributor_by_name(login, moderator, contributor, make_user):
    make_user("bosteri", CONTRIBUTORS, municipality="bosteri")
    url = reverse("wagtailsnippets_moderation_contributorprofile:list")
    response = login(moderator).get(url, {"q": "katran"})
    assert [profile.user for profile in response.context["object_list"]] == [contributor]


@pytest.mark.parametrize("role", ["editor", "contributor"])
def test_only_moderators_manage_contributor_profiles(request, login, role, contributor):
    client = login(request.getfixturevalue(role))
    response = client.get(reverse("wagtailsnippets_moderation_contributorprofile:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert ContributorProfile.objects.count() == 1

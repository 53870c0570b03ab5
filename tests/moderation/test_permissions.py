"""Each role against each practice: who may create, edit, publish and see a draft.

The contributor works for Katran ayil aimak; the Katran draft is their own
municipality's case, the Bosteri draft another municipality's.
"""

import pytest
from django.urls import reverse

from moderation.permissions import contributor_scope
from moderation.roles import CONTRIBUTORS, EDITORS
from tests.moderation.conftest import add_url, edit_url, form_data

pytestmark = pytest.mark.django_db

ROLES = ["moderator", "editor", "contributor"]
CASES = ["katran_draft", "bosteri_draft"]


def assert_denied(response):
    # Wagtail's admin turns a refused page action into a redirect to the
    # dashboard with an error message, not a bare 403.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def as_role(request, login):
    def pick(role):
        user = request.getfixturevalue(role)
        return user, login(user)

    return pick


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_open_a_new_practice_form(as_role, role, indexes):
    user, client = as_role(role)
    for index in indexes.values():
        assert index.permissions_for_user(user).can_add_subpage()
    assert client.get(add_url(indexes["ky"])).status_code == 200


@pytest.mark.parametrize(
    ("role", "case", "allowed"),
    [
        ("moderator", "katran_draft", True),
        ("moderator", "bosteri_draft", True),
        ("editor", "katran_draft", True),
        ("editor", "bosteri_draft", True),
        ("contributor", "katran_draft", True),
        ("contributor", "bosteri_draft", False),
    ],
)
def test_who_may_edit_a_practice(request, as_role, role, case, allowed):
    user, client = as_role(role)
    page = request.getfixturevalue(case)
    assert page.permissions_for_user(user).can_edit() is allowed
    response = client.get(edit_url(page))
    if allowed:
        assert response.status_code == 200
    else:
        assert_denied(response)


@pytest.mark.parametrize(
    ("role", "case", "allowed"),
    [
        ("moderator", "katran_draft", True),
        ("moderator", "bosteri_draft", True),
        ("editor", "katran_draft", True),
        ("editor", "bosteri_draft", True),
        ("contributor", "katran_draft", True),
        ("contributor", "bosteri_draft", False),
    ],
)
def test_who_may_see_a_practice_draft(request, as_role, role, case, allowed):
    user, client = as_role(role)
    page = request.getfixturevalue(case)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    if allowed:
        assert response.status_code == 200
        assert page.title in response.content.decode()
    else:
        assert_denied(response)


@pytest.mark.parametrize(
    ("role", "case", "published"),
    [
        ("moderator", "katran_draft", True),
        ("moderator", "bosteri_draft", True),
        ("editor", "katran_draft", False),
        ("editor", "bosteri_draft", False),
        ("contributor", "katran_draft", False),
    ],
)
def test_only_moderators_publish_practices(request, as_role, role, case, published):
    user, client = as_role(role)
    page = request.getfixturevalue(case)
    assert page.permissions_for_user(user).can_publish() is published
    data = form_data(client, edit_url(page))
    data["action-publish"] = "action-publish"
    client.post(edit_url(page), data)
    page.refresh_from_db()
    assert page.live is published


def test_contributor_cannot_publish_or_save_another_municipalitys_practice(
    login, contributor, bosteri_draft
):
    perms = bosteri_draft.permissions_for_user(contributor)
    assert not perms.can_publish()
    assert not perms.can_submit_for_moderation()
    response = login(contributor).post(edit_url(bosteri_draft), {"action-publish": "action-publish"})
    assert_denied(response)
    bosteri_draft.refresh_from_db()
    assert not bosteri_draft.live


@pytest.mark.parametrize("view", ["preview_on_edit", "history", "delete", "copy", "usage"])
def test_contributor_cannot_reach_another_municipalitys_draft_by_other_views(
    login, contributor, bosteri_draft, view
):
    url = reverse(f"wagtailadmin_pages:{view}", args=[bosteri_draft.pk])
    assert_denied(login(contributor).get(url))


def test_contributor_cannot_lock_another_municipalitys_practice(login, contributor, bosteri_draft):
    url = reverse("wagtailadmin_pages:lock", args=[bosteri_draft.pk])
    assert_denied(login(contributor).post(url))
    bosteri_draft.refresh_from_db()
    assert not bosteri_draft.locked


def test_contributor_cannot_see_revisions_of_another_municipalitys_practice(
    login, contributor, bosteri_draft
):
    revision = bosteri_draft.latest_revision
    url = reverse("wagtailadmin_pages:revisions_view", args=[bosteri_draft.pk, revision.pk])
    assert_denied(login(contributor).get(url))


def test_contributor_edits_a_colleagues_case_of_the_same_municipality(
    make_user, katran_draft, login
):
    colleague = make_user("katran2", CONTRIBUTORS, municipality="katran")
    assert katran_draft.owner_id != colleague.pk
    assert login(colleague).get(edit_url(katran_draft)).status_code == 200


def test_contributor_may_delete_only_their_own_unpublished_case(contributor, katran_draft):
    assert not katran_draft.permissions_for_user(contributor).can_delete()
    katran_draft.owner = contributor
    katran_draft.save(update_fields=["owner"])
    assert katran_draft.permissions_for_user(contributor).can_delete()


def test_contributor_without_a_municipality_edits_no_practice(make_user, katran_draft, bosteri_draft):
    newcomer = make_user("newcomer", CONTRIBUTORS)
    assert contributor_scope(newcomer) == frozenset()
    assert not katran_draft.permissions_for_user(newcomer).can_edit()
    assert not bosteri_draft.permissions_for_user(newcomer).can_edit()


def test_a_wider_role_lifts_the_municipality_limit(make_user, bosteri_draft):
    from django.contrib.auth.models import Group

    user = make_user("both", CONTRIBUTORS, municipality="katran")
    user.groups.add(Group.objects.get(name=EDITORS))
    assert contributor_scope(user) is None
    assert bosteri_draft.permissions_for_user(user).can_edit()


def test_contributor_of_a_merged_municipality_keeps_the_former_units_cases(
    make_user, practice
):
    from practices.models import Municipality

    # As the reform merges ayil aimaks, cases filed under a former unit belong
    # to the unit it merged into.
    Municipality.objects.filter(slug="kulundu").update(
        successor=Municipality.objects.get(slug="katran")
    )
    kulundu_case = practice(title="Кулунду айыл аймагындагы практика", municipality="kulundu",
                            live=False)
    user = make_user("katran3", CONTRIBUTORS, municipality="katran")
    assert kulundu_case.permissions_for_user(user).can_edit()


def test_contributors_and_editors_cannot_edit_the_practice_list(contributor, editor, indexes):
    assert not indexes["ky"].permissions_for_user(contributor).can_edit()
    assert indexes["ky"].permissions_for_user(editor).can_edit()
    assert not indexes["ky"].permissions_for_user(editor).can_publish()


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_explore", "wagtailadmin_explore_results", "wagtailadmin_choose_page_child"]
)
def test_contributor_cannot_browse_into_another_municipalitys_draft(
    login, contributor, katran_draft, bosteri_draft, url_name
):
    # The explorer and the chooser name the page they browse in their header.
    client = login(contributor)
    response = client.get(reverse(url_name, args=[bosteri_draft.pk]))
    assert response.status_code in (302, 403)
    assert bosteri_draft.title not in response.content.decode()
    assert client.get(reverse(url_name, args=[katran_draft.pk])).status_code == 200


def test_contributor_cannot_open_the_move_confirmation_of_another_municipalitys_draft(
    login, contributor, bosteri_draft, indexes
):
    url = reverse("wagtailadmin_pages:move_confirm", args=[bosteri_draft.pk, indexes["ru"].pk])
    assert_denied(login(contributor).get(url))

"""The practice form keeps a municipal contributor's municipality on the case."""

import pytest

from moderation.roles import CONTRIBUTORS
from practices.models import Municipality, PracticePage, ServiceType
from tests.factories import KATRAN_SUMMARY
from tests.moderation.conftest import add_url, edit_url, form_data

pytestmark = pytest.mark.django_db

NEW_TITLE = "Катран айыл аймагындагы муниципалдык социалдык тапшырык"


def fill_new_practice(data, slug="katran-social-order"):
    data["title"] = NEW_TITLE
    data["slug"] = slug
    data["summary"] = KATRAN_SUMMARY
    data.setlist(
        "service_types", [str(ServiceType.objects.get(slug="preschool-education").pk)]
    )
    return data


def set_location(data, slug, index=0):
    municipality = Municipality.objects.get(slug=slug)
    data[f"locations-{index}-oblast"] = str(municipality.oblast_id)
    data[f"locations-{index}-rayon"] = str(municipality.rayon_id or "")
    data[f"locations-{index}-municipality"] = str(municipality.pk)


def test_new_practice_starts_in_the_contributors_municipality(login, contributor, indexes):
    data = form_data(login(contributor), add_url(indexes["ky"]))
    katran = Municipality.objects.get(slug="katran")
    assert data["locations-0-municipality"] == str(katran.pk)
    assert data["locations-0-rayon"] == str(katran.rayon_id)
    assert data["locations-0-oblast"] == str(katran.oblast_id)


def test_new_practice_shows_the_contributors_contact_when_they_agreed(login, contributor, indexes):
    data = form_data(login(contributor), add_url(indexes["ky"]))
    assert data["contact_role"] == "Айыл өкмөтүнүн жооптуу катчысы"
    assert data["contact_phone"] == "+996 3656 5 12 34"
    assert data["contact_email"] == "katran@example.org"


def test_contact_is_left_empty_without_consent(login, make_user, indexes):
    user = make_user("quiet", CONTRIBUTORS, municipality="katran", phone="+996 555 000 000")
    data = form_data(login(user), add_url(indexes["ky"]))
    assert data["contact_phone"] == ""
    assert data["locations-0-municipality"] == str(Municipality.objects.get(slug="katran").pk)


def test_contributor_saves_a_practice_of_their_municipality_as_a_draft(login, contributor, indexes):
    client = login(contributor)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    data["action-publish"] = "action-publish"
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(title=NEW_TITLE, alias_of__isnull=True)
    assert not page.live
    assert page.owner == contributor
    assert [loc.municipality.slug for loc in page.locations.all()] == ["katran"]


def test_contributor_cannot_file_a_practice_under_another_municipality(login, contributor, indexes):
    client = login(contributor)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    set_location(data, "bosteri")
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 200
    assert "Катран" in " ".join(response.context["form"].non_field_errors())
    assert not PracticePage.objects.filter(title=NEW_TITLE).exists()


def test_contributor_may_add_a_second_municipality_beside_their_own(login, contributor, indexes):
    client = login(contributor)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    data["locations-TOTAL_FORMS"] = "2"
    set_location(data, "bosteri", index=1)
    data["locations-1-ORDER"] = "2"
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(title=NEW_TITLE, alias_of__isnull=True)
    assert {loc.municipality.slug for loc in page.locations.all()} == {"katran", "bosteri"}


def test_contributor_cannot_move_their_case_to_another_municipality(
    login, contributor, katran_draft
):
    client = login(contributor)
    data = form_data(client, edit_url(katran_draft))
    set_location(data, "bosteri")
    response = client.post(edit_url(katran_draft), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    katran_draft.refresh_from_db()
    assert katran_draft.get_latest_revision_as_object().locations.first().municipality.slug == "katran"


def test_contributor_without_a_municipality_is_told_to_ask_a_moderator(login, make_user, indexes):
    user = make_user("newcomer", CONTRIBUTORS)
    client = login(user)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    set_location(data, "katran")
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 200
    # The admin speaks Kyrgyz to a user who chose no language.
    assert "Модератордон" in " ".join(response.context["form"].non_field_errors())


def test_editor_files_a_practice_under_any_municipality(login, editor, indexes):
    client = login(editor)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    assert data["locations-0-municipality"] == ""
    set_location(data, "bosteri")
    assert client.post(add_url(indexes["ky"]), data).status_code == 302
    page = PracticePage.objects.get(title=NEW_TITLE, alias_of__isnull=True)
    assert page.locations.get().municipality.slug == "bosteri"

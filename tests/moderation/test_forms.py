"""The practice form: a contributor's municipality, what a practice needs, errors by tab, autosave."""

from datetime import timedelta

import pytest
from django.utils import timezone

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


def without_story(data):
    data["what_was_done-count"] = "0"
    for key in [key for key in data if key.startswith("what_was_done-0-")]:
        del data[key]
    return data


def page_messages(response):
    return " ".join(str(message) for message in response.context["messages"])


def test_practice_is_not_published_without_what_was_done(login, moderator, indexes):
    client = login(moderator)
    data = without_story(fill_new_practice(form_data(client, add_url(indexes["ky"]))))
    set_location(data, "katran")
    data["action-publish"] = "action-publish"
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["what_was_done"] == ["Эмне жасалганын жазыңыз."]
    assert not PracticePage.objects.filter(title=NEW_TITLE).exists()


def test_draft_is_saved_before_what_was_done_is_told(login, moderator, indexes):
    client = login(moderator)
    data = without_story(fill_new_practice(form_data(client, add_url(indexes["ky"]))))
    set_location(data, "katran")
    assert client.post(add_url(indexes["ky"]), data).status_code == 302
    assert PracticePage.objects.filter(title=NEW_TITLE).count() == 1


def test_named_contact_person_needs_a_phone_or_an_email_to_publish(login, moderator, indexes):
    client = login(moderator)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    set_location(data, "katran")
    data["contact_name"] = "Гүлнара Асанова"
    data["contact_phone"] = data["contact_email"] = ""
    data["action-publish"] = "action-publish"
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 200
    assert "contact_phone" in response.context["form"].errors

    data["contact_phone"] = "+996 555 123 456"
    assert client.post(add_url(indexes["ky"]), data).status_code == 302
    assert PracticePage.objects.get(title=NEW_TITLE).live


def test_slug_in_use_is_reported_with_the_tab_that_holds_it(login, editor, moderator, indexes):
    taken = fill_new_practice(form_data(login(moderator), add_url(indexes["ky"])))
    set_location(taken, "katran")
    assert login(moderator).post(add_url(indexes["ky"]), taken).status_code == 302

    client = login(editor)
    data = fill_new_practice(form_data(client, add_url(indexes["ky"])))
    set_location(data, "bosteri")
    response = client.post(add_url(indexes["ky"]), data)
    assert response.status_code == 200
    shown = page_messages(response)
    # The admin speaks Kyrgyz: «Promote» is «Илгерилетүү», and Wagtail's slug message is shown in full.
    assert "«Илгерилетүү»" in shown
    assert "katran-social-order" in shown
    assert str(response.context["form"].errors["slug"][0]) in shown
    assert PracticePage.objects.filter(title=NEW_TITLE).count() == 1


def test_errors_on_several_tabs_name_each_tab(login, moderator, indexes):
    client = login(moderator)
    data = without_story(fill_new_practice(form_data(client, add_url(indexes["ky"]))))
    data["summary"] = ""
    data["action-publish"] = "action-publish"
    response = client.post(add_url(indexes["ky"]), data)
    shown = page_messages(response)
    assert "«Тажрыйба»" in shown
    assert "«Баяны»" in shown


def autosave(client, url, data):
    """Wagtail's autosave: the same form, posted in the background, answered in JSON."""
    return client.post(url, data, headers={"Accept": "application/json"})


def test_save_while_the_autosave_creates_the_practice_edits_that_practice(login, contributor, indexes):
    client = login(contributor)
    url = add_url(indexes["ky"])
    data = fill_new_practice(form_data(client, url))
    autosaved = autosave(client, url, data)
    assert autosaved.json()["success"]
    page = PracticePage.objects.get(pk=autosaved.json()["pk"])

    # "Save draft", sent before the autosave's answer moved the form to the edit view.
    data["summary"] = KATRAN_SUMMARY + " Борборго 60 бала барат."
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(edit_url(page))
    assert PracticePage.objects.filter(title=NEW_TITLE).count() == 1
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary.endswith("60 бала барат.")
    edit = client.get(response["Location"])
    assert edit.status_code == 200
    assert "could not" not in page_messages(edit)


def test_autosave_after_the_save_created_the_practice_saves_it_again(login, contributor, indexes):
    client = login(contributor)
    url = add_url(indexes["ky"])
    data = fill_new_practice(form_data(client, url))
    assert client.post(url, data).status_code == 302
    answer = autosave(client, url, data)
    assert answer.json()["success"]
    assert PracticePage.objects.filter(title=NEW_TITLE).count() == 1


def test_another_users_practice_with_the_same_slug_is_not_edited(login, contributor, make_user, indexes):
    other = make_user("other", CONTRIBUTORS, municipality="katran")
    url = add_url(indexes["ky"])
    autosave(login(other), url, fill_new_practice(form_data(login(other), url)))

    client = login(contributor)
    response = client.post(url, fill_new_practice(form_data(client, url)))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert PracticePage.objects.get(title=NEW_TITLE).owner == other


def test_an_older_practice_with_the_same_slug_is_not_edited(login, contributor, indexes):
    client = login(contributor)
    url = add_url(indexes["ky"])
    first = autosave(client, url, fill_new_practice(form_data(client, url))).json()["pk"]
    PracticePage.objects.get(pk=first).revisions.update(created_at=timezone.now() - timedelta(minutes=30))

    response = client.post(url, fill_new_practice(form_data(client, url)))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors

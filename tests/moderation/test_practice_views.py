"""The practice's add form starts in the linked municipality; its edit form opens with the moderators' comment."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import querydict_from_html

from practices.models import Municipality
from tests.moderation.conftest import CHANGES_COMMENT, add_url, edit_url, form_data, words
from tests.moderation.test_workflows import act, submit

pytestmark = pytest.mark.django_db


def first_location(client, url):
    """The municipality id the add form's first location starts with, as the browser would send it."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return data.get("locations-0-municipality")


def municipality_id(slug):
    return str(Municipality.objects.get(slug=slug).pk)


def test_the_add_link_fills_in_the_contributors_municipality(login, contributor, indexes):
    client = login(contributor)
    assert first_location(client, add_url(indexes["ky"]) + "?municipality=katran") == municipality_id(
        "katran"
    )


@pytest.mark.parametrize(
    "value", ["bosteri", "ak-chiy", "../katran", "katran'--", "²", "x" * 5000, "", "\x00"]
)
def test_a_tampered_municipality_in_the_link_is_ignored(login, contributor, indexes, value):
    url = f"{add_url(indexes['ky'])}?{urlencode({'municipality': value})}"
    # The contributor's own municipality, as without the link's.
    assert first_location(login(contributor), url) == municipality_id("katran")


def test_an_editor_adds_a_practice_for_the_municipality_the_link_names(login, editor, indexes):
    client = login(editor)
    assert first_location(client, add_url(indexes["ky"]) + "?municipality=bosteri") == municipality_id(
        "bosteri"
    )
    assert not first_location(client, add_url(indexes["ky"]))


def changes_notice(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(".portal-edit-notice")


def test_edit_form_shows_the_comment_until_the_practice_is_resubmitted(
    login, contributor, moderator, katran_draft
):
    client = login(contributor)
    assert changes_notice(client, katran_draft) is None
    page = submit(client, katran_draft)
    assert changes_notice(client, page) is None
    act(login(moderator), page, "reject", comment=CHANGES_COMMENT)
    notice = changes_notice(login(contributor), page)
    assert words(notice.select_one("blockquote").get_text(" ")) == words(CHANGES_COMMENT)
    # Above the form, not behind the status panel.
    assert notice.find_next("form")["id"] == "page-edit-form"
    # Saving a draft of the changes keeps the comment in sight.
    client = login(contributor)
    data = form_data(client, edit_url(page))
    assert client.post(edit_url(page), data).status_code == 302
    assert changes_notice(client, page) is not None
    submit(client, page)
    assert changes_notice(client, page) is None


def test_a_request_for_changes_without_a_comment_says_so(login, contributor, moderator, katran_draft):
    page = submit(login(contributor), katran_draft)
    act(login(moderator), page, "reject", comment="")
    notice = changes_notice(login(contributor), page)
    assert notice.select_one("blockquote") is None
    assert notice.select_one("h2") is not None

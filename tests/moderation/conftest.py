import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE


@pytest.fixture
def moderation(site_tree):
    """Roles and workflow on this run's page tree (the migration ran before the tree existed)."""
    from moderation.setup import ensure_moderation

    return ensure_moderation()


@pytest.fixture
def make_user(moderation, django_user_model):
    from django.contrib.auth.models import Group

    from moderation.models import ContributorProfile
    from practices.models import Municipality

    def make(username, role=None, municipality=None, **profile):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw", first_name=username.title()
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        if municipality or profile:
            ContributorProfile.objects.create(
                user=user,
                municipality=Municipality.objects.get(slug=municipality) if municipality else None,
                **profile,
            )
        return user

    return make


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", MODERATORS)


@pytest.fixture
def editor(make_user):
    return make_user("editor", EDITORS)


@pytest.fixture
def contributor(make_user):
    """The executive secretary of Katran ayil aimak (Leilek rayon, Batken oblast)."""
    return make_user(
        "katran",
        CONTRIBUTORS,
        municipality="katran",
        position="Айыл өкмөтүнүн жооптуу катчысы",
        phone="+996 3656 5 12 34",
        contact_consent=True,
    )


@pytest.fixture
def katran_draft(practice):
    return practice(municipality="katran", live=False)


@pytest.fixture
def bosteri_draft(practice):
    return practice(
        title=BOSTERI_TITLE,
        summary=BOSTERI_SUMMARY,
        oblast="issyk-kul",
        municipality="bosteri",
        services=("inclusive-education",),
        live=False,
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# Wagtail draws stream fields in the browser, so the page's HTML has no inputs
# for them. The test practices tell what was done in one paragraph, which a
# practice needs before it is published, and leave the steps empty.
STORIES = {
    "ky": "Айыл өкмөтү бош имаратты оңдоп, «Инсан-Лейлек» коомдук фонду бала бакча ачты.",
    "ru": "Айыл окмоту отремонтировал пустующее здание, и фонд «Инсан-Лейлек» открыл детский сад.",
    "en": "The ayil okmotu repaired an empty building, and the Insan-Leilek foundation opened a kindergarten.",
}
STORY = STORIES["ky"]


def tell_what_was_done(data, text=STORY):
    """Put one paragraph in the form's "what was done", as Draftail sends it."""
    paragraph = {"key": "story", "type": "unstyled", "text": text, "depth": 0,
                 "inlineStyleRanges": [], "entityRanges": []}
    data["what_was_done-count"] = "1"
    data["what_was_done-0-type"] = "text"
    data["what_was_done-0-value"] = json.dumps({"blocks": [paragraph], "entityMap": {}})
    data["what_was_done-0-deleted"] = ""
    data["what_was_done-0-order"] = "0"
    data["what_was_done-0-id"] = "7d0c1b52-1f7e-4c53-9a39-3f1c2f3d0a11"
    return data


def form_data(client, url):
    """The admin page form at `url` as the browser would send it back, unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    page = response.context.get("page") or response.context["parent_page"]
    tell_what_was_done(data, STORIES.get(page.locale.language_code, STORY))
    data.setdefault("replication_steps-count", "0")
    return data


# A moderator's request for changes of several lines, longer than any list would show of it.
CHANGES_COMMENT = (
    "Балдардын санын жана каржылоонун булагын тактаңыз: мектепке чейинки курактагы 1000ден ашык "
    "баланын канчасы бала бакчага барат?\n"
    "«Инсан-Лейлек» коомдук фонду менен түзүлгөн келишимдин мөөнөтүн жана GIZдин Жарандык коомду "
    "колдоо фондунун салымын жазыңыз.\n\n"
    "Сүрөттөрдүн астына эмне көрсөтүлгөнүн кошуңуз."
)


def words(text):
    """`text` with its white space folded, as a browser shows it."""
    return " ".join(text.split())

"""Assisted submission: an editor or moderator enters a practice for a municipality with no one online."""

import pytest
from django.contrib.auth.models import Group

from practices.models import PracticePage
from submissions.models import PracticeSubmission
from submissions.protection import started_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(moderation, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.kg", "pw", first_name="Бакыт")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderation(site_tree):
    from moderation.setup import ensure_moderation

    return ensure_moderation()


def core_only(valid_data):
    """The short mandatory core, typed at once: no optional detail, no waiting."""
    data = {name: valid_data[name] for name in ("title", "municipality", "what_was_done", "contact_name",
                                                   "contact_phone")}
    data["started"] = started_token()
    return data


def test_editor_enters_a_practice_for_a_municipality_and_the_record_says_so(
    client, editor, valid_data, share_url, django_capture_on_commit_callbacks, mailoutbox, django_user_model,
):
    moderator = django_user_model.objects.create_user("moderator", "moderator@example.kg", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    form = client.get(share_url)
    assert form.context["assisting"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(share_url, core_only(valid_data))
    assert response.status_code == 302
    submission = PracticeSubmission.objects.get()
    assert submission.assisted_by == editor
    page = PracticePage.objects.get(pk=submission.page_id)
    assert page.owner == editor
    assert page.workflow_in_progress and page.current_workflow_state.requested_by == editor
    notices = [mail for mail in mailoutbox if submission.reference in mail.subject]
    assert notices and "Бакыт" in notices[0].body


def test_editor_is_not_held_by_the_limits_for_the_public(client, editor, valid_data, share_url, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 1
    client.force_login(editor)
    for number in range(3):
        data = core_only(valid_data)
        data["title"] = f"{valid_data['title']} {number}"
        assert client.post(share_url, data).status_code == 302
    assert PracticeSubmission.objects.filter(assisted_by=editor).count() == 3


def test_a_reader_without_a_role_is_not_assisting(client, valid_data, share_url, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "r@example.kg", "pw"))
    assert not client.get(share_url).context["assisting"]
    # Typed at once: the public form's minimum fill time applies.
    assert client.post(share_url, core_only(valid_data)).status_code == 400
    assert not PracticeSubmission.objects.exists()

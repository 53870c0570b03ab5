"""Who hears about a shared practice, and in which language."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.users.models import UserProfile

from submissions.emails import moderator_recipients, send_acknowledgment, send_moderator_notice
from submissions.models import PracticeSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_tree):
    from practices.models import Municipality

    return PracticeSubmission.objects.create(
        language="ru", title="Детский сад «Алтын-Бешик»", municipality=Municipality.objects.get(slug="katran"),
        what_was_done="Айыл өкмөтү социалдык тапшырык жарыялады.", contact_name="Гүлнара",
        contact_email="katran@example.kg", reference="LSG-2026-000042",
    )


@override_settings(SUBMISSIONS_NOTIFY_EMAILS=["desk@example.kg"])
def test_moderators_group_members_are_told_in_their_own_language(django_user_model):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    for name, language in (("aida", "ru"), ("bakyt", "")):
        user = django_user_model.objects.create_user(name, f"{name}@example.kg", "pw")
        user.groups.add(moderators)
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    django_user_model.objects.create_user("gone", "gone@example.kg", "pw", is_active=False).groups.add(
        moderators
    )
    assert moderator_recipients() == {"ru": ["aida@example.kg"], "ky": ["bakyt@example.kg"]}


@override_settings(SUBMISSIONS_NOTIFY_EMAILS=["desk@example.kg"])
def test_configured_addresses_stand_in_for_an_empty_moderators_group():
    Group.objects.get_or_create(name="Moderators")
    assert moderator_recipients() == {"ky": ["desk@example.kg"]}


def test_notice_without_a_draft_carries_the_whole_text(submission, mailoutbox, settings):
    settings.SUBMISSIONS_NOTIFY_EMAILS = ["desk@example.kg"]
    assert send_moderator_notice(submission)
    body = mailoutbox[0].body
    assert "LSG-2026-000042" in mailoutbox[0].subject
    assert "Айыл өкмөтү социалдык тапшырык жарыялады." in body
    assert "katran@example.kg" in body


def test_acknowledgment_goes_only_to_a_sender_with_an_email(submission, mailoutbox):
    assert send_acknowledgment(submission)
    assert mailoutbox[0].to == ["katran@example.kg"]
    assert "\n" not in mailoutbox[0].subject
    submission.contact_email = ""
    assert not send_acknowledgment(submission)
    assert len(mailoutbox) == 1

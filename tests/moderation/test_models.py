"""The contributor profile: a municipality for contributors, and consent to show the contact."""

import pytest
from django.core.exceptions import ValidationError

from moderation.models import ContributorProfile
from moderation.roles import CONTRIBUTORS

pytestmark = pytest.mark.django_db


def test_a_municipal_contributor_needs_a_municipality(make_user):
    user = make_user("newcomer", CONTRIBUTORS)
    with pytest.raises(ValidationError) as error:
        ContributorProfile(user=user).full_clean()
    assert "municipality" in error.value.message_dict


def test_an_editor_profile_needs_no_municipality(editor):
    ContributorProfile(user=editor, phone="+996 312 62 00 00").full_clean()


def test_profile_fills_the_practice_contact(contributor):
    contributor.last_name = "Асанова"
    contributor.save()
    contact = contributor.contributor_profile.practice_contact()
    assert contact == {
        "contact_name": "Katran Асанова",
        "contact_role": "Айыл өкмөтүнүн жооптуу катчысы",
        "contact_phone": "+996 3656 5 12 34",
        "contact_email": "katran@example.org",
    }

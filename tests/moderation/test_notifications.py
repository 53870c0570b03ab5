"""Workflow notices reach each person in their own language, say "changes requested" and link to the portal's address."""

import re

import pytest
from django.conf import settings
from wagtail.users.models import UserProfile

from moderation.roles import MODERATORS
from tests.moderation.test_workflows import CHANGES_REQUESTED, act, submit

pytestmark = pytest.mark.django_db


def prefers(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def mail_to(mailoutbox, user):
    [mail] = [mail for mail in mailoutbox if mail.to == [user.email]]
    return mail


def links(mail):
    found = re.findall(r"https?://\S+", mail.body)
    assert found
    return found


def test_submission_reaches_each_moderator_in_their_language(
    login, contributor, make_user, katran_draft, mailoutbox
):
    kyrgyz = make_user("aigul", MODERATORS)
    russian = prefers(make_user("olga", MODERATORS), "ru")
    submit(login(prefers(contributor, "en")), katran_draft)

    in_kyrgyz = mail_to(mailoutbox, kyrgyz)
    assert "бекитүүгө жөнөтүлдү" in in_kyrgyz.subject + in_kyrgyz.body
    in_russian = mail_to(mailoutbox, russian)
    assert "отправлена" in in_russian.subject + in_russian.body
    for mail in (in_kyrgyz, in_russian):
        assert katran_draft.title in mail.subject
        assert "submitted" not in mail.subject + mail.body
        assert all(link.startswith(settings.WAGTAILADMIN_BASE_URL + "/admin/") for link in links(mail))


@pytest.mark.parametrize(
    "language, says",
    [
        ("ky", ["оңдоо суралды", "оңдоону сурады", "Модератордун комментарийи:"]),
        ("ru", ["Запрошены изменения", "запросил(а) изменения", "Комментарий модератора:"]),
        ("en", ["Changes requested", "requested changes", "The moderator's comment:"]),
    ],
)
def test_request_for_changes_reaches_the_author_in_their_language(
    login, contributor, moderator, katran_draft, mailoutbox, language, says
):
    page = submit(login(prefers(contributor, language)), katran_draft)
    mailoutbox.clear()
    act(login(moderator), page, "reject", comment=CHANGES_REQUESTED)

    mail = mail_to(mailoutbox, contributor)
    text = mail.subject + "\n" + mail.body
    assert [phrase for phrase in says if phrase not in text] == []
    assert CHANGES_REQUESTED in mail.body
    assert not re.search("reject|отклон", text, re.I)
    assert links(mail) == [f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/"] + [
        f"{settings.WAGTAILADMIN_BASE_URL}/admin/account/#tab-notifications"
    ]


def test_approval_links_to_the_published_practice_at_the_portal_address(
    login, contributor, moderator, katran_draft, mailoutbox
):
    page = submit(login(contributor), katran_draft)
    mailoutbox.clear()
    page = act(login(moderator), page, "approve")

    mail = mail_to(mailoutbox, contributor)
    assert "бекитилди" in mail.subject
    assert page.full_url in mail.body
    assert "localhost" not in mail.body
    assert all(link.startswith(settings.WAGTAILADMIN_BASE_URL + "/") for link in links(mail))

"""Practices go to the moderators: submit, approve or request changes, with Wagtail's emails."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from moderation.workflows import WORKFLOW_NAME, ensure_moderation_workflow
from tests.moderation.conftest import edit_url, form_data

pytestmark = pytest.mark.django_db

CHANGES_REQUESTED = "Балдардын санын жана каржылоонун булагын тактаңыз."


def submit(client, page):
    data = form_data(client, edit_url(page))
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def act(client, page, action, comment=None):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment} if comment is not None else {})
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def test_every_practice_list_and_practice_goes_to_the_moderators(moderation, indexes, katran_draft):
    for index in indexes.values():
        assert index.get_workflow().name == WORKFLOW_NAME
    assert katran_draft.get_workflow().name == WORKFLOW_NAME
    task = katran_draft.get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_the_workflow_is_not_duplicated(moderation, indexes):
    first = ensure_moderation_workflow()
    assert ensure_moderation_workflow() == first
    assert first.tasks.count() == 1


def test_submitting_puts_the_practice_in_moderation_and_emails_the_moderators(
    login, contributor, moderator, katran_draft, mailoutbox
):
    page = submit(login(contributor), katran_draft)
    assert page.workflow_in_progress
    assert not page.live
    assert page.current_workflow_state.requested_by == contributor
    to_moderator = [mail for mail in mailoutbox if moderator.email in mail.to]
    assert to_moderator
    assert page.title in to_moderator[0].subject
    assert all(contributor.email not in mail.to for mail in mailoutbox)
    assert to_moderator[0].from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL


def test_contributor_cannot_approve_their_own_submission(login, contributor, katran_draft):
    client = login(contributor)
    page = submit(client, katran_draft)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url)
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress


def test_moderator_approves_and_the_practice_goes_live_and_the_author_hears(
    client, login, contributor, moderator, katran_draft, mailoutbox
):
    page = submit(login(contributor), katran_draft)
    mailoutbox.clear()
    page = act(login(moderator), page, "approve")
    assert page.live
    assert not page.workflow_in_progress
    assert page.current_workflow_state is None
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert [mail.to for mail in mailoutbox] == [[contributor.email]]
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_moderator_requests_changes_and_the_author_gets_the_comment(
    login, contributor, moderator, katran_draft, mailoutbox
):
    page = submit(login(contributor), katran_draft)
    mailoutbox.clear()
    page = act(login(moderator), page, "reject", comment=CHANGES_REQUESTED)
    assert not page.live
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [mail.to for mail in mailoutbox] == [[contributor.email]]
    assert CHANGES_REQUESTED in mailoutbox[0].body
    assert "wagtail.workflow.reject" in PageLogEntry.objects.filter(page=page).values_list(
        "action", flat=True
    )


def test_author_resubmits_after_changes_and_moderators_hear_again(
    login, contributor, moderator, katran_draft, mailoutbox
):
    client = login(contributor)
    page = submit(client, katran_draft)
    act(login(moderator), page, "reject", comment=CHANGES_REQUESTED)
    mailoutbox.clear()
    page = submit(login(contributor), page)
    assert page.workflow_in_progress
    assert any(moderator.email in mail.to for mail in mailoutbox)


def test_editor_submits_and_moderator_publishes(login, editor, moderator, bosteri_draft, mailoutbox):
    page = submit(login(editor), bosteri_draft)
    assert any(moderator.email in mail.to for mail in mailoutbox)
    page = act(login(moderator), page, "approve")
    assert page.live
    assert any(editor.email in mail.to for mail in mailoutbox)


def test_practice_in_moderation_is_read_only_for_its_author(login, contributor, katran_draft):
    page = submit(login(contributor), katran_draft)
    assert page.permissions_for_user(contributor).page_locked()


def test_approved_practice_with_a_go_live_date_is_scheduled_not_published(
    login, contributor, moderator, katran_draft
):
    import datetime

    from django.utils import timezone

    client = login(contributor)
    data = form_data(client, edit_url(katran_draft))
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url(katran_draft), data).status_code == 302
    katran_draft.refresh_from_db()
    page = act(login(moderator), katran_draft, "approve")
    assert not page.live
    assert page.scheduled_revision is not None
    # Stored in UTC; the form's date is Bishkek's, which is a day ahead late at night.
    assert timezone.localtime(page.scheduled_revision.approved_go_live_at).date() == go_live.date()


def test_moderator_previews_a_submitted_practice(login, contributor, moderator, katran_draft):
    page = submit(login(contributor), katran_draft)
    response = login(moderator).get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert page.title in response.content.decode()


def wagtail_default_workflow():
    """Wagtail's install: the root page's "Moderators approval", as a database built before the portal has it."""
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow, task, root


def test_every_other_page_goes_to_the_same_kyrgyz_named_workflow(moderation, indexes):
    from wagtail.models import Page

    workflow, task, root = wagtail_default_workflow()
    ours = ensure_moderation_workflow()
    home = Page.objects.filter(depth=2).first()
    assert root.get_workflow() == ours
    assert home.specific.get_workflow().name == WORKFLOW_NAME
    workflow.refresh_from_db()
    task.refresh_from_db()
    assert not workflow.active and not task.active


def test_wagtail_default_workflow_stays_on_while_a_page_is_still_in_it(moderation, indexes, editor):
    from wagtail.models import Page

    workflow, task, root = wagtail_default_workflow()
    home = Page.objects.filter(depth=2).first()
    WorkflowState.objects.create(
        base_content_type=home.content_type, content_type=home.content_type,
        object_id=str(home.pk), workflow=workflow, status=WorkflowState.STATUS_IN_PROGRESS, requested_by=editor,
    )
    ours = ensure_moderation_workflow()
    workflow.refresh_from_db()
    assert workflow.active
    # New submissions go to the portal's workflow all the same.
    assert root.get_workflow() == ours

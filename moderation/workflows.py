"""The moderation workflow: every practice goes to the moderators before it is published.

Wagtail's own workflow does the work (submission, approval, requests for
changes with a comment, notification emails, audit log); this module makes
sure the workflow exists and covers the practice list in every language, and
finds the comments of requests for changes, which the contributor's dashboard
and the practice form show in full.
"""

from django.apps import apps as global_apps

from moderation.roles import MODERATORS

# Wagtail shows these names as they are, in every admin language ("Submit to
# Модерация"). «Модерация» reads the same in Kyrgyz and Russian.
WORKFLOW_NAME = "Модерация"
TASK_NAME = "Модераторлордун текшерүүсү"
# The names earlier versions gave them; a database that has them is renamed.
FORMER_NAMES = {WORKFLOW_NAME: "Moderation", TASK_NAME: "Moderators review"}
# Wagtail's install gives the root page a workflow and task of this name.
WAGTAIL_DEFAULT_NAME = "Moderators approval"
UNFINISHED = ("in_progress", "needs_changes")


def ensure_moderation_workflow(apps=global_apps):
    """Create the workflow and its moderators' task if missing, and assign it to every practice list."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")

    Workflow.objects.filter(name=FORMER_NAMES[WORKFLOW_NAME]).update(name=WORKFLOW_NAME)
    GroupApprovalTask.objects.filter(name=FORMER_NAMES[TASK_NAME]).update(name=TASK_NAME)
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})[0]
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            # Historical models do not fill in the content type the way
            # Wagtail's Task does, and Wagtail needs it to find the task's type.
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
        task.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # A list that an administrator has already given another workflow keeps it.
    for index in PracticeIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
    _take_over_wagtail_default(apps, workflow)
    return workflow


def _take_over_wagtail_default(apps, workflow):
    # Wagtail's default workflow asks the same moderators, under an English
    # name that no catalogue translates. One workflow serves every page
    # instead; Wagtail's is switched off once no page is still going through it.
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    for default in Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME, active=True).exclude(pk=workflow.pk):
        WorkflowPage.objects.filter(workflow=default).update(workflow=workflow)
        if WorkflowState.objects.filter(workflow=default, status__in=UNFINISHED).exists():
            continue
        Workflow.objects.filter(pk=default.pk).update(active=False)
        for task_id in WorkflowTask.objects.filter(workflow=default).values_list("task_id", flat=True):
            if not WorkflowTask.objects.filter(task_id=task_id, workflow__active=True).exists():
                Task.objects.filter(pk=task_id).update(active=False)


def page_workflow_states():
    """Workflow states of pages: they point at a page by a text id and the base page content type."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, WorkflowState

    return WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(Page))


def changes_requested(page_ids):
    """The moderators' request for changes each of these pages still waits on, by page id.

    Wagtail calls it a rejected task: the task state keeps the moderator's
    comment, who wrote it and when. Once the page is resubmitted (or its
    workflow cancelled) the workflow state no longer needs changes, and the
    request is answered.
    """
    from wagtail.models import WorkflowState

    states = (
        page_workflow_states()
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES, object_id__in=[str(pk) for pk in page_ids])
        .exclude(current_task_state=None)
        .select_related("current_task_state__finished_by")
    )
    return {int(state.object_id): state.current_task_state for state in states}

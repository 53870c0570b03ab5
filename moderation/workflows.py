"""The moderation workflow: every practice goes to the moderators before it is published.

Wagtail's own workflow does the work (submission, approval, requests for
changes with a comment, notification emails, audit log); this module only
makes sure the workflow exists and covers the practice list in every language.
"""

from django.apps import apps as global_apps

from moderation.roles import MODERATORS

# Wagtail shows these names as they are, in every admin language ("Submit to
# Модерация"). «Модерация» reads the same in Kyrgyz and Russian.
WORKFLOW_NAME = "Модерация"
TASK_NAME = "Модераторлордун текшерүүсү"
# The names earlier versions gave them; a database that has them is renamed.
FORMER_NAMES = {WORKFLOW_NAME: "Moderation", TASK_NAME: "Moderators review"}


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
    return workflow

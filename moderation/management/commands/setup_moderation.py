from django.core.management.base import BaseCommand

from moderation.setup import ensure_moderation


class Command(BaseCommand):
    help = (
        "Create the editorial roles (Moderators, Editors, Municipal contributors) and the "
        "moderation workflow on every practice list, where missing."
    )

    def handle(self, *args, **options):
        groups, workflow = ensure_moderation()
        from practices.models import PracticeIndexPage

        pages = workflow.workflow_pages.filter(page__in=PracticeIndexPage.objects.all()).count()
        self.stdout.write(
            f"Roles: {', '.join(groups)}. Workflow {workflow.name} on {pages} practice list(s)."
        )

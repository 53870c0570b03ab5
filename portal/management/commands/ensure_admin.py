import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create a superuser for local use if it does not exist yet. The password comes from "
        "--password or PORTAL_ADMIN_PASSWORD; an existing account is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")
        parser.add_argument("--password", default=os.environ.get("PORTAL_ADMIN_PASSWORD"))

    def handle(self, *args, **options):
        if not settings.PORTAL_DEMO_ACCOUNTS:
            raise CommandError(
                "These settings do not allow demo accounts (PORTAL_DEMO_ACCOUNTS is off, as in production); "
                "use createsuperuser and the admin's Users page instead."
            )
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            self.stdout.write(f"User {options['username']} exists; left unchanged.")
            return
        if not options["password"]:
            raise CommandError("Give --password or set PORTAL_ADMIN_PASSWORD.")
        User.objects.create_superuser(options["username"], options["email"], options["password"])
        self.stdout.write(f"Created superuser {options['username']}.")

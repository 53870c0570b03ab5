"""Demo accounts, one per editorial role, for trying the moderation flow locally."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from moderation.models import ContributorProfile
from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
from moderation.setup import ensure_moderation
from practices.models import Municipality

# (username, first name, last name, role, municipality slug)
DEMO_USERS = (
    ("moderator", "Айгүл", "Модератор", MODERATORS, None),
    ("editor", "Бакыт", "Редактор", EDITORS, None),
    ("katran", "Нурлан", "Катрандык", CONTRIBUTORS, "katran"),
)


class Command(BaseCommand):
    help = (
        "Create demo users for each role (moderator, editor, and a contributor of Katran ayil aimak) "
        "if they do not exist; existing accounts are left as they are. Local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("PORTAL_ADMIN_PASSWORD"))

    def handle(self, *args, **options):
        if not settings.PORTAL_DEMO_ACCOUNTS:
            raise CommandError(
                "These settings do not allow demo accounts (PORTAL_DEMO_ACCOUNTS is off, as in production); "
                "use createsuperuser and the admin's Users page instead."
            )
        if not options["password"]:
            raise CommandError("Give --password or set PORTAL_ADMIN_PASSWORD.")
        ensure_moderation()
        User = get_user_model()
        for username, first, last, role, municipality in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"User {username} exists; left unchanged.")
                continue
            user = User.objects.create_user(
                username, f"{username}@example.org", options["password"], first_name=first, last_name=last,
            )
            user.groups.add(Group.objects.get(name=role))
            if municipality:
                ContributorProfile.objects.create(
                    user=user, municipality=Municipality.objects.get(slug=municipality),
                    position="Айыл өкмөтүнүн жооптуу катчысы", phone="+996 555 000 000", contact_consent=True,
                )
            self.stdout.write(f"Created {username} ({role}).")

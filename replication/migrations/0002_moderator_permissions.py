from django.db import migrations

from moderation.roles import ensure_roles


def grant(apps, schema_editor):
    # Moderators follow up replication requests and shared practices.
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("replication", "0001_initial"),
        ("moderation", "0002_roles_and_workflow"),
        ("submissions", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

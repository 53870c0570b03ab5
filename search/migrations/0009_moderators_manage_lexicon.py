from django.db import migrations

from moderation.roles import ensure_roles


def grant(apps, schema_editor):
    # Moderators keep the search lexicon, as they keep the synonyms.
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_lexicon_entry"),
        ("moderation", "0003_file_collections"),
        ("replication", "0002_moderator_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""The file collections get Kyrgyz names, and Wagtail's English default workflow gives way to «Модерация»."""

from django.db import migrations

from moderation.setup import ensure_moderation


def apply(apps, schema_editor):
    ensure_moderation(apps)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_file_collections")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]

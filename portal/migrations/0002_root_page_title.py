"""Wagtail's install calls the tree's root page "Root"; the admin shows the title as it is, in every language."""

from django.db import migrations

ROOT_TITLE = "Портал"


def name_the_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(name_the_root, migrations.RunPython.noop)]

from django.db import migrations

from moderation.setup import ensure_moderation


def create_roles_and_workflow(apps, schema_editor):
    # On an empty database the practice lists do not exist yet; contributors'
    # permissions and the workflow reach them when ensure_moderation() runs
    # again after the site structure is built.
    ensure_moderation(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("practices", "0002_reference_data"),
        ("search", "0005_editorial"),
        ("simple_translation", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
